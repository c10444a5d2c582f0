// Rational: normalisation, printing, the int64 fast path and its overflow
// fallback to arbitrary precision, and hashing across representations.
#include "engine/rational.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>
#include <limits>
#include <unordered_set>

#include "util/rng.hpp"

namespace pappus {
namespace {

namespace mp = boost::multiprecision;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

mp::cpp_rational to_mp(const Rational& r) {
  // Through the printed form, so the check does not share Rational's bridge.
  const std::string s = r.to_string();
  const auto slash = s.find('/');
  if (slash == std::string::npos) return mp::cpp_rational(mp::cpp_int(s));
  return mp::cpp_rational(mp::cpp_int(s.substr(0, slash)), mp::cpp_int(s.substr(slash + 1)));
}

std::string mp_string(const mp::cpp_rational& v) {
  if (mp::denominator(v) == 1) return mp::numerator(v).str();
  return mp::numerator(v).str() + "/" + mp::denominator(v).str();
}

TEST_CASE("rationals are normalised and print simply", "[rational]") {
  CHECK(Rational(6, -4) == Rational(-3, 2));
  CHECK(Rational(6, -4).to_string() == "-3/2");
  CHECK(Rational(3, 4).to_string() == "3/4");
  CHECK(Rational(-2).to_string() == "-2");
  CHECK(Rational(10, 2).to_string() == "5");
  CHECK(Rational(0, -7) == Rational());
  CHECK(Rational(0, -7).to_string() == "0");
  CHECK(Rational(0, -7).hash() == Rational().hash());
  CHECK(Rational(-3, 2).num() == -3);
  CHECK(Rational(-3, 2).den() == 2);
  CHECK(Rational().is_zero());
  CHECK(Rational(4, 2).is_integer());
  CHECK_FALSE(Rational(1, 2).is_integer());
  CHECK(Rational(-1, 3).sign() == -1);
  CHECK(Rational(0).sign() == 0);
  CHECK(Rational(5, 2).sign() == 1);
  CHECK(Rational(1, 4).to_double() == 0.25);
}

TEST_CASE("rational arithmetic and order", "[rational]") {
  const Rational h(1, 2), t(1, 3);
  CHECK(h + t == Rational(5, 6));
  CHECK(h - t == Rational(1, 6));
  CHECK(t - h == Rational(-1, 6));
  CHECK(h * t == Rational(1, 6));
  CHECK(h / t == Rational(3, 2));
  CHECK(-h == Rational(-1, 2));
  CHECK(Rational(1, 6) + Rational(1, 3) == h);  // shared denominator factor
  CHECK(Rational(3, 4) + Rational(1, 4) == 1);
  CHECK(h + 1 == Rational(3, 2));
  CHECK(2 * h == 1);
  CHECK(t < h);
  CHECK(-h < t);
  CHECK(h >= h);
  CHECK(Rational(2, 3) > Rational(3, 5));
  Rational x = 1;
  x += h;
  x *= 4;
  x -= 1;
  x /= 5;
  CHECK(x == 1);
}

TEST_CASE("floor and mod1", "[rational]") {
  CHECK(Rational(7, 3).floor() == 2);
  CHECK(Rational(-3, 2).floor() == -2);
  CHECK(Rational(-4).floor() == -4);
  CHECK(Rational(7, 3).mod1() == Rational(1, 3));
  CHECK(Rational(-3, 2).mod1() == Rational(1, 2));
  CHECK(Rational(-1, 3).mod1() == Rational(2, 3));
  CHECK(Rational(5).mod1() == 0);
  CHECK(Rational(-5).mod1() == 0);
  const Rational big = Rational(kMax) * 3 / 2;  // (3 * 2^63 - 3) / 2
  CHECK(big.floor() == Rational(kMax) + Rational(kMax / 2));
  CHECK(big.mod1() == Rational(1, 2));
  CHECK((-big).floor() == -(Rational(kMax) + Rational(kMax / 2)) - 1);
  CHECK((-big).mod1() == Rational(1, 2));
}

TEST_CASE("products near 2^62 fall back to big integers and back", "[rational]") {
  const std::int64_t a = (std::int64_t{1} << 62) + 1, b = (std::int64_t{1} << 62) - 3;
  const Rational p = Rational(a) * Rational(b);
  CHECK_FALSE(p.is_small());
  CHECK(p.is_integer());
  CHECK(p.to_string() == (mp::cpp_int(a) * mp::cpp_int(b)).str());
  const Rational q = p / Rational(b);
  CHECK(q.is_small());
  CHECK(q == a);
  CHECK(q.num() == a);
  // Fractions whose denominators overflow, summed and taken apart again.
  const Rational s = Rational(1, a) + Rational(1, b);
  CHECK_FALSE(s.is_small());
  CHECK(s - Rational(1, b) == Rational(1, a));
  CHECK((s - Rational(1, b)).is_small());
  CHECK(s.to_string() == mp_string(mp::cpp_rational(1, a) + mp::cpp_rational(1, b)));
  // Order across representations.
  CHECK(p > Rational(kMax));
  CHECK(-p < Rational(kMin + 1));
  CHECK(Rational(1, b) < s);
  CHECK(s < Rational(1, b) * 2);
  CHECK(p.to_double() == Approx(static_cast<double>(a) * static_cast<double>(b)));
}

TEST_CASE("sums and the int64 edges never wrap", "[rational]") {
  const Rational m = kMax;
  CHECK((m + 1).to_string() == "9223372036854775808");
  CHECK_FALSE((m + 1).is_small());
  CHECK((m + 1 - 1).is_small());
  CHECK(m + 1 - 1 == m);
  CHECK((m + m) / 2 == m);
  // INT64_MIN is never a small numerator (negation must stay safe).
  const Rational lo = kMin;
  CHECK_FALSE(lo.is_small());
  CHECK(lo.to_string() == "-9223372036854775808");
  CHECK((lo + 1).is_small());
  CHECK(lo + 1 == -m);
  CHECK(-lo == m + 1);
  CHECK(Rational(kMin, kMin) == 1);
  CHECK(Rational(1, kMin).to_string() == "-1/9223372036854775808");
  CHECK(Rational(2, kMin) == Rational(-1, std::int64_t{1} << 62));
  CHECK(Rational(-m) - 1 == lo);
  CHECK(m * m / m == m);
  CHECK(Rational(1, kMax) / m * m == Rational(1, kMax));
}

TEST_CASE("equal values hash equal whatever way they were computed", "[rational]") {
  const std::int64_t a = (std::int64_t{1} << 62) + 1, b = (std::int64_t{1} << 62) - 3;
  const Rational x(3, 7);
  const Rational y = x * a / a;  // through a big intermediate
  CHECK(y == x);
  CHECK(y.hash() == x.hash());
  const Rational p1 = Rational(a) * b * Rational(5, 3);
  const Rational p2 = Rational(5, 3) * (Rational(b) * a);
  CHECK_FALSE(p1.is_small());
  CHECK(p1 == p2);
  CHECK(p1.hash() == p2.hash());
  std::unordered_set<Rational> set{x, p1, Rational(1, 2)};
  CHECK(set.count(y) == 1);
  CHECK(set.count(p2) == 1);
  CHECK(set.count(Rational(2, 4)) == 1);
  CHECK(set.count(Rational(1, 3)) == 0);
}

TEST_CASE("random arithmetic agrees with boost cpp_rational", "[rational]") {
  Rng rng(7);
  // Values with numerators and denominators of every size up to 2^63.
  const auto random_rational = [&] {
    const int bits_n = static_cast<int>(rng.next() % 64), bits_d = static_cast<int>(rng.next() % 64);
    std::int64_t n = static_cast<std::int64_t>(rng.next() >> (64 - std::max(bits_n, 1)));
    std::int64_t d = static_cast<std::int64_t>(rng.next() >> (64 - std::max(bits_d, 1)));
    if (n == 0 || d == 0) d = 1;
    if (rng.next() % 2) n = -n;
    if (rng.next() % 8 == 0) n = rng.next() % 2 ? kMax : kMin;
    return Rational(n, d);
  };
  for (int i = 0; i < 5000; ++i) {
    const Rational a = random_rational(), b = random_rational();
    const mp::cpp_rational ma = to_mp(a), mb = to_mp(b);
    REQUIRE(to_mp(a + b) == ma + mb);
    REQUIRE(to_mp(a - b) == ma - mb);
    REQUIRE(to_mp(a * b) == ma * mb);
    if (!b.is_zero()) REQUIRE(to_mp(a / b) == ma / mb);
    REQUIRE(to_mp(-a) == -ma);
    REQUIRE((a < b) == (ma < mb));
    REQUIRE((a == b) == (ma == mb));
    // Canonical: a result that fits is small, so round trips hash equal.
    const Rational back = (a * b + a) - a * b;
    REQUIRE(back == a);
    REQUIRE(back.is_small() == a.is_small());
    REQUIRE(back.hash() == a.hash());
  }
}

}  // namespace
}  // namespace pappus
