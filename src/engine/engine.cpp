// The engine's state: construction (from a problem, or continuing a parent
// engine on an extended problem), the problem's given facts, and the
// questions the search and the proof extraction ask it.
#include "engine/engine.hpp"

namespace pappus::engine {

const char* to_string(StopReason r) {
  switch (r) {
    case StopReason::Proved: return "proved";
    case StopReason::Saturated: return "saturated";
    case StopReason::TimeLimit: return "time limit";
    case StopReason::FactLimit: return "fact limit";
    case StopReason::PointLimit: return "point limit";
    case StopReason::MemoryLimit: return "memory limit";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::NodeLimit: return "node limit";
  }
  return "?";
}

Engine::Engine(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue, const RuleBook& rules,
               EngineOptions options)
    : problem_(problem), diagram_(diagram), catalogue_(catalogue), rules_(rules), options_(options) {
  add_givens(0);
}

Engine::Engine(const Engine& parent, const Problem& problem, const Diagram& diagram)
    : problem_(problem),
      diagram_(diagram),
      catalogue_(parent.catalogue_),
      rules_(parent.rules_),
      options_(parent.options_),
      facts_(parent.facts_),
      keys_(parent.keys_),
      constants_(parent.constants_),
      lines_(parent.lines_),
      circles_(parent.circles_),
      angles_(parent.angles_),
      theta_(parent.theta_),
      ratios_(parent.ratios_),
      segment_vars_(parent.segment_vars_),
      line_version_(parent.line_version_),
      circle_version_(parent.circle_version_),
      distances_(parent.distances_),
      distance_facts_(parent.distance_facts_),
      fired_(parent.fired_),
      stats_(parent.stats_) {
  options_.include_auxiliary = true;
  stats_.per_round.clear();
  add_givens(parent.problem_.clauses.size());
}

std::string Engine::fact_text(const Fact& f) const {
  std::string s(predicate_info(f.pred).name);
  for (PointId p : f.args) s += " " + problem_.point_name(p);
  if (f.number) s += " " + f.number->text;
  return s;
}

void Engine::add_givens(std::size_t first_clause) {
  for (std::size_t ci = first_clause; ci < problem_.clauses.size(); ++ci) {
    const Clause& clause = problem_.clauses[ci];
    if (clause.auxiliary && !options_.include_auxiliary) continue;
    for (const ConstructionUse& use : clause.constructions) {
      const dsl::Construction& c = catalogue_.at(use.catalogue_index);
      for (const dsl::FactTemplate& t : c.asserts) {
        std::vector<PointId> args;
        for (int a : t.args) args.push_back(use.args[a].point);
        std::optional<Constant> number = t.literal;
        if (t.number >= 0) number = use.args[t.number].number;
        Justification why;
        why.kind = Justification::Kind::Given;
        why.clause = static_cast<int>(ci);
        add_fact(t.pred, std::move(args), std::move(number), std::move(why));
      }
    }
  }
}

std::optional<FactId> Engine::establish(Pred pred, const std::vector<PointId>& args,
                                        const std::optional<Constant>& number) {
  if (predicate_info(pred).check_only || !derive(pred, args, number, false).ok) return std::nullopt;
  return materialize(pred, args, number);
}

bool Engine::knows(const Statement& s) {
  const PredicateInfo* info = find_predicate(s.predicate);
  if (!info || info->check_only) return false;
  std::vector<PointId> args;
  std::optional<Constant> number;
  for (const Argument& a : s.args) {
    if (a.is_point) args.push_back(a.point);
    else number = a.number;
  }
  return derive(info->id, args, number, false).ok;
}

}  // namespace pappus::engine
