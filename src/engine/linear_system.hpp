// The exact core of AR: sparse linear equations  sum_i c_i x_i + k = 0  over
// rational coefficients, kept in reduced row-echelon form by incremental
// Gaussian elimination, each row remembering which input equations (sources),
// with which rational coefficients, sum to it.
//
// The constant k has one of three types:
//   AngleConst  a rational mod 1 (directions in units of pi, mod pi);
//   LogConst    the exact logarithm of a positive rational (ratio tables);
//   Rational    a plain rational (signed positions along a line).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/rational.hpp"

namespace pappus {

// ---------------------------------------------------------------------------
// Expressions and combinations

struct Term {
  int var;
  Rational coef;
  friend bool operator==(const Term&, const Term&) = default;
};

// A linear form: sorted by var, no two terms on one var, no zero coefficient.
using Expr = std::vector<Term>;

// The expression sum of coef * x_var: duplicates merged, zeros dropped, sorted.
Expr make_expr(std::vector<std::pair<int, Rational>> terms);
std::string expr_to_string(const Expr& e);  // "x0 - 2*x3 + 1/2*x7", "0" when empty
std::size_t expr_hash(const Expr& e);

// sum of coef * (equation of source) is the derived equation. Sorted by source
// id, no zero coefficient.
struct Combination {
  std::vector<std::pair<std::uint32_t, Rational>> sources;

  // All coefficients are integers. A derived angle equation (mod 1) is only
  // valid when its combination is integral: 2x = 0 (mod 1) does not give x = 0.
  bool integral() const;
  std::string to_string() const;  // "#0 + 2*#3 - 1/2*#5"
  friend bool operator==(const Combination&, const Combination&) = default;
};

// ---------------------------------------------------------------------------
// Constants

// A rational mod 1, always reduced into [0, 1). Scaling by a non-integer is
// defined on the representative in [0, 1); only integer multiples are
// meaningful mod 1 (see the note on angles below).
class AngleConst {
 public:
  AngleConst() = default;
  explicit AngleConst(const Rational& v) : v_(v.mod1()) {}

  const Rational& value() const { return v_; }
  bool is_zero() const { return v_.is_zero(); }
  std::size_t hash() const { return v_.hash(); }
  std::string to_string() const { return v_.to_string(); }

  friend AngleConst operator+(const AngleConst& a, const AngleConst& b) { return AngleConst(a.v_ + b.v_); }
  friend AngleConst operator-(const AngleConst& a, const AngleConst& b) { return AngleConst(a.v_ - b.v_); }
  friend AngleConst operator-(const AngleConst& a) { return AngleConst(-a.v_); }
  friend AngleConst operator*(const AngleConst& a, const Rational& s) { return AngleConst(a.v_ * s); }
  friend AngleConst operator*(const Rational& s, const AngleConst& a) { return AngleConst(a.v_ * s); }
  friend bool operator==(const AngleConst&, const AngleConst&) = default;

 private:
  Rational v_;  // in [0, 1)
};

// log(q) for a positive rational q, as sum of exponent * log(prime): exact, so
// log(12/5) = 2 log 2 + log 3 - log 5. Exponents may become non-integers after
// elimination (1/2 log 2 is the log of sqrt 2).
class LogConst {
 public:
  using Factor = std::pair<std::int64_t, Rational>;  // (prime, exponent)

  LogConst() = default;  // log 1 = 0
  // Factorises by trial division (fine up to ~1e12). Asserts num, den > 0.
  static LogConst of(std::int64_t num, std::int64_t den = 1);
  static LogConst of(const Rational& q);  // asserts q > 0 and q fits in int64

  const std::vector<Factor>& factors() const { return factors_; }  // sorted by prime, no zero exponent
  bool is_zero() const { return factors_.empty(); }
  double to_double() const;  // the real number log(q)
  std::size_t hash() const;
  // "log(12/5)", "log(3)", "log(1)" when the exponents are integers, else a
  // sum "1/2*log(2) - log(3)".
  std::string to_string() const;

  friend LogConst operator+(const LogConst& a, const LogConst& b) { return combine(a, b, 1); }
  friend LogConst operator-(const LogConst& a, const LogConst& b) { return combine(a, b, -1); }
  friend LogConst operator-(const LogConst& a) { return a * Rational(-1); }
  friend LogConst operator*(const LogConst& a, const Rational& s);
  friend LogConst operator*(const Rational& s, const LogConst& a) { return a * s; }
  friend bool operator==(const LogConst&, const LogConst&) = default;

 private:
  static LogConst combine(const LogConst& a, const LogConst& b, const Rational& s);  // a + s b
  std::vector<Factor> factors_;
};

// ---------------------------------------------------------------------------
// The table

namespace detail {
// How rows carry their constants. An angle constant means something only mod 1,
// and a constant first reduced mod 1 and then divided (when a pivot is
// normalised) would lose its meaning, so angle rows carry an exact rational
// representative: sum over the row's combination of coef * (the source's
// constant as given, in [0, 1)). It is reduced mod 1 only when compared or
// returned. The other constants have no such issue.
template <class Const>
struct ExactConst {
  using type = Const;
};
template <>
struct ExactConst<AngleConst> {
  using type = Rational;
};
}  // namespace detail

// Equations e + k = 0 with e an Expr over variables 0, 1, 2, ... (the number of
// variables grows as they appear) and k a constant. The rows are kept fully
// reduced: each has a pivot variable with coefficient 1 that appears in no
// other row, so reducing an expression is one pass over its terms.
//
// Pivot choice is deterministic: prefer a coefficient +-1 (fewer fractions,
// and angle rows stay integral), then the variable held by the fewest rows
// (least back-substitution and fill-in), then the largest var. Results never
// depend on hash order: the same sequence of add() calls gives the same rows
// and combinations.
//
// Angles (AngleConst), soundness: over the rationals the rows are exact, but an
// equation mod 1 may only be multiplied by integers. So
//   * implies() returns nullopt when the combination it finds is not integral
//     (the stored sources are linearly independent, so that combination is the
//     only one over them);
//   * add() of an equation that is a rational but not an integral combination
//     of the rows (x + 1/4 = 0 after 2x + 1/2 = 0) carries information a rational
//     table cannot hold (a choice among finitely many values): it is not
//     stored, add() returns false and unrepresentable() counts it. The pivot
//     rule's preference for unit coefficients keeps this rare when the
//     equations have unit coefficients and the table is far from full rank;
//     half-angle equations (2x = y + z) are the usual source.
//   * reduce() is exact over the rationals; two angle expressions with equal
//     residuals differ by an implied equation only if used1 - used2 is integral.
//
// Each source id should give at most one equation per table; the combinations
// refer to equations by source id.
template <class Const>
class LinearSystem {
 public:
  // e + k = expr + k' + sum over used of coef * (source equation), exactly (for
  // angles: mod 1). The residual (expr, k) is canonical: two inputs have equal
  // residuals iff their difference is implied by the rows (over the rationals).
  struct Reduced {
    Expr expr;
    Const k;
    Combination used;
  };

  // Adds e + k = 0 from `source`. True if it was independent of the rows (a new
  // row); false if it was implied (nothing changes), contradicted the rows
  // (counted in contradictions(): an engine bug signal) or was unrepresentable
  // (angles only, see above).
  bool add(const Expr& e, const Const& k, std::uint32_t source);

  // The combination of sources summing to e + k = 0, if it follows from the rows.
  std::optional<Combination> implies(const Expr& e, const Const& k) const;

  Reduced reduce(const Expr& e, const Const& k) const;

  std::size_t rows() const { return rows_.size(); }
  std::size_t contradictions() const { return contradictions_; }
  std::size_t unrepresentable() const { return unrepresentable_; }

  // Every row with its combination, in insertion order (debugging, tests).
  std::string to_string() const;

 private:
  using K = typename detail::ExactConst<Const>::type;

  // x_pivot + rest + k = 0, equal to the sum of combo over the sources.
  struct Row {
    int pivot;          // the variable this row solves for; in no other row
    Expr rest;          // the other terms, none of them a pivot
    K k;                // exact constant
    Combination combo;  // which sources, with which coefficients, sum to the row
  };
  struct Residual {
    Expr expr;
    K k;
    Combination used;
  };

  Residual residual(const Expr& e, const K& k) const;
  void grow(int var);                                // index vectors cover var
  void substitute(std::uint32_t into, const Row& r);  // eliminates r.pivot from row `into`

  std::vector<Row> rows_;                                    // in insertion order
  std::vector<int> row_of_pivot_;                            // var -> its row, or -1
  std::vector<std::vector<std::uint32_t>> occurs_;           // var -> rows whose rest may hold it (a superset)
  std::vector<int> count_;                                   // var -> number of rows whose rest holds it
  std::size_t contradictions_ = 0;                           // adds that reduced to 0 = nonzero
  std::size_t unrepresentable_ = 0;                          // angle adds dependent but not integrally
  std::vector<std::pair<std::uint32_t, Rational>> scratch_;  // reused storage for merging combinations
};

extern template class LinearSystem<AngleConst>;
extern template class LinearSystem<LogConst>;
extern template class LinearSystem<Rational>;

}  // namespace pappus

template <>
struct std::hash<pappus::AngleConst> {
  std::size_t operator()(const pappus::AngleConst& k) const noexcept { return k.hash(); }
};
template <>
struct std::hash<pappus::LogConst> {
  std::size_t operator()(const pappus::LogConst& k) const noexcept { return k.hash(); }
};
