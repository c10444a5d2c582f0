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

TEST_CASE("a hidden layer learns what a linear ranking cannot: two features together, not apart", "[ranker]") {
  // Half the groups want a and b together before either alone; the other
  // half want c alone before c with a or with b. A linear score would need
  // a and b to weigh both more and less than nothing.
  const int a = feature("kind=midpoint"), b = feature("rel_cong=1"), c = feature("kind=foot");
  auto group = [&](int i) {
    search::RankGroup g;
    g.figure = i;
    if (i % 2 == 0) {
      g.items = {{{a, 1.0f}, {b, 1.0f}}, {{a, 1.0f}}, {{b, 1.0f}}};
    } else {
      g.items = {{{c, 1.0f}}, {{a, 1.0f}, {c, 1.0f}}, {{b, 1.0f}, {c, 1.0f}}};
    }
    g.positive = {1, 0, 0};
    return g;
  };
  std::vector<search::RankGroup> train;
  for (int i = 0; i < 40; ++i) train.push_back(group(i));
  const std::vector<search::RankGroup> validation = {group(100), group(101)};
  search::RankTrainOptions options;
  options.epochs = 40;
  const search::Ranker linear = search::train_ranker(train, options, {}, {});
  CHECK(search::best_positive_rank(linear, validation[0]) + search::best_positive_rank(linear, validation[1]) > 0);
  options.hidden = 8;
  const search::Ranker deep = search::train_ranker(train, options, {}, {});
  CHECK(deep.hidden() == 8);
  for (const auto& g : validation) CHECK(search::best_positive_rank(deep, g) == 0);
  // The file reads back to the same scores; the same seed, the same weights.
  auto back = search::Ranker::parse(deep.write("hidden"));
  REQUIRE(back);
  CHECK(back->hidden() == 8);
  for (const auto& g : validation)
    for (const auto& item : g.items) CHECK(back->score(item) == deep.score(item));  // 9 digits: floats exactly
  CHECK(search::train_ranker(train, options, {}, {}).in() == deep.in());
}

TEST_CASE("ranker weights with hidden units: bad lines are named", "[ranker]") {
  auto bias_first = search::Ranker::parse("unit_bias\t1\t2\n");
  REQUIRE_FALSE(bias_first);
  CHECK(bias_first.error().message == "'unit_bias' needs a 'hidden' line before it and one value per hidden unit");
  auto late = search::Ranker::parse("kind=midpoint\t1\nhidden\t2\n");
  REQUIRE_FALSE(late);
  CHECK(late.error().loc.line == 2);
  CHECK(late.error().message == "'hidden<TAB>UNITS' (1 to 4096) comes once, before every weight");
  auto short_row = search::Ranker::parse("hidden\t2\nkind=midpoint\t1\t0.5\n");
  REQUIRE_FALSE(short_row);
  CHECK(short_row.error().message == "a ranker feature has its weight and then none or 2 weights into the hidden units");
  auto ok = search::Ranker::parse("hidden\t2\nunit_bias\t0.5\t-1\nunit_out\t2\t3\nkind=midpoint\t1\t0.5\t1\n");
  REQUIRE(ok);
  // 1 + 2 max(0, 0.5 + 0.5) + 3 max(0, -1 + 1) = 3.
  CHECK(ok->score({{feature("kind=midpoint"), 1.0f}}) == Approx(3.0));
  CHECK(ok->score({}) == Approx(1.0));  // 2 max(0, 0.5)
}

TEST_CASE("prepared groups read back as written; another layout's file is refused", "[ranker]") {
  std::vector<search::RankGroup> groups(2);
  groups[0].figure = 7;
  groups[0].items = {{{feature("kind=midpoint"), 1.0f}, {feature("heuristic_score"), 0.375f}}, {}};
  groups[0].positive = {0, 1};
  groups[1].figure = -1;
  const std::string text = search::write_groups(groups, "data=x.jsonl checked=3");
  std::string source;
  auto back = search::parse_groups(text, &source);
  REQUIRE(back);
  CHECK(source == "data=x.jsonl checked=3");
  REQUIRE(back->size() == 2);
  CHECK((*back)[0].figure == 7);
  CHECK((*back)[0].items == groups[0].items);
  CHECK((*back)[0].positive == groups[0].positive);
  CHECK((*back)[1].items.empty());
  auto foreign = search::parse_groups("layout 3 0000000000000000\ngroup 1 0\n");
  REQUIRE_FALSE(foreign);
  CHECK(foreign.error().message.find("written by another version of pappus") != std::string::npos);
  const std::string mark = text.substr(text.find("layout"), text.find('\n', text.find("layout")) - text.find("layout") + 1);
  auto missing = search::parse_groups(mark + "group 1 2\n1 0:1\n");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "the last group has fewer items than its 'group' line says");
}
