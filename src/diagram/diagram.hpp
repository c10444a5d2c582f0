// The numeric diagram: seeded random coordinates satisfying every construction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dsl/catalogue.hpp"
#include "geometry/numeric.hpp"
#include "geometry/predicate.hpp"
#include "pappus/error.hpp"
#include "pappus/problem.hpp"

namespace pappus {

struct DiagramOptions {
  std::uint64_t seed = 1;       // same seed, same coordinates on every machine
  int max_attempts = 60;        // whole-figure rebuilds before giving up
  int clause_retries = 8;       // fresh samples of one clause before a rebuild
  bool include_auxiliary = false;  // also build clauses after ' | '
  Tolerance tolerance;
};

struct Diagram {
  std::vector<geo::Vec2> points;  // indexed by PointId; auxiliary points unset unless built
  std::vector<bool> built;        // which points were placed
  std::vector<bool> goal_holds;   // one per goal of the problem (true for a "find x" goal)
  int attempts = 0;               // figures sampled until this one
  double scale = 1;               // largest distance between two points

  bool all_goals_hold() const;
  const geo::Vec2& at(PointId p) const { return points[p.value]; }
};

// Builds the figure. Rebuilds from a fresh sample while a construction is
// degenerate or a goal is false, within the attempt limits. A figure whose
// goals stay false on every attempt is returned with goal_holds false; a
// figure that cannot be built is an error naming the clause and the reason.
Expected<Diagram> build_diagram(const Problem& problem, const dsl::Catalogue& catalogue,
                                const DiagramOptions& options = {});

// Builds only the clauses of `problem` whose points `base` lacks (a problem
// extended with new clauses), keeping base's points where they are. The
// goals are checked again; failures are reported as by build_diagram.
Expected<Diagram> extend_diagram(const Problem& problem, const dsl::Catalogue& catalogue, const Diagram& base,
                                 const DiagramOptions& options = {});

// Whether a statement (goal) holds on the diagram.
bool statement_holds(const Statement& statement, const Diagram& diagram, const Tolerance& tol = {});

}  // namespace pappus
