// The arbitrary-precision half of Rational: everything that overflowed int64.
#include "engine/rational.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <atomic>
#include <ostream>

namespace pappus {

namespace mp = boost::multiprecision;

struct BigRational {
  std::atomic<std::int64_t> refs;  // Rationals pointing here
  const mp::cpp_rational v;
};

void Rational::retain(BigRational* b) { b->refs.fetch_add(1, std::memory_order_relaxed); }
void Rational::release(BigRational* b) {
  if (b->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete b;
}

// The bridge between the two representations (a friend of Rational).
struct RationalBig {
  static mp::cpp_rational to_big(const Rational& r) {
    if (!r.den_) return r.big_->v;
    return mp::cpp_rational(mp::cpp_int(r.num_), mp::cpp_int(r.den_));
  }

  // The canonical Rational for v: small whenever it fits.
  static Rational from_big(mp::cpp_rational v) {
    static const mp::cpp_int kLo = mp::cpp_int(std::numeric_limits<std::int64_t>::min());
    static const mp::cpp_int kHi = mp::cpp_int(std::numeric_limits<std::int64_t>::max());
    const mp::cpp_int& n = mp::numerator(v);
    const mp::cpp_int& d = mp::denominator(v);
    if (n > kLo && n <= kHi && d <= kHi) return Rational::raw(n.convert_to<std::int64_t>(), d.convert_to<std::int64_t>());
    Rational r;
    r.big_ = new BigRational{{1}, std::move(v)};
    r.den_ = 0;
    return r;
  }
};

namespace {

mp::cpp_rational big(const Rational& r) { return RationalBig::to_big(r); }
Rational demote(mp::cpp_rational v) { return RationalBig::from_big(std::move(v)); }

// Mixes a 64-bit value (splitmix64's finaliser).
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// r modulo the Mersenne prime 2^61 - 1, as a non-negative residue.
std::uint64_t mod_mersenne(const mp::cpp_int& r) {
  static const mp::cpp_int kP = (mp::cpp_int(1) << 61) - 1;
  mp::cpp_int m = r % kP;
  if (m < 0) m += kP;
  return m.convert_to<std::uint64_t>();
}

}  // namespace

Rational::Rational(std::int64_t num, std::int64_t den) {
  assert(den != 0 && "Rational with zero denominator");
  if (num == kMin || den == kMin) {
    *this = from_slow(num, den);
    return;
  }
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const std::int64_t g = std::gcd(num, den);  // den > 0, so g > 0
  num_ = num / g;
  den_ = den / g;
}

Rational Rational::from_slow(std::int64_t num, std::int64_t den) {
  mp::cpp_int n(num), d(den);
  if (d < 0) n = -n, d = -d;  // boost's rational wants the sign on the numerator
  return demote(mp::cpp_rational(n, d));
}
Rational Rational::neg_slow(const Rational& a) { return demote(-big(a)); }
Rational Rational::add_slow(const Rational& a, const Rational& b) { return demote(big(a) + big(b)); }
Rational Rational::sub_slow(const Rational& a, const Rational& b) { return demote(big(a) - big(b)); }
Rational Rational::mul_slow(const Rational& a, const Rational& b) { return demote(big(a) * big(b)); }
Rational Rational::div_slow(const Rational& a, const Rational& b) { return demote(big(a) / big(b)); }
bool Rational::eq_big(const Rational& a, const Rational& b) { return a.big_->v == b.big_->v; }
std::strong_ordering Rational::cmp_slow(const Rational& a, const Rational& b) {
  const mp::cpp_rational x = big(a), y = big(b);
  if (x < y) return std::strong_ordering::less;
  if (x > y) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

bool Rational::is_integer() const {
  if (den_) return den_ == 1;
  return mp::denominator(big_->v) == 1;
}

int Rational::sign() const {
  if (den_) return (num_ > 0) - (num_ < 0);
  return big_->v.sign();
}

double Rational::to_double() const {
  if (den_) return static_cast<double>(num_) / static_cast<double>(den_);
  return big_->v.convert_to<double>();
}

std::string Rational::to_string() const {
  if (den_) return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
  const mp::cpp_int& d = mp::denominator(big_->v);
  if (d == 1) return mp::numerator(big_->v).str();
  return mp::numerator(big_->v).str() + "/" + d.str();
}

Rational Rational::floor() const {
  if (den_) {
    std::int64_t q = num_ / den_;
    if (num_ % den_ != 0 && num_ < 0) --q;
    return q;
  }
  const mp::cpp_int& n = mp::numerator(big_->v);
  const mp::cpp_int& d = mp::denominator(big_->v);
  mp::cpp_int q = n / d;  // truncates toward zero
  if (n < 0 && q * d != n) --q;
  return demote(mp::cpp_rational(q));
}

Rational Rational::mod1() const {
  if (den_) {
    std::int64_t r = num_ % den_;
    if (r < 0) r += den_;
    return raw(r, r == 0 ? 1 : den_);  // gcd(r, den) = gcd(num, den) = 1
  }
  return *this - floor();
}

std::size_t Rational::hash() const {
  if (den_) return mix(static_cast<std::uint64_t>(num_) * 0x9e3779b97f4a7c15ULL ^ mix(static_cast<std::uint64_t>(den_)));
  // Big values never equal small ones, so any function of the value will do.
  const std::uint64_t n = mod_mersenne(mp::numerator(big_->v));
  const std::uint64_t d = mod_mersenne(mp::denominator(big_->v));
  return mix(n * 0x9e3779b97f4a7c15ULL ^ mix(d) ^ 0x5bd1e995ULL);
}

std::ostream& operator<<(std::ostream& os, const Rational& r) { return os << r.to_string(); }

}  // namespace pappus
