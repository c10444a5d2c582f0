#include "proof/configuration.hpp"

#include <cctype>
#include <cmath>

#include "geometry/predicate.hpp"

namespace pappus::proof {

namespace {

bool placed(const Diagram& figure, PointId p) { return p.value < figure.points.size() && figure.built[p.value]; }

// x - floor(x), exactly.
Rational fraction_of(const Rational& x) {
  const double d = std::floor(x.to_double());
  Rational r = x - Rational(static_cast<std::int64_t>(d));
  while (r.to_double() < 0) r = r + Rational(1);
  while (r.to_double() >= 1) r = r - Rational(1);
  return r;
}

std::string text_of(const Problem& problem, Pred pred, const std::vector<PointId>& args) {
  std::string s(predicate_info(pred).name);
  for (PointId a : args) s += " " + problem.point_name(a);
  return s;
}

}  // namespace

int direction_sign(Pred pred, const std::vector<PointId>& args, const Diagram& figure) {
  if (predicate_info(pred).distance != Distance::Segments || args.size() != 4) return 0;
  const auto [p, q, u, v] = distance_segments(pred, args);
  for (PointId x : {p, q, u, v})
    if (!placed(figure, x)) return 0;
  return (figure.at(q) - figure.at(p)).dot(figure.at(v) - figure.at(u)) < 0 ? -1 : 1;
}

std::optional<int> angle_lift(Pred pred, const std::vector<PointId>& a, const std::optional<Constant>& number,
                              const Diagram& figure) {
  if (line_identity(pred)) return 0;
  for (PointId x : a)
    if (!placed(figure, x)) return std::nullopt;
  const auto eqs = predicate_info(pred).equations;
  if (eqs.size() != 1 || eqs[0].table != Equation::Table::Angles) return std::nullopt;
  const Equation& eq = eqs[0];
  if (eq.power > 0 && (!number || number->den <= 0)) return std::nullopt;
  double s = 0;
  for (std::size_t i = 0; i < eq.count; ++i) {
    const geo::Vec2 d = figure.at(a[eq.terms[i].q]) - figure.at(a[eq.terms[i].p]);
    const double t = std::atan2(d.y(), d.x()) / geo::kPi;
    s += eq.terms[i].sign * (t - std::floor(t));
  }
  if (eq.k_num != 0) s += static_cast<double>(eq.k_num) / eq.k_den;
  if (eq.power > 0) s -= static_cast<double>(number->num) / static_cast<double>(number->den);
  return static_cast<int>(-std::llround(s));
}

std::optional<Rational> parse_coefficient(const std::string& t) {
  if (t.empty()) return std::nullopt;
  std::size_t i = t[0] == '-' ? 1 : 0;
  std::int64_t num = 0, den = 0;
  bool slash = false, digits = false;
  for (; i < t.size(); ++i) {
    if (t[i] == '/' && !slash && digits) {
      slash = true;
      digits = false;
    } else if (std::isdigit(static_cast<unsigned char>(t[i])) && (slash ? den : num) < 100000000000000000) {
      std::int64_t& x = slash ? den : num;
      x = x * 10 + (t[i] - '0');
      digits = true;
    } else {
      return std::nullopt;
    }
  }
  if (!digits || (slash && den == 0)) return std::nullopt;
  Rational r(num, slash ? den : 1);
  return t[0] == '-' ? -r : r;
}

bool has_fraction(const Step& step) {
  for (const std::string& c : step.coefficients)
    if (c.find('/') != std::string::npos) return true;
  return false;
}

Configuration configuration_of(const Proof& proof, const engine::RuleBook& rules) {
  Configuration config;
  for (const Step& s : proof.steps) {
    if (s.kind == Step::Kind::Rule) {
      const auto r = rules.index_of(s.rule);
      if (!r) continue;
      for (const engine::Atom& c : rules.at(*r).conditions) {
        Configuration::Condition cond{c.pred, {}, s.number};
        bool bound = true;
        for (int v : c.args) {
          if (v < 0 || static_cast<std::size_t>(v) >= s.binding.size()) bound = false;
          else cond.args.push_back(s.binding[v]);
        }
        if (bound) config.conditions.push_back(std::move(cond));
      }
    }
    if (s.kind == Step::Kind::Algebra && s.table == Step::Table::Angles && has_fraction(s) &&
        s.lifts.size() == s.uses.size() + 1 && s.coefficients.size() == s.uses.size()) {
      Configuration::Half half;
      half.step = s.number;
      Rational sum(0);
      bool ok = true;
      for (std::size_t i = 0; i < s.uses.size() && ok; ++i) {
        const int u = s.uses[i];
        const auto c = parse_coefficient(s.coefficients[i]);
        ok = c && u >= 1 && u <= static_cast<int>(proof.steps.size());
        if (!ok || c->is_zero()) continue;
        const Step& used = proof.steps[static_cast<std::size_t>(u - 1)];
        half.terms.push_back({used.pred, used.args, used.number_arg, *c});
        sum = sum + *c * Rational(s.lifts[i + 1]);
      }
      if (ok) {
        half.fraction = fraction_of(sum);
        config.halves.push_back(std::move(half));
      }
    }
    if (s.kind != Step::Kind::Algebra || s.table != Step::Table::Distances) continue;
    // signs[0]: the step's own statement; signs[1 + i]: its i-th use.
    auto direction = [&](Pred pred, const std::vector<PointId>& args, int sign) {
      if (sign == 0 || predicate_info(pred).distance != Distance::Segments || args.size() != 4) return;
      const auto [p, q, u, v] = distance_segments(pred, args);
      config.directions.push_back({p, q, u, v, sign, s.number});
    };
    if (!s.signs.empty()) direction(s.pred, s.args, s.signs[0]);
    for (std::size_t i = 0; i < s.uses.size() && i + 1 < s.signs.size(); ++i) {
      const int u = s.uses[i];
      if (u < 1 || u > static_cast<int>(proof.steps.size())) continue;
      const Step& used = proof.steps[static_cast<std::size_t>(u - 1)];
      direction(used.pred, used.args, s.signs[i + 1]);
    }
  }
  return config;
}

std::string first_difference(const Configuration& config, const Problem& problem, const Diagram& figure) {
  for (const auto& c : config.conditions) {
    std::vector<geo::Vec2> pts;
    for (PointId p : c.args) {
      if (!placed(figure, p)) return "step " + std::to_string(c.step) + ": a point of its condition is not placed";
      pts.push_back(figure.at(p));
    }
    if (!holds(c.pred, pts, 0)) return "step " + std::to_string(c.step) + ": " + text_of(problem, c.pred, c.args);
  }
  for (const auto& d : config.directions) {
    for (PointId x : {d.p, d.q, d.u, d.v})
      if (!placed(figure, x)) return "step " + std::to_string(d.step) + ": a point of its line is not placed";
    const int sign = (figure.at(d.q) - figure.at(d.p)).dot(figure.at(d.v) - figure.at(d.u)) < 0 ? -1 : 1;
    if (sign != d.sign)
      return "step " + std::to_string(d.step) + ": " + problem.point_name(d.p) + problem.point_name(d.q) + " and " +
             problem.point_name(d.u) + problem.point_name(d.v) + (d.sign > 0 ? " point the same way" : " point opposite ways");
  }
  for (const auto& h : config.halves) {
    Rational sum(0);
    for (const auto& t : h.terms) {
      const auto lift = angle_lift(t.pred, t.args, t.number, figure);
      if (!lift) return "step " + std::to_string(h.step) + ": a point of its angles is not placed";
      sum = sum + t.coefficient * Rational(*lift);
    }
    if (!(fraction_of(sum) == h.fraction))
      return "step " + std::to_string(h.step) + ": the other half of its angles";
  }
  return "";
}

}  // namespace pappus::proof
