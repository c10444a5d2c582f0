// The auxiliary-construction search: problems that need one more point are
// solved, with the point in the proof; invalid candidates are rejected.
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <atomic>
#include <string>

#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "search/search.hpp"

using namespace pappus;

namespace {

using test::data;

// AH = 2 OM: the distance from a vertex to the orthocenter is twice the
// distance from the circumcenter to the opposite side.
constexpr const char* kNeedsAux =
    "a b c = triangle a b c; h = orthocenter h a b c; o = circle o a b c; m = midpoint m b c ? rconst a h o m 2/1";

}  // namespace

TEST_CASE("a problem DDAR cannot prove is proved with one auxiliary point", "[search]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem(kNeedsAux, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  REQUIRE(diagram->all_goals_hold());

  search::SearchOptions ddar_only;
  ddar_only.depth = 0;
  search::HeuristicProposer proposer;
  auto alone = search::solve(*problem, *diagram, cat, rules, proposer, ddar_only);
  CHECK_FALSE(alone.proved);
  CHECK(alone.ddar_stop == engine::StopReason::Saturated);

  search::SearchOptions options;
  options.depth = 1;
  options.time_limit_s = 60;
  auto found = search::solve(*problem, *diagram, cat, rules, proposer, options);
  REQUIRE(found.proved);
  CHECK_FALSE(found.ddar_only);
  CHECK(found.nodes >= 1);
  REQUIRE(found.solution->aux.size() == 1);

  // The proof lists the auxiliary construction and passes the checker.
  const search::Node& node = *found.solution;
  const proof::Proof pr = proof::extract(*node.engine);
  CHECK_FALSE(pr.auxiliary_clauses.empty());
  CHECK_FALSE(pr.auxiliary_points.empty());
  const auto checked = proof::check(pr, node.problem, cat, rules);
  INFO(checked.message);
  CHECK(checked.ok);

  // Same seed, same result.
  auto again = search::solve(*problem, *diagram, cat, rules, proposer, options);
  REQUIRE(again.proved);
  CHECK(again.solution->aux == found.solution->aux);
  CHECK(again.nodes == found.nodes);
}

TEST_CASE("invalid auxiliary candidates are rejected with a reason", "[search]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem("a b c = triangle a b c; m = midpoint m b c ? cong m b m c", cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  search::Node parent;
  parent.problem = *problem;
  parent.diagram = *diagram;
  struct Case {
    const char* clause;
    const char* reason;
  };
  const Case cases[] = {
      {"x = midpoint_of x b c", "unknown construction"},
      {"x = midpoint x b", "wrong number of arguments"},
      {"x = midpoint x b q", "undefined"},
      {"m = midpoint m a b", "defined twice"},
      {"x = midpoint x b c", "coincides with another point"},
      {"x = on_line x a b, on_pline x c a b", "do not meet"},
      {"x = foot x m b c", "precondition"},
  };
  for (const auto& c : cases) {
    INFO(c.clause);
    auto child = search::extend(parent, c.clause, cat, 1);
    REQUIRE_FALSE(child.ok());
    CHECK_THAT(child.error().message, Catch::Contains(c.reason));
  }
  auto ok = search::extend(parent, "x = midpoint x a b", cat, 1);
  REQUIRE(ok.ok());
  CHECK((*ok)->problem.clauses.back().auxiliary);
  CHECK((*ok)->aux.size() == 1);
}

TEST_CASE("a child continues from its parent's saturated state", "[search]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem(kNeedsAux, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  search::Node root;
  root.problem = *problem;
  root.diagram = *diagram;
  root.engine = std::make_unique<engine::Engine>(root.problem, root.diagram, cat, rules);
  REQUIRE(root.engine->run() == engine::StopReason::Saturated);
  auto child = search::extend(root, "x = foot x h a b", cat, 2);
  REQUIRE(child.ok());
  engine::Engine incremental(*root.engine, (*child)->problem, (*child)->diagram);
  // The parent's facts are there before the child runs.
  CHECK(incremental.facts().size() > root.engine->facts().size());
  const auto stop = incremental.run();
  engine::EngineOptions scratch_options;
  scratch_options.include_auxiliary = true;
  engine::Engine scratch((*child)->problem, (*child)->diagram, cat, rules, scratch_options);
  CHECK(scratch.run() == stop);
}

// Each limit ends the search cleanly and names itself as the reason.
TEST_CASE("the search stops on its node, memory and cancel limits with that reason", "[search][limits]") {
  const auto& [cat, rules] = data();
  // Needs an auxiliary point that the heuristic proposer ranks low (tens of nodes).
  auto problem = parse_problem(
      "c a b = iso_triangle c a b; d = on_line d a c; e = on_line e b c, eqdistance e b d a; "
      "f = on_line f a b, on_line f d e; g = on_pline g f a c, on_line g b c ? midp f d e",
      cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  search::HeuristicProposer proposer;

  search::SearchOptions few;
  few.max_nodes = 3;
  auto limited = search::solve(*problem, *diagram, cat, rules, proposer, few);
  CHECK_FALSE(limited.proved);
  CHECK(limited.ddar_stop == engine::StopReason::Saturated);
  CHECK(limited.stop == engine::StopReason::NodeLimit);
  CHECK(limited.nodes == 3);
  CHECK(std::string(engine::to_string(limited.stop)) == "node limit");

  search::SearchOptions tiny_memory;
  tiny_memory.engine.max_memory_mib = 1;  // any process holds more than 1 MiB
  auto starved = search::solve(*problem, *diagram, cat, rules, proposer, tiny_memory);
  CHECK_FALSE(starved.proved);
  CHECK(starved.stop == engine::StopReason::MemoryLimit);
  CHECK(starved.nodes == 0);

  std::atomic<bool> cancel{true};
  auto cancelled = search::solve(*problem, *diagram, cat, rules, proposer, search::SearchOptions{}, &cancel);
  CHECK_FALSE(cancelled.proved);
  CHECK(cancelled.stop == engine::StopReason::Cancelled);

  search::SearchOptions depth0;
  depth0.depth = 0;
  auto alone = search::solve(*problem, *diagram, cat, rules, proposer, depth0);
  CHECK(alone.stop == engine::StopReason::Saturated);

  search::SearchOptions enough;
  enough.time_limit_s = 120;
  auto found = search::solve(*problem, *diagram, cat, rules, proposer, enough);
  CHECK(found.proved);
  CHECK(found.stop == engine::StopReason::Proved);
  CHECK(found.nodes > 3);
}
