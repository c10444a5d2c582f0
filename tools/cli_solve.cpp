// pappus solve: one problem, from a file record or from --text. Until the
// deduction engine exists it prints the problem, the diagram and whether the
// goal holds numerically, and says plainly that no proof was searched for.
#include <fmt/core.h>

#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cli.hpp"
#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
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

// Prints the facts the goals depend on, in derivation order, each with its
// reason and the numbers of the steps it uses.
void print_derivation(const engine::Engine& eng) {
  using engine::FactId;
  using Kind = engine::Justification::Kind;
  std::vector<char> needed(eng.facts().size(), 0);
  std::vector<FactId> stack = eng.goal_facts();
  while (!stack.empty()) {
    const FactId f = stack.back();
    stack.pop_back();
    if (needed[f.value]) continue;
    needed[f.value] = 1;
    for (FactId p : eng.fact(f).why.premises) stack.push_back(p);
  }
  std::vector<int> number(eng.facts().size(), 0);
  int next = 0;
  for (std::size_t i = 0; i < eng.facts().size(); ++i) {
    if (!needed[i]) continue;
    number[i] = ++next;
    const engine::Fact& f = eng.facts()[i];
    std::string reason;
    switch (f.why.kind) {
      case Kind::Given: reason = fmt::format("given by clause {}", f.why.clause + 1); break;
      case Kind::Rule: reason = eng.rules().at(f.why.rule).title; break;
      case Kind::Algebra: reason = "algebra"; break;
      case Kind::Structure: reason = "same line or circle"; break;
      case Kind::Composite: reason = "definition"; break;
      case Kind::Component: reason = "part of"; break;
    }
    std::string from;
    for (std::size_t k = 0; k < f.why.premises.size(); ++k) {
      from += fmt::format("{}{}", k ? ", " : "", number[f.why.premises[k].value]);
      if (f.why.kind == Kind::Algebra) from += fmt::format(" x {}", f.why.coefficients[k].to_string());
    }
    fmt::print("  {:>3}. {:<32} [{}{}{}]\n", next, eng.fact_text(f), reason, from.empty() ? "" : " from ", from);
  }
}

}  // namespace

int run_solve(const CliOptions& options) {
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  auto selected = select_problem(options, *catalogue);
  if (const int* code = std::get_if<int>(&selected)) return *code;
  const Problem& problem = std::get<Problem>(selected);

  fmt::print("problem{}{}", problem.name.empty() ? "" : " ", problem.name);
  if (options.text.empty()) fmt::print(" ({}:{})", problem.file, problem.line);
  fmt::print("\n  {}\n\n", to_text(problem));

  DiagramOptions diagram_options;
  diagram_options.seed = options.seed;
  auto diagram = build_diagram(problem, *catalogue, diagram_options);
  if (!diagram) return print_error(diagram.error()), kExitFailure;
  fmt::print("diagram (seed {}, {} attempt{}, scale {:.4g}):\n", options.seed, diagram->attempts,
             diagram->attempts == 1 ? "" : "s", diagram->scale);
  for (std::size_t p = 0; p < problem.point_count(); ++p) {
    const std::string& name = problem.point_names[p];
    if (p < diagram->built.size() && diagram->built[p])
      fmt::print("  {:<4} ({:>10.6f}, {:>10.6f})\n", name, diagram->points[p].x(), diagram->points[p].y());
    else
      fmt::print("  {:<4} (auxiliary, not built)\n", name);
  }
  fmt::print("\n");
  if (problem.goals.empty()) fmt::print("no goal: nothing to prove\n");
  for (std::size_t g = 0; g < problem.goals.size(); ++g)
    fmt::print("goal {}: {}\n", to_text(problem, problem.goals[g]),
               diagram->goal_holds[g] ? "holds numerically" : "false in the diagram");
  if (problem.goals.empty()) return kExitOk;
  if (!diagram->all_goals_hold()) {
    fmt::print("not proving a goal that is false in the diagram\n");
    return kExitFailure;
  }
  auto rules = engine::load_default_rules();
  if (!rules) return print_error(rules.error()), kExitFailure;
  engine::EngineOptions engine_options;
  engine_options.time_limit_s = options.time_limit;
  engine::Engine eng(problem, *diagram, *catalogue, *rules, engine_options);
  const engine::StopReason stop = eng.run();
  const auto& st = eng.stats();
  fmt::print("\nresult: {} in {:.3f} s ({} rounds, {} facts, {} rule applications, {} + {} algebra rows)\n",
             engine::to_string(stop), st.seconds, st.rounds, st.facts, st.applications, st.angle_rows, st.ratio_rows);
  if (stop != engine::StopReason::Proved) return kExitFailure;
  fmt::print("derivation:\n");
  print_derivation(eng);
  return kExitOk;
}

}  // namespace pappus::cli
