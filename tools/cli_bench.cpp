// pappus bench: the engine on every problem of a file, as a table with a
// summary. Problems run on --jobs threads; output order is the file's.
#include <fmt/core.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <system_error>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {
namespace {

struct Row {
  std::string name;
  std::string status;  // proved, checker rejected, saturated, time limit, ..., or an error kind
  bool proved = false;    // proved and the proof passed the independent checker
  bool rejected = false;  // the engine claimed a proof the checker rejected (never counted as proved)
  bool limit = false;     // stopped by a limit rather than proved or saturated
  double seconds = 0;
  int rounds = 0;
  std::int64_t facts = 0, applications = 0, instances = 0, rejections = 0, violations = 0, ar_rows = 0;
  int proof_steps = 0;     // steps of the extracted proof, when the engine proved the goal
  int aux = 0;             // auxiliary points the proof needed
  std::int64_t nodes = 0;  // search nodes saturated
  std::string check_message;  // why the checker rejected the proof
};

Row solve_one(const NamedProblem& record, Solver& solver, const SolveOptions& options) {
  Row row;
  row.name = record.name;
  if (!record.problem) {
    row.status = "parse error";
    return row;
  }
  auto result = solver.solve(*record.problem, options);
  if (!result) {
    row.status = "build error";
    return row;
  }
  // Proof extraction and checking are not part of the solving time.
  const SolveStatistics& st = result->stats;
  row.seconds = st.seconds;
  if (result->status == SolveStatus::GoalFalse) {
    row.status = "goal false";
    return row;
  }
  const StopReason stop = result->stop;
  row.rejected = result->status == SolveStatus::CheckerRejected;
  row.status = row.rejected ? "rejected" : stop_word(stop);
  row.proved = result->status == SolveStatus::Proved;
  row.limit = stop != StopReason::Proved && stop != StopReason::Saturated && stop != StopReason::SearchExhausted &&
              stop != StopReason::Cancelled;
  row.aux = st.auxiliary_points;
  row.nodes = st.search_nodes;
  row.rounds = st.rounds;
  row.facts = st.facts;
  row.applications = st.rule_applications;
  row.instances = st.instances;
  row.rejections = st.numeric_rejections;
  row.violations = st.numeric_violations;
  row.ar_rows = st.angle_rows + st.ratio_rows;
  row.proof_steps = st.proof_steps;
  if (row.rejected) row.check_message = result->proof->check_message;
  return row;
}

std::string shorten(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : "..." + s.substr(s.size() - (width - 3));
}

}  // namespace

int run_bench(const CliOptions& options) {
  if (options.operands.size() != 1) return usage_error("bench", "bench needs one problem FILE");
  const std::string& path = options.operands[0];
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto records = library->parse_file(path);
  if (!records) return print_error(records.error()), kExitFailure;
  std::vector<const NamedProblem*> work;
  for (const NamedProblem& r : *records)
    if (options.problem.empty() || r.name == options.problem) work.push_back(&r);
  if (work.empty()) {
    if (!options.problem.empty()) return unknown_problem("bench", *records, options.problem, path);
    Error empty;
    empty.message = "no problems in the file";
    empty.file = path;
    return print_error(empty), kExitFailure;
  }

  auto proposer = load_proposer(options, *library);
  if (!proposer) return print_error(proposer.error()), kExitFailure;
  SolveOptions solve = solve_options(options);
  solve.proposer = std::move(*proposer);
  solve.threads = 1;  // bench spreads --jobs over problems instead
  std::vector<Row> rows(work.size());
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex progress;
  const bool tty = isatty(fileno(stderr));
  const auto t0 = std::chrono::steady_clock::now();
  const auto* interrupted = interrupt_flag();
  for (std::size_t i = 0; i < work.size(); ++i) rows[i].name = work[i]->name, rows[i].status = "not run";
  auto worker = [&] {
    Solver solver(*library);
    for (std::size_t i; !interrupted->load() && (i = next.fetch_add(1)) < work.size();) {
      rows[i] = solve_one(*work[i], solver, solve);
      const std::size_t done = ++finished;
      if (tty) {
        std::lock_guard lock(progress);
        const int width = 30, filled = static_cast<int>(width * done / work.size());
        fmt::print(stderr, "\r[{}{}] {}/{} {:<40}", std::string(filled, '#'), std::string(width - filled, '.'), done,
                   work.size(), shorten(rows[i].name, 40));
      }
    }
  };
  // --jobs threads in all, this one included (never more than problems).
  const int jobs = static_cast<int>(std::min<std::size_t>(std::clamp(options.jobs, 1, defaults::max_threads), work.size()));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // the system gives fewer threads: the problems run on those started
    }
  }
  worker();
  for (auto& t : threads) t.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (tty) fmt::print(stderr, "\r{:<80}\r", "");

  int proved = 0, claimed = 0, limits = 0, with_aux = 0;
  double total = 0, slowest = 0;
  std::int64_t facts = 0, rejections = 0, violations = 0;
  std::vector<double> proved_times;
  std::vector<int> steps;
  for (const Row& r : rows) {
    total += r.seconds;
    slowest = std::max(slowest, r.seconds);
    facts += r.facts;
    rejections += r.rejections;
    violations += r.violations;
    if (r.limit) ++limits;
    if (r.proved || r.rejected) ++claimed, steps.push_back(r.proof_steps);
    if (r.proved) ++proved, proved_times.push_back(r.seconds), with_aux += r.aux > 0 ? 1 : 0;
  }
  std::sort(proved_times.begin(), proved_times.end());
  std::sort(steps.begin(), steps.end());
  const double median = proved_times.empty() ? 0 : proved_times[proved_times.size() / 2];
  std::size_t complete = 0;
  for (const Row& r : rows) complete += r.status != "not run" && r.status != "cancelled" ? 1 : 0;

  if (options.format == "json") {
    nlohmann::ordered_json out;
    out["file"] = path;
    out["seed"] = options.seed;
    out["problems"] = nlohmann::ordered_json::array();
    for (const Row& r : rows) {
      nlohmann::ordered_json row = {{"name", r.name},         {"status", r.status},   {"proved", r.proved},
                                    {"seconds", r.seconds},   {"rounds", r.rounds},   {"facts", r.facts},
                                    {"rule_applications", r.applications},            {"ar_rows", r.ar_rows},
                                    {"instances", r.instances},                       {"numeric_rejections", r.rejections},
                                    {"aux", r.aux},           {"nodes", r.nodes},     {"proof_steps", r.proof_steps}};
      if (r.rejected) row["checker"] = r.check_message;
      out["problems"].push_back(std::move(row));
    }
    out["summary"] = {{"problems", rows.size()},        {"finished", complete},
                      {"proved", proved},               {"proved_by_ddar", proved - with_aux},
                      {"proved_with_aux", with_aux},    {"checker_rejected", claimed - proved},
                      {"limits", limits},               {"seconds", total},
                      {"wall_seconds", wall},           {"jobs", options.jobs},
                      {"median_proved_seconds", median}, {"facts", facts},
                      {"numeric_violations", violations}, {"interrupted", interrupted->load()}};
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print("{:<44} {:<11} {:>8} {:>6} {:>7} {:>7} {:>6} {:>4} {:>6}\n", "problem", "status", "seconds", "rounds",
               "facts", "rules", "AR", "aux", "nodes");
    for (const Row& r : rows)
      fmt::print("{:<44} {:<11} {:>8.3f} {:>6} {:>7} {:>7} {:>6} {:>4} {:>6}\n", shorten(r.name, 44), r.status,
                 r.seconds, r.rounds, r.facts, r.applications, r.ar_rows, r.aux, r.nodes);
    if (interrupted->load())
      fmt::print("\ninterrupted: {} of {} problems finished; the others count as not proved\n", complete, rows.size());
    fmt::print("\nproved {}/{} ({:.1f}%): {} by DDAR alone, {} with auxiliary points; {} hit a limit\n", proved,
               rows.size(), 100.0 * proved / rows.size(), proved - with_aux, with_aux, limits);
    fmt::print("time: {:.2f} s summed over problems, {:.2f} s wall on {} job{}; median proved {:.4f} s; slowest {:.3f} s\n",
               total, wall, options.jobs, options.jobs == 1 ? "" : "s", median, slowest);
    fmt::print("facts: {} ({:.0f} facts/s); numeric rejections {}; numeric violations {}\n", facts,
               total > 0 ? facts / total : 0.0, rejections, violations);
    if (!steps.empty())
      fmt::print("proofs: {}/{} pass the checker; steps median {}, max {}\n", proved, claimed, steps[steps.size() / 2],
                 steps.back());
    if (claimed > proved) {
      fmt::print("CHECKER REJECTED {} engine proof{} (a bug; not counted as proved):\n", claimed - proved,
                 claimed - proved == 1 ? "" : "s");
      for (const Row& r : rows)
        if (r.rejected) fmt::print("  {}: {}\n", r.name, r.check_message);
    }
  }

  if (!options.csv.empty()) {
    std::ofstream out(options.csv);
    if (!out) {
      Error e;
      e.message = "cannot write the CSV file";
      e.file = options.csv;
      return print_error(e), kExitFailure;
    }
    out << "problem,status,seconds,rounds,facts,rule_applications,ar_rows,instances,numeric_rejections,proof_steps,"
           "checked\n";
    for (const Row& r : rows)
      out << '"' << r.name << "\"," << r.status << ',' << r.seconds << ',' << r.rounds << ',' << r.facts << ','
          << r.applications << ',' << r.ar_rows << ',' << r.instances << ',' << r.rejections << ',' << r.proof_steps
          << ',' << (r.proved ? 1 : 0) << '\n';
  }
  if (interrupted->load()) return kExitInterrupted;
  return claimed > proved ? kExitCheckerRejected : kExitOk;
}

}  // namespace pappus::cli
