#include "proof/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace pappus::proof {

namespace {

std::string up(const Problem& problem, PointId p) {
  std::string s = problem.point_name(p);
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string list(const Problem& pr, const std::vector<PointId>& pts) {
  std::string s;
  for (std::size_t i = 0; i < pts.size(); ++i) s += (i ? (i + 1 == pts.size() ? " and " : ", ") : "") + up(pr, pts[i]);
  return s;
}

// The ordinary angle at the shared point of lines (p, q) and (r, t), if
// they share one: vertex, and the other points on each line.
struct Corner {
  PointId x, v, y;
};
std::optional<Corner> corner(PointId p, PointId q, PointId r, PointId t) {
  if (p == r) return Corner{q, p, t};
  if (p == t) return Corner{q, p, r};
  if (q == r) return Corner{p, q, t};
  if (q == t) return Corner{p, q, r};
  return std::nullopt;
}

double ray_angle(const Diagram& d, const Corner& c) {
  const geo::Vec2 u = d.at(c.x) - d.at(c.v), w = d.at(c.y) - d.at(c.v);
  return std::abs(geo::angle_between(u, w));
}

// How a step that puts points on a known line or circle reads.
const char* same_object(const PredicateInfo& info) {
  if (!point_set(info)) return "restated";
  return info.locus == Locus::Line ? "same line" : "same circle";
}

std::string corner_text(const Problem& pr, const Corner& c) { return "∠" + up(pr, c.x) + up(pr, c.v) + up(pr, c.y); }

std::string degrees(double radians) {
  const double deg = radians * 180 / geo::kPi;
  if (std::abs(deg - std::round(deg)) < tolerance::kCoarse) return fmt::format("{}°", static_cast<long>(std::round(deg)));
  return fmt::format("{:.2f}°", deg);
}

std::string fraction(const Constant& c) { return c.den > 0 ? fmt::format("{}/{}", c.num, c.den) : c.text; }

// The predicate's template for people, filled in (see PredicateInfo::text).
std::string fill(const Problem& pr, std::string_view text, const Step& s) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += text[i];
      continue;
    }
    const std::string_view field = text.substr(i + 1, close - i - 1);
    i = close;
    if (field == "*" || field == "1*") {
      out += list(pr, std::vector<PointId>(s.args.begin() + (field == "*" ? 0 : 1), s.args.end()));
    } else if (field == "r" || field == "n" || field == "deg") {
      if (!s.number_arg) out += "?";
      else out += field == "r" ? fraction(*s.number_arg) : field == "n" ? s.number_arg->text : degrees(s.number_arg->value);
    } else {
      out += up(pr, s.args[static_cast<std::size_t>(field[0] - '0')]);
    }
  }
  return out;
}

}  // namespace

std::string statement_for_people(const Problem& pr, const Diagram& d, const Step& s) {
  const PredicateInfo& info = predicate_info(s.pred);
  if (info.text.empty()) return statement_text(pr, s);
  const auto& a = s.args;
  // Angles whose lines meet at a named point read as ordinary angles.
  if (info.corners && !info.number) {  // eqangle: two angles
    auto c1 = corner(a[0], a[1], a[2], a[3]), c2 = corner(a[4], a[5], a[6], a[7]);
    if (c1 && c2) {
      const double x = ray_angle(d, *c1), y = ray_angle(d, *c2);
      if (std::abs(x - y) < tolerance::kCoarse) return corner_text(pr, *c1) + " = " + corner_text(pr, *c2);
      if (std::abs(x + y - geo::kPi) < tolerance::kCoarse)
        return corner_text(pr, *c1) + " + " + corner_text(pr, *c2) + " = 180°";
    }
  } else if (info.corners) {  // aconst: an angle and its value
    if (auto c = corner(a[0], a[1], a[2], a[3])) return corner_text(pr, *c) + " = " + degrees(ray_angle(d, *c));
  }
  return fill(pr, info.text, s);
}

std::string step_text(const Problem& pr, const Diagram& d, const Proof& proof, const Step& s) {
  const std::string st = statement_for_people(pr, d, s);
  std::string cited;
  for (std::size_t i = 0; i < s.uses.size(); ++i) cited += fmt::format("{}({})", i ? ", " : "", s.uses[i]);
  switch (s.kind) {
    case Step::Kind::Premise: {
      std::string clause;
      if (s.clause >= 0) {
        const Clause& c = pr.clauses[s.clause];
        for (std::size_t k = 0; k < c.constructions.size(); ++k) {
          const auto& use = c.constructions[k];
          clause += (k ? ", " : "") + use.name;
          for (const auto& arg : use.args) clause += " " + (arg.is_point ? pr.point_name(arg.point) : arg.number.text);
        }
      }
      return st + "  [" + (s.auxiliary ? "auxiliary construction" : "given") + ": " + clause + "]";
    }
    case Step::Kind::Rule: return cited + " ⇒ " + st + "  [" + s.title + "]";
    case Step::Kind::Algebra: {
      // The sum of the cited equalities; coefficient 0 marks a line identity.
      std::string sum, lines;
      for (std::size_t i = 0; i < s.uses.size(); ++i) {
        const std::string& c = s.coefficients[i];
        if (c == "0") {
          lines += fmt::format("{}({})", lines.empty() ? "" : ", ", s.uses[i]);
          continue;
        }
        const bool neg = c[0] == '-';
        const std::string mag = neg ? c.substr(1) : c;
        sum += sum.empty() ? (neg ? "−" : "") : (neg ? " − " : " + ");
        sum += (mag == "1" ? "" : mag + "·") + fmt::format("({})", s.uses[i]);
      }
      std::string how = s.table == Step::Table::Angles      ? "angle chasing"
                        : s.table == Step::Table::Distances ? "distance chasing along a line"
                                                            : "ratio chasing";
      if (!sum.empty()) how += ": " + sum;
      if (!lines.empty()) how += "; same lines: " + lines;
      return st + "  [" + how + "]";
    }
    case Step::Kind::SameObject:
      return (cited.empty() ? "" : cited + " ⇒ ") + st + "  [" +
             same_object(predicate_info(s.pred)) + "]";
    case Step::Kind::Definition: return cited + " ⇒ " + st + "  [definition]";
    case Step::Kind::Part: {
      const std::string_view what = predicate_info(proof.steps[s.uses[0] - 1].pred).part_text;
      return cited + " ⇒ " + st + "  [" + std::string(what) + " (" + std::to_string(s.uses[0]) + ")]";
    }
  }
  return st;
}

std::string to_text(const Proof& proof, const Problem& pr, const Diagram& d) {
  std::string out;
  if (!proof.auxiliary_clauses.empty()) {
    out += "Auxiliary constructions:\n";
    for (int c : proof.auxiliary_clauses) {
      const Clause& clause = pr.clauses[c];
      std::string text;
      for (PointId p : clause.points) text += (text.empty() ? "" : " ") + pr.point_name(p);
      text += " =";
      for (std::size_t k = 0; k < clause.constructions.size(); ++k) {
        const auto& use = clause.constructions[k];
        text += (k ? ", " : " ") + use.name;
        for (const auto& arg : use.args) text += " " + (arg.is_point ? pr.point_name(arg.point) : arg.number.text);
      }
      out += "  " + text + "\n";
    }
  }
  out += "Proof:\n";
  const int width = static_cast<int>(std::to_string(proof.steps.size()).size());
  for (const Step& s : proof.steps)
    out += fmt::format("  {:>{}}. {}\n", s.number, width, step_text(pr, d, proof, s));
  std::string goals;
  for (int g : proof.goals) goals += (goals.empty() ? "" : ", ") + statement_for_people(pr, d, proof.steps[g - 1]);
  out += "Proved: " + goals + "\n";
  return out;
}

namespace {

const char* kind_name(Step::Kind k) {
  switch (k) {
    case Step::Kind::Premise: return "premise";
    case Step::Kind::Rule: return "rule";
    case Step::Kind::Algebra: return "algebra";
    case Step::Kind::SameObject: return "same_object";
    case Step::Kind::Definition: return "definition";
    case Step::Kind::Part: return "part";
  }
  return "?";
}

// 1-based clause numbers.
std::vector<int> clause_numbers(const std::vector<int>& clauses) {
  std::vector<int> out;
  for (int c : clauses) out.push_back(c + 1);
  return out;
}

// A coordinate to 9 significant digits: what a figure needs, no more.
double coordinate(double x) { return std::strtod(fmt::format("{:.9g}", x).c_str(), nullptr); }

// One step; `d` adds the statement for people and the step's points (the
// full form), without it the compact form.
util::Json step_json(const Problem& pr, const Diagram* d, const Step& s) {
  util::Json out = {{"n", s.number}, {"statement", statement_text(pr, s)}};
  if (d) out["text"] = statement_for_people(pr, *d, s);
  out["kind"] = kind_name(s.kind);
  if (d) {
    out["points"] = util::Json::array();
    for (PointId p : s.args) out["points"].push_back(pr.point_name(p));
  }
  if (s.kind == Step::Kind::Premise) {
    out["clause"] = s.clause + 1;
    out["auxiliary"] = s.auxiliary;
  }
  if (s.kind == Step::Kind::Rule) {
    out["rule"] = s.rule;
    out["theorem"] = s.title;
  }
  out["uses"] = s.uses;
  if (s.kind == Step::Kind::Algebra) {
    out["table"] = to_string(s.table);
    out["coefficients"] = s.coefficients;
    if (!s.signs.empty()) out["signs"] = s.signs;
    if (!s.lifts.empty()) out["lifts"] = s.lifts;
  }
  return out;
}

// The proof's fields; `d` as in step_json.
util::Json proof_fields(const Proof& proof, const Problem& pr, const Diagram* d) {
  util::Json out = {{"premise_clauses", clause_numbers(proof.premise_clauses)},
                    {"auxiliary_clauses", clause_numbers(proof.auxiliary_clauses)},
                    {"steps", util::Json::array()}};
  for (const Step& s : proof.steps) out["steps"].push_back(step_json(pr, d, s));
  out["goals"] = proof.goals;
  return out;
}

}  // namespace

util::Json proof_json(const Proof& proof, const Problem& pr, const Diagram& d) {
  util::Json out = {{"problem", {{"name", pr.name}, {"text", to_text(pr)}}}, {"points", util::Json::array()}};
  for (std::size_t i = 0; i < pr.point_count(); ++i) {
    const PointId p(static_cast<std::uint32_t>(i));
    const bool aux = std::find(proof.auxiliary_points.begin(), proof.auxiliary_points.end(), p) != proof.auxiliary_points.end();
    out["points"].push_back({{"name", pr.point_name(p)},
                             {"x", d.built[i] ? coordinate(d.points[i].x()) : 0.0},
                             {"y", d.built[i] ? coordinate(d.points[i].y()) : 0.0},
                             {"auxiliary", aux}});
  }
  out.update(proof_fields(proof, pr, &d));
  return out;
}

std::string to_json(const Proof& proof, const Problem& problem, const Diagram& diagram) {
  return util::dump_json(proof_json(proof, problem, diagram), 2) + "\n";
}

util::Json proof_record(const Proof& proof, const Problem& problem) { return proof_fields(proof, problem, nullptr); }

}  // namespace pappus::proof
