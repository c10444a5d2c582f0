// The configuration a proof speaks of. Some steps are theorems only in one
// arrangement of the figure: a rule's check-only conditions (two points on
// the same side of a line, a triangle's orientation, ...) and, for distance
// chasing along a line, the direction of each segment. A figure is in the
// proof's configuration when all of these hold on it; only there must each
// step's statement hold. The checker and the soundness audit pick their
// fresh figures by this test, so that a problem whose clauses allow several
// arrangements (a point dividing a segment internally or externally, one of
// two circle intersections) is checked in the arrangement its proof assumes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/rulebook.hpp"
#include "proof/proof.hpp"

namespace pappus::proof {

struct Configuration {
  // A check-only condition of a rule step ("sameside a b c d"), bound.
  struct Condition {
    Pred pred;
    std::vector<PointId> args;
    int step = 0;  // the step that relies on it
  };
  // Segments pq and uv (see distance_segments) point the same way along
  // their line (sign 1) or opposite ways (-1).
  struct Direction {
    PointId p, q, u, v;
    int sign = 1;
    int step = 0;
  };
  std::vector<Condition> conditions;
  std::vector<Direction> directions;

  std::size_t size() const { return conditions.size() + directions.size(); }
};

// The conditions of the proof's rule steps and the segment directions of
// its distance steps (Step::signs). Rules are looked up by name; a step
// naming no rule adds nothing (the checker rejects it on its own).
Configuration configuration_of(const Proof& proof, const engine::RuleBook& rules);

// The first requirement of `config` that fails on `figure`, as text
// ("step 11: sameside f a e b"), or empty when the figure is in the
// configuration.
std::string first_difference(const Configuration& config, const Problem& problem, const Diagram& figure);

// The sign of (q - p) . (v - u) on `figure` for a cong or rconst statement
// (its segments as distance_segments reads them): 1, -1, or 0 when a point
// is not placed.
int direction_sign(Pred pred, const std::vector<PointId>& args, const Diagram& figure);

}  // namespace pappus::proof
