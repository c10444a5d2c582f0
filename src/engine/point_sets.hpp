// Lines and circles as merged point sets: points proved collinear share one
// line, points proved concyclic one circle, so transitivity needs no rule.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "pappus/ids.hpp"

namespace pappus::engine {

using FactId = Id<struct FactTag>;

// Sets of points where two sets sharing `overlap` points are one set (2 for
// lines, 3 for circles). Sets are nodes of a union-find; a merged node keeps
// pointing to its root.
class PointSets {
 public:
  explicit PointSets(int overlap) : overlap_(overlap) {}

  // The root set holding all of `pts`, or -1.
  int find_containing(std::span<const PointId> pts) const;
  // The root holding a and b (lines: the line ab), created as a two-point
  // set when none exists. Only for overlap 2.
  int line(PointId a, PointId b);
  // A set absorbed into another: its node, the root, and two of its points.
  struct Merge {
    int from, into;
    PointId a, b;
  };
  // Puts all points in one set (at least `overlap` + 1 points, distinct),
  // merging sets as needed. Returns the merges made, for the caller's
  // algebra, and records `why` on the root.
  std::vector<Merge> add(std::span<const PointId> pts, FactId why);

  int root(int node) const;
  int node_count() const { return static_cast<int>(nodes_.size()); }
  const std::vector<PointId>& points(int node) const { return nodes_[root(node)].points; }
  // The facts that built a set (its own and those of the sets it absorbed).
  const std::vector<FactId>& reasons(int node) const { return nodes_[root(node)].reasons; }
  // Roots of the sets holding p.
  std::vector<int> sets_of(PointId p) const;

 private:
  struct Node {
    int parent;
    std::vector<PointId> points;  // sorted, roots only
    std::vector<FactId> reasons;  // roots only
  };

  bool contains(int root, PointId p) const;
  int create(std::vector<PointId> pts);
  void insert(int root, PointId p);
  int shared(int a, int b) const;
  void absorb(int from, int into, std::vector<Merge>& merges);

  int overlap_;
  std::vector<Node> nodes_;
  std::vector<std::vector<int>> by_point_;  // point -> nodes that held it (maybe merged since)
};

}  // namespace pappus::engine
