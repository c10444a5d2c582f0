// pappus bench: the engine on every problem of a file, as a table with a
// summary. Problems run on --jobs threads; output order is the file's.
// --shard K/N runs the problems whose index is K modulo N; --merge OUT
// joins the JSON documents of the shards into the report of one run.
#include <fmt/core.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {
namespace {

using Json = nlohmann::ordered_json;

// One problem's outcome: what the table, the JSON and the CSV show.
struct Row {
  std::string name;
  std::size_t index = 0;   // place in the problem file (shards merge by it)
  std::string status;      // proved, rejected, saturated, time limit, ..., or an error kind; "not run"
  bool proved = false;     // proved and the proof passed the independent checker
  bool rejected = false;   // the engine claimed a proof the checker rejected (never counted as proved)
  bool limit = false;      // stopped by a limit rather than proved or saturated
  double seconds = 0;
  int rounds = 0;
  std::int64_t facts = 0, applications = 0, instances = 0, rejections = 0, violations = 0, ar_rows = 0;
  int proof_steps = 0;     // steps of the extracted proof, when the engine proved the goal
  int aux = 0;             // auxiliary points the proof needed (the solution's depth)
  std::int64_t nodes = 0;  // search nodes saturated
  std::int64_t candidates = 0;  // candidates the proposer built
  std::int64_t tried = 0;       // candidates the search took from its queue
  std::vector<std::pair<std::string, std::int64_t>> dropped;  // candidates rejected, by reason
  int search_depth = 0;         // deepest search node
  double first_proof = -1;      // seconds to the first proof (-1: none)
  std::string check_message;    // why the checker rejected the proof

  std::int64_t dropped_total() const {
    std::int64_t n = 0;
    for (const auto& [reason, count] : dropped) n += count;
    return n;
  }
  double nodes_per_second() const { return seconds > 0 ? static_cast<double>(nodes) / seconds : 0; }
};

// What the summary needs beyond the rows.
struct Run {
  std::string file;
  std::uint64_t seed = 0;
  double wall = 0;  // seconds (of the longest shard, for a merge)
  int jobs = 1;     // threads (summed over the shards, for a merge)
  bool interrupted = false;
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
  if (result->status == SolveStatus::GoalFalse || result->status == SolveStatus::CheckedNumerically) {
    row.status = result->status == SolveStatus::GoalFalse ? "goal false" : "checked";
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
  row.candidates = st.candidates_generated;
  row.tried = st.candidates_tried;
  row.dropped = st.candidates_rejected;
  row.search_depth = st.search_depth;
  row.first_proof = st.first_proof_seconds;
  if (row.rejected) row.check_message = result->proof->check_message;
  return row;
}

Json to_json(const Row& r) {
  Json dropped = Json::object();
  for (const auto& [reason, n] : r.dropped) dropped[reason] = n;
  Json row = {{"name", r.name},
              {"index", r.index},
              {"status", r.status},
              {"proved", r.proved},
              {"limit", r.limit},
              {"seconds", r.seconds},
              {"rounds", r.rounds},
              {"facts", r.facts},
              {"rule_applications", r.applications},
              {"ar_rows", r.ar_rows},
              {"instances", r.instances},
              {"numeric_rejections", r.rejections},
              {"numeric_violations", r.violations},
              {"aux", r.aux},
              {"nodes", r.nodes},
              {"proof_steps", r.proof_steps},
              {"candidates_generated", r.candidates},
              {"candidates_tried", r.tried},
              {"candidates_rejected", std::move(dropped)},
              {"search_depth", r.search_depth},
              {"first_proof_seconds", r.first_proof},
              {"nodes_per_second", r.nodes_per_second()}};
  if (r.rejected) row["checker"] = r.check_message;
  return row;
}

// A row of a shard's JSON document; throws nlohmann's exceptions when a
// field is missing or of another type.
Row row_from_json(const Json& j) {
  Row r;
  j.at("name").get_to(r.name);
  j.at("index").get_to(r.index);
  j.at("status").get_to(r.status);
  j.at("proved").get_to(r.proved);
  j.at("limit").get_to(r.limit);
  j.at("seconds").get_to(r.seconds);
  j.at("rounds").get_to(r.rounds);
  j.at("facts").get_to(r.facts);
  j.at("rule_applications").get_to(r.applications);
  j.at("ar_rows").get_to(r.ar_rows);
  j.at("instances").get_to(r.instances);
  j.at("numeric_rejections").get_to(r.rejections);
  j.at("numeric_violations").get_to(r.violations);
  j.at("aux").get_to(r.aux);
  j.at("nodes").get_to(r.nodes);
  j.at("proof_steps").get_to(r.proof_steps);
  j.at("candidates_generated").get_to(r.candidates);
  j.at("candidates_tried").get_to(r.tried);
  for (const auto& [reason, n] : j.at("candidates_rejected").items()) r.dropped.emplace_back(reason, n.get<std::int64_t>());
  j.at("search_depth").get_to(r.search_depth);
  j.at("first_proof_seconds").get_to(r.first_proof);
  r.rejected = r.status == "rejected";
  if (r.rejected) j.at("checker").get_to(r.check_message);
  return r;
}

std::string shorten(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : "..." + s.substr(s.size() - (width - 3));
}

// The summary's sums over the rows.
struct Totals {
  int proved = 0, claimed = 0, limits = 0, with_aux = 0;
  int checked = 0;            // numeric-only goals that held on the figure (never proved)
  double total = 0, slowest = 0, median = 0;
  std::int64_t facts = 0, rejections = 0, violations = 0, nodes = 0, candidates = 0, tried = 0;
  std::int64_t instances = 0, applications = 0, ar_rows = 0;
  double search_seconds = 0;  // of the rows that searched
  std::map<std::string, std::int64_t> dropped;
  std::vector<int> steps;     // of the claimed proofs, sorted
  std::size_t complete = 0;   // rows that ran to an end

  explicit Totals(const std::vector<Row>& rows) {
    std::vector<double> proved_times;
    for (const Row& r : rows) {
      total += r.seconds;
      slowest = std::max(slowest, r.seconds);
      facts += r.facts, rejections += r.rejections, violations += r.violations;
      instances += r.instances, applications += r.applications, ar_rows += r.ar_rows;
      nodes += r.nodes, candidates += r.candidates, tried += r.tried;
      if (r.nodes > 0) search_seconds += r.seconds;
      for (const auto& [reason, n] : r.dropped) dropped[reason] += n;
      if (r.limit) ++limits;
      if (r.status == "checked") ++checked;
      if (r.proved || r.rejected) ++claimed, steps.push_back(r.proof_steps);
      if (r.proved) ++proved, proved_times.push_back(r.seconds), with_aux += r.aux > 0 ? 1 : 0;
      complete += r.status != "not run" && r.status != "cancelled" ? 1 : 0;
    }
    std::sort(proved_times.begin(), proved_times.end());
    std::sort(steps.begin(), steps.end());
    median = proved_times.empty() ? 0 : proved_times[proved_times.size() / 2];
  }
};

Json summary_json(const std::vector<Row>& rows, const Run& run, const Totals& t) {
  Json dropped = Json::object();
  for (const auto& [reason, n] : t.dropped) dropped[reason] = n;
  return {{"problems", rows.size()},
          {"finished", t.complete},
          {"proved", t.proved},
          {"proved_by_ddar", t.proved - t.with_aux},
          {"proved_with_aux", t.with_aux},
          {"checker_rejected", t.claimed - t.proved},
          {"limits", t.limits},
          {"checked_numerically", t.checked},
          {"seconds", t.total},
          {"wall_seconds", run.wall},
          {"jobs", run.jobs},
          {"median_proved_seconds", t.median},
          {"facts", t.facts},
          {"rule_instances", t.instances},
          {"rule_applications", t.applications},
          {"algebra_rows", t.ar_rows},
          {"numeric_violations", t.violations},
          {"search_nodes", t.nodes},
          {"nodes_per_second", t.search_seconds > 0 ? static_cast<double>(t.nodes) / t.search_seconds : 0.0},
          {"candidates_generated", t.candidates},
          {"candidates_tried", t.tried},
          {"candidates_rejected", std::move(dropped)},
          {"interrupted", run.interrupted}};
}

Json bench_json(const std::vector<Row>& rows, const Run& run) {
  Json out;
  out["file"] = run.file;
  out["seed"] = run.seed;
  out["problems"] = Json::array();
  for (const Row& r : rows) out["problems"].push_back(to_json(r));
  out["summary"] = summary_json(rows, run, Totals(rows));
  return out;
}

void print_table(const std::vector<Row>& rows, const Run& run) {
  const Totals t(rows);
  fmt::print("{:<44} {:<11} {:>8} {:>6} {:>7} {:>7} {:>6} {:>4} {:>6} {:>8} {:>7} {:>6} {:>5}\n", "problem", "status",
             "seconds", "rounds", "facts", "rules", "AR", "aux", "nodes", "cands", "dropped", "node/s", "depth");
  for (const Row& r : rows)
    fmt::print("{:<44} {:<11} {:>8.3f} {:>6} {:>7} {:>7} {:>6} {:>4} {:>6} {:>8} {:>7} {:>6.1f} {:>5}\n",
               shorten(r.name, 44), r.status, r.seconds, r.rounds, r.facts, r.applications, r.ar_rows, r.aux, r.nodes,
               r.candidates, r.dropped_total(), r.nodes_per_second(), r.search_depth);
  if (run.interrupted)
    fmt::print("\ninterrupted: {} of {} problems finished; the others count as not proved\n", t.complete, rows.size());
  fmt::print("\nproved {}/{} ({:.1f}%): {} by DDAR alone, {} with auxiliary points; {} hit a limit\n", t.proved,
             rows.size(), 100.0 * t.proved / rows.size(), t.proved - t.with_aux, t.with_aux, t.limits);
  if (t.checked > 0)
    fmt::print("checked {}/{}: numeric-only goals (ncoll, npara, sameside, ...) that hold on the figure; checked, "
               "not proved\n",
               t.checked, rows.size());
  fmt::print("time: {:.2f} s summed over problems, {:.2f} s wall on {} job{}; median proved {:.4f} s; slowest {:.3f} s\n",
             t.total, run.wall, run.jobs, run.jobs == 1 ? "" : "s", t.median, t.slowest);
  fmt::print("facts: {} ({:.0f} facts/s); numeric rejections {}; numeric violations {}\n", t.facts,
             t.total > 0 ? t.facts / t.total : 0.0, t.rejections, t.violations);
  const auto per_second = [&](std::int64_t n) { return t.total > 0 ? static_cast<double>(n) / t.total : 0.0; };
  fmt::print("rules: {} instances matched on the figures ({:.0f}/s), {} applied ({:.0f}/s); algebra: {} rows ({:.0f}/s)\n",
             t.instances, per_second(t.instances), t.applications, per_second(t.applications), t.ar_rows,
             per_second(t.ar_rows));
  if (t.nodes > 0) {
    std::string dropped;
    for (const auto& [reason, n] : t.dropped) dropped += fmt::format("{}{} {}", dropped.empty() ? "" : ", ", reason, n);
    fmt::print("search: {} nodes ({:.1f} nodes/s in the problems that searched); {} candidates built, {} tried; "
               "dropped: {}\n",
               t.nodes, t.search_seconds > 0 ? t.nodes / t.search_seconds : 0.0, t.candidates, t.tried,
               dropped.empty() ? "none" : dropped);
  }
  if (!t.steps.empty())
    fmt::print("proofs: {}/{} pass the checker; steps median {}, max {}\n", t.proved, t.claimed,
               t.steps[t.steps.size() / 2], t.steps.back());
  if (t.claimed > t.proved) {
    fmt::print("CHECKER REJECTED {} engine proof{} (a bug; not counted as proved):\n", t.claimed - t.proved,
               t.claimed - t.proved == 1 ? "" : "s");
    for (const Row& r : rows)
      if (r.rejected) fmt::print("  {}: {}\n", r.name, r.check_message);
  }
}

bool write_csv(const std::vector<Row>& rows, const std::string& path) {
  std::ofstream out(path);
  if (!out) {
    Error e;
    e.message = "cannot write the CSV file";
    e.file = path;
    print_error(e);
    return false;
  }
  out << "problem,status,seconds,rounds,facts,rule_applications,ar_rows,instances,numeric_rejections,proof_steps,"
         "checked,aux,nodes,candidates_generated,candidates_tried,candidates_rejected,search_depth,"
         "first_proof_seconds,nodes_per_second\n";
  for (const Row& r : rows)
    out << '"' << r.name << "\"," << r.status << ',' << r.seconds << ',' << r.rounds << ',' << r.facts << ','
        << r.applications << ',' << r.ar_rows << ',' << r.instances << ',' << r.rejections << ',' << r.proof_steps
        << ',' << (r.proved ? 1 : 0) << ',' << r.aux << ',' << r.nodes << ',' << r.candidates << ',' << r.tried << ','
        << r.dropped_total() << ',' << r.search_depth << ',' << r.first_proof << ',' << r.nodes_per_second() << '\n';
  return true;
}

// Prints the report in --format, writes --csv; the exit code.
int report(const std::vector<Row>& rows, const Run& run, const CliOptions& options) {
  if (options.format == "json") fmt::print("{}\n", bench_json(rows, run).dump(2));
  else print_table(rows, run);
  if (!options.csv.empty() && !write_csv(rows, options.csv)) return kExitFailure;
  if (run.interrupted) return kExitInterrupted;
  const Totals t(rows);
  return t.claimed > t.proved ? kExitCheckerRejected : kExitOk;
}

// "K/N" -> (K, N) with 0 <= K < N.
bool parse_shard(std::string_view text, std::size_t& k, std::size_t& n) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view a = text.substr(0, slash), b = text.substr(slash + 1);
  const auto [ea, ca] = std::from_chars(a.data(), a.data() + a.size(), k);
  const auto [eb, cb] = std::from_chars(b.data(), b.data() + b.size(), n);
  return !a.empty() && !b.empty() && ca == std::errc() && cb == std::errc() && ea == a.data() + a.size() &&
         eb == b.data() + b.size() && n >= 1 && k < n && n <= 1000000;
}

// Solves `work` on --jobs threads (each problem on one), with a progress
// bar on a terminal; rows in the order of `work`.
std::vector<Row> solve_all(const std::vector<std::pair<std::size_t, const NamedProblem*>>& work, const Library& library,
                           const SolveOptions& solve, int jobs_wanted) {
  std::vector<Row> rows(work.size());
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex progress;
  const bool tty = isatty(fileno(stderr));
  const auto* interrupted = interrupt_flag();
  for (std::size_t i = 0; i < work.size(); ++i)
    rows[i].name = work[i].second->name, rows[i].index = work[i].first, rows[i].status = "not run";
  auto worker = [&] {
    Solver solver(library);
    for (std::size_t i; !interrupted->load() && (i = next.fetch_add(1)) < work.size();) {
      rows[i] = solve_one(*work[i].second, solver, solve);
      rows[i].index = work[i].first;
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
  const int jobs = static_cast<int>(std::min<std::size_t>(std::clamp(jobs_wanted, 1, defaults::max_threads), work.size()));
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
  if (tty) fmt::print(stderr, "\r{:<80}\r", "");
  return rows;
}

// bench --merge OUT SHARD.json...: the shards' rows in file order, the
// report of one run; the merged JSON document written to OUT.
int run_merge(const CliOptions& options) {
  if (options.operands.empty()) return usage_error("bench", "--merge OUT needs the shards' JSON files as operands");
  std::vector<Row> rows;
  Run run;
  for (const std::string& path : options.operands) {
    std::ifstream in(path);
    Error e;
    e.file = path;
    if (!in) return e.message = "cannot read the shard", print_error(e), kExitFailure;
    try {
      const Json doc = Json::parse(in);
      if (run.file.empty()) run.file = doc.at("file").get<std::string>(), run.seed = doc.at("seed").get<std::uint64_t>();
      for (const Json& r : doc.at("problems")) rows.push_back(row_from_json(r));
      const Json& s = doc.at("summary");
      run.wall = std::max(run.wall, s.at("wall_seconds").get<double>());
      run.jobs = (path == options.operands[0] ? 0 : run.jobs) + s.at("jobs").get<int>();
      run.interrupted = run.interrupted || s.at("interrupted").get<bool>();
    } catch (const nlohmann::json::exception& x) {
      e.message = fmt::format("not a shard of 'pappus bench --format json': {}", x.what());
      return print_error(e), kExitFailure;
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.index < b.index; });
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].index == rows[i - 1].index) {
      Error e;
      e.message = fmt::format("problem {} ('{}') is in two shards", rows[i].index, rows[i].name);
      return print_error(e), kExitFailure;
    }
  std::ofstream out(options.merge);
  if (!(out << bench_json(rows, run).dump(2) << '\n')) {
    Error e;
    e.message = "cannot write the merged report";
    e.file = options.merge;
    return print_error(e), kExitFailure;
  }
  return report(rows, run, options);
}

}  // namespace

int run_bench(const CliOptions& options) {
  if (!options.merge.empty()) return run_merge(options);
  if (options.operands.size() != 1) return usage_error("bench", "bench needs one problem FILE");
  std::size_t shard = 0, shards = 1;
  if (!parse_shard(options.shard, shard, shards))
    return usage_error("bench", fmt::format("--shard expects K/N with 0 <= K < N, not '{}'", options.shard));
  const std::string& path = options.operands[0];
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto records = library->parse_file(path);
  if (!records) return print_error(records.error()), kExitFailure;
  std::vector<std::pair<std::size_t, const NamedProblem*>> work;
  for (std::size_t i = 0; i < records->size(); ++i)
    if ((options.problem.empty() || (*records)[i].name == options.problem) && i % shards == shard)
      work.emplace_back(i, &(*records)[i]);
  if (work.empty()) {
    if (!options.problem.empty()) return unknown_problem("bench", *records, options.problem, path);
    Error empty;
    empty.message = shards > 1 ? "no problems in this shard" : "no problems in the file";
    empty.file = path;
    return print_error(empty), kExitFailure;
  }

  auto proposer = load_proposer(options, *library);
  if (!proposer) return print_error(proposer.error()), kExitFailure;
  SolveOptions solve = solve_options(options);
  solve.proposer = std::move(*proposer);
  solve.threads = 1;  // bench spreads --jobs over problems instead
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Row> rows = solve_all(work, *library, solve, options.jobs);
  Run run;
  run.file = path;
  run.seed = options.seed;
  run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  run.jobs = options.jobs;
  run.interrupted = interrupt_flag()->load();
  return report(rows, run, options);
}

}  // namespace pappus::cli
