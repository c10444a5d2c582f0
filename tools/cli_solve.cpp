// pappus solve: one problem, from a file record or from --text. Until the
// deduction engine exists it prints the problem, the diagram and whether the
// goal holds numerically, and says plainly that no proof was searched for.
#include <fmt/core.h>

#include <cstddef>
#include <fstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cli.hpp"
#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "proof/text.hpp"
#include "pappus/problem.hpp"
#include "problem/parser.hpp"

namespace pappus::cli {
namespace {

// The problem `solve` works on: from --text, or one record of a file.
// Returns an exit code when it cannot pick one.
std::variant<Problem, int> select_problem(const CliOptions& options, const dsl::Catalogue& catalogue) {
  if (!options.text.empty()) {
    if (!options.operands.empty()) return usage_error("solve", "give either FILE or --text, not both");
    if (!options.problem.empty()) return usage_error("solve", "--problem picks a record of a FILE, not of --text");
    auto problem = parse_problem(options.text, catalogue, ParseOptions{.file = "--text"});
    if (!problem) return print_error(problem.error()), kExitFailure;
    return std::move(problem).value();
  }
  if (options.operands.size() != 1)
    return usage_error("solve", options.operands.empty() ? "solve needs a problem FILE or --text PROBLEM"
                                                         : "solve takes one FILE");
  const std::string& path = options.operands[0];
  auto records = read_problem_file(path, catalogue, ParseOptions{.file = path});
  if (!records) return print_error(records.error()), kExitFailure;
  if (records->empty()) {
    Error empty;
    empty.message = "no problems in the file";
    empty.file = path;
    return print_error(empty), kExitFailure;
  }

  const ParsedRecord* chosen = nullptr;
  if (!options.problem.empty()) {
    for (const ParsedRecord& r : *records)
      if (r.name == options.problem) chosen = &r;
    if (!chosen) return unknown_problem("solve", *records, options.problem, path);
  } else if (records->size() == 1) {
    chosen = &records->front();
  } else {
    std::string names;
    for (std::size_t i = 0; i < records->size() && i < 5; ++i) names += fmt::format("\n  {}", (*records)[i].name);
    if (records->size() > 5) names += "\n  ...";
    return usage_error("solve", fmt::format("{} holds {} problems; pick one with --problem NAME, e.g.:{}", path,
                                            records->size(), names));
  }
  if (!chosen->problem) return print_error(chosen->problem.error()), kExitFailure;
  return chosen->problem.value();
}

// The HTML report, once the renderer lands; until then a minimal page
// holding the text proof.
std::string render_report(const proof::Proof& proof, const Problem& problem, const Diagram& diagram) {
  std::string text = proof::to_text(proof, problem, diagram), escaped;
  for (char c : text) escaped += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
  return "<!doctype html><meta charset=utf-8><title>" + problem.name + "</title><pre>" + escaped + "</pre>\n";
}

}  // namespace

int run_solve(const CliOptions& options) {
  if (options.format != "text" && options.format != "json" && options.format != "html")
    return usage_error("solve", "--format must be text, json or html, not '" + options.format + "'");
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  auto rules = engine::load_default_rules();
  if (!rules) return print_error(rules.error()), kExitFailure;
  auto selected = select_problem(options, *catalogue);
  if (const int* code = std::get_if<int>(&selected)) return *code;
  const Problem& problem = std::get<Problem>(selected);
  // Machine formats go to --out or stdout alone; the human log goes to
  // stdout for text, to stderr otherwise.
  const bool human = options.format == "text";
  std::FILE* log = human ? stdout : stderr;

  fmt::print(log, "problem{}{}", problem.name.empty() ? "" : " ", problem.name);
  if (options.text.empty()) fmt::print(log, " ({}:{})", problem.file, problem.line);
  fmt::print(log, "\n  {}\n\n", to_text(problem));

  DiagramOptions diagram_options;
  diagram_options.seed = options.seed;
  auto diagram = build_diagram(problem, *catalogue, diagram_options);
  if (!diagram) return print_error(diagram.error()), kExitFailure;
  fmt::print(log, "diagram (seed {}, {} attempt{}, scale {:.4g}):\n", options.seed, diagram->attempts,
             diagram->attempts == 1 ? "" : "s", diagram->scale);
  for (std::size_t p = 0; p < problem.point_count(); ++p) {
    const std::string& name = problem.point_names[p];
    if (p < diagram->built.size() && diagram->built[p])
      fmt::print(log, "  {:<4} ({:>10.6f}, {:>10.6f})\n", name, diagram->points[p].x(), diagram->points[p].y());
    else
      fmt::print(log, "  {:<4} (auxiliary, not built)\n", name);
  }
  fmt::print(log, "\n");
  if (problem.goals.empty()) {
    fmt::print(log, "no goal: nothing to prove\n");
    return kExitOk;
  }
  for (std::size_t g = 0; g < problem.goals.size(); ++g)
    fmt::print(log, "goal {}: {}\n", to_text(problem, problem.goals[g]),
               diagram->goal_holds[g] ? "holds numerically" : "false in the diagram");
  if (!diagram->all_goals_hold()) {
    fmt::print(log, "not proving a goal that is false in the diagram\n");
    return kExitFailure;
  }

  engine::EngineOptions engine_options;
  engine_options.time_limit_s = options.time_limit;
  engine::Engine eng(problem, *diagram, *catalogue, *rules, engine_options);
  const engine::StopReason stop = eng.run();
  const auto& st = eng.stats();
  fmt::print(log, "\nresult: {} in {:.3f} s ({} rounds, {} facts, {} rule applications, {} + {} algebra rows)\n",
             engine::to_string(stop), st.seconds, st.rounds, st.facts, st.applications, st.angle_rows, st.ratio_rows);
  if (stop != engine::StopReason::Proved) return kExitFailure;

  const proof::Proof proof = proof::extract(eng);
  const proof::CheckResult checked = proof::check(proof, problem, *catalogue, *rules);
  fmt::print(log, "checker: {}\n\n", checked.ok ? "every step verified" : "FAILED: " + checked.message);

  std::string output;
  if (options.format == "text") output = proof::to_text(proof, problem, *diagram);
  else if (options.format == "json") output = proof::to_json(proof, problem, *diagram);
  else output = render_report(proof, problem, *diagram);
  if (options.out.empty()) {
    fmt::print("{}", output);
  } else {
    std::ofstream file(options.out, std::ios::binary);
    if (!(file << output)) {
      Error e;
      e.message = "cannot write the proof";
      e.file = options.out;
      return print_error(e), kExitFailure;
    }
    fmt::print(log, "proof written to {}\n", options.out);
  }
  return checked.ok ? kExitOk : kExitFailure;
}

}  // namespace pappus::cli
