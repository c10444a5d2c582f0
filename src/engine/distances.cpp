// Distances along one line: signed positions of its points, with the
// midpoints, equal and proportional segments on it as linear equations.
#include <algorithm>
#include <numeric>

#include "engine/engine.hpp"

namespace pappus::engine {

// The position equation of a midp, cong or rconst whose points all lie on
// the table's line; signs come from the diagram (the direction of each
// segment along the line), so the equation is exact over the reals. The
// equation does not depend on the order of the statement's arguments: each
// segment is read from its smaller point id to its larger, and the two
// segments of a cong in id order (the checker writes the same equation).
bool Engine::distance_equation(Distances& d, const Fact& f, Expr& e) {
  auto x = [&](PointId p) {
    auto [it, fresh] = d.var.try_emplace(p.value, static_cast<int>(d.var.size()));
    return it->second;
  };
  const auto& a = f.args;
  std::vector<std::pair<int, Rational>> terms;
  switch (predicate_info(f.pred).distance) {
    case Distance::Midpoint:  // 2 x_m - x_a - x_b = 0
      terms = {{x(a[0]), Rational(2)}, {x(a[1]), Rational(-1)}, {x(a[2]), Rational(-1)}};
      break;
    case Distance::Segments: {  // x_q - x_p = s r (x_v - x_u) for segments pq, uv
      Rational r(1);
      if (predicate_info(f.pred).number) {
        if (!f.number || f.number->den <= 0) return false;
        r = Rational(f.number->num, f.number->den);
      }
      auto [p, q, u, v] = distance_segments(f.pred, a);
      const geo::Vec2 pq = diagram_.at(q) - diagram_.at(p), uv = diagram_.at(v) - diagram_.at(u);
      if (pq.dot(uv) < 0) r = -r;
      terms = {{x(q), Rational(1)}, {x(p), Rational(-1)}, {x(v), -r}, {x(u), r}};
      break;
    }
    case Distance::None: return false;
  }
  e = make_expr(std::move(terms));
  return true;
}

void Engine::feed_distances(FactId id) {
  const Fact& f = facts_[id.value];
  std::vector<PointId> pts = f.args;
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  const int root = pts.size() >= 2 ? lines_.find_containing(pts) : -1;
  if (pts.size() < 3 || (predicate_info(f.pred).distance != Distance::Midpoint && root < 0)) return;
  distance_facts_.push_back(id);
  if (root < 0) return;  // a midp's line arrives with its coll part
  auto it = distances_.find(root);
  if (it == distances_.end()) return rebuild_distances(root);
  Expr e;
  if (distance_equation(it->second, facts_[id.value], e)) it->second.table.add(e, Rational(0), id.value);
}

// A line changed (merged or new): its table is rebuilt from every fact
// about lengths on it.
void Engine::rebuild_distances(int root) {
  Distances d;
  for (FactId id : distance_facts_) {
    const Fact& f = facts_[id.value];
    if (lines_.find_containing(f.args) != root) continue;
    Expr e;
    if (distance_equation(d, f, e)) d.table.add(e, Rational(0), id.value);
  }
  distances_.insert_or_assign(root, std::move(d));
}

std::optional<Combination> Engine::distance_implies(const Fact& query) {
  const int root = lines_.find_containing(query.args);
  if (root < 0) return std::nullopt;
  auto it = distances_.find(root);
  if (it == distances_.end()) return std::nullopt;
  Distances& d = it->second;
  for (PointId p : query.args)
    if (!d.var.count(p.value)) return std::nullopt;
  Expr e;
  if (!distance_equation(d, query, e)) return std::nullopt;
  return d.table.implies(e, Rational(0));
}

// Equal and proportional segments (ratios p/q with small p, q) that the
// distance tables imply join the ratio table as facts.
std::int64_t Engine::propagate_distances() {
  std::int64_t added = 0;
  std::vector<int> roots;
  for (const auto& [root, d] : distances_)
    if (d.table.rows() > 0) roots.push_back(root);
  std::sort(roots.begin(), roots.end());
  for (int root : roots) {
    std::vector<PointId> pts;
    for (const auto& [p, v] : distances_[root].var) pts.emplace_back(p);
    std::sort(pts.begin(), pts.end());
    std::vector<std::pair<PointId, PointId>> segs;
    for (std::size_t i = 0; i < pts.size(); ++i)
      for (std::size_t j = i + 1; j < pts.size(); ++j) segs.emplace_back(pts[i], pts[j]);
    for (std::size_t i = 0; i < segs.size(); ++i)
      for (std::size_t j = 0; j < segs.size(); ++j) {
        if (i == j) continue;
        const double l1 = (diagram_.at(segs[i].second) - diagram_.at(segs[i].first)).norm();
        const double l2 = (diagram_.at(segs[j].second) - diagram_.at(segs[j].first)).norm();
        // The smallest p/q (p, q <= 4) equal to l1 / l2, if any.
        std::optional<Constant> ratio;
        for (int q = 1; q <= 4 && !ratio; ++q)
          for (int p = 1; p <= 4 && !ratio; ++p)
            if (std::gcd(p, q) == 1 && std::abs(l1 * q - l2 * p) <= tolerance::kRoundoff * (l1 + l2) * (p + q))
              ratio = Constant{std::to_string(p) + "/" + std::to_string(q), NumberKind::Ratio,
                               static_cast<double>(p) / q, p, q};
        if (!ratio) continue;
        const bool equal = ratio->num == 1 && ratio->den == 1;
        if (equal && j < i) continue;  // cong is symmetric
        Fact q{equal ? Pred::Cong : Pred::RConst,
               {segs[i].first, segs[i].second, segs[j].first, segs[j].second},
               equal ? std::nullopt : ratio,
               {}, {}};
        if (derive(q.pred, q.args, q.number, false).ok) continue;
        auto comb = distance_implies(q);
        if (!comb) continue;
        Justification why;
        why.kind = Justification::Kind::Algebra;
        why.table = Justification::Table::Distances;
        for (auto& [src, coef] : comb->sources) {
          why.premises.push_back(FactId(src));
          why.coefficients.push_back(coef);
        }
        cite_lines(q.args, why, true);
        add_fact(q.pred, q.args, q.number, std::move(why));
        ++added;
      }
  }
  return added;
}

}  // namespace pappus::engine
