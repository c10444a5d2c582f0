// Candidate constructions before they are placed and ranked: a kind, one or
// two construction uses over points of the figure and the new point, and
// a prior from how much the figure speaks of its inputs. The families that
// build them, one file per kind of object they start from.
#pragma once

#include <string_view>
#include <vector>

#include "dsl/catalogue.hpp"
#include "search/figure_objects.hpp"

namespace pappus::search {

// Stands for the candidate's new point among a draft's arguments.
inline constexpr PointId kNew{0xffffffffu};

enum class Kind : unsigned char {
  Midpoint, Mirror, Antipode, Parallelogram, Circumcenter, CircleCenter, Orthocenter, Incenter, Excenter, Isogonal,
  Square, EqTriangle, Foot, Reflect, Intersection, Parallel, Perpendicular, PerpBisector, Bisector, ExternalBisector,
  TangentLine, Pole, LineCircle, CircleCircle, TangentPoint, ArcMidpoint, ParallelCircle, PerpendicularCircle, Spiral,
  EqualLength, OnLine, OnCircle,
};
inline constexpr int kKinds = static_cast<int>(Kind::OnCircle) + 1;

struct KindInfo {
  Kind kind;
  const char* name;  // Candidate::kind
  double base;       // the ranking's prior for the kind
};
const KindInfo& kind_info(Kind k);

// One construction of a clause: its catalogue index and its point
// arguments in catalogue order, kNew where the new point goes.
struct Use {
  int construction = -1;
  std::vector<PointId> args;
};

struct Draft {
  Kind kind;
  std::vector<Use> uses;  // one, or two whose curves meet
  double prior = 0;       // how much the figure speaks of the inputs
};

// A construction use as a family writes it: name and arguments.
struct UseSpec {
  std::string_view name;
  std::vector<PointId> args;
};

// Collects the families' drafts, resolving construction names once. A
// name the catalogue lacks is a bug of the families (asserted).
class DraftSink {
 public:
  DraftSink(const dsl::Catalogue& catalogue, std::vector<Draft>& out) : catalogue_(catalogue), out_(out) {}
  void add(Kind kind, double prior, UseSpec a);
  void add(Kind kind, double prior, UseSpec a, UseSpec b);

 private:
  int index(std::string_view name);
  const dsl::Catalogue& catalogue_;
  std::vector<Draft>& out_;
  std::vector<std::pair<std::string_view, int>> names_;  // resolved so far
};

// The curve "x on circle f": on_circle about its center, else on_circum.
UseSpec on_circle_use(const FigureCircle& f);
// Input points of a draft (kNew left out), for the ranking.
std::vector<PointId> inputs(const Draft& d);

// The families. Points: midpoints, mirrors, parallelogram vertices,
// triangle centers, circle centers, isogonal conjugates, squares and
// equilateral triangles on segments.
void point_families(const Objects& o, const HeuristicOptions& opt, DraftSink& out);
// Lines: feet, reflections, where lines meet, parallels, perpendiculars,
// perpendicular bisectors, internal and external angle bisectors and
// tangents meeting lines, poles.
void line_families(const Objects& o, const HeuristicOptions& opt, DraftSink& out);
// Circles: lines and circles meeting circles, tangent points, arc
// midpoints, antipodes, parallels and perpendiculars meeting circles,
// centers of spiral similarity, equal lengths, points at random on lines
// and circles.
void circle_families(const Objects& o, const HeuristicOptions& opt, DraftSink& out);

}  // namespace pappus::search
