#include "pipeline/pipeline.hpp"

#include <chrono>
#include <utility>

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
  auto figure = build_diagram(problem, catalogue, options.diagram);
  if (!figure) return figure.error();
  if (options.on_figure) options.on_figure(*figure);
  if (!figure->all_goals_hold()) {
    Outcome out;
    out.status = Status::GoalFalse;
    out.figure = std::move(*figure);
    out.seconds = since(t0);
    return out;
  }
  const double build_seconds = since(t0);
  Options rest = options;
  rest.search.time_limit_s -= build_seconds;
  Outcome out = prove(problem, std::move(*figure), catalogue, rules, proposer, rest, cancel);
  out.seconds += build_seconds;
  return out;
}

Outcome prove(const Problem& problem, Diagram figure, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
              search::Proposer& proposer, const Options& options, const std::atomic<bool>* cancel) {
  const auto t0 = Clock::now();
  Outcome out;
  out.figure = std::move(figure);
  out.search = search::solve(problem, out.figure, catalogue, rules, proposer, options.search, cancel);
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
