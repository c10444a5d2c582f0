#include "engine/matcher.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <chrono>
#include <initializer_list>
#include <limits>
#include <span>

namespace pappus::engine {

namespace {

using geo::Vec2;

// A value attached to an ordered triple or pair of points, sorted for lookup.
struct Keyed {
  double value;
  int a, b, c;  // c unused for pairs
  bool operator<(const Keyed& o) const { return value < o.value; }
};

// Numeric lookups over the diagram: which point triples make a given angle
// or ratio, which segments have a given length or direction.
class NumericIndex {
 public:
  NumericIndex(const std::vector<Vec2>& p, const Tolerance& tol) : p_(p), tol_(tol), n_(static_cast<int>(p.size())) {
    // Collinearity is a property of the unordered triple: test each once,
    // then list the third points of each ordered pair in increasing order.
    const std::size_t n = static_cast<std::size_t>(n_);
    std::vector<unsigned char>& coll = collinear_triples_;
    coll.assign(n * n * n, 0);
    for (int a = 0; a < n_; ++a)
      for (int b = a + 1; b < n_; ++b)
        for (int c = b + 1; c < n_; ++c) {
          const Vec2 pts[] = {p_[a], p_[b], p_[c]};
          const unsigned char bits = (holds(Pred::Coll, pts, 0, tol_) ? kColl : 0) |
                                     (holds(Pred::NColl, pts, 0, tol_) ? kNColl : 0);
          for (const auto& [x, y, z] : {std::array{a, b, c}, std::array{a, c, b}, std::array{b, a, c},
                                        std::array{b, c, a}, std::array{c, a, b}, std::array{c, b, a}})
            coll[(static_cast<std::size_t>(x) * n + static_cast<std::size_t>(y)) * n + static_cast<std::size_t>(z)] = bits;
        }
    collinear_.assign(n * n, {});
    for (int a = 0; a < n_; ++a)
      for (int b = 0; b < n_; ++b) {
        if (a == b || !((p_[b] - p_[a]).norm() > 0)) continue;
        const std::size_t ab = static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b);
        for (int c = 0; c < n_; ++c)
          if (coll[ab * n + static_cast<std::size_t>(c)] & kColl) collinear_[ab].push_back(c);
      }
    for (int s = 0; s < n_; ++s)
      for (int u = 0; u < n_; ++u)
        for (int v = 0; v < n_; ++v) {
          if (u == s || v == s || u == v) continue;
          const Vec2 x = p_[u] - p_[s], y = p_[v] - p_[s];
          if (!(x.norm() > 0 && y.norm() > 0)) continue;
          angles_.push_back({mod_pi(std::atan2(geo::cross(x, y), x.dot(y))), u, s, v});
          ratios_.push_back({std::log(x.norm() / y.norm()), u, s, v});
        }
    // Per ordered pair: the direction of ab mod pi and log |ab|, NaN for a
    // point with itself (so that no comparison with them succeeds).
    const double nan = std::numeric_limits<double>::quiet_NaN();
    pair_direction_.assign(n * n, nan);
    pair_log_length_.assign(n * n, nan);
    for (int a = 0; a < n_; ++a)
      for (int b = 0; b < n_; ++b) {
        const Vec2 d = p_[b] - p_[a];
        if (a == b || !(d.norm() > 0)) continue;
        pair_direction_[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)] = mod_pi(std::atan2(d.y(), d.x()));
        pair_log_length_[static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)] = std::log(d.norm());
      }
    for (int a = 0; a < n_; ++a)
      for (int b = a + 1; b < n_; ++b) {
        if (std::isnan(pair_log_length(a, b))) continue;
        lengths_.push_back({pair_log_length(a, b), a, b, -1});
        directions_.push_back({pair_direction(a, b), a, b, -1});
      }
    std::sort(angles_.begin(), angles_.end());
    std::sort(ratios_.begin(), ratios_.end());
    std::sort(lengths_.begin(), lengths_.end());
    std::sort(directions_.begin(), directions_.end());
  }

  int size() const { return n_; }
  const Vec2& at(int i) const { return p_[i]; }
  const std::vector<int>& on_line(int a, int b) const { return collinear_[a * n_ + b]; }
  // holds(Pred::Coll) or holds(Pred::NColl) of three distinct points,
  // from the table.
  bool triple(Pred pred, int a, int b, int c) const {
    const std::size_t n = static_cast<std::size_t>(n_);
    const unsigned char bits = collinear_triples_[(static_cast<std::size_t>(a) * n + static_cast<std::size_t>(b)) * n +
                                                  static_cast<std::size_t>(c)];
    return (bits & (pred == Pred::Coll ? kColl : kNColl)) != 0;
  }

  static double mod_pi(double x) {
    x = std::fmod(x, geo::kPi);
    if (x < 0) x += geo::kPi;
    return x;
  }

  // Entries whose value is within the window of v; `periodic` wraps at pi.
  template <class F>
  void near(const std::vector<Keyed>& index, double v, bool periodic, F&& f) const {
    const double w = tol_.window;
    auto scan = [&](double lo, double hi) {
      auto it = std::lower_bound(index.begin(), index.end(), Keyed{lo, 0, 0, 0});
      for (; it != index.end() && it->value <= hi; ++it) f(*it);
    };
    scan(v - w, v + w);
    if (periodic && v - w < 0) scan(v - w + geo::kPi, geo::kPi);
    if (periodic && v + w > geo::kPi) scan(0, v + w - geo::kPi);
  }

  double angle(int u, int s, int v) const {
    const Vec2 x = p_[u] - p_[s], y = p_[v] - p_[s];
    return mod_pi(std::atan2(geo::cross(x, y), x.dot(y)));
  }
  // The direction of ab mod pi and log |ab| from the tables (NaN when a == b).
  double pair_direction(int a, int b) const { return pair_direction_[static_cast<std::size_t>(a * n_ + b)]; }
  double pair_log_length(int a, int b) const { return pair_log_length_[static_cast<std::size_t>(a * n_ + b)]; }

  const std::vector<Keyed>& angles() const { return angles_; }
  const std::vector<Keyed>& ratios() const { return ratios_; }
  const std::vector<Keyed>& lengths() const { return lengths_; }
  const std::vector<Keyed>& directions() const { return directions_; }

 private:
  const std::vector<Vec2>& p_;
  const Tolerance& tol_;
  int n_;
  std::vector<std::vector<int>> collinear_;  // (a, b) -> points on line ab
  static constexpr unsigned char kColl = 1, kNColl = 2;
  std::vector<unsigned char> collinear_triples_;  // (a, b, c) -> kColl | kNColl bits, as holds says
  std::vector<double> pair_direction_;       // (a, b) -> direction of ab mod pi
  std::vector<double> pair_log_length_;      // (a, b) -> log |ab|
  std::vector<Keyed> angles_;                // angle at b from line ba to line bc, mod pi
  std::vector<Keyed> ratios_;                // log(|ba| / |bc|)
  std::vector<Keyed> lengths_;               // log |ab|, a < b
  std::vector<Keyed> directions_;            // direction of ab mod pi, a < b
};

// Backtracking search for one rule.
class RuleMatcher {
 public:
  RuleMatcher(const Rule& rule, RuleId rule_index, const NumericIndex& index, const Tolerance& tol,
              const std::vector<PointId>& ids, std::vector<Instance>& out, std::int64_t max, MatchStats& stats,
              std::chrono::steady_clock::time_point deadline, const std::atomic<bool>* cancel)
      : rule_(rule), rule_index_(rule_index), ix_(index), tol_(tol), ids_(ids), out_(out), max_(max), stats_(stats),
        bind_(rule.vars.size(), -1), deadline_(deadline), cancel_(cancel) {
    plan();
    if (rule.symmetric) {
      // The two triangles: the first six variables in order of appearance
      // in the first premise that names six.
      for (const Atom& a : rule.premises) {
        std::vector<int> seen;
        for (int v : a.args)
          if (std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(v);
        if (seen.size() == 6) {
          tri_ = seen;
          break;
        }
      }
    }
  }

  void run() { step(0); }

 private:
  // Orders premises so that each binds as few new variables as possible;
  // conditions are checked as soon as their variables are bound.
  void plan() {
    std::vector<bool> bound(rule_.vars.size(), false), used(rule_.premises.size(), false);
    std::vector<bool> cond_used(rule_.conditions.size(), false);
    for (std::size_t k = 0; k < rule_.premises.size(); ++k) {
      int best = -1, best_new = 1 << 20, best_bound = -1;
      for (std::size_t i = 0; i < rule_.premises.size(); ++i) {
        if (used[i]) continue;
        int fresh = 0, have = 0;
        std::vector<int> seen;
        for (int v : rule_.premises[i].args) {
          if (std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
          seen.push_back(v);
          bound[v] ? ++have : ++fresh;
        }
        if (fresh < best_new || (fresh == best_new && have > best_bound)) best = static_cast<int>(i), best_new = fresh, best_bound = have;
      }
      used[best] = true;
      steps_.push_back(&rule_.premises[best]);
      for (int v : rule_.premises[best].args) bound[v] = true;
      // Premises already bound come first (their checks start with a table
      // lookup that rejects most candidates), the conditions after them.
      bool pending = false;
      for (std::size_t i = 0; i < rule_.premises.size(); ++i)
        pending = pending || (!used[i] && std::all_of(rule_.premises[i].args.begin(), rule_.premises[i].args.end(),
                                                      [&](int v) { return bound[v]; }));
      if (pending) continue;
      for (std::size_t c = 0; c < rule_.conditions.size(); ++c) {
        if (cond_used[c]) continue;
        bool all = true;
        for (int v : rule_.conditions[c].args) all = all && bound[v];
        if (all) cond_used[c] = true, steps_.push_back(&rule_.conditions[c]);
      }
    }
    // The variables each step meets unbound (in order of appearance): the
    // steps before it bind all the others.
    circle_points_.resize(steps_.size());
    std::vector<bool> known(rule_.vars.size(), false);
    for (const Atom* a : steps_) {
      fresh_.emplace_back();
      for (int v : a->args)
        if (!known[v]) known[v] = true, fresh_.back().push_back(v);
    }
  }

  // A quick test of an equality of lines (cong, para, perp, eqangle,
  // eqratio) from the index's tables: false when it cannot hold (the gap is
  // beyond the lookup window, or a line joins a point to itself); true for
  // other predicates. The gaps are one_free's signed sums, written out: on
  // this hot path a loop over a sign table costs 2-5% of a whole run.
  bool may_hold(const Atom& a) const {
    double gap;
    auto dir = [&](int line) { return ix_.pair_direction(bind_[a.args[2 * line]], bind_[a.args[2 * line + 1]]); };
    auto len = [&](int line) { return ix_.pair_log_length(bind_[a.args[2 * line]], bind_[a.args[2 * line + 1]]); };
    switch (a.pred) {
      case Pred::Cong: gap = len(0) - len(1); break;
      case Pred::Para: gap = wrap_pi(dir(0) - dir(1)); break;
      case Pred::Perp: gap = wrap_pi(dir(0) - dir(1) - geo::kPi / 2); break;
      case Pred::EqAngle: gap = wrap_pi(dir(1) - dir(0) - dir(3) + dir(2)); break;
      case Pred::EqRatio: gap = len(0) + len(3) - len(1) - len(2); break;
      default: return true;
    }
    return std::abs(gap) <= tol_.window;  // NaN fails
  }

  // A difference of directions (|x| < 5 pi) mod pi, into [-pi/2, pi/2]: the
  // shifted quotient is positive, so truncation rounds it. NaN (a line from
  // a point to itself) stays NaN, never cast.
  static double wrap_pi(double x) {
    if (!(std::abs(x) < 8 * geo::kPi)) return x;
    return x - geo::kPi * static_cast<double>(static_cast<int>(x / geo::kPi + 8.5) - 8);
  }

  // The bound points of an atom, in a buffer that needs no allocation.
  struct Bound {
    std::array<int, 16> ids;
    std::size_t n = 0;
  };
  void bound(const Atom& a, Bound& b) const {
    b.n = std::min<std::size_t>(a.args.size(), b.ids.size());
    for (std::size_t i = 0; i < b.n; ++i) b.ids[i] = bind_[a.args[i]];
  }

  bool check(const Atom& a) const {
    if (!may_hold(a)) return false;
    Bound b;
    bound(a, b);
    if (degenerate(a.pred, std::span<const int>(b.ids.data(), b.n))) return false;
    if ((a.pred == Pred::Coll || a.pred == Pred::NColl) && b.n == 3)
      return ix_.triple(a.pred, b.ids[0], b.ids[1], b.ids[2]);
    std::array<Vec2, 16> pts;
    for (std::size_t i = 0; i < b.n; ++i) pts[i] = ix_.at(b.ids[i]);
    return holds(a.pred, std::span<const Vec2>(pts.data(), b.n), a.number ? a.number->value : 0, tol_);
  }

  void emit() {
    bool useful = false;
    for (const Atom& c : rule_.conclusions) {
      Bound b;
      bound(c, b);
      const std::span<const int> v(b.ids.data(), b.n);
      if (degenerate(c.pred, v)) return;
      useful = useful || !trivial(c.pred, v);
    }
    if (!useful) return;
    for (const Atom& c : rule_.conclusions)
      if (!check(c)) {
        ++stats_.numeric_rejections;
        return;
      }
    if (static_cast<std::int64_t>(out_.size()) >= max_) {
      stats_.truncated = true;
      return;
    }
    Instance inst{rule_index_, {}};
    for (int b : bind_) inst.binding.push_back(ids_[b]);
    out_.push_back(std::move(inst));
    ++stats_.instances;
  }

  // Binds `vars` (all unbound) to each candidate tuple in turn.
  void bind_each(std::size_t k, std::initializer_list<int> vars, std::initializer_list<int> values) {
    auto value = values.begin();
    for (int v : vars) bind_[v] = *value++;
    step(k);
    for (int v : vars) bind_[v] = -1;
  }

  // Binds each of `vars` (all unbound) to every candidate in turn that no
  // point of `taken` holds: the atom's points must be distinct (coll and
  // cyclic are degenerate otherwise), so the others could not match.
  void bind_free(std::size_t k, const std::vector<int>& cands, std::span<const int> vars, std::array<int, 16>& taken,
                 std::size_t nt) {
    if (vars.empty()) return step(k);
    for (int c : cands) {
      if (std::find(taken.begin(), taken.begin() + nt, c) != taken.begin() + nt) continue;
      bind_[vars[0]] = c;
      taken[nt] = c;
      bind_free(k, cands, vars.subspan(1), taken, nt + 1);
    }
    bind_[vars[0]] = -1;
  }

  // Lines (u, s, v) with s shared: a "vertex" half of an eqangle/eqratio
  // atom written x s, s y style. Returns false unless the four arguments
  // share exactly one variable.
  static bool vertex(const Atom& a, int off, int& u, int& s, int& v) {
    const int p = a.args[off], q = a.args[off + 1], r = a.args[off + 2], t = a.args[off + 3];
    if (p == r) return u = q, s = p, v = t, q != p && t != p && q != t;
    if (p == t) return u = q, s = p, v = r, q != p && r != p && q != r;
    if (q == r) return u = p, s = q, v = t, p != q && t != q && p != t;
    if (q == t) return u = p, s = q, v = r, p != q && r != q && p != r;
    return false;
  }

  // Tries a lookup-driven generator; returns false if none applies.
  bool generate(std::size_t k, const Atom& a) {
    auto is = [&](int v) { return bind_[v] >= 0; };
    switch (a.pred) {
      case Pred::Coll:
      case Pred::Cyclic: {
        // With two (three) points bound, the others lie on their line (circle).
        std::array<int, 16> b{}, free{};
        std::size_t nb = 0, nf = 0;
        for (int v : a.args) {
          if (is(v)) {
            if (nb < b.size()) b[nb++] = v;
          } else if (nf < free.size() && std::find(free.begin(), free.begin() + nf, v) == free.begin() + nf) {
            free[nf++] = v;
          }
        }
        const bool line = a.pred == Pred::Coll;
        if (nb < (line ? 2u : 3u)) return false;
        std::vector<int>& on_circle = circle_points_[k];  // one buffer per step: steps nest
        on_circle.clear();
        const std::vector<int>* cands = &on_circle;
        if (line) {
          cands = &ix_.on_line(bind_[b[0]], bind_[b[1]]);
        } else {
          auto circle = geo::circumcircle(ix_.at(bind_[b[0]]), ix_.at(bind_[b[1]]), ix_.at(bind_[b[2]]));
          if (!circle) return true;  // collinear: no circle, nothing matches
          for (int i = 0; i < ix_.size(); ++i)
            if (std::abs((ix_.at(i) - circle->c).norm() - circle->r) <= tol_.window * circle->r) on_circle.push_back(i);
        }
        std::sort(free.begin(), free.begin() + nf);
        std::array<int, 16> taken{};
        for (std::size_t i = 0; i < nb; ++i) taken[i] = bind_[b[i]];
        if (nb + nf > taken.size()) return false;
        bind_free(k, *cands, std::span<const int>(free.data(), nf), taken, nb);
        return true;
      }
      case Pred::Circle: {
        // circle o a b c: with the center and a point bound, the others are
        // as far from the center (bound in order of appearance, as the
        // generic search would); with a, b, c bound, the center is theirs.
        const int o = a.args[0];
        std::array<int, 16> taken{}, free{};
        std::size_t nt = 0, nf = 0;
        int on = -1;  // a bound point on the circle
        for (std::size_t i = 1; i < a.args.size(); ++i) {
          const int v = a.args[i];
          if (is(v)) {
            on = v;
            if (nt < taken.size()) taken[nt++] = bind_[v];
          } else if (nf < free.size() && std::find(free.begin(), free.begin() + nf, v) == free.begin() + nf) {
            free[nf++] = v;
          }
        }
        if (!is(o)) {
          if (nf != 0 || a.args.size() != 4) return false;
          auto circle = geo::circumcircle(ix_.at(bind_[a.args[1]]), ix_.at(bind_[a.args[2]]), ix_.at(bind_[a.args[3]]));
          if (!circle) return true;  // collinear: no center, nothing matches
          for (int i = 0; i < ix_.size(); ++i)
            if ((ix_.at(i) - circle->c).norm() <= tol_.window * circle->r) bind_each(k, {o}, {i});
          return true;
        }
        if (on < 0 || nf + nt + 1 > taken.size()) return false;
        std::vector<int>& around = circle_points_[k];  // one buffer per step: steps nest
        around.clear();
        const double radius = ix_.pair_log_length(bind_[o], bind_[on]);
        for (int i = 0; i < ix_.size(); ++i)
          if (std::abs(ix_.pair_log_length(bind_[o], i) - radius) <= tol_.window) around.push_back(i);
        taken[nt++] = bind_[o];
        bind_free(k, around, std::span<const int>(free.data(), nf), taken, nt);
        return true;
      }
      case Pred::SimTri:
      case Pred::SimTri2:
      case Pred::Contri:
      case Pred::Contri2: {
        // Triangle abc bound, pqr free: pqr has the angle of abc at q (same
        // or mirrored orientation).
        const int A = a.args[0], B = a.args[1], C = a.args[2], P = a.args[3], Q = a.args[4], R = a.args[5];
        if (!(is(A) && is(B) && is(C) && !is(P) && !is(Q) && !is(R))) return false;
        double value = ix_.angle(bind_[A], bind_[B], bind_[C]);
        if (a.pred == Pred::SimTri2 || a.pred == Pred::Contri2) value = NumericIndex::mod_pi(-value);
        ix_.near(ix_.angles(), value, true, [&](const Keyed& e) { bind_each(k, {P, Q, R}, {e.a, e.b, e.c}); });
        return true;
      }
      case Pred::EqAngle:
      case Pred::EqRatio: {
        int u1, s1, v1, u2, s2, v2;
        if (!vertex(a, 0, u1, s1, v1) || !vertex(a, 4, u2, s2, v2)) return one_free(k, a);
        bool first = is(u1) && is(s1) && is(v1) && !is(u2) && !is(s2) && !is(v2);
        bool second = is(u2) && is(s2) && is(v2) && !is(u1) && !is(s1) && !is(v1);
        if (!first && !second) return one_free(k, a);
        if (second) std::swap(u1, u2), std::swap(s1, s2), std::swap(v1, v2);
        const bool angle = a.pred == Pred::EqAngle;
        double value;
        if (angle) {
          value = ix_.angle(bind_[u1], bind_[s1], bind_[v1]);
        } else {
          value = std::log((ix_.at(bind_[u1]) - ix_.at(bind_[s1])).norm() / (ix_.at(bind_[v1]) - ix_.at(bind_[s1])).norm());
        }
        ix_.near(angle ? ix_.angles() : ix_.ratios(), value, angle,
                 [&](const Keyed& e) { bind_each(k, {u2, s2, v2}, {e.a, e.b, e.c}); });
        return true;
      }
      case Pred::Cong:
      case Pred::Para:
      case Pred::Perp: {
        const int p = a.args[0], q = a.args[1], r = a.args[2], t = a.args[3];
        bool first = is(p) && is(q) && !is(r) && !is(t) && r != t;
        bool second = is(r) && is(t) && !is(p) && !is(q) && p != q;
        if (!first && !second) return one_free(k, a);
        int x = p, y = q, fx = r, fy = t;
        if (second) x = r, y = t, fx = p, fy = q;
        if (bind_[x] == bind_[y]) return true;  // degenerate: nothing matches
        double value;
        const std::vector<Keyed>* index;
        bool periodic = false;
        if (a.pred == Pred::Cong) {
          value = ix_.pair_log_length(bind_[x], bind_[y]);
          index = &ix_.lengths();
        } else {
          value = ix_.pair_direction(bind_[x], bind_[y]);
          if (a.pred == Pred::Perp) value = NumericIndex::mod_pi(value + geo::kPi / 2);
          index = &ix_.directions();
          periodic = true;
        }
        ix_.near(*index, value, periodic, [&](const Keyed& e) {
          bind_each(k, {fx, fy}, {e.a, e.b});
          bind_each(k, {fx, fy}, {e.b, e.a});
        });
        return true;
      }
      case Pred::Midp: {
        const int m = a.args[0], x = a.args[1], y = a.args[2];
        int target = -1;
        Vec2 where;
        if (is(x) && is(y) && !is(m)) target = m, where = (ix_.at(bind_[x]) + ix_.at(bind_[y])) / 2;
        else if (is(m) && is(x) && !is(y)) target = y, where = 2 * ix_.at(bind_[m]) - ix_.at(bind_[x]);
        else if (is(m) && is(y) && !is(x)) target = x, where = 2 * ix_.at(bind_[m]) - ix_.at(bind_[y]);
        if (target < 0) return false;
        for (int i = 0; i < ix_.size(); ++i)
          if ((ix_.at(i) - where).norm() < tol_.window * (1 + where.norm())) bind_each(k, {target}, {i});
        return true;
      }
      default: return false;
    }
  }

  // An equality of lines (cong, para, perp, eqangle, eqratio) with one
  // variable left unbound: its point is found by a scan of the points that
  // compares directions or log-lengths from the index's tables (the full
  // check follows at the same step). Returns false unless exactly one
  // variable is unbound.
  bool one_free(std::size_t k, const Atom& a) {
    int v = -1;
    for (int x : a.args)
      if (bind_[x] < 0) {
        if (v >= 0 && x != v) return false;
        v = x;
      }
    const std::size_t lines = a.args.size() / 2;
    if (v < 0 || (lines != 2 && lines != 4)) return false;
    // The gap is a signed sum over the lines of their directions (mod pi)
    // or log-lengths, zero when the statement holds: a constant from the
    // lines without v plus, for each line through v, the table entry from
    // its other point to the candidate.
    std::array<int, 4> sign;
    bool periodic = true;
    double gap0 = 0;
    switch (a.pred) {
      case Pred::Cong: sign = {1, -1, 0, 0}, periodic = false; break;
      case Pred::Para: sign = {1, -1, 0, 0}; break;
      case Pred::Perp: sign = {1, -1, 0, 0}, gap0 = -geo::kPi / 2; break;
      case Pred::EqAngle: sign = {-1, 1, 1, -1}; break;
      case Pred::EqRatio: sign = {1, -1, -1, 1}, periodic = false; break;
      default: return false;
    }
    std::array<std::pair<int, int>, 4> through{};  // (sign, other point) of the lines through v
    std::size_t nt = 0;
    for (std::size_t l = 0; l < lines; ++l) {
      const int x = a.args[2 * l], y = a.args[2 * l + 1];
      if (x == v && y == v) return true;  // a line from v to itself: nothing matches
      if (x == v || y == v) {
        through[nt++] = {sign[l], bind_[x == v ? y : x]};
      } else {
        gap0 += sign[l] * (periodic ? ix_.pair_direction(bind_[x], bind_[y]) : ix_.pair_log_length(bind_[x], bind_[y]));
      }
    }
    const double w = tol_.window;
    for (int i = 0; i < ix_.size(); ++i) {
      double gap = gap0;
      for (std::size_t t = 0; t < nt; ++t)
        gap += through[t].first *
               (periodic ? ix_.pair_direction(through[t].second, i) : ix_.pair_log_length(through[t].second, i));
      if (periodic) gap = wrap_pi(gap);
      if (std::abs(gap) <= w) bind_each(k, {v}, {i});  // NaN (a point with itself) fails
    }
    return true;
  }

  // One binding per symmetry family: vertices of the first triangle in
  // increasing order, and the first triangle's sorted vertices not after
  // the second's.
  bool canonical() const {
    if (tri_.empty()) return true;
    const int a = bind_[tri_[0]], b = bind_[tri_[1]], c = bind_[tri_[2]];
    if (a >= 0 && b >= 0 && a >= b) return false;
    if (b >= 0 && c >= 0 && b >= c) return false;
    if (a >= 0 && c >= 0 && a >= c) return false;
    std::array<int, 3> t{a, b, c}, u{bind_[tri_[3]], bind_[tri_[4]], bind_[tri_[5]]};
    for (int x : t) if (x < 0) return true;
    for (int x : u) if (x < 0) return true;
    std::sort(u.begin(), u.end());
    return t <= u;
  }

  void step(std::size_t k) {
    if (stats_.truncated || !canonical()) return;
    if ((++ticks_ & 4095) == 0 &&
        (std::chrono::steady_clock::now() > deadline_ || (cancel_ && cancel_->load(std::memory_order_relaxed)))) {
      stats_.truncated = true;
      return;
    }
    if (k == steps_.size()) return emit();
    const Atom& a = *steps_[k];
    int unbound = -1;
    for (int v : fresh_[k])
      if (bind_[v] < 0) {
        unbound = v;
        break;
      }
    if (unbound < 0) {
      if (check(a)) step(k + 1);
      return;
    }
    if (generate(k, a)) return;
    for (int i = 0; i < ix_.size(); ++i) {
      bind_[unbound] = i;
      step(k);
    }
    bind_[unbound] = -1;
  }

  const Rule& rule_;
  RuleId rule_index_;
  const NumericIndex& ix_;
  const Tolerance& tol_;
  const std::vector<PointId>& ids_;
  std::vector<Instance>& out_;
  std::int64_t max_;
  MatchStats& stats_;
  std::vector<int> bind_;
  std::vector<const Atom*> steps_;
  std::vector<std::vector<int>> fresh_;          // per step: the variables the steps before it leave unbound
  std::vector<std::vector<int>> circle_points_;  // per step: the points on a circle a cyclic or circle step looks up
  std::vector<int> tri_;  // symmetric rules: the six triangle variables
  std::uint64_t ticks_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  const std::atomic<bool>* cancel_;
};

}  // namespace

std::vector<Instance> match_rules(const RuleBook& rules, const std::vector<PointId>& ids,
                                  const std::vector<geo::Vec2>& coords, const Tolerance& tol,
                                  std::int64_t max_instances, double seconds, MatchStats& stats,
                                  const std::atomic<bool>* cancel) {
  std::vector<Instance> out;
  NumericIndex index(coords, tol);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                std::chrono::duration<double>(seconds));
  for (std::uint32_t r = 0; r < rules.rules().size(); ++r)
    RuleMatcher(rules.at(RuleId(r)), RuleId(r), index, tol, ids, out, max_instances, stats, deadline, cancel).run();
  return out;
}

}  // namespace pappus::engine
