// The draft plumbing (kinds, the sink) and the point families: constructions
// placed from points alone (midpoints, mirrors, parallelograms, triangle
// and circle centers, isogonal conjugates, squares, equilateral triangles).
#include <algorithm>
#include <cassert>

#include "search/drafts.hpp"

namespace pappus::search {

namespace {

constexpr KindInfo kKindTable[kKinds] = {
    {Kind::Midpoint, "midpoint", 3.0},
    {Kind::Mirror, "mirror", 1.0},
    {Kind::Antipode, "antipode", 1.5},
    {Kind::Parallelogram, "parallelogram", 1.0},
    {Kind::Circumcenter, "circumcenter", 2.0},
    {Kind::CircleCenter, "circle center", 2.5},
    {Kind::Orthocenter, "orthocenter", 1.5},
    {Kind::Incenter, "incenter", 1.5},
    {Kind::Excenter, "excenter", 1.0},
    {Kind::Isogonal, "isogonal conjugate", 0.6},
    {Kind::Square, "square", 0.3},
    {Kind::EqTriangle, "equilateral triangle", 0.3},
    {Kind::Foot, "foot", 2.5},
    {Kind::Reflect, "reflect", 1.0},
    {Kind::Intersection, "intersection", 1.5},
    {Kind::Parallel, "parallel", 0.6},
    {Kind::Perpendicular, "perpendicular", 0.6},
    {Kind::PerpBisector, "perpendicular bisector", 0.8},
    {Kind::Bisector, "angle bisector", 1.2},
    {Kind::ExternalBisector, "external bisector", 0.8},
    {Kind::TangentLine, "tangent line", 0.8},
    {Kind::Pole, "pole", 1.2},
    {Kind::LineCircle, "line and circle", 1.5},
    {Kind::CircleCircle, "two circles", 1.2},
    {Kind::TangentPoint, "tangent point", 1.5},
    {Kind::ArcMidpoint, "arc midpoint", 1.5},
    {Kind::ParallelCircle, "parallel and circle", 0.5},
    {Kind::PerpendicularCircle, "perpendicular and circle", 0.5},
    {Kind::Spiral, "spiral center", 1.7},
    {Kind::EqualLength, "equal length", 0.3},
    {Kind::OnLine, "on line", -1.0},
    {Kind::OnCircle, "on circle", -1.0},
};

double clamp_weight(double w) { return std::min(w, 6.0); }

// Triples for circumcenters: the triangles, and point triples with a goal
// point whose sides facts speak of.
void circumcenters(const Objects& o, DraftSink& out) {
  for (const auto& t : o.triangles) {
    const double w = o.weight(t[0], t[1]) + o.weight(t[1], t[2]) + o.weight(t[0], t[2]);
    out.add(Kind::Circumcenter, 0.1 * clamp_weight(w), {"circle", {kNew, t[0], t[1], t[2]}});
  }
  const auto& p = o.points;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j)
      for (std::size_t k = j + 1; k < p.size(); ++k) {
        const PointId a = p[i], b = p[j], c = p[k];
        if (!o.goal(a) && !o.goal(b) && !o.goal(c)) continue;
        const int spoken = (o.weight(a, b) > 0) + (o.weight(b, c) > 0) + (o.weight(a, c) > 0);
        if (spoken < 2) continue;
        const std::array<PointId, 3> t{a, b, c};
        if (std::find(o.triangles.begin(), o.triangles.end(), t) != o.triangles.end()) continue;
        const double w = o.weight(a, b) + o.weight(b, c) + o.weight(a, c);
        out.add(Kind::Circumcenter, 0.1 * clamp_weight(w) - 0.5, {"circle", {kNew, a, b, c}});
      }
}

// The triangle centers of the best triangles, the excenters opposite each
// vertex, and isogonal conjugates of the points most spoken of: the lines
// from two vertices reflected in the angle bisectors there.
void triangle_centers(const Objects& o, const HeuristicOptions& opt, DraftSink& out) {
  std::vector<PointId> by_weight = o.points;
  auto total = [&](PointId p) {
    double w = o.goal(p) ? 4.0 : 0.0;
    for (PointId q : o.points) w += o.weight(p, q);
    return w;
  };
  std::stable_sort(by_weight.begin(), by_weight.end(), [&](PointId a, PointId b) { return total(a) > total(b); });
  for (std::size_t t = 0; t < o.triangles.size(); ++t) {
    const auto& [a, b, c] = o.triangles[t];
    const double prior = 0.1 * clamp_weight(o.weight(a, b) + o.weight(b, c) + o.weight(a, c));
    out.add(Kind::Orthocenter, prior, {"orthocenter", {kNew, a, b, c}});
    out.add(Kind::Incenter, prior, {"incenter", {kNew, a, b, c}});
    out.add(Kind::Excenter, prior, {"excenter", {kNew, a, b, c}});
    out.add(Kind::Excenter, prior, {"excenter", {kNew, b, c, a}});
    out.add(Kind::Excenter, prior, {"excenter", {kNew, c, a, b}});
    if (t >= 6) continue;
    int taken = 0;
    for (PointId p : by_weight) {
      if (taken >= opt.isogonal_points) break;
      if (p == a || p == b || p == c) continue;
      ++taken;
      // x on the reflection of line ap in the bisector at a (and bp at b):
      // the ray from a turning ac by the angle from ap to ab.
      out.add(Kind::Isogonal, prior + (o.goal(p) ? 0.5 : 0.0), {"on_aline", {kNew, a, c, b, a, p}},
              {"on_aline", {kNew, b, c, a, b, p}});
    }
  }
}

}  // namespace

const KindInfo& kind_info(Kind k) {
  const KindInfo& info = kKindTable[static_cast<int>(k)];
  assert(info.kind == k);
  return info;
}

int DraftSink::index(std::string_view name) {
  for (const auto& [n, i] : names_)
    if (n == name) return i;
  const int i = catalogue_.index_of(name);
  assert(i >= 0 && "a family names a construction the catalogue lacks");
  names_.emplace_back(name, i);
  return i;
}

void DraftSink::add(Kind kind, double prior, UseSpec a) {
  out_.push_back(Draft{kind, {Use{index(a.name), std::move(a.args)}}, prior});
}

void DraftSink::add(Kind kind, double prior, UseSpec a, UseSpec b) {
  out_.push_back(Draft{kind, {Use{index(a.name), std::move(a.args)}, Use{index(b.name), std::move(b.args)}}, prior});
}

UseSpec on_circle_use(const FigureCircle& f) {
  if (f.center) return {"on_circle", {kNew, *f.center, f.points[0]}};
  return {"on_circum", {kNew, f.points[0], f.points[1], f.points[2]}};
}

std::vector<PointId> inputs(const Draft& d) {
  std::vector<PointId> out;
  for (const Use& u : d.uses)
    for (PointId p : u.args)
      if (p != kNew && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

void point_families(const Objects& o, const HeuristicOptions& opt, DraftSink& out) {
  const auto& p = o.points;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      const PointId a = p[i], b = p[j];
      const double w = o.weight(a, b);
      out.add(Kind::Midpoint, 0.5 * clamp_weight(w), {"midpoint", {kNew, a, b}});
      if (w <= 0 && !o.goal(a) && !o.goal(b)) continue;
      out.add(Kind::Mirror, 0.2 * clamp_weight(w), {"mirror", {kNew, a, b}});
      out.add(Kind::Mirror, 0.2 * clamp_weight(w), {"mirror", {kNew, b, a}});
    }
  // Parallelograms on two sides sharing a vertex, one of which the facts
  // speak of or which touch the goal.
  for (PointId b : p)
    for (std::size_t i = 0; i < p.size(); ++i)
      for (std::size_t k = i + 1; k < p.size(); ++k) {
        const PointId a = p[i], c = p[k];
        if (a == b || c == b) continue;
        const bool spoken = o.weight(a, b) > 0 || o.weight(b, c) > 0;
        if (!spoken && !o.goal(a) && !o.goal(b) && !o.goal(c)) continue;
        out.add(Kind::Parallelogram, 0.1 * clamp_weight(o.weight(a, b) + o.weight(b, c)),
                {"parallelogram", {a, b, c, kNew}});
      }
  circumcenters(o, out);
  for (const FigureCircle& f : o.circles)
    if (!f.center) out.add(Kind::CircleCenter, 0.2 * f.weight, {"circle", {kNew, f.points[0], f.points[1], f.points[2]}});
  triangle_centers(o, opt, out);
  for (std::size_t s = 0; s < o.segments.size() && s < 8; ++s) {
    const auto [a, b] = o.segments[s];
    out.add(Kind::Square, 0, {"psquare", {kNew, a, b}});
    out.add(Kind::Square, 0, {"nsquare", {kNew, a, b}});
    out.add(Kind::EqTriangle, 0, {"eq_triangle", {kNew, a, b}});
  }
}

}  // namespace pappus::search
