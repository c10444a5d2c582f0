// Held-out accuracy of the proposer: for each (prompt, target) pair, is the
// target the model's first clause (top-1) or among its first eight (top-8)?
// The heuristic proposer's ranking, and the ranked proposer's (the
// heuristic's candidates ordered by the model), are scored the same way on
// the built figure, also by the target's construction; decoding speed is
// measured.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "neural/model.hpp"
#include "neural/train.hpp"
#include "pappus/neural.hpp"

namespace pappus::neural {

struct EvalOptions {
  int beam = 8;             // beam width of the decoder
  int limit = 0;            // pairs evaluated at most (0: all)
  bool heuristic = true;    // also score the heuristic proposer
  std::uint64_t seed = 1;   // diagram seed for the heuristic
  int rank_pool = 100;      // heuristic candidates the ranked proposer orders (with the heuristic)
};

// The public report (pappus/neural.hpp) is what evaluation fills.
using EvalReport = pappus::EvaluationReport;

// Exact match on canonical tokens (the target's points and the candidate's
// renamed with the prompt's map), and same-point match on the figure.
EvalReport evaluate(const Model& model, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                    const std::vector<Example>& pairs, const EvalOptions& options,
                    const std::function<void(int done)>& progress = {});

}  // namespace pappus::neural
