// pappus audit: the differential soundness run. Every problem of the given
// files is solved and its proof checked and re-evaluated on a second figure;
// --figures N generated figures are saturated and every fact re-evaluated.
// Prints the counts; any rejection or false statement fails the run.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli.hpp"

namespace pappus::cli {

namespace {

// One unit of work: a problem of a file, or a generated figure.
struct Item {
  const Problem* problem = nullptr;  // null for a figure
  std::int64_t figure = 0;
  std::size_t file = 0;              // which file (problems)
};

}  // namespace

int run_audit(const CliOptions& options) {
  if (options.operands.empty() && options.figures == 0)
    return usage_error("audit", "audit needs problem FILEs, --figures N, or both");
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  auto proposer = load_proposer(options, *library);
  if (!proposer) return print_error(proposer.error()), kExitFailure;

  std::vector<std::vector<NamedProblem>> files;
  std::vector<Item> items;
  for (const std::string& path : options.operands) {
    auto records = library->parse_file(path);
    if (!records) return print_error(records.error()), kExitFailure;
    files.push_back(std::move(*records));
  }
  for (std::size_t f = 0; f < files.size(); ++f)
    for (const NamedProblem& r : files[f])
      if (r.problem) items.push_back({&*r.problem, 0, f});
  for (std::uint64_t k = 0; k < options.figures; ++k) items.push_back({nullptr, static_cast<std::int64_t>(k), 0});

  AuditOptions aopt;
  aopt.solve = solve_options(options);
  aopt.solve.proposer = std::move(*proposer);
  aopt.solve.threads = 1;  // --jobs spreads over problems and figures instead
  aopt.figures.seed = options.seed;

  std::vector<AuditReport> reports(items.size());
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex progress;
  const bool tty = isatty(fileno(stderr));
  const auto* interrupted = interrupt_flag();
  const auto t0 = std::chrono::steady_clock::now();
  auto worker = [&] {
    Solver solver(*library);
    for (std::size_t i; !interrupted->load() && (i = next.fetch_add(1)) < items.size();) {
      const Item& item = items[i];
      // The proposer was made above: auditing a problem cannot fail.
      reports[i] = item.problem ? *solver.audit(*item.problem, aopt) : solver.audit_figure(item.figure, aopt);
      const std::size_t done = ++finished;
      if (tty) {
        std::lock_guard lock(progress);
        const int width = 30, filled = static_cast<int>(width * done / items.size());
        fmt::print(stderr, "\r[{}{}] {}/{}", std::string(filled, '#'), std::string(width - filled, '.'), done,
                   items.size());
      }
    }
  };
  const int jobs = static_cast<int>(std::min<std::size_t>(std::clamp(options.jobs, 1, defaults::max_threads),
                                                          std::max<std::size_t>(1, items.size())));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // fewer threads than asked: the work runs on those started
    }
  }
  worker();
  for (auto& t : threads) t.join();
  if (tty) fmt::print(stderr, "\r{:<60}\r", "");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Per file, then the figures, in order (the same for any --jobs).
  std::vector<AuditReport> per_file(files.size());
  AuditReport figures, total;
  for (std::size_t i = 0; i < items.size(); ++i) {
    (items[i].problem ? per_file[items[i].file] : figures).add(reports[i]);
    total.add(reports[i]);
  }

  if (options.format == "json") {
    nlohmann::ordered_json out;
    auto counts = [](const AuditReport& r) {
      return nlohmann::ordered_json{{"problems", r.problems},
                                    {"proofs_accepted", r.proved},
                                    {"proofs_rejected", r.rejected},
                                    {"steps_reevaluated", r.steps},
                                    {"steps_false", r.steps_false},
                                    {"proofs_without_second_figure", r.no_second_figure},
                                    {"figures", r.figures},
                                    {"figures_unbuilt", r.figures_unbuilt},
                                    {"examples", r.examples},
                                    {"examples_rejected", r.examples_rejected},
                                    {"example_steps", r.example_steps},
                                    {"facts_reevaluated", r.facts},
                                    {"facts_false", r.facts_false},
                                    {"facts_other_configuration", r.facts_other_configuration}};
    };
    out["files"] = nlohmann::ordered_json::array();
    for (std::size_t f = 0; f < files.size(); ++f) {
      auto entry = counts(per_file[f]);
      entry["file"] = options.operands[f];
      out["files"].push_back(std::move(entry));
    }
    out["figures"] = counts(figures);
    out["figures"]["seed"] = options.seed;
    out["total"] = counts(total);
    out["errors"] = total.errors();
    out["seconds"] = seconds;
    out["interrupted"] = interrupted->load();
    out["failures"] = nlohmann::ordered_json::array();
    for (const AuditFailure& f : total.failures) out["failures"].push_back({{"where", f.where}, {"what", f.what}});
    fmt::print("{}\n", out.dump(2));
  } else {
    for (std::size_t f = 0; f < files.size(); ++f) {
      const AuditReport& r = per_file[f];
      fmt::print("{}: {} problems, {} proofs: {} accepted by the checker, {} rejected; {} steps re-evaluated on a "
                 "second figure, {} false{}\n",
                 options.operands[f], r.problems, r.proved + r.rejected, r.proved, r.rejected, r.steps, r.steps_false,
                 r.no_second_figure ? fmt::format(" ({} proofs had no second figure)", r.no_second_figure) : "");
    }
    if (options.figures > 0)
      fmt::print("{} generated figures (seed {}; {} not built): {} examples whose proofs the checker accepted ({} "
                 "deduction steps), {} rejected; {} facts of the saturated figures re-evaluated on a second figure, "
                 "{} false{}\n",
                 figures.figures, options.seed, figures.figures_unbuilt, figures.examples, figures.example_steps,
                 figures.examples_rejected, figures.facts, figures.facts_false,
                 figures.facts_other_configuration
                     ? fmt::format(" ({} left out: no second figure in their configuration)",
                                   figures.facts_other_configuration)
                     : "");
    if (interrupted->load()) fmt::print("interrupted: {} of {} items finished\n", finished.load(), items.size());
    fmt::print("errors: {} ({:.1f} s)\n", total.errors(), seconds);
    for (const AuditFailure& f : total.failures) fmt::print("  {}: {}\n", f.where, f.what);
  }
  if (interrupted->load()) return kExitInterrupted;
  return total.errors() == 0 ? kExitOk : kExitFailure;
}

}  // namespace pappus::cli
