// The one orchestration of a problem, shared by every front end: the
// library's Solver (which the CLI's solve, bench and audit call), the
// audit, and the data generator's verification:
//
//   Problem → figure (goals checked numerically) → deduction and auxiliary
//   search → proof extracted → independent checker
//
// A problem counts as proved only when the checker accepts its proof: an
// engine result the checker rejects is its own status, CheckerRejected,
// never Proved.
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "pappus/error.hpp"
#include "pappus/problem.hpp"
#include "problem/queries.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "search/proposer.hpp"
#include "search/search.hpp"

namespace pappus::pipeline {

enum class Status {
  Proved,           // the goals are proved and the checker accepted the proof
  CheckerRejected,  // the engine found a derivation the checker rejects (a bug: reported, never counted)
  NotProved,        // deduction and search stopped without a proof: see Outcome::search.stop
  GoalFalse,        // a goal is false in the figure: nothing to prove
  CheckedNumerically,  // every goal is a numeric-only predicate (ncoll, npara, sameside, ...) and holds
                       // in the figure: such statements are checked on figures, never proved
};
const char* to_string(Status status);

struct Options {
  DiagramOptions diagram;         // the figure: seed, auxiliary clauses, attempts
  search::SearchOptions search;   // deduction limits and the auxiliary search (depth 0: deduction only)
  proof::CheckOptions check;      // the checker's own fresh figure
  // Called by solve once the figure is built, before its goals are checked.
  std::function<void(const Diagram&)> on_figure;
};

// A "find x" goal (acompute, rcompute, lcompute) and its answer: the value
// measured on the figure and, when it has an exact form, the statement with
// that value, which the engine proves like any goal.
struct Answer {
  std::size_t goal = 0;  // index of the query among the problem's goals
  QueryAnswer value;
};

struct Outcome {
  Status status = Status::NotProved;
  std::vector<Answer> answers;         // one per query goal, in goal order
  std::optional<Problem> resolved;     // with queries: the problem whose goals state the answers
  Diagram figure;                      // the problem's figure
  search::SearchResult search;         // why it stopped, statistics, the final node (null only for
                                       // GoalFalse and CheckedNumerically: no deduction ran)
  std::optional<proof::Proof> proof;   // when the engine proved the goals (accepted or not: see status)
  proof::CheckResult check;            // the checker's verdict on `proof`
  double seconds = 0;                  // figure, deduction and search
  double check_seconds = 0;            // proof extraction and checking

  bool proved() const { return status == Status::Proved; }
  // The node whose problem, figure and engine the proof speaks of.
  const search::Node& node() const { return *search.solution; }
};

// Builds the figure (options.diagram), checks the goals in it and, when they
// hold, proves and checks as `prove` does. A figure that cannot be built, or
// a problem without a goal, is an Error.
Expected<Outcome> solve(const Problem& problem, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                        search::Proposer& proposer, const Options& options,
                        const std::atomic<bool>* cancel = nullptr);

// Whether a goal is a numeric-only predicate: checked on the figure, never
// proved (the engine proves the other goals of its problem).
bool numeric_only(const Statement& goal);

// Deduction and search on a figure in which every goal of `problem` holds,
// then extraction and the checker. Numeric-only goals are left to the
// figure: the proof is of the others, and with none left the status is
// CheckedNumerically.
Outcome prove(const Problem& problem, Diagram figure, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
              search::Proposer& proposer, const Options& options, const std::atomic<bool>* cancel = nullptr);

}  // namespace pappus::pipeline
