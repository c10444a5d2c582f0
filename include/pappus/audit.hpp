// The differential soundness audit: proofs and derived facts checked by
// means that share nothing with the engine that produced them. The calls
// are methods of Solver (pappus/solver.hpp); this header holds their
// options and report.
//
// * Solver::audit(problem): the problem goes through the pipeline; its
//   proof must pass the checker (which re-derives each step on its own
//   fresh figure), and every step's statement is evaluated again on a
//   second figure drawn with another seed, in the configuration the proof
//   assumes (its rule conditions, segment directions and angle halves).
// * Solver::audit_figure(index): generated figure `index` (the data
//   generator's sampler) gives examples whose proofs the generator has
//   checked (rejections are counted), and is saturated whole: every fact
//   the engine knows, derived or given, is evaluated on a second figure of
//   the same clauses (when it is false there, on one in the configuration
//   its derivation assumes, if one of 30 samples is).
//
// A sound engine gives zero rejections and zero false statements.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pappus/generate.hpp"
#include "pappus/solver.hpp"

namespace pappus {

struct AuditOptions {
  SolveOptions solve;                // how problems are solved (its seed: the engine's figure)
  std::uint64_t second_seed = 7919;  // added to the figure seed for the second figure
  // How figures are sampled and examples made: the generator's options
  // with fewer plain theorems per figure (40 candidates; every auxiliary
  // one), so that thousands of figures are audited in minutes.
  GenerateOptions figures = [] {
    GenerateOptions g;
    g.max_candidates = 40;
    return g;
  }();
};

// One statement that failed, or one proof the checker rejected.
struct AuditFailure {
  std::string where;  // problem name, or "figure N"
  std::string what;   // the statement and the reason
};

struct AuditReport {
  std::int64_t problems = 0;           // problems solved
  std::int64_t proved = 0;             // proofs the checker accepted
  std::int64_t rejected = 0;           // proofs the checker rejected
  std::int64_t steps = 0;              // proof steps re-evaluated on the second figure
  std::int64_t steps_false = 0;        // of those, false there
  std::int64_t no_second_figure = 0;   // proofs whose second figure could not be built (steps not re-evaluated)
  std::int64_t figures = 0;            // generated figures audited
  std::int64_t examples = 0;           // examples the generator made and checked from them
  std::int64_t examples_rejected = 0;  // candidate proofs the generator's checker rejected
  std::int64_t example_steps = 0;      // deduction steps of the accepted examples
  std::int64_t facts = 0;              // facts of the saturated figures re-evaluated on their second figure
  std::int64_t facts_false = 0;        // of those, false there
  std::int64_t facts_other_configuration = 0;  // false on the second figure, another arrangement than the
                                               // fact's derivation assumes, and no sample was in that one
  std::int64_t figures_unbuilt = 0;    // figures whose first or second figure could not be built
  std::vector<AuditFailure> failures;  // every rejection and false statement, in order

  std::int64_t errors() const { return rejected + steps_false + examples_rejected + facts_false; }
  void add(const AuditReport& other);
};

}  // namespace pappus
