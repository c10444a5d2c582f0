// Proving: Solver runs the one pipeline of pappus (figure, deduction and
// auxiliary search, proof, independent checker) on a problem of a Library.
//
// Threads: a Solver is used by one thread at a time; run several solvers,
// one per thread, to solve problems concurrently: they share nothing
// mutable and give the same results as sequential runs. Solver::cancel() is
// the one call that may come from another thread. Nothing in the library
// writes to stdout or stderr.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pappus/defaults.hpp"
#include "pappus/error.hpp"
#include "pappus/library.hpp"
#include "pappus/problem.hpp"
#include "pappus/proof.hpp"

namespace pappus {

// Why a solve stopped.
enum class StopReason {
  Proved,           // the goals are proved
  Saturated,        // deduction found nothing new and the search was off (depth 0)
  SearchExhausted,  // the search space is exhausted: every candidate of every node up to the depth
                    // tried (the proposer asked for more until it had none), without a proof
  TimeLimit,        // SolveOptions::time_limit_s ran out
  FactLimit,        // the engine's fact limit
  PointLimit,       // the figure has too many points for the engine
  Cancelled,        // Solver::cancel(), or SolveOptions::cancel set
  NodeLimit,        // SolveOptions::max_nodes search nodes were saturated
  MemoryLimit,      // the process held more than SolveOptions::max_memory_mib
};
const char* to_string(StopReason reason);

enum class SolveStatus {
  Proved,           // result.proof holds the proof, verified by the independent checker
  CheckerRejected,  // the engine derived the goals but the checker rejected the proof (a bug
                    // in pappus; result.proof holds it, with check_message): not proved
  NotProved,        // see result.stop
  GoalFalse,        // a goal is false in the figure: nothing to prove
  CheckedNumerically,  // every goal is a numeric-only predicate (ncoll, npara, nperp, diff, sameside,
                       // sameclock, ...) and holds in the figure: checked, never proved. With other
                       // goals beside them, those are proved and these checked (Figure::goal_holds).
};
const char* to_string(SolveStatus status);

// Where a running solve is, for a progress callback.
struct Progress {
  enum class Phase { Figure, Deduction, Search, Proof };
  Phase phase = Phase::Figure;  // the phase that just finished (Search: one batch of candidates)
  double seconds = 0;           // since the solve started
  int depth = 0;                // auxiliary points in the nodes being tried
  std::int64_t nodes = 0;       // search nodes saturated so far
};

// Who proposes auxiliary points to the search: by name, "learned" (the
// default: the heuristic proposer's candidates ordered by the learned ranking
// of the data directory's models/ranker.tsv and by the hand-tuned score in
// turn) or "heuristic" (the hand-tuned order); or one that
// load_learned_proposer (pappus/ranking.hpp: other weights) or
// load_neural_proposer (pappus/neural.hpp, the library pappus_neural, built
// with libtorch: neural, combined, ranked) returns. Copies share the loaded
// model; any number of solvers may use one.
class Proposer {
 public:
  Proposer() = default;  // defaults::proposer
  // A proposer by name. "learned" and "heuristic" are built in; any other
  // name is an Error when solving (the neural proposers come from
  // load_neural_proposer).
  Proposer(std::string name) : name_(std::move(name)) {}
  Proposer(const char* name) : name_(name) {}

  const std::string& name() const { return name_; }

  struct Source;  // internal: makes the proposers one search uses
  Proposer(std::string name, std::shared_ptr<const Source> source) : name_(std::move(name)), source_(std::move(source)) {}
  const std::shared_ptr<const Source>& source() const { return source_; }

 private:
  std::string name_{defaults::proposer};
  std::shared_ptr<const Source> source_;
};

// Defaults: pappus/defaults.hpp (the command line shows the same ones).
struct SolveOptions {
  double time_limit_s = defaults::time_limit_s;        // wall clock for the whole solve
  int threads = defaults::threads;                     // threads evaluating auxiliary candidates
  int depth = defaults::depth;                         // auxiliary points the search adds at most; 0 = deduction only
  int beam = defaults::beam;                           // search expansions per round (results equal for threads up to beam)
  std::int64_t max_facts = defaults::max_facts;        // facts one saturation may derive
  std::int64_t max_nodes = defaults::max_nodes;        // auxiliary-point nodes saturated at most
  std::int64_t max_memory_mib = defaults::max_memory_mib;  // resident memory of the process (approximate); 0 = no limit
  Proposer proposer;                                   // who proposes auxiliary points
  std::uint64_t seed = defaults::seed;                 // figure seed: same seed, same proof
  // Build the problem's own auxiliary clauses (Newclid's, after ' | ')
  // first and search from there; when false they are ignored.
  bool given_aux = false;
  // Called on the solving thread after each phase; keep it short.
  std::function<void(const Progress&)> on_progress;
  // A flag of the caller's that stops the solve (StopReason::Cancelled)
  // when it turns true, shared by any number of solves (a Ctrl-C handler
  // may set it). When set, the solve watches it instead of the solver's own
  // flag, so Solver::cancel() does not reach that solve.
  const std::atomic<bool>* cancel = nullptr;
};

// What a solve did; the final node is the proving one, or the problem
// itself when nothing proved.
struct SolveStatistics {
  double seconds = 0;                    // figure, deduction and search (what a benchmark times)
  double check_seconds = 0;              // proof extraction and the independent checker
  StopReason deduction_stop = StopReason::Saturated;  // how deduction on the problem alone ended
  bool proved_by_deduction = false;      // proved before any auxiliary point
  int rounds = 0;                        // deduction rounds of the final node
  std::int64_t facts = 0;                // facts of the final node
  std::int64_t rule_applications = 0;    // rule instances fired, final node
  std::int64_t instances = 0;            // numerically true rule instances considered, final node
  std::int64_t numeric_rejections = 0;   // rule instances whose conclusion was false in the figure
  std::int64_t numeric_violations = 0;   // derived facts false in the figure (a bug: stays 0)
  std::int64_t angle_rows = 0;           // rows of the angle table, final node
  std::int64_t ratio_rows = 0;           // rows of the ratio table, final node
  std::int64_t search_nodes = 0;         // auxiliary-point nodes saturated
  std::int64_t rejected_candidates = 0;  // candidates the search dropped: invalid on the figure, or duplicates
  std::int64_t candidates_generated = 0; // candidates the proposer built, widened proposals counted again
  std::int64_t candidates_tried = 0;     // candidates the search took from its queue
  // Candidates dropped, by reason: the proposer's ("degenerate", "no
  // intersection", "on an existing point", "duplicate", "too far", "fact
  // fails"), then the search's ("invalid": did not build on the figure;
  // "same point set": a sibling landed there, or the points were searched
  // in another order). Reasons with no candidate are left out.
  std::vector<std::pair<std::string, std::int64_t>> candidates_rejected;
  int search_depth = 0;                  // auxiliary points of the deepest node saturated
  double first_proof_seconds = -1;       // when the proof closed, from the start of the solve (-1: none)
  int proof_steps = 0;                   // steps of the proof, when there is one
  int auxiliary_points = 0;              // auxiliary constructions of the final node
};

// The answer to a "find x" goal: `? acompute a b c d` (the angle from line
// ab to line cd), `? rcompute a b c d` (AB/CD), `? lcompute a b` (AB, with
// lengths given by lconst). The value is measured on the figure; when it has
// an exact form (a rational multiple of pi; p/q or the square root of p/q;
// a whole number or its square root) the statement of that value is proved
// like any goal.
struct Answer {
  std::string query;      // the goal as written, e.g. "acompute a b b c"
  std::string value;      // for people: "60° (π/3)", "3/2", "√2"; "≈ 1.2071" when no exact form was found
  double numeric = 0;     // on the figure: radians (acompute), the ratio, or the length
  std::string statement;  // the exact claim, e.g. "aconst a b b c 1pi/3"; empty when there is none
  bool proved = false;    // the claim is proved and its proof checked (status Proved)
};

struct SolveResult {
  SolveStatus status = SolveStatus::NotProved;
  std::vector<Answer> answers;  // one per "find x" goal, in goal order
  StopReason stop = StopReason::Saturated;
  Figure figure;               // the problem's figure: coordinates, goals checked
  std::optional<Proof> proof;  // when Proved (or CheckerRejected)
  SolveStatistics stats;
};

// The result as one JSON document: the proof object (README.md, "Proof
// output") when there is one, plus status, stop, auxiliary_constructions,
// search_nodes, seconds and the checker's verdict; `problem` is the one
// solved (its name and text head the document).
std::string to_json(const SolveResult& result, const Problem& problem);

struct Hint;
struct StepCheck;
struct AuditOptions;
struct AuditReport;

// Proves problems and answers tutoring questions. One thread at a time;
// problems must come from the same Library (or one loaded from the same
// data files).
class Solver {
 public:
  explicit Solver(const Library& library);
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;

  // Builds the figure, checks the goals in it, deduces, and searches for
  // auxiliary points when deduction alone does not prove the goals; the
  // proof is re-verified by the independent checker. A problem without a
  // goal, or whose figure cannot be built, or an unknown proposer, is an Error.
  Expected<SolveResult> solve(const Problem& problem, const SolveOptions& options = {});

  // Tutoring (pappus/tutor.hpp has the result types and the claim syntax).
  Expected<StepCheck> check_step(const Problem& problem, std::string_view claim, const SolveOptions& options = {});
  Expected<Hint> hint(const Problem& problem, const std::vector<std::string>& established,
                      const SolveOptions& options = {});
  Expected<SolveResult> explain(const Problem& problem, std::string_view fact, const SolveOptions& options = {});

  // The differential soundness audit (pappus/audit.hpp): solves `problem`
  // and checks its proof on a second figure (an unknown proposer is an
  // Error; a figure that cannot be built counts no problem); or samples
  // generated figure `index` and re-evaluates every fact of its saturation.
  Expected<AuditReport> audit(const Problem& problem, const AuditOptions& options);
  AuditReport audit_figure(std::int64_t index, const AuditOptions& options);

  // Stops the call running on this solver (solve, explain, check_step,
  // hint, audit), from any thread, within about 100 ms: a solve returns
  // with StopReason::Cancelled. Each call clears earlier requests when it
  // starts, so a cancel() while no call runs has no effect.
  void cancel() { cancel_.store(true); }

 private:
  // Clears earlier cancel() requests; the flag this call watches.
  const std::atomic<bool>* begin(const SolveOptions& options);

  std::shared_ptr<const Library::Data> data_;
  std::atomic<bool> cancel_{false};
};

}  // namespace pappus
