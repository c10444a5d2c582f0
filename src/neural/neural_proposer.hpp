// Proposers for the auxiliary search built on the model: NeuralProposer
// decodes clauses from the problem's canonical text; CombinedProposer
// merges two proposers' candidates (the model's first, then the heuristic's).
#pragma once

#include <algorithm>
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
// clauses as ordinary ones) and goals, then, for a model of prompt format
// version 2 (`facts` > 0), ' | ' and at most `facts` of what the saturated
// `engine` derived about the goal (engine::relevant_facts, as the generator
// writes them); points renamed canonically.
Canonical canonical_prompt(const Problem& problem, const engine::Engine& engine, int facts);

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

// One proposer at nodes with at most `depth` auxiliary points (the root
// has none), another deeper: the model's time goes to the nodes whose order
// steers most of the search, the heuristic's speed to the many deep ones.
class ShallowProposer final : public search::Proposer {
 public:
  ShallowProposer(std::unique_ptr<search::Proposer> shallow, std::unique_ptr<search::Proposer> deep, int depth)
      : shallow_(std::move(shallow)), deep_(std::move(deep)), depth_(depth) {}
  std::string name() const override { return shallow_->name(); }
  std::vector<search::Candidate> propose(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                         const std::string& point, int limit) override {
    return pick(problem).propose(problem, diagram, engine, point, limit);
  }
  search::Proposal propose_counted(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                   const std::string& point, int limit) override {
    return pick(problem).propose_counted(problem, diagram, engine, point, limit);
  }

 private:
  search::Proposer& pick(const Problem& problem) const {
    const auto aux = std::count_if(problem.clauses.begin(), problem.clauses.end(),
                                   [](const Clause& c) { return c.auxiliary; });
    return aux <= depth_ ? *shallow_ : *deep_;
  }
  std::unique_ptr<search::Proposer> shallow_, deep_;
  int depth_;
};

}  // namespace pappus::neural
