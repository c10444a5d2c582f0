#include "geometry/predicate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <complex>
#include <string>

#include <boost/container/small_vector.hpp>

namespace pappus {

namespace {

using geo::Vec2;
using NK = NumberKind;

// Sine of the angle between two directions, 2 when one is degenerate.
double sin_between(const Vec2& u, const Vec2& v) {
  const double n = u.norm() * v.norm();
  if (!(n > 0)) return 2;
  return std::abs(geo::cross(u, v)) / n;
}

double cos_between(const Vec2& u, const Vec2& v) {
  const double n = u.norm() * v.norm();
  if (!(n > 0)) return 2;
  return std::abs(u.dot(v)) / n;
}

// Relative difference of two non-negative quantities.
bool rel_equal(double x, double y, double eps) {
  const double m = std::max(std::abs(x), std::abs(y));
  return m > 0 && std::abs(x - y) <= eps * m;
}

double largest_distance(std::span<const Vec2> p) {
  double m = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) m = std::max(m, (p[i] - p[j]).norm());
  return m;
}

// Whether all points are on one line, relative to the spread of the points.
// Repeated points count once: one point alone is on a line.
bool collinear(std::span<const Vec2> p, double eps) {
  const double spread = largest_distance(p);
  if (spread == 0) return std::all_of(p.begin(), p.end(), [](const Vec2& x) { return x.allFinite(); });
  if (!(spread > 0)) return false;
  // The two farthest points define the line best.
  std::size_t a = 0, b = 1;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j)
      if ((p[i] - p[j]).norm() >= (p[a] - p[b]).norm()) a = i, b = j;
  const Vec2 d = (p[b] - p[a]) / spread;
  for (const Vec2& x : p)
    if (std::abs(geo::cross(d, x - p[a])) > eps * spread) return false;
  return true;
}

// Whether all points are on one circle. Repeated points count once, so up
// to two distinct points always are, and three are unless collinear.
bool concyclic(std::span<const Vec2> points, double eps) {
  // The distinct points, without allocating for the usual few.
  boost::container::small_vector<Vec2, 8> p;
  for (const Vec2& x : points)
    if (std::none_of(p.begin(), p.end(), [&](const Vec2& y) { return y == x; })) p.push_back(x);
  if (p.size() <= 2) return std::all_of(p.begin(), p.end(), [](const Vec2& x) { return x.allFinite(); });
  // Find three points in general position to define the circle.
  const double spread = largest_distance(std::span<const Vec2>(p.data(), p.size()));
  if (!(spread > 0)) return false;
  for (std::size_t k = 2; k < p.size(); ++k) {
    if (std::abs(geo::cross(p[1] - p[0], p[k] - p[0])) < tolerance::kRoundoff * spread * spread) continue;
    auto c = geo::circumcircle(p[0], p[1], p[k]);
    if (!c) continue;
    for (const Vec2& x : p)
      if (std::abs((x - c->c).norm() - c->r) > eps * c->r) return false;
    return true;
  }
  return false;
}

// Directed angles between lines are equal mod pi exactly when the vectors
// (u.v, u x v) of the two pairs are parallel (same or opposite direction).
bool same_angle(const Vec2& u1, const Vec2& v1, const Vec2& u2, const Vec2& v2, double eps) {
  const Vec2 z1(u1.dot(v1), geo::cross(u1, v1)), z2(u2.dot(v2), geo::cross(u2, v2));
  const double n1 = z1.squaredNorm(), n2 = z2.squaredNorm();
  if (!(n1 > 0 && n2 > 0)) return false;
  const double c = geo::cross(z1, z2);
  return c * c <= eps * eps * n1 * n2;
}

// Triangle similarity as complex ratios: (b-a)/(c-a) = (q-p)/(r-p), or its
// conjugate for opposite orientation.
bool similar(std::span<const Vec2> p, bool mirrored, const Tolerance& tol) {
  const double eps = tol.eps;
  auto z = [&](int i) { return std::complex<double>(p[i].x(), p[i].y()); };
  const auto d1 = z(2) - z(0), d2 = z(5) - z(3);
  if (std::abs(d1) == 0 || std::abs(d2) == 0) return false;
  auto s1 = (z(1) - z(0)) / d1;
  const auto s2 = (z(4) - z(3)) / d2;
  if (mirrored) s1 = std::conj(s1);
  if (std::abs(s1.imag()) < tol.separation * std::abs(s1)) return false;  // flat triangle
  return std::abs(s1 - s2) <= eps * std::max(std::abs(s1), std::abs(s2));
}


std::pair<int, int> unordered(int a, int b) { return a < b ? std::pair{a, b} : std::pair{b, a}; }

}  // namespace

bool degenerate(Pred p, std::span<const int> v) {
  switch (predicate_info(p).shape) {
    case Shape::Pairs:
      for (std::size_t i = 0; i + 1 < v.size(); i += 2)
        if (v[i] == v[i + 1]) return true;
      return false;
    case Shape::Condition: return false;
    case Shape::Triangles:
      return v[0] == v[1] || v[1] == v[2] || v[0] == v[2] || v[3] == v[4] || v[4] == v[5] || v[3] == v[5];
    case Shape::Hexagon:
      for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] == v[(i + 1) % v.size()]) return true;
      return false;
    case Shape::Points: break;
  }
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = i + 1; j < v.size(); ++j)
      if (v[i] == v[j]) return true;
  return false;
}

bool trivial(Pred p, std::span<const int> v) {
  switch (predicate_info(p).trivial) {
    case Trivial::SameSegments: return unordered(v[0], v[1]) == unordered(v[2], v[3]);
    case Trivial::SameFractions: {
      const auto a = unordered(v[0], v[1]), b = unordered(v[2], v[3]), c = unordered(v[4], v[5]),
                 d = unordered(v[6], v[7]);
      return (a == c && b == d) || (a == b && c == d);
    }
    case Trivial::SameTriangles: return v[0] == v[3] && v[1] == v[4] && v[2] == v[5];
    case Trivial::SameProducts: {
      // Sides 01, 23, 45 against 12, 34, 50, as multisets of segments.
      std::array<std::pair<int, int>, 3> up{unordered(v[0], v[1]), unordered(v[2], v[3]), unordered(v[4], v[5])};
      std::array<std::pair<int, int>, 3> down{unordered(v[1], v[2]), unordered(v[3], v[4]), unordered(v[5], v[0])};
      std::sort(up.begin(), up.end());
      std::sort(down.begin(), down.end());
      return up == down;
    }
    case Trivial::Never: break;
  }
  return false;
}

bool holds(Pred pred, std::span<const Vec2> p, double number, const Tolerance& tol) {
  const double eps = tol.eps;
  switch (pred) {
    case Pred::Coll: return collinear(p, eps);
    case Pred::Para:
    case Pred::Perp: {
      const Vec2 u = p[1] - p[0], v = p[3] - p[2];
      const double n = u.squaredNorm() * v.squaredNorm();
      if (!(n > 0)) return false;
      const double x = pred == Pred::Para ? geo::cross(u, v) : u.dot(v);
      return x * x <= eps * eps * n;
    }
    case Pred::Cong: return rel_equal((p[1] - p[0]).norm(), (p[3] - p[2]).norm(), eps);
    case Pred::Midp: {
      const double len = (p[2] - p[1]).norm();
      return len > 0 && (p[0] - (p[1] + p[2]) / 2).norm() <= eps * len;
    }
    case Pred::Circle: {
      const double r = (p[1] - p[0]).norm();
      return rel_equal(r, (p[2] - p[0]).norm(), eps) && rel_equal(r, (p[3] - p[0]).norm(), eps);
    }
    case Pred::Cyclic: return concyclic(p, eps);
    case Pred::EqAngle: return same_angle(p[1] - p[0], p[3] - p[2], p[5] - p[4], p[7] - p[6], eps);
    case Pred::EqRatio:
      return rel_equal((p[1] - p[0]).norm() * (p[7] - p[6]).norm(), (p[3] - p[2]).norm() * (p[5] - p[4]).norm(), eps);
    case Pred::AConst: {
      const Vec2 u = p[1] - p[0];
      return same_angle(u, p[3] - p[2], u, geo::rotate(u, Vec2::Zero(), number), eps);
    }
    case Pred::RConst: return rel_equal((p[1] - p[0]).norm(), number * (p[3] - p[2]).norm(), eps);
    case Pred::R2Const: return rel_equal((p[1] - p[0]).squaredNorm(), number * (p[3] - p[2]).squaredNorm(), eps);
    case Pred::LConst: return rel_equal((p[1] - p[0]).norm(), number, eps);
    case Pred::L2Const: return rel_equal((p[1] - p[0]).squaredNorm(), number, eps);
    case Pred::SimTri: return similar(p, false, tol);
    case Pred::SimTri2: return similar(p, true, tol);
    case Pred::Contri: return similar(p, false, tol) && rel_equal((p[1] - p[0]).norm(), (p[4] - p[3]).norm(), eps);
    case Pred::Contri2: return similar(p, true, tol) && rel_equal((p[1] - p[0]).norm(), (p[4] - p[3]).norm(), eps);
    case Pred::RatioProd: {
      auto side = [&](int i) { return (p[(i + 1) % 6] - p[i]).norm(); };
      return rel_equal(side(0) * side(2) * side(4), side(1) * side(3) * side(5), eps);
    }
    case Pred::NColl: return !collinear(p, tol.separation);
    case Pred::NPara: {
      const double s = sin_between(p[1] - p[0], p[3] - p[2]);
      return s > tol.separation && s <= 1;
    }
    case Pred::NPerp: {
      const double c = cos_between(p[1] - p[0], p[3] - p[2]);
      return c > tol.separation && c <= 1;
    }
    case Pred::Diff: return (p[0] - p[1]).norm() > tol.separation * std::max(1.0, p[0].norm() + p[1].norm());
    case Pred::SameSide: {
      const double s1 = (p[1] - p[0]).dot(p[2] - p[0]), s2 = (p[4] - p[3]).dot(p[5] - p[3]);
      return (s1 > 0 && s2 > 0) || (s1 < 0 && s2 < 0);
    }
    case Pred::SameClock: {
      const double s1 = geo::cross(p[1] - p[0], p[2] - p[0]), s2 = geo::cross(p[4] - p[3], p[5] - p[3]);
      const double n1 = (p[1] - p[0]).norm() * (p[2] - p[0]).norm(), n2 = (p[4] - p[3]).norm() * (p[5] - p[3]).norm();
      return (s1 > tol.separation * n1 && s2 > tol.separation * n2) || (s1 < -tol.separation * n1 && s2 < -tol.separation * n2);
    }
    case Pred::ObtuseAngle: {
      const Vec2 u = p[0] - p[1], v = p[2] - p[1];
      return u.dot(v) < -tol.separation * u.norm() * v.norm();
    }
    case Pred::Acute: {
      for (int i = 0; i < 3; ++i) {
        const Vec2 &a = p[i], &b = p[(i + 1) % 3], &c = p[(i + 2) % 3];
        if ((b - a).dot(c - a) <= tol.separation * (b - a).norm() * (c - a).norm()) return false;
      }
      return true;
    }
  }
  return false;
}

std::array<PointId, 4> distance_segments(Pred p, std::span<const PointId> args) {
  if (predicate_info(p).symmetry == Symmetry::TwoSegments) {
    const std::vector<PointId> n = normalize(p, args);
    return {n[0], n[1], n[2], n[3]};
  }
  const auto [p0, q0] = std::minmax(args[0], args[1]);
  const auto [u0, v0] = std::minmax(args[2], args[3]);
  return {p0, q0, u0, v0};
}

std::size_t normalize(Pred p, std::span<const PointId> args, std::span<PointId> out) {
  using Pair = std::pair<PointId, PointId>;
  auto pair = [&](std::size_t i) { return std::minmax(args[i], args[i + 1]); };
  switch (predicate_info(p).symmetry) {
    case Symmetry::Set: {
      std::copy(args.begin(), args.end(), out.begin());
      const auto end = out.begin() + static_cast<std::ptrdiff_t>(args.size());
      std::sort(out.begin(), end);
      return static_cast<std::size_t>(std::unique(out.begin(), end) - out.begin());
    }
    case Symmetry::TwoSegments: {
      Pair a = pair(0), b = pair(2);
      if (b < a) std::swap(a, b);
      out[0] = a.first, out[1] = a.second, out[2] = b.first, out[3] = b.second;
      return 4;
    }
    case Symmetry::TwoFractions: {
      std::array<Pair, 4> l{pair(0), pair(2), pair(4), pair(6)};
      if (std::pair(l[2], l[3]) < std::pair(l[0], l[1])) std::swap(l[0], l[2]), std::swap(l[1], l[3]);
      for (std::size_t i = 0; i < 4; ++i) out[2 * i] = l[i].first, out[2 * i + 1] = l[i].second;
      return 8;
    }
    case Symmetry::FirstAndSet:
      std::copy(args.begin(), args.end(), out.begin());
      std::sort(out.begin() + 1, out.begin() + static_cast<std::ptrdiff_t>(args.size()));
      return args.size();
    case Symmetry::TwoTriangles: {
      // The same correspondence with the vertices in any order, either
      // triangle first: the smallest of the twelve arrangements.
      static constexpr int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
      std::array<PointId, 6> best{};
      bool first = true;
      for (int swap = 0; swap < 2; ++swap)
        for (const auto& pm : perms) {
          std::array<PointId, 6> v;
          for (int i = 0; i < 3; ++i) {
            v[i] = args[(swap ? 3 : 0) + pm[i]];
            v[3 + i] = args[(swap ? 0 : 3) + pm[i]];
          }
          if (first || v < best) best = v, first = false;
        }
      std::copy(best.begin(), best.end(), out.begin());
      return 6;
    }
    case Symmetry::Hexagon: {
      // The path read from each of its six points, either way round (each
      // gives the product or its inverse): the smallest.
      std::array<PointId, 6> best{};
      for (int start = 0; start < 6; ++start)
        for (int step : {1, 5}) {
          std::array<PointId, 6> v;
          for (int i = 0; i < 6; ++i) v[i] = args[(start + step * i) % 6];
          if ((start == 0 && step == 1) || v < best) best = v;
        }
      std::copy(best.begin(), best.end(), out.begin());
      return 6;
    }
    case Symmetry::None: break;
  }
  std::copy(args.begin(), args.end(), out.begin());
  return args.size();
}

std::vector<PointId> normalize(Pred p, std::span<const PointId> args) {
  std::vector<PointId> out(args.size());
  out.resize(normalize(p, args, out));
  return out;
}

namespace {

std::optional<long> parse_long(std::string_view s) {
  if (s.empty()) return std::nullopt;
  long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 40) return std::nullopt;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+')) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// "N/D" with D > 0, or "N".
std::optional<std::pair<long, long>> parse_fraction(std::string_view s) {
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) {
    auto n = parse_long(s);
    if (!n) return std::nullopt;
    return std::pair{*n, 1L};
  }
  auto n = parse_long(s.substr(0, slash));
  auto d = parse_long(s.substr(slash + 1));
  if (!n || !d || *d <= 0) return std::nullopt;
  return std::pair{*n, *d};
}

constexpr long kMaxExact = 1000000000L;

// |n| <= kMaxExact, without std::abs (which overflows on the most negative long).
bool exact_size(long n) { return n >= -kMaxExact && n <= kMaxExact; }

}  // namespace

std::optional<Constant> parse_constant(std::string_view text, NumberKind kind) {
  Constant c;
  c.text = std::string(text);
  c.kind = kind;
  c.den = 0;
  switch (kind) {
    case NumberKind::Angle: {
      if (const auto pi = text.find("pi"); pi != std::string_view::npos) {
        // "NpiD" or "Npi/D": N/D of pi.
        std::string_view num = text.substr(0, pi), den = text.substr(pi + 2);
        if (!den.empty() && den.front() == '/') den.remove_prefix(1);
        auto n = num.empty() ? std::optional<long>(1) : parse_long(num);
        auto d = den.empty() ? std::optional<long>(1) : parse_long(den);
        if (!n || !d || *d <= 0 || !exact_size(*n) || *d > kMaxExact) return std::nullopt;
        c.num = *n, c.den = *d;
        c.value = geo::kPi * static_cast<double>(*n) / static_cast<double>(*d);
        return c;
      }
      std::string_view deg = text;
      if (!deg.empty() && deg.back() == 'o') deg.remove_suffix(1);
      if (auto n = parse_long(deg); n && exact_size(*n)) {
        c.num = *n, c.den = 180;  // as a fraction of pi
        c.value = geo::kPi * static_cast<double>(*n) / 180.0;
        return c;
      }
      auto v = parse_decimal(deg);
      if (!v || std::abs(*v) > 1e9) return std::nullopt;
      c.value = geo::kPi * *v / 180.0;
      return c;
    }
    case NumberKind::Ratio: {
      if (auto f = parse_fraction(text); f && f->first > 0 && f->first <= kMaxExact && f->second <= kMaxExact) {
        c.num = f->first, c.den = f->second;
        c.value = static_cast<double>(f->first) / static_cast<double>(f->second);
        return c;
      }
      auto v = parse_decimal(text);
      if (!v || !(*v > 0) || *v > 1e9) return std::nullopt;
      c.value = *v;
      return c;
    }
    case NumberKind::Length: {
      auto v = parse_decimal(text);
      if (!v || !(*v > 0) || *v > 1e9) return std::nullopt;
      if (auto n = parse_long(text)) c.num = *n, c.den = 1;
      c.value = *v;
      return c;
    }
  }
  return std::nullopt;
}

}  // namespace pappus
