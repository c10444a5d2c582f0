// pappus solve: one problem, from a file record or from --text, through the
// library's Solver (figure, deduction and search, proof, checker); pappus draw.
#include <fmt/core.h>

#include <cstddef>
#include <fstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {

std::variant<Problem, int> select_problem(const CliOptions& options, const Library& library,
                                          std::string_view command) {
  if (!options.text.empty()) {
    if (!options.operands.empty()) return usage_error(command, "give either FILE or --text, not both");
    if (!options.problem.empty()) return usage_error(command, "--problem picks a record of a FILE, not of --text");
    auto problem = library.parse(options.text, "", "--text");
    if (!problem) return print_error(problem.error()), kExitFailure;
    return std::move(problem).value();
  }
  if (options.operands.size() != 1)
    return usage_error(command, options.operands.empty() ? std::string(command) + " needs a problem FILE or --text PROBLEM"
                                                         : std::string(command) + " takes one FILE");
  const std::string& path = options.operands[0];
  auto records = library.parse_file(path);
  if (!records) return print_error(records.error()), kExitFailure;
  if (records->empty()) {
    Error empty;
    empty.message = "no problems in the file";
    empty.file = path;
    return print_error(empty), kExitFailure;
  }

  const NamedProblem* chosen = nullptr;
  if (!options.problem.empty()) {
    for (const NamedProblem& r : *records)
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

int run_solve(const CliOptions& options) {
  if (options.format != "text" && options.format != "json" && options.format != "html")
    return usage_error("solve", "--format must be text, json or html, not '" + options.format + "'");
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto selected = select_problem(options, *library, "solve");
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

  auto proposer = load_proposer(options, *library);
  if (!proposer) return print_error(proposer.error()), kExitFailure;
  SolveOptions solve = solve_options(options);
  solve.proposer = std::move(*proposer);
  Solver solver(*library);
  auto result = solver.solve(problem, solve);
  if (!result) return print_error(result.error()), kExitFailure;
  const Figure& figure = result->figure;
  fmt::print(log, "diagram (seed {}, {} attempt{}, scale {:.4g}):\n", options.seed, figure.attempts,
             figure.attempts == 1 ? "" : "s", figure.scale);
  for (const FigurePoint& p : figure.points) {
    if (p.built)
      fmt::print(log, "  {:<4} ({:>10.6f}, {:>10.6f})\n", p.name, p.x, p.y);
    else
      fmt::print(log, "  {:<4} (auxiliary, not built)\n", p.name);
  }
  fmt::print(log, "\n");
  for (std::size_t g = 0; g < problem.goals.size(); ++g)
    fmt::print(log, "goal {}: {}{}\n", to_text(problem, problem.goals[g]),
               figure.goal_holds[g] ? "holds numerically" : "false in the diagram",
               problem.goals[g].numeric_only ? " (a numeric-only predicate: checked on the figure, not proved)" : "");
  if (result->status == SolveStatus::GoalFalse) {
    fmt::print(log, "not proving a goal that is false in the diagram\n");
    if (!human && !write_output(options, to_json(*result, problem), "result")) return kExitFailure;
    return kExitFailure;
  }

  auto print_answers = [&] {
    for (const Answer& a : result->answers)
      fmt::print(log, "answer: {} = {}{}\n", a.query, a.value,
                 a.proved                ? fmt::format(" (proved: {})", a.statement)
                 : a.statement.empty()   ? " (measured on the figure: no exact form found, not proved)"
                                         : fmt::format(" (not proved: {})", a.statement));
  };
  if (result->status == SolveStatus::CheckedNumerically) {
    fmt::print(log, "\nresult: checked numerically in {:.3f} s (numeric-only goals and answers without an exact "
                    "form hold on the figure; they are checked, not proved)\n",
               result->stats.seconds);
    print_answers();
    if (!human && !write_output(options, to_json(*result, problem), "result")) return kExitFailure;
    return kExitOk;
  }

  const SolveStatistics& st = result->stats;
  const bool rejected = result->status == SolveStatus::CheckerRejected;
  fmt::print(log, "\nresult: {} in {:.3f} s", rejected ? "CHECKER REJECTED" : stop_word(result->stop), st.seconds);
  fmt::print(log, " (DDAR: {}; {} facts, {} rule applications, {} + {} algebra rows", stop_word(st.deduction_stop),
             st.facts, st.rule_applications, st.angle_rows, st.ratio_rows);
  if (!st.proved_by_deduction)
    fmt::print(log, "; search: {} nodes by the {} proposer, {} candidates rejected", st.search_nodes, options.proposer,
               st.rejected_candidates);
  fmt::print(log, ")\n");
  print_answers();
  if (!result->proof) {
    if (!human && !write_output(options, to_json(*result, problem), "result")) return kExitFailure;
    return result->stop == StopReason::Cancelled ? kExitInterrupted : kExitFailure;
  }
  const Proof& proof = *result->proof;
  for (const std::string& clause : proof.auxiliary_constructions)
    fmt::print(log, "auxiliary construction: {}\n", clause);
  if (rejected) {
    fmt::print(log, "checker: REJECTED: {}\n", proof.check_message);
    fmt::print(log, "The engine's derivation below failed independent checking: the problem is NOT counted as\n"
                    "proved. This is a bug in pappus; please report it with the problem text.\n\n");
  } else {
    fmt::print(log, "checker: every step verified\n\n");
  }

  std::string output;
  if (options.format == "text") output = proof.text;
  else if (options.format == "json") output = to_json(*result, problem);
  else output = proof.html();
  if (!write_output(options, output, "proof")) return kExitFailure;
  if (!options.out.empty()) fmt::print(log, "proof written to {}\n", options.out);
  return rejected ? kExitCheckerRejected : kExitOk;
}

SolveOptions solve_options(const CliOptions& options) {
  SolveOptions s;
  s.time_limit_s = options.time_limit;
  s.threads = options.jobs;
  s.depth = options.ddar_only ? 0 : options.depth;
  s.beam = options.beam;
  s.given_aux = options.given_aux;
  s.max_facts = static_cast<std::int64_t>(options.max_facts);
  s.max_nodes = static_cast<std::int64_t>(options.max_nodes);
  s.max_memory_mib = static_cast<std::int64_t>(options.max_memory);
  s.seed = options.seed;
  s.cancel = interrupt_flag();
  return s;
}

const char* stop_word(StopReason reason) {
  return reason == StopReason::SearchExhausted ? "saturated" : to_string(reason);
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
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto selected = select_problem(options, *library, "draw");
  if (const int* code = std::get_if<int>(&selected)) return *code;
  auto svg = library->draw(std::get<Problem>(selected), options.seed);
  if (!svg) return print_error(svg.error()), kExitFailure;
  return write_output(options, *svg, "picture") ? kExitOk : kExitFailure;
}

}  // namespace pappus::cli
