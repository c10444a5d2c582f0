// One set of defaults: the public SolveOptions and GenerateOptions, the
// pipeline, search, engine and figure options inside, and what the facade
// hands the pipeline all agree with pappus/defaults.hpp. (The command line
// takes its defaults from there when compiled; ctest cli.defaults checks
// what its --help shows.)
#include <catch2/catch.hpp>

#include "api/internal.hpp"
#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "generate/generate.hpp"
#include "pappus/defaults.hpp"
#include "pappus/generate.hpp"
#include "pappus/solver.hpp"
#include "pipeline/pipeline.hpp"
#include "search/search.hpp"

using namespace pappus;

namespace {

void check_engine(const engine::EngineOptions& e) {
  CHECK(e.time_limit_s == defaults::time_limit_s);
  CHECK(e.max_facts == defaults::max_facts);
  CHECK(e.max_memory_mib == defaults::max_memory_mib);
}

void check_search(const search::SearchOptions& s) {
  CHECK(s.time_limit_s == defaults::time_limit_s);
  CHECK(s.depth == defaults::depth);
  CHECK(s.beam == defaults::beam);
  CHECK(s.jobs == defaults::threads);
  CHECK(s.max_nodes == defaults::max_nodes);
  CHECK(s.seed == defaults::seed);
  check_engine(s.engine);
}

}  // namespace

TEST_CASE("the library's options default to pappus/defaults.hpp", "[defaults]") {
  const SolveOptions solve;
  CHECK(solve.time_limit_s == defaults::time_limit_s);
  CHECK(solve.max_facts == defaults::max_facts);
  CHECK(solve.max_nodes == defaults::max_nodes);
  CHECK(solve.max_memory_mib == defaults::max_memory_mib);
  CHECK(solve.depth == defaults::depth);
  CHECK(solve.beam == defaults::beam);
  CHECK(solve.threads == defaults::threads);
  CHECK(solve.seed == defaults::seed);
  CHECK(solve.proposer.name() == defaults::proposer);

  const GenerateOptions generate;
  CHECK(generate.seed == defaults::seed);
  CHECK(generate.time_limit_s == defaults::time_limit_s);
  CHECK(generate.max_facts == defaults::max_facts);
  CHECK(generate.max_memory_mib == defaults::max_memory_mib);
}

TEST_CASE("the internal options default to the same values", "[defaults]") {
  check_engine(engine::EngineOptions{});
  check_search(search::SearchOptions{});
  CHECK(search::kMaxJobs == defaults::max_threads);
  const pipeline::Options pipeline;
  check_search(pipeline.search);
  CHECK(pipeline.diagram.seed == defaults::seed);
  CHECK(DiagramOptions{}.seed == defaults::seed);
  check_engine(generate::GenerateOptions{}.engine());
}

TEST_CASE("the facade hands the pipeline the defaults unchanged", "[defaults]") {
  const pipeline::Options po = api::pipeline_options(SolveOptions{});
  check_search(po.search);
  CHECK(po.diagram.seed == defaults::seed);

  const generate::GenerateOptions internal;
  const generate::GenerateOptions mapped = api::generate_options(GenerateOptions{});
  check_engine(mapped.engine());
  CHECK(mapped.seed == internal.seed);
  CHECK(mapped.threads == internal.threads);
  CHECK(mapped.min_points == internal.min_points);
  CHECK(mapped.max_points == internal.max_points);
  CHECK(mapped.min_proof_steps == internal.min_proof_steps);
  CHECK(mapped.max_candidates == internal.max_candidates);
  CHECK(mapped.aux_tries == internal.aux_tries);
  CHECK(mapped.aux_ratio == internal.aux_ratio);
}
