// The algebraic tables' side of a fact: its statement as linear equations
// over line directions (angles, in units of pi) and log-lengths (ratios).
#include <cmath>

#include "engine/engine.hpp"

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

std::optional<Rational> Engine::angle_const(const Constant& c) const {
  if (c.den <= 0) return std::nullopt;  // not exact (decimal degrees)
  return Rational(c.num, c.den);
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

std::optional<LogConst> Engine::log_const(const Constant& c, int power) const {
  if (c.den <= 0 || c.num <= 0) return std::nullopt;
  return LogConst::of(c.num, c.den) * Rational(1, power);
}

// The linear equations a fact stands for, each as expr + k = 0.
bool Engine::equation(Pred pred, const std::vector<PointId>& a, const std::optional<Constant>& number,
                      std::vector<std::pair<Expr, Rational>>* angles,
                      std::vector<std::pair<Expr, LogConst>>* ratios) {
  auto angle = [&](std::vector<PointId> pts, std::vector<int> signs, Rational k) {
    auto e = angle_expr(pts, signs);
    if (!e) return false;
    angles->emplace_back(std::move(*e), k);
    return true;
  };
  auto ratio = [&](std::vector<PointId> pts, std::vector<int> signs, LogConst k) {
    auto e = ratio_expr(pts, signs);
    if (!e) return false;
    ratios->emplace_back(std::move(*e), k);
    return true;
  };
  switch (pred) {
    case Pred::Para: return angle({a[0], a[1], a[2], a[3]}, {1, -1}, {});
    case Pred::Perp: return angle({a[0], a[1], a[2], a[3]}, {1, -1}, Rational(1, 2));
    case Pred::EqAngle: return angle({a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]}, {1, -1, -1, 1}, {});
    case Pred::AConst: {
      // d(cd) - d(ab) = r
      auto k = number ? angle_const(*number) : std::nullopt;
      return k && angle({a[2], a[3], a[0], a[1]}, {1, -1}, -*k);
    }
    case Pred::Cong: return ratio({a[0], a[1], a[2], a[3]}, {1, -1}, {});
    case Pred::EqRatio: return ratio({a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]}, {1, -1, -1, 1}, {});
    case Pred::RConst:
    case Pred::R2Const: {
      auto k = number ? log_const(*number, pred == Pred::RConst ? 1 : 2) : std::nullopt;
      return k && ratio({a[0], a[1], a[2], a[3]}, {1, -1}, -*k);
    }
    case Pred::LConst:
    case Pred::L2Const: {
      auto k = number ? log_const(*number, pred == Pred::LConst ? 1 : 2) : std::nullopt;
      return k && ratio({a[0], a[1]}, {1}, -*k);
    }
    case Pred::Midp:  // MA = MB and MA / AB = 1/2
      return ratio({a[0], a[1], a[0], a[2]}, {1, -1}, {}) &&
             ratio({a[0], a[1], a[1], a[2]}, {1, -1}, -LogConst::of(1, 2));
    case Pred::Circle:
      return ratio({a[0], a[1], a[0], a[2]}, {1, -1}, {}) && ratio({a[0], a[1], a[0], a[3]}, {1, -1}, {});
    case Pred::SimTri:
    case Pred::SimTri2:
    case Pred::Contri:
    case Pred::Contri2: {
      const bool mirror = pred == Pred::SimTri2 || pred == Pred::Contri2;
      const PointId A = a[0], B = a[1], C = a[2], P = a[3], Q = a[4], R = a[5];
      const bool ok = angle({B, A, B, C, Q, P, Q, R}, {1, -1, mirror ? 1 : -1, mirror ? -1 : 1}, {}) &&
                      angle({C, A, C, B, R, P, R, Q}, {1, -1, mirror ? 1 : -1, mirror ? -1 : 1}, {}) &&
                      ratio({B, A, B, C, Q, P, Q, R}, {1, -1, -1, 1}, {}) &&
                      ratio({C, A, C, B, R, P, R, Q}, {1, -1, -1, 1}, {});
      if (pred == Pred::Contri || pred == Pred::Contri2) return ok && ratio({A, B, P, Q}, {1, -1}, {});
      return ok;
    }
    default: return false;
  }
}

}  // namespace pappus::engine
