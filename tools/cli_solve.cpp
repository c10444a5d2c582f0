// pappus solve: one problem, from a file record or from --text, through the
// pipeline (figure, deduction and search, proof, checker); pappus draw.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

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
#include "pipeline/pipeline.hpp"
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
  if (problem.goals.empty()) {
    fmt::print(log, "no goal: nothing to prove\n");
    return kExitOk;
  }

  auto make_proposer = make_proposer_factory(options, *catalogue);
  if (!make_proposer) return print_error(make_proposer.error()), kExitFailure;
  const std::unique_ptr<search::Proposer> proposer = (*make_proposer)();
  auto outcome = pipeline::solve(problem, *catalogue, *rules, *proposer, pipeline_options(options), interrupt_flag());
  if (!outcome) return print_error(outcome.error()), kExitFailure;
  const Diagram& diagram = outcome->figure;
  fmt::print(log, "diagram (seed {}, {} attempt{}, scale {:.4g}):\n", options.seed, diagram.attempts,
             diagram.attempts == 1 ? "" : "s", diagram.scale);
  for (std::size_t p = 0; p < problem.point_count(); ++p) {
    const std::string& name = problem.point_names[p];
    if (p < diagram.built.size() && diagram.built[p])
      fmt::print(log, "  {:<4} ({:>10.6f}, {:>10.6f})\n", name, diagram.points[p].x(), diagram.points[p].y());
    else
      fmt::print(log, "  {:<4} (auxiliary, not built)\n", name);
  }
  fmt::print(log, "\n");
  for (std::size_t g = 0; g < problem.goals.size(); ++g)
    fmt::print(log, "goal {}: {}\n", to_text(problem, problem.goals[g]),
               diagram.goal_holds[g] ? "holds numerically" : "false in the diagram");
  if (outcome->status == pipeline::Status::GoalFalse) {
    fmt::print(log, "not proving a goal that is false in the diagram\n");
    if (!human && !write_output(options, result_json(*outcome, problem), "result")) return kExitFailure;
    return kExitFailure;
  }

  const search::SearchResult& res = outcome->search;
  const search::Node& node = outcome->node();
  const auto& st = node.engine->stats();
  const bool rejected = outcome->status == pipeline::Status::CheckerRejected;
  fmt::print(log, "\nresult: {} in {:.3f} s", rejected ? "CHECKER REJECTED" : engine::to_string(res.stop),
             outcome->seconds);
  fmt::print(log, " (DDAR: {}; {} facts, {} rule applications, {} + {} algebra rows", engine::to_string(res.ddar_stop),
             st.facts, st.applications, st.angle_rows, st.ratio_rows);
  if (!res.ddar_only) fmt::print(log, "; search: {} nodes, {} candidates rejected", res.nodes, res.rejected);
  fmt::print(log, ")\n");
  for (const std::string& clause : node.aux) fmt::print(log, "auxiliary construction: {}\n", clause);
  if (!outcome->proof) {
    if (!human && !write_output(options, result_json(*outcome, problem), "result")) return kExitFailure;
    return res.stop == engine::StopReason::Cancelled ? kExitInterrupted : kExitFailure;
  }
  if (rejected) {
    fmt::print(log, "checker: REJECTED: {}\n", outcome->check.message);
    fmt::print(log, "The engine's derivation below failed independent checking: the problem is NOT counted as\n"
                    "proved. This is a bug in pappus; please report it with the problem text.\n\n");
  } else {
    fmt::print(log, "checker: every step verified\n\n");
  }

  std::string output;
  if (options.format == "text") output = proof::to_text(*outcome->proof, node.problem, node.diagram);
  else if (options.format == "json") output = result_json(*outcome, problem);
  else output = render_report(*outcome->proof, node.problem, node.diagram);
  if (!write_output(options, output, "proof")) return kExitFailure;
  if (!options.out.empty()) fmt::print(log, "proof written to {}\n", options.out);
  return rejected ? kExitCheckerRejected : kExitOk;
}

pipeline::Options pipeline_options(const CliOptions& options) {
  pipeline::Options p;
  p.diagram.seed = options.seed;
  p.search = search_options(options);
  return p;
}

std::string result_json(const pipeline::Outcome& outcome, const Problem& problem) {
  nlohmann::ordered_json out;
  if (outcome.proof) {
    const search::Node& node = outcome.node();
    out = nlohmann::ordered_json::parse(proof::to_json(*outcome.proof, node.problem, node.diagram));
  } else {
    out["problem"] = {{"name", problem.name}, {"text", to_text(problem)}};
  }
  out["status"] = pipeline::to_string(outcome.status);
  if (outcome.status != pipeline::Status::GoalFalse) {
    out["stop"] = engine::to_string(outcome.search.stop);
    out["auxiliary_constructions"] = outcome.node().aux;
    out["search_nodes"] = outcome.search.nodes;
  }
  out["seconds"] = outcome.seconds;
  if (outcome.proof) out["checker"] = {{"ok", outcome.check.ok}, {"message", outcome.check.message}};
  return out.dump(2) + "\n";
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
