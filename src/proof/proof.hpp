// A proof extracted from a saturated engine: the goal's minimal dependency
// DAG, in order, with each step's reason. Independent of the engine's data
// structures once extracted (the checker and the printers only read this).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "geometry/predicate.hpp"
#include "pappus/problem.hpp"

namespace pappus::proof {

struct Step {
  enum class Kind : unsigned char {
    Premise,     // asserted by a construction of the problem (clause)
    Rule,        // a theorem applied to earlier steps
    Algebra,     // a sum of earlier equalities with rational coefficients
    SameObject,  // the points lie on one line or circle that earlier steps built
    Definition,  // the conjunction of earlier steps (midp = coll + cong, ...)
    Part,        // one part of an earlier compound step
  };
  // Algebra: which equations the coefficients combine.
  //   Angles:    directions of lines, in units of pi (para, perp, eqangle, aconst)
  //   Ratios:    logarithms of lengths (cong, eqratio, rconst, lconst, ...)
  //   Distances: signed positions of points on one line (midp, cong, rconst
  //              whose points are collinear; see distance_segments)
  enum class Table : unsigned char { None, Angles, Ratios, Distances };
  int number = 0;                      // 1-based, in proof order
  Pred pred = Pred::Coll;              // the statement
  std::vector<PointId> args;
  std::optional<Constant> number_arg;  // aconst/rconst/lconst constant
  Kind kind = Kind::Premise;
  Table table = Table::None;           // Algebra: the equations summed
  int clause = -1;                     // Premise: index into Problem::clauses
  bool auxiliary = false;              // Premise: from an auxiliary clause
  std::string rule;                    // Rule: rule name in the rule book
  std::string title;                   // Rule: theorem name for people
  std::vector<PointId> binding;        // Rule: the rule's variables, in rule order
  std::vector<int> uses;               // step numbers this step depends on
  std::vector<std::string> coefficients;  // Algebra: one exact rational per use
  // Distances: the direction of the two segments of the statement (first)
  // and of each use (then), 1 same way or -1 opposite ways along the line,
  // 0 for uses that are not cong/rconst (proof/configuration.hpp).
  std::vector<int> signs;
  // Angles: the integer each equation is off by (statement first, then each
  // use) when its line directions are read in [0, 1) units of pi on the
  // engine's figure (proof/configuration.hpp, angle_lift).
  std::vector<int> lifts;
};

struct Proof {
  std::vector<Step> steps;     // dependencies before dependents; goals last
  std::vector<int> goals;      // step numbers of the goals
  std::vector<int> premise_clauses;    // clauses whose facts the proof uses
  std::vector<int> auxiliary_clauses;  // of those, the auxiliary ones
  std::vector<PointId> auxiliary_points;  // points introduced by auxiliary clauses
};

// The proof of the proved goals of `engine` (which must have stopped with
// StopReason::Proved): the facts the goals depend on, found by a traversal
// of the justification graph, ordered topologically.
Proof extract(const engine::Engine& engine);
// The proof of any facts the engine knows (a derived fact, not only the
// goal): `targets` become the proof's goals, in that order.
Proof extract(const engine::Engine& engine, const std::vector<engine::FactId>& targets);

// "angles", "ratios", "distances" (empty for None).
const char* to_string(Step::Table table);

// "perp a b c d" (the problem language form of a statement).
std::string statement_text(const Problem& problem, const Step& step);

}  // namespace pappus::proof
