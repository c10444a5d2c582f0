#include "neural/decode.hpp"

#include <algorithm>
#include <map>
#include <random>

namespace pappus::neural {

Grammar Grammar::build(const dsl::Catalogue& catalogue, const Vocab& vocab) {
  Grammar g;
  g.rule_of.assign(vocab.size(), -1);
  for (const dsl::Construction& c : catalogue.all()) {
    const bool points_only = std::all_of(c.params.begin(), c.params.end(), [](const dsl::Param& p) { return p.is_point; });
    if (!points_only || c.new_points.size() != 1 || c.params.size() < 2) continue;
    if (!vocab.contains(c.name)) continue;
    Rule r;
    r.token = vocab.id(c.name);
    r.arity = static_cast<int>(c.params.size());
    r.new_at = c.new_points[0];
    r.one_dof = c.one_dof();
    // Arguments that 'require diff' or 'require ncoll' keep apart.
    for (const dsl::FactTemplate& f : c.requires_) {
      if (f.pred != Pred::Diff && f.pred != Pred::NColl) continue;
      for (std::size_t i = 0; i < f.args.size(); ++i)
        for (std::size_t j = i + 1; j < f.args.size(); ++j)
          r.distinct.emplace_back(std::min(f.args[i], f.args[j]), std::max(f.args[i], f.args[j]));
    }
    g.rule_of[r.token] = static_cast<int>(g.rules.size());
    g.rules.push_back(r);
  }
  return g;
}

namespace {

// Where a hypothesis stands in the clause grammar.
struct State {
  enum Phase { kNew, kEquals, kName, kArgs, kEnd, kDone } phase = kNew;
  int rule = -1;  // construction being written
  int arg = 0;    // next argument of it
  int count = 0;  // constructions begun
  std::vector<int> args;  // token ids of the current construction's arguments so far
};

// Token ids allowed next.
std::vector<int> allowed(const State& s, const Grammar& g, const Vocab& vocab, int points) {
  std::vector<int> out;
  switch (s.phase) {
    case State::kNew: out.push_back(vocab.point(points)); break;
    case State::kEquals: out.push_back(vocab.id("=")); break;
    case State::kName:
      for (const Grammar::Rule& r : g.rules)
        if (s.count == 0 || r.one_dof) out.push_back(r.token);
      break;
    case State::kArgs:
      if (s.arg == g.rules[s.rule].new_at) {
        out.push_back(vocab.point(points));
      } else {
        for (int i = 0; i < points; ++i) {
          bool clash = false;
          for (const auto& [x, y] : g.rules[s.rule].distinct)
            clash = clash || (y == s.arg && s.args[x] == vocab.point(i));
          if (!clash) out.push_back(vocab.point(i));
        }
      }
      break;
    case State::kEnd:
      out.push_back(Vocab::kEosId);
      if (s.count < g.max_constructions && g.rules[s.rule].one_dof) out.push_back(vocab.id(","));
      break;
    case State::kDone: break;
  }
  return out;
}

State advance(State s, int token, const Grammar& g) {
  switch (s.phase) {
    case State::kNew: s.phase = State::kEquals; break;
    case State::kEquals: s.phase = State::kName; break;
    case State::kName:
      s.rule = g.rule_of[token];
      s.arg = 0;
      s.args.clear();
      ++s.count;
      s.phase = State::kArgs;
      break;
    case State::kArgs:
      s.args.push_back(token);
      if (++s.arg == g.rules[s.rule].arity) s.phase = State::kEnd;
      break;
    case State::kEnd: s.phase = token == Vocab::kEosId ? State::kDone : State::kName; break;
    case State::kDone: break;
  }
  return s;
}

struct Hypothesis {
  std::vector<int> tokens;  // emitted so far
  State state;
  double logprob = 0;
};

// Longest clause the grammar allows, <eos> included.
int max_target(const Grammar& g) {
  int arity = 0;
  for (const auto& r : g.rules) arity = std::max(arity, r.arity);
  return 2 + g.max_constructions * (1 + arity + 1);
}

// Runs the prompt through the model: the cache filled with it and the
// log-probabilities of the first target token [1, V]. Empty when the
// prompt cannot be decoded (too long, or no room for a new point).
bool prefill(const Model& model, const Grammar& g, const std::vector<std::string>& prompt, int points, KvCache& cache,
             torch::Tensor& logp) {
  if (points < 1 || points >= kMaxPoints || g.rules.empty()) return false;
  const std::vector<std::int64_t> ids = encode_prompt(prompt, model.vocab);
  if (static_cast<int>(ids.size()) + max_target(g) > model.config.context) return false;
  auto tokens = torch::tensor(ids, torch::kLong).unsqueeze(0).to(model.device);  // [1, P]
  Transformer net = model.net;  // a handle on the same module, callable from a const Model
  auto logits = net->forward(tokens, &cache);                                    // [1, P, V]
  logp = logits.select(1, logits.size(1) - 1).log_softmax(-1).to(torch::kCPU, torch::kFloat32);  // [1, V]
  return true;
}

// Feeds one token per hypothesis; the cache rows already follow `parents`.
torch::Tensor step(const Model& model, const std::vector<int>& last, KvCache& cache) {
  std::vector<std::int64_t> ids(last.begin(), last.end());
  auto tokens = torch::tensor(ids, torch::kLong).unsqueeze(1).to(model.device);  // [L, 1]
  Transformer net = model.net;
  auto logits = net->forward(tokens, &cache);                                    // [L, 1, V]
  return logits.squeeze(1).log_softmax(-1).to(torch::kCPU, torch::kFloat32);     // [L, V]
}

Decoded finish(const Hypothesis& h, const Vocab& vocab) {
  Decoded d;
  for (int t : h.tokens)
    if (t != Vocab::kEosId) d.tokens.push_back(vocab.token(t));
  d.logprob = h.logprob;
  return d;
}

}  // namespace

std::vector<Decoded> beam_search(const Model& model, const Grammar& g, const std::vector<std::string>& prompt,
                                 int points, const DecodeOptions& options) {
  torch::NoGradGuard no_grad;
  KvCache cache;
  torch::Tensor logp;
  if (options.beam < 1 || !prefill(model, g, prompt, points, cache, logp)) return {};
  std::vector<Hypothesis> live(1), finished;
  const int steps = max_target(g);
  for (int t = 0; t < steps && !live.empty(); ++t) {
    struct Option {
      double score;
      int parent, token;
    };
    std::vector<Option> options_;
    auto acc = logp.accessor<float, 2>();
    for (int b = 0; b < static_cast<int>(live.size()); ++b)
      for (int tok : allowed(live[b].state, g, model.vocab, points))
        options_.push_back({live[b].logprob + acc[b][tok], b, tok});
    std::stable_sort(options_.begin(), options_.end(), [](const Option& x, const Option& y) { return x.score > y.score; });
    std::vector<Hypothesis> next;
    std::vector<std::int64_t> parents;
    for (const Option& o : options_) {
      if (static_cast<int>(next.size() + finished.size()) >= options.beam) break;
      Hypothesis h = live[o.parent];
      h.tokens.push_back(o.token);
      h.logprob = o.score;
      h.state = advance(h.state, o.token, g);
      if (h.state.phase == State::kDone) {
        finished.push_back(std::move(h));
      } else {
        next.push_back(std::move(h));
        parents.push_back(o.parent);
      }
    }
    live = std::move(next);
    if (live.empty()) break;
    cache.select(torch::tensor(parents, torch::kLong).to(model.device));
    std::vector<int> last;
    for (const Hypothesis& h : live) last.push_back(h.tokens.back());
    logp = step(model, last, cache);
  }
  std::stable_sort(finished.begin(), finished.end(),
                   [](const Hypothesis& x, const Hypothesis& y) { return x.logprob > y.logprob; });
  std::vector<Decoded> out;
  for (const Hypothesis& h : finished) out.push_back(finish(h, model.vocab));
  return out;
}

std::vector<Decoded> sample(const Model& model, const Grammar& g, const std::vector<std::string>& prompt, int points,
                            const DecodeOptions& options) {
  torch::NoGradGuard no_grad;
  KvCache cache;
  torch::Tensor logp;
  if (options.beam < 1 || !prefill(model, g, prompt, points, cache, logp)) return {};
  const int draws = 2 * options.beam;
  std::mt19937_64 rng(options.seed);
  std::vector<Hypothesis> hyps(draws);
  std::vector<int> row(draws, 0);  // each hypothesis' row of logp
  cache.select(torch::zeros({draws}, torch::kLong).to(model.device));
  const int steps = max_target(g);
  for (int t = 0; t < steps; ++t) {
    auto acc = logp.accessor<float, 2>();
    std::vector<std::int64_t> keep;
    std::vector<int> last;
    for (int b = 0; b < draws; ++b) {
      Hypothesis& h = hyps[b];
      if (h.state.phase == State::kDone) continue;
      const std::vector<int> next = allowed(h.state, g, model.vocab, points);
      std::vector<double> weights;
      double top = -1e30;
      for (int tok : next) top = std::max(top, static_cast<double>(acc[row[b]][tok]));
      for (int tok : next) weights.push_back(std::exp((acc[row[b]][tok] - top) / options.temperature));
      std::discrete_distribution<int> pick(weights.begin(), weights.end());
      const int tok = next[pick(rng)];
      h.tokens.push_back(tok);
      h.logprob += acc[row[b]][tok];
      h.state = advance(h.state, tok, g);
      if (h.state.phase != State::kDone) {
        keep.push_back(row[b]);
        row[b] = static_cast<int>(last.size());
        last.push_back(tok);
      }
    }
    if (last.empty()) break;
    cache.select(torch::tensor(keep, torch::kLong).to(model.device));
    logp = step(model, last, cache);
  }
  std::vector<Hypothesis> done;
  for (const Hypothesis& h : hyps)
    if (h.state.phase == State::kDone) done.push_back(h);
  std::stable_sort(done.begin(), done.end(), [](const Hypothesis& x, const Hypothesis& y) { return x.logprob > y.logprob; });
  std::vector<Decoded> out;
  for (const Hypothesis& h : done) {
    Decoded d = finish(h, model.vocab);
    if (std::none_of(out.begin(), out.end(), [&](const Decoded& o) { return o.tokens == d.tokens; })) out.push_back(d);
    if (static_cast<int>(out.size()) >= options.beam) break;
  }
  return out;
}

}  // namespace pappus::neural
