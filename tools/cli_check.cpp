// pappus check: builds the diagram of every problem in a file, checks each
// goal numerically, and reports a table (or JSON) with the failures.
#include <fmt/core.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {
namespace {

// Keeps the end of a long name, where record paths differ.
std::string shorten(std::string_view name, std::size_t width) {
  if (name.size() <= width) return std::string(name);
  return fmt::format("...{}", name.substr(name.size() - (width - 3)));
}

std::string_view display_name(std::string_view name) { return name.empty() ? "(unnamed)" : name; }

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The goals that are false in the figure, in the problem language.
std::string false_goals(const Problem& problem, const Figure& figure) {
  std::string out;
  for (std::size_t g = 0; g < problem.goals.size(); ++g) {
    if (figure.goal_holds[g]) continue;
    if (!out.empty()) out += "; ";
    out += to_text(problem, problem.goals[g]);
  }
  return out;
}

// Indents every line of a possibly multi-line text.
std::string indent(std::string_view text, std::string_view prefix) {
  std::string out(prefix);
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += prefix;
  }
  return out;
}

// The outcome of one record.
struct CheckRow {
  std::string name;
  int line = 0;
  bool parsed = false;
  bool built = false;
  std::optional<bool> goal;  // nullopt: no goal, or not built
  std::size_t points = 0;
  std::size_t steps = 0;     // clauses
  int attempts = 0;
  double ms = 0;
  std::string failure;       // empty when the record passed

  bool failed() const { return !failure.empty(); }
};

CheckRow check_record(const NamedProblem& record, const Library& library, std::uint64_t seed) {
  CheckRow row;
  row.name = record.name;
  row.line = record.line;
  if (!record.problem) {
    row.failure = record.problem.error().to_string();
    return row;
  }
  const Problem& problem = *record.problem;
  row.parsed = true;
  row.points = problem.point_count();
  row.steps = problem.clauses.size();
  auto start = std::chrono::steady_clock::now();
  Expected<Figure> figure = library.build_figure(problem, seed);
  row.ms = 1000 * seconds_since(start);
  if (!figure) {
    row.failure = figure.error().to_string();
    return row;
  }
  row.built = true;
  row.attempts = figure->attempts;
  if (problem.goals.empty()) return row;
  row.goal = figure->all_goals_hold();
  if (!*row.goal)
    row.failure = fmt::format("goal is false in the diagram: {}", false_goals(problem, *figure));
  return row;
}

struct CheckSummary {
  std::size_t problems = 0, parsed = 0, goal_true = 0, no_goal = 0, failed = 0;
  double seconds = 0;
};

void print_json(const std::string& file, std::uint64_t seed, const std::vector<CheckRow>& rows,
                const CheckSummary& sum) {
  nlohmann::ordered_json out;
  out["file"] = file;
  out["seed"] = seed;
  out["problems"] = nlohmann::ordered_json::array();
  for (const CheckRow& r : rows)
    out["problems"].push_back({{"name", r.name},
                               {"line", r.line},
                               {"parsed", r.parsed},
                               {"built", r.built},
                               {"points", r.points},
                               {"steps", r.steps},
                               {"goal_holds", r.goal ? nlohmann::ordered_json(*r.goal) : nullptr},
                               {"attempts", r.attempts},
                               {"ms", r.ms},
                               {"failure", r.failed() ? nlohmann::ordered_json(r.failure) : nullptr}});
  out["summary"] = {{"problems", sum.problems}, {"parsed", sum.parsed},   {"goal_true", sum.goal_true},
                    {"no_goal", sum.no_goal},   {"failed", sum.failed},   {"seconds", sum.seconds}};
  fmt::print("{}\n", out.dump(2));
}

void print_table(const std::vector<CheckRow>& rows, const CheckSummary& sum) {
  constexpr std::size_t kMaxName = 40;
  std::size_t width = 7;  // "problem"
  for (const CheckRow& r : rows) width = std::max(width, std::min(kMaxName, r.name.size()));
  fmt::print("{:<{}}  {:>6}  {:>5}  {:>4}  {:>8}  {:>8}\n", "problem", width, "points", "steps", "goal",
             "attempts", "ms");
  for (const CheckRow& r : rows) {
    std::string goal = r.goal ? (*r.goal ? "yes" : "no") : "-";
    std::string points = r.parsed ? std::to_string(r.points) : "-";
    std::string steps = r.parsed ? std::to_string(r.steps) : "-";
    std::string attempts = r.built ? std::to_string(r.attempts) : "-";
    fmt::print("{:<{}}  {:>6}  {:>5}  {:>4}  {:>8}  {:>8.2f}\n", shorten(display_name(r.name), kMaxName), width, points, steps,
               goal, attempts, r.ms);
  }
  if (sum.failed > 0) {
    fmt::print("\nfailures:\n");
    for (const CheckRow& r : rows)
      if (r.failed()) fmt::print("  {} (line {}):\n{}\n", display_name(r.name), r.line, indent(r.failure, "    "));
  }
  std::string no_goal = sum.no_goal ? fmt::format(", {} built without a goal", sum.no_goal) : "";
  fmt::print("\n{} problem{}: {} parsed, {} built with goal true{}, {} failed; {:.3f} s\n", sum.problems,
             sum.problems == 1 ? "" : "s", sum.parsed, sum.goal_true, no_goal, sum.failed, sum.seconds);
}

}  // namespace

int run_check(const CliOptions& options) {
  if (options.operands.size() != 1)
    return usage_error("check", options.operands.empty() ? "check needs a problem FILE" : "check takes one FILE");
  const std::string& path = options.operands[0];
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto records = library->parse_file(path);
  if (!records) return print_error(records.error()), kExitFailure;
  if (records->empty()) {
    Error empty;
    empty.message = "no problems in the file";
    empty.file = path;
    return print_error(empty), kExitFailure;
  }

  std::vector<const NamedProblem*> selected;
  for (const NamedProblem& r : *records)
    if (options.problem.empty() || r.name == options.problem) selected.push_back(&r);
  if (!options.problem.empty() && selected.empty()) return unknown_problem("check", *records, options.problem, path);

  const bool progress = isatty(STDERR_FILENO);
  auto start = std::chrono::steady_clock::now();
  std::vector<CheckRow> rows;
  CheckSummary sum;
  for (const NamedProblem* record : selected) {
    if (progress)
      fmt::print(stderr, "\r\033[K[{:>4}/{}] {}", rows.size() + 1, selected.size(),
                 shorten(display_name(record->name), 60));
    rows.push_back(check_record(*record, *library, options.seed));
    const CheckRow& r = rows.back();
    sum.parsed += r.parsed;
    sum.goal_true += r.goal.value_or(false);
    sum.no_goal += r.built && !r.goal;
    sum.failed += r.failed();
  }
  if (progress) fmt::print(stderr, "\r\033[K");
  sum.problems = rows.size();
  sum.seconds = seconds_since(start);

  if (options.json || options.format == "json")
    print_json(path, options.seed, rows, sum);
  else
    print_table(rows, sum);
  return sum.failed > static_cast<std::size_t>(options.allow_failures) ? kExitFailure : kExitOk;
}

}  // namespace pappus::cli
