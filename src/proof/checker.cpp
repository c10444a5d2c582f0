#include "proof/checker.hpp"

#include "proof/configuration.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "engine/equations.hpp"
#include "engine/linear_system.hpp"
#include "engine/rational.hpp"

namespace pappus::proof {

namespace {

// A statement as the checker compares them.
struct Statement {
  Pred pred;
  std::vector<PointId> args;
  std::string number;  // the constant's text, or empty
  bool operator==(const Statement&) const = default;
};

Statement of(const Step& s) { return {s.pred, s.args, s.number_arg ? s.number_arg->text : ""}; }

// A statement's constant, read from its text.
std::optional<Constant> number_of(const Statement& st) {
  const auto kind = predicate_info(st.pred).number;
  if (!kind || st.number.empty()) return std::nullopt;
  return parse_constant(st.number, *kind);
}

// The one equation a (not compound) statement stands for in this table.
const Equation* sole_equation(Pred p, Equation::Table table) {
  const auto eqs = predicate_info(p).equations;
  return eqs.size() == 1 && eqs[0].table == table ? &eqs[0] : nullptr;
}

// The same statement up to the order of its arguments.
bool same(const Statement& a, const Statement& b) {
  return a.pred == b.pred && a.number == b.number && normalize(a.pred, a.args) == normalize(b.pred, b.args);
}

// The lines an algebra step relies on: the collinearities (and midpoints)
// it cites, merged while two share two points. A pair of points names the
// class holding both.
class Lines {
 public:
  Lines() = default;
  Lines(const Proof& proof, const std::vector<int>& uses) {
    for (int u : uses)
      if (const Step& s = proof.steps[u - 1]; predicate_info(s.pred).locus == Locus::Line) add(s.args);
  }
  int of(PointId a, PointId b) {
    for (std::size_t i = 0; i < sets_.size(); ++i)
      if (sets_[i].count(a) && sets_[i].count(b)) return static_cast<int>(i);
    sets_.push_back({a, b});
    return static_cast<int>(sets_.size()) - 1;
  }
  int containing(const std::vector<PointId>& pts) const {
    for (std::size_t i = 0; i < sets_.size(); ++i)
      if (std::all_of(pts.begin(), pts.end(), [&](PointId p) { return sets_[i].count(p) > 0; }))
        return static_cast<int>(i);
    return -1;
  }
  const std::set<PointId>& points(int i) const { return sets_[i]; }

 private:
  void add(const std::vector<PointId>& pts) {
    std::set<PointId> s(pts.begin(), pts.end());
    if (s.size() < 3) return;
    sets_.push_back(std::move(s));
    for (bool merged = true; merged;) {
      merged = false;
      for (std::size_t i = 0; i < sets_.size() && !merged; ++i)
        for (std::size_t j = i + 1; j < sets_.size() && !merged; ++j) {
          int common = 0;
          for (PointId p : sets_[j]) common += static_cast<int>(sets_[i].count(p));
          if (common < 2) continue;
          sets_[i].insert(sets_[j].begin(), sets_[j].end());
          sets_.erase(sets_.begin() + static_cast<std::ptrdiff_t>(j));
          merged = true;
        }
    }
  }
  std::vector<std::set<PointId>> sets_;
};

// A linear form: variable -> coefficient, plus a constant of type K.
template <class K>
struct Form {
  std::map<int, Rational> terms;
  K k{};
  void add(int var, const Rational& c) {
    Rational& t = terms[var];
    t = t + c;
    if (t.is_zero()) terms.erase(var);
  }
  void add(const Form& o, const Rational& c) {
    for (const auto& [v, x] : o.terms) add(v, x * c);
    k = k + o.k * c;
  }
  bool operator==(const Form& o) const { return terms == o.terms && k == o.k; }
};

class Checker {
 public:
  Checker(const Proof& proof, const Problem& problem, const dsl::Catalogue& cat, const engine::RuleBook& rules,
          const Diagram& diagram)
      : proof_(proof), problem_(problem), cat_(cat), rules_(rules), d_(diagram) {}

  CheckResult run() {
    for (const Step& s : proof_.steps) {
      if (const int place = static_cast<int>(&s - proof_.steps.data()) + 1; s.number != place) {
        Step shown = s;
        shown.number = place;
        return fail(shown, "is numbered " + std::to_string(s.number) + ", not by its place in the proof");
      }
      for (PointId p : s.args)
        if (p.value >= problem_.point_count())
          return CheckResult{false, s.number, "step " + std::to_string(s.number) + " (" +
                                                  std::string(predicate_info(s.pred).name) +
                                                  " ...): names a point the problem does not have"};
      const PredicateInfo& info = predicate_info(s.pred);
      const std::size_t want = static_cast<std::size_t>(info.points);
      if (info.variadic ? s.args.size() < want : s.args.size() != want)
        return fail(s, "has " + std::to_string(s.args.size()) + " points; " + std::string(info.name) + " takes " +
                           (info.variadic ? "at least " : "") + std::to_string(want));
      if (info.number.has_value() != s.number_arg.has_value())
        return fail(s, info.number ? "lacks its constant" : "has a constant its predicate does not take");
      if (info.check_only) return fail(s, "states a condition that is only ever checked on the figure, never proved");
      for (int u : s.uses)
        if (u < 1 || u >= s.number) return fail(s, "cites step " + std::to_string(u) + ", which does not come before it");
      if (!numeric(s.pred, s.args, s.number_arg)) return fail(s, "the statement is false on a fresh diagram");
      std::string why = step_ok(s);
      if (!why.empty()) return fail(s, why);
    }
    for (int n : proof_.goals)
      if (n < 1 || n > static_cast<int>(proof_.steps.size()))
        return CheckResult{false, 0, "the goals name step " + std::to_string(n) + ", which is not in the proof"};
    for (const pappus::Statement& g : problem_.goals) {
      Statement want{find_predicate(g.predicate)->id, {}, ""};
      for (const Argument& a : g.args) {
        if (a.is_point) want.args.push_back(a.point);
        else want.number = a.number.text;
      }
      bool found = false;
      for (int n : proof_.goals) found = found || same(of(step(n)), want);
      if (!found) return CheckResult{false, 0, "the proof does not end in the goal " + g.predicate};
    }
    return {};
  }

 private:
  CheckResult fail(const Step& s, std::string why) const {
    return CheckResult{false, s.number, "step " + std::to_string(s.number) + " (" + statement_text(problem_, s) + "): " + why};
  }
  const Step& step(int n) const { return proof_.steps[n - 1]; }

  bool numeric(Pred p, const std::vector<PointId>& args, const std::optional<Constant>& number) const {
    std::vector<geo::Vec2> pts;
    for (PointId a : args) {
      if (a.value >= d_.points.size() || !d_.built[a.value]) return false;
      pts.push_back(d_.at(a));
    }
    return holds(p, pts, number ? number->value : 0);
  }

  std::vector<Statement> used(const Step& s) const {
    std::vector<Statement> out;
    for (int u : s.uses) out.push_back(of(step(u)));
    return out;
  }

  std::string step_ok(const Step& s) {
    switch (s.kind) {
      case Step::Kind::Premise: return premise_ok(s);
      case Step::Kind::Rule: return rule_ok(s);
      case Step::Kind::Algebra: return algebra_ok(s);
      case Step::Kind::SameObject: return object_ok(s);
      case Step::Kind::Definition: return definition_ok(s);
      case Step::Kind::Part: return part_ok(s);
    }
    return "unknown kind of step";
  }

  std::string premise_ok(const Step& s) const {
    if (s.clause < 0 || s.clause >= static_cast<int>(problem_.clauses.size())) return "names no clause of the problem";
    for (const ConstructionUse& use : problem_.clauses[s.clause].constructions) {
      const dsl::Construction& c = cat_.at(use.catalogue_index);
      for (const dsl::FactTemplate& t : c.asserts) {
        Statement st{t.pred, {}, t.literal ? t.literal->text : ""};
        for (int a : t.args) st.args.push_back(use.args[a].point);
        if (t.number >= 0) st.number = use.args[t.number].number.text;
        if (st == of(s)) return "";
      }
    }
    return "is not a fact its clause asserts";
  }

  std::string rule_ok(const Step& s) const {
    const auto r = rules_.index_of(s.rule);
    if (!r) return "no rule named '" + s.rule + "'";
    const engine::Rule& rule = rules_.at(*r);
    if (s.binding.size() != rule.vars.size()) return "the rule's variables are not all bound";
    auto inst = [&](const engine::Atom& a) {
      Statement st{a.pred, {}, a.number ? a.number->text : ""};
      for (int v : a.args) st.args.push_back(s.binding[v]);
      return st;
    };
    const auto cited = used(s);
    if (cited.size() != rule.premises.size()) return "cites " + std::to_string(cited.size()) + " steps for " +
                                                     std::to_string(rule.premises.size()) + " premises";
    for (std::size_t i = 0; i < rule.premises.size(); ++i)
      if (!same(cited[i], inst(rule.premises[i]))) return "premise " + std::to_string(i + 1) + " of " + s.rule + " is not the cited step";
    for (const engine::Atom& c : rule.conditions)
      if (!numeric(c.pred, inst(c).args, c.number)) return "condition " + std::string(predicate_info(c.pred).name) + " fails";
    for (const engine::Atom& c : rule.conclusions)
      if (inst(c) == of(s)) return "";
    return "is not a conclusion of " + s.rule;
  }

  // --- Algebra: the equations a statement stands for.
  double theta(int line) {
    const auto& pts = lines_.points(line);
    const geo::Vec2 d = d_.at(*std::next(pts.begin())) - d_.at(*pts.begin());
    double t = std::atan2(d.y(), d.x()) / geo::kPi;
    return t - std::floor(t);
  }

  // Angles: line directions in units of pi, lifted to reals by the diagram.
  // `lift`: the integer the equation is off by, as the proof records it;
  // without it, read off the fresh figure.
  std::optional<Form<Rational>> angle_form(const Statement& st, std::optional<int> lift) {
    Form<Rational> f;
    if (line_identity(st.pred)) return f;  // lines it merges are one variable here
    const Equation* eq = sole_equation(st.pred, Equation::Table::Angles);
    const auto k = eq ? engine::angle_constant(*eq, number_of(st)) : std::nullopt;
    if (!k) return std::nullopt;
    for (std::size_t i = 0; i < eq->count; ++i)
      f.add(lines_.of(st.args[eq->terms[i].p], st.args[eq->terms[i].q]), Rational(eq->terms[i].sign));
    f.k = *k;
    if (lift) {
      f.k = f.k + Rational(*lift);
      return f;
    }
    double s = f.k.to_double();
    for (const auto& [v, c] : f.terms) s += c.to_double() * theta(v);
    f.k = f.k - Rational(static_cast<std::int64_t>(std::llround(s)));
    return f;
  }

  // Ratios: log lengths of segments.
  std::optional<Form<LogConst>> ratio_form(const Statement& st) {
    Form<LogConst> f;
    const Equation* eq = sole_equation(st.pred, Equation::Table::Ratios);
    const auto k = eq ? engine::ratio_constant(*eq, number_of(st)) : std::nullopt;
    if (!k) return std::nullopt;
    for (std::size_t i = 0; i < eq->count; ++i) {
      PointId p = st.args[eq->terms[i].p], q = st.args[eq->terms[i].q];
      if (q < p) std::swap(p, q);
      auto [it, fresh] = segments_.try_emplace({p, q}, static_cast<int>(segments_.size()));
      f.add(it->second, Rational(eq->terms[i].sign));
    }
    f.k = *k;
    return f;
  }

  // Distances: signed positions of points along one line. A collinearity
  // cited (with coefficient 0) only says which line; it adds no equation.
  std::optional<Form<Rational>> distance_form(const Statement& st, int line) {
    Form<Rational> f;
    const auto& a = st.args;
    if (line_identity(st.pred)) return f;
    for (PointId p : a)
      if (!lines_.points(line).count(p)) return std::nullopt;
    auto x = [&](PointId p, const Rational& c) { f.add(static_cast<int>(p.value), c); };
    switch (predicate_info(st.pred).distance) {
      case Distance::Midpoint: x(a[0], Rational(2)), x(a[1], Rational(-1)), x(a[2], Rational(-1)); return f;
      case Distance::Segments: {
        Rational r(1);
        if (predicate_info(st.pred).number) {
          auto c = parse_constant(st.number, NumberKind::Ratio);
          if (!c || c->den <= 0) return std::nullopt;
          r = Rational(c->num, c->den);
        }
        const auto [p, q, u, v] = distance_segments(st.pred, a);
        if ((d_.at(q) - d_.at(p)).dot(d_.at(v) - d_.at(u)) < 0) r = -r;
        x(q, Rational(1)), x(p, Rational(-1)), x(v, -r), x(u, r);
        return f;
      }
      case Distance::None: break;
    }
    return std::nullopt;
  }

  template <class K, class F>
  bool sums(const Step& s, F&& form) {
    if (line_identity(s.pred)) return false;  // a line identity, not an equation
    auto target = form(of(s), 0);
    if (!target) return false;
    Form<K> total;
    for (std::size_t i = 0; i < s.uses.size(); ++i) {
      auto f = form(of(step(s.uses[i])), i + 1);
      if (!f) return false;
      auto coef = parse_coefficient(s.coefficients[i]);
      if (!coef) return false;
      total.add(*f, *coef);
    }
    return total == *target;
  }

  std::string algebra_ok(const Step& s) {
    if (s.coefficients.size() != s.uses.size()) return "needs one coefficient per cited step";
    lines_ = Lines(proof_, s.uses);
    switch (s.table) {
      case Step::Table::Angles:
      {
        // With a fractional coefficient the sum holds only for the integer
        // lifts the proof records (its configuration: the fresh figure was
        // picked to realize them); otherwise any lifts do, and the fresh
        // figure's are used.
        const bool recorded = has_fraction(s) && s.lifts.size() == s.uses.size() + 1;
        auto form = [&](const Statement& st, std::size_t at) {
          return angle_form(st, recorded ? std::optional<int>(s.lifts[at]) : std::nullopt);
        };
        if (sums<Rational>(s, form)) return "";
        return "the cited angle equalities, with their coefficients, do not sum to it";
      }
      case Step::Table::Ratios:
        if (sums<LogConst>(s, [&](const Statement& st, std::size_t) { return ratio_form(st); })) return "";
        return "the cited ratio equalities, with their coefficients, do not sum to it";
      case Step::Table::Distances: {
        std::vector<PointId> pts = s.args;
        for (int u : s.uses)
          if (!line_identity(step(u).pred)) pts.insert(pts.end(), step(u).args.begin(), step(u).args.end());
        const int line = lines_.containing(pts);
        if (line < 0) return "its points and those of the cited lengths are not on one line it cites";
        if (sums<Rational>(s, [&](const Statement& st, std::size_t) { return distance_form(st, line); })) return "";
        return "the cited distances along the line, with their coefficients, do not sum to it";
      }
      case Step::Table::None: break;
    }
    return "names no algebra table (angles, ratios or distances)";
  }

  std::string object_ok(const Step& s) const {
    const auto cited = used(s);
    for (const auto& c : cited)
      if (same(c, of(s))) return "";  // restated
    const PredicateInfo& info = predicate_info(s.pred);
    if (!point_set(info)) return "only lines and circles are built from steps";
    const bool line = info.locus == Locus::Line;
    std::set<PointId> target(s.args.begin(), s.args.end());
    const std::size_t overlap = line ? 2 : 3;
    if (target.size() <= overlap) return "";
    std::vector<std::set<PointId>> sets;
    for (const auto& c : cited)
      if (predicate_info(c.pred).locus == info.locus) sets.emplace_back(c.args.begin(), c.args.end());
    for (bool merged = true; merged;) {
      merged = false;
      for (std::size_t i = 0; i < sets.size() && !merged; ++i)
        for (std::size_t j = i + 1; j < sets.size() && !merged; ++j) {
          std::size_t common = 0;
          for (PointId p : sets[j]) common += sets[i].count(p);
          if (common < overlap) continue;
          sets[i].insert(sets[j].begin(), sets[j].end());
          sets.erase(sets.begin() + static_cast<std::ptrdiff_t>(j));
          merged = true;
        }
    }
    for (const auto& set : sets)
      if (std::includes(set.begin(), set.end(), target.begin(), target.end())) return "";
    return "the cited steps do not put these points on one " + std::string(line ? "line" : "circle");
  }

  // The statements a compound statement is made of (the first `count`).
  static std::vector<Statement> parts(const Statement& st, std::size_t count) {
    std::vector<Statement> out;
    for (const Part& p : predicate_info(st.pred).parts.first(count))
      out.push_back({p.pred, part_args(p, st.args), std::string(p.number)});
    return out;
  }
  static std::vector<Statement> parts(const Statement& st) { return parts(st, predicate_info(st.pred).parts.size()); }

  std::string definition_ok(const Step& s) const {
    // The conjunctions the engine checks: midp = coll + cong, circle = two congs.
    const std::size_t defined_by = predicate_info(s.pred).defined_by;
    if (defined_by == 0) return "is not a compound statement";
    const std::vector<Statement> need = parts(of(s), defined_by);
    const auto cited = used(s);
    bool ok = cited.size() == need.size();
    for (std::size_t i = 0; ok && i < need.size(); ++i) ok = same(cited[i], need[i]);
    return ok ? "" : "the cited steps are not the parts of its definition";
  }

  std::string part_ok(const Step& s) const {
    if (s.uses.size() != 1) return "a part cites one compound step";
    for (const auto& p : parts(of(step(s.uses[0]))))
      if (same(p, of(s))) return "";
    return "is not a part of the cited step";
  }

  const Proof& proof_;
  const Problem& problem_;
  const dsl::Catalogue& cat_;
  const engine::RuleBook& rules_;
  const Diagram& d_;
  Lines lines_;  // of the algebra step being checked
  std::map<std::pair<PointId, PointId>, int> segments_;
};

}  // namespace

CheckResult check(const Proof& proof, const Problem& problem, const dsl::Catalogue& catalogue,
                  const engine::RuleBook& rules, const CheckOptions& options) {
  DiagramOptions dopt;
  dopt.include_auxiliary = !proof.auxiliary_clauses.empty();
  // A fresh figure in the configuration the proof speaks of: the goals hold
  // on it, and so do its rule steps' check-only conditions and the segment
  // directions its distance steps read (other samples are another
  // arrangement of the same clauses, where those steps are not theorems).
  const Configuration config = configuration_of(proof, rules);
  std::optional<Diagram> fresh;
  std::string difference;
  int built = 0;
  for (int k = 0; k < options.figures && !fresh; ++k) {
    dopt.seed = options.seed + static_cast<std::uint64_t>(k);
    auto d = build_diagram(problem, catalogue, dopt);
    if (!d || !d->all_goals_hold()) continue;
    ++built;
    const std::string why = first_difference(config, problem, *d);
    if (why.empty()) fresh = std::move(*d);
    else if (difference.empty()) difference = why;
  }
  if (!fresh && built == 0) return CheckResult{false, 0, "no fresh diagram of the problem could be built"};
  if (!fresh)
    return CheckResult{false, 0,
                       "no fresh figure in the proof's configuration among " + std::to_string(options.figures) +
                           " samples (" + difference + " fails)"};
  return Checker(proof, problem, catalogue, rules, *fresh).run();
}

}  // namespace pappus::proof
