// The line families: feet and reflections in lines, where two lines meet,
// parallels, perpendiculars and perpendicular bisectors meeting lines,
// internal and external angle bisectors meeting lines, tangents at a
// circle's points meeting lines, poles (where two tangents meet).
#include <algorithm>

#include "search/drafts.hpp"

namespace pappus::search {

namespace {

double line_prior(const FigureLine& l) { return 0.2 * std::min(l.weight, 8.0); }

bool shares_point(const FigureLine& l, const FigureLine& m) {
  return std::any_of(l.points.begin(), l.points.end(), [&](PointId p) { return Objects::has(m.points, p); });
}

UseSpec on_line(const FigureLine& l) { return {"on_line", {kNew, l.rep[0], l.rep[1]}}; }

// Parallels and perpendiculars through a point to one line of the best,
// meeting another line of the best.
void through_point(const Objects& o, const HeuristicOptions& opt, DraftSink& out) {
  const int n = std::min<int>(opt.pair_lines, static_cast<int>(o.lines.size()));
  const int meet = std::min(n, 8);
  for (PointId p : o.points)
    for (int i = 0; i < n; ++i) {
      const FigureLine& l = o.lines[i];
      if (Objects::has(l.points, p)) continue;
      const double goal = o.goal(p) ? 0.5 : 0.0;
      for (int j = 0; j < meet; ++j) {
        const FigureLine& m = o.lines[j];
        if (j == i || Objects::has(m.points, p)) continue;
        const double prior = 0.5 * (line_prior(l) + line_prior(m)) + goal;
        out.add(Kind::Parallel, prior, {"on_pline", {kNew, p, l.rep[0], l.rep[1]}}, on_line(m));
        out.add(Kind::Perpendicular, prior, {"on_tline", {kNew, p, l.rep[0], l.rep[1]}}, on_line(m));
      }
    }
}

// Angle bisectors of the best triangles: the internal one at each vertex
// meeting the opposite side and the best lines; the feet of both bisectors
// on the opposite side (where it meets the circle of points whose
// distances to its ends have the ratio of the sides).
void bisectors(const Objects& o, DraftSink& out) {
  for (std::size_t t = 0; t < o.triangles.size() && t < 8; ++t) {
    const auto& tri = o.triangles[t];
    for (int v = 0; v < 3; ++v) {
      const PointId b = tri[v], a = tri[(v + 1) % 3], c = tri[(v + 2) % 3];
      const double prior = 0.1 * std::min(o.weight(a, b) + o.weight(b, c), 6.0);
      out.add(Kind::Bisector, prior + 0.3, {"angle_bisector", {kNew, a, b, c}}, {"on_line", {kNew, a, c}});
      out.add(Kind::ExternalBisector, prior, {"eqratio6", {kNew, a, c, b, a, b, c}}, {"on_line", {kNew, a, c}});
      for (std::size_t j = 0; j < o.lines.size() && j < 8; ++j) {
        const FigureLine& m = o.lines[j];
        if (Objects::has(m.points, b) || (Objects::has(m.points, a) && Objects::has(m.points, c))) continue;
        out.add(Kind::Bisector, prior + line_prior(m) * 0.5, {"angle_bisector", {kNew, a, b, c}}, on_line(m));
      }
    }
  }
}

// Tangents at the points of the best circles with a center: meeting the
// best lines, and each other (the pole of the chord).
void tangents(const Objects& o, DraftSink& out) {
  for (std::size_t k = 0; k < o.circles.size() && k < 8; ++k) {
    const FigureCircle& f = o.circles[k];
    if (!f.center) continue;
    const PointId c = *f.center;
    const double prior = 0.1 * std::min(f.weight, 8.0);
    for (std::size_t i = 0; i < f.points.size() && i < 6; ++i) {
      const PointId a = f.points[i];
      for (std::size_t j = 0; j < o.lines.size() && j < 8; ++j) {
        const FigureLine& m = o.lines[j];
        if (Objects::has(m.points, a)) continue;
        out.add(Kind::TangentLine, prior + 0.5 * line_prior(m), {"lc_tangent", {kNew, a, c}}, on_line(m));
      }
      for (std::size_t j = i + 1; j < f.points.size() && j < 6; ++j)
        out.add(Kind::Pole, prior, {"lc_tangent", {kNew, a, c}}, {"lc_tangent", {kNew, f.points[j], c}});
    }
  }
}

}  // namespace

void line_families(const Objects& o, const HeuristicOptions& opt, DraftSink& out) {
  const auto& L = o.lines;
  for (std::size_t i = 0; i < L.size(); ++i) {
    const FigureLine& l = L[i];
    for (PointId p : o.points) {
      if (Objects::has(l.points, p)) continue;
      const double goal = o.goal(p) ? 0.5 : 0.0;
      out.add(Kind::Foot, line_prior(l) + goal, {"foot", {kNew, p, l.rep[0], l.rep[1]}});
      if (static_cast<int>(i) < opt.pair_lines)
        out.add(Kind::Reflect, line_prior(l) + goal, {"reflect", {kNew, p, l.rep[0], l.rep[1]}});
    }
  }
  for (std::size_t i = 0; i < L.size(); ++i)
    for (std::size_t j = i + 1; j < L.size(); ++j)
      if (!shares_point(L[i], L[j]))
        out.add(Kind::Intersection, line_prior(L[i]) + line_prior(L[j]), on_line(L[i]), on_line(L[j]));
  through_point(o, opt, out);
  const int meet = std::min<int>(opt.pair_lines, static_cast<int>(L.size()));
  for (const auto& [a, b] : o.segments)
    for (int j = 0; j < meet; ++j) {
      if (Objects::has(L[j].points, a) && Objects::has(L[j].points, b)) continue;
      out.add(Kind::PerpBisector, 0.1 * std::min(o.weight(a, b), 6.0) + 0.5 * line_prior(L[j]),
              {"on_bline", {kNew, a, b}}, on_line(L[j]));
    }
  bisectors(o, out);
  tangents(o, out);
}

}  // namespace pappus::search
