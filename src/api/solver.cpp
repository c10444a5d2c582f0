// The facade's Solver: solve and explain; internal results become the
// public structs here.
#include <chrono>
#include <utility>

#include "api/internal.hpp"
#include "pipeline/pipeline.hpp"
#include "proof/checker.hpp"
#include "proof/text.hpp"

namespace pappus {
namespace api {

StopReason stop_reason(engine::StopReason reason, bool searched) {
  switch (reason) {
    case engine::StopReason::Proved: return StopReason::Proved;
    case engine::StopReason::Saturated: return searched ? StopReason::SearchExhausted : StopReason::Saturated;
    case engine::StopReason::TimeLimit: return StopReason::TimeLimit;
    case engine::StopReason::FactLimit: return StopReason::FactLimit;
    case engine::StopReason::PointLimit: return StopReason::PointLimit;
    case engine::StopReason::Cancelled: return StopReason::Cancelled;
    case engine::StopReason::NodeLimit: return StopReason::NodeLimit;
    case engine::StopReason::MemoryLimit: return StopReason::MemoryLimit;
  }
  return StopReason::Saturated;
}

Proof make_proof(const proof::Proof& pf, const search::Node& node, const proof::CheckResult& checked) {
  const Problem& problem = node.problem;
  Proof out;
  for (const proof::Step& s : pf.steps) {
    ProofStep step;
    step.number = s.number;
    step.kind = static_cast<ProofStep::Kind>(s.kind);
    step.statement = proof::statement_text(problem, s);
    step.text = proof::step_text(problem, node.diagram, pf, s);
    for (PointId p : s.args) step.points.push_back(problem.point_name(p));
    step.uses = s.uses;
    step.clause = s.clause + 1;
    step.auxiliary = s.auxiliary;
    step.rule = s.rule;
    step.theorem = s.title;
    step.table = proof::to_string(s.table);
    step.coefficients = s.coefficients;
    out.steps.push_back(std::move(step));
  }
  out.goals = pf.goals;
  out.auxiliary_constructions = node.aux;
  out.checked = checked.ok;
  if (!checked.ok) out.check_message = checked.message;
  out.json = proof::to_json(pf, problem, node.diagram);
  out.text = proof::to_text(pf, problem, node.diagram);
  return out;
}

}  // namespace api

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }



Error no_goal() {
  Error e;
  e.message = "the problem has no goal";
  e.hint = "write a goal after '?', e.g. '? perp a b c d'";
  return e;
}

// Deduction, search, proof and checker on `problem` (whose goals hold in
// `diagram`): the pipeline every front end shares.
Expected<SolveResult> prove(const Problem& problem, Diagram diagram, const Library::Data& data,
                            const SolveOptions& options, const std::atomic<bool>& cancel, Clock::time_point t0) {
  if (options.proposer != "heuristic") {
    Error e;
    e.message = "unknown proposer '" + options.proposer + "'";
    e.token = options.proposer;
    e.hint = "available: heuristic";
    return e;
  }
  pipeline::Options po;
  search::SearchOptions& so = po.search;
  so.time_limit_s = options.time_limit_s - since(t0);
  so.engine.time_limit_s = so.time_limit_s;
  so.depth = options.depth;
  so.beam = options.beam;
  so.jobs = options.threads;
  so.max_nodes = options.max_nodes;
  so.engine.max_facts = options.max_facts;
  so.engine.max_memory_mib = options.max_memory_mib;
  so.seed = options.seed;
  if (options.on_progress)
    so.on_progress = [&](int depth, std::int64_t nodes) {
      Progress p;
      p.phase = depth == 0 ? Progress::Phase::Deduction : Progress::Phase::Search;
      p.seconds = since(t0);
      p.depth = depth;
      p.nodes = nodes;
      options.on_progress(p);
    };
  search::HeuristicProposer proposer;
  const pipeline::Outcome outcome =
      pipeline::prove(problem, std::move(diagram), data.catalogue, data.rules, proposer, po, &cancel);
  const search::SearchResult& res = outcome.search;

  SolveResult out;
  const search::Node& node = outcome.node();
  const engine::EngineStats& st = node.engine->stats();
  out.stats.rounds = st.rounds;
  out.stats.facts = st.facts;
  out.stats.rule_applications = st.applications;
  out.stats.search_nodes = res.nodes;
  out.stats.rejected_candidates = res.rejected;
  if (outcome.proof) {
    out.status = outcome.proved() ? SolveStatus::Proved : SolveStatus::CheckerRejected;
    out.stop = StopReason::Proved;
    out.proof = api::make_proof(*outcome.proof, node, outcome.check);
    if (options.on_progress) {
      Progress p;
      p.phase = Progress::Phase::Proof;
      p.seconds = since(t0);
      p.nodes = res.nodes;
      options.on_progress(p);
    }
  } else {
    out.stop = api::stop_reason(res.stop, res.ddar_stop == engine::StopReason::Saturated && options.depth > 0);
  }
  out.stats.seconds = since(t0);
  return out;
}

}  // namespace

Solver::Solver(const Library& library) : data_(library.data_) {}

Expected<SolveResult> Solver::solve(const Problem& problem, const SolveOptions& options) {
  cancel_.store(false);
  const auto t0 = Clock::now();
  if (problem.goals.empty()) return no_goal();
  DiagramOptions dopt;
  dopt.seed = options.seed;
  auto diagram = build_diagram(problem, data_->catalogue, dopt);
  if (!diagram) return diagram.error();
  if (options.on_progress) options.on_progress(Progress{Progress::Phase::Figure, since(t0), 0, 0});
  if (!diagram->all_goals_hold()) {
    SolveResult out;
    out.status = SolveStatus::GoalFalse;
    out.stats.seconds = since(t0);
    return out;
  }
  return prove(problem, std::move(*diagram), *data_, options, cancel_, t0);
}

Expected<SolveResult> Solver::explain(const Problem& problem, std::string_view fact, const SolveOptions& options) {
  cancel_.store(false);
  const auto t0 = Clock::now();
  auto claims = api::parse_claims(fact, problem, data_->catalogue);
  if (!claims) return claims.error();
  if (claims->size() != 1) {
    Error e;
    e.message = "explain takes one statement, not " + std::to_string(claims->size());
    e.hint = "e.g. 'perp a h b c'";
    return e;
  }
  DiagramOptions dopt;
  dopt.seed = options.seed;
  auto diagram = build_diagram(problem, data_->catalogue, dopt);
  if (!diagram) return diagram.error();
  if (options.on_progress) options.on_progress(Progress{Progress::Phase::Figure, since(t0), 0, 0});
  const Problem target = api::with_goals(problem, *claims);
  diagram->goal_holds = {statement_holds(target.goals[0], *diagram)};
  if (!diagram->goal_holds[0]) {
    SolveResult out;
    out.status = SolveStatus::GoalFalse;
    out.stats.seconds = since(t0);
    return out;
  }
  return prove(target, std::move(*diagram), *data_, options, cancel_, t0);
}

}  // namespace pappus
