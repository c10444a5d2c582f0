// pappus bench: the engine on every problem of a file, as a table with a
// summary. Problems run on --jobs threads; output order is the file's.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"
#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "search/search.hpp"

namespace pappus::cli {
namespace {

struct Row {
  std::string name;
  std::string status;  // proved, saturated, time limit, ..., or an error kind
  bool proved = false;
  bool limit = false;  // stopped by a limit rather than proved or saturated
  double seconds = 0;
  int rounds = 0;
  std::int64_t facts = 0, applications = 0, instances = 0, rejections = 0, violations = 0;
  std::size_t ar_rows = 0;
  int proof_steps = 0;     // steps of the extracted proof, when proved
  int aux = 0;             // auxiliary points the proof needed
  std::int64_t nodes = 0;  // search nodes saturated
  bool checked = false;    // the proof passed the independent checker
};

Row solve_one(const ParsedRecord& record, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
              const CliOptions& options, search::Proposer& proposer, const std::atomic<bool>* cancel) {
  Row row;
  row.name = record.name;
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  if (!record.problem) {
    row.status = "parse error";
    return row;
  }
  DiagramOptions dopt;
  dopt.seed = options.seed;
  auto diagram = build_diagram(*record.problem, catalogue, dopt);
  if (!diagram) {
    row.status = "build error";
    row.seconds = elapsed();
    return row;
  }
  if (!diagram->all_goals_hold()) {
    row.status = "goal false";
    row.seconds = elapsed();
    return row;
  }
  search::SearchOptions sopt = search_options(options);
  sopt.jobs = 1;  // bench spreads --jobs over problems instead
  search::SearchResult res = search::solve(*record.problem, *diagram, catalogue, rules, proposer, sopt, cancel);
  const engine::Engine& eng = *res.solution->engine;
  const auto& st = eng.stats();
  const engine::StopReason stop = res.stop;
  row.status = engine::to_string(stop);
  row.proved = res.proved;
  row.limit = stop != engine::StopReason::Proved && stop != engine::StopReason::Saturated &&
              stop != engine::StopReason::Cancelled;
  row.aux = static_cast<int>(res.solution->aux.size());
  row.nodes = res.nodes;
  row.seconds = elapsed();
  row.rounds = st.rounds;
  row.facts = st.facts;
  row.applications = st.applications;
  row.instances = st.instances;
  row.rejections = st.numeric_rejections;
  row.violations = st.numeric_violations;
  row.ar_rows = st.angle_rows + st.ratio_rows;
  // Proof extraction and checking are not part of the solving time.
  if (row.proved) {
    const proof::Proof pr = proof::extract(eng);
    row.proof_steps = static_cast<int>(pr.steps.size());
    row.checked = proof::check(pr, res.solution->problem, catalogue, rules).ok;
  }
  return row;
}

std::string shorten(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : "..." + s.substr(s.size() - (width - 3));
}

}  // namespace

int run_bench(const CliOptions& options) {
  if (options.operands.size() != 1) return usage_error("bench", "bench needs one problem FILE");
  const std::string& path = options.operands[0];
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  auto rules = engine::load_default_rules();
  if (!rules) return print_error(rules.error()), kExitFailure;
  auto records = read_problem_file(path, *catalogue, ParseOptions{.file = path});
  if (!records) return print_error(records.error()), kExitFailure;
  std::vector<const ParsedRecord*> work;
  for (const ParsedRecord& r : *records)
    if (options.problem.empty() || r.name == options.problem) work.push_back(&r);
  if (work.empty()) {
    if (!options.problem.empty()) return unknown_problem("bench", *records, options.problem, path);
    Error empty;
    empty.message = "no problems in the file";
    empty.file = path;
    return print_error(empty), kExitFailure;
  }

  auto make_proposer = make_proposer_factory(options, *catalogue);
  if (!make_proposer) return print_error(make_proposer.error()), kExitFailure;
  std::vector<Row> rows(work.size());
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex progress;
  const bool tty = isatty(fileno(stderr));
  const auto t0 = std::chrono::steady_clock::now();
  const auto* interrupted = interrupt_flag();
  for (std::size_t i = 0; i < work.size(); ++i) rows[i].name = work[i]->name, rows[i].status = "not run";
  auto worker = [&] {
    const std::unique_ptr<search::Proposer> proposer = (*make_proposer)();
    for (std::size_t i; !interrupted->load() && (i = next.fetch_add(1)) < work.size();) {
      rows[i] = solve_one(*work[i], *catalogue, *rules, options, *proposer, interrupted);
      const std::size_t done = ++finished;
      if (tty) {
        std::lock_guard lock(progress);
        const int width = 30, filled = static_cast<int>(width * done / work.size());
        fmt::print(stderr, "\r[{}{}] {}/{} {:<40}", std::string(filled, '#'), std::string(width - filled, '.'), done,
                   work.size(), shorten(rows[i].name, 40));
      }
    }
  };
  std::vector<std::thread> threads;
  for (int j = 0; j < std::max(1, options.jobs); ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (tty) fmt::print(stderr, "\r{:<80}\r", "");

  fmt::print("{:<44} {:<11} {:>8} {:>6} {:>7} {:>7} {:>6} {:>4} {:>6}\n", "problem", "status", "seconds", "rounds",
             "facts", "rules", "AR", "aux", "nodes");
  for (const Row& r : rows)
    fmt::print("{:<44} {:<11} {:>8.3f} {:>6} {:>7} {:>7} {:>6} {:>4} {:>6}\n", shorten(r.name, 44), r.status, r.seconds,
               r.rounds, r.facts, r.applications, r.ar_rows, r.aux, r.nodes);

  int proved = 0, limits = 0;
  double total = 0, slowest = 0;
  std::int64_t facts = 0, rejections = 0, violations = 0;
  std::vector<double> proved_times;
  for (const Row& r : rows) {
    total += r.seconds;
    slowest = std::max(slowest, r.seconds);
    facts += r.facts;
    rejections += r.rejections;
    violations += r.violations;
    if (r.limit) ++limits;
    if (r.proved) ++proved, proved_times.push_back(r.seconds);
  }
  std::sort(proved_times.begin(), proved_times.end());
  std::vector<int> steps;
  int checked = 0;
  for (const Row& r : rows)
    if (r.proved) steps.push_back(r.proof_steps), checked += r.checked ? 1 : 0;
  std::sort(steps.begin(), steps.end());
  const double median = proved_times.empty() ? 0 : proved_times[proved_times.size() / 2];
  int with_aux = 0;
  for (const Row& r : rows) with_aux += r.proved && r.aux > 0 ? 1 : 0;
  if (interrupted->load()) {
    std::size_t complete = 0;
    for (const Row& r : rows) complete += r.status != "not run" && r.status != "cancelled" ? 1 : 0;
    fmt::print("\ninterrupted: {} of {} problems finished; the others count as not proved\n", complete, rows.size());
  }
  fmt::print("\nproved {}/{} ({:.1f}%): {} by DDAR alone, {} with auxiliary points; {} hit a limit\n", proved,
             rows.size(), 100.0 * proved / rows.size(), proved - with_aux, with_aux, limits);
  fmt::print("time: {:.2f} s summed over problems, {:.2f} s wall on {} job{}; median proved {:.4f} s; slowest {:.3f} s\n",
             total, wall, options.jobs, options.jobs == 1 ? "" : "s", median, slowest);
  fmt::print("facts: {} ({:.0f} facts/s); numeric rejections {}; numeric violations {}\n", facts,
             total > 0 ? facts / total : 0.0, rejections, violations);
  if (!steps.empty())
    fmt::print("proofs: {}/{} pass the checker; steps median {}, max {}\n", checked, proved, steps[steps.size() / 2],
               steps.back());

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
          << ',' << (r.checked ? 1 : 0) << '\n';
  }
  return interrupted->load() ? kExitInterrupted : kExitOk;
}

}  // namespace pappus::cli
