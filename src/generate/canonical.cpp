// Candidate theorems in canonical names: the clauses a statement needs, its
// points renamed in order of appearance, its goal in normal order.
#include "generate/internal.hpp"

namespace pappus::generate {

namespace {

void append_clause(std::string& out, const Clause& clause, const std::vector<std::string>& names) {
  for (PointId x : clause.points) out += names[x.value] + " ";
  out += "=";
  bool first = true;
  for (const auto& use : clause.constructions) {
    out += first ? " " : ", ";
    first = false;
    out += use.name;
    for (const auto& a : use.args) out += " " + (a.is_point ? names[a.point.value] : a.number.text);
  }
}

}  // namespace

Dependencies::Dependencies(const Problem& p) : problem_(p), defined_by_(p.point_count(), -1) {
  for (std::size_t c = 0; c < p.clauses.size(); ++c)
    for (PointId x : p.clauses[c].points) defined_by_[x.value] = static_cast<int>(c);
}

std::set<int> Dependencies::closure(std::set<int> clauses) const {
  std::vector<int> stack(clauses.begin(), clauses.end());
  while (!stack.empty()) {
    const int c = stack.back();
    stack.pop_back();
    for (const auto& use : problem_.clauses[c].constructions)
      for (const auto& a : use.args)
        if (a.is_point)
          if (const int d = defined_by_[a.point.value]; d >= 0 && d != c && clauses.insert(d).second) stack.push_back(d);
  }
  return clauses;
}

std::set<int> Dependencies::of_points(const std::vector<PointId>& pts) const {
  std::set<int> s;
  for (PointId p : pts)
    if (defined_by_[p.value] >= 0) s.insert(defined_by_[p.value]);
  return closure(std::move(s));
}

Candidate canonical(const Problem& p, const Split& split, const engine::Fact& f) {
  std::vector<std::string> names(p.point_count());
  std::vector<std::uint32_t> rank(p.point_count(), 0);
  std::uint32_t next = 0;
  for (const auto* list : {&split.premises, &split.aux})
    for (int c : *list)
      for (PointId x : p.clauses[c].points) {
        rank[x.value] = next;
        names[x.value] = canonical_name(next++);
      }
  Candidate cand;
  cand.points = static_cast<int>(next);
  for (int c : split.premises) {
    if (!cand.premises.empty()) cand.premises += "; ";
    append_clause(cand.premises, p.clauses[c], names);
  }
  for (int c : split.aux) append_clause(cand.aux.emplace_back(), p.clauses[c], names);
  // The goal's arguments in normal order over the canonical names.
  std::vector<PointId> ranked;
  for (PointId x : f.args) ranked.emplace_back(rank[x.value]);
  cand.goal = std::string(predicate_info(f.pred).name);
  for (PointId x : normalize(f.pred, ranked)) cand.goal += " " + canonical_name(x.value);
  if (f.number) cand.goal += " " + f.number->text;
  return cand;
}

}  // namespace pappus::generate
