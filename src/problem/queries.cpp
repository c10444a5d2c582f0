#include "problem/queries.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <string>

#include <fmt/core.h>

#include "diagram/diagram.hpp"
#include "geometry/numeric.hpp"
#include "geometry/predicate.hpp"

namespace pappus {

namespace {

constexpr std::array kQueries = {
    QueryInfo{"acompute", 4, "acompute a b c d", "the angle from line ab to line cd, mod 180 degrees"},
    QueryInfo{"rcompute", 4, "rcompute a b c d", "the ratio AB/CD"},
    QueryInfo{"lcompute", 2, "lcompute a b", "the length AB (with lengths given by lconst)"},
};

// p/q with q <= max_den closest to x, when within tol (relative to max(1, |x|)).
std::optional<std::pair<long, long>> fraction(double x, long max_den, double tol) {
  for (long q = 1; q <= max_den; ++q) {
    const double p = std::round(x * static_cast<double>(q));
    if (std::abs(x * static_cast<double>(q) - p) <= tol * static_cast<double>(q) * std::max(1.0, std::abs(x))) {
      const long n = static_cast<long>(p), g = std::gcd(std::labs(n), q);
      return std::pair{n / (g ? g : 1), q / (g ? g : 1)};
    }
  }
  return std::nullopt;
}

// The square root of p/q in simplest radical form: √18 is 3√2, √(1/2) is
// √2/2 (the root of p*q over q, square factors taken out).
std::string root_text(long p, long q) {
  long outside = 1, inside = p * q;
  for (long f = 2; f * f <= inside; ++f)
    while (inside % (f * f) == 0) inside /= f * f, outside *= f;
  const long g = std::gcd(outside, q);
  outside /= g, q /= g;
  std::string text = inside == 1 ? std::to_string(outside) : (outside == 1 ? "" : std::to_string(outside)) + "√" + std::to_string(inside);
  return q == 1 ? text : text + "/" + std::to_string(q);
}

// Tolerance of "exact" on a figure built to ~1e-12: far above round-off, far
// below any difference between two simple values.
constexpr double kExact = 1e-8;

Statement claim(const Statement& query, std::string_view predicate, NumberKind kind, const std::string& number) {
  Statement s;
  s.predicate = std::string(predicate);
  s.loc = query.loc;
  s.args = query.args;
  Argument a;
  a.is_point = false;
  a.loc = query.loc;
  a.number = *parse_constant(number, kind);
  s.args.push_back(std::move(a));
  return s;
}

std::string pi_text(long p, long q) {
  const std::string n = p == 1 ? "" : std::to_string(p);
  return q == 1 ? n + "π" : n + "π/" + std::to_string(q);
}

}  // namespace

const QueryInfo* find_query(std::string_view name) {
  for (const QueryInfo& q : kQueries)
    if (q.name == name) return &q;
  return nullptr;
}

QueryAnswer answer_query(const Statement& query, const Diagram& figure) {
  QueryAnswer out;
  auto at = [&](std::size_t i) { return figure.points[query.args[i].point.value]; };
  if (query.predicate == "acompute") {
    // The directed angle from line ab to line cd, counterclockwise, in [0, pi).
    const geo::Vec2 u = at(1) - at(0), v = at(3) - at(2);
    double t = std::atan2(geo::cross(u, v), u.dot(v)) / geo::kPi;
    t -= std::floor(t);
    out.value = t * geo::kPi;
    const double degrees = t * 180;
    if (auto f = fraction(t, 360, kExact)) {
      auto [p, q] = *f;
      if (p == q) p = 0, q = 1;  // pi is 0 mod pi
      const double d = 180.0 * static_cast<double>(p) / static_cast<double>(q);
      out.text = p == 0 ? "0°" : fmt::format("{:g}° ({})", d, pi_text(p, q));
      out.statement = claim(query, "aconst", NumberKind::Angle, fmt::format("{}pi/{}", p, q));
    } else {
      out.text = fmt::format("≈ {:.6f}°", degrees);
    }
    return out;
  }
  if (query.predicate == "rcompute") {
    const double r = (at(1) - at(0)).norm() / (at(3) - at(2)).norm();
    out.value = r;
    if (auto f = fraction(r, 1000, kExact)) {
      const auto [p, q] = *f;
      out.text = q == 1 ? std::to_string(p) : fmt::format("{}/{}", p, q);
      out.statement = claim(query, "rconst", NumberKind::Ratio, fmt::format("{}/{}", p, q));
    } else if (auto g = fraction(r * r, 1000, kExact)) {
      const auto [p, q] = *g;
      out.text = root_text(p, q);
      out.statement = claim(query, "r2const", NumberKind::Ratio, fmt::format("{}/{}", p, q));
    } else {
      out.text = fmt::format("≈ {:.6g}", r);
    }
    return out;
  }
  // lcompute
  const double l = (at(1) - at(0)).norm();  // lconst lengths are figure units
  out.value = l;
  if (auto f = fraction(l, 1, kExact)) {
    out.text = std::to_string(f->first);
    out.statement = claim(query, "lconst", NumberKind::Length, std::to_string(f->first));
  } else if (auto g = fraction(l * l, 1, kExact)) {
    out.text = root_text(g->first, 1);
    out.statement = claim(query, "l2const", NumberKind::Length, std::to_string(g->first));
  } else {
    out.text = fmt::format("≈ {:.6g}", l);
  }
  return out;
}

}  // namespace pappus
