// The auxiliary-construction search: problems that need one more point are
// solved, with the point in the proof; invalid candidates are rejected.
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

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

// Proposes a fixed list of clauses, `limit` at most, and records the limits asked.
class ListProposer final : public search::Proposer {
 public:
  explicit ListProposer(std::vector<std::string> clauses) : clauses_(std::move(clauses)) {}
  std::string name() const override { return "list"; }
  std::vector<search::Candidate> propose(const Problem&, const Diagram&, const engine::Engine&, const std::string& x,
                                         int limit) override {
    limits.push_back(limit);
    std::vector<search::Candidate> out;
    for (const std::string& c : clauses_) {
      if (static_cast<int>(out.size()) >= limit) break;
      std::string clause = c;
      for (std::size_t at; (at = clause.find("X")) != std::string::npos;) clause.replace(at, 1, x);
      out.push_back({clause, 1.0, "list", {}});
    }
    return out;
  }
  std::vector<int> limits;

 private:
  std::vector<std::string> clauses_;
};

// Morley's trisector theorem (JGEX morley): the search does not prove it in
// seconds (trisected angles are beyond the rules), and its figure is small
// (many nodes per second).
constexpr const char* kHard =
    "a b c = triangle a b c; d e = trisect d e b a c; f g = trisect f g c b a; h i = trisect h i a c b; "
    "j = intersection_ll j b f c i; k = intersection_ll k a e c h; l = intersection_ll l a d b g ? cong j l j k";

// Points at random on lines and circles of kNeedsAux's figure: none proves it.
std::vector<std::string> random_points(std::size_t n) {
  std::vector<std::string> out;
  for (const char* line : {"a b", "a c", "b c", "a h", "b h", "c h", "a m", "o m", "h m", "h o"})
    out.push_back(std::string("X = on_line X ") + line);
  for (const char* circle : {"o a", "m b", "a h", "h m"}) out.push_back(std::string("X = on_circle X ") + circle);
  out.resize(std::min(n, out.size()));
  return out;
}

// The antipode of A on the circumcircle: proves kNeedsAux.
constexpr const char* kAntipode = "X = on_line X a o, on_circle X o a";

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
  auto problem = parse_problem(kNeedsAux, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  // Six useless candidates, then the one that proves.
  std::vector<std::string> list = random_points(6);
  list.push_back(kAntipode);
  ListProposer proposer(list);

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
  CHECK(found.nodes == 7);
  CHECK(found.solution->aux.size() == 1);
}

TEST_CASE("the same options give the same search, with one thread or two", "[search]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem(kNeedsAux, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  search::HeuristicProposer proposer;
  search::SearchOptions options;
  options.time_limit_s = 120;
  options.max_nodes = 400;
  std::vector<search::SearchResult> runs;
  for (int jobs : {1, 1, 2, 2}) {
    options.jobs = jobs;
    runs.push_back(search::solve(*problem, *diagram, cat, rules, proposer, options));
  }
  for (const auto& r : runs) {
    REQUIRE(r.proved);
    CHECK(r.solution->aux == runs[0].solution->aux);
    CHECK(r.nodes == runs[0].nodes);
    CHECK(r.counts.tried == runs[0].counts.tried);
    CHECK(r.counts.proposals.returned == runs[0].counts.proposals.returned);
    CHECK(r.first_proof_seconds >= 0);
  }
}

TEST_CASE("the search ends as saturated only when every candidate was tried", "[search]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem(kNeedsAux, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  // Ten candidates, asked for two at a time: the search widens (2, 8, 32)
  // until the proposer has no more, tries all ten, and stops exhausted.
  ListProposer proposer(random_points(10));
  search::SearchOptions options;
  options.depth = 1;
  options.root_candidates = 2;
  options.time_limit_s = 120;
  auto r = search::solve(*problem, *diagram, cat, rules, proposer, options);
  INFO("limits asked: " << proposer.limits.size());
  CHECK_FALSE(r.proved);
  CHECK(r.stop == engine::StopReason::Saturated);
  CHECK(r.counts.tried == 10);
  CHECK(r.counts.widenings == 2);
  CHECK(proposer.limits == std::vector<int>{2, 8, 32});
  CHECK(r.nodes + r.counts.invalid + r.counts.duplicates == 10);
  REQUIRE(r.solution != nullptr);
  CHECK(r.solution->aux.empty());
}

TEST_CASE("a search that is not done when its time runs out stops on the time limit", "[search][limits]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem(kHard, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  REQUIRE(diagram->all_goals_hold());
  search::HeuristicProposer proposer;
  search::SearchOptions options;
  options.time_limit_s = 3;
  options.depth = 4;
  options.jobs = 2;
  auto r = search::solve(*problem, *diagram, cat, rules, proposer, options);
  REQUIRE_FALSE(r.proved);  // else pick a harder problem
  CHECK(r.stop == engine::StopReason::TimeLimit);
  CHECK(r.seconds >= 2.5);   // the budget is used
  CHECK(r.seconds < 6);      // and not overrun: running saturations stop at the deadline
  CHECK(r.nodes > 0);
  REQUIRE(r.solution != nullptr);
  CHECK(r.solution->aux.empty());
  CHECK(r.solution->engine != nullptr);
}

TEST_CASE("the problem's own auxiliary clauses start the search when asked for", "[search]") {
  const auto& [cat, rules] = data();
  // The clause after '|' is what the search finds for kNeedsAux.
  auto found = [&] {
    auto problem = parse_problem(kNeedsAux, cat);
    auto diagram = build_diagram(*problem, cat);
    search::HeuristicProposer proposer;
    search::SearchOptions options;
    options.time_limit_s = 120;
    return search::solve(*problem, *diagram, cat, rules, proposer, options);
  }();
  REQUIRE(found.proved);
  REQUIRE(found.solution->aux.size() == 1);
  std::string clause = found.solution->aux[0];
  const std::string text = std::string(kNeedsAux).replace(std::string(kNeedsAux).find(" ?"), 2, " | " + clause + " ?");
  auto problem = parse_problem(text, cat);
  REQUIRE(problem.ok());
  REQUIRE(problem->clauses.back().auxiliary);
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());

  // A proposer that proposes nothing: only the given clause can prove it.
  ListProposer nothing({});
  search::SearchOptions options;
  options.time_limit_s = 120;
  options.given_aux = true;
  auto given = search::solve(*problem, *diagram, cat, rules, nothing, options);
  REQUIRE(given.proved);
  CHECK(given.solution->aux == std::vector<std::string>{clause});
  CHECK(given.solution->depth == 0);
  CHECK(given.nodes == 1);
  const proof::Proof pr = proof::extract(*given.solution->engine);
  CHECK(pr.auxiliary_clauses.size() == 1);
  const auto checked = proof::check(pr, given.solution->problem, cat, rules);
  INFO(checked.message);
  CHECK(checked.ok);

  // Without given_aux the clause is ignored: the root has no auxiliary
  // point, and nothing else proves it.
  options.given_aux = false;
  auto ignored = search::solve(*problem, *diagram, cat, rules, nothing, options);
  CHECK_FALSE(ignored.proved);
  CHECK(ignored.stop == engine::StopReason::Saturated);
  CHECK(ignored.nodes == 0);
  CHECK(ignored.solution->aux.empty());
  CHECK(ignored.solution->problem.clauses.size() + 1 == problem->clauses.size());
}

TEST_CASE("past max_open nodes, the one whose next expansion ranks lowest is closed", "[search][limits]") {
  const auto& [cat, rules] = data();
  auto problem = parse_problem(kNeedsAux, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  ListProposer proposer(random_points(6));
  search::SearchOptions options;
  options.depth = 2;
  options.time_limit_s = 120;
  auto all = search::solve(*problem, *diagram, cat, rules, proposer, options);
  CHECK(all.stop == engine::StopReason::Saturated);
  CHECK(all.counts.closed_early == 0);
  options.max_open = 2;
  auto capped = search::solve(*problem, *diagram, cat, rules, proposer, options);
  CHECK_FALSE(capped.proved);
  CHECK(capped.counts.closed_early > 0);
  CHECK(capped.nodes < all.nodes);
  CHECK(capped.nodes > 6);  // the root's children, and some of theirs
  REQUIRE(capped.solution != nullptr);
  CHECK(capped.solution->engine != nullptr);
}
