#include "proof/checker.hpp"

#include "proof/configuration.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

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
      if (const Step& s = proof.steps[u - 1]; s.pred == Pred::Coll || s.pred == Pred::Midp) add(s.args);
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
    const auto& a = st.args;
    auto dir = [&](PointId p, PointId q, int sign) {
      f.add(lines_.of(p, q), Rational(sign));
    };
    switch (st.pred) {
      case Pred::Coll: return f;  // lines it merges are one variable here
      case Pred::Para: dir(a[0], a[1], 1), dir(a[2], a[3], -1); break;
      case Pred::Perp: dir(a[0], a[1], 1), dir(a[2], a[3], -1), f.k = Rational(1, 2); break;
      case Pred::EqAngle: dir(a[0], a[1], 1), dir(a[2], a[3], -1), dir(a[4], a[5], -1), dir(a[6], a[7], 1); break;
      case Pred::AConst: {
        auto c = parse_constant(st.number, NumberKind::Angle);
        if (!c || c->den <= 0) return std::nullopt;
        dir(a[2], a[3], 1), dir(a[0], a[1], -1), f.k = -Rational(c->num, c->den);
        break;
      }
      default: return std::nullopt;
    }
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
    const auto& a = st.args;
    auto seg = [&](PointId p, PointId q, int sign) {
      if (q < p) std::swap(p, q);
      auto [it, fresh] = segments_.try_emplace({p, q}, static_cast<int>(segments_.size()));
      f.add(it->second, Rational(sign));
    };
    auto log_of = [&](NumberKind kind, int power) -> std::optional<LogConst> {
      auto c = parse_constant(st.number, kind);
      if (!c || c->den <= 0 || c->num <= 0) return std::nullopt;
      return LogConst::of(c->num, c->den) * Rational(1, power);
    };
    switch (st.pred) {
      case Pred::Cong: seg(a[0], a[1], 1), seg(a[2], a[3], -1); break;
      case Pred::EqRatio: seg(a[0], a[1], 1), seg(a[2], a[3], -1), seg(a[4], a[5], -1), seg(a[6], a[7], 1); break;
      case Pred::RConst:
      case Pred::R2Const: {
        auto k = log_of(NumberKind::Ratio, st.pred == Pred::RConst ? 1 : 2);
        if (!k) return std::nullopt;
        seg(a[0], a[1], 1), seg(a[2], a[3], -1), f.k = -*k;
        break;
      }
      case Pred::LConst:
      case Pred::L2Const: {
        auto k = log_of(NumberKind::Length, st.pred == Pred::LConst ? 1 : 2);
        if (!k) return std::nullopt;
        seg(a[0], a[1], 1), f.k = -*k;
        break;
      }
      default: return std::nullopt;
    }
    return f;
  }

  // Distances: signed positions of points along one line. A collinearity
  // cited (with coefficient 0) only says which line; it adds no equation.
  std::optional<Form<Rational>> distance_form(const Statement& st, int line) {
    Form<Rational> f;
    const auto& a = st.args;
    if (st.pred == Pred::Coll) return f;
    for (PointId p : a)
      if (!lines_.points(line).count(p)) return std::nullopt;
    auto x = [&](PointId p, const Rational& c) { f.add(static_cast<int>(p.value), c); };
    switch (st.pred) {
      case Pred::Midp: x(a[0], Rational(2)), x(a[1], Rational(-1)), x(a[2], Rational(-1)); return f;
      case Pred::Cong:
      case Pred::RConst: {
        Rational r(1);
        if (st.pred == Pred::RConst) {
          auto c = parse_constant(st.number, NumberKind::Ratio);
          if (!c || c->den <= 0) return std::nullopt;
          r = Rational(c->num, c->den);
        }
        const auto [p, q, u, v] = distance_segments(st.pred, a);
        if ((d_.at(q) - d_.at(p)).dot(d_.at(v) - d_.at(u)) < 0) r = -r;
        x(q, Rational(1)), x(p, Rational(-1)), x(v, -r), x(u, r);
        return f;
      }
      default: return std::nullopt;
    }
  }

  template <class K, class F>
  bool sums(const Step& s, F&& form) {
    if (s.pred == Pred::Coll) return false;  // a line identity, not an equation
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
          if (step(u).pred != Pred::Coll) pts.insert(pts.end(), step(u).args.begin(), step(u).args.end());
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
    if (s.pred != Pred::Coll && s.pred != Pred::Cyclic) return "only lines and circles are built from steps";
    std::set<PointId> target(s.args.begin(), s.args.end());
    const std::size_t overlap = s.pred == Pred::Coll ? 2 : 3;
    if (target.size() <= overlap) return "";
    std::vector<std::set<PointId>> sets;
    for (const auto& c : cited)
      if (c.pred == s.pred || (s.pred == Pred::Coll && c.pred == Pred::Midp)) sets.emplace_back(c.args.begin(), c.args.end());
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
    return "the cited steps do not put these points on one " + std::string(s.pred == Pred::Coll ? "line" : "circle");
  }

  // The statements a compound statement is made of.
  static std::vector<Statement> parts(const Statement& st) {
    const auto& a = st.args;
    switch (st.pred) {
      case Pred::Midp:
        return {{Pred::Coll, {a[0], a[1], a[2]}, ""}, {Pred::Cong, {a[0], a[1], a[0], a[2]}, ""},
                {Pred::RConst, {a[0], a[1], a[1], a[2]}, "1/2"}};
      case Pred::Circle:
        return {{Pred::Cong, {a[0], a[1], a[0], a[2]}, ""}, {Pred::Cong, {a[0], a[1], a[0], a[3]}, ""}};
      case Pred::SimTri:
      case Pred::SimTri2:
      case Pred::Contri:
      case Pred::Contri2: {
        const bool mirror = st.pred == Pred::SimTri2 || st.pred == Pred::Contri2;
        const PointId A = a[0], B = a[1], C = a[2], P = a[3], Q = a[4], R = a[5];
        std::vector<Statement> out;
        if (mirror) {
          out = {{Pred::EqAngle, {B, A, B, C, Q, R, Q, P}, ""}, {Pred::EqAngle, {C, A, C, B, R, Q, R, P}, ""}};
        } else {
          out = {{Pred::EqAngle, {B, A, B, C, Q, P, Q, R}, ""}, {Pred::EqAngle, {C, A, C, B, R, P, R, Q}, ""}};
        }
        out.push_back({Pred::EqRatio, {B, A, B, C, Q, P, Q, R}, ""});
        out.push_back({Pred::EqRatio, {C, A, C, B, R, P, R, Q}, ""});
        if (st.pred == Pred::Contri || st.pred == Pred::Contri2) out.push_back({Pred::Cong, {A, B, P, Q}, ""});
        return out;
      }
      default: return {};
    }
  }

  std::string definition_ok(const Step& s) const {
    // The conjunctions the engine checks: midp = coll + cong, circle = two congs.
    const Statement st = of(s);
    std::vector<Statement> need;
    const auto& a = s.args;
    switch (s.pred) {
      case Pred::Midp: need = {{Pred::Coll, {a[0], a[1], a[2]}, ""}, {Pred::Cong, {a[0], a[1], a[0], a[2]}, ""}}; break;
      case Pred::Circle: need = parts(st); break;
      default: return "is not a compound statement";
    }
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
