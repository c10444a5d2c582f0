#include "proof/proof.hpp"

#include "proof/configuration.hpp"

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>

namespace pappus::proof {

namespace {

using engine::FactId;
using JKind = engine::Justification::Kind;

// Whether the point sets, merged while they share `overlap` points, put
// all of `target` in one set.
bool covers(std::vector<std::vector<PointId>> sets, const std::vector<PointId>& target, std::size_t overlap) {
  for (auto& s : sets) std::sort(s.begin(), s.end());
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < sets.size() && !merged; ++i)
      for (std::size_t j = i + 1; j < sets.size() && !merged; ++j) {
        std::vector<PointId> common;
        std::set_intersection(sets[i].begin(), sets[i].end(), sets[j].begin(), sets[j].end(),
                              std::back_inserter(common));
        if (common.size() < overlap) continue;
        std::vector<PointId> u;
        std::set_union(sets[i].begin(), sets[i].end(), sets[j].begin(), sets[j].end(), std::back_inserter(u));
        sets[i] = std::move(u);
        sets.erase(sets.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
  }
  for (const auto& s : sets)
    if (std::all_of(target.begin(), target.end(), [&](PointId p) { return std::binary_search(s.begin(), s.end(), p); }))
      return true;
  return false;
}

// The points a fact puts on one line (coll, midp) or circle (cyclic).
std::vector<PointId> object_points(const engine::Fact& f, Locus locus) {
  if (predicate_info(f.pred).locus == locus) return f.args;
  return {};
}

// A same-line/same-circle justification cites every fact that built the
// line; keep only a subset that still places the points together.
std::vector<FactId> prune_object(const engine::Engine& eng, const engine::Fact& f) {
  std::vector<FactId> keep = f.why.premises;
  const PredicateInfo& info = predicate_info(f.pred);
  if (!point_set(info)) return keep;
  const std::size_t overlap = info.locus == Locus::Line ? 2 : 3;
  auto sets_of = [&](const std::vector<FactId>& ids) {
    std::vector<std::vector<PointId>> sets;
    for (FactId id : ids) sets.push_back(object_points(eng.fact(id), info.locus));
    return sets;
  };
  if (!covers(sets_of(keep), f.args, overlap)) return keep;  // leave as is
  for (std::size_t i = keep.size(); i-- > 0;) {
    std::vector<FactId> without = keep;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
    if (covers(sets_of(without), f.args, overlap)) keep = std::move(without);
  }
  return keep;
}

// Statements equal up to the order of their arguments.
bool same(const Step& a, const Step& b) {
  const auto ta = a.number_arg ? a.number_arg->text : "", tb = b.number_arg ? b.number_arg->text : "";
  return a.pred == b.pred && ta == tb && normalize(a.pred, a.args) == normalize(b.pred, b.args);
}

Step::Kind kind_of(JKind k) {
  switch (k) {
    case JKind::Given: return Step::Kind::Premise;
    case JKind::Rule: return Step::Kind::Rule;
    case JKind::Algebra: return Step::Kind::Algebra;
    case JKind::Structure: return Step::Kind::SameObject;
    case JKind::Composite: return Step::Kind::Definition;
    case JKind::Component: return Step::Kind::Part;
  }
  return Step::Kind::Premise;
}

Step::Table table_of(engine::Justification::Table t) {
  switch (t) {
    case engine::Justification::Table::None: return Step::Table::None;
    case engine::Justification::Table::Angles: return Step::Table::Angles;
    case engine::Justification::Table::Ratios: return Step::Table::Ratios;
    case engine::Justification::Table::Distances: return Step::Table::Distances;
  }
  return Step::Table::None;
}

// Steps that only restate one cited step (A, D, H collinear from H, A, D
// collinear; CH ⊥ AB from HC ⊥ AB) are dropped: later steps cite the
// original. A goal restated keeps its own wording as the last step.
void collapse_restatements(Proof& proof) {
  std::vector<int> alias(proof.steps.size() + 1, 0);
  std::vector<int> sign(proof.steps.size() + 1, 1);  // an equation restated reversed is -1 times the original
  std::vector<Step::Table> table(proof.steps.size() + 1, Step::Table::None);  // ... in this table's equations
  std::vector<Step> kept;
  std::vector<char> goal(proof.steps.size() + 1, 0);
  for (int g : proof.goals) goal[g] = 1;
  for (Step& s : proof.steps) {
    for (std::size_t i = 0; i < s.uses.size(); ++i) {
      if (s.kind == Step::Kind::Algebra && sign[s.uses[i]] < 0 && table[s.uses[i]] == s.table) {
        std::string& c = s.coefficients[i];
        if (c != "0") c = c[0] == '-' ? c.substr(1) : "-" + c;
      }
      s.uses[i] = alias[s.uses[i]];
    }
    const bool algebra_restates = s.kind == Step::Kind::Algebra && s.uses.size() == 1 &&
                                  (s.coefficients[0] == "1" || s.coefficients[0] == "-1");
    const bool restates = !s.uses.empty() && !goal[s.number] &&
                          (s.kind == Step::Kind::SameObject || algebra_restates) && same(kept[s.uses[0] - 1], s);
    if (restates) {
      alias[s.number] = s.uses[0];
      sign[s.number] = algebra_restates && s.coefficients[0] == "-1" ? -1 : 1;
      table[s.number] = s.table;
      continue;
    }
    alias[s.number] = static_cast<int>(kept.size()) + 1;
    s.number = alias[s.number];
    kept.push_back(std::move(s));
  }
  for (int& g : proof.goals) g = alias[g];
  proof.steps = std::move(kept);
}

}  // namespace

Proof extract(const engine::Engine& eng) { return extract(eng, eng.goal_facts()); }

Proof extract(const engine::Engine& eng, const std::vector<engine::FactId>& targets) {
  const auto& facts = eng.facts();
  // Premises of each needed fact (pruned), found from the goals.
  std::vector<std::vector<FactId>> uses(facts.size());
  std::vector<char> needed(facts.size(), 0);
  std::vector<FactId> stack = targets;
  while (!stack.empty()) {
    const FactId id = stack.back();
    stack.pop_back();
    if (needed[id.value]) continue;
    needed[id.value] = 1;
    const engine::Fact& f = facts[id.value];
    uses[id.value] = f.why.kind == JKind::Structure ? prune_object(eng, f) : f.why.premises;
    for (FactId p : uses[id.value]) stack.push_back(p);
  }

  // The dependency DAG of the needed facts, in topological order.
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < facts.size(); ++i)
    if (needed[i]) ids.push_back(i);
  std::vector<int> vertex(facts.size(), -1);
  for (std::size_t v = 0; v < ids.size(); ++v) vertex[ids[v]] = static_cast<int>(v);
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(ids.size());
  for (std::size_t v = 0; v < ids.size(); ++v)
    for (FactId p : uses[ids[v]]) boost::add_edge(v, static_cast<std::size_t>(vertex[p.value]), g);
  std::vector<std::size_t> order;  // dependencies first
  boost::topological_sort(g, std::back_inserter(order));

  Proof proof;
  const Problem& problem = eng.problem();
  std::vector<int> number(facts.size(), 0);
  for (std::size_t v : order) {
    const std::uint32_t id = ids[v];
    const engine::Fact& f = facts[id];
    Step s;
    s.number = static_cast<int>(proof.steps.size()) + 1;
    number[id] = s.number;
    s.pred = f.pred;
    s.args = f.args;
    s.number_arg = f.number;
    s.kind = kind_of(f.why.kind);
    s.table = table_of(f.why.table);
    s.clause = f.why.clause;
    if (s.kind == Step::Kind::Premise && s.clause >= 0) s.auxiliary = problem.clauses[s.clause].auxiliary;
    if (s.kind == Step::Kind::Rule) {
      const auto& rule = eng.rules().at(f.why.rule);
      s.rule = rule.name;
      s.title = rule.title;
      s.binding = f.binding;
    }
    for (std::size_t k = 0; k < uses[id].size(); ++k) {
      s.uses.push_back(number[uses[id][k].value]);
      if (s.kind == Step::Kind::Algebra) s.coefficients.push_back(f.why.coefficients[k].to_string());
    }
    proof.steps.push_back(std::move(s));
  }
  for (FactId goal : targets) proof.goals.push_back(number[goal.value]);
  collapse_restatements(proof);
  // The segment directions a distance step relies on, read off the figure
  // the engine worked on (after collapsing: the statements are final).
  // So are the integer lifts of the angle equations it sums.
  for (Step& s : proof.steps) {
    if (s.kind != Step::Kind::Algebra) continue;
    auto record = [&](const Step& st) {
      if (s.table == Step::Table::Distances) s.signs.push_back(direction_sign(st.pred, st.args, eng.diagram()));
      if (s.table == Step::Table::Angles)
        s.lifts.push_back(angle_lift(st.pred, st.args, st.number_arg, eng.diagram()).value_or(0));
    };
    record(s);
    for (int u : s.uses) record(proof.steps[static_cast<std::size_t>(u - 1)]);
  }
  for (const Step& s : proof.steps) {
    if (s.kind != Step::Kind::Premise || s.clause < 0) continue;
    auto& list = s.auxiliary ? proof.auxiliary_clauses : proof.premise_clauses;
    if (std::find(list.begin(), list.end(), s.clause) == list.end()) list.push_back(s.clause);
  }
  std::sort(proof.premise_clauses.begin(), proof.premise_clauses.end());
  std::sort(proof.auxiliary_clauses.begin(), proof.auxiliary_clauses.end());
  for (int c : proof.auxiliary_clauses)
    for (PointId p : problem.clauses[c].points) proof.auxiliary_points.push_back(p);
  return proof;
}

const char* to_string(Step::Table table) {
  switch (table) {
    case Step::Table::None: return "";
    case Step::Table::Angles: return "angles";
    case Step::Table::Ratios: return "ratios";
    case Step::Table::Distances: return "distances";
  }
  return "";
}

std::string statement_text(const Problem& problem, const Step& step) {
  std::string s(predicate_info(step.pred).name);
  for (PointId p : step.args) s += " " + problem.point_name(p);
  if (step.number_arg) s += " " + step.number_arg->text;
  return s;
}

}  // namespace pappus::proof
