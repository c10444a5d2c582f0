// Candidate theorems in canonical names: the clauses a statement needs, its
// points renamed in order of appearance, the arguments of symmetric
// constructions and the goal in canonical order.
#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "generate/internal.hpp"

namespace pappus::generate {

namespace {

// The arguments of one use of construction `c` in the order its symmetries
// make canonical: points compared by `rank` (their order in the theorem),
// each declared group sorted, smallest first (blocks as tuples, after the
// groups inside them).
std::vector<Argument> canonical_args(const dsl::Construction* c, const std::vector<Argument>& args,
                                const std::vector<std::uint32_t>& rank) {
  std::vector<Argument> out = args;
  if (!c || args.size() != c->params.size()) return out;
  auto key = [&](int param) { return out[param].is_point ? rank[out[param].point.value] : 0u; };
  for (const auto& blocks : c->symmetries) {
    std::vector<std::vector<std::uint32_t>> keys;
    std::vector<std::vector<Argument>> values;
    for (const auto& block : blocks) {
      auto& k = keys.emplace_back();
      auto& v = values.emplace_back();
      for (int param : block) k.push_back(key(param)), v.push_back(out[param]);
    }
    std::vector<std::size_t> order(blocks.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return keys[x] < keys[y]; });
    for (std::size_t i = 0; i < blocks.size(); ++i)
      for (std::size_t j = 0; j < blocks[i].size(); ++j) out[blocks[i][j]] = values[order[i]][j];
  }
  return out;
}

void append_clause(std::string& out, const Clause& clause, const std::vector<std::string>& names,
                   const std::vector<std::uint32_t>& rank, const dsl::Catalogue& cat) {
  for (PointId x : clause.points) out += names[x.value] + " ";
  out += "=";
  bool first = true;
  for (const auto& use : clause.constructions) {
    out += first ? " " : ", ";
    first = false;
    out += use.name;
    for (const auto& a : canonical_args(cat.find(use.name), use.args, rank))
      out += " " + (a.is_point ? names[a.point.value] : a.number.text);
  }
}

}  // namespace

std::string goal_form(std::string_view premises, std::string_view goal) {
  auto split = [](std::string_view text, std::string_view sep) {
    std::vector<std::string_view> out;
    for (std::size_t at = 0;;) {
      const auto next = text.find(sep, at);
      out.push_back(text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
      if (next == std::string_view::npos) return out;
      at = next + sep.size();
    }
  };
  const auto words = split(goal, " ");
  if (words[0] != "coll" || words.size() != 4) return std::string(words[0]);
  // Constructions that meet two lines in one, and those that put a point on one line.
  static const std::set<std::string_view, std::less<>> meets = {
      "intersection_ll", "intersection_lp", "intersection_lt", "intersection_pp", "intersection_tt"};
  static const std::set<std::string_view, std::less<>> lines = {
      "on_line", "on_pline", "on_pline0", "on_tline", "on_bline", "on_opline", "angle_bisector", "angle_mirror",
      "lc_tangent"};
  for (std::string_view clause : split(premises, "; ")) {
    const auto eq = clause.find(" = ");
    if (eq == std::string_view::npos) continue;
    const auto points = split(clause.substr(0, eq), " ");
    if (std::none_of(points.begin(), points.end(),
                     [&](std::string_view x) { return std::find(words.begin() + 1, words.end(), x) != words.end(); }))
      continue;
    // The two other points of the goal on none of the inputs (a line through
    // one of them and the meet would be one of the two lines).
    int on_lines = 0;
    bool apart = points.size() == 1;
    for (std::string_view use : split(clause.substr(eq + 3), ", ")) {
      const auto args = split(use, " ");
      if (meets.count(args[0])) on_lines += 2;
      else if (lines.count(args[0])) ++on_lines;
      for (std::size_t i = 1; i < args.size(); ++i)
        apart = apart && (args[i] == points[0] || std::find(words.begin() + 1, words.end(), args[i]) == words.end());
    }
    if (on_lines >= 2 && apart) return std::string(kConcurrent);
  }
  return "coll";
}

std::vector<PointId> canonical_goal_args(Pred pred, std::span<const PointId> args) {
  if ((pred != Pred::EqAngle && pred != Pred::EqRatio) || args.size() != 8) return normalize(pred, args);
  // ab:cd = pq:rs is the equation ab + rs = cd + pq (line directions, or
  // logarithms of lengths): each side a set of two segments, the two sides
  // in either order. Written back from its smallest arrangement {s1, s2} =
  // {t1, t2} as s1:t1 = t2:s2.
  using Pair = std::pair<PointId, PointId>;
  auto pair = [&](std::size_t i) { return std::minmax(args[i], args[i + 1]); };
  std::array<Pair, 2> left{pair(0), pair(6)}, right{pair(2), pair(4)};
  std::sort(left.begin(), left.end());
  std::sort(right.begin(), right.end());
  if (right < left) std::swap(left, right);
  return {left[0].first, left[0].second, right[0].first, right[0].second,
          right[1].first, right[1].second, left[1].first, left[1].second};
}

bool restates_two_terms(Pred pred, std::span<const PointId> args) {
  if ((pred != Pred::EqAngle && pred != Pred::EqRatio) || args.size() != 8) return false;
  auto pair = [&](std::size_t i) { return std::minmax(args[i], args[i + 1]); };
  for (std::size_t l : {0u, 6u})
    for (std::size_t r : {2u, 4u})
      if (pair(l) == pair(r)) return true;
  return false;
}

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

Candidate canonical(const Problem& p, const Split& split, const engine::Fact& f, const dsl::Catalogue& cat) {
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
    append_clause(cand.premises, p.clauses[c], names, rank, cat);
  }
  for (int c : split.aux) append_clause(cand.aux.emplace_back(), p.clauses[c], names, rank, cat);
  // The goal's arguments in canonical order over the canonical names.
  std::vector<PointId> ranked;
  for (PointId x : f.args) ranked.emplace_back(rank[x.value]);
  cand.pred = f.pred;
  cand.goal = std::string(predicate_info(f.pred).name);
  for (PointId x : canonical_goal_args(f.pred, ranked)) cand.goal += " " + canonical_name(x.value);
  if (f.number) cand.goal += " " + f.number->text;
  cand.form = goal_form(cand.premises, cand.goal);
  return cand;
}

}  // namespace pappus::generate
