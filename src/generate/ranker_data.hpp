// The learned ranking's data and measure (search/ranker.hpp): each
// (prompt, target) pair of a dataset becomes a search node (the prompt's
// problem on its figure, saturated) whose heuristic candidates are labelled
// by whether they build the target's point; and held-out pairs measure how
// often the hand-tuned and the learned rankings put such a candidate first
// or among the first eight.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "generate/pairs.hpp"
#include "pappus/ranking.hpp"
#include "search/ranker.hpp"

namespace pappus::generate {

struct RankerDataOptions {
  int limit = 0;            // pairs at most (0: all)
  int negatives = 300;      // candidates kept per pair besides the positives: the best by the hand-tuned score, then at random
  int threads = 1;
  std::uint64_t seed = 1;   // the figures' seed, and the sampling of negatives
  // Label by proof: the group is the best `checked` candidates by the
  // hand-tuned score and `checked` others at random, each positive when
  // DDAR proves the goal with it (or it builds the target's point);
  // 0: every candidate, positive when it builds the target's point.
  int checked = 0;
};

// One group per pair whose figure builds (in the records' order).
std::vector<search::RankGroup> ranker_groups(const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                                             const std::vector<PairRecord>& records, const RankerDataOptions& options,
                                             const std::function<void(int done, int total)>& progress = {});

// The heuristic proposer's first eight at each pair's node, hand-tuned and
// with `ranker`.
RankingEvaluation evaluate_ranker(const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                             const std::vector<PairRecord>& records, std::shared_ptr<const search::Ranker> ranker,
                             const RankerDataOptions& options,
                             const std::function<void(int done, int total)>& progress = {});

}  // namespace pappus::generate
