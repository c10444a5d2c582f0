#include "diagram/diagram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "problem/queries.hpp"
#include "util/rng.hpp"

namespace pappus {

namespace {

using dsl::Construction;
using dsl::FactTemplate;
using dsl::Value;
using geo::Vec2;

// Why one clause could not be placed. `fatal` failures (a pinned point that
// breaks its construction) do not change with a new sample.
struct Failure {
  std::string reason;
  bool fatal = false;
};

std::string fact_text(const Construction& c, const FactTemplate& f) {
  std::string s(predicate_info(f.pred).name);
  for (int a : f.args) s += " " + c.params[a].name;
  if (f.number >= 0) s += " " + c.params[f.number].name;
  if (f.literal) s += " " + f.literal->text;
  return s;
}

std::string clause_text(const Problem& problem, const Clause& clause) {
  std::string s;
  for (PointId p : clause.points) s += (s.empty() ? "" : " ") + problem.point_name(p);
  s += " =";
  for (std::size_t i = 0; i < clause.constructions.size(); ++i) {
    const auto& use = clause.constructions[i];
    s += (i ? ", " : " ") + use.name;
    for (const auto& a : use.args) s += " " + (a.is_point ? problem.point_name(a.point) : a.number.text);
  }
  return s;
}

// One figure being sampled: coordinates so far, randomness, and the
// EvalContext the recipes use.
class Sampler final : public dsl::EvalContext {
 public:
  Sampler(const Problem& problem, const dsl::Catalogue& catalogue, const DiagramOptions& options, std::uint64_t seed)
      : problem_(problem), catalogue_(catalogue), options_(options), rng_(seed),
        points_(problem.point_count(), Vec2::Zero()), placed_(problem.point_count(), false) {}

  double uniform(double lo, double hi) override { return rng_.uniform(lo, hi); }
  double scale() const override { return scale_; }

  Vec2 choose(const std::vector<Vec2>& candidates) override {
    std::vector<Vec2> fresh;
    for (const Vec2& c : candidates)
      if (!near_existing(c)) fresh.push_back(c);
    const auto& pool = fresh.empty() ? candidates : fresh;
    return pool[rng_.below(pool.size())];
  }

  // Places the clause's new points, retrying fresh samples of this clause.
  std::optional<Failure> place(const Clause& clause) {
    std::optional<Failure> failure;
    for (int t = 0; t < std::max(1, options_.clause_retries); ++t) {
      failure = try_place(clause);
      if (!failure || failure->fatal) return failure;
      for (PointId p : clause.points) placed_[p.value] = false;
    }
    return failure;
  }

  // Starts from a figure already built (its points keep their coordinates).
  void preload(const Diagram& base) {
    for (std::size_t i = 0; i < base.points.size() && i < points_.size(); ++i)
      if (base.built[i]) {
        points_[i] = base.points[i];
        placed_[i] = true;
        grow(points_[i]);
      }
  }

  std::vector<Vec2>& points() { return points_; }
  std::vector<bool>& placed() { return placed_; }

 private:
  bool near_existing(const Vec2& x) const {
    const double sep = options_.tolerance.min_distance * scale_;
    for (std::size_t i = 0; i < points_.size(); ++i)
      if (placed_[i] && (points_[i] - x).norm() < sep) return true;
    return false;
  }

  // Slot values for one construction use: inputs and numbers set, new
  // points left for the recipe.
  std::vector<Value> slots_for(const Construction& c, const ConstructionUse& use) const {
    std::vector<Value> slots(c.recipe.slot_count, Value(0.0));
    for (std::size_t i = 0; i < use.args.size(); ++i) {
      const Argument& a = use.args[i];
      if (a.is_point) {
        if (placed_[a.point.value]) slots[i] = points_[a.point.value];
      } else {
        slots[i] = a.number.value;
      }
    }
    return slots;
  }

  bool fact_holds(const FactTemplate& f, const std::vector<Value>& slots) const {
    std::vector<Vec2> pts;
    pts.reserve(f.args.size());
    for (int a : f.args) pts.push_back(std::get<Vec2>(slots[a]));
    double number = 0;
    if (f.number >= 0) number = std::get<double>(slots[f.number]);
    if (f.literal) number = f.literal->value;
    return holds(f.pred, pts, number, options_.tolerance);
  }

  std::optional<Failure> check_facts(const Construction& c, const std::vector<FactTemplate>& facts,
                                     const std::vector<Value>& slots, const char* what) const {
    for (const auto& f : facts)
      if (!fact_holds(f, slots)) return Failure{std::string(what) + " '" + fact_text(c, f) + "' fails"};
    return std::nullopt;
  }

  const std::optional<Pin>& pin_of(const ConstructionUse& use, int param) const {
    return problem_.pins[use.args[param].point.value];
  }

  // Runs a whole recipe; pinned points take their pins.
  std::optional<Failure> run(const Construction& c, const ConstructionUse& use, std::vector<Value>& slots) {
    for (const auto& st : c.recipe.statements) {
      auto r = dsl::evaluate(c.recipe, st.expr, slots, *this);
      if (!r.failure.empty()) return Failure{r.failure};
      if (st.kind == dsl::Statement::Kind::On) {
        slots[st.targets[0]] = dsl::random_point_on(r.value, *this);
      } else if (st.targets.size() == 1) {
        slots[st.targets[0]] = std::move(r.value);
      } else {
        const auto& pts = std::get<std::vector<Vec2>>(r.value);
        if (pts.size() != st.targets.size()) return Failure{"the recipe gave the wrong number of points"};
        for (std::size_t i = 0; i < pts.size(); ++i) slots[st.targets[i]] = pts[i];
      }
      for (int t : st.targets)
        if (t < static_cast<int>(use.args.size()))
          if (const auto& pin = pin_of(use, t)) slots[t] = Vec2(pin->x, pin->y);
    }
    return std::nullopt;
  }

  // The curve of a one-dof construction: its lets, then its `on` expression.
  std::optional<Failure> curve_of(const Construction& c, std::vector<Value>& slots, Value& curve) {
    const auto& sts = c.recipe.statements;
    for (std::size_t i = 0; i + 1 < sts.size(); ++i) {
      auto r = dsl::evaluate(c.recipe, sts[i].expr, slots, *this);
      if (!r.failure.empty()) return Failure{r.failure};
      slots[sts[i].targets[0]] = std::move(r.value);
    }
    auto r = dsl::evaluate(c.recipe, sts.back().expr, slots, *this);
    if (!r.failure.empty()) return Failure{r.failure};
    curve = std::move(r.value);
    return std::nullopt;
  }

  std::optional<Failure> try_place(const Clause& clause) {
    const auto& uses = clause.constructions;
    std::vector<std::vector<Value>> slots;
    std::vector<const Construction*> cons;
    for (const auto& use : uses) {
      const Construction& c = catalogue_.at(use.catalogue_index);
      cons.push_back(&c);
      slots.push_back(slots_for(c, use));
      if (auto f = check_facts(c, c.requires_, slots.back(), "precondition")) return f;
      if (auto f = check_facts(c, c.givens, slots.back(), "required fact")) return f;
    }

    // Which construction places the points: a fixed one if any, else the
    // intersection of the one-dof curves.
    int fixed = -1;
    for (std::size_t i = 0; i < uses.size(); ++i)
      if (!cons[i]->one_dof()) {
        fixed = static_cast<int>(i);
        break;
      }
    if (fixed >= 0 || uses.size() == 1) {
      const int k = std::max(fixed, 0);
      if (auto f = run(*cons[k], uses[k], slots[k])) return f;
      for (std::size_t j = 0; j < cons[k]->new_points.size(); ++j) {
        const int param = cons[k]->new_points[j];
        points_[uses[k].args[param].point.value] = std::get<Vec2>(slots[k][param]);
      }
    } else {
      std::vector<Value> curves(2);
      for (int i = 0; i < 2; ++i)
        if (auto f = curve_of(*cons[i], slots[i], curves[i])) return f;
      const int param = cons[0]->new_points[0];
      const PointId x = uses[0].args[param].point;
      if (const auto& pin = problem_.pins[x.value]) {
        points_[x.value] = Vec2(pin->x, pin->y);
      } else {
        std::vector<Vec2> xs;
        const Value &a = curves[0], &b = curves[1];
        if (const auto* la = std::get_if<geo::Line>(&a)) {
          if (const auto* lb = std::get_if<geo::Line>(&b)) {
            // Rays meet lines and rays as whole lines.
            geo::Line fa = *la, fb = *lb;
            fa.extent = fb.extent = geo::Line::Extent::Full;
            xs = geo::intersect(fa, fb);
          } else {
            xs = geo::intersect(*la, std::get<geo::Circle>(b));
          }
        } else if (const auto* lb = std::get_if<geo::Line>(&b)) {
          xs = geo::intersect(*lb, std::get<geo::Circle>(a));
        } else {
          xs = geo::intersect(std::get<geo::Circle>(a), std::get<geo::Circle>(b));
        }
        if (xs.empty()) return Failure{"the curves of '" + uses[0].name + "' and '" + uses[1].name + "' do not meet"};
        points_[x.value] = choose(xs);
      }
    }
    for (PointId p : clause.points) placed_[p.value] = true;

    // Every construction's facts must hold now: the placing construction's
    // as a check of its recipe and pins, the others' because they were only
    // intersected (or not used at all).
    for (PointId p : clause.points) {
      const Vec2& x = points_[p.value];
      if (!std::isfinite(x.x()) || !std::isfinite(x.y())) return Failure{"point " + problem_.point_name(p) + " is not finite"};
      if (far_away(x)) return Failure{"point " + problem_.point_name(p) + " lands too far from the figure"};
      placed_[p.value] = false;
      const bool clash = near_existing(x);
      placed_[p.value] = true;
      if (clash) return Failure{"point " + problem_.point_name(p) + " coincides with another point"};
    }
    bool pinned = false;
    for (PointId p : clause.points) pinned = pinned || problem_.pins[p.value].has_value();
    for (std::size_t i = 0; i < uses.size(); ++i) {
      for (std::size_t k = 0; k < uses[i].args.size(); ++k)
        if (uses[i].args[k].is_point) slots[i][k] = points_[uses[i].args[k].point.value];
      if (auto f = check_facts(*cons[i], cons[i]->asserts, slots[i], "fact")) {
        if (pinned) f->reason = "the pinned coordinates break the construction: " + f->reason, f->fatal = true;
        return f;
      }
      if (auto f = check_facts(*cons[i], cons[i]->ensures, slots[i], "condition")) {
        if (pinned) f->reason = "the pinned coordinates break the construction: " + f->reason, f->fatal = true;
        return f;
      }
    }
    for (PointId p : clause.points) grow(points_[p.value]);
    return std::nullopt;
  }

  bool far_away(const Vec2& x) const {
    if (!have_box_) return std::abs(x.x()) > 1e6 || std::abs(x.y()) > 1e6;
    const Vec2 center = (lo_ + hi_) / 2;
    return (x - center).norm() > 50 * std::max(scale_, 1.0);
  }

  void grow(const Vec2& x) {
    if (!have_box_) {
      lo_ = hi_ = x;
      have_box_ = true;
    } else {
      lo_ = lo_.cwiseMin(x);
      hi_ = hi_.cwiseMax(x);
    }
    scale_ = std::max(1e-3, (hi_ - lo_).norm());
  }

  const Problem& problem_;
  const dsl::Catalogue& catalogue_;
  const DiagramOptions& options_;
  Rng rng_;
  std::vector<Vec2> points_;
  std::vector<bool> placed_;
  Vec2 lo_ = Vec2::Zero(), hi_ = Vec2::Zero();  // bounding box of placed points
  bool have_box_ = false;
  double scale_ = 1;  // diagonal of that box
};

}  // namespace

bool Diagram::all_goals_hold() const {
  return std::all_of(goal_holds.begin(), goal_holds.end(), [](bool b) { return b; });
}

bool statement_holds(const Statement& statement, const Diagram& diagram, const Tolerance& tol) {
  const PredicateInfo* info = find_predicate(statement.predicate);
  if (!info) return false;
  std::vector<Vec2> pts;
  double number = 0;
  for (const Argument& a : statement.args) {
    if (!a.is_point) {
      number = a.number.value;
      continue;
    }
    if (a.point.value >= diagram.points.size() || !diagram.built[a.point.value]) return false;
    pts.push_back(diagram.points[a.point.value]);
  }
  return holds(info->id, pts, number, tol);
}

namespace {

// Builds the clauses whose points `base` (if any) does not have yet.
Expected<Diagram> build(const Problem& problem, const dsl::Catalogue& catalogue, const DiagramOptions& options,
                        const Diagram* base) {
  std::optional<Failure> last;
  std::size_t last_clause = 0;
  std::optional<Diagram> goal_false;  // a built figure on which a goal fails
  const int attempts = std::max(1, options.max_attempts);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    Sampler s(problem, catalogue, options, Rng::mix(options.seed, static_cast<std::uint64_t>(attempt)));
    if (base) s.preload(*base);
    bool ok = true;
    for (std::size_t i = 0; i < problem.clauses.size() && ok; ++i) {
      const Clause& clause = problem.clauses[i];
      if (clause.auxiliary && !options.include_auxiliary) continue;
      if (base && std::all_of(clause.points.begin(), clause.points.end(), [&](PointId p) {
            return p.value < base->built.size() && base->built[p.value];
          }))
        continue;
      if (auto f = s.place(clause)) {
        last = f, last_clause = i, ok = false;
        if (f->fatal) attempt = attempts;  // resampling cannot help
      }
    }
    if (!ok) continue;
    Diagram d;
    d.points = std::move(s.points());
    d.built = std::move(s.placed());
    d.attempts = attempt;
    d.scale = s.scale();
    // A "find x" goal asks for a value: every figure has one.
    for (const Statement& goal : problem.goals)
      d.goal_holds.push_back(is_query(goal) || statement_holds(goal, d, options.tolerance));
    if (d.all_goals_hold()) return d;
    if (!goal_false) goal_false = std::move(d);
    goal_false->attempts = attempt;
  }
  if (goal_false) return *std::move(goal_false);
  const Clause& clause = problem.clauses[last_clause];
  Error e;
  e.message = "cannot build clause " + std::to_string(last_clause + 1) + " '" + clause_text(problem, clause) +
              "': " + (last ? last->reason : "unknown reason");
  e.file = problem.file;
  e.loc = clause.loc;
  e.hint = last && last->fatal ? "fix the pinned coordinates"
                               : "tried " + std::to_string(attempts) + " random figures; check the construction's inputs";
  return e;
}

}  // namespace

Expected<Diagram> build_diagram(const Problem& problem, const dsl::Catalogue& catalogue, const DiagramOptions& options) {
  return build(problem, catalogue, options, nullptr);
}

Expected<Diagram> extend_diagram(const Problem& problem, const dsl::Catalogue& catalogue, const Diagram& base,
                                 const DiagramOptions& options) {
  return build(problem, catalogue, options, &base);
}

}  // namespace pappus
