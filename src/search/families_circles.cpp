// The circle families: lines and circles meeting circles again, tangent
// points from a point, arc midpoints, antipodes, parallels and
// perpendiculars through a circle's point meeting it again, angle
// bisectors meeting circles, centers of spiral similarity (Miquel points),
// equal lengths along lines, and points at random on lines and circles.
#include <algorithm>

#include "search/drafts.hpp"

namespace pappus::search {

namespace {

double circle_prior(const FigureCircle& f) { return 0.15 * std::min(f.weight, 8.0); }
double line_prior(const FigureLine& l) { return 0.2 * std::min(l.weight, 8.0); }

UseSpec on_line(const FigureLine& l) { return {"on_line", {kNew, l.rep[0], l.rep[1]}}; }

// Points of a circle and their pairs: arc midpoints (both, where the
// perpendicular bisector of the chord meets the circle), antipodes, tangent
// points from the points outside, chords through a point parallel or
// perpendicular to the best lines.
void on_one_circle(const Objects& o, const FigureCircle& f, bool best, DraftSink& out) {
  const double prior = circle_prior(f);
  const auto& q = f.points;
  for (std::size_t i = 0; i < q.size() && i < 6; ++i) {
    const PointId a = q[i];
    for (std::size_t j = i + 1; j < q.size() && j < 6; ++j)
      out.add(Kind::ArcMidpoint, prior + 0.1 * std::min(o.weight(a, q[j]), 6.0), {"on_bline", {kNew, a, q[j]}},
              on_circle_use(f));
    if (f.center) {
      out.add(Kind::Antipode, prior, {"mirror", {kNew, a, *f.center}});
    } else {
      const PointId b = q[i == 0 ? 1 : 0];  // x b perpendicular to a b: x is a's antipode
      out.add(Kind::Antipode, prior, {"on_tline", {kNew, b, a, b}}, on_circle_use(f));
    }
    if (!best) continue;
    for (std::size_t j = 0; j < o.lines.size() && j < 8; ++j) {
      const FigureLine& m = o.lines[j];
      if (Objects::has(m.points, a)) continue;
      const double p = prior + 0.5 * line_prior(m) - 0.2;
      out.add(Kind::ParallelCircle, p, {"on_pline", {kNew, a, m.rep[0], m.rep[1]}}, on_circle_use(f));
      out.add(Kind::PerpendicularCircle, p, {"on_tline", {kNew, a, m.rep[0], m.rep[1]}}, on_circle_use(f));
    }
  }
  if (!f.center) return;
  const PointId c = *f.center;
  for (PointId p : o.points) {
    if (p == c || Objects::has(q, p)) continue;
    if ((o.at(p) - f.at.c).norm() <= f.at.r * (1 + 1e-3)) continue;  // inside: no tangent
    out.add(Kind::TangentPoint, prior + (o.goal(p) ? 0.5 : 0.0), on_circle_use(f), {"on_dia", {kNew, p, c}});
  }
}

// Miquel points: for two lines through a point e, with a, c on one and b,
// d on the other, the second meeting point of circles eab and ecd is the
// center of the spiral similarity taking ab to cd.
void spirals(const Objects& o, DraftSink& out) {
  for (PointId e : o.points) {
    std::vector<int> through;
    for (int i : o.lines_through(e))
      if (o.lines[i].points.size() >= 3 && through.size() < 4) through.push_back(i);
    for (std::size_t i = 0; i < through.size(); ++i)
      for (std::size_t j = i + 1; j < through.size(); ++j) {
        std::vector<PointId> u, v;
        for (PointId p : o.lines[through[i]].points)
          if (p != e && u.size() < 3) u.push_back(p);
        for (PointId p : o.lines[through[j]].points)
          if (p != e && v.size() < 3) v.push_back(p);
        const double prior = 0.5 * (line_prior(o.lines[through[i]]) + line_prior(o.lines[through[j]]));
        for (std::size_t a = 0; a < u.size(); ++a)
          for (std::size_t c = a + 1; c < u.size(); ++c)
            for (std::size_t b = 0; b < v.size(); ++b)
              for (std::size_t d = 0; d < v.size(); ++d)
                if (b != d)
                  out.add(Kind::Spiral, prior, {"on_circum", {kNew, e, u[a], v[b]}},
                          {"on_circum", {kNew, e, u[c], v[d]}});
      }
  }
}

}  // namespace

void circle_families(const Objects& o, const HeuristicOptions& opt, DraftSink& out) {
  const auto& C = o.circles;
  for (std::size_t k = 0; k < C.size(); ++k) {
    const FigureCircle& f = C[k];
    for (const FigureLine& l : o.lines)
      out.add(Kind::LineCircle, circle_prior(f) + line_prior(l), on_line(l), on_circle_use(f));
    for (std::size_t j = k + 1; j < C.size(); ++j)
      out.add(Kind::CircleCircle, circle_prior(f) + circle_prior(C[j]), on_circle_use(f), on_circle_use(C[j]));
    on_one_circle(o, f, k < 8, out);
  }
  // Internal bisectors of the best triangles meeting circles through their vertex.
  for (std::size_t t = 0; t < o.triangles.size() && t < 8; ++t)
    for (int v = 0; v < 3; ++v) {
      const auto& tri = o.triangles[t];
      const PointId b = tri[v], a = tri[(v + 1) % 3], c = tri[(v + 2) % 3];
      for (std::size_t k = 0; k < C.size() && k < 8; ++k)
        if (Objects::has(C[k].points, b))
          out.add(Kind::Bisector, circle_prior(C[k]), {"angle_bisector", {kNew, a, b, c}}, on_circle_use(C[k]));
    }
  spirals(o, out);
  // Along a line from one of its points, a length the facts speak of.
  for (std::size_t s = 0; s < o.segments.size() && s < 6; ++s) {
    const auto [b, c] = o.segments[s];
    for (std::size_t j = 0; j < o.lines.size() && j < 6; ++j)
      for (PointId a : o.lines[j].rep) {
        if (a == b || a == c) continue;
        out.add(Kind::EqualLength, 0.5 * line_prior(o.lines[j]), {"eqdistance", {kNew, a, b, c}}, on_line(o.lines[j]));
      }
  }
  for (int i = 0; i < opt.random_points && i < static_cast<int>(o.lines.size()); ++i)
    out.add(Kind::OnLine, line_prior(o.lines[i]), on_line(o.lines[i]));
  for (int i = 0; i < opt.random_points && i < static_cast<int>(C.size()); ++i)
    out.add(Kind::OnCircle, circle_prior(C[i]), on_circle_use(C[i]));
}

}  // namespace pappus::search
