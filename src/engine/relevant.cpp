#include "engine/relevant.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "geometry/predicate.hpp"

namespace pappus::engine {

namespace {

// Whether a fact compares a thing with itself: its two halves (the angles
// of an eqangle, the triangles of a simtri, ...) on one point set, as
// "eqangle e c e b e c e b" or "simtri2 c b e b c e".
bool self_comparison(const Fact& f) {
  const std::size_t n = f.args.size();
  if (n < 4 || n % 2 != 0) return false;
  std::vector<PointId> first(f.args.begin(), f.args.begin() + static_cast<std::ptrdiff_t>(n / 2));
  std::vector<PointId> second(f.args.begin() + static_cast<std::ptrdiff_t>(n / 2), f.args.end());
  for (auto* half : {&first, &second}) {
    std::sort(half->begin(), half->end());
    half->erase(std::unique(half->begin(), half->end()), half->end());
  }
  return first == second;
}

// Facts that say how the figure is built come first, then equal angles and
// ratios, then similar and congruent triangles (which restate the angles
// and ratios they give).
int kind_rank(Pred p) {
  switch (p) {
    case Pred::Coll: case Pred::Para: case Pred::Perp: case Pred::Cong: case Pred::Midp: case Pred::Circle:
    case Pred::Cyclic:
      return 0;
    case Pred::SimTri: case Pred::SimTri2: case Pred::Contri: case Pred::Contri2:
      return 2;
    default:
      return 1;
  }
}

}  // namespace

std::vector<std::string> relevant_facts(const Engine& engine, int limit) {
  const Problem& problem = engine.problem();
  if (limit <= 0 || problem.goals.empty()) return {};
  std::vector<bool> in_goal(problem.point_count(), false);
  for (const Argument& a : problem.goals.front().args)
    if (a.is_point && a.point.value < in_goal.size()) in_goal[a.point.value] = true;

  struct Ranked {
    int kind, hits, points;
    std::size_t order;
  };
  std::vector<Ranked> ranked;
  const std::vector<Fact>& facts = engine.facts();
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const Fact& f = facts[i];
    using K = Justification::Kind;
    if (f.why.kind == K::Given || f.why.kind == K::Component) continue;
    if (predicate_info(f.pred).check_only || self_comparison(f)) continue;
    std::vector<PointId> points = f.args;
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    const auto hits = std::count_if(points.begin(), points.end(),
                                    [&](PointId p) { return p.value < in_goal.size() && in_goal[p.value]; });
    // A parallel through a shared point is a collinearity, said as such.
    if (hits < 2 || (f.pred == Pred::Para && points.size() < 4)) continue;
    ranked.push_back({kind_rank(f.pred), static_cast<int>(hits), static_cast<int>(points.size()), i});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.kind, b.hits, a.points, a.order) < std::tie(b.kind, a.hits, b.points, b.order);
  });
  // In that order, at most a third of the list (rounded up) of one
  // predicate while others are left, so that a figure full of equal angles
  // still shows its parallels and circles; then the rest in order.
  const int share = (limit + 2) / 3;
  // One fact per predicate and point set: "eqangle d e d f a f a e" and
  // "eqangle d f d e a e a f" are one equation read both ways.
  auto key = [&](const Fact& f) {
    std::vector<PointId> points = f.args;
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::string k(1, static_cast<char>(f.pred));
    for (PointId p : points) k += std::to_string(p.value) + ",";
    return k;
  };
  std::vector<std::string> out;
  std::vector<bool> taken(ranked.size(), false);
  std::unordered_set<std::string> seen;
  std::unordered_map<int, int> per_predicate;
  for (const bool capped : {true, false})
    for (std::size_t k = 0; k < ranked.size() && static_cast<int>(out.size()) < limit; ++k) {
      if (taken[k]) continue;
      const Fact& f = facts[ranked[k].order];
      int& n = per_predicate[static_cast<int>(f.pred)];
      if (capped && n >= share) continue;
      taken[k] = true;
      if (seen.insert(key(f)).second) {
        out.push_back(engine.fact_text(f));
        ++n;
      }
    }
  return out;
}

std::string with_facts(std::string problem, const std::vector<std::string>& facts) {
  for (std::size_t i = 0; i < facts.size(); ++i) problem += (i ? "; " : " | ") + facts[i];
  return problem;
}

}  // namespace pappus::engine
