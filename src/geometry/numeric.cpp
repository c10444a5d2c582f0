#include "geometry/numeric.hpp"

#include <cmath>

#include "geometry/tolerance.hpp"

namespace pappus::geo {

double cross(const Vec2& a, const Vec2& b) { return a.x() * b.y() - a.y() * b.x(); }

Vec2 rot90(const Vec2& v) { return Vec2(-v.y(), v.x()); }

Vec2 rotate(const Vec2& p, const Vec2& center, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  const Vec2 v = p - center;
  return center + Vec2(c * v.x() - s * v.y(), s * v.x() + c * v.y());
}

double angle_between(const Vec2& u, const Vec2& v) { return std::atan2(cross(u, v), u.dot(v)); }

std::optional<Line> line_through(const Vec2& a, const Vec2& b) {
  const Vec2 d = b - a;
  const double n = d.norm();
  if (!(n > tolerance::kSingular)) return std::nullopt;
  return Line{a, d / n, Line::Extent::Full, 0};
}

std::optional<Circle> circumcircle(const Vec2& a, const Vec2& b, const Vec2& c) {
  const Vec2 ab = b - a, ac = c - a;
  const double den = 2 * cross(ab, ac);
  const double scale = ab.squaredNorm() + ac.squaredNorm();
  if (!(std::abs(den) > tolerance::kSingular * scale)) return std::nullopt;
  const Vec2 o = a + (ac.squaredNorm() * rot90(ab) - ab.squaredNorm() * rot90(ac)) / den;
  return Circle{o, (o - a).norm()};
}

Vec2 foot(const Vec2& p, const Line& l) { return l.p + l.d * (p - l.p).dot(l.d); }

Vec2 reflect(const Vec2& p, const Line& l) { return 2 * foot(p, l) - p; }

bool on_extent(const Line& l, const Vec2& x, double tol) {
  if (l.extent == Line::Extent::Full) return true;
  const double t = (x - l.p).dot(l.d);
  if (t < -tol) return false;
  return l.extent == Line::Extent::Ray || t <= l.length + tol;
}

namespace {

std::vector<Vec2> keep_on_extent(const Line& l, std::vector<Vec2> xs) {
  std::vector<Vec2> out;
  const double tol = tolerance::kRoundoff * (1 + l.p.norm() + l.length);
  for (const Vec2& x : xs)
    if (on_extent(l, x, tol)) out.push_back(x);
  return out;
}

}  // namespace

std::vector<Vec2> intersect(const Line& a, const Line& b) {
  const double den = cross(a.d, b.d);
  if (std::abs(den) < tolerance::kParallel) return {};
  const double t = cross(b.p - a.p, b.d) / den;
  return keep_on_extent(b, keep_on_extent(a, {a.p + t * a.d}));
}

std::vector<Vec2> intersect(const Line& l, const Circle& c) {
  const Vec2 f = foot(c.c, l);
  const double h2 = c.r * c.r - (f - c.c).squaredNorm();
  if (h2 < -tolerance::kSingular * c.r * c.r) return {};
  const double h = std::sqrt(std::max(0.0, h2));
  if (h < tolerance::kSingular * c.r) return keep_on_extent(l, {f});
  return keep_on_extent(l, {f - h * l.d, f + h * l.d});
}

std::vector<Vec2> intersect(const Circle& a, const Circle& b) {
  const Vec2 v = b.c - a.c;
  const double d = v.norm();
  if (d < tolerance::kSingular * (a.r + b.r)) return {};
  const double x = (d * d + a.r * a.r - b.r * b.r) / (2 * d);
  const double h2 = a.r * a.r - x * x;
  if (h2 < -tolerance::kSingular * a.r * a.r) return {};
  const Vec2 u = v / d;
  const Vec2 m = a.c + x * u;
  const double h = std::sqrt(std::max(0.0, h2));
  if (h < tolerance::kSingular * a.r) return {m};
  return {m - h * rot90(u), m + h * rot90(u)};
}

}  // namespace pappus::geo
