// Proposers of auxiliary constructions: given a problem, its figure and the
// saturated engine, candidate clauses in the problem language, best first.
#pragma once

#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "pappus/problem.hpp"

namespace pappus::search {

struct Candidate {
  std::string clause;  // "aux1 = midpoint aux1 a b"
  double score = 0;    // higher first
  std::string kind;    // "midpoint", "foot", ... for statistics
};

class Proposer {
 public:
  virtual ~Proposer() = default;
  virtual std::string name() const = 0;
  // At most `limit` candidates for a new point called `point`, best first.
  virtual std::vector<Candidate> propose(const Problem& problem, const Diagram& diagram,
                                         const engine::Engine& engine, const std::string& point, int limit) = 0;
};

// The constructions a geometer reaches for, ranked by how much they touch
// the goal: midpoints, feet, reflections, circumcenters, intersections of
// lines, parallels and perpendiculars through points, parallelograms.
class HeuristicProposer final : public Proposer {
 public:
  std::string name() const override { return "heuristic"; }
  std::vector<Candidate> propose(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                 const std::string& point, int limit) override;
};

}  // namespace pappus::search
