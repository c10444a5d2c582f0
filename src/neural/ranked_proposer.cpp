#include "neural/ranked_proposer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "neural/neural_proposer.hpp"

namespace pappus::neural {

namespace {

// Rows scored in one forward pass at most: bounds the memory of a widened
// proposal (thousands of candidates); a node's usual batch is one pass.
constexpr std::size_t kMaxRows = 512;

// Target ids (<eos> last) of a clause in the prompt's names, or nothing
// when a token is outside the vocabulary.
std::optional<std::vector<std::int64_t>> target_ids(const Model& model, const Canonical& prompt,
                                                    const std::string& clause) {
  const Canonical t = canonicalise(split_tokens(clause), prompt.original);
  if (t.tokens.empty()) return std::nullopt;
  std::vector<std::int64_t> ids;
  for (const std::string& token : t.tokens) {
    if (!model.vocab.contains(token)) return std::nullopt;
    ids.push_back(model.vocab.id(token));
  }
  ids.push_back(Vocab::kEosId);
  return ids;
}

// Scores the targets `rows` after their first `shared` tokens, which every
// target has and which followed the prompt in `prompt_cache`: its last
// position predicts `first` [V], and `shared_logprob` is theirs.
void score_rows(const Model& model, const KvCache& prompt_cache, const torch::Tensor& first, std::size_t shared,
                double shared_logprob, const std::vector<std::vector<std::int64_t>>& targets,
                const std::vector<std::size_t>& rows, std::vector<std::optional<TargetScore>>& out) {
  const auto B = static_cast<std::int64_t>(rows.size());
  std::int64_t longest = 0;
  for (std::size_t r : rows)
    longest = std::max<std::int64_t>(longest, static_cast<std::int64_t>(targets[r].size() - shared));
  // Inputs: every target token after the shared ones but <eos>; what each
  // input predicts is the next token. The first token after the shared
  // ones is predicted by the prompt pass's last position.
  const std::int64_t L = longest - 1;
  std::vector<std::int64_t> inputs(B * std::max<std::int64_t>(L, 1), Vocab::kPadId);
  std::vector<std::int64_t> next(inputs.size(), 0);
  std::vector<float> mask(inputs.size(), 0.0f);
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& ids = targets[rows[b]];
    for (std::size_t j = shared; j + 1 < ids.size(); ++j) {
      const std::size_t at = b * L + (j - shared);
      inputs[at] = ids[j];
      next[at] = ids[j + 1];
      mask[at] = 1.0f;
    }
  }
  std::vector<double> sums(B, 0.0);
  if (L > 0) {
    KvCache cache = prompt_cache;
    cache.select(torch::zeros({B}, torch::TensorOptions().dtype(torch::kLong).device(model.device)));
    const auto device = model.device;
    auto in = torch::tensor(inputs, torch::kLong).view({B, L}).to(device);
    Transformer net = model.net;  // a handle on the same module, callable from a const Model
    auto logp = net->forward(in, &cache).log_softmax(-1);  // [B, L, V]
    auto picked = logp.gather(2, torch::tensor(next, torch::kLong).view({B, L, 1}).to(device)).squeeze(2);
    auto summed = (picked * torch::tensor(mask).view({B, L}).to(device)).sum(1).to(torch::kCPU, torch::kDouble);
    for (std::int64_t b = 0; b < B; ++b) sums[b] = summed[b].item<double>();
  }
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& ids = targets[rows[b]];
    TargetScore s;
    s.logprob = shared_logprob + first[ids[shared]].item<double>() + sums[b];
    s.tokens = static_cast<int>(ids.size());
    if (std::isfinite(s.logprob)) out[rows[b]] = s;
  }
}

}  // namespace

std::vector<std::optional<TargetScore>> score_targets(const Model& model, const Canonical& prompt,
                                                      const std::vector<std::string>& clauses) {
  std::vector<std::optional<TargetScore>> out(clauses.size());
  const std::vector<std::int64_t> prompt_ids = encode_prompt(prompt.tokens, model.vocab);
  const auto P = static_cast<std::int64_t>(prompt_ids.size());
  std::vector<std::vector<std::int64_t>> targets(clauses.size());
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    auto ids = target_ids(model, prompt, clauses[i]);
    // The whole sequence fits the context, as in training.
    if (!ids || P + static_cast<std::int64_t>(ids->size()) > model.config.context) continue;
    targets[i] = std::move(*ids);
    rows.push_back(i);
  }
  if (rows.empty()) return out;
  // The tokens every target begins with (the new point and '=') follow the
  // prompt in its pass, once for all; at least one token and <eos> remain.
  const std::vector<std::int64_t>& some = targets[rows[0]];
  std::size_t shared = some.size() - 1;
  for (std::size_t r : rows) {
    shared = std::min(shared, targets[r].size() - 1);
    while (shared > 0 && !std::equal(some.begin(), some.begin() + static_cast<std::ptrdiff_t>(shared), targets[r].begin()))
      --shared;
  }
  std::vector<std::int64_t> head = prompt_ids;
  head.insert(head.end(), some.begin(), some.begin() + static_cast<std::ptrdiff_t>(shared));
  torch::NoGradGuard no_grad;
  KvCache cache;
  Transformer net = model.net;
  auto logits = net->forward(torch::tensor(head, torch::kLong).unsqueeze(0).to(model.device), &cache);
  const torch::Tensor logp = logits[0].slice(0, P - 1).log_softmax(-1).to(torch::kCPU, torch::kDouble);  // [shared + 1, V]
  double shared_logprob = 0;
  for (std::size_t j = 0; j < shared; ++j) shared_logprob += logp[static_cast<std::int64_t>(j)][some[j]].item<double>();
  const torch::Tensor first = logp[static_cast<std::int64_t>(shared)];
  for (std::size_t at = 0; at < rows.size(); at += kMaxRows) {
    const std::vector<std::size_t> part(rows.begin() + static_cast<std::ptrdiff_t>(at),
                                        rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), at + kMaxRows)));
    score_rows(model, cache, first, shared, shared_logprob, targets, part, out);
  }
  return out;
}

std::vector<std::size_t> model_order(const std::vector<std::optional<TargetScore>>& scores, bool normalise) {
  auto key = [&](std::size_t i) { return normalise ? scores[i]->per_token() : scores[i]->logprob; };
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (scores[a].has_value() != scores[b].has_value()) return scores[a].has_value();
    return scores[a] && key(a) > key(b);
  });
  return order;
}

void rank_by_model(const Model& model, const Canonical& prompt, std::vector<search::Candidate>& candidates,
                   bool normalise) {
  std::vector<std::string> clauses;
  for (const search::Candidate& c : candidates) clauses.push_back(c.clause);
  const std::vector<std::optional<TargetScore>> scores = score_targets(model, prompt, clauses);
  auto key = [&](std::size_t i) { return normalise ? scores[i]->per_token() : scores[i]->logprob; };
  std::vector<search::Candidate> ranked;
  double lowest = 0;
  for (std::size_t i : model_order(scores, normalise)) {
    ranked.push_back(std::move(candidates[i]));
    lowest = scores[i] ? key(i) : lowest - 1;
    ranked.back().score = lowest;
  }
  candidates = std::move(ranked);
}

std::vector<search::Candidate> RankedProposer::propose(const Problem& problem, const Diagram& diagram,
                                                       const engine::Engine& engine, const std::string& point,
                                                       int limit) {
  return propose_counted(problem, diagram, engine, point, limit).candidates;
}

search::Proposal RankedProposer::propose_counted(const Problem& problem, const Diagram& diagram,
                                                 const engine::Engine& engine, const std::string& point, int limit) {
  search::Proposal p = base_->propose_counted(problem, diagram, engine, point, std::max(limit, options_.pool));
  const Canonical prompt = canonical_prompt(problem, engine, model_->config.facts);
  if (writer_) {
    std::set<std::vector<std::string>> seen;
    for (const search::Candidate& c : p.candidates) seen.insert(canonicalise(split_tokens(c.clause), prompt.original).tokens);
    for (search::Candidate& c : writer_->propose(problem, diagram, engine, point, std::max(limit, options_.pool))) {
      if (!seen.insert(canonicalise(split_tokens(c.clause), prompt.original).tokens).second) continue;
      ++p.stats.generated;
      ++p.stats.returned;
      ++p.stats.returned_by_kind[c.kind];
      p.candidates.push_back(std::move(c));
    }
  }
  rank_by_model(*model_, prompt, p.candidates, options_.normalise);
  const auto keep = static_cast<std::size_t>(std::max(limit, 0));
  if (p.candidates.size() > keep) {
    for (std::size_t i = keep; i < p.candidates.size(); ++i)
      if (--p.stats.returned_by_kind[p.candidates[i].kind] == 0) p.stats.returned_by_kind.erase(p.candidates[i].kind);
    p.stats.beyond_limit += static_cast<std::int64_t>(p.candidates.size() - keep);
    p.candidates.resize(keep);
    p.stats.returned = static_cast<std::int64_t>(keep);
  }
  return p;
}

}  // namespace pappus::neural
