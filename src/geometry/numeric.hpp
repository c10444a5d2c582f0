// Numeric plane geometry on doubles: the primitives the diagram is built from.
#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

namespace pappus::geo {

using Vec2 = Eigen::Vector2d;

inline constexpr double kPi = 3.14159265358979323846;

// A line through p with unit direction d; a ray keeps t >= 0, a segment
// 0 <= t <= length (points p + t d).
struct Line {
  enum class Extent { Full, Ray, Segment };
  Vec2 p = Vec2::Zero();
  Vec2 d = Vec2(1, 0);
  Extent extent = Extent::Full;
  double length = 0;  // segments only
};

struct Circle {
  Vec2 c = Vec2::Zero();
  double r = 1;
};

double cross(const Vec2& a, const Vec2& b);
Vec2 rot90(const Vec2& v);                              // counterclockwise quarter turn
Vec2 rotate(const Vec2& p, const Vec2& center, double angle);  // counterclockwise, radians

// Signed angle in (-pi, pi] from vector u to vector v.
double angle_between(const Vec2& u, const Vec2& v);

// Constructors return nullopt when the inputs are degenerate (coincident
// points, collinear triangle).
std::optional<Line> line_through(const Vec2& a, const Vec2& b);
std::optional<Circle> circumcircle(const Vec2& a, const Vec2& b, const Vec2& c);

Vec2 foot(const Vec2& p, const Line& l);
Vec2 reflect(const Vec2& p, const Line& l);
bool on_extent(const Line& l, const Vec2& x, double tol);

// All intersection points (0, 1 or 2), respecting rays and segments.
// Parallel lines and concentric circles give none.
std::vector<Vec2> intersect(const Line& a, const Line& b);
std::vector<Vec2> intersect(const Line& l, const Circle& c);
std::vector<Vec2> intersect(const Circle& a, const Circle& b);

}  // namespace pappus::geo
