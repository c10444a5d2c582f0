#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include "geometry/predicate.hpp"

namespace pappus::pipeline {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

const char* to_string(Status status) {
  switch (status) {
    case Status::Proved: return "proved";
    case Status::CheckerRejected: return "checker rejected";
    case Status::NotProved: return "not proved";
    case Status::GoalFalse: return "goal false";
    case Status::CheckedNumerically: return "checked numerically";
  }
  return "?";
}

Expected<Outcome> solve(const Problem& problem, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                        search::Proposer& proposer, const Options& options, const std::atomic<bool>* cancel) {
  if (problem.goals.empty()) {
    Error e;
    e.message = "the problem has no goal";
    e.hint = "write a goal after '?', e.g. '? perp a b c d'";
    return e;
  }
  const auto t0 = Clock::now();
  // "Find x" goals: the figure is chosen by the other goals; each query is
  // then measured on it and becomes the statement of its exact value (a
  // query with no exact form stays a numeric answer and is not proved).
  const bool queries = std::any_of(problem.goals.begin(), problem.goals.end(), is_query);
  std::optional<Problem> stated;
  if (queries) {
    stated = problem;
    std::erase_if(stated->goals, is_query);
  }
  auto figure = build_diagram(stated ? *stated : problem, catalogue, options.diagram);
  if (!figure) return figure.error();
  std::vector<Answer> answers;
  if (queries) {
    stated->goals.clear();
    for (std::size_t g = 0; g < problem.goals.size(); ++g) {
      if (!is_query(problem.goals[g])) {
        stated->goals.push_back(problem.goals[g]);
        continue;
      }
      Answer a{g, answer_query(problem.goals[g], *figure)};
      if (a.value.statement) stated->goals.push_back(*a.value.statement);
      answers.push_back(std::move(a));
    }
    figure->goal_holds.clear();
    for (const Statement& goal : stated->goals)
      figure->goal_holds.push_back(statement_holds(goal, *figure, options.diagram.tolerance));
  }
  if (options.on_figure) options.on_figure(*figure);
  Outcome out;
  if (!figure->all_goals_hold()) {
    out.status = Status::GoalFalse;
    out.figure = std::move(*figure);
    out.seconds = since(t0);
  } else if (stated && stated->goals.empty()) {
    out.status = Status::CheckedNumerically;  // only answers without an exact form
    out.figure = std::move(*figure);
    out.seconds = since(t0);
  } else {
    const double build_seconds = since(t0);
    Options rest = options;
    rest.search.time_limit_s -= build_seconds;
    out = prove(stated ? *stated : problem, std::move(*figure), catalogue, rules, proposer, rest, cancel);
    out.seconds += build_seconds;
  }
  out.answers = std::move(answers);
  out.resolved = std::move(stated);
  return out;
}

bool numeric_only(const Statement& goal) {
  const PredicateInfo* info = find_predicate(goal.predicate);
  return info != nullptr && info->check_only;
}

Outcome prove(const Problem& problem, Diagram figure, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
              search::Proposer& proposer, const Options& options, const std::atomic<bool>* cancel) {
  const auto t0 = Clock::now();
  Outcome out;
  out.figure = std::move(figure);
  const bool any_numeric = std::any_of(problem.goals.begin(), problem.goals.end(), numeric_only);
  std::optional<Problem> deductive;
  if (any_numeric) {
    // The figure keeps every goal (and its verdicts); the engine gets the
    // goals it can prove.
    deductive = problem;
    std::erase_if(deductive->goals, numeric_only);
    if (deductive->goals.empty()) {
      out.status = Status::CheckedNumerically;
      out.seconds = since(t0);
      return out;
    }
  }
  const Problem& target = deductive ? *deductive : problem;
  out.search = search::solve(target, out.figure, catalogue, rules, proposer, options.search, cancel);
  out.seconds = since(t0);
  if (!out.search.proved) {
    out.status = Status::NotProved;
    return out;
  }
  const auto tc = Clock::now();
  const search::Node& node = out.node();
  out.proof = proof::extract(*node.engine);
  out.check = proof::check(*out.proof, node.problem, catalogue, rules, options.check);
  out.status = out.check.ok ? Status::Proved : Status::CheckerRejected;
  out.check_seconds = since(tc);
  return out;
}

}  // namespace pappus::pipeline
