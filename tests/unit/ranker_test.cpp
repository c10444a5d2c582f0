// The heuristic proposer's learned ranking (search/ranker.hpp): a weights
// file reads back what was written and names what it cannot read; training
// on groups where one feature marks the positive learns to put it first;
// a ranking that favours one construction reorders the proposer's
// candidates, and the features a candidate gets describe it.
#include <catch2/catch.hpp>

#include "test_data.hpp"
#include "test_node.hpp"

#include <set>
#include <string>

#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "search/proposer.hpp"
#include "search/ranker.hpp"
#include "search/search.hpp"

using namespace pappus;

namespace {

using test::data;

int feature(const std::string& name) {
  for (int i = 0; i < search::ranker_feature_count(); ++i)
    if (search::ranker_feature_name(i) == name) return i;
  FAIL("no ranker feature " << name);
  return -1;
}

struct Figure {
  search::Node node;
  explicit Figure(const std::string& text) { test::saturated_node(node, text); }
};

}  // namespace

TEST_CASE("ranker weights: names are unique, a file reads back, bad lines are named", "[ranker]") {
  std::set<std::string> names;
  for (int i = 0; i < search::ranker_feature_count(); ++i) names.insert(search::ranker_feature_name(i));
  CHECK(static_cast<int>(names.size()) == search::ranker_feature_count());

  search::Ranker r;
  r.weights()[static_cast<std::size_t>(feature("kind=midpoint"))] = 1.5f;
  r.weights()[static_cast<std::size_t>(feature("goal=cyclic*rel_cyclic"))] = -0.25f;
  const std::string text = r.write("a test\nsecond line");
  CHECK(text.rfind("# a test\n# second line\n", 0) == 0);
  auto back = search::Ranker::parse(text);
  REQUIRE(back);
  CHECK(back->weights() == r.weights());

  auto unknown = search::Ranker::parse("# c\nkind=midpoint\t1\nkind=nonsense\t2\n");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().loc.line == 3);
  CHECK(unknown.error().message == "unknown ranker feature 'kind=nonsense'");
  auto not_number = search::Ranker::parse("kind=midpoint\tabc\n");
  REQUIRE_FALSE(not_number);
  CHECK(not_number.error().message == "a ranker weight is not a finite number");
  auto no_tab = search::Ranker::parse("kind=midpoint 1\n");
  REQUIRE_FALSE(no_tab);
  CHECK(no_tab.error().message == "a ranker weight line is 'feature<TAB>weight'");
}

TEST_CASE("training puts first the candidates a feature marks, against the hand-tuned score", "[ranker]") {
  // In every group the positive is a midpoint with a low hand-tuned score;
  // the negatives are feet and circles scoring higher.
  const int mid = feature("kind=midpoint"), foot = feature("kind=foot"), circle = feature("kind=circle_center");
  const int heuristic = feature("heuristic_score");
  auto group = [&](int negatives, int seed) {
    search::RankGroup g;
    g.figure = seed;
    g.items.push_back({{mid, 1.0f}, {heuristic, 0.5f}});
    g.positive.push_back(1);
    for (int i = 0; i < negatives; ++i) {
      g.items.push_back({{i % 2 ? foot : circle, 1.0f}, {heuristic, 1.0f + 0.1f * ((i + seed) % 5)}});
      g.positive.push_back(0);
    }
    return g;
  };
  std::vector<search::RankGroup> train, validation;
  for (int s = 0; s < 40; ++s) train.push_back(group(10 + s % 7, s));
  for (int s = 0; s < 5; ++s) validation.push_back(group(20, 100 + s));
  search::Ranker hand;  // the hand-tuned score alone
  hand.weights()[static_cast<std::size_t>(heuristic)] = 1;
  CHECK(search::best_positive_rank(hand, validation[0]) == 20);
  std::vector<std::string> log;
  const search::Ranker learned =
      search::train_ranker(train, {}, validation, [&](const std::string& line) { log.push_back(line); });
  for (const auto& g : validation) CHECK(search::best_positive_rank(learned, g) == 0);
  REQUIRE(log.size() == 8);
  CHECK(log.back().find("validation (5 groups) positive@1 100.0%") != std::string::npos);
  // Same groups, options and seed: the same weights.
  CHECK(search::train_ranker(train, {}, validation, {}).weights() == learned.weights());
}

TEST_CASE("a ranking that favours midpoints puts the proposer's midpoints first", "[ranker]") {
  Figure f("a b c = triangle a b c; h = orthocenter h a b c; o = circle o a b c ? cong o a o b");
  search::HeuristicProposer hand(data().catalogue);
  const auto before = hand.propose(f.node.problem, f.node.diagram, *f.node.engine, "x", 20);
  REQUIRE(before.size() == 20);
  CHECK(before.front().kind != "midpoint");
  auto ranker = std::make_shared<search::Ranker>();
  ranker->weights()[static_cast<std::size_t>(feature("kind=midpoint"))] = 10;
  ranker->weights()[static_cast<std::size_t>(feature("heuristic_score"))] = 1;
  search::HeuristicOptions options;
  options.ranker = ranker;
  options.fuse = false;
  const auto after =
      search::HeuristicProposer(data().catalogue, options).propose(f.node.problem, f.node.diagram, *f.node.engine, "x", 20);
  REQUIRE(after.size() == 20);
  std::size_t midpoints = 0;
  while (midpoints < after.size() && after[midpoints].kind == "midpoint") ++midpoints;
  CHECK(midpoints >= 3);  // the sides' midpoints at least
  for (std::size_t i = midpoints; i < after.size(); ++i) CHECK(after[i].kind != "midpoint");
  // Fused (the learned proposer's order): the learned first, then the
  // hand-tuned first, and so on (each once).
  options.fuse = true;
  const auto fused =
      search::HeuristicProposer(data().catalogue, options).propose(f.node.problem, f.node.diagram, *f.node.engine, "x", 20);
  REQUIRE(fused.size() == 20);
  CHECK(fused[0].clause == after[0].clause);
  CHECK(fused[1].clause == before[0].clause);
  CHECK((fused[2].clause == after[1].clause || after[1].clause == before[0].clause));
}

TEST_CASE("a candidate's features: its kind, the goal, the relations of its point with the goal's points", "[ranker]") {
  // The goal speaks of a, b, c, d on a circle; the midpoint of ab is
  // equidistant from a and b and collinear with them.
  Figure f("a b c = triangle a b c; d = on_circum d a b c ? cyclic a b c d");
  const auto all = search::HeuristicProposer(data().catalogue).featured(f.node.problem, f.node.diagram, *f.node.engine, "x");
  const search::FeaturedCandidate* mid = nullptr;
  for (const auto& c : all)
    if (c.clause == "x = midpoint x a b") mid = &c;
  REQUIRE(mid);
  std::set<std::string> names;
  for (const auto& [i, v] : mid->features) names.insert(search::ranker_feature_name(i));
  CHECK(names.count("kind=midpoint"));
  CHECK(names.count("goal=cyclic*kind=midpoint"));
  CHECK(names.count("touch=2"));
  CHECK(names.count("inputs_all_goal"));
  CHECK(names.count("rel_midp=1"));
  CHECK(names.count("goal=cyclic*rel_cong"));
  CHECK(names.count("goal=cyclic*rel_coll"));
  CHECK_FALSE(names.count("random_on_curve"));
}
