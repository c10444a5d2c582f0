// An independent checker for proofs: it shares no state or shortcut with the
// engine. Each rule step is re-matched against the rule book, each algebraic
// step re-summed exactly from the equations of the steps it cites, each
// premise compared with the construction's facts, and every statement
// re-checked on a freshly sampled diagram in the configuration the proof
// assumes (proof/configuration.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "proof/proof.hpp"

namespace pappus::proof {

struct CheckOptions {
  std::uint64_t seed = 104729;  // the fresh diagram's seed (not the engine's)
  int figures = 30;             // samples drawn to find one in the proof's configuration
};

struct CheckResult {
  bool ok = true;
  int step = 0;         // the first failing step, 0 when ok or the failure is global
  std::string message;  // why it fails
};

CheckResult check(const Proof& proof, const Problem& problem, const dsl::Catalogue& catalogue,
                  const engine::RuleBook& rules, const CheckOptions& options = {});

}  // namespace pappus::proof
