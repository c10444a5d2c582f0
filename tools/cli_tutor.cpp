// pappus hint, check-step, explain: the library's tutoring calls
// (pappus/tutor.hpp) on one problem, from a file record or from --text.
#include <fmt/core.h>

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {
namespace {

// Runs a tutoring command: loads the library, picks the problem and builds
// its figure (so that the library's errors after this are about the
// statements the user gave), then returns run(library, problem); or the
// exit code of what failed first.
template <class Run>
int with_problem(const CliOptions& options, std::string_view command, Run&& run) {
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto selected = select_problem(options, *library, command);
  if (const int* code = std::get_if<int>(&selected)) return *code;
  const Problem& problem = std::get<Problem>(selected);
  if (auto figure = library->build_figure(problem, options.seed); !figure)
    return print_error(figure.error()), kExitFailure;
  return run(*library, problem);
}

// A statement the user wrote in `option` that the library refused: the
// error with its column in the option's text; a usage error.
int bad_statement(Error error, std::string_view option) {
  error.file = std::string(option);
  if (error.loc.column > 0) error.loc.line = 1;
  print_error(error);
  return kExitUsage;
}

// "fact; fact" -> the facts, blanks trimmed, empty ones dropped.
std::vector<std::string> split_facts(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    std::string_view part = text.substr(0, end);
    const std::size_t first = part.find_first_not_of(" \t");
    if (first != std::string_view::npos) out.emplace_back(part.substr(first, part.find_last_not_of(" \t") - first + 1));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace

int run_hint(const CliOptions& options) {
  return with_problem(options, "hint", [&](const Library& library, const Problem& problem) {
    if (problem.goals.empty()) return usage_error("hint", "the problem has no goal: write one after '?'");
    Solver solver(library);
    auto hint = solver.hint(problem, split_facts(options.established), solve_options(options));
    if (!hint) return bad_statement(hint.error(), "--established");  // refused or false in the figure
    const int code = hint->kind == Hint::Kind::NoneFound ? kExitFailure : kExitOk;
    if (options.format == "json") return fmt::print("{}\n", to_json(*hint)), code;
    switch (hint->kind) {
      case Hint::Kind::Step:
        fmt::print("next step: {}\n  {}\n  reason: {}{}\n", hint->statement, hint->text, hint->reason,
                   hint->rule.empty() ? "" : fmt::format(" ({})", hint->rule));
        if (!hint->uses.empty()) fmt::print("  from: {}\n", list(hint->uses));
        if (!hint->given_by.empty()) fmt::print("  given by: {}\n", hint->given_by);
        fmt::print("  steps to the goal: {}\n", hint->steps_left);
        break;
      case Hint::Kind::AuxiliaryPoint:
        fmt::print("add an auxiliary point first: {}\n  {}\n  (deduction alone does not reach the goal)\n",
                   hint->construction, hint->text);
        break;
      case Hint::Kind::Done: fmt::print("done: the established facts reach the goal\n"); break;
      case Hint::Kind::NoneFound: fmt::print("no hint: no proof was found within the limits\n"); break;
    }
    return code;
  });
}

int run_check_step(const CliOptions& options) {
  if (options.claim.empty()) return usage_error("check-step", "check-step needs --claim CLAIM");
  return with_problem(options, "check-step", [&](const Library& library, const Problem& problem) {
    Solver solver(library);
    auto check = solver.check_step(problem, options.claim, solve_options(options));
    if (!check) return bad_statement(check.error(), "--claim");
    const int code = check->true_in_figure && check->derivable ? kExitOk : kExitFailure;
    if (options.format == "json") return fmt::print("{}\n", to_json(*check)), code;
    fmt::print("claim: {}\n", check->conclusion);
    for (std::size_t i = 0; i < check->premises.size(); ++i)
      fmt::print("  premise: {}{}\n", check->premises[i], check->premises_true[i] ? "" : " (false in the figure)");
    fmt::print("true in the figure: {}\n", check->true_in_figure ? "yes" : "no");
    if (check->true_in_figure) {
      if (!check->derivable)
        fmt::print("derivable: no ({})\n", stop_word(check->derivation_stop));
      else if (check->steps_needed == 0)
        fmt::print("derivable: given ({})\n", check->given_by);
      else
        fmt::print("derivable: {} step{} (last: {}{})\n", check->steps_needed, check->steps_needed == 1 ? "" : "s",
                   check->step_reason, check->step_uses.empty() ? "" : ", from " + list(check->step_uses));
    }
    if (!check->premises.empty())
      fmt::print("follows in one step from the cited premises: {}\n",
                 check->follows_in_one_step ? fmt::format("yes, {} ({}){}", check->theorem, check->rule,
                                                          check->given.empty() ? "" : "; given: " + list(check->given))
                                            : "no");
    fmt::print("{}\n", check->explanation);
    return code;
  });
}

int run_explain(const CliOptions& options) {
  if (options.fact.empty()) return usage_error("explain", "explain needs --fact FACT");
  return with_problem(options, "explain", [&](const Library& library, const Problem& problem) {
    Solver solver(library);
    auto result = solver.explain(problem, options.fact, solve_options(options));
    if (!result) return bad_statement(result.error(), "--fact");
    const int code = result->status == SolveStatus::Proved           ? kExitOk
                     : result->status == SolveStatus::CheckerRejected ? kExitCheckerRejected
                                                                      : kExitFailure;
    if (options.format == "json") {
      // The document solve --format json writes, for the problem with the fact as its goal.
      Problem bare = problem;
      bare.goals.clear();
      auto target = library.parse(to_text(bare) + " ? " + options.fact, problem.name);
      return fmt::print("{}\n", to_json(*result, target ? *target : problem)), code;
    }
    fmt::print("fact: {}\n", options.fact);
    switch (result->status) {
      case SolveStatus::Proved: {
        // The route a teacher would show (check_step's), then the checked proof.
        auto check = solver.check_step(problem, options.fact, solve_options(options));
        if (check && check->steps_needed == 0) fmt::print("given: {}\n\n", check->given_by);
        if (check && !check->route.empty()) {
          fmt::print("in {} step{}:\n", check->route.size(), check->route.size() == 1 ? "" : "s");
          for (std::size_t i = 0; i < check->route.size(); ++i) fmt::print("  {}. {}\n", i + 1, check->route[i]);
          fmt::print("\n");
        }
        fmt::print("the proof, checked:\n{}", result->proof->text);
        break;
      }
      case SolveStatus::CheckerRejected:
        fmt::print("CHECKER REJECTED (a bug of pappus): {}\n", result->proof ? result->proof->check_message : "");
        break;
      case SolveStatus::GoalFalse: fmt::print("false in the figure: nothing to prove\n"); break;
      default: fmt::print("not proved ({})\n", stop_word(result->stop)); break;
    }
    return code;
  });
}

}  // namespace pappus::cli
