// Held-out accuracy of the proposer: for each (prompt, target) pair, is the
// target the model's first clause (top-1) or among its first eight (top-8)?
// The heuristic proposer's ranking is scored the same way on the built
// figure, and decoding speed is measured.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "neural/model.hpp"
#include "neural/train.hpp"

namespace pappus::neural {

struct EvalOptions {
  int beam = 8;             // beam width of the decoder
  int limit = 0;            // pairs evaluated at most (0: all)
  bool heuristic = true;    // also score the heuristic proposer
  std::uint64_t seed = 1;   // diagram seed for the heuristic
};

struct EvalReport {
  int pairs = 0;                                    // pairs evaluated
  int neural_top1 = 0, neural_top8 = 0;             // target ranked first / among the first 8
  int figure_pairs = 0;                             // pairs whose figure was built (the heuristic's pairs)
  int heuristic_top1 = 0, heuristic_top8 = 0;
  // Same point: the first clause that builds the target's point in the
  // prompt's figure is first / among the first 8 (the same construction
  // with its arguments in another order, or another construction of the
  // same point, counts).
  int neural_same1 = 0, neural_same8 = 0;
  int heuristic_same1 = 0, heuristic_same8 = 0;
  double decode_seconds = 0;                        // beam search time in all
  std::int64_t candidates = 0;                      // clauses decoded in all
};

// Exact match on canonical tokens (the target's points and the candidate's
// renamed with the prompt's map), and same-point match on the figure.
EvalReport evaluate(const Model& model, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                    const std::vector<Example>& pairs, const EvalOptions& options,
                    const std::function<void(int done)>& progress = {});

}  // namespace pappus::neural
