// Verification: each candidate theorem proved again on a fresh diagram as a
// problem of its own, through the pipeline and the checker.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "engine/relevant.hpp"
#include "generate/internal.hpp"
#include "pipeline/pipeline.hpp"
#include "proof/text.hpp"
#include "problem/parser.hpp"

namespace pappus::generate {

namespace {

// Deduction only (depth 0) on the diagram of `seed`, with the limits of `o`;
// auxiliary clauses, when the problem has them, as premises.
pipeline::Options ddar_options(const GenerateOptions& o, std::uint64_t seed) {
  pipeline::Options po;
  po.diagram.seed = seed;
  po.diagram.include_auxiliary = true;
  po.diagram.max_attempts = 8;
  po.search.depth = 0;
  po.search.time_limit_s = o.time_limit_s;
  po.search.engine = o.engine();
  po.search.engine.include_auxiliary = true;
  return po;
}

struct Verified {
  Problem problem;
  proof::Proof proof;
};

// Proves `text` on a fresh diagram through the pipeline (deduction only,
// the auxiliary clauses as premises); the proof and its problem when it is
// proved and the checker accepts the proof. Rejections are counted.
std::optional<Verified> prove(const std::string& text, const GenerateOptions& o, const dsl::Catalogue& cat,
                              const engine::RuleBook& rules, std::uint64_t seed, const std::atomic<bool>* cancel,
                              std::int64_t& rejected) {
  auto problem = parse_problem(text, cat);
  if (!problem) return std::nullopt;
  search::HeuristicProposer unused;  // depth 0: no auxiliary search
  auto outcome = pipeline::solve(*problem, cat, rules, unused, ddar_options(o, seed), cancel);
  if (!outcome || !outcome->proof) return std::nullopt;
  if (!outcome->proved()) {
    ++rejected;
    return std::nullopt;
  }
  return Verified{outcome->node().problem, std::move(*outcome->proof)};
}

// What DDAR alone does with a problem on the diagram of `seed` (limits of
// `o`): proved, not proved (saturated, or out of facts: the same on any
// machine), or neither (no diagram, a time or memory limit, a cancel).
// When not proved, `facts` (if given) receives at most `limit` of the
// derived facts about the goal (engine::relevant_facts).
enum class Attempt { Proved, NotProved, Unknown };
Attempt attempt(const std::string& text, const GenerateOptions& o, const dsl::Catalogue& cat,
                const engine::RuleBook& rules, std::uint64_t seed, const std::atomic<bool>* cancel,
                std::vector<std::string>* facts = nullptr, int limit = 0) {
  auto problem = parse_problem(text, cat);
  if (!problem) return Attempt::Unknown;
  search::HeuristicProposer unused;  // depth 0: no auxiliary search
  auto outcome = pipeline::solve(*problem, cat, rules, unused, ddar_options(o, seed), cancel);
  if (!outcome) return Attempt::Unknown;
  if (outcome->proof) return Attempt::Proved;
  const auto stop = outcome->search.stop;
  if (outcome->status != pipeline::Status::NotProved ||
      (stop != engine::StopReason::Saturated && stop != engine::StopReason::FactLimit))
    return Attempt::Unknown;
  if (facts && outcome->search.solution && outcome->search.solution->engine)
    *facts = engine::relevant_facts(*outcome->search.solution->engine, limit);
  return Attempt::NotProved;
}

Example make_example(const Candidate& c, bool with_aux, const Verified& v, std::int64_t figure,
                     std::vector<std::string> facts = {}) {
  Example e;
  e.figure = figure;
  e.premises = c.premises;
  if (with_aux) e.aux = c.aux;
  e.facts = std::move(facts);
  e.goal = c.goal;
  std::string key = e.premises;
  for (const auto& a : e.aux) key += " | " + a;
  key += " ? " + e.goal;
  e.id = fmt::format("{:016x}", fnv1a(key));
  e.proof = proof::proof_record(v.proof, v.problem);
  e.points = static_cast<int>(v.problem.point_count());
  for (const auto& s : v.proof.steps) {
    if (s.kind != proof::Step::Kind::Premise) ++e.proof_steps;
    if (s.kind == proof::Step::Kind::Rule) ++e.rules[s.rule];
  }
  return e;
}

}  // namespace

void verify_candidates(Candidates& candidates, const GenerateOptions& o, const dsl::Catalogue& cat,
                       const engine::RuleBook& rules, Rng& rng, FigureResult& result,
                       const std::atomic<bool>* cancel) {
  auto seed_of = [&](const std::string& key) { return Rng::mix(o.seed, fnv1a(key)); };
  // The sub-problem's own proof can be shorter than the one the figure's
  // engine found: a theorem that follows from its premises in fewer steps
  // than asked (a construction fact restated) is not kept.
  auto substantial = [&](const Verified& v) {
    int steps = 0;
    for (const auto& st : v.proof.steps) steps += st.kind != proof::Step::Kind::Premise;
    return steps >= o.min_proof_steps;
  };
  const auto weights = goal_weights(o);
  if (!weights) return;  // refused by check_options before any run
  std::map<std::string, int, std::less<>> picked;  // goal form -> examples of this figure
  const std::size_t cap = o.per_figure > 0 ? static_cast<std::size_t>(o.per_figure) : SIZE_MAX;
  // The next candidate of `pool` (removed from it): of the goal forms it
  // has with a weight, the one with the highest weight / (1 + times picked
  // in this figure), ties drawn; the first candidate of that form (the pool
  // is shuffled). None when the pool has nothing left to pick.
  auto take = [&](std::vector<Candidate>& pool) -> std::optional<Candidate> {
    double best = 0;
    std::vector<std::string_view> ties;
    for (const auto& c : pool) {
      const auto w = weights->find(c.form);
      const double score = w == weights->end() ? 0 : w->second / (1.0 + picked[c.form]);
      if (score <= 0 || score < best) continue;
      if (score > best) best = score, ties.clear();
      if (std::find(ties.begin(), ties.end(), c.form) == ties.end()) ties.push_back(c.form);
    }
    if (ties.empty()) return std::nullopt;
    const std::string chosen(ties[rng.below(ties.size())]);
    const auto it = std::find_if(pool.begin(), pool.end(), [&](const Candidate& c) { return c.form == chosen; });
    Candidate c = std::move(*it);
    pool.erase(it);
    return c;
  };
  auto shuffle = [&](std::vector<Candidate>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
  };
  auto cancelled = [&] { return cancel && cancel->load(); };

  // Auxiliary theorems: with their auxiliary clauses they are proved; DDAR
  // with solve's default limits must not prove them without, on two
  // diagrams of the bare problem (a later stage's engine, continuing from
  // earlier ones, can miss what a fresh run on the sub-problem finds).
  const GenerateOptions bare_limits;
  std::size_t aux_cap = cap;
  if (o.aux_ratio == 0) aux_cap = 0;
  else if (o.aux_ratio > 0 && o.aux_ratio < 1 && cap != SIZE_MAX)
    aux_cap = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(o.aux_ratio * static_cast<double>(cap))));
  std::vector<Example> aux_examples, plain_examples;
  struct Bare {
    bool needs_aux = true;           // DDAR fails on it on both diagrams
    std::vector<std::string> facts;  // what it derives about the goal (prompt_facts of them)
  };
  std::unordered_map<std::string, Bare> bare_runs;  // premises ? goal -> what DDAR does with it
  std::unordered_set<std::string> stated;           // premises ? goal of the examples kept
  shuffle(candidates.with_aux);
  while (aux_examples.size() < aux_cap && !cancelled()) {
    auto c = take(candidates.with_aux);
    if (!c) break;
    // One example per statement: another candidate of it (other auxiliary
    // points) shares the answer of DDAR without them.
    const std::string bare = c->problem_text();
    if (stated.count(bare)) continue;
    auto known = bare_runs.find(bare);
    if (known == bare_runs.end()) {
      Bare run;
      const std::uint64_t first = seed_of(bare);
      run.needs_aux = attempt(bare, bare_limits, cat, rules, first, cancel, &run.facts, o.prompt_facts) ==
                          Attempt::NotProved &&
                      attempt(bare, bare_limits, cat, rules, Rng::mix(first, 1), cancel) == Attempt::NotProved;
      known = bare_runs.emplace(bare, std::move(run)).first;
    }
    if (!known->second.needs_aux) {
      ++result.failed;
      ++result.not_auxiliary;
      continue;
    }
    std::string text = c->premises + " | ";
    for (std::size_t i = 0; i < c->aux.size(); ++i) text += (i ? "; " : "") + c->aux[i];
    const std::uint64_t seed = seed_of(c->key());
    auto v = prove(text + " ? " + c->goal, o, cat, rules, seed, cancel, result.checker_rejected);
    if (!v || !substantial(*v)) {
      ++result.failed;
      continue;
    }
    ++picked[c->form];
    stated.insert(bare);
    aux_examples.push_back(make_example(*c, true, *v, result.index, known->second.facts));
  }
  // Plain theorems: up to the cap, or as many as the auxiliary share allows.
  std::size_t quota = cap - aux_examples.size();
  if (o.aux_ratio >= 1) quota = 0;
  else if (o.aux_ratio > 0)
    quota = std::min(quota, static_cast<std::size_t>(static_cast<double>(aux_examples.size()) * (1 - o.aux_ratio) /
                                                     o.aux_ratio));
  shuffle(candidates.plain);
  while (plain_examples.size() < quota && !cancelled()) {
    auto c = take(candidates.plain);
    if (!c) break;
    if (auto v = prove(c->problem_text(), o, cat, rules, seed_of(c->key()), cancel, result.checker_rejected);
        v && substantial(*v)) {
      ++picked[c->form];
      plain_examples.push_back(make_example(*c, false, *v, result.index));
    } else {
      ++result.failed;
    }
  }
  if (cancelled()) result.stop = engine::StopReason::Cancelled;
  // Auxiliary ones first, then plain, each in the order picked.
  for (auto* list : {&aux_examples, &plain_examples})
    for (auto& e : *list) {
      e.seq = static_cast<int>(result.examples.size());
      result.examples.push_back(std::move(e));
    }
}

}  // namespace pappus::generate
