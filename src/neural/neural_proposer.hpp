// Proposers for the auxiliary search built on the model: NeuralProposer
// decodes clauses from the problem's canonical text; CombinedProposer
// merges two proposers' candidates (the model's first, then the heuristic's).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dsl/catalogue.hpp"
#include "neural/decode.hpp"
#include "neural/model.hpp"
#include "neural/tokenizer.hpp"
#include "search/proposer.hpp"

namespace pappus::neural {

// The problem as the model reads it: its clauses (pins dropped, auxiliary
// clauses as ordinary ones) and goals, points renamed canonically.
Canonical canonical_prompt(const Problem& problem);

class NeuralProposer final : public search::Proposer {
 public:
  // `sampling` draws options.beam samples instead of beam search.
  NeuralProposer(std::shared_ptr<const Model> model, const dsl::Catalogue& catalogue, DecodeOptions options,
                 bool sampling = false);
  std::string name() const override { return "neural"; }
  // Decoded clauses mapped back to the problem's names, the new point
  // called `point`; each parses against the problem. Scores are log-probabilities.
  std::vector<search::Candidate> propose(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                         const std::string& point, int limit) override;

 private:
  std::shared_ptr<const Model> model_;
  const dsl::Catalogue& catalogue_;
  Grammar grammar_;
  DecodeOptions options_;
  bool sampling_;
};

class CombinedProposer final : public search::Proposer {
 public:
  CombinedProposer(std::unique_ptr<search::Proposer> first, std::unique_ptr<search::Proposer> second)
      : first_(std::move(first)), second_(std::move(second)) {}
  std::string name() const override { return "combined"; }
  // All of the first proposer's candidates, then the second's that differ
  // from them, at most `limit`; scores fall with the rank.
  std::vector<search::Candidate> propose(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                         const std::string& point, int limit) override;

 private:
  std::unique_ptr<search::Proposer> first_, second_;
};

}  // namespace pappus::neural
