// Fuzz target: the whole pipeline with tight limits. Any problem that parses
// goes through the diagram builder and the engine; a proof the engine finds
// must pass the independent checker. Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "fuzz_common.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"

namespace pappus::fuzz {
namespace {

void solve(const Problem& problem) {
  bool auxiliary = false;
  for (const Clause& c : problem.clauses) auxiliary = auxiliary || c.auxiliary;
  DiagramOptions diagram_options;
  diagram_options.max_attempts = 3;
  diagram_options.clause_retries = 2;
  diagram_options.include_auxiliary = auxiliary;
  auto diagram = build_diagram(problem, catalogue(), diagram_options);
  if (!diagram) {
    require(!diagram.error().message.empty(), "diagram error without a message");
    return;
  }
  require(diagram->points.size() == problem.point_count() && diagram->built.size() == problem.point_count() &&
              diagram->goal_holds.size() == problem.goals.size(),
          "diagram of the wrong size");
  // As the CLI: a goal false in the figure is not worth proving.
  if (!diagram->all_goals_hold()) return;

  engine::EngineOptions options;
  options.time_limit_s = 0.05;
  options.max_facts = 2000;
  options.max_instances = 20000;
  options.max_points = 20;
  options.include_auxiliary = auxiliary;
  engine::Engine eng(problem, *diagram, catalogue(), rules(), options);
  const engine::StopReason stop = eng.run();
  require(eng.stats().numeric_violations == 0, "the engine derived a fact that is false in the diagram");
  if (stop != engine::StopReason::Proved) return;
  const proof::Proof proof = proof::extract(eng);
  require(!proof.goals.empty(), "a proof without goals");
  const proof::CheckResult checked = proof::check(proof, problem, catalogue(), rules());
  require(checked.ok, "the checker rejects the proof of '" + to_text(problem) + "' at step " +
                          std::to_string(checked.step) + ": " + checked.message);
}

}  // namespace
}  // namespace pappus::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pappus;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.find('\n') == std::string_view::npos) {
    auto problem = parse_problem(text, fuzz::catalogue());
    if (problem) fuzz::solve(*problem);
    return 0;
  }
  int solved = 0;
  for (const ParsedRecord& r : parse_problem_file(text, fuzz::catalogue()))
    if (r.problem && solved++ < 2) fuzz::solve(*r.problem);
  return 0;
}
