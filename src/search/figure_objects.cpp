#include "search/figure_objects.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>

namespace pappus::search {

namespace {

using geo::Vec2;

// The segments a statement speaks of: the pairs of its lines, segments and
// triangles' sides; every pair of a line or a circle's points; a center with
// each of its points.
void pairs_of(Pred pred, const std::vector<PointId>& g, double w, const std::function<void(PointId, PointId, double)>& f) {
  switch (pred) {
    case Pred::Para: case Pred::Perp: case Pred::Cong: case Pred::EqAngle: case Pred::EqRatio:
    case Pred::AConst: case Pred::RConst: case Pred::R2Const:
      for (std::size_t i = 0; i + 1 < g.size(); i += 2) f(g[i], g[i + 1], w);
      break;
    case Pred::Coll: case Pred::Midp: case Pred::Cyclic:
      for (std::size_t i = 0; i < g.size(); ++i)
        for (std::size_t j = i + 1; j < g.size(); ++j) f(g[i], g[j], w / 2);
      break;
    case Pred::Circle:
      for (std::size_t i = 1; i < g.size(); ++i) f(g[0], g[i], w);
      break;
    case Pred::SimTri: case Pred::SimTri2: case Pred::Contri: case Pred::Contri2:
      for (std::size_t t = 0; t + 2 < g.size(); t += 3)
        for (int i = 0; i < 3; ++i) f(g[t + i], g[t + (i + 1) % 3], w / 2);
      break;
    default: break;
  }
}

// Pair weights: given facts count 1 a mention (a right angle at x over ab
// makes ab a diameter: 3 more), derived facts 0.1, the goal's segments 2.
void weigh_pairs(Objects& o, const engine::Engine& eng) {
  const std::size_t n = o.size();
  o.pair_weight.assign(n * n, 0.0);
  auto add = [&](PointId a, PointId b, double w) {
    if (a == b || a.value >= n || b.value >= n) return;
    o.pair_weight[a.value * n + b.value] += w;
    o.pair_weight[b.value * n + a.value] += w;
  };
  for (const auto& f : eng.facts()) {
    const bool given = f.why.kind == engine::Justification::Kind::Given;
    if (given && f.pred == Pred::Perp) {
      const auto& g = f.args;
      if (g[0] == g[2]) add(g[1], g[3], 3);
      if (g[1] == g[3]) add(g[0], g[2], 3);
    }
    pairs_of(f.pred, f.args, given ? 1.0 : 0.1, add);
  }
  for (const Statement& s : o.problem->goals) {
    const PredicateInfo* info = find_predicate(s.predicate);
    if (!info) continue;
    std::vector<PointId> args;
    for (const Argument& a : s.args)
      if (a.is_point) args.push_back(a.point);
    pairs_of(info->id, args, 2.0, add);
    pairs_of(info->id, args, 0, [&](PointId a, PointId b, double) {
      if (a != b && a.value < n && b.value < n) o.goal_segments.emplace_back(a, b);
    });
  }
}

int goal_count(const Objects& o, const std::vector<PointId>& pts) {
  return static_cast<int>(std::count_if(pts.begin(), pts.end(), [&](PointId p) { return o.goal(p); }));
}

// Lines of three or more collinear points, then the pairs facts speak of
// that lie on none of them; best first, at most `cap`.
void find_lines(Objects& o, int cap) {
  const std::size_t n = o.size();
  std::vector<char> covered(n * n, 0);
  std::vector<FigureLine> lines;
  const auto& pts = o.points;
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (std::size_t j = i + 1; j < pts.size(); ++j) {
      const PointId a = pts[i], b = pts[j];
      if (covered[a.value * n + b.value]) continue;
      FigureLine l;
      l.points = {a, b};
      for (PointId c : pts)
        if (c != a && c != b) {
          const Vec2 abc[] = {o.at(a), o.at(b), o.at(c)};
          if (holds(Pred::Coll, abc, 0, o.tol)) l.points.push_back(c);
        }
      if (l.points.size() < 3) continue;
      std::sort(l.points.begin(), l.points.end());
      for (PointId p : l.points)
        for (PointId q : l.points) covered[p.value * n + q.value] = 1;
      lines.push_back(std::move(l));
    }
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (std::size_t j = i + 1; j < pts.size(); ++j)
      if (!covered[pts[i].value * n + pts[j].value] && o.weight(pts[i], pts[j]) > 0)
        lines.push_back(FigureLine{{pts[i], pts[j]}, {pts[i], pts[j]}, 0, 0});
  for (FigureLine& l : lines) {
    double best = -1;
    for (std::size_t i = 0; i < l.points.size(); ++i)
      for (std::size_t j = i + 1; j < l.points.size(); ++j)
        if (o.weight(l.points[i], l.points[j]) > best) {
          best = o.weight(l.points[i], l.points[j]);
          l.rep = {l.points[i], l.points[j]};
        }
    l.goal_points = goal_count(o, l.points);
    l.weight = best + 0.25 * static_cast<double>(l.points.size() - 2) + 1.5 * std::min(l.goal_points, 2);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const FigureLine& a, const FigureLine& b) { return a.weight > b.weight; });
  if (static_cast<int>(lines.size()) > cap) lines.resize(cap);
  o.lines = std::move(lines);
}

bool on_circle(const Objects& o, const geo::Circle& c, const Vec2& p) {
  return std::abs((p - c.c).norm() - c.r) <= o.tol.eps * std::max(o.scale, c.r);
}

bool same_circle(const Objects& o, const geo::Circle& a, const geo::Circle& b) {
  const double e = o.tol.eps * std::max(o.scale, a.r) * 10;
  return (a.c - b.c).norm() <= e && std::abs(a.r - b.r) <= e;
}

// Circles of four or more concyclic points, then circles about a point of
// the figure through two or more points equidistant from it.
void find_circles(Objects& o) {
  const auto& pts = o.points;
  std::vector<FigureCircle> circles;
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (std::size_t j = i + 1; j < pts.size(); ++j)
      for (std::size_t k = j + 1; k < pts.size(); ++k) {
        const Vec2 &a = o.at(pts[i]), &b = o.at(pts[j]), &c = o.at(pts[k]);
        const bool known = std::any_of(circles.begin(), circles.end(), [&](const FigureCircle& f) {
          return on_circle(o, f.at, a) && on_circle(o, f.at, b) && on_circle(o, f.at, c);
        });
        if (known) continue;
        const auto circ = geo::circumcircle(a, b, c);
        if (!circ || circ->r > 10 * o.scale) continue;
        FigureCircle f;
        f.at = *circ;
        for (PointId p : pts)
          if (on_circle(o, f.at, o.at(p))) f.points.push_back(p);
        if (f.points.size() >= 4) circles.push_back(std::move(f));
      }
  for (PointId c : pts) {
    std::vector<std::pair<double, PointId>> by_distance;
    for (PointId p : pts)
      if (p != c) by_distance.emplace_back((o.at(p) - o.at(c)).norm(), p);
    std::sort(by_distance.begin(), by_distance.end());
    for (std::size_t i = 0; i < by_distance.size();) {
      std::size_t j = i + 1;
      while (j < by_distance.size() && by_distance[j].first - by_distance[i].first <= o.tol.eps * o.scale) ++j;
      if (j - i >= 2) {
        FigureCircle f;
        f.center = c;
        f.at = geo::Circle{o.at(c), by_distance[i].first};
        for (std::size_t k = i; k < j; ++k) f.points.push_back(by_distance[k].second);
        std::sort(f.points.begin(), f.points.end());
        auto same = std::find_if(circles.begin(), circles.end(),
                                 [&](const FigureCircle& g) { return same_circle(o, g.at, f.at); });
        if (same == circles.end()) circles.push_back(std::move(f));
        else if (!same->center) same->center = c;
      }
      i = j;
    }
  }
  o.circles = std::move(circles);
}

// Two circles through the same two points: their common chord is a line of
// the figure (a radical axis; where two meet is a radical center).
void weigh_chords(Objects& o) {
  const std::size_t n = o.size();
  for (std::size_t i = 0; i < o.circles.size(); ++i)
    for (std::size_t j = i + 1; j < o.circles.size(); ++j) {
      std::vector<PointId> common;
      std::set_intersection(o.circles[i].points.begin(), o.circles[i].points.end(), o.circles[j].points.begin(),
                            o.circles[j].points.end(), std::back_inserter(common));
      if (common.size() != 2) continue;
      o.pair_weight[common[0].value * n + common[1].value] += 0.5;
      o.pair_weight[common[1].value * n + common[0].value] += 0.5;
    }
}

// Triangles whose three sides lie on lines of the figure; best first.
void find_triangles(Objects& o, int cap) {
  const std::size_t n = o.size();
  std::vector<char> side(n * n, 0);
  for (const FigureLine& l : o.lines)
    for (PointId p : l.points)
      for (PointId q : l.points) side[p.value * n + q.value] = 1;
  std::vector<std::pair<double, std::array<PointId, 3>>> found;
  const auto& pts = o.points;
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (std::size_t j = i + 1; j < pts.size(); ++j) {
      if (!side[pts[i].value * n + pts[j].value]) continue;
      for (std::size_t k = j + 1; k < pts.size(); ++k) {
        const PointId a = pts[i], b = pts[j], c = pts[k];
        if (!side[a.value * n + c.value] || !side[b.value * n + c.value]) continue;
        const Vec2 abc[] = {o.at(a), o.at(b), o.at(c)};
        if (!holds(Pred::NColl, abc, 0, o.tol)) continue;
        const double w = o.weight(a, b) + o.weight(b, c) + o.weight(a, c) + 2.0 * goal_count(o, {a, b, c});
        found.push_back({w, {a, b, c}});
      }
    }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  if (static_cast<int>(found.size()) > cap) found.resize(cap);
  for (const auto& f : found) o.triangles.push_back(f.second);
}

// The circumcircles of the best triangles that are not circles yet; then
// weights, best first, at most `cap`.
void finish_circles(Objects& o, int cap) {
  for (std::size_t t = 0; t < o.triangles.size() && t < 8; ++t) {
    const auto& tri = o.triangles[t];
    const auto circ = geo::circumcircle(o.at(tri[0]), o.at(tri[1]), o.at(tri[2]));
    if (!circ || circ->r > 10 * o.scale) continue;
    const bool known = std::any_of(o.circles.begin(), o.circles.end(),
                                   [&](const FigureCircle& f) { return same_circle(o, f.at, *circ); });
    if (!known) o.circles.push_back(FigureCircle{std::nullopt, {tri[0], tri[1], tri[2]}, *circ, 0, 0});
  }
  for (FigureCircle& f : o.circles) {
    f.goal_points = goal_count(o, f.points) + (f.center && o.goal(*f.center) ? 1 : 0);
    double facts = 0;
    if (f.center)
      for (PointId p : f.points) facts += o.weight(*f.center, p);
    f.weight = static_cast<double>(f.points.size()) + (f.center ? 1.0 : 0.0) + 2.0 * std::min(f.goal_points, 3) +
               0.5 * std::min(facts, 4.0);
    if (!f.center && f.points.size() == 3) f.weight *= 0.5;  // a triangle's circumcircle, not a circle of the figure
  }
  std::stable_sort(o.circles.begin(), o.circles.end(),
                   [](const FigureCircle& a, const FigureCircle& b) { return a.weight > b.weight; });
  if (static_cast<int>(o.circles.size()) > cap) o.circles.resize(cap);
}

void find_segments(Objects& o, int cap) {
  std::vector<std::pair<double, std::pair<PointId, PointId>>> found;
  const auto& pts = o.points;
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (std::size_t j = i + 1; j < pts.size(); ++j) {
      const double w = o.weight(pts[i], pts[j]);
      if (w > 0) found.push_back({w + (o.goal(pts[i]) ? 1.0 : 0.0) + (o.goal(pts[j]) ? 1.0 : 0.0), {pts[i], pts[j]}});
    }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  if (static_cast<int>(found.size()) > cap) found.resize(cap);
  for (const auto& f : found) o.segments.push_back(f.second);
}

}  // namespace

bool Objects::has(const std::vector<PointId>& sorted, PointId p) {
  return std::binary_search(sorted.begin(), sorted.end(), p);
}

std::vector<int> Objects::lines_through(PointId p) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (has(lines[i].points, p)) out.push_back(static_cast<int>(i));
  return out;
}

Objects collect_objects(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                        const HeuristicOptions& options) {
  Objects o;
  o.problem = &problem;
  o.diagram = &diagram;
  const std::size_t n = problem.point_count();
  o.in_goal.assign(n, 0);
  for (const Statement& g : problem.goals)
    for (const Argument& a : g.args)
      if (a.is_point && a.point.value < n) o.in_goal[a.point.value] = 1;
  bool first = true;
  Vec2 lo = Vec2::Zero(), hi = Vec2::Zero();
  for (std::size_t i = 0; i < n && i < diagram.built.size(); ++i)
    if (diagram.built[i]) {
      const PointId p{static_cast<std::uint32_t>(i)};
      o.points.push_back(p);
      lo = first ? diagram.at(p) : Vec2(lo.cwiseMin(diagram.at(p)));
      hi = first ? diagram.at(p) : Vec2(hi.cwiseMax(diagram.at(p)));
      first = false;
    }
  o.center = (lo + hi) / 2;
  o.scale = std::max(1e-3, diagram.scale);
  weigh_pairs(o, engine);
  find_circles(o);
  weigh_chords(o);
  find_lines(o, options.max_lines);
  find_triangles(o, options.max_triangles);
  finish_circles(o, options.max_circles);
  find_segments(o, options.max_segments);
  return o;
}

}  // namespace pappus::search
