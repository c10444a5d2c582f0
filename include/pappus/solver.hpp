// The embedding API: load the data files once (Library), parse problems,
// build their figures, and prove them with a Solver, one per thread.
//
// Threads: a Library is immutable once loaded; share it (by reference or
// copy: copies share the same data) between any number of threads. A Solver
// is used by one thread at a time; run several solvers, one per thread, to
// solve problems concurrently: they share nothing mutable and give the same
// results as sequential runs. Solver::cancel() is the one call that may come
// from another thread. Nothing in the library writes to stdout or stderr.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pappus/error.hpp"
#include "pappus/problem.hpp"

// pappus-config.cmake and pappus.pc define PAPPUS_PACKAGE_DATA_DIR for
// programs built against an installed pappus: the data files of that install.
#ifndef PAPPUS_PACKAGE_DATA_DIR
#define PAPPUS_PACKAGE_DATA_DIR ""
#endif

namespace pappus {

// Where the data files (dsl/, rules/, models/) are read from. The first of
// these that is set wins:
//   1. data_dir, when not empty;
//   2. the environment variable PAPPUS_DATA_DIR;
//   3. package_data_dir: the installed share/pappus, when the program was
//      built with find_package(pappus) or pkg-config;
//   4. the source tree the library was built from.
struct LibraryOptions {
  std::string data_dir;
  std::string package_data_dir = PAPPUS_PACKAGE_DATA_DIR;
};

// One record of a problem file: a name line and a problem line; each record
// parses (or fails, with a located Error) on its own.
struct NamedProblem {
  std::string name;
  int line = 0;  // line of the name in the file
  Expected<Problem> problem;
};

// A point of a figure; auxiliary points (after ' | ') are not built.
struct FigurePoint {
  std::string name;
  double x = 0, y = 0;
  bool built = false;
};

// The numeric figure of a problem, as coordinates.
struct Figure {
  std::vector<FigurePoint> points;  // in the problem's point order
  std::vector<bool> goal_holds;     // one per goal: true in the figure
  int attempts = 0;                 // samples drawn until this figure

  bool all_goals_hold() const;
};

// Why a solve stopped.
enum class StopReason {
  Proved,           // the goals are proved
  Saturated,        // deduction found nothing new and the search was off (depth 0)
  SearchExhausted,  // every auxiliary point tried, up to the depth, without a proof
  TimeLimit,        // SolveOptions::time_limit_s ran out
  FactLimit,        // the engine's fact limit
  PointLimit,       // the figure has too many points for the engine
  Cancelled,        // Solver::cancel()
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

struct SolveOptions {
  double time_limit_s = 30;           // wall clock for the whole solve
  int threads = 1;                    // threads evaluating auxiliary candidates
  int depth = 2;                      // auxiliary points at most; 0 = deduction only
  int beam = 4;                       // search nodes kept per depth
  std::int64_t max_facts = 100000;    // facts one saturation may derive
  std::int64_t max_nodes = 20000;     // auxiliary-point nodes saturated at most
  std::int64_t max_memory_mib = 8192; // resident memory of the process (approximate); 0 = no limit
  std::string proposer = "heuristic";  // the proposer of auxiliary points ("heuristic")
  std::uint64_t seed = 1;             // figure seed: same seed, same proof
  // Called on the solving thread after each phase; keep it short.
  std::function<void(const Progress&)> on_progress;
};

// One step of a proof. Statements are in the problem language
// ("perp a b c d"); `text` is the same for people ("AB ⊥ CD").
struct ProofStep {
  enum class Kind { Premise, Rule, Algebra, SameObject, Definition, Part };
  int number = 0;                         // 1-based; steps cite smaller numbers only
  Kind kind = Kind::Premise;
  std::string statement;                  // "perp a b c d"
  std::string text;                       // "(3), (5) ⇒ AB ⊥ CD" with its reason
  std::vector<std::string> points;        // the statement's points
  std::vector<int> uses;                  // numbers of the steps it follows from
  int clause = 0;                         // Premise: the 1-based clause that asserts it
  bool auxiliary = false;                 // Premise: from an auxiliary construction
  std::string rule;                       // Rule: the rule's name in rules/rules.txt
  std::string theorem;                    // Rule: the theorem, for people
  std::string table;                      // Algebra: "angles", "ratios" or "distances" (along one line)
  std::vector<std::string> coefficients;  // Algebra: exact rationals, one per use
};
const char* to_string(ProofStep::Kind kind);

struct Proof {
  std::vector<ProofStep> steps;                      // dependencies first
  std::vector<int> goals;                            // step numbers of the goals
  std::vector<std::string> auxiliary_constructions;  // clauses added by the search, in order
  bool checked = false;        // the independent checker verified every step (always, when Proved)
  std::string check_message;   // why it did not, when checked is false
  std::string json;            // the whole proof as JSON (schema: README.md, "Proof output")
  std::string text;            // the whole proof for people, numbered steps
};

struct SolveStatistics {
  double seconds = 0;                  // the whole solve
  int rounds = 0;                      // deduction rounds of the final node
  std::int64_t facts = 0;              // facts of the final node
  std::int64_t rule_applications = 0;  // of the final node
  std::int64_t search_nodes = 0;       // auxiliary-point nodes saturated
  std::int64_t rejected_candidates = 0;  // proposed points that failed validation
};

struct SolveResult {
  SolveStatus status = SolveStatus::NotProved;
  StopReason stop = StopReason::Saturated;
  std::optional<Proof> proof;  // when Proved (or CheckerRejected)
  SolveStatistics stats;
};

struct Hint;
struct StepCheck;

// The data files (construction catalogue, rules), loaded and validated once.
class Library {
 public:
  // A missing or malformed data file is an Error naming it (file:line).
  static Expected<Library> load(const LibraryOptions& options = {});

  // Parses a problem line ("a b c = triangle a b c; ... ? perp a b c d").
  // Errors carry line:column, the offending token and a hint.
  Expected<Problem> parse(std::string_view text, std::string name = "") const;
  // Reads a problem file (records of a name line and a problem line).
  Expected<std::vector<NamedProblem>> parse_file(const std::string& path) const;
  // Samples the figure (deterministic for a seed). A figure that cannot be
  // built is an Error naming the clause; goals false in it are reported in
  // Figure::goal_holds, not as errors.
  Expected<Figure> build_figure(const Problem& problem, std::uint64_t seed = 1) const;

  const std::string& data_dir() const;  // where the data files were read

  struct Data;  // internal

 private:
  explicit Library(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
  friend class Solver;
};

// Proves problems and answers tutoring questions. One thread at a time;
// problems must come from the same Library (or one loaded from the same
// data files).
class Solver {
 public:
  explicit Solver(const Library& library);
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;

  // Builds the figure, checks the goals in it, deduces, and searches for
  // auxiliary points when deduction alone does not prove the goals. A
  // problem without a goal, or whose figure cannot be built, is an Error.
  Expected<SolveResult> solve(const Problem& problem, const SolveOptions& options = {});

  // Tutoring (pappus/tutor.hpp has the result types and the claim syntax).
  Expected<StepCheck> check_step(const Problem& problem, std::string_view claim, const SolveOptions& options = {});
  Expected<Hint> hint(const Problem& problem, const std::vector<std::string>& established,
                      const SolveOptions& options = {});
  Expected<SolveResult> explain(const Problem& problem, std::string_view fact, const SolveOptions& options = {});

  // Stops the call running on this solver (solve, explain, check_step,
  // hint), from any thread, within about 100 ms: a solve returns with
  // StopReason::Cancelled. Each call clears earlier requests when it
  // starts, so a cancel() while no call runs has no effect.
  void cancel() { cancel_.store(true); }

 private:
  std::shared_ptr<const Library::Data> data_;
  std::atomic<bool> cancel_{false};
};

}  // namespace pappus
