// The learned proposers plug into the core library's Solver: through the
// public headers only (pappus/neural.hpp, which opens the neural plugin of
// this build), the shipped model's neural, combined and ranked proposers
// solve a problem that deduction alone cannot prove, and the proof passes
// the checker (as ctest cli.solve_neural and cli.solve_ranked do through
// the CLI).
#include "catch_torch.hpp"

#include <string>

#include "pappus/neural.hpp"
#include "pappus/pappus.hpp"
#include "../unit/public_library.hpp"

using namespace pappus;

namespace {

using test::library;

Problem needs_aux() {
  auto records = library().parse_file(PAPPUS_TEST_DATA_DIR "/needs_aux.txt");
  if (!records) FAIL(records.error().to_string());
  REQUIRE(records->size() == 1);
  REQUIRE(records->front().problem.ok());
  return records->front().problem.value();
}

}  // namespace

TEST_CASE("Solver runs the neural and combined proposers to a checked proof", "[neural][api]") {
  const Problem problem = needs_aux();
  Solver solver(library());
  SolveOptions options;
  options.time_limit_s = 60;

  options.depth = 0;
  auto alone = solver.solve(problem, options);
  REQUIRE(alone.ok());
  CHECK(alone->status == SolveStatus::NotProved);  // deduction alone does not prove it
  options.depth = SolveOptions{}.depth;

  for (const bool combined : {false, true}) {
    NeuralProposerOptions neural;
    neural.decode_beam = 32;
    neural.combined = combined;
    auto proposer = load_neural_proposer(library(), neural);
    REQUIRE(proposer.ok());
    CHECK(proposer->name() == (combined ? "combined" : "neural"));
    options.proposer = *proposer;
    auto result = solver.solve(problem, options);
    REQUIRE(result.ok());
    INFO(proposer->name() << ": " << to_string(result->stop));
    REQUIRE(result->status == SolveStatus::Proved);
    REQUIRE(result->proof);
    CHECK(result->proof->checked);
    CHECK_FALSE(result->proof->auxiliary_constructions.empty());
    CHECK(result->stats.auxiliary_points == static_cast<int>(result->proof->auxiliary_constructions.size()));
  }
}

TEST_CASE("Solver runs the ranked proposer to a checked proof", "[neural][api]") {
  // The tangent point problem of the heuristic's tests (tests/data/aux/).
  auto records = library().parse_file(PAPPUS_TEST_DATA_DIR "/aux/tangent_point.txt");
  REQUIRE(records.ok());
  REQUIRE(records->size() == 1);
  REQUIRE(records->front().problem.ok());
  const Problem problem = records->front().problem.value();
  Solver solver(library());
  SolveOptions options;
  options.time_limit_s = 60;
  NeuralProposerOptions neural;
  neural.ranked = true;
  neural.combined = true;  // ranked wins
  auto proposer = load_neural_proposer(library(), neural);
  REQUIRE(proposer.ok());
  CHECK(proposer->name() == "ranked");
  // Inference runs one intra-op thread (the search has its own threads;
  // libtorch's every-core default made decoding an order slower).
  CHECK(torch::get_num_threads() == 1);
  options.proposer = *proposer;
  auto result = solver.solve(problem, options);
  REQUIRE(result.ok());
  INFO(to_string(result->stop));
  REQUIRE(result->status == SolveStatus::Proved);
  REQUIRE(result->proof);
  CHECK(result->proof->checked);
  CHECK_FALSE(result->proof->auxiliary_constructions.empty());
}

TEST_CASE("the neural functions open the plugin of this build", "[neural][api]") {
  auto path = neural_plugin(library());
  INFO((path ? *path : path.error().to_string()));
  REQUIRE(path.ok());
  CHECK(path->ends_with("/libpappus_neural.so"));
}

TEST_CASE("an unreadable model is an error naming it", "[neural][api]") {
  NeuralProposerOptions neural;
  neural.model = "/nonexistent/model.safetensors";
  auto proposer = load_neural_proposer(library(), neural);
  REQUIRE_FALSE(proposer.ok());
  CHECK(proposer.error().to_string().find("/nonexistent/model.safetensors") != std::string::npos);
}
