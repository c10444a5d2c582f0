#include "neural/neural_proposer.hpp"

#include <set>

#include "engine/relevant.hpp"
#include "problem/parser.hpp"

namespace pappus::neural {

namespace {

// The problem's text for the model or for re-parsing, without pins and
// with auxiliary clauses as ordinary ones; goals only when asked.
std::string plain_text(const Problem& problem, bool goals) {
  Problem copy = problem;
  for (auto& pin : copy.pins) pin.reset();
  for (Clause& c : copy.clauses) c.auxiliary = false;
  if (!goals) copy.goals.clear();
  return to_text(copy);
}

}  // namespace

Canonical canonical_prompt(const Problem& problem, const engine::Engine& engine, int facts) {
  const std::string text = engine::with_facts(plain_text(problem, true), engine::relevant_facts(engine, facts));
  return canonicalise(split_tokens(text));
}

NeuralProposer::NeuralProposer(std::shared_ptr<const Model> model, const dsl::Catalogue& catalogue,
                               DecodeOptions options, bool sampling)
    : model_(std::move(model)),
      catalogue_(catalogue),
      grammar_(Grammar::build(catalogue, model_->vocab)),
      options_(options),
      sampling_(sampling) {}

std::vector<search::Candidate> NeuralProposer::propose(const Problem& problem, const Diagram&,
                                                       const engine::Engine& engine, const std::string& point,
                                                       int limit) {
  const Canonical prompt = canonical_prompt(problem, engine, model_->config.facts);
  const int points = static_cast<int>(prompt.original.size());
  const std::vector<Decoded> decoded = sampling_ ? sample(*model_, grammar_, prompt.tokens, points, options_)
                                                 : beam_search(*model_, grammar_, prompt.tokens, points, options_);
  std::vector<std::string> names = prompt.original;
  names.push_back(point);
  const std::string base = plain_text(problem, false);
  std::vector<search::Candidate> out;
  for (const Decoded& d : decoded) {
    if (static_cast<int>(out.size()) >= limit) break;
    std::vector<std::string> tokens;
    std::string kind;
    for (std::size_t i = 0; i < d.tokens.size(); ++i) {
      const int p = model_->vocab.point_index(model_->vocab.id(d.tokens[i]));
      tokens.push_back(p >= 0 && p < static_cast<int>(names.size()) ? names[p] : d.tokens[i]);
      if (i > 0 && (d.tokens[i - 1] == "=" || d.tokens[i - 1] == ",")) kind += (kind.empty() ? "" : "+") + d.tokens[i];
    }
    std::string clause = join_tokens(tokens);
    // The grammar makes every clause well formed; parsing confirms it
    // against this problem (arity, names) before the search builds it.
    if (!parse_problem(base + "; " + clause, catalogue_)) continue;
    out.push_back({std::move(clause), d.logprob, "neural:" + kind, {}});
  }
  return out;
}

std::vector<search::Candidate> CombinedProposer::propose(const Problem& problem, const Diagram& diagram,
                                                         const engine::Engine& engine, const std::string& point,
                                                         int limit) {
  std::vector<search::Candidate> out;
  std::set<std::string> seen;
  for (search::Proposer* p : {first_.get(), second_.get()})
    for (search::Candidate& c : p->propose(problem, diagram, engine, point, limit)) {
      if (static_cast<int>(out.size()) >= limit) break;
      if (!seen.insert(c.clause).second) continue;
      c.score = -static_cast<double>(out.size());
      out.push_back(std::move(c));
    }
  return out;
}

}  // namespace pappus::neural
