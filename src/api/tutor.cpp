// Tutoring: check_step, hint, and the statements students write.
#include <algorithm>
#include <unordered_set>
#include <utility>

#include "api/internal.hpp"
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
  for (const api::Claim& p : premises) {
    out.premises.push_back(to_text(problem, p.statement));
    out.premises_true.push_back(statement_holds(p.statement, *diagram));
  }
  if (!out.true_in_figure) return out;  // neither follows nor derivable: the engine is sound

  engine::EngineOptions eopt = api::pipeline_options(options).search.engine;
  const Problem target = api::with_goals(problem, {goal});
  {
    engine::Engine eng(target, *diagram, data.catalogue, data.rules, eopt);
    const engine::StopReason stop = eng.run(cancel);
    out.derivable = stop == engine::StopReason::Proved;
    out.derivation_stop = api::stop_reason(stop, false);
  }
  if (premises.empty()) return out;

  // One rule step: an instance of a theorem, true in the figure, that
  // concludes the claim and whose premises are cited or given.
  std::unordered_set<std::string> cited;
  for (const api::Claim& p : premises) cited.insert(key_of(p));
  const Problem bare = api::with_goals(problem, {});
  engine::Engine givens(bare, *diagram, data.catalogue, data.rules, eopt);  // not run: the constructions' facts
  std::vector<PointId> ids;
  std::vector<geo::Vec2> coords;
  for (std::size_t i = 0; i < diagram->points.size(); ++i)
    if (diagram->built[i]) ids.emplace_back(static_cast<std::uint32_t>(i)), coords.push_back(diagram->points[i]);
  engine::MatchStats ms;
  const auto instances = engine::match_rules(data.rules, ids, coords, Tolerance{}, eopt.max_instances,
                                             options.time_limit_s, ms, cancel);
  const std::string want = key_of(goal);
  std::size_t best_given = SIZE_MAX;
  for (const engine::Instance& inst : instances) {
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
  return out;
}

Expected<Hint> Solver::hint(const Problem& problem, const std::vector<std::string>& established,
                            const SolveOptions& options) {
  const Library::Data& data = *data_;
  if (problem.goals.empty()) {
    Error e;
    e.message = "the problem has no goal";
    e.hint = "write a goal after '?', e.g. '? perp a b c d'";
    return e;
  }
  std::unordered_set<std::string> known;
  for (const std::string& text : established) {
    auto claims = api::parse_claims(text, problem, data.catalogue);
    if (!claims) return claims.error();
    for (const api::Claim& c : *claims) known.insert(key_of(c));
  }
  auto key_of_text = [&](const std::string& statement) -> std::optional<std::string> {
    auto claims = api::parse_claims(statement, problem, data.catalogue);
    if (!claims || claims->size() != 1) return std::nullopt;
    return key_of(claims->front());
  };
  Hint hint;
  bool all_goals = true;
  for (const Statement& g : problem.goals) all_goals = all_goals && known.count(*key_of_text(to_text(problem, g)));
  if (all_goals) {
    hint.kind = Hint::Kind::Done;
    return hint;
  }

  auto solved = solve(problem, options);
  if (!solved) return solved.error();
  if (!solved->proof) return hint;  // NoneFound
  const Proof& proof = *solved->proof;
  if (!proof.auxiliary_constructions.empty()) {
    hint.kind = Hint::Kind::AuxiliaryPoint;
    hint.construction = proof.auxiliary_constructions.front();
    return hint;
  }
  // Steps the student has: premises, established facts, and the
  // bookkeeping steps (same line, definition, part) over steps they have.
  std::vector<bool> done(proof.steps.size() + 1, false);
  for (const ProofStep& s : proof.steps) {
    bool have = s.kind == ProofStep::Kind::Premise;
    if (!have) {
      const auto key = key_of_text(s.statement);
      have = key && known.count(*key);
    }
    if (!have && s.kind != ProofStep::Kind::Rule && s.kind != ProofStep::Kind::Algebra)
      have = std::all_of(s.uses.begin(), s.uses.end(), [&](int u) { return done[u]; });
    done[s.number] = have;
    if (have) continue;
    // The first step missing: every step it uses comes earlier, so the
    // student has them all; bookkeeping steps over those would be done.
    hint.kind = Hint::Kind::Step;
    hint.statement = s.statement;
    hint.text = s.text;
    hint.reason = s.kind == ProofStep::Kind::Rule ? s.theorem : "algebra (angle chasing, ratios)";
    for (int u : s.uses) hint.uses.push_back(proof.steps[u - 1].statement);
    return hint;
  }
  hint.kind = Hint::Kind::Done;
  return hint;
}

}  // namespace pappus
