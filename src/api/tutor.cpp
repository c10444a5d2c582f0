// Tutoring: check_step, hint, and the statements students write.
#include <algorithm>
#include <memory>
#include <unordered_set>
#include <utility>

#include "api/internal.hpp"
#include "api/tutor_route.hpp"
#include "engine/engine.hpp"
#include "engine/matcher.hpp"
#include "pappus/tutor.hpp"
#include "problem/parser.hpp"

namespace pappus {
namespace api {

Expected<std::vector<Claim>> parse_claims(std::string_view text, const Problem& problem,
                                          const dsl::Catalogue& catalogue, int column_offset) {
  // The statements are parsed as the goals of the problem itself, so they
  // get the parser's checks (known predicate, arity, defined points).
  Problem bare = problem;
  bare.goals.clear();
  const std::string prefix = to_text(bare) + " ? ";
  std::string goals(text);
  std::replace(goals.begin(), goals.end(), ',', ';');
  auto parsed = parse_problem(prefix + goals, catalogue);
  if (!parsed) {
    Error e = parsed.error();
    e.file.clear();
    if (e.loc.column > static_cast<int>(prefix.size()))
      e.loc.column += column_offset - static_cast<int>(prefix.size());
    else e.loc = {};
    return e;
  }
  std::vector<Claim> out;
  for (Statement& s : parsed->goals) {
    Claim c;
    c.pred = find_predicate(s.predicate)->id;
    for (Argument& a : s.args) {
      if (a.is_point) {
        const std::string& name = parsed->point_name(a.point);
        const auto it = std::find(problem.point_names.begin(), problem.point_names.end(), name);
        a.point = PointId(static_cast<std::uint32_t>(it - problem.point_names.begin()));
        c.args.push_back(a.point);
      } else {
        c.number = a.number;
      }
      a.loc = {};
    }
    s.loc = {};
    c.statement = std::move(s);
    out.push_back(std::move(c));
  }
  return out;
}

std::string claim_key(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) {
  std::string key(predicate_info(pred).name);
  for (PointId p : normalize(pred, args)) key += " " + std::to_string(p.value);
  if (number) key += " " + (number->den != 0 ? std::to_string(number->num) + "/" + std::to_string(number->den)
                                             : std::to_string(number->value));
  return key;
}

Problem with_goals(const Problem& problem, const std::vector<Claim>& goals) {
  Problem out = problem;
  out.goals.clear();
  for (const Claim& c : goals) out.goals.push_back(c.statement);
  return out;
}

}  // namespace api

namespace {

std::string key_of(const api::Claim& c) { return api::claim_key(c.pred, c.args, c.number); }

Statement statement_of(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) {
  Statement s;
  s.predicate = std::string(predicate_info(pred).name);
  for (PointId p : args) s.args.push_back(Argument{true, p, {}, {}});
  if (number) s.args.push_back(Argument{false, {}, *number, {}});
  return s;
}

// "premises => conclusion" split at the arrow; no arrow: no premises.
Expected<std::pair<std::string_view, std::string_view>> split_arrow(std::string_view claim) {
  for (std::string_view arrow : {"=>", "\u21d2"}) {
    const std::size_t at = claim.find(arrow);
    if (at == std::string_view::npos) continue;
    std::string_view rest = claim.substr(at + arrow.size());
    if (rest.find("=>") != std::string_view::npos || rest.find("\u21d2") != std::string_view::npos) {
      Error e;
      e.message = "more than one '=>' in the claim";
      e.hint = "write 'premise, premise => conclusion'";
      return e;
    }
    return std::pair{claim.substr(0, at), rest};
  }
  return std::pair{std::string_view{}, claim};
}

// What deduction knows about `target` (the problem with the claims as its
// goals) on the figure: the engine, run, and the rule instances true in the
// figure. Kept together: the engine refers to the problem and the figure.
struct Deduction {
  Problem target;
  Diagram figure;
  std::unique_ptr<engine::Engine> engine;
  engine::StopReason stop = engine::StopReason::Saturated;
  std::vector<engine::Instance> instances;
};

std::unique_ptr<Deduction> deduce(Problem target, Diagram figure, const Library::Data& data,
                                  const SolveOptions& options, const std::atomic<bool>* cancel) {
  auto d = std::make_unique<Deduction>();
  d->target = std::move(target);
  d->figure = std::move(figure);
  const engine::EngineOptions eopt = api::pipeline_options(options).search.engine;
  d->engine = std::make_unique<engine::Engine>(d->target, d->figure, data.catalogue, data.rules, eopt);
  d->stop = d->engine->run(cancel);
  std::vector<PointId> ids;
  std::vector<geo::Vec2> coords;
  for (std::size_t i = 0; i < d->figure.points.size(); ++i)
    if (d->figure.built[i]) ids.emplace_back(static_cast<std::uint32_t>(i)), coords.push_back(d->figure.points[i]);
  engine::MatchStats ms;
  d->instances = engine::match_rules(data.rules, ids, coords, Tolerance{}, eopt.max_instances, options.time_limit_s,
                                     ms, cancel);
  return d;
}

// What check_step says of the route from the constructions to the claim.
void describe_route(StepCheck& out, const api::Routes& routes, int node) {
  const std::string claim = routes.people(node);
  if (routes.known(node)) {
    out.steps_needed = 0;
    const std::optional<int> clause = routes.given_clause(node);
    out.given_by = routes.given_by(node);
    if (!out.given_by.empty()) out.given_clause = *clause + 1;
    else out.given_by = "the constructions together";
    out.explanation = claim + " is given: " + out.given_by + ".";
    return;
  }
  out.steps_needed = routes.steps(node);
  out.step_reason = routes.reason(node);
  out.step_rule = routes.rule_name(node);
  out.step_uses = routes.uses(node);
  for (int step : routes.route(node)) out.route.push_back(routes.step_text(step));
  if (out.steps_needed == 1)
    out.explanation = claim + " follows in one step: " + routes.step_text(node) + ".";
  else
    out.explanation = claim + " needs " + std::to_string(out.steps_needed) +
                      " steps in the shortest proof found; the last: " + routes.step_text(node) + ".";
}

}  // namespace

Expected<StepCheck> Solver::check_step(const Problem& problem, std::string_view claim, const SolveOptions& options) {
  const std::atomic<bool>* cancel = begin(options);
  const Library::Data& data = *data_;
  auto parts = split_arrow(claim);
  if (!parts) return parts.error();
  std::vector<api::Claim> premises;
  if (parts->first.find_first_not_of(" \t") != std::string_view::npos) {
    auto p = api::parse_claims(parts->first, problem, data.catalogue);
    if (!p) return p.error();
    premises = std::move(*p);
  }
  auto conclusions = api::parse_claims(parts->second, problem, data.catalogue,
                                       static_cast<int>(parts->second.data() - claim.data()));
  if (!conclusions) return conclusions.error();
  if (conclusions->size() != 1) {
    Error e;
    e.message = "a claim has one conclusion, not " + std::to_string(conclusions->size());
    e.hint = "write 'premise, premise => conclusion'";
    return e;
  }
  const api::Claim& goal = conclusions->front();

  DiagramOptions dopt;
  dopt.seed = options.seed;
  auto diagram = build_diagram(problem, data.catalogue, dopt);
  if (!diagram) return diagram.error();

  StepCheck out;
  out.conclusion = to_text(problem, goal.statement);
  out.true_in_figure = statement_holds(goal.statement, *diagram);
  std::string false_premises;
  for (const api::Claim& p : premises) {
    out.premises.push_back(to_text(problem, p.statement));
    out.premises_true.push_back(statement_holds(p.statement, *diagram));
    if (!out.premises_true.back()) false_premises += (false_premises.empty() ? "" : ", ") + out.premises.back();
  }
  if (!out.true_in_figure) {  // neither follows nor derivable: the engine is sound
    out.explanation = "'" + out.conclusion + "' is false in the figure.";
    return out;
  }

  const auto d = deduce(api::with_goals(problem, {goal}), *diagram, data, options, cancel);
  engine::Engine& eng = *d->engine;
  out.derivable = d->stop == engine::StopReason::Proved;
  out.derivation_stop = api::stop_reason(d->stop, false);
  if (goal.statement.numeric_only) {
    out.explanation = "'" + out.conclusion + "' holds in the figure (" + goal.statement.predicate +
                      " is checked on figures, never proved).";
  } else if (out.derivable) {
    eng.establish(goal.pred, goal.args, goal.number);
    const api::Routes routes(eng, d->instances, {});
    if (const std::optional<int> node = routes.node(goal)) describe_route(out, routes, *node);
  } else {
    out.explanation = "'" + out.conclusion + "' is true in the figure, but deduction does not derive it from the "
                      "constructions without auxiliary points (" + to_string(out.derivation_stop) + ").";
  }
  if (!false_premises.empty()) out.explanation += " The cited " + false_premises + " is false in the figure.";
  if (premises.empty()) return out;

  // One rule step: an instance of a theorem, true in the figure, that
  // concludes the claim and whose premises are cited or given.
  std::unordered_set<std::string> cited;
  for (const api::Claim& p : premises) cited.insert(key_of(p));
  const Problem bare = api::with_goals(problem, {});
  engine::Engine givens(bare, *diagram, data.catalogue, data.rules, api::pipeline_options(options).search.engine);
  const std::string want = key_of(goal);
  std::size_t best_given = SIZE_MAX;
  for (const engine::Instance& inst : d->instances) {
    const engine::Rule& rule = data.rules.at(inst.rule);
    auto bind = [&](const engine::Atom& atom) {
      std::vector<PointId> args;
      for (int v : atom.args) args.push_back(inst.binding[v]);
      return args;
    };
    const bool concludes = std::any_of(rule.conclusions.begin(), rule.conclusions.end(), [&](const engine::Atom& c) {
      return api::claim_key(c.pred, bind(c), c.number) == want;
    });
    if (!concludes) continue;
    std::vector<std::string> given;
    bool uses_cited = false, covered = true;
    for (const engine::Atom& atom : rule.premises) {
      const std::vector<PointId> args = bind(atom);
      if (cited.count(api::claim_key(atom.pred, args, atom.number))) {
        uses_cited = true;
        continue;
      }
      const Statement s = statement_of(atom.pred, args, atom.number);
      if (!givens.knows(s)) {
        covered = false;
        break;
      }
      given.push_back(to_text(problem, s));
    }
    if (!covered || !uses_cited || given.size() >= best_given) continue;
    best_given = given.size();
    out.follows_in_one_step = true;
    out.rule = rule.name;
    out.theorem = rule.title;
    out.given = std::move(given);
  }
  if (out.follows_in_one_step) {
    out.explanation += " From the cited facts" + std::string(out.given.empty() ? "" : " and given ones") +
                       " it follows in one step [" + out.theorem + "].";
  } else {
    out.explanation += " No one theorem takes the cited facts to it.";
  }
  return out;
}

Expected<Hint> Solver::hint(const Problem& problem, const std::vector<std::string>& established,
                            const SolveOptions& options) {
  const std::atomic<bool>* cancel = begin(options);
  const Library::Data& data = *data_;
  if (problem.goals.empty()) {
    Error e;
    e.message = "the problem has no goal";
    e.hint = "write a goal after '?', e.g. '? perp a b c d'";
    return e;
  }
  DiagramOptions dopt;
  dopt.seed = options.seed;
  auto diagram = build_diagram(problem, data.catalogue, dopt);
  if (!diagram) return diagram.error();

  std::vector<api::Claim> known;
  std::unordered_set<std::string> known_keys;
  for (const std::string& text : established) {
    auto claims = api::parse_claims(text, problem, data.catalogue);
    if (!claims) return claims.error();
    for (api::Claim& c : *claims) {
      if (!statement_holds(c.statement, *diagram)) {
        Error e;
        e.message = "the established fact '" + to_text(problem, c.statement) + "' is false in the figure";
        e.token = text;
        e.hint = "check it with check_step; only true facts can be established";
        return e;
      }
      known_keys.insert(key_of(c));
      known.push_back(std::move(c));
    }
  }
  std::vector<api::Claim> goals;
  for (const Statement& g : problem.goals) {
    auto claims = api::parse_claims(to_text(problem, g), problem, data.catalogue);
    if (!claims) return claims.error();
    goals.push_back(std::move(claims->front()));
  }
  Hint hint;
  if (std::all_of(goals.begin(), goals.end(), [&](const api::Claim& g) { return known_keys.count(key_of(g)) > 0; })) {
    hint.kind = Hint::Kind::Done;
    return hint;
  }

  const auto d = deduce(problem, std::move(*diagram), data, options, cancel);
  if (d->stop != engine::StopReason::Proved) {
    // Deduction alone does not reach the goal: the auxiliary point of the
    // search's proof comes first.
    auto solved = solve(problem, options);
    if (!solved) return solved.error();
    if (solved->proof && !solved->proof->auxiliary_constructions.empty()) {
      hint.kind = Hint::Kind::AuxiliaryPoint;
      hint.construction = solved->proof->auxiliary_constructions.front();
      // The search's clauses follow the problem's in the proving node's problem.
      const Problem& extended = solved->proof->data->problem;
      const int first = static_cast<int>(problem.clauses.size());
      if (first < static_cast<int>(extended.clauses.size()))
        hint.text = api::adding_text(extended, data.catalogue, first);
    }
    return hint;  // NoneFound without one
  }
  engine::Engine& eng = *d->engine;
  for (const api::Claim& g : goals) eng.establish(g.pred, g.args, g.number);
  const api::Routes routes(eng, d->instances, known);
  for (const api::Claim& g : goals) {
    if (known_keys.count(key_of(g))) continue;
    const std::optional<int> node = routes.node(g);
    if (!node && g.statement.numeric_only) continue;  // checked on the figure: nothing to prove
    if (!node) return Hint{};                          // NoneFound (deduction proved it: a bug)
    hint.kind = Hint::Kind::Step;
    if (routes.known(*node)) {
      const std::optional<int> clause = routes.given_clause(*node);
      if (!clause) continue;  // from established facts by bookkeeping: reached
      // A given goal: to notice.
      hint.statement = routes.statement(*node);
      hint.reason = "given";
      hint.text = "notice: " + routes.annotated(*node);
      hint.given_by = routes.given_by(*node);
      hint.steps_left = 0;
      return hint;
    }
    const int step = routes.next_step(*node);
    hint.statement = routes.statement(step);
    hint.text = routes.step_text(step);
    hint.reason = routes.reason(step);
    hint.rule = routes.rule_name(step);
    hint.uses = routes.uses(step);
    hint.steps_left = routes.steps(*node);
    return hint;
  }
  hint.kind = Hint::Kind::Done;
  return hint;
}

}  // namespace pappus
