// The ranked proposer: the model's log-likelihood of the heuristic's
// candidates, scored in one batch, equals the scores of one candidate at a
// time and of a plain forward pass over the whole sequence; the ranking is
// a deterministic permutation of the heuristic's candidates; a model
// trained toward a clause ranks it above an unlikely one, and with the
// model's own beam in the pool puts a clause only it wrote first; the
// shallow proposer switches by depth; the evaluation
// counts pairs by the target's construction.
#include "catch_torch.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "common.hpp"
#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "engine/relevant.hpp"
#include "engine/rulebook.hpp"
#include "neural/evaluate.hpp"
#include "neural/neural_proposer.hpp"
#include "neural/ranked_proposer.hpp"
#include "neural/train.hpp"
#include "problem/parser.hpp"

using namespace pappus;
using namespace pappus::neural;

namespace {

// The fixture's premises (every record has them) with one of its goals.
constexpr const char* kPrompt =
    "a b c = ieq_triangle a b c; d = shift d b a c; e = midpoint e d a ? eqratio a e a b b e c d";

// A problem, its figure and its engine with the given facts.
struct Node {
  Problem problem;
  Diagram diagram;
  std::unique_ptr<engine::Engine> engine;
  explicit Node(const std::string& text) {
    static const engine::RuleBook rules = engine::load_default_rules().value();
    problem = parse_problem(text, test::catalogue()).value();
    diagram = build_diagram(problem, test::catalogue()).value();
    engine = std::make_unique<engine::Engine>(problem, diagram, test::catalogue(), rules, engine::EngineOptions{});
  }
  std::vector<search::Candidate> heuristic(int limit) const {
    search::HeuristicProposer h;
    return h.propose(problem, diagram, *engine, "x", limit);
  }
};

// The log-likelihood of `clause` after `prompt` by one forward pass over
// <bos> prompt <sep> target <eos>, without a cache: what training computes.
double full_sequence_logprob(const Model& model, const std::string& prompt, const std::string& clause) {
  const EncodedPair pair = encode_pair(prompt, clause, model.vocab);
  torch::NoGradGuard no_grad;
  Transformer net = model.net;
  const auto logp = net->forward(torch::tensor(pair.ids, torch::kLong).unsqueeze(0)).log_softmax(-1)[0];
  double sum = 0;
  for (std::size_t i = pair.target_start; i < pair.ids.size(); ++i)
    sum += logp[static_cast<std::int64_t>(i) - 1][pair.ids[i]].item<double>();
  return sum;
}

// A base proposer with a fixed list of clauses.
class FixedProposer final : public search::Proposer {
 public:
  explicit FixedProposer(std::vector<std::string> clauses) : clauses_(std::move(clauses)) {}
  std::string name() const override { return "fixed"; }
  std::vector<search::Candidate> propose(const Problem&, const Diagram&, const engine::Engine&, const std::string&,
                                         int limit) override {
    std::vector<search::Candidate> out;
    for (const std::string& c : clauses_)
      if (static_cast<int>(out.size()) < limit) out.push_back({c, 0, "fixed", {}});
    return out;
  }

 private:
  std::vector<std::string> clauses_;
};

}  // namespace

TEST_CASE("ranked: batched scores equal one-at-a-time and whole-sequence scores") {
  const Node node(kPrompt);
  const auto candidates = node.heuristic(60);
  REQUIRE(candidates.size() >= 20);
  std::vector<std::string> clauses;
  for (const auto& c : candidates) clauses.push_back(c.clause);
  clauses.push_back("x = no_such_construction x a b");  // outside the vocabulary
  const Canonical prompt = canonical_prompt(node.problem, *node.engine, 0);
  for (unsigned seed : {1u, 2u}) {
    const Model model = test::tiny_model(seed);
    const auto batched = score_targets(model, prompt, clauses);
    REQUIRE(batched.size() == clauses.size());
    CHECK_FALSE(batched.back().has_value());
    std::set<int> lengths;
    for (std::size_t i = 0; i + 1 < clauses.size(); ++i) {
      INFO(clauses[i]);
      REQUIRE(batched[i].has_value());
      lengths.insert(batched[i]->tokens);
      const auto alone = score_targets(model, prompt, {clauses[i]});
      REQUIRE(alone[0].has_value());
      CHECK(std::abs(alone[0]->logprob - batched[i]->logprob) < 1e-4);
      CHECK(alone[0]->tokens == batched[i]->tokens);
      // The clause in the prompt's canonical names, as a training pair.
      const std::string canonical = join_tokens(canonicalise(split_tokens(clauses[i]), prompt.original).tokens);
      CHECK(std::abs(full_sequence_logprob(model, join_tokens(prompt.tokens), canonical) - batched[i]->logprob) <
            1e-4);
      CHECK(batched[i]->logprob < 0);
    }
    CHECK(lengths.size() > 1);  // the batch was padded: clauses of several lengths
  }
}

TEST_CASE("ranked: a deterministic permutation of the heuristic's candidates") {
  const Node node(kPrompt);
  auto model = std::make_shared<const Model>(test::tiny_model(4));
  const auto pool = node.heuristic(100);
  RankedProposer a(model, std::make_unique<search::HeuristicProposer>(), RankOptions{.pool = 100});
  RankedProposer b(model, std::make_unique<search::HeuristicProposer>(), RankOptions{.pool = 100});
  const auto first = a.propose(node.problem, node.diagram, *node.engine, "x", 100);
  const auto again = a.propose(node.problem, node.diagram, *node.engine, "x", 100);
  const auto other = b.propose(node.problem, node.diagram, *node.engine, "x", 100);
  REQUIRE(first.size() == pool.size());
  std::multiset<std::string> ranked_set, pool_set;
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].clause == again[i].clause);
    CHECK(first[i].clause == other[i].clause);
    CHECK(first[i].score == again[i].score);
    if (i > 0) CHECK(first[i].score <= first[i - 1].score);
    ranked_set.insert(first[i].clause);
    pool_set.insert(pool[i].clause);
  }
  CHECK(ranked_set == pool_set);
  std::vector<std::string> heuristic_order, ranked_order;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    heuristic_order.push_back(pool[i].clause);
    ranked_order.push_back(first[i].clause);
  }
  CHECK(heuristic_order != ranked_order);  // the model did reorder them

  // A smaller limit: the first of the same ranking over the same pool, the
  // rest counted beyond the limit.
  const auto counted = a.propose_counted(node.problem, node.diagram, *node.engine, "x", 10);
  REQUIRE(counted.candidates.size() == 10);
  for (std::size_t i = 0; i < 10; ++i) CHECK(counted.candidates[i].clause == first[i].clause);
  CHECK(counted.stats.returned == 10);
  std::int64_t by_kind = 0;
  for (const auto& [kind, n] : counted.stats.returned_by_kind) by_kind += n;
  CHECK(by_kind == 10);

  // Equal scores keep the heuristic's order; unscored clauses come last,
  // in their order, below every scored one.
  std::vector<std::optional<TargetScore>> scores{TargetScore{-2, 3}, std::nullopt, TargetScore{-1, 4},
                                                 TargetScore{-2, 5}, std::nullopt};
  CHECK(model_order(scores, false) == std::vector<std::size_t>{2, 0, 3, 1, 4});
  CHECK(model_order(scores, true) == std::vector<std::size_t>{2, 3, 0, 1, 4});  // -0.25, -0.4, -0.67 per token
  std::vector<search::Candidate> with_unknown{{"x = no_such_construction x a b", 0, "?", {}}, pool[0], pool[1]};
  rank_by_model(*model, canonical_prompt(node.problem, *node.engine, 0), with_unknown, false);
  CHECK(with_unknown.back().clause == "x = no_such_construction x a b");
  CHECK(with_unknown.back().score < with_unknown[1].score);
}

TEST_CASE("ranked: a model trained toward a clause ranks it above an unlikely one") {
  // The fixture's 40 records share their premises; half of them want the
  // circle through a, b, e, the others the meet of line ed and circle a.
  const neural::TrainOptions o = test::tiny_options("neural_ranked_train", 60);
  std::filesystem::remove_all(o.out);
  REQUIRE(train(test::fixture(), Vocab::build(test::catalogue()), o, [](const std::string&) {}).ok());
  auto trained = load_model(o.out);
  REQUIRE(trained.ok());
  auto model = std::make_shared<const Model>(std::move(*trained));

  const Node node(kPrompt);
  const std::string wanted = "x = circle x a b e", unlikely = "x = midpoint x b c";
  std::vector<search::Candidate> candidates = node.heuristic(100);
  const auto has = [&](const std::string& clause) {
    return std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) { return c.clause == clause; });
  };
  // Both are among the heuristic's candidates (added where it lacks them).
  for (const std::string& clause : {wanted, unlikely})
    if (!has(clause)) candidates.push_back({clause, 0, "test", {}});
  rank_by_model(*model, canonical_prompt(node.problem, *node.engine, 0), candidates, false);
  std::size_t at_wanted = 0, at_unlikely = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].clause == wanted) at_wanted = i;
    if (candidates[i].clause == unlikely) at_unlikely = i;
  }
  INFO("wanted at " << at_wanted << ", unlikely at " << at_unlikely << " of " << candidates.size());
  CHECK(at_wanted < at_unlikely);
  CHECK(at_wanted < 3);  // with the other trained clause, at the top
  CHECK(candidates[at_wanted].score > candidates[at_unlikely].score + 1.0);

  // With the model's own beam in the pool (as --proposer ranked runs): the
  // decoder's clauses join the base proposer's, one copy of each, and a
  // trained clause, which the base lacks, leads.
  DecodeOptions beam;
  beam.beam = 8;
  const std::vector<std::string> fixed{unlikely, "x = midpoint x a b"};
  RankedProposer with_writer(model, std::make_unique<FixedProposer>(fixed), RankOptions{.pool = 100},
                             std::make_unique<NeuralProposer>(model, test::catalogue(), beam));
  const search::Proposal p = with_writer.propose_counted(node.problem, node.diagram, *node.engine, "x", 100);
  NeuralProposer writer(model, test::catalogue(), beam);
  const auto written = writer.propose(node.problem, node.diagram, *node.engine, "x", 100);
  REQUIRE_FALSE(written.empty());
  std::set<std::string> texts;
  for (const search::Candidate& c : p.candidates) texts.insert(c.clause);
  CHECK(texts.size() == p.candidates.size());
  CHECK(p.candidates.size() > fixed.size());
  CHECK(p.candidates.size() <= fixed.size() + written.size());
  for (const std::string& c : fixed) CHECK(texts.count(c) == 1);
  CHECK(p.stats.returned == static_cast<std::int64_t>(p.candidates.size()));
  CHECK(p.candidates.front().kind.rfind("neural:", 0) == 0);
  CHECK(std::find(fixed.begin(), fixed.end(), p.candidates.front().clause) == fixed.end());
}

TEST_CASE("shallow: the model's proposer at nodes with few auxiliary points, the other deeper") {
  const Node root(kPrompt);
  const Node child("a b c = ieq_triangle a b c; d = shift d b a c; e = midpoint e d a | f = midpoint f b c ? "
                   "eqratio a e a b b e c d");
  REQUIRE(std::count_if(child.problem.clauses.begin(), child.problem.clauses.end(),
                        [](const Clause& c) { return c.auxiliary; }) == 1);
  const std::string model_clause = "x = midpoint x a b", deep_clause = "x = midpoint x a c";
  for (int depth : {0, 1}) {
    ShallowProposer p(std::make_unique<FixedProposer>(std::vector<std::string>{model_clause}),
                      std::make_unique<FixedProposer>(std::vector<std::string>{deep_clause}), depth);
    CHECK(p.name() == "fixed");
    CHECK(p.propose(root.problem, root.diagram, *root.engine, "x", 10).front().clause == model_clause);
    CHECK(p.propose_counted(child.problem, child.diagram, *child.engine, "x", 10).candidates.front().clause ==
          (depth == 0 ? deep_clause : model_clause));
  }
}

TEST_CASE("evaluation: the table by the target's construction counts every pair") {
  const Model m = test::tiny_model(3);
  const auto rules = engine::load_default_rules();
  REQUIRE(rules.ok());
  const std::vector<Example> pairs = test::fixture_pairs();
  EvalOptions o;
  o.rank_pool = 40;
  const EvalReport report = evaluate(m, test::catalogue(), *rules, pairs, o);
  REQUIRE(report.pairs == 40);
  // The fixture's targets: circle and intersection_lc.
  int circles = 0, meets = 0;
  for (const Example& e : pairs) (e.target.find("= circle") != std::string::npos ? circles : meets)++;
  REQUIRE(circles == 20);
  REQUIRE(meets == 20);
  REQUIRE(report.kinds.size() == 2);
  int total = 0;
  for (const KindAccuracy& k : report.kinds) {
    INFO(k.kind);
    CHECK((k.kind == "circle" || k.kind == "intersection_lc"));
    CHECK(k.pairs == (k.kind == "circle" ? circles : meets));
    CHECK(k.figure_pairs == k.pairs);
    for (const ProposerHits* h : {&k.neural, &k.heuristic, &k.ranked}) {
      CHECK(h->top8 >= h->top1);
      CHECK(h->same8 >= h->top8);
      CHECK(h->top8 <= k.pairs);
    }
    total += k.pairs;
  }
  CHECK(total == report.pairs);
  // The kinds add up to the report's totals.
  int heuristic_same8 = 0, ranked_top8 = 0;
  for (const KindAccuracy& k : report.kinds) heuristic_same8 += k.heuristic.same8, ranked_top8 += k.ranked.top8;
  CHECK(heuristic_same8 == report.heuristic_same8);
  CHECK(ranked_top8 == report.ranked.top8);
  CHECK(report.ranked.same8 >= report.ranked.top8);
  CHECK(report.rank_seconds > 0);
}

TEST_CASE("prompt format 2: a model trained on prompts with derived facts reads them at a search node") {
  Node node(kPrompt);
  REQUIRE(node.engine->run() == engine::StopReason::Saturated);
  const std::vector<std::string> facts = engine::relevant_facts(*node.engine, 3);
  REQUIRE(facts.size() == 3);
  std::string tail;
  for (std::size_t i = 0; i < facts.size(); ++i) tail += (i ? "; " : " | ") + facts[i];
  // The node's prompt: version 1 without facts, version 2 with them in the
  // generator's format, renamed with the same map.
  const Canonical v1 = canonical_prompt(node.problem, *node.engine, 0);
  CHECK(std::find(v1.tokens.begin(), v1.tokens.end(), "|") == v1.tokens.end());
  const Canonical v2 = canonical_prompt(node.problem, *node.engine, 3);
  CHECK(v2.tokens == canonicalise(split_tokens(std::string(kPrompt) + tail)).tokens);
  CHECK(v2.original == v1.original);

  // Training on such prompts makes a model of format 2 that keeps it in its file.
  std::vector<Record> data = test::fixture();
  for (Record& r : data)
    for (Example& e : r.pairs)
      if (e.prompt == kPrompt) e.prompt += tail;
  neural::TrainOptions o = test::tiny_options("neural_facts_train", 4);
  std::filesystem::remove_all(o.out);
  REQUIRE(train(data, Vocab::build(test::catalogue()), o, [](const std::string&) {}).ok());
  auto model = load_model(o.out);
  REQUIRE(model.ok());
  CHECK(model->config.facts == 3);
  CHECK(test::tiny_model().config.facts == 0);
  // Its proposer decodes from the node's facts: clauses that parse.
  auto shared = std::make_shared<const Model>(std::move(*model));
  NeuralProposer proposer(shared, test::catalogue(), DecodeOptions{});
  for (const auto& c : proposer.propose(node.problem, node.diagram, *node.engine, "x", 4))
    CHECK(parse_problem(std::string(kPrompt).substr(0, std::string(kPrompt).find(" ?")) + "; " + c.clause,
                        test::catalogue())
              .ok());
  std::filesystem::remove_all(o.out);
}
