// The tolerances of numeric geometry, in one place. Each is relative to the
// sizes involved (a length, a radius, the figure's scale) unless it says
// otherwise; none of them decides truth in a proof, which is exact.
#pragma once

namespace pappus {

// Checking statements on a diagram (geometry/predicate.hpp `holds`) and
// matching rules on it (engine/matcher.hpp): an equality holds when its
// relative error is below `eps`; a point, line or angle counts as
// degenerate (coincident, parallel, collinear, a flat triangle) below
// `separation`. A diagram whose points crowd closer than `min_distance` is
// resampled: equalities checked on it would be ill-conditioned. The
// matcher looks values up (angles, log-ratios, log-lengths, directions,
// points on a circle, a midpoint) within `window` of the one it needs, then
// checks each candidate with `eps`.
struct Tolerance {
  double eps = 1e-7;
  double separation = 1e-4;
  double min_distance = 2e-3;  // diagrams: distinct points are at least this far apart, relative to the figure
  double window = 1e-6;        // the matcher's lookups: wider than eps, so that no true candidate is missed
};

namespace tolerance {

// A construction's input is singular: coincident points, a triangle with
// no area, a tangent line or circle (geometry/numeric.cpp, dsl/recipe.cpp).
inline constexpr double kSingular = 1e-12;
// Two unit directions whose cross product is below this (absolute) are
// parallel: their lines do not meet (geometry/numeric.cpp).
inline constexpr double kParallel = 1e-10;
// Round-off: a value that is zero, or two values computed along different
// paths that are equal, in exact arithmetic (a degenerate input of a
// recipe, a ratio p/q of small integers, three points in general position,
// the statements a figure's coordinates suggest); also the least scale of a
// figure.
inline constexpr double kRoundoff = 1e-9;
// Coarse equality, for what people see and for points computed twice: an
// angle printed in whole degrees, two angles printed as equal, a point on
// a drawn line or circle, two intersection points that are one, a segment
// strictly shorter than another.
inline constexpr double kCoarse = 1e-6;

}  // namespace tolerance

}  // namespace pappus
