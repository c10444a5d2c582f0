// The predicates of the problem language and what each means, in one table
// (predicate_table.cpp): its name and arguments, its symmetries, the
// equations it stands for and the tables they go to, the simpler statements
// a compound one is made of, when it is degenerate or says nothing, whether
// it is worth a goal, and how it reads for people. The parser, the engine,
// the matcher, the checker, the printers and the generator read it; the
// numeric test of each predicate (`holds`) is the one algorithm per
// predicate, and lives here too.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "geometry/numeric.hpp"
#include "geometry/tolerance.hpp"
#include "pappus/problem.hpp"

namespace pappus {

enum class Pred : unsigned char {
  Coll, Para, Perp, Cong, Midp, Circle, Cyclic, EqAngle, EqRatio,
  AConst, RConst, R2Const, LConst, L2Const, SimTri, SimTri2, Contri, Contri2, RatioProd,
  // Conditions only ever checked on the diagram, never proved.
  NColl, NPara, NPerp, Diff, SameSide, SameClock, Acute, ObtuseAngle,
};

// The arguments' symmetries: which orders say the same thing (normalize).
enum class Symmetry : unsigned char {
  None,          // the order matters
  Set,           // coll, cyclic: a set of points (repeats count once)
  FirstAndSet,   // midp m a b, circle o a b c: the first, then a set
  TwoSegments,   // para, perp, cong: two unordered pairs, in either order
  TwoFractions,  // eqangle, eqratio: ab:cd = pq:rs, each pair unordered, either side first
  TwoTriangles,  // simtri...: corresponding vertices in any order, either triangle first
  Hexagon,       // ratioprod: a closed path of six points, from any of its points, either way round
};

// How its points are read, for degeneracy (`degenerate`).
enum class Shape : unsigned char {
  Points,     // distinct points: a repeated one is degenerate
  Pairs,      // segments or lines two by two: a pair of one point twice is degenerate
  Triangles,  // two triangles: a triangle with a repeated vertex is degenerate
  Hexagon,    // a closed path: two neighbours (the last and the first too) the same point is degenerate
  Condition,  // a condition checked on the diagram: never degenerate
};

// When a statement says nothing (`trivial`).
enum class Trivial : unsigned char {
  Never,
  SameSegments,   // para, cong: both pairs are one segment
  SameFractions,  // eqangle, eqratio ab:cd = pq:rs: ab = pq and cd = rs, or ab = cd and pq = rs
  SameTriangles,  // the two triangles are one, vertex by vertex
  SameProducts,   // ratioprod: the alternate sides of its hexagon are the same three segments
};

// The line or circle its points lie on.
enum class Locus : unsigned char {
  None,
  Line,            // coll, midp: all its points on one line
  Circle,          // cyclic: all its points on one circle
  CenteredCircle,  // circle o a b c: the points after the first on one circle, centred at the first
};

// The stores of the engine a statement is proved from (bits): a rule's
// premise that failed is tried again only once one of them has grown.
namespace store {
inline constexpr unsigned kAngles = 1, kRatios = 2, kLines = 4, kCircles = 8, kFacts = 16;
}

// One linear equation a statement stands for, e + k = 0 over its point
// pairs: e = sum of sign * (direction of line pq, in units of pi) in the
// angle table, or of sign * log |pq| in the ratio table. The constant k is
// k_num/k_den (angles) or log(k_num/k_den) (ratios, when k_num != 0), minus
// the statement's number r when `power` > 0: r as a fraction of pi
// (angles), log(r) / power (ratios).
struct Equation {
  enum class Table : unsigned char { Angles, Ratios };
  struct Term {
    std::uint8_t p, q;  // indexes of the statement's points
    std::int8_t sign;
  };
  Table table;
  std::array<Term, 6> terms;
  std::uint8_t count;  // terms used
  std::int8_t k_num = 0, k_den = 1;
  std::uint8_t power = 0;
};

// Along one line, the positions of its points (engine distances, checker).
enum class Distance : unsigned char {
  None,
  Midpoint,  // midp m a b: 2 x_m - x_a - x_b = 0
  Segments,  // cong, rconst p q u v: x_q - x_p = +-r (x_v - x_u), segments as distance_segments reads them
};

// One of the simpler statements a compound statement is made of: its
// predicate, its points as indexes of the whole's, and its constant.
struct Part {
  Pred pred;
  std::array<std::uint8_t, 8> args;
  std::uint8_t count;
  std::string_view number;  // a ratio constant ("1/2"), or empty
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
  Symmetry symmetry;
  Shape shape;
  Trivial trivial;
  Locus locus;
  unsigned proved_from;                // store:: bits
  std::span<const Equation> equations; // its own (a compound one's are its parts')
  Distance distance;
  // Compound statements: the engine files their parts, the checker accepts
  // each part of one. The first `defined_by` parts together are the
  // statement (0: only theorems conclude it); `distinct` when that holds
  // only for distinct points.
  std::span<const Part> parts;
  std::uint8_t defined_by;
  bool distinct;
  bool goal;                           // worth a goal in generated data
  // For people (proof/text.cpp): {0}..{7} a point (upper case), {*} all the
  // points as a list, {1*} those from the second on, {r} the number as a
  // fraction, {n} its text, {deg} the angle in degrees; empty: the plain
  // statement. `corners`: read as ordinary angles when its lines meet at a
  // named point.
  std::string_view text;
  bool corners;
  std::string_view part_text;          // a compound statement's parts: "corresponding parts of ..."
};

inline constexpr std::size_t kPredicateCount = 27;
namespace detail {
extern const std::array<PredicateInfo, kPredicateCount> kPredicateTable;  // predicate_table.cpp, indexed by Pred
}

std::span<const PredicateInfo> predicates();
const PredicateInfo* find_predicate(std::string_view name);
// Inline: the engine and the matcher ask it in their inner loops.
inline const PredicateInfo& predicate_info(Pred p) { return detail::kPredicateTable[static_cast<std::size_t>(p)]; }

// Coll and cyclic: the statement that points share one line or circle,
// which the engine proves from its lines and circles.
inline bool point_set(const PredicateInfo& p) {
  return p.parts.empty() && (p.locus == Locus::Line || p.locus == Locus::Circle);
}

// Coll: an identity between line variables (the lines it merges are one),
// not an equation of a table.
inline bool line_identity(Pred p) {
  const PredicateInfo& info = predicate_info(p);
  return point_set(info) && info.locus == Locus::Line;
}

// A part's points, given the whole's.
std::vector<PointId> part_args(const Part& part, std::span<const PointId> whole);

// A statement about a segment from a point to itself, or with a repeated
// point where it needs distinct ones (points as indexes in a diagram):
// never a useful fact.
bool degenerate(Pred p, std::span<const int> points);
// A conclusion that says nothing: both sides the same.
bool trivial(Pred p, std::span<const int> points);

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
