// The predicates of the problem language: one table drives parsing,
// printing and numeric checking.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "geometry/numeric.hpp"
#include "pappus/problem.hpp"

namespace pappus {

enum class Pred : unsigned char {
  Coll, Para, Perp, Cong, Midp, Circle, Cyclic, EqAngle, EqRatio,
  AConst, RConst, R2Const, LConst, L2Const, SimTri, SimTri2, Contri, Contri2,
  // Conditions only ever checked on the diagram, never proved.
  NColl, NPara, NPerp, Diff, SameSide, SameClock, Acute,
};

struct PredicateInfo {
  Pred id;
  std::string_view name;
  int points;                          // number of point arguments (minimum when variadic)
  bool variadic;                       // coll and cyclic take any count >= points
  std::optional<NumberKind> number;    // a trailing numeric argument, if any
  bool check_only;                     // never proved, only checked numerically
  std::string_view signature;          // e.g. "perp a b c d"
  std::string_view meaning;            // one line for people
};

std::span<const PredicateInfo> predicates();
const PredicateInfo* find_predicate(std::string_view name);
const PredicateInfo& predicate_info(Pred p);

// Tolerances, relative to the sizes involved: an equality holds when its
// relative error is below `eps`; a point, line or angle counts as
// degenerate (coincident, parallel, collinear) below `separation`. A diagram
// whose points crowd closer than `min_distance` is resampled: equalities
// checked on it would be ill-conditioned.
struct Tolerance {
  double eps = 1e-7;
  double separation = 1e-4;
  double min_distance = 2e-3;  // diagrams: distinct points are at least this far apart, relative to the figure
};

// Whether the predicate holds on these coordinates. `number` is the value of
// the numeric argument (radians, ratio or length) when the predicate has one.
// Equalities over degenerate objects (a line through two equal points) do
// not hold.
bool holds(Pred p, std::span<const geo::Vec2> points, double number, const Tolerance& tol = {});

// The arguments in a normal order: equal for statements that say the same
// thing in another order (points of a line or circle, ends of a segment,
// the two sides of an equality, the two segments of para/perp/cong).
std::vector<PointId> normalize(Pred p, std::span<const PointId> args);
// The same into `out` (at least as long as `args`), without allocating;
// how many points it wrote (fewer for coll and cyclic with repeated points).
std::size_t normalize(Pred p, std::span<const PointId> args, std::span<PointId> out);

// The segments pq, uv of a cong or rconst (|pq| = r |uv|) as signed lengths
// along a line read them: each from its smaller point id to its larger, and
// a cong's two segments in normal order. The distance equation
// x_q - x_p = ±r (x_v - x_u) then does not depend on the argument order.
std::array<PointId, 4> distance_segments(Pred p, std::span<const PointId> args);

// Reads a numeric argument of the given kind: angles "60o", "60" (degrees),
// "1pi/3" (fraction of pi); ratios "2/1", "1.5"; lengths "3.5".
std::optional<Constant> parse_constant(std::string_view text, NumberKind kind);

}  // namespace pappus
