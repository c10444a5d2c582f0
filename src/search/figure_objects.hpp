// The objects of a saturated figure that auxiliary candidates are built
// from: its points, its lines (three or more collinear points, and the
// point pairs facts speak of), its circles (four or more concyclic points,
// points equidistant from a center, the circumcircles of its triangles) and
// triangles, each with how much the facts and the goal speak of it.
// Objects are read off the figure numerically, so derived lines and circles
// count whether or not the engine has proved them; the engine's facts give
// the weights.
#pragma once

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "pappus/problem.hpp"
#include "search/proposer.hpp"

namespace pappus::search {

struct FigureLine {
  std::vector<PointId> points;  // sorted, at least two
  std::array<PointId, 2> rep{};  // the two points written for it: the pair facts speak of most
  double weight = 0;            // how much facts and the goal speak of it
  int goal_points = 0;          // goal points on it
};

struct FigureCircle {
  std::optional<PointId> center;  // a point of the figure at its center, if any
  std::vector<PointId> points;    // sorted: three or more, or two with a center
  geo::Circle at;                 // numerically
  double weight = 0;
  int goal_points = 0;
};

struct Objects {
  const Problem* problem = nullptr;
  const Diagram* diagram = nullptr;
  Tolerance tol;
  std::vector<PointId> points;            // built points, by id
  std::vector<char> in_goal;              // by point id: the goal speaks of it
  std::vector<FigureLine> lines;          // best first
  std::vector<FigureCircle> circles;      // best first
  std::vector<std::array<PointId, 3>> triangles;      // non-collinear, sides on lines; best first
  std::vector<std::pair<PointId, PointId>> segments;  // pairs facts speak of, best first
  std::vector<double> pair_weight;        // n x n by point id: how often facts speak of ab
  std::vector<std::pair<PointId, PointId>> goal_segments;  // the goals' lines, segments and sides
  geo::Vec2 center = geo::Vec2::Zero();   // of the bounding box of the points
  double scale = 1;                       // the figure's size (Diagram::scale)

  const geo::Vec2& at(PointId p) const { return diagram->at(p); }
  std::size_t size() const { return in_goal.size(); }
  double weight(PointId a, PointId b) const { return pair_weight[a.value * size() + b.value]; }
  bool goal(PointId p) const { return p.value < in_goal.size() && in_goal[p.value]; }
  // Whether p lies on the line or circle (among its points; a circle's
  // center is not on it).
  static bool has(const std::vector<PointId>& sorted, PointId p);
  // The lines of `lines` through p (indices).
  std::vector<int> lines_through(PointId p) const;
};

Objects collect_objects(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                        const HeuristicOptions& options);

}  // namespace pappus::search
