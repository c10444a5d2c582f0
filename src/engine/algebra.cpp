// The algebraic tables' side of a fact: its statement as linear equations
// over line directions (angles, in units of pi) and log-lengths (ratios).
#include <cmath>

#include "engine/engine.hpp"
#include "engine/equations.hpp"

namespace pappus::engine {

int Engine::line_var(PointId a, PointId b) { return lines_.root(lines_.line(a, b)); }

int Engine::segment_var(PointId a, PointId b) {
  if (b < a) std::swap(a, b);
  const std::uint64_t k = (static_cast<std::uint64_t>(a.value) << 32) | b.value;
  auto [it, fresh] = segment_vars_.try_emplace(k, static_cast<int>(segment_vars_.size()));
  return it->second;
}

// sum of signs[i] * direction(line of points 2i, 2i+1)
std::optional<Expr> Engine::angle_expr(const std::vector<PointId>& p, const std::vector<int>& signs) {
  std::vector<std::pair<int, Rational>> terms;
  for (std::size_t i = 0; i < signs.size(); ++i) {
    if (p[2 * i] == p[2 * i + 1]) return std::nullopt;
    terms.emplace_back(line_var(p[2 * i], p[2 * i + 1]), Rational(signs[i]));
  }
  return make_expr(std::move(terms));
}

std::optional<Expr> Engine::ratio_expr(const std::vector<PointId>& p, const std::vector<int>& signs) {
  std::vector<std::pair<int, Rational>> terms;
  for (std::size_t i = 0; i < signs.size(); ++i) {
    if (p[2 * i] == p[2 * i + 1]) return std::nullopt;
    terms.emplace_back(segment_var(p[2 * i], p[2 * i + 1]), Rational(signs[i]));
  }
  return make_expr(std::move(terms));
}

double Engine::theta(int line) {
  if (line >= static_cast<int>(theta_.size())) theta_.resize(line + 1, -1);
  if (theta_[line] < 0) {
    const auto& pts = lines_.points(line);
    const geo::Vec2 d = diagram_.at(pts[1]) - diagram_.at(pts[0]);
    double t = std::atan2(d.y(), d.x()) / geo::kPi;  // (-1, 1]
    t -= std::floor(t);                              // [0, 1)
    theta_[line] = t;
  }
  return theta_[line];
}

// Directed angles are only known mod pi. Each line's direction has one real
// representative in the diagram (theta), so an equation that holds mod 1
// holds exactly over the reals once its constant absorbs the integer the
// diagram shows; elimination over the rationals is then sound, and no
// integrality of combinations is needed.
Rational Engine::lift(const Expr& e, const Rational& k) {
  double s = k.to_double();
  for (const Term& t : e) s += t.coef.to_double() * theta(t.var);
  return k - Rational(static_cast<std::int64_t>(std::llround(s)));
}

// The linear equations a statement stands for (the predicate table's), each
// as expr + k = 0; false when one has no expression (a segment from a point
// to itself) or no exact constant.
bool Engine::equation(Pred pred, const std::vector<PointId>& a, const std::optional<Constant>& number,
                      std::vector<std::pair<Expr, Rational>>* angles,
                      std::vector<std::pair<Expr, LogConst>>* ratios) {
  const PredicateInfo& info = predicate_info(pred);
  if (info.equations.empty()) return false;
  std::vector<PointId> pts;
  std::vector<int> signs;
  pts.reserve(8);
  signs.reserve(4);
  for (const Equation& eq : info.equations) {
    pts.clear();
    signs.clear();
    for (std::size_t i = 0; i < eq.count; ++i) {
      pts.push_back(a[eq.terms[i].p]);
      pts.push_back(a[eq.terms[i].q]);
      signs.push_back(eq.terms[i].sign);
    }
    if (eq.table == Equation::Table::Angles) {
      auto k = angle_constant(eq, number);
      auto e = k ? angle_expr(pts, signs) : std::nullopt;
      if (!e) return false;
      angles->emplace_back(std::move(*e), std::move(*k));
    } else {
      auto k = ratio_constant(eq, number);
      auto e = k ? ratio_expr(pts, signs) : std::nullopt;
      if (!e) return false;
      ratios->emplace_back(std::move(*e), std::move(*k));
    }
  }
  return true;
}

}  // namespace pappus::engine
