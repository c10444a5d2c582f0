// Expressions, combinations, the constant types, and the incremental
// elimination of LinearSystem (instantiated here for the three constants).
#include "engine/linear_system.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <type_traits>

namespace pappus {

namespace {

std::size_t hash_mix(std::size_t h, std::size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }

// Sorts (key, coef) pairs by key, sums equal keys and drops zeros. The sums are
// exact, so the result does not depend on the order of equal keys.
template <class Pair>
void canonicalize(std::vector<Pair>& v) {
  std::sort(v.begin(), v.end(), [](const Pair& a, const Pair& b) { return a.first < b.first; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < v.size();) {
    Pair acc = std::move(v[i]);
    for (++i; i < v.size() && v[i].first == acc.first; ++i) acc.second += v[i].second;
    if (!acc.second.is_zero()) v[out++] = std::move(acc);
  }
  v.resize(out);
}

// a += f * b over combinations (sorted sparse vectors); `out` is scratch space
// whose capacity is reused (it receives a's old storage).
void axpy(Combination& a, const Combination& b, const Rational& f,
          std::vector<std::pair<std::uint32_t, Rational>>& out) {
  out.clear();
  out.reserve(a.sources.size() + b.sources.size());
  auto i = a.sources.begin();
  auto j = b.sources.begin();
  while (i != a.sources.end() || j != b.sources.end()) {
    if (j == b.sources.end() || (i != a.sources.end() && i->first < j->first)) {
      out.push_back(std::move(*i++));
    } else if (i == a.sources.end() || j->first < i->first) {
      out.emplace_back(j->first, f * j->second);
      ++j;
    } else {
      Rational c = i->second + f * j->second;
      if (!c.is_zero()) out.emplace_back(i->first, std::move(c));
      ++i, ++j;
    }
  }
  a.sources.swap(out);
}

void axpy(Combination& a, const Combination& b, const Rational& f) {
  std::vector<std::pair<std::uint32_t, Rational>> out;
  axpy(a, b, f, out);
}

// a + f * b over expressions, leaving out variable `skip` of a; the variables
// of b that a did not have are appended to `added`.
Expr axpy_skip(const Expr& a, const Expr& b, const Rational& f, int skip, std::vector<int>& added,
               std::vector<int>& removed) {
  Expr out;
  out.reserve(a.size() + b.size());
  auto i = a.begin(), j = b.begin();
  while (i != a.end() || j != b.end()) {
    if (i != a.end() && i->var == skip) {
      ++i;
    } else if (j == b.end() || (i != a.end() && i->var < j->var)) {
      out.push_back(*i++);
    } else if (i == a.end() || j->var < i->var) {
      out.push_back({j->var, f * j->coef});
      added.push_back(j->var);
      ++j;
    } else {
      Rational c = i->coef + f * j->coef;
      if (!c.is_zero()) out.push_back({i->var, std::move(c)});
      else removed.push_back(i->var);
      ++i, ++j;
    }
  }
  return out;
}

[[maybe_unused]] bool is_canonical(const Expr& e) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i].var < 0 || e[i].coef.is_zero()) return false;
    if (i > 0 && e[i - 1].var >= e[i].var) return false;
  }
  return true;
}

// A term's coefficient written before a name: "", "-", "2*", "-1/2*".
std::string coef_prefix(const Rational& c) {
  if (c == 1) return "";
  if (c == -1) return "-";
  return c.to_string() + "*";
}

// Joins "a*name" items into "a - b + c".
void append_signed(std::string& s, const Rational& c, const std::string& name) {
  if (s.empty()) {
    s = coef_prefix(c) + name;
  } else if (c.sign() < 0) {
    s += " - " + coef_prefix(-c) + name;
  } else {
    s += " + " + coef_prefix(c) + name;
  }
}

Rational power(Rational base, std::int64_t e) {
  Rational r = 1;
  for (; e > 0; e >>= 1) {
    if (e & 1) r *= base;
    if (e > 1) base *= base;
  }
  return r;
}

// Prime factors of n >= 1 by trial division, with exponents times `sign`.
std::vector<LogConst::Factor> factorize(std::int64_t n, int sign) {
  std::vector<LogConst::Factor> out;
  for (std::int64_t p = 2; p <= n / p; p += (p == 2 ? 1 : 2)) {
    std::int64_t e = 0;
    while (n % p == 0) n /= p, ++e;
    if (e > 0) out.emplace_back(p, Rational(sign * e));
  }
  if (n > 1) out.emplace_back(n, Rational(sign));
  return out;
}

// The exact constant a row carries, and back (see detail::ExactConst).
Rational lift(const AngleConst& k) { return k.value(); }
const LogConst& lift(const LogConst& k) { return k; }
const Rational& lift(const Rational& k) { return k; }

template <class Const>
Const lower(const typename detail::ExactConst<Const>::type& k) {
  return Const(k);
}

// Whether a combination is a valid derivation for this kind of constant.
template <class Const>
bool valid(const Combination& c) {
  if constexpr (std::is_same_v<Const, AngleConst>) return c.integral();
  else return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Expressions and combinations

Expr make_expr(std::vector<std::pair<int, Rational>> terms) {
  canonicalize(terms);
  Expr e;
  e.reserve(terms.size());
  for (auto& [v, c] : terms) {
    assert(v >= 0 && "negative variable id");
    e.push_back({v, std::move(c)});
  }
  return e;
}

std::string expr_to_string(const Expr& e) {
  std::string s;
  for (const Term& t : e) append_signed(s, t.coef, "x" + std::to_string(t.var));
  return s.empty() ? "0" : s;
}

std::size_t expr_hash(const Expr& e) {
  std::size_t h = e.size();
  for (const Term& t : e) h = hash_mix(hash_mix(h, static_cast<std::size_t>(t.var)), t.coef.hash());
  return h;
}

bool Combination::integral() const {
  return std::all_of(sources.begin(), sources.end(), [](const auto& s) { return s.second.is_integer(); });
}

std::string Combination::to_string() const {
  std::string s;
  for (const auto& [src, c] : sources) append_signed(s, c, "#" + std::to_string(src));
  return s.empty() ? "0" : s;
}

// ---------------------------------------------------------------------------
// LogConst

LogConst LogConst::of(std::int64_t num, std::int64_t den) {
  assert(num > 0 && den > 0 && "log of a non-positive rational");
  LogConst a, b;
  a.factors_ = factorize(num, 1);
  b.factors_ = factorize(den, -1);
  return a + b;
}

LogConst LogConst::of(const Rational& q) {
  assert(q.sign() > 0 && q.is_small());
  return of(q.num(), q.den());
}

LogConst LogConst::combine(const LogConst& a, const LogConst& b, const Rational& s) {
  LogConst r;
  r.factors_.reserve(a.factors_.size() + b.factors_.size());
  auto i = a.factors_.begin(), j = b.factors_.begin();
  while (i != a.factors_.end() || j != b.factors_.end()) {
    if (j == b.factors_.end() || (i != a.factors_.end() && i->first < j->first)) {
      r.factors_.push_back(*i++);
    } else if (i == a.factors_.end() || j->first < i->first) {
      r.factors_.emplace_back(j->first, s * j->second);
      ++j;
    } else {
      Rational e = i->second + s * j->second;
      if (!e.is_zero()) r.factors_.emplace_back(i->first, std::move(e));
      ++i, ++j;
    }
  }
  return r;
}

LogConst operator*(const LogConst& a, const Rational& s) {
  LogConst r;
  if (s.is_zero()) return r;
  r.factors_.reserve(a.factors_.size());
  for (const auto& [p, e] : a.factors_) r.factors_.emplace_back(p, e * s);
  return r;
}

double LogConst::to_double() const {
  double x = 0;
  for (const auto& [p, e] : factors_) x += e.to_double() * std::log(static_cast<double>(p));
  return x;
}

std::size_t LogConst::hash() const {
  std::size_t h = factors_.size();
  for (const auto& [p, e] : factors_) h = hash_mix(hash_mix(h, static_cast<std::size_t>(p)), e.hash());
  return h;
}

std::string LogConst::to_string() const {
  const bool integral = std::all_of(factors_.begin(), factors_.end(), [](const Factor& f) { return f.second.is_integer(); });
  if (integral) {
    Rational q = 1;
    for (const auto& [p, e] : factors_) {
      assert(e.is_small() && "absurd exponent");
      q *= e.sign() > 0 ? power(p, e.num()) : Rational(1) / power(p, -e.num());
    }
    return "log(" + q.to_string() + ")";
  }
  std::string s;
  for (const auto& [p, e] : factors_) append_signed(s, e, "log(" + std::to_string(p) + ")");
  return s;
}

// ---------------------------------------------------------------------------
// LinearSystem

template <class Const>
typename LinearSystem<Const>::Residual LinearSystem<Const>::residual(const Expr& e, const K& k) const {
  assert(is_canonical(e) && "Expr must be sorted by var without zero coefficients");
  const auto is_pivot = [&](int v) {
    return static_cast<std::size_t>(v) < row_of_pivot_.size() && row_of_pivot_[v] >= 0;
  };
  Residual out{{}, k, {}};
  if (std::none_of(e.begin(), e.end(), [&](const Term& t) { return is_pivot(t.var); })) {
    out.expr = e;
    return out;
  }
  // e - sum over pivot terms c x_p of c * (row of p): no pivot remains, since
  // the rows' other terms are not pivots.
  std::vector<std::pair<int, Rational>> terms;
  for (const Term& t : e) {
    if (!is_pivot(t.var)) {
      terms.emplace_back(t.var, t.coef);
      continue;
    }
    const Row& r = rows_[row_of_pivot_[t.var]];
    out.k = out.k - t.coef * r.k;
    for (const Term& u : r.rest) terms.emplace_back(u.var, -(t.coef * u.coef));
    if (out.used.sources.empty()) {
      out.used.sources.reserve(r.combo.sources.size());
      for (const auto& [src, c] : r.combo.sources) out.used.sources.emplace_back(src, t.coef * c);
    } else {
      axpy(out.used, r.combo, t.coef);
    }
  }
  canonicalize(terms);
  out.expr.reserve(terms.size());
  for (auto& [v, c] : terms) out.expr.push_back({v, std::move(c)});
  return out;
}

template <class Const>
void LinearSystem<Const>::grow(int var) {
  const auto n = static_cast<std::size_t>(var) + 1;
  if (row_of_pivot_.size() < n) {
    row_of_pivot_.resize(n, -1);
    occurs_.resize(n);
    count_.resize(n);
  }
}

template <class Const>
void LinearSystem<Const>::substitute(std::uint32_t into, const Row& r) {
  Row& t = rows_[into];
  const auto it = std::lower_bound(t.rest.begin(), t.rest.end(), r.pivot,
                                   [](const Term& a, int v) { return a.var < v; });
  if (it == t.rest.end() || it->var != r.pivot) return;  // a stale occurs_ entry
  const Rational b = it->coef;
  // t - b * r: r's pivot (coefficient 1) cancels t's term on it.
  std::vector<int> added, removed;
  t.rest = axpy_skip(t.rest, r.rest, -b, r.pivot, added, removed);
  for (int v : added) occurs_[v].push_back(into), ++count_[v];
  for (int v : removed) --count_[v];
  --count_[r.pivot];
  t.k = t.k - b * r.k;
  axpy(t.combo, r.combo, -b, scratch_);
}

template <class Const>
bool LinearSystem<Const>::add(const Expr& e, const Const& k, std::uint32_t source) {
  Residual res = residual(e, lift(k));
  if (res.expr.empty()) {
    // 0 + res.k = 0 is the source minus the rows used.
    Combination combo{{{source, Rational(1)}}};
    axpy(combo, res.used, -1);
    if (!valid<Const>(combo)) ++unrepresentable_;
    else if (!lower<Const>(res.k).is_zero()) ++contradictions_;
    return false;
  }

  // Pivot: prefer a unit coefficient, then the var in fewest rows, then the largest var.
  grow(res.expr.back().var);
  auto pivot = res.expr.begin();
  const auto key = [&](const Term& t) {
    return std::tuple(!(t.coef == 1 || t.coef == -1), count_[t.var], -t.var);
  };
  for (auto it = res.expr.begin(); it != res.expr.end(); ++it)
    if (key(*it) < key(*pivot)) pivot = it;
  const Rational inv = Rational(1) / pivot->coef;
  Row row{pivot->var, {}, res.k * inv, {}};
  row.rest.reserve(res.expr.size() - 1);
  for (const Term& t : res.expr) {
    if (t.var != row.pivot) row.rest.push_back({t.var, t.coef * inv});
  }
  // The row is (source - used) * inv.
  const Rational minus_inv = -inv;
  auto& combo = row.combo.sources;
  combo.reserve(res.used.sources.size() + 1);
  bool placed = false;
  for (const auto& [src, c] : res.used.sources) {
    if (!placed && src >= source) {
      placed = true;
      if (src == source) {
        Rational w = (Rational(1) - c) * inv;
        if (!w.is_zero()) combo.emplace_back(src, std::move(w));
        continue;
      }
      combo.emplace_back(source, inv);
    }
    combo.emplace_back(src, c * minus_inv);
  }
  if (!placed) combo.emplace_back(source, inv);

  // Keep the system fully reduced: eliminate the new pivot from every row.
  const std::vector<std::uint32_t> holders = std::move(occurs_[row.pivot]);
  occurs_[row.pivot].clear();
  for (std::uint32_t q : holders) substitute(q, row);
  assert(count_[row.pivot] == 0);

  const auto index = static_cast<std::uint32_t>(rows_.size());
  row_of_pivot_[row.pivot] = static_cast<int>(index);
  for (const Term& t : row.rest) occurs_[t.var].push_back(index), ++count_[t.var];
  rows_.push_back(std::move(row));
  return true;
}

template <class Const>
std::optional<Combination> LinearSystem<Const>::implies(const Expr& e, const Const& k) const {
  Residual res = residual(e, lift(k));
  if (!res.expr.empty() || !lower<Const>(res.k).is_zero() || !valid<Const>(res.used)) return std::nullopt;
  return std::move(res.used);
}

template <class Const>
typename LinearSystem<Const>::Reduced LinearSystem<Const>::reduce(const Expr& e, const Const& k) const {
  Residual res = residual(e, lift(k));
  return {std::move(res.expr), lower<Const>(res.k), std::move(res.used)};
}

template <class Const>
std::string LinearSystem<Const>::to_string() const {
  std::string s;
  for (const Row& r : rows_) {
    Expr full = r.rest;
    full.insert(std::lower_bound(full.begin(), full.end(), r.pivot, [](const Term& a, int v) { return a.var < v; }),
                Term{r.pivot, Rational(1)});
    s += "x" + std::to_string(r.pivot) + ": " + expr_to_string(full) + " + (" + r.k.to_string() + ") = 0  <= " +
         r.combo.to_string() + "\n";
  }
  return s;
}

template class LinearSystem<AngleConst>;
template class LinearSystem<LogConst>;
template class LinearSystem<Rational>;

}  // namespace pappus
