// Exact rationals for the algebraic tables. The fast path is a normalised pair
// of int64 (gcd 1, denominator > 0); any operation whose int64 arithmetic would
// overflow is redone in arbitrary precision (boost cpp_rational, kept out of
// this header), and a big result that fits again is demoted back to int64.
// Nothing ever wraps.
//
// The representation is canonical: a value that fits in int64 (numerator not
// INT64_MIN, so negation is always safe) is always small, so equal values have
// equal representations and equal hashes. A Rational is 16 bytes: a big value
// is a pointer to a shared, immutable, reference-counted number.
#pragma once

#include <cassert>
#include <compare>
#include <concepts>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <limits>
#include <numeric>
#include <string>

namespace pappus {

struct BigRational;  // boost::multiprecision::cpp_rational, see rational.cpp

class Rational {
 public:
  Rational() = default;
  Rational(std::int64_t n) {  // NOLINT(google-explicit-constructor): integers are rationals
    if (n == kMin) *this = from_slow(n, 1);
    else num_ = n;
  }
  Rational(std::int64_t num, std::int64_t den);  // asserts den != 0
  template <std::floating_point T>
  Rational(T) = delete;  // no silent truncation of doubles

  Rational(const Rational& o) : den_(o.den_) {
    if (den_) num_ = o.num_;
    else retain(big_ = o.big_);
  }
  Rational(Rational&& o) noexcept : den_(o.den_) {
    if (den_) num_ = o.num_;
    else big_ = o.big_;
    o.den_ = 1;
    o.num_ = 0;
  }
  Rational& operator=(const Rational& o) {
    if (!o.den_) retain(o.big_);
    if (!den_) release(big_);
    den_ = o.den_;
    if (den_) num_ = o.num_;
    else big_ = o.big_;
    return *this;
  }
  Rational& operator=(Rational&& o) noexcept {
    if (this != &o) {
      if (!den_) release(big_);
      den_ = o.den_;
      if (den_) num_ = o.num_;
      else big_ = o.big_;
      o.den_ = 1;
      o.num_ = 0;
    }
    return *this;
  }
  ~Rational() {
    if (!den_) release(big_);
  }

  bool is_zero() const { return den_ && num_ == 0; }
  bool is_integer() const;
  int sign() const;
  double to_double() const;
  std::string to_string() const;  // "3/4", "-2", "5"
  Rational floor() const;         // the largest integer <= *this
  Rational mod1() const;          // *this - floor(): the value reduced into [0, 1)
  std::size_t hash() const;

  // The int64 representation, when there is one (tests, printing shortcuts).
  bool is_small() const { return den_ != 0; }
  std::int64_t num() const { assert(den_); return num_; }
  std::int64_t den() const { assert(den_); return den_; }

  friend Rational operator-(const Rational& a) {
    if (a.den_) return raw(-a.num_, a.den_);
    return neg_slow(a);
  }
  friend Rational operator+(const Rational& a, const Rational& b) {
    if (a.den_ && b.den_) {
      Rational r;
      if (add_small(a.num_, a.den_, b.num_, b.den_, r)) return r;
    }
    return add_slow(a, b);
  }
  friend Rational operator-(const Rational& a, const Rational& b) {
    if (a.den_ && b.den_) {
      Rational r;
      if (add_small(a.num_, a.den_, -b.num_, b.den_, r)) return r;
    }
    return sub_slow(a, b);
  }
  friend Rational operator*(const Rational& a, const Rational& b) {
    if (a.den_ && b.den_) {
      Rational r;
      if (mul_small(a.num_, a.den_, b.num_, b.den_, r)) return r;
    }
    return mul_slow(a, b);
  }
  friend Rational operator/(const Rational& a, const Rational& b) {
    assert(!b.is_zero() && "Rational division by zero");
    if (a.den_ && b.den_) {
      // a * (1/b): the reciprocal of a small value is small (den <= INT64_MAX).
      const std::int64_t rn = b.num_ < 0 ? -b.den_ : b.den_;
      const std::int64_t rd = b.num_ < 0 ? -b.num_ : b.num_;
      Rational r;
      if (mul_small(a.num_, a.den_, rn, rd, r)) return r;
    }
    return div_slow(a, b);
  }
  Rational& operator+=(const Rational& b) { return *this = *this + b; }
  Rational& operator-=(const Rational& b) { return *this = *this - b; }
  Rational& operator*=(const Rational& b) { return *this = *this * b; }
  Rational& operator/=(const Rational& b) { return *this = *this / b; }

  friend bool operator==(const Rational& a, const Rational& b) {
    if (a.den_ && b.den_) return a.num_ == b.num_ && a.den_ == b.den_;
    if (a.den_ || b.den_) return false;  // canonical: a big value never fits
    return eq_big(a, b);
  }
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
    if (a.den_ && b.den_) {
      if (a.den_ == b.den_) return a.num_ <=> b.num_;
      // b, d > 0 and |a|, |b|, c, d < 2^63: both products fit in 128 bits.
      const Int128 l = static_cast<Int128>(a.num_) * b.den_;
      const Int128 r = static_cast<Int128>(b.num_) * a.den_;
      return l <=> r;
    }
    return cmp_slow(a, b);
  }

 private:
  __extension__ typedef __int128 Int128;
  static constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

  static Rational raw(std::int64_t n, std::int64_t d) {
    Rational r;
    r.num_ = n;
    r.den_ = d;
    return r;
  }
  // Stores a normalised small value into a Rational known to be small.
  bool set(std::int64_t n, std::int64_t d) {
    num_ = n;
    den_ = d;
    return true;
  }
  // n/d (normalised, d > 0) + m/e into out (a fresh small Rational); false on overflow. Knuth 4.5.1: with
  // g = gcd(d, e), the sum's gcd divides g, so the reduction stays small.
  static bool add_small(std::int64_t n, std::int64_t d, std::int64_t m, std::int64_t e, Rational& out) {
    std::int64_t t;
    if (d == e) {
      if (__builtin_add_overflow(n, m, &t) || t == kMin) return false;
      if (d == 1) return out.set(t, 1);
      if (t == 0) return out.set(0, 1);
      const std::int64_t g = std::gcd(t, d);
      return out.set(t / g, d / g);
    }
    const std::int64_t g = std::gcd(d, e);
    std::int64_t x, y, den;
    if (__builtin_mul_overflow(n, e / g, &x) || __builtin_mul_overflow(m, d / g, &y) ||
        __builtin_add_overflow(x, y, &t) || t == kMin)
      return false;
    if (t == 0) return out.set(0, 1);
    const std::int64_t g2 = g == 1 ? 1 : std::gcd(t, g);
    if (__builtin_mul_overflow(d / g, e / g2, &den)) return false;
    return out.set(t / g2, den);
  }
  static bool mul_small(std::int64_t n, std::int64_t d, std::int64_t m, std::int64_t e, Rational& out) {
    if (n == 0 || m == 0) return out.set(0, 1);
    std::int64_t num, den;
    if (d == 1 && e == 1) {
      if (__builtin_mul_overflow(n, m, &num) || num == kMin) return false;
      return out.set(num, 1);
    }
    const std::int64_t g1 = std::gcd(n, e), g2 = std::gcd(m, d);
    if (__builtin_mul_overflow(n / g1, m / g2, &num) || num == kMin ||
        __builtin_mul_overflow(d / g2, e / g1, &den))
      return false;
    return out.set(num, den);
  }

  static Rational from_slow(std::int64_t num, std::int64_t den);
  static Rational neg_slow(const Rational& a);
  static Rational add_slow(const Rational& a, const Rational& b);
  static Rational sub_slow(const Rational& a, const Rational& b);
  static Rational mul_slow(const Rational& a, const Rational& b);
  static Rational div_slow(const Rational& a, const Rational& b);
  static bool eq_big(const Rational& a, const Rational& b);
  static std::strong_ordering cmp_slow(const Rational& a, const Rational& b);
  static void retain(BigRational* b);
  static void release(BigRational* b);
  friend struct RationalBig;  // rational.cpp's bridge to boost

  union {
    std::int64_t num_ = 0;  // when den_ != 0: the numerator, never INT64_MIN
    BigRational* big_;      // when den_ == 0: the value, shared and immutable
  };
  std::int64_t den_ = 1;  // > 0 and coprime to num_; 0 marks a big value
};

std::ostream& operator<<(std::ostream& os, const Rational& r);

}  // namespace pappus

template <>
struct std::hash<pappus::Rational> {
  std::size_t operator()(const pappus::Rational& r) const noexcept { return r.hash(); }
};
