// The facade's Solver: solve and explain through the pipeline; internal
// results become the public structs here.
#include <chrono>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/internal.hpp"
#include "proof/checker.hpp"
#include "proof/html.hpp"
#include "proof/text.hpp"
#include "problem/queries.hpp"

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

Expected<std::unique_ptr<search::Proposer>> make_proposer(const Proposer& proposer, const Library::Data& data) {
  if (proposer.source()) return proposer.source()->make();
  if (proposer.name() == "heuristic") return std::unique_ptr<search::Proposer>(new search::HeuristicProposer());
  if (proposer.name() == "learned") {
    std::lock_guard<std::mutex> lock(data.ranker_mutex);
    if (!data.ranker) {
      auto ranker = read_ranker(ranker_path(data.data_dir));
      if (!ranker) return ranker.error();
      data.ranker = std::move(*ranker);
    }
    return learned_proposer(data.ranker, defaults::model_depth);
  }
  Error e;
  e.token = proposer.name();
  if (proposer.name() == "neural" || proposer.name() == "combined" || proposer.name() == "ranked") {
    e.message = "the " + proposer.name() + " proposer needs its model";
    e.hint = "load it with pappus::load_neural_proposer (pappus/neural.hpp)";
  } else {
    e.message = "unknown proposer '" + proposer.name() + "'";
    e.hint = "available: learned, heuristic; neural, combined and ranked from pappus::load_neural_proposer";
  }
  return e;
}

pipeline::Options pipeline_options(const SolveOptions& options) {
  pipeline::Options po;
  po.diagram.seed = options.seed;
  search::SearchOptions& so = po.search;
  so.time_limit_s = options.time_limit_s;
  so.engine.time_limit_s = options.time_limit_s;
  so.engine.max_facts = options.max_facts;
  so.engine.max_memory_mib = options.max_memory_mib;
  so.max_nodes = options.max_nodes;
  so.depth = options.depth;
  so.beam = options.beam;
  so.jobs = options.threads;
  so.seed = options.seed;
  so.given_aux = options.given_aux;
  return po;
}

Figure make_figure(const Problem& problem, const Diagram& diagram) {
  Figure f;
  for (std::size_t p = 0; p < problem.point_count(); ++p) {
    FigurePoint fp;
    fp.name = problem.point_names[p];
    fp.built = p < diagram.built.size() && diagram.built[p];
    if (fp.built) fp.x = diagram.points[p].x(), fp.y = diagram.points[p].y();
    f.points.push_back(std::move(fp));
  }
  f.goal_holds = diagram.goal_holds;
  f.attempts = diagram.attempts;
  f.scale = diagram.scale;
  return f;
}

namespace {

// The public proof of a pipeline run that found one.
Proof make_proof(const pipeline::Outcome& outcome) {
  const search::Node& node = outcome.node();
  const proof::Proof& pf = *outcome.proof;
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
  out.checked = outcome.check.ok;
  out.check_message = outcome.check.message;
  out.json = proof::to_json(pf, problem, node.diagram);
  out.text = proof::to_text(pf, problem, node.diagram);
  out.data = std::make_shared<const Proof::Data>(Proof::Data{problem, node.diagram, pf});
  return out;
}

}  // namespace

SolveResult make_result(const pipeline::Outcome& outcome, const Problem& problem, int depth) {
  SolveResult out;
  out.figure = make_figure(problem, outcome.figure);
  if (outcome.resolved) {
    // The figure's verdicts as the problem is written: a query holds (its
    // value was measured there), the other goals as they hold there.
    out.figure.goal_holds.clear();
    for (const Statement& goal : problem.goals)
      out.figure.goal_holds.push_back(is_query(goal) || statement_holds(goal, outcome.figure));
  }
  for (const pipeline::Answer& a : outcome.answers) {
    Answer answer;
    answer.query = to_text(problem, problem.goals[a.goal]);
    answer.value = a.value.text;
    answer.numeric = a.value.value;
    if (a.value.statement) answer.statement = to_text(problem, *a.value.statement);
    answer.proved = a.value.statement && outcome.status == pipeline::Status::Proved;
    out.answers.push_back(std::move(answer));
  }
  out.stats.seconds = outcome.seconds;
  out.stats.check_seconds = outcome.check_seconds;
  if (outcome.status == pipeline::Status::GoalFalse) {
    out.status = SolveStatus::GoalFalse;
    return out;
  }
  if (outcome.status == pipeline::Status::CheckedNumerically) {
    out.status = SolveStatus::CheckedNumerically;
    return out;
  }
  const search::SearchResult& res = outcome.search;
  const search::Node& node = outcome.node();
  const engine::EngineStats& st = node.engine->stats();
  SolveStatistics& stats = out.stats;
  stats.deduction_stop = stop_reason(res.ddar_stop, false);
  stats.proved_by_deduction = res.ddar_only;
  stats.rounds = st.rounds;
  stats.facts = st.facts;
  stats.rule_applications = st.applications;
  stats.instances = st.instances;
  stats.numeric_rejections = st.numeric_rejections;
  stats.numeric_violations = st.numeric_violations;
  stats.angle_rows = static_cast<std::int64_t>(st.angle_rows);
  stats.ratio_rows = static_cast<std::int64_t>(st.ratio_rows);
  stats.search_nodes = res.nodes;
  stats.rejected_candidates = res.rejected;
  const search::SearchCounts& counts = res.counts;
  stats.candidates_generated = counts.proposals.generated;
  stats.candidates_tried = counts.tried;
  for (int r = 0; r < search::kRejections; ++r)
    if (counts.proposals.rejected[r] > 0)
      stats.candidates_rejected.emplace_back(search::to_string(static_cast<search::Rejection>(r)),
                                             counts.proposals.rejected[r]);
  if (counts.invalid > 0) stats.candidates_rejected.emplace_back("invalid", counts.invalid);
  if (counts.duplicates > 0) stats.candidates_rejected.emplace_back("same point set", counts.duplicates);
  stats.search_depth = static_cast<int>(counts.max_depth);
  // The search's clock starts after the figure: add the figure's time.
  if (res.first_proof_seconds >= 0) stats.first_proof_seconds = res.first_proof_seconds + outcome.seconds - res.seconds;
  stats.auxiliary_points = static_cast<int>(node.aux.size());
  if (outcome.proof) {
    out.status = outcome.proved() ? SolveStatus::Proved : SolveStatus::CheckerRejected;
    out.stop = StopReason::Proved;
    out.proof = make_proof(outcome);
    stats.proof_steps = static_cast<int>(out.proof->steps.size());
  } else {
    out.status = SolveStatus::NotProved;
    out.stop = stop_reason(res.stop, res.ddar_stop == engine::StopReason::Saturated && depth > 0);
  }
  return out;
}

}  // namespace api

std::string Proof::html() const {
  if (!data) return "";
  std::vector<std::string> texts;
  for (const proof::Step& s : data->proof.steps)
    texts.push_back(proof::step_text(data->problem, data->figure, data->proof, s));
  return proof::render_html(data->problem, data->figure, data->proof, texts);
}

std::string to_json(const SolveResult& result, const Problem& problem) {
  nlohmann::ordered_json out;
  if (result.proof) out = nlohmann::ordered_json::parse(result.proof->json);
  else out["problem"] = {{"name", problem.name}, {"text", to_text(problem)}};
  static constexpr const char* kStatus[] = {"proved", "checker rejected", "not proved", "goal false",
                                            "checked numerically"};
  out["status"] = kStatus[static_cast<int>(result.status)];
  if (result.status != SolveStatus::GoalFalse && result.status != SolveStatus::CheckedNumerically) {
    // The engine's words: an exhausted search is "saturated" as well.
    out["stop"] = result.stop == StopReason::SearchExhausted ? "saturated" : to_string(result.stop);
    out["auxiliary_constructions"] =
        result.proof ? result.proof->auxiliary_constructions : std::vector<std::string>{};
    out["search_nodes"] = result.stats.search_nodes;
  }
  if (!result.answers.empty()) {
    out["answers"] = nlohmann::ordered_json::array();
    for (const Answer& a : result.answers)
      out["answers"].push_back(
          {{"query", a.query}, {"value", a.value}, {"numeric", a.numeric}, {"statement", a.statement}, {"proved", a.proved}});
  }
  out["seconds"] = result.stats.seconds;
  if (result.proof) out["checker"] = {{"ok", result.proof->checked}, {"message", result.proof->check_message}};
  return out.dump(2) + "\n";
}

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The pipeline's options for `options`, with its progress reported as the
// public Progress from `t0` on.
pipeline::Options with_progress(const SolveOptions& options, Clock::time_point t0) {
  pipeline::Options po = api::pipeline_options(options);
  if (!options.on_progress) return po;
  po.on_figure = [&options, t0](const Diagram&) { options.on_progress(Progress{Progress::Phase::Figure, since(t0), 0, 0}); };
  po.search.on_progress = [&options, t0](int depth, std::int64_t nodes) {
    const auto phase = depth == 0 ? Progress::Phase::Deduction : Progress::Phase::Search;
    options.on_progress(Progress{phase, since(t0), depth, nodes});
  };
  return po;
}

// The result, with the Proof phase reported when there is a proof.
SolveResult finish(const pipeline::Outcome& outcome, const Problem& problem, const SolveOptions& options,
                   Clock::time_point t0) {
  SolveResult out = api::make_result(outcome, problem, options.depth);
  if (out.proof && options.on_progress)
    options.on_progress(Progress{Progress::Phase::Proof, since(t0), 0, out.stats.search_nodes});
  return out;
}

}  // namespace

Solver::Solver(const Library& library) : data_(LibraryAccess::data(library)) {}

const std::atomic<bool>* Solver::begin(const SolveOptions& options) {
  cancel_.store(false);
  return options.cancel ? options.cancel : &cancel_;
}

Expected<SolveResult> Solver::solve(const Problem& problem, const SolveOptions& options) {
  const std::atomic<bool>* cancel = begin(options);
  const auto t0 = Clock::now();
  auto proposer = api::make_proposer(options.proposer, *data_);
  if (!proposer) return proposer.error();
  auto outcome = pipeline::solve(problem, data_->catalogue, data_->rules, **proposer, with_progress(options, t0), cancel);
  if (!outcome) return outcome.error();
  return finish(*outcome, problem, options, t0);
}

Expected<SolveResult> Solver::explain(const Problem& problem, std::string_view fact, const SolveOptions& options) {
  const std::atomic<bool>* cancel = begin(options);
  const auto t0 = Clock::now();
  auto claims = api::parse_claims(fact, problem, data_->catalogue);
  if (!claims) return claims.error();
  if (claims->size() != 1) {
    Error e;
    e.message = "explain takes one statement, not " + std::to_string(claims->size());
    e.hint = "e.g. 'perp a h b c'";
    return e;
  }
  auto proposer = api::make_proposer(options.proposer, *data_);
  if (!proposer) return proposer.error();
  const pipeline::Options po = with_progress(options, t0);
  // The problem's own figure (its goals decide which sample is kept), with
  // the fact as the goal.
  auto diagram = build_diagram(problem, data_->catalogue, po.diagram);
  if (!diagram) return diagram.error();
  if (po.on_figure) po.on_figure(*diagram);
  const Problem target = api::with_goals(problem, *claims);
  diagram->goal_holds = {statement_holds(target.goals[0], *diagram)};
  if (!diagram->goal_holds[0]) {
    SolveResult out;
    out.status = SolveStatus::GoalFalse;
    out.figure = api::make_figure(target, *diagram);
    out.stats.seconds = since(t0);
    return out;
  }
  const pipeline::Outcome outcome =
      pipeline::prove(target, std::move(*diagram), data_->catalogue, data_->rules, **proposer, po, cancel);
  return finish(outcome, target, options, t0);
}

}  // namespace pappus
