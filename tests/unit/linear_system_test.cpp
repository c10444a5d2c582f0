// LinearSystem: chains, angle constants mod 1 and the integrality rule, exact
// log constants, redundancy and contradiction, the canonical residual of
// reduce(), determinism, and random systems with a known solution whose every
// derivation is re-summed exactly.
#include "engine/linear_system.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <type_traits>

#include "util/rng.hpp"

namespace pappus {
namespace {

Expr ex(std::vector<std::pair<int, Rational>> terms) { return make_expr(std::move(terms)); }

Combination comb(std::vector<std::pair<std::uint32_t, Rational>> sources) { return Combination{std::move(sources)}; }

AngleConst angle(std::int64_t n, std::int64_t d = 1) { return AngleConst(Rational(n, d)); }

// A constant worth `n` in each table: n/4 (angles), log(n + 5) (logs), n.
template <class Const>
Const konst(std::int64_t n) {
  if constexpr (std::is_same_v<Const, AngleConst>) return AngleConst(Rational(n, 4));
  else if constexpr (std::is_same_v<Const, LogConst>) return LogConst::of(n + 5);
  else return Rational(n);
}

// An input equation as the caller keeps it.
template <class Const>
struct Equation {
  Expr e;
  Const k;
};

// sum of coef * (source equation), recomputed from scratch.
template <class Const>
Equation<Const> sum_of(const Combination& c, const std::map<std::uint32_t, Equation<Const>>& eqs) {
  std::vector<std::pair<int, Rational>> terms;
  Const k{};
  for (const auto& [src, coef] : c.sources) {
    const Equation<Const>& eq = eqs.at(src);
    for (const Term& t : eq.e) terms.emplace_back(t.var, coef * t.coef);
    k = k + eq.k * coef;
  }
  return {make_expr(std::move(terms)), k};
}

TEST_CASE("make_expr merges, drops zeros and sorts", "[linear]") {
  const Expr e = ex({{3, 1}, {1, 2}, {3, -1}, {0, 0}, {7, Rational(1, 2)}, {1, 1}});
  REQUIRE(e.size() == 2);
  CHECK(e[0] == Term{1, 3});
  CHECK(e[1] == Term{7, Rational(1, 2)});
  CHECK(expr_to_string(e) == "3*x1 + 1/2*x7");
  CHECK(expr_to_string(ex({{0, 1}, {2, -1}, {4, Rational(-3, 2)}})) == "x0 - x2 - 3/2*x4");
  CHECK(expr_to_string({}) == "0");
  CHECK(expr_hash(e) == expr_hash(ex({{7, Rational(2, 4)}, {1, 3}})));
  CHECK(comb({{0, 1}, {3, 2}, {5, Rational(-1, 2)}}).to_string() == "#0 + 2*#3 - 1/2*#5");
  CHECK(comb({{0, 1}, {3, -2}}).integral());
  CHECK_FALSE(comb({{0, 1}, {3, Rational(1, 2)}}).integral());
}

TEST_CASE("angle constants are reduced mod 1, into 0 <= k < 1", "[linear]") {
  CHECK(angle(3, 2).value() == Rational(1, 2));
  CHECK(angle(-1, 4).value() == Rational(3, 4));
  CHECK(angle(1, 2) + angle(1, 2) == AngleConst());
  CHECK((angle(1, 2) + angle(1, 2)).is_zero());
  CHECK(angle(1, 4) - angle(1, 2) == angle(3, 4));
  CHECK(-angle(1, 3) == angle(2, 3));
  CHECK(angle(3, 4) * Rational(2) == angle(1, 2));
  CHECK(angle(5, 4).hash() == angle(1, 4).hash());
  CHECK(angle(5, 4).to_string() == "1/4");
}

TEST_CASE("log constants are exact prime factorisations", "[linear]") {
  const LogConst k = LogConst::of(12, 5);
  using F = LogConst::Factor;
  CHECK(k.factors() == std::vector<F>{{2, 2}, {3, 1}, {5, -1}});
  CHECK(k.to_string() == "log(12/5)");
  CHECK(k.to_double() == Approx(std::log(12.0 / 5.0)));
  CHECK(LogConst::of(4, 2) == LogConst::of(2));
  CHECK(LogConst::of(7, 7).is_zero());
  CHECK(LogConst::of(1).to_string() == "log(1)");
  CHECK(LogConst::of(1, 3).to_string() == "log(1/3)");
  CHECK(LogConst::of(6) == LogConst::of(2) + LogConst::of(3));
  CHECK(LogConst::of(12) - LogConst::of(5) == k);
  CHECK((LogConst::of(12) - LogConst::of(5)).hash() == k.hash());
  CHECK(-k == LogConst::of(5, 12));
  CHECK(LogConst::of(4) * Rational(1, 2) == LogConst::of(2));
  CHECK(LogConst::of(9) * Rational(-3, 2) == LogConst::of(1, 27));
  CHECK((LogConst::of(2) * Rational(1, 2) - LogConst::of(3)).to_string() == "1/2*log(2) - log(3)");
  CHECK(LogConst::of(Rational(3, 4)) == LogConst::of(3, 4));
  CHECK(LogConst::of(999999937).factors() == std::vector<F>{{999999937, 1}});  // a prime
  CHECK(LogConst::of(600851475143).factors() == std::vector<F>{{71, 1}, {839, 1}, {1471, 1}, {6857, 1}});
  CHECK(LogConst::of(1024, 1000000000).to_string() == "log(2/1953125)");
}

TEMPLATE_TEST_CASE("a chain of equalities gives its end points, summed", "[linear]", AngleConst, LogConst, Rational) {
  LinearSystem<TestType> sys;
  CHECK(sys.add(ex({{0, 1}, {1, -1}}), TestType{}, 0));
  CHECK(sys.add(ex({{1, 1}, {2, -1}}), TestType{}, 1));
  CHECK(sys.rows() == 2);
  const auto c = sys.implies(ex({{0, 1}, {2, -1}}), TestType{});
  REQUIRE(c);
  CHECK(*c == comb({{0, 1}, {1, 1}}));
  const auto back = sys.implies(ex({{2, 1}, {0, -1}}), TestType{});
  REQUIRE(back);
  CHECK(*back == comb({{0, -1}, {1, -1}}));
  CHECK_FALSE(sys.implies(ex({{0, 1}, {3, -1}}), TestType{}));
  CHECK_FALSE(sys.implies(ex({{0, 1}, {2, -1}}), konst<TestType>(1)));
  // Redundant: nothing changes.
  CHECK_FALSE(sys.add(ex({{2, 1}, {0, -1}}), TestType{}, 2));
  CHECK(sys.rows() == 2);
  CHECK(sys.contradictions() == 0);
  // Contradiction: counted, nothing changes.
  CHECK_FALSE(sys.add(ex({{2, 1}, {0, -1}}), konst<TestType>(1), 3));
  CHECK(sys.contradictions() == 1);
  CHECK(sys.rows() == 2);
  // A trivially true query needs no source.
  CHECK(sys.implies({}, TestType{}) == Combination{});
  CHECK_FALSE(sys.implies({}, konst<TestType>(1)));
}

TEST_CASE("angle constants add mod 1", "[linear]") {
  LinearSystem<AngleConst> sys;
  // x0 perp x1, x1 perp x2: x0 para x2, since 1/2 + 1/2 = 1 = 0 (mod 1).
  CHECK(sys.add(ex({{0, 1}, {1, -1}}), angle(1, 2), 0));
  CHECK(sys.add(ex({{1, 1}, {2, -1}}), angle(1, 2), 1));
  const auto c = sys.implies(ex({{0, 1}, {2, -1}}), AngleConst());
  REQUIRE(c);
  CHECK(*c == comb({{0, 1}, {1, 1}}));
  CHECK_FALSE(sys.implies(ex({{0, 1}, {2, -1}}), angle(1, 2)));
  // Perpendicularity is symmetric: x1 - x0 + 1/2 = -(x0 - x1 + 1/2) + 1.
  CHECK_FALSE(sys.add(ex({{0, -1}, {1, 1}}), angle(1, 2), 2));
  CHECK(sys.implies(ex({{0, -1}, {1, 1}}), angle(1, 2)) == comb({{0, -1}}));
  CHECK(sys.implies(ex({{0, 1}, {1, -1}}), angle(3, 2)) == comb({{0, 1}}));
  CHECK(sys.contradictions() == 0);
  CHECK(sys.add(ex({{3, 1}, {0, -1}}), angle(1, 3), 3));
  CHECK(sys.implies(ex({{3, 1}, {2, -1}}), angle(1, 3)) == comb({{0, 1}, {1, 1}, {3, 1}}));
  CHECK(sys.implies(ex({{3, 2}, {2, -2}}), angle(2, 3)) == comb({{0, 2}, {1, 2}, {3, 2}}));
}

TEST_CASE("angle derivations need integral combinations", "[linear]") {
  LinearSystem<AngleConst> sys;
  // 2 x0 + 1/2 = 0 leaves x0 = 1/4 or 3/4: neither follows.
  CHECK(sys.add(ex({{0, 2}}), angle(1, 2), 0));
  CHECK_FALSE(sys.implies(ex({{0, 1}}), angle(1, 4)));
  CHECK_FALSE(sys.implies(ex({{0, 1}}), angle(3, 4)));
  CHECK(sys.implies(ex({{0, 2}}), angle(1, 2)) == comb({{0, 1}}));
  CHECK(sys.implies(ex({{0, 4}}), AngleConst()) == comb({{0, 2}}));
  // Over the rationals x0 + 1/4 = 0 is half of source 0, but mod 1 it is new
  // information the table cannot hold: dropped and counted.
  CHECK_FALSE(sys.add(ex({{0, 1}}), angle(1, 4), 1));
  CHECK(sys.unrepresentable() == 1);
  CHECK(sys.contradictions() == 0);
  // 2 x0 = 0 against 2 x0 + 1/2 = 0 is a real contradiction.
  CHECK_FALSE(sys.add(ex({{0, 2}}), AngleConst(), 2));
  CHECK(sys.contradictions() == 1);
  CHECK(sys.rows() == 1);
  // reduce() still shows the rational residual and the non-integral combination.
  const auto r = sys.reduce(ex({{0, 1}}), AngleConst());
  CHECK(r.expr.empty());
  CHECK(r.k == angle(3, 4));
  CHECK(r.used == comb({{0, Rational(1, 2)}}));
  CHECK_FALSE(r.used.integral());
}

TEST_CASE("pivots prefer unit coefficients, so angle rows stay integral", "[linear]") {
  LinearSystem<AngleConst> sys;
  CHECK(sys.add(ex({{0, 2}, {1, -1}}), AngleConst(), 0));  // x1 = 2 x0: solved for x1
  CHECK(sys.add(ex({{1, 1}, {2, -1}}), angle(1, 3), 1));
  CHECK(sys.implies(ex({{0, 2}, {2, -1}}), angle(1, 3)) == comb({{0, 1}, {1, 1}}));
  CHECK(sys.unrepresentable() == 0);
}

TEST_CASE("log constants: l0 - l1 = log 2 and l1 - l2 = log 3 give l0 - l2 = log 6", "[linear]") {
  LinearSystem<LogConst> sys;
  CHECK(sys.add(ex({{0, 1}, {1, -1}}), -LogConst::of(2), 0));
  CHECK(sys.add(ex({{1, 1}, {2, -1}}), -LogConst::of(3), 1));
  CHECK(sys.implies(ex({{0, 1}, {2, -1}}), -LogConst::of(6)) == comb({{0, 1}, {1, 1}}));
  CHECK_FALSE(sys.implies(ex({{0, 1}, {2, -1}}), -LogConst::of(5)));
  const auto r = sys.reduce(ex({{0, 1}, {2, -1}}), LogConst());
  CHECK(r.expr.empty());
  CHECK(r.k == LogConst::of(6));
  CHECK(r.k.to_string() == "log(6)");
  // l3 the mean of l0 and l2: l0 - l3 = 1/2 log 6, a square root kept exactly.
  CHECK(sys.add(ex({{0, -1}, {2, -1}, {3, 2}}), LogConst(), 2));
  const auto half = sys.reduce(ex({{0, 1}, {3, -1}}), LogConst());
  CHECK(half.expr.empty());
  CHECK(half.k == LogConst::of(6) * Rational(1, 2));
  CHECK(half.k.to_string() == "1/2*log(2) + 1/2*log(3)");
  CHECK(sys.implies(ex({{0, 2}, {3, -2}}), -LogConst::of(6)));
}

TEST_CASE("reduce gives one residual for expressions equal modulo the rows", "[linear]") {
  LinearSystem<Rational> sys;
  sys.add(ex({{0, 1}, {1, -1}}), Rational(1), 0);  // x0 = x1 - 1
  sys.add(ex({{2, 1}, {3, -1}}), Rational(0), 1);  // x2 = x3
  sys.add(ex({{4, 1}, {0, -2}, {2, 1}}), Rational(5), 2);
  const auto a = sys.reduce(ex({{0, 1}, {2, 1}}), Rational(0));
  const auto b = sys.reduce(ex({{1, 1}, {3, 1}}), Rational(-1));
  CHECK(a.expr == b.expr);
  CHECK(a.k == b.k);
  CHECK(a.expr == sys.reduce(a.expr, a.k).expr);  // residuals are already reduced
  const auto c = sys.reduce(ex({{1, 1}, {3, 1}}), Rational(0));
  CHECK(c.expr == a.expr);
  CHECK(c.k != a.k);
  const auto d = sys.reduce(ex({{4, 1}}), Rational(0));
  const auto e = sys.reduce(ex({{1, 2}, {3, -1}}), Rational(-7));
  CHECK(d.expr == e.expr);
  CHECK(d.k == e.k);
  // The difference is implied, by the difference of the combinations.
  std::vector<std::pair<std::uint32_t, Rational>> diff = d.used.sources;
  for (const auto& [s, w] : e.used.sources) diff.emplace_back(s, -w);
  const auto implied = sys.implies(ex({{4, 1}, {1, -2}, {3, 1}}), Rational(7));
  REQUIRE(implied);
  std::map<std::uint32_t, Rational> sum;
  for (const auto& [s, w] : diff) sum[s] += w;
  Combination expect;
  for (const auto& [s, w] : sum)
    if (!w.is_zero()) expect.sources.emplace_back(s, w);
  CHECK(*implied == expect);
}

// Random sparse equations over `vars` variables, all true of one solution.
template <class Const>
struct RandomSystem {
  Rng rng;
  int vars;
  std::vector<Const> solution;  // value of each variable
  explicit RandomSystem(std::uint64_t seed, int n) : rng(seed), vars(n) {
    for (int v = 0; v < vars; ++v) {
      if constexpr (std::is_same_v<Const, AngleConst>) solution.push_back(AngleConst(Rational(rng.below(12), 12)));
      else if constexpr (std::is_same_v<Const, LogConst>) solution.push_back(LogConst::of(1 + rng.below(30)));
      else solution.push_back(Rational(static_cast<std::int64_t>(rng.below(41)) - 20));
    }
  }
  Const value(const Expr& e) const {
    Const x{};
    for (const Term& t : e) x = x + solution[t.var] * t.coef;
    return x;
  }
  Expr random_expr() {
    static const std::int64_t coefs[] = {1, 1, 1, -1, -1, -1, 2, -2, 3};
    std::vector<std::pair<int, Rational>> terms;
    const int n = 2 + static_cast<int>(rng.below(3));
    for (int i = 0; i < n; ++i) terms.emplace_back(static_cast<int>(rng.below(vars)), coefs[rng.below(9)]);
    return make_expr(std::move(terms));
  }
};

TEMPLATE_TEST_CASE("random systems: every derivation holds and re-sums exactly", "[linear]", AngleConst, LogConst,
                   Rational) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    RandomSystem<TestType> gen(seed, 40);
    LinearSystem<TestType> sys;
    std::map<std::uint32_t, Equation<TestType>> eqs;  // every source added
    std::vector<std::uint32_t> stored;                // the sources that became rows
    const auto check = [&](const Combination& c, const Expr& e, const TestType& k) {
      const Equation<TestType> s = sum_of(c, eqs);
      REQUIRE(s.e == e);
      REQUIRE(s.k == k);
      if constexpr (std::is_same_v<TestType, AngleConst>) REQUIRE(c.integral());
    };
    for (std::uint32_t src = 0; src < 60; ++src) {
      Expr e = gen.random_expr();
      if (e.empty()) continue;
      const TestType k = -gen.value(e);
      const auto before = sys.implies(e, k);
      const std::size_t dropped = sys.unrepresentable();
      eqs[src] = {e, k};
      const bool added = sys.add(e, k, src);
      if (added) {
        REQUIRE_FALSE(before);
        stored.push_back(src);
      } else if (sys.unrepresentable() == dropped) {
        REQUIRE(before);
        check(*before, e, k);
      } else {
        REQUIRE(std::is_same_v<TestType, AngleConst>);
      }
      REQUIRE(sys.contradictions() == 0);
    }
    INFO("seed " << seed << ", rows " << sys.rows() << ", dropped " << sys.unrepresentable());
    REQUIRE(sys.rows() == stored.size());

    for (int q = 0; q < 300; ++q) {
      // An integer combination of stored sources: implied, by exactly it
      // (the stored sources are independent).
      std::map<std::uint32_t, Rational> want;
      for (int i = 0; i < 3; ++i) want[stored[gen.rng.below(stored.size())]] += static_cast<std::int64_t>(gen.rng.below(5)) - 2;
      Combination c;
      for (const auto& [s, w] : want)
        if (!w.is_zero()) c.sources.emplace_back(s, w);
      const Equation<TestType> target = sum_of(c, eqs);
      const auto got = sys.implies(target.e, target.k);
      REQUIRE(got);
      REQUIRE(*got == c);

      // A random expression: true on the solution with its own value, never
      // with another; when implied, the combination re-sums to it.
      const Expr e = gen.random_expr();
      const TestType k = -gen.value(e);
      if (const auto r = sys.implies(e, k)) check(*r, e, k);
      REQUIRE_FALSE(sys.implies(e, k + konst<TestType>(1)));

      // reduce(): e + k = residual + sum of used, and e plus any implied
      // equation has the same residual.
      const auto red = sys.reduce(e, k);
      const Equation<TestType> used = sum_of(red.used, eqs);
      std::vector<std::pair<int, Rational>> terms;
      for (const Term& t : red.expr) terms.emplace_back(t.var, t.coef);
      for (const Term& t : used.e) terms.emplace_back(t.var, t.coef);
      REQUIRE(make_expr(terms) == e);
      REQUIRE(red.k + used.k == k);
      std::vector<std::pair<int, Rational>> shifted;
      for (const Term& t : e) shifted.emplace_back(t.var, t.coef);
      for (const Term& t : target.e) shifted.emplace_back(t.var, t.coef);
      const auto red2 = sys.reduce(make_expr(shifted), k + target.k);
      REQUIRE(red2.expr == red.expr);
      REQUIRE(red2.k == red.k);
    }
  }
}

TEST_CASE("large coefficients overflow int64 and stay exact", "[linear]") {
  Rng rng(11);
  constexpr int vars = 10;
  std::vector<std::int64_t> solution;
  for (int v = 0; v < vars; ++v) solution.push_back(static_cast<std::int64_t>(rng.below(2001)) - 1000);
  LinearSystem<Rational> sys;
  std::map<std::uint32_t, Equation<Rational>> eqs;
  for (std::uint32_t src = 0; sys.rows() < vars; ++src) {
    REQUIRE(src < 100);
    std::vector<std::pair<int, Rational>> terms;
    for (int i = 0; i < 4; ++i) {
      const auto c = static_cast<std::int64_t>(rng.below(std::uint64_t{1} << 40)) + 1;
      terms.emplace_back(static_cast<int>(rng.below(vars)), rng.below(2) ? c : -c);
    }
    const Expr e = make_expr(std::move(terms));
    Rational k;
    for (const Term& t : e) k -= t.coef * solution[t.var];
    eqs[src] = {e, k};
    sys.add(e, k, src);
  }
  bool saw_big = false;
  for (int v = 0; v < vars; ++v) {
    const Expr e = ex({{v, 1}});
    const auto c = sys.implies(e, Rational(-solution[v]));
    REQUIRE(c);
    const Equation<Rational> s = sum_of(*c, eqs);
    CHECK(s.e == e);
    CHECK(s.k == -solution[v]);
    for (const auto& [src, w] : c->sources) saw_big |= !w.is_small();
    CHECK_FALSE(sys.implies(e, Rational(-solution[v] + 1)));
  }
  CHECK(saw_big);
  CHECK(sys.contradictions() == 0);
}

TEST_CASE("the same adds give the same rows, bit for bit", "[linear]") {
  const auto build = [] {
    RandomSystem<LogConst> gen(42, 30);
    LinearSystem<LogConst> sys;
    for (std::uint32_t src = 0; src < 50; ++src) {
      Expr e = gen.random_expr();
      if (!e.empty()) sys.add(e, -gen.value(e), src);
    }
    return sys;
  };
  const LinearSystem<LogConst> a = build(), b = build();
  CHECK(a.rows() > 10);
  CHECK(a.to_string() == b.to_string());
  RandomSystem<LogConst> gen(7, 30);
  for (int q = 0; q < 100; ++q) {
    const Expr e = gen.random_expr();
    const auto ra = a.reduce(e, LogConst()), rb = b.reduce(e, LogConst());
    CHECK(ra.expr == rb.expr);
    CHECK(ra.k == rb.k);
    CHECK(ra.used == rb.used);
  }
}

TEST_CASE("a long chain of perpendiculars", "[linear]") {
  constexpr int n = 1500;
  LinearSystem<AngleConst> sys;
  for (int i = 0; i < n; ++i) REQUIRE(sys.add(ex({{i, 1}, {i + 1, -1}}), angle(1, 2), static_cast<std::uint32_t>(i)));
  const auto even = sys.implies(ex({{0, 1}, {n, -1}}), AngleConst());
  REQUIRE(even);
  CHECK(even->sources.size() == n);
  CHECK(sys.implies(ex({{0, 1}, {n - 1, -1}}), angle(1, 2)));
  CHECK_FALSE(sys.implies(ex({{0, 1}, {n - 1, -1}}), AngleConst()));
}

}  // namespace
}  // namespace pappus
