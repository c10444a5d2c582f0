// The pipeline every front end shares: a problem counts as proved only when
// the checker accepts its proof; whatever limit stops the search, the result
// is well defined (the root node, a stop reason).
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "geometry/predicate.hpp"
#include "pipeline/pipeline.hpp"
#include "problem/parser.hpp"
#include "search/proposer.hpp"

using namespace pappus;

namespace {

using test::data;

// Distances along one line: the engine derives AC1 = BC3 from MA = MB and
// MC1 = MC3 on the line through A, B, C1, M, C3. The checker once rejected
// this proof (the equations of a cong depended on its argument order, and
// the cited collinearity broke the sum).
constexpr const char* kDistances =
    "a b c = triangle a b c; c1 = on_line c1 a b; m = midpoint m a b; c3 = mirror c3 c1 m ? cong a c1 b c3";

// AH = 2 OM: needs one auxiliary point.
constexpr const char* kNeedsAux =
    "a b c = triangle a b c; h = orthocenter h a b c; o = circle o a b c; m = midpoint m b c ? rconst a h o m 2/1";

Problem parse(const char* text) {
  auto problem = parse_problem(text, data().catalogue);
  if (!problem) FAIL(problem.error().to_string());
  return std::move(*problem);
}

pipeline::Outcome run(const Problem& problem, const pipeline::Options& options,
                      const std::atomic<bool>* cancel = nullptr) {
  search::HeuristicProposer proposer;
  auto outcome = pipeline::solve(problem, data().catalogue, data().rules, proposer, options, cancel);
  if (!outcome) FAIL(outcome.error().to_string());
  return std::move(*outcome);
}

// Deduction alone on the figure of `seed`: proved, and the checker agrees.
pipeline::Outcome proved_by_deduction(const Problem& problem, std::uint64_t seed) {
  pipeline::Options options;
  options.diagram.seed = seed;
  options.search.depth = 0;
  pipeline::Outcome outcome = run(problem, options);
  INFO("seed " << seed << ": " << outcome.check.message);
  REQUIRE(outcome.status == pipeline::Status::Proved);
  CHECK(outcome.check.ok);
  return outcome;
}

}  // namespace

TEST_CASE("distance chasing along a line proves and passes the checker", "[pipeline]") {
  const Problem problem = parse(kDistances);
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const pipeline::Outcome outcome = proved_by_deduction(problem, seed);
    // The goal's step is a sum over the distances table.
    const proof::Step& goal = outcome.proof->steps[outcome.proof->goals[0] - 1];
    CHECK(goal.kind == proof::Step::Kind::Algebra);
    CHECK(goal.table == proof::Step::Table::Distances);
  }
}

// shift x b c d is the fourth vertex of the parallelogram b d c x, so it
// gives xb ∥ cd and xc ∥ bd as well as the two lengths. With b, c, d on one
// line (jgex gao_Y_yL182-1: f = c + a - e on the diagonal AC of the
// parallelogram ABCD) the parallels are what puts f on that line; DDAR then
// proves DE ∥ FB with no auxiliary point.
TEST_CASE("a shift along a line stays on it: the parallelogram's diagonal problem proves", "[pipeline]") {
  const Problem problem = parse(
      "a c d = triangle a c d; b = on_pline b c d a, on_pline b a d c; e = on_line e a c; f = shift f c a e "
      "? para d e f b");
  for (std::uint64_t seed = 1; seed <= 4; ++seed) proved_by_deduction(problem, seed);
}

// Numeric-only predicates (Newclid's ncoll, npara, sameside, ...) may be
// goals: they are checked on the figure, never proved, and never counted as
// proved; beside ordinary goals, those are proved and these checked.
TEST_CASE("numeric-only goals are checked on the figure, not proved", "[pipeline]") {
  pipeline::Options options;
  options.search.depth = 0;
  {
    const Problem problem = parse("a b = segment a b; c d = segment c d ? npara a b c d");
    REQUIRE(problem.goals[0].numeric_only);
    const pipeline::Outcome outcome = run(problem, options);
    CHECK(outcome.status == pipeline::Status::CheckedNumerically);
    CHECK_FALSE(outcome.proved());
    CHECK_FALSE(outcome.proof);
  }
  {
    const Problem problem = parse("a b c = triangle a b c; m = midpoint m a b ? ncoll a b c; cong m a m b");
    const pipeline::Outcome outcome = run(problem, options);
    REQUIRE(outcome.status == pipeline::Status::Proved);
    CHECK(outcome.check.ok);
    REQUIRE(outcome.proof->goals.size() == 1);  // the proof is of the cong
  }
  {
    // False on the figure: the goal is false, whatever its kind.
    const Problem problem = parse("a b c = triangle a b c; m = midpoint m a b ? ncoll a m b");
    CHECK(run(problem, options).status == pipeline::Status::GoalFalse);
  }
  {
    // Newclid's obtuse_angle: a between b and c makes the angle at a straight.
    CHECK(run(parse("a b c = between a b c ? obtuse_angle b a c"), options).status ==
          pipeline::Status::CheckedNumerically);
    CHECK(run(parse("a b c = between a b c ? obtuse_angle a b c"), options).status == pipeline::Status::GoalFalse);
  }
}

TEST_CASE("the same cong in any argument order gives the same distance equation", "[pipeline]") {
  const std::vector<PointId> p{PointId(4), PointId(1), PointId(3), PointId(2)};
  const auto base = distance_segments(Pred::Cong, p);
  const std::vector<std::vector<PointId>> orders = {
      {p[1], p[0], p[2], p[3]}, {p[0], p[1], p[3], p[2]}, {p[2], p[3], p[0], p[1]}, {p[3], p[2], p[1], p[0]}};
  for (const auto& o : orders) CHECK(distance_segments(Pred::Cong, o) == base);
  // rconst keeps its segments in place (|pq| = r |uv|), each read by point id.
  const auto r = distance_segments(Pred::RConst, p);
  CHECK(r == std::array<PointId, 4>{PointId(1), PointId(4), PointId(2), PointId(3)});
}

TEST_CASE("a false goal is not proved, whatever the search", "[pipeline]") {
  const Problem problem = parse("a b c = triangle a b c; m = midpoint m a b ? cong m a m c");
  const pipeline::Outcome outcome = run(problem, {});
  CHECK(outcome.status == pipeline::Status::GoalFalse);
  CHECK_FALSE(outcome.proof.has_value());
}

TEST_CASE("every limit leaves a well-defined result: the root node and a reason", "[pipeline][limits]") {
  const Problem problem = parse(kNeedsAux);

  SECTION("no search node allowed") {
    pipeline::Options options;
    options.search.max_nodes = 0;
    const pipeline::Outcome outcome = run(problem, options);
    CHECK(outcome.status == pipeline::Status::NotProved);
    CHECK(outcome.search.stop == engine::StopReason::NodeLimit);
    REQUIRE(outcome.search.solution != nullptr);
    CHECK(outcome.node().aux.empty());
    CHECK(outcome.node().engine != nullptr);
  }
  SECTION("a cancel right after the first saturation") {
    std::atomic<bool> cancel{false};
    pipeline::Options options;
    options.search.on_progress = [&](int depth, std::int64_t) {
      if (depth == 0) cancel.store(true);
    };
    const pipeline::Outcome outcome = run(problem, options, &cancel);
    CHECK(outcome.status == pipeline::Status::NotProved);
    CHECK(outcome.search.stop == engine::StopReason::Cancelled);
    REQUIRE(outcome.search.solution != nullptr);
    CHECK(outcome.node().aux.empty());
  }
  SECTION("a time limit that ends right after the first saturation") {
    pipeline::Options options;
    options.search.on_progress = [](int depth, std::int64_t) {
      if (depth == 0) std::this_thread::sleep_for(std::chrono::milliseconds(60));
    };
    options.search.time_limit_s = 0.05;
    options.search.engine.time_limit_s = 10;
    const pipeline::Outcome outcome = run(problem, options);
    CHECK(outcome.status == pipeline::Status::NotProved);
    CHECK(outcome.search.stop == engine::StopReason::TimeLimit);
    REQUIRE(outcome.search.solution != nullptr);
  }
  SECTION("more threads than the search starts") {
    pipeline::Options options;
    options.search.jobs = 100000;
    options.search.max_nodes = 30;
    const pipeline::Outcome outcome = run(problem, options);
    REQUIRE(outcome.search.solution != nullptr);
    CHECK(outcome.search.nodes <= 30);
  }
}

TEST_CASE("the problem's auxiliary clauses are built first with given_aux, ignored without", "[pipeline]") {
  // AH = 2 OM with the antipode of A given after '|'.
  const std::string text = std::string(kNeedsAux).insert(std::string(kNeedsAux).find(" ?"),
                                                         " | x = on_line x a o, on_circle x o a");
  const Problem problem = parse(text.c_str());
  REQUIRE(problem.clauses.back().auxiliary);
  pipeline::Options options;
  options.search.depth = 0;  // no search: only the given clause can prove it
  options.search.given_aux = true;
  const pipeline::Outcome given = run(problem, options);
  INFO(given.check.message);
  REQUIRE(given.status == pipeline::Status::Proved);
  CHECK(given.node().aux == std::vector<std::string>{"x = on_line x a o, on_circle x o a"});
  CHECK_FALSE(given.proof->auxiliary_clauses.empty());
  CHECK(given.search.nodes == 1);

  options.search.given_aux = false;
  const pipeline::Outcome ignored = run(problem, options);
  CHECK(ignored.status == pipeline::Status::NotProved);
  CHECK(ignored.search.stop == engine::StopReason::Saturated);
  CHECK(ignored.node().aux.empty());
  CHECK(ignored.node().problem.point_count() + 1 == problem.point_count());
}
