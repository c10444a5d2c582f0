#include "search/proposer_place.hpp"

#include <cassert>
#include <cmath>

#include "util/rng.hpp"

namespace pappus::search {

namespace {

using dsl::Construction;
using dsl::FactTemplate;
using dsl::Value;
using geo::Vec2;

// The recipes' context: seeded, the figure's scale; a choice among several
// points keeps every fresh one (the builder picks one at random).
class Placer final : public dsl::EvalContext {
 public:
  Placer(const Objects& o, std::uint64_t seed) : o_(o), rng_(seed) {}
  double uniform(double lo, double hi) override { return rng_.uniform(lo, hi); }
  double scale() const override { return o_.scale; }
  Vec2 choose(const std::vector<Vec2>& candidates) override {
    chosen_.clear();
    for (const Vec2& c : candidates)
      if (!on_existing(c)) chosen_.push_back(c);
    if (chosen_.empty()) chosen_ = candidates;
    return chosen_.front();
  }
  bool on_existing(const Vec2& x) const {
    for (PointId p : o_.points)
      if (same_point(o_, o_.at(p), x)) return true;
    return false;
  }
  const std::vector<Vec2>& chosen() const { return chosen_; }
  void forget() { chosen_.clear(); }

 private:
  const Objects& o_;
  Rng rng_;
  std::vector<Vec2> chosen_;  // the options of the last choice
};

bool fact_holds(const FactTemplate& f, const std::vector<Value>& slots, const Tolerance& tol) {
  Vec2 pts[8];
  assert(f.args.size() <= 8);
  for (std::size_t i = 0; i < f.args.size(); ++i) {
    const auto* p = std::get_if<Vec2>(&slots[f.args[i]]);
    if (!p) return false;
    pts[i] = *p;
  }
  double number = 0;
  if (f.number >= 0) number = std::get<double>(slots[f.number]);
  if (f.literal) number = f.literal->value;
  return holds(f.pred, std::span<const Vec2>(pts, f.args.size()), number, tol);
}

bool facts_hold(const std::vector<FactTemplate>& facts, const std::vector<Value>& slots, const Tolerance& tol) {
  for (const auto& f : facts)
    if (!fact_holds(f, slots, tol)) return false;
  return true;
}

// One use's slots: its input points set, the new point left empty.
std::vector<Value> slots_for(const Construction& c, const Use& use, const Objects& o) {
  std::vector<Value> slots(c.recipe.slot_count, Value(0.0));
  assert(use.args.size() == c.params.size());
  for (std::size_t i = 0; i < use.args.size(); ++i)
    if (use.args[i] != kNew) slots[i] = o.at(use.args[i]);
  return slots;
}

int new_slot(const Use& use) {
  for (std::size_t i = 0; i < use.args.size(); ++i)
    if (use.args[i] == kNew) return static_cast<int>(i);
  assert(false && "a draft use without the new point");
  return -1;
}

// Runs a fixed recipe; the new point's options: one, or the fresh points a
// one-line recipe chose among (the builder picks one of them at random).
std::optional<std::vector<Vec2>> run_fixed(const Construction& c, const Use& use, std::vector<Value>& slots,
                                           Placer& ctx) {
  ctx.forget();
  for (const auto& st : c.recipe.statements) {
    auto r = dsl::evaluate(c.recipe, st.expr, slots, ctx);
    if (!r.failure.empty()) return std::nullopt;
    if (st.kind == dsl::Statement::Kind::On) slots[st.targets[0]] = dsl::random_point_on(r.value, ctx);
    else if (st.targets.size() == 1) slots[st.targets[0]] = std::move(r.value);
    else return std::nullopt;  // families use one-point constructions only
  }
  if (c.recipe.statements.size() == 1 && ctx.chosen().size() > 1) return ctx.chosen();
  return std::vector<Vec2>{std::get<Vec2>(slots[new_slot(use)])};
}

// The curve of a one-dof construction: its lets, then its `on` expression.
std::optional<Value> curve_of(const Construction& c, std::vector<Value>& slots, Placer& ctx) {
  const auto& sts = c.recipe.statements;
  for (std::size_t i = 0; i + 1 < sts.size(); ++i) {
    auto r = dsl::evaluate(c.recipe, sts[i].expr, slots, ctx);
    if (!r.failure.empty()) return std::nullopt;
    slots[sts[i].targets[0]] = std::move(r.value);
  }
  auto r = dsl::evaluate(c.recipe, sts.back().expr, slots, ctx);
  if (!r.failure.empty()) return std::nullopt;
  return std::move(r.value);
}

// Where two curves meet, as the diagram builder intersects them: lines and
// rays as whole lines with each other, rays keep their extent with circles.
std::vector<Vec2> meet(const Value& a, const Value& b) {
  if (const auto* la = std::get_if<geo::Line>(&a)) {
    if (const auto* lb = std::get_if<geo::Line>(&b)) {
      geo::Line fa = *la, fb = *lb;
      fa.extent = fb.extent = geo::Line::Extent::Full;
      return geo::intersect(fa, fb);
    }
    return geo::intersect(*la, std::get<geo::Circle>(b));
  }
  if (const auto* lb = std::get_if<geo::Line>(&b)) return geo::intersect(*lb, std::get<geo::Circle>(a));
  return geo::intersect(std::get<geo::Circle>(a), std::get<geo::Circle>(b));
}

// Keeps the points that are finite, near the figure, new, and satisfy
// every use's facts; the reason for the last one dropped when none is left.
Placement keep_valid(std::vector<Vec2> xs, const Draft& d, std::vector<std::vector<Value>>& slots,
                     const std::vector<const Construction*>& cons, const Objects& o, const Placer& ctx) {
  Placement out;
  Rejection why = Rejection::OnExistingPoint;
  for (const Vec2& x : xs) {
    if (!std::isfinite(x.x()) || !std::isfinite(x.y()) || (x - o.center).norm() > 10 * o.scale) {
      why = Rejection::TooFar;
      continue;
    }
    if (ctx.on_existing(x)) {
      why = Rejection::OnExistingPoint;
      continue;
    }
    bool ok = true;
    for (std::size_t i = 0; i < d.uses.size() && ok; ++i) {
      slots[i][new_slot(d.uses[i])] = x;
      ok = facts_hold(cons[i]->asserts, slots[i], o.tol) && facts_hold(cons[i]->ensures, slots[i], o.tol);
    }
    if (!ok) {
      why = Rejection::FactFails;
      continue;
    }
    if (out.at.empty() || !same_point(o, out.at.front(), x)) out.at.push_back(x);
  }
  if (out.at.empty()) out.rejected = why;
  return out;
}

}  // namespace

bool same_point(const Objects& o, const Vec2& a, const Vec2& b) {
  return (a - b).norm() < o.tol.min_distance * o.scale;
}

Placement place(const Draft& d, const Objects& o, const dsl::Catalogue& catalogue, std::uint64_t seed) {
  Placer ctx(o, seed);
  std::vector<std::vector<Value>> slots;
  std::vector<const Construction*> cons;
  for (const Use& use : d.uses) {
    const Construction& c = catalogue.at(use.construction);
    cons.push_back(&c);
    slots.push_back(slots_for(c, use, o));
    if (!facts_hold(c.requires_, slots.back(), o.tol) || !facts_hold(c.givens, slots.back(), o.tol))
      return Placement{Rejection::Degenerate, {}, false};
  }
  std::vector<Vec2> xs;
  if (d.uses.size() == 1 && !cons[0]->one_dof()) {
    auto r = run_fixed(*cons[0], d.uses[0], slots[0], ctx);
    if (!r) return Placement{Rejection::Degenerate, {}, false};
    xs = std::move(*r);
  } else if (d.uses.size() == 1) {
    if (!curve_of(*cons[0], slots[0], ctx)) return Placement{Rejection::Degenerate, {}, false};
    return Placement{std::nullopt, {}, true};
  } else {
    assert(d.uses.size() == 2 && cons[0]->one_dof() && cons[1]->one_dof());
    auto a = curve_of(*cons[0], slots[0], ctx);
    auto b = a ? curve_of(*cons[1], slots[1], ctx) : std::nullopt;
    if (!a || !b) return Placement{Rejection::Degenerate, {}, false};
    xs = meet(*a, *b);
    if (xs.empty()) return Placement{Rejection::NoIntersection, {}, false};
  }
  return keep_valid(std::move(xs), d, slots, cons, o, ctx);
}

}  // namespace pappus::search
