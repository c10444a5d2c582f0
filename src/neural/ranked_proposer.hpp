// The model as a judge instead of a writer: RankedProposer takes another
// proposer's candidates (the heuristic's) and orders them by the model's
// log-likelihood of each clause as the target of the node's prompt, all of
// a node's candidates scored in one batched forward pass.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "neural/model.hpp"
#include "neural/tokenizer.hpp"
#include "search/proposer.hpp"

namespace pappus::neural {

// The model's log-likelihood of one target clause given a prompt: the sum
// of the log-probabilities of its tokens and <eos>, over `tokens` of them.
struct TargetScore {
  double logprob = 0;
  int tokens = 0;  // target tokens, <eos> included
  // Per token (length normalisation), for comparing clauses of unequal length.
  double per_token() const { return tokens ? logprob / tokens : 0; }
};

// Scores each clause (in the prompt's original names; its new point, the
// one name the prompt lacks, becomes the next canonical point) as the
// target of the canonical prompt. One forward pass for the prompt and the
// tokens every target begins with (the new point, '='), then one for all
// targets at once: the rest of each, padded on the right to a common
// length, continues the prompt's keys and values copied to every row (the
// causal mask keeps padding out of the scored positions). Nothing where a
// clause cannot be written in the model's vocabulary (an unknown
// construction, too many points) or the sequence exceeds the context.
std::vector<std::optional<TargetScore>> score_targets(const Model& model, const Canonical& prompt,
                                                      const std::vector<std::string>& clauses);

// The indices of `scores` best first (per token when `normalise`); ties,
// and the unscored after every scored one, keep their order.
std::vector<std::size_t> model_order(const std::vector<std::optional<TargetScore>>& scores, bool normalise);

// Sorts candidates by model_order. Each candidate's score becomes the
// model's (the unscored ones below the lowest, still falling).
void rank_by_model(const Model& model, const Canonical& prompt, std::vector<search::Candidate>& candidates,
                   bool normalise);

struct RankOptions {
  int pool = 100;          // candidates asked of the base proposer at least, ranked, then cut to the limit
  bool normalise = false;  // rank by log-likelihood per token instead of the sum
};

class RankedProposer final : public search::Proposer {
 public:
  // `writer` (may be null): the model's own decoder; its candidates join the
  // base proposer's before ranking, so that clauses the heuristic never
  // writes (a mirror, a parallelogram, another argument order) can lead.
  RankedProposer(std::shared_ptr<const Model> model, std::unique_ptr<search::Proposer> base, RankOptions options,
                 std::unique_ptr<search::Proposer> writer = nullptr)
      : model_(std::move(model)), base_(std::move(base)), writer_(std::move(writer)), options_(options) {}
  std::string name() const override { return "ranked"; }
  // The base proposer's max(limit, pool) best candidates, and the writer's
  // that differ from them (canonical tokens), ranked by the model (the
  // prompt: canonical_prompt of the problem); the first `limit`.
  std::vector<search::Candidate> propose(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                         const std::string& point, int limit) override;
  // The base proposer's counts; those ranked past the limit are beyond_limit.
  search::Proposal propose_counted(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                   const std::string& point, int limit) override;

 private:
  std::shared_ptr<const Model> model_;
  std::unique_ptr<search::Proposer> base_, writer_;
  RankOptions options_;
};

}  // namespace pappus::neural
