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
#include "proof/html.hpp"
#include "proof/svg.hpp"
#include "proof/text.hpp"
#include "search/search.hpp"
#include "pappus/problem.hpp"
#include "problem/parser.hpp"

namespace pappus::cli {
namespace {

// The problem `solve` works on: from --text, or one record of a file.
// Returns an exit code when it cannot pick one.
std::variant<Problem, int> select_problem(const CliOptions& options, const dsl::Catalogue& catalogue,
                                          std::string_view command) {
  if (!options.text.empty()) {
    if (!options.operands.empty()) return usage_error(command, "give either FILE or --text, not both");
    if (!options.problem.empty()) return usage_error(command, "--problem picks a record of a FILE, not of --text");
    auto problem = parse_problem(options.text, catalogue, ParseOptions{.file = "--text"});
    if (!problem) return print_error(problem.error()), kExitFailure;
    return std::move(problem).value();
  }
  if (options.operands.size() != 1)
    return usage_error(command, options.operands.empty() ? std::string(command) + " needs a problem FILE or --text PROBLEM"
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
    if (!chosen) return unknown_problem(command, *records, options.problem, path);
  } else if (records->size() == 1) {
    chosen = &records->front();
  } else {
    std::string names;
    for (std::size_t i = 0; i < records->size() && i < 5; ++i) names += fmt::format("\n  {}", (*records)[i].name);
    if (records->size() > 5) names += "\n  ...";
    return usage_error(command, fmt::format("{} holds {} problems; pick one with --problem NAME, e.g.:{}", path,
                                            records->size(), names));
  }
  if (!chosen->problem) return print_error(chosen->problem.error()), kExitFailure;
  return chosen->problem.value();
}

// The self-contained HTML report: the figure and the steps, linked.
std::string render_report(const proof::Proof& proof, const Problem& problem, const Diagram& diagram) {
  std::vector<std::string> texts;
  for (const proof::Step& s : proof.steps) texts.push_back(proof::step_text(problem, diagram, proof, s));
  return proof::render_html(problem, diagram, proof, texts);
}

}  // namespace

int run_solve(const CliOptions& options) {
  if (options.format != "text" && options.format != "json" && options.format != "html")
    return usage_error("solve", "--format must be text, json or html, not '" + options.format + "'");
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  auto rules = engine::load_default_rules();
  if (!rules) return print_error(rules.error()), kExitFailure;
  auto selected = select_problem(options, *catalogue, "solve");
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

  auto make_proposer = make_proposer_factory(options, *catalogue);
  if (!make_proposer) return print_error(make_proposer.error()), kExitFailure;
  const std::unique_ptr<search::Proposer> proposer = (*make_proposer)();
  const auto* interrupted = interrupt_flag();
  const search::SearchResult res =
      search::solve(problem, *diagram, *catalogue, *rules, *proposer, search_options(options), interrupted);
  const search::Node& node = *res.solution;
  const engine::Engine& eng = *node.engine;
  const auto& st = eng.stats();
  fmt::print(log, "\nresult: {} in {:.3f} s", engine::to_string(res.stop), res.seconds);
  fmt::print(log, " (DDAR: {}; {} facts, {} rule applications, {} + {} algebra rows", engine::to_string(res.ddar_stop),
             st.facts, st.applications, st.angle_rows, st.ratio_rows);
  if (!res.ddar_only) fmt::print(log, "; search: {} nodes, {} candidates rejected", res.nodes, res.rejected);
  fmt::print(log, ")\n");
  for (const std::string& clause : node.aux) fmt::print(log, "auxiliary construction: {}\n", clause);
  if (!res.proved) return res.stop == engine::StopReason::Cancelled ? kExitInterrupted : kExitFailure;

  const proof::Proof proof = proof::extract(eng);
  const proof::CheckResult checked = proof::check(proof, node.problem, *catalogue, *rules);
  fmt::print(log, "checker: {}\n\n", checked.ok ? "every step verified" : "FAILED: " + checked.message);

  std::string output;
  if (options.format == "text") output = proof::to_text(proof, node.problem, node.diagram);
  else if (options.format == "json") output = proof::to_json(proof, node.problem, node.diagram);
  else output = render_report(proof, node.problem, node.diagram);
  if (!write_output(options, output, "proof")) return kExitFailure;
  if (!options.out.empty()) fmt::print(log, "proof written to {}\n", options.out);
  return checked.ok ? kExitOk : kExitFailure;
}

search::SearchOptions search_options(const CliOptions& options) {
  search::SearchOptions s;
  s.time_limit_s = options.time_limit;
  s.engine.time_limit_s = options.time_limit;
  s.engine.max_facts = static_cast<std::int64_t>(options.max_facts);
  s.engine.max_memory_mib = static_cast<std::int64_t>(options.max_memory);
  s.max_nodes = static_cast<std::int64_t>(options.max_nodes);
  s.depth = options.ddar_only ? 0 : options.depth;
  s.beam = options.beam;
  s.jobs = options.jobs;
  s.seed = options.seed;
  return s;
}

bool write_output(const CliOptions& options, const std::string& text, const char* what) {
  if (options.out.empty()) {
    fmt::print("{}", text);
    return true;
  }
  std::ofstream file(options.out, std::ios::binary);
  if (file << text) return true;
  Error e;
  e.message = std::string("cannot write the ") + what;
  e.file = options.out;
  print_error(e);
  return false;
}

int run_draw(const CliOptions& options) {
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  auto selected = select_problem(options, *catalogue, "draw");
  if (const int* code = std::get_if<int>(&selected)) return *code;
  const Problem& problem = std::get<Problem>(selected);
  DiagramOptions diagram_options;
  diagram_options.seed = options.seed;
  auto diagram = build_diagram(problem, *catalogue, diagram_options);
  if (!diagram) return print_error(diagram.error()), kExitFailure;
  proof::SvgOptions svg;
  svg.catalogue = &*catalogue;
  const std::string out = proof::render_svg(problem, *diagram, nullptr, svg);
  return write_output(options, out, "picture") ? kExitOk : kExitFailure;
}

}  // namespace pappus::cli
