// The predicate table: what each predicate of the problem language means
// (the fields are described in predicate.hpp).
#include <array>
#include <utility>

#include "geometry/predicate.hpp"

namespace pappus {

namespace {

using NK = NumberKind;
using T = Equation::Table;
using S = Symmetry;
using Sh = Shape;
using Tr = Trivial;
namespace st = store;

// ---- Equations: e + k = 0 over the statement's point pairs (indexes).

// d(ab) - d(cd) = 0
constexpr std::array kPara = {Equation{T::Angles, {{{0, 1, 1}, {2, 3, -1}}}, 2}};
// d(ab) - d(cd) + 1/2 = 0
constexpr std::array kPerp = {Equation{T::Angles, {{{0, 1, 1}, {2, 3, -1}}}, 2, 1, 2}};
// d(ab) - d(cd) - d(pq) + d(rs) = 0
constexpr std::array kEqAngle = {Equation{T::Angles, {{{0, 1, 1}, {2, 3, -1}, {4, 5, -1}, {6, 7, 1}}}, 4}};
// d(cd) - d(ab) - r = 0
constexpr std::array kAConst = {Equation{T::Angles, {{{2, 3, 1}, {0, 1, -1}}}, 2, 0, 1, 1}};
// log ab - log cd = 0
constexpr std::array kCong = {Equation{T::Ratios, {{{0, 1, 1}, {2, 3, -1}}}, 2}};
// log ab - log cd - log pq + log rs = 0
constexpr std::array kEqRatio = {Equation{T::Ratios, {{{0, 1, 1}, {2, 3, -1}, {4, 5, -1}, {6, 7, 1}}}, 4}};
// log ad - log db + log be - log ec + log cf - log fa = 0 (ratioprod a d b e c f)
constexpr std::array kRatioProd = {
    Equation{T::Ratios, {{{0, 1, 1}, {1, 2, -1}, {2, 3, 1}, {3, 4, -1}, {4, 5, 1}, {5, 0, -1}}}, 6}};
// log ab - log cd - log(r) / power = 0
constexpr std::array kRConst = {Equation{T::Ratios, {{{0, 1, 1}, {2, 3, -1}}}, 2, 0, 1, 1}};
constexpr std::array kR2Const = {Equation{T::Ratios, {{{0, 1, 1}, {2, 3, -1}}}, 2, 0, 1, 2}};
// log ab - log(l) / power = 0
constexpr std::array kLConst = {Equation{T::Ratios, {{{0, 1, 1}}}, 1, 0, 1, 1}};
constexpr std::array kL2Const = {Equation{T::Ratios, {{{0, 1, 1}}}, 1, 0, 1, 2}};

// ---- Parts of compound statements, as indexes of the whole's points.

// midp m a b: m, a, b collinear; ma = mb; ma / ab = 1/2
constexpr std::array kMidpParts = {
    Part{Pred::Coll, {0, 1, 2}, 3, ""},
    Part{Pred::Cong, {0, 1, 0, 2}, 4, ""},
    Part{Pred::RConst, {0, 1, 1, 2}, 4, "1/2"},
};
// circle o a b c: oa = ob, oa = oc
constexpr std::array kCircleParts = {
    Part{Pred::Cong, {0, 1, 0, 2}, 4, ""},
    Part{Pred::Cong, {0, 1, 0, 3}, 4, ""},
};
// Triangles abc, pqr (0..5): the angles at b and c, the ratios of the sides
// at b and c, and for congruent ones ab = pq. Mirrored triangles turn their
// angles the other way.
constexpr Part kAngleB{Pred::EqAngle, {1, 0, 1, 2, 4, 3, 4, 5}, 8, ""};
constexpr Part kAngleC{Pred::EqAngle, {2, 0, 2, 1, 5, 3, 5, 4}, 8, ""};
constexpr Part kMirroredAngleB{Pred::EqAngle, {1, 0, 1, 2, 4, 5, 4, 3}, 8, ""};
constexpr Part kMirroredAngleC{Pred::EqAngle, {2, 0, 2, 1, 5, 4, 5, 3}, 8, ""};
constexpr Part kRatioB{Pred::EqRatio, {1, 0, 1, 2, 4, 3, 4, 5}, 8, ""};
constexpr Part kRatioC{Pred::EqRatio, {2, 0, 2, 1, 5, 3, 5, 4}, 8, ""};
constexpr Part kSideAB{Pred::Cong, {0, 1, 3, 4}, 4, ""};
constexpr std::array kSimTriParts = {kAngleB, kAngleC, kRatioB, kRatioC};
constexpr std::array kSimTri2Parts = {kMirroredAngleB, kMirroredAngleC, kRatioB, kRatioC};
constexpr std::array kContriParts = {kAngleB, kAngleC, kRatioB, kRatioC, kSideAB};
constexpr std::array kContri2Parts = {kMirroredAngleB, kMirroredAngleC, kRatioB, kRatioC, kSideAB};

constexpr std::string_view kSimilar = "corresponding parts of similar triangles";
constexpr std::string_view kCongruent = "corresponding parts of congruent triangles";

// A predicate proved by the engine.
constexpr PredicateInfo proved(Pred id, std::string_view name, int points, bool variadic, std::optional<NK> number,
                               std::string_view signature, std::string_view meaning, Symmetry symmetry, Shape shape,
                               Trivial trivial, Locus locus, unsigned proved_from, std::span<const Equation> equations,
                               Distance distance, bool goal, std::string_view text) {
  return {id,    name,      points,   variadic, number,      false, signature, meaning, symmetry, shape, trivial,
          locus, proved_from, equations, distance, {},        0,     false,     goal,    text,     false, "part of"};
}

// A compound one: its parts, the first `defined_by` of which are it.
constexpr PredicateInfo compound(PredicateInfo p, std::span<const Part> parts, std::uint8_t defined_by, bool distinct,
                                 std::string_view part_text) {
  p.parts = parts;
  p.defined_by = defined_by;
  p.distinct = distinct;
  p.part_text = part_text;
  return p;
}

constexpr PredicateInfo with_corners(PredicateInfo p) {
  p.corners = true;
  return p;
}

// A condition checked on the diagram only.
constexpr PredicateInfo condition(Pred id, std::string_view name, int points, bool variadic, std::string_view signature,
                                  std::string_view meaning) {
  return {id,           name,        points, variadic, {}, true, signature, meaning, S::None, Sh::Condition, Tr::Never,
          Locus::None,  st::kRatios, {},     Distance::None, {}, 0,    false,     false,   "",      false,     "part of"};
}

constexpr unsigned kAngleLines = st::kAngles | st::kLines;

}  // namespace

namespace detail {

constexpr std::array<PredicateInfo, kPredicateCount> kPredicateTable = {
    proved(Pred::Coll, "coll", 3, true, {}, "coll a b c", "the points lie on one line", S::Set, Sh::Points, Tr::Never,
           Locus::Line, st::kLines, {}, Distance::None, true, "{*} are collinear"),
    proved(Pred::Para, "para", 4, false, {}, "para a b c d", "line ab is parallel to line cd", S::TwoSegments,
           Sh::Pairs, Tr::SameSegments, Locus::None, kAngleLines, kPara, Distance::None, true, "{0}{1} ∥ {2}{3}"),
    proved(Pred::Perp, "perp", 4, false, {}, "perp a b c d", "line ab is perpendicular to line cd", S::TwoSegments,
           Sh::Pairs, Tr::Never, Locus::None, kAngleLines, kPerp, Distance::None, true, "{0}{1} ⊥ {2}{3}"),
    proved(Pred::Cong, "cong", 4, false, {}, "cong a b c d", "AB = CD", S::TwoSegments, Sh::Pairs, Tr::SameSegments,
           Locus::None, st::kRatios, kCong, Distance::Segments, true, "{0}{1} = {2}{3}"),
    compound(proved(Pred::Midp, "midp", 3, false, {}, "midp m a b", "m is the midpoint of ab", S::FirstAndSet,
                    Sh::Points, Tr::Never, Locus::Line, st::kLines | st::kRatios, {}, Distance::Midpoint, true,
                    "{0} is the midpoint of {1}{2}"),
             kMidpParts, 2, true, "part of"),
    compound(proved(Pred::Circle, "circle", 4, false, {}, "circle o a b c",
                    "o is the center of the circle through a, b, c", S::FirstAndSet, Sh::Points, Tr::Never,
                    Locus::CenteredCircle, st::kRatios, {}, Distance::None, false,
                    "{0} is the center of the circle through {1*}"),
             kCircleParts, 2, false, "part of"),
    proved(Pred::Cyclic, "cyclic", 4, true, {}, "cyclic a b c d", "the points lie on one circle", S::Set, Sh::Points,
           Tr::Never, Locus::Circle, st::kCircles, {}, Distance::None, true, "{*} are concyclic"),
    with_corners(proved(Pred::EqAngle, "eqangle", 8, false, {}, "eqangle a b c d p q r s",
                        "the angle from line ab to line cd equals the angle from line pq to line rs (mod pi)",
                        S::TwoFractions, Sh::Pairs, Tr::SameFractions, Locus::None, kAngleLines, kEqAngle,
                        Distance::None, true, "∠({0}{1}, {2}{3}) = ∠({4}{5}, {6}{7})")),
    proved(Pred::EqRatio, "eqratio", 8, false, {}, "eqratio a b c d p q r s", "AB/CD = PQ/RS", S::TwoFractions,
           Sh::Pairs, Tr::SameFractions, Locus::None, st::kRatios, kEqRatio, Distance::None, true,
           "{0}{1}/{2}{3} = {4}{5}/{6}{7}"),
    with_corners(proved(Pred::AConst, "aconst", 4, false, NK::Angle, "aconst a b c d r",
                        "turning line ab counterclockwise by r gives line cd (mod pi)", S::None, Sh::Pairs, Tr::Never,
                        Locus::None, kAngleLines, kAConst, Distance::None, true, "∠({0}{1}, {2}{3}) = {deg}")),
    proved(Pred::RConst, "rconst", 4, false, NK::Ratio, "rconst a b c d r", "AB/CD = r", S::None, Sh::Pairs, Tr::Never,
           Locus::None, st::kRatios, kRConst, Distance::Segments, true, "{0}{1}/{2}{3} = {r}"),
    proved(Pred::R2Const, "r2const", 4, false, NK::Ratio, "r2const a b c d r", "AB^2/CD^2 = r", S::None, Sh::Pairs,
           Tr::Never, Locus::None, st::kRatios, kR2Const, Distance::None, false, "{0}{1}²/{2}{3}² = {r}"),
    proved(Pred::LConst, "lconst", 2, false, NK::Length, "lconst a b l", "AB = l", S::None, Sh::Pairs, Tr::Never,
           Locus::None, st::kRatios, kLConst, Distance::None, false, "{0}{1} = {n}"),
    proved(Pred::L2Const, "l2const", 2, false, NK::Length, "l2const a b l", "AB^2 = l", S::None, Sh::Pairs, Tr::Never,
           Locus::None, st::kRatios, kL2Const, Distance::None, false, "{0}{1}² = {n}"),
    compound(proved(Pred::SimTri, "simtri", 6, false, {}, "simtri a b c p q r",
                    "triangles abc and pqr are similar with the same orientation", S::TwoTriangles, Sh::Triangles,
                    Tr::SameTriangles, Locus::None, st::kFacts, {}, Distance::None, true, "△{0}{1}{2} ∼ △{3}{4}{5}"),
             kSimTriParts, 0, false, kSimilar),
    compound(proved(Pred::SimTri2, "simtri2", 6, false, {}, "simtri2 a b c p q r",
                    "triangles abc and pqr are similar with opposite orientations", S::TwoTriangles, Sh::Triangles,
                    Tr::SameTriangles, Locus::None, st::kFacts, {}, Distance::None, true,
                    "△{0}{1}{2} ∼ △{3}{4}{5} (mirrored)"),
             kSimTri2Parts, 0, false, kSimilar),
    compound(proved(Pred::Contri, "contri", 6, false, {}, "contri a b c p q r",
                    "triangles abc and pqr are congruent with the same orientation", S::TwoTriangles, Sh::Triangles,
                    Tr::SameTriangles, Locus::None, st::kFacts, {}, Distance::None, true, "△{0}{1}{2} ≅ △{3}{4}{5}"),
             kContriParts, 0, false, kCongruent),
    compound(proved(Pred::Contri2, "contri2", 6, false, {}, "contri2 a b c p q r",
                    "triangles abc and pqr are congruent with opposite orientations", S::TwoTriangles, Sh::Triangles,
                    Tr::SameTriangles, Locus::None, st::kFacts, {}, Distance::None, true,
                    "△{0}{1}{2} ≅ △{3}{4}{5} (mirrored)"),
             kContri2Parts, 0, false, kCongruent),
    proved(Pred::RatioProd, "ratioprod", 6, false, {}, "ratioprod a d b e c f", "AD/DB * BE/EC * CF/FA = 1",
           S::Hexagon, Sh::Hexagon, Tr::SameProducts, Locus::None, st::kRatios, kRatioProd, Distance::None, false,
           "{0}{1}/{1}{2} · {2}{3}/{3}{4} · {4}{5}/{5}{0} = 1"),
    condition(Pred::NColl, "ncoll", 3, true, "ncoll a b c", "the points are not on one line"),
    condition(Pred::NPara, "npara", 4, false, "npara a b c d", "line ab is not parallel to cd"),
    condition(Pred::NPerp, "nperp", 4, false, "nperp a b c d", "line ab is not perpendicular to cd"),
    condition(Pred::Diff, "diff", 2, false, "diff a b", "a and b are distinct points"),
    condition(Pred::SameSide, "sameside", 6, false, "sameside a b c x y z",
              "(b-a).(c-a) and (y-x).(z-x) have the same sign"),
    condition(Pred::SameClock, "sameclock", 6, false, "sameclock a b c p q r",
              "triangles abc and pqr have the same orientation"),
    condition(Pred::Acute, "acute", 3, false, "acute a b c", "triangle abc has three acute angles"),
    condition(Pred::ObtuseAngle, "obtuse_angle", 3, false, "obtuse_angle a b c",
              "the angle abc (at b) is more than 90 degrees, a straight angle included"),
};

}  // namespace detail

namespace {

constexpr const auto& kPredicates = detail::kPredicateTable;

// The table is indexed by Pred.
constexpr bool in_order() {
  for (std::size_t i = 0; i < kPredicates.size(); ++i)
    if (static_cast<std::size_t>(kPredicates[i].id) != i) return false;
  return true;
}
static_assert(in_order());

// Equations and parts name points the statement has; a part has its
// predicate's arity and its constant only where that takes one; an
// equation reads the statement's number exactly when it has one; only
// proved predicates are parts or have equations.
constexpr bool consistent(const PredicateInfo& p) {
  const auto points = static_cast<std::size_t>(p.points);
  bool reads_number = false;
  for (const Equation& e : p.equations) {
    if (e.count < 1 || e.count > e.terms.size() || e.k_den <= 0) return false;
    for (std::size_t i = 0; i < e.count; ++i)
      if (e.terms[i].p >= points || e.terms[i].q >= points) return false;
    reads_number = reads_number || e.power > 0;
  }
  if (!p.equations.empty() && reads_number != p.number.has_value()) return false;
  if (p.defined_by > p.parts.size() || (p.check_only && !(p.parts.empty() && p.equations.empty()))) return false;
  for (const Part& part : p.parts) {
    const PredicateInfo& q = kPredicates[static_cast<std::size_t>(part.pred)];
    if (part.count != q.points || q.check_only || part.number.empty() == q.number.has_value()) return false;
    for (std::size_t i = 0; i < part.count; ++i)
      if (part.args[i] >= points) return false;
  }
  return true;
}

constexpr bool all_consistent() {
  for (const PredicateInfo& p : kPredicates)
    if (!consistent(p)) return false;
  return true;
}
static_assert(all_consistent());

}  // namespace

std::span<const PredicateInfo> predicates() { return kPredicates; }

const PredicateInfo* find_predicate(std::string_view name) {
  // Newclid's names of the mirrored similarity and congruence.
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {{"simtrir", "simtri2"},
                                                                               {"contrir", "contri2"}};
  for (const auto& [alias, predicate] : kAliases)
    if (name == alias) name = predicate;
  for (const auto& p : kPredicates)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<PointId> part_args(const Part& part, std::span<const PointId> whole) {
  std::vector<PointId> out;
  out.reserve(part.count);
  for (std::size_t i = 0; i < part.count; ++i) out.push_back(whole[part.args[i]]);
  return out;
}

}  // namespace pappus
