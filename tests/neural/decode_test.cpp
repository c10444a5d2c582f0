// Constrained decoding: whatever the model's weights, every clause from
// beam search and sampling parses against its problem; the proposers map
// names back and merge.
#include "catch_torch.hpp"

#include <numeric>
#include <random>
#include <set>

#include "common.hpp"
#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
#include "neural/decode.hpp"
#include "neural/evaluate.hpp"
#include "neural/neural_proposer.hpp"
#include "problem/parser.hpp"

using namespace pappus;
using namespace pappus::neural;

namespace {

// Premises of a prompt ("... ? goal" without the goal).
std::string premises(const std::string& prompt) { return prompt.substr(0, prompt.find(" ? ")); }

// A random problem: a triangle and a few random point-only constructions.
std::string random_prompt(std::mt19937_64& rng, const Grammar& g, const Vocab& vocab, const dsl::Catalogue& cat) {
  std::string text = "a b c = triangle a b c";
  int points = 3;
  const int extra = static_cast<int>(rng() % 6);
  for (int k = 0; k < extra; ++k) {
    const auto& rule = g.rules[rng() % g.rules.size()];
    const dsl::Construction* c = cat.find(vocab.token(rule.token));
    if (rule.arity - 1 > points) continue;
    std::vector<int> order(points);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    std::string clause = canonical_point_name(points) + " = " + c->name;
    for (int i = 0, used = 0; i < rule.arity; ++i)
      clause += " " + canonical_point_name(i == rule.new_at ? points : order[used++]);
    text += "; " + clause;
    ++points;
  }
  return text + " ? coll a b c";
}

}  // namespace

TEST_CASE("grammar: point-only constructions that make one point") {
  const Vocab vocab = Vocab::build(test::catalogue());
  const Grammar g = Grammar::build(test::catalogue(), vocab);
  std::set<std::string> names;
  for (const auto& r : g.rules) names.insert(vocab.token(r.token));
  CHECK(names.count("midpoint"));
  CHECK(names.count("foot"));
  CHECK(names.count("on_line"));
  CHECK(names.count("circle"));
  CHECK_FALSE(names.count("triangle"));  // three new points
  CHECK_FALSE(names.count("s_angle"));   // takes an angle
}

TEST_CASE("constrained decoding never emits an invalid clause (random weights, many prompts)") {
  const auto& cat = test::catalogue();
  std::mt19937_64 rng(5);
  std::vector<std::string> prompts;
  for (const Record& r : test::fixture())
    for (const Example& e : r.pairs) prompts.push_back(e.prompt);
  int checked = 0;
  for (unsigned seed = 1; seed <= 3; ++seed) {
    Model m = test::tiny_model(seed);
    const Grammar g = Grammar::build(cat, m.vocab);
    std::vector<std::string> all = prompts;
    for (int i = 0; i < 40; ++i) all.push_back(random_prompt(rng, g, m.vocab, cat));
    for (const std::string& prompt : all) {
      const Canonical c = canonicalise(split_tokens(prompt));
      const int points = static_cast<int>(c.original.size());
      // Fixture and random prompts are written in canonical names already.
      for (int i = 0; i < points; ++i) REQUIRE(c.original[i] == canonical_point_name(i));
      DecodeOptions o;
      o.beam = 8;
      o.seed = seed;
      for (const bool sampling : {false, true}) {
        const auto decoded = sampling ? sample(m, g, c.tokens, points, o) : beam_search(m, g, c.tokens, points, o);
        CHECK(!decoded.empty());
        CHECK(decoded.size() <= 8);
        for (std::size_t i = 0; i < decoded.size(); ++i) {
          const std::string clause = join_tokens(decoded[i].tokens);
          INFO(prompt << "  +  " << clause);
          CHECK(parse_problem(premises(prompt) + "; " + clause, cat).ok());
          CHECK(decoded[i].tokens[0] == canonical_point_name(points));
          if (i > 0 && !sampling) CHECK(decoded[i].logprob <= decoded[i - 1].logprob);
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("proposers: neural names the new point as asked and maps names back; combined merges") {
  const auto& cat = test::catalogue();
  auto rules = engine::load_default_rules();
  REQUIRE(rules.ok());
  auto problem = parse_problem("p q r = triangle p q r; m = midpoint m q r ? perp p m q r", cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  engine::Engine eng(*problem, *diagram, cat, *rules, {});
  auto model = std::make_shared<const Model>(test::tiny_model());
  DecodeOptions o;
  o.beam = 8;
  NeuralProposer neural(model, cat, o);
  const auto cands = neural.propose(*problem, *diagram, eng, "aux1", 8);
  REQUIRE(!cands.empty());
  for (const auto& c : cands) {
    INFO(c.clause);
    CHECK(c.clause.rfind("aux1 = ", 0) == 0);
    const auto tokens = split_tokens(c.clause);
    for (const auto& t : tokens)
      CHECK((t == "aux1" || t == "=" || t == "," || cat.find(t) || t == "p" || t == "q" || t == "r" || t == "m"));
    CHECK(parse_problem("p q r = triangle p q r; m = midpoint m q r; " + c.clause, cat).ok());
  }
  CombinedProposer combined(std::make_unique<NeuralProposer>(model, cat, o),
                            std::make_unique<search::HeuristicProposer>());
  const auto merged = combined.propose(*problem, *diagram, eng, "aux1", 50);
  REQUIRE(merged.size() == 50);
  CHECK(merged[0].clause == cands[0].clause);
  std::set<std::string> unique;
  for (const auto& c : merged) unique.insert(c.clause);
  CHECK(unique.size() == merged.size());
  for (std::size_t i = 1; i < merged.size(); ++i) CHECK(merged[i].score < merged[i - 1].score);
}

TEST_CASE("evaluation: an exact match is also a same-point match; every fixture figure builds") {
  const Model m = test::tiny_model(3);
  const auto rules = engine::load_default_rules();
  REQUIRE(rules.ok());
  EvalOptions o;
  o.limit = 12;
  const EvalReport report = evaluate(m, test::catalogue(), *rules, test::fixture_pairs(), o);
  CHECK(report.pairs == 12);
  CHECK(report.figure_pairs == 12);
  CHECK(report.candidates > 0);
  CHECK(report.neural_same8 >= report.neural_top8);
  CHECK(report.neural_same1 >= report.neural_top1);
  CHECK(report.heuristic_same8 >= report.heuristic_top8);
  CHECK(report.heuristic_same8 >= report.heuristic_same1);
}
