// Verification: each candidate theorem proved again on a fresh diagram as a
// problem of its own, through the pipeline and the checker.
#include <fmt/core.h>

#include <algorithm>

#include "generate/internal.hpp"
#include "pipeline/pipeline.hpp"
#include "proof/text.hpp"
#include "problem/parser.hpp"

namespace pappus::generate {

namespace {

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
  pipeline::Options po;
  po.diagram.seed = seed;
  po.diagram.include_auxiliary = true;
  po.diagram.max_attempts = 8;
  po.search.depth = 0;
  po.search.time_limit_s = o.time_limit_s;
  po.search.engine = o.engine();
  po.search.engine.include_auxiliary = true;
  search::HeuristicProposer unused;  // depth 0: no auxiliary search
  auto outcome = pipeline::solve(*problem, cat, rules, unused, po, cancel);
  if (!outcome || !outcome->proof) return std::nullopt;
  if (!outcome->proved()) {
    ++rejected;
    return std::nullopt;
  }
  return Verified{outcome->node().problem, std::move(*outcome->proof)};
}

Example make_example(const Candidate& c, bool with_aux, const Verified& v, std::int64_t figure) {
  Example e;
  e.figure = figure;
  e.premises = c.premises;
  if (with_aux) e.aux = c.aux;
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
  // With its auxiliary clauses the theorem is proved. (Without them it is
  // not: the stage that had its points could not prove it, and that stage
  // holds all of its premises.)
  std::vector<Example> aux_examples, plain_examples;
  auto seed_of = [&](const std::string& key) { return Rng::mix(o.seed, fnv1a(key)); };
  // The sub-problem's own proof can be shorter than the one the figure's
  // engine found: a theorem that follows from its premises in fewer steps
  // than asked (a construction fact restated) is not kept.
  auto substantial = [&](const Verified& v) {
    int steps = 0;
    for (const auto& st : v.proof.steps) steps += st.kind != proof::Step::Kind::Premise;
    return steps >= o.min_proof_steps;
  };
  for (const auto& c : candidates.with_aux) {
    if (cancel && cancel->load()) break;
    std::string text = c.premises + " | ";
    for (std::size_t i = 0; i < c.aux.size(); ++i) text += (i ? "; " : "") + c.aux[i];
    if (auto v = prove(text + " ? " + c.goal, o, cat, rules, seed_of(c.key()), cancel, result.checker_rejected);
        v && substantial(*v))
      aux_examples.push_back(make_example(c, true, *v, result.index));
    else
      ++result.failed;
  }
  // Plain theorems: all of them, or as many as the auxiliary share allows,
  // picked at random.
  std::size_t quota = candidates.plain.size();
  if (o.aux_ratio >= 1) quota = 0;
  else if (o.aux_ratio > 0) quota = static_cast<std::size_t>(static_cast<double>(aux_examples.size()) * (1 - o.aux_ratio) / o.aux_ratio);
  auto& plain = candidates.plain;
  for (std::size_t i = plain.size(); i > 1; --i) std::swap(plain[i - 1], plain[rng.below(i)]);
  for (const auto& c : plain) {
    if (plain_examples.size() >= quota || (cancel && cancel->load())) break;
    if (auto v = prove(c.problem_text(), o, cat, rules, seed_of(c.key()), cancel, result.checker_rejected);
        v && substantial(*v))
      plain_examples.push_back(make_example(c, false, *v, result.index));
    else
      ++result.failed;
  }
  if (cancel && cancel->load()) result.stop = engine::StopReason::Cancelled;
  // In the order the facts were derived: auxiliary ones first, then plain.
  for (auto* list : {&aux_examples, &plain_examples})
    for (auto& e : *list) {
      e.seq = static_cast<int>(result.examples.size());
      result.examples.push_back(std::move(e));
    }
}

}  // namespace pappus::generate
