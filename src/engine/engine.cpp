#include "engine/engine.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <numeric>

#include "util/memory.hpp"

namespace pappus::engine {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

bool has_repeats(const std::vector<PointId>& v) {
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = i + 1; j < v.size(); ++j)
      if (v[i] == v[j]) return true;
  return false;
}

}  // namespace

const char* to_string(StopReason r) {
  switch (r) {
    case StopReason::Proved: return "proved";
    case StopReason::Saturated: return "saturated";
    case StopReason::TimeLimit: return "time limit";
    case StopReason::FactLimit: return "fact limit";
    case StopReason::PointLimit: return "point limit";
    case StopReason::MemoryLimit: return "memory limit";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::NodeLimit: return "node limit";
  }
  return "?";
}

Engine::Engine(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue, const RuleBook& rules,
               EngineOptions options)
    : problem_(problem), diagram_(diagram), catalogue_(catalogue), rules_(rules), options_(options) {
  add_givens(0);
}

Engine::Engine(const Engine& parent, const Problem& problem, const Diagram& diagram)
    : problem_(problem),
      diagram_(diagram),
      catalogue_(parent.catalogue_),
      rules_(parent.rules_),
      options_(parent.options_),
      facts_(parent.facts_),
      by_key_(parent.by_key_),
      lines_(parent.lines_),
      circles_(parent.circles_),
      angles_(parent.angles_),
      theta_(parent.theta_),
      ratios_(parent.ratios_),
      segment_vars_(parent.segment_vars_),
      line_version_(parent.line_version_),
      circle_version_(parent.circle_version_),
      distances_(parent.distances_),
      distance_facts_(parent.distance_facts_),
      fired_(parent.fired_),
      stats_(parent.stats_) {
  options_.include_auxiliary = true;
  stats_.per_round.clear();
  add_givens(parent.problem_.clauses.size());
}

std::string Engine::fact_text(const Fact& f) const {
  std::string s(predicate_info(f.pred).name);
  for (PointId p : f.args) s += " " + problem_.point_name(p);
  if (f.number) s += " " + f.number->text;
  return s;
}

std::string Engine::key(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) const {
  // Statements that say the same thing in another order share a key.
  std::string k(1, static_cast<char>(pred));
  for (PointId p : normalize(pred, args)) k += std::to_string(p.value) + ",";
  if (number) k += number->text;
  return k;
}

// ---- Algebra --------------------------------------------------------------

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

// ---- Facts ----------------------------------------------------------------

unsigned Engine::tables(Pred pred) {
  switch (pred) {
    case Pred::Coll: return kLines;
    case Pred::Cyclic: return kCircles;
    case Pred::Para: case Pred::Perp: case Pred::EqAngle: case Pred::AConst: return kAngles | kLines;
    case Pred::Midp: return kLines | kRatios;
    // Only stored facts (concluded by theorems) prove these.
    case Pred::SimTri: case Pred::SimTri2: case Pred::Contri: case Pred::Contri2: return kFacts;
    default: return kRatios;
  }
}

std::uint64_t Engine::version(Pred pred) const {
  const unsigned t = tables(pred);
  std::uint64_t v = 0;
  if (t & kAngles) v += angles_.rows() * 1000003ULL;
  if (t & kRatios) v += ratios_.rows() * 7919ULL;
  if (t & kLines) v += line_version_ * 104729ULL;
  if (t & kCircles) v += circle_version_ * 15485863ULL;
  if (t & kFacts) v += facts_.size() * 32452843ULL;
  return v;
}

bool Engine::holds_numerically(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) const {
  std::vector<geo::Vec2> pts;
  for (PointId p : args) pts.push_back(diagram_.at(p));
  return holds(pred, pts, number ? number->value : 0);
}

void Engine::record(FactId id) {
  const Fact f = facts_[id.value];  // copy: the vector may grow below
  const std::uint32_t source = id.value;
  auto part = [&](Pred p, std::vector<PointId> args, std::optional<Constant> number = std::nullopt) {
    Justification why;
    why.kind = Justification::Kind::Component;
    why.premises = {id};
    add_fact(p, std::move(args), std::move(number), std::move(why));
  };
  // Compound facts enter the tables through their parts, so that every
  // equation of a table has a source of its own.
  switch (f.pred) {
    case Pred::Midp: {
      const PointId m = f.args[0], a = f.args[1], b = f.args[2];
      Constant half{"1/2", NumberKind::Ratio, 0.5, 1, 2};
      part(Pred::Coll, {m, a, b});
      part(Pred::Cong, {m, a, m, b});
      part(Pred::RConst, {m, a, a, b}, half);
      feed_distances(id);
      return;
    }
    case Pred::Circle:
      part(Pred::Cong, {f.args[0], f.args[1], f.args[0], f.args[2]});
      part(Pred::Cong, {f.args[0], f.args[1], f.args[0], f.args[3]});
      return;
    case Pred::SimTri:
    case Pred::SimTri2:
    case Pred::Contri:
    case Pred::Contri2: {
      const bool mirror = f.pred == Pred::SimTri2 || f.pred == Pred::Contri2;
      const PointId A = f.args[0], B = f.args[1], C = f.args[2], P = f.args[3], Q = f.args[4], R = f.args[5];
      if (mirror) {
        part(Pred::EqAngle, {B, A, B, C, Q, R, Q, P});
        part(Pred::EqAngle, {C, A, C, B, R, Q, R, P});
      } else {
        part(Pred::EqAngle, {B, A, B, C, Q, P, Q, R});
        part(Pred::EqAngle, {C, A, C, B, R, P, R, Q});
      }
      part(Pred::EqRatio, {B, A, B, C, Q, P, Q, R});
      part(Pred::EqRatio, {C, A, C, B, R, P, R, Q});
      if (f.pred == Pred::Contri || f.pred == Pred::Contri2) part(Pred::Cong, {A, B, P, Q});
      return;
    }
    case Pred::Coll: {
      std::vector<PointId> pts = f.args;
      std::sort(pts.begin(), pts.end());
      pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
      if (pts.size() < 3) return;
      const auto merges = lines_.add(pts, id);
      ++line_version_;
      // Each merge says two lines are one: d(from) = d(into), from a fact of
      // its own (the absorbed line's two points and a point of this fact).
      for (const auto& m : merges) {
        PointId x = pts[0];
        for (PointId p : pts)
          if (p != m.a && p != m.b) x = p;
        Justification why;
        why.kind = Justification::Kind::Structure;
        why.premises = lines_.reasons(m.into);
        const FactId merge_fact = add_fact(Pred::Coll, {m.a, m.b, x}, std::nullopt, std::move(why));
        const Expr e = make_expr({{m.from, Rational(1)}, {m.into, Rational(-1)}});
        angles_.add(e, lift(e, Rational(0)), merge_fact.value);
      }
      if (!merges.empty()) rebuild_distances(lines_.root(merges.back().into));
      else if (const int r = lines_.find_containing(pts); r >= 0 && distances_.count(r) == 0) rebuild_distances(r);
      return;
    }
    case Pred::Cyclic: {
      std::vector<PointId> pts = f.args;
      std::sort(pts.begin(), pts.end());
      pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
      if (pts.size() >= 4) {
        circles_.add(pts, id);
        ++circle_version_;
      }
      return;
    }
    case Pred::Cong:
    case Pred::RConst: feed_distances(id); break;
    default: break;
  }
  std::vector<std::pair<Expr, Rational>> a;
  std::vector<std::pair<Expr, LogConst>> r;
  equation(f.pred, f.args, f.number, &a, &r);
  assert(a.size() + r.size() <= 1);
  for (auto& [e, k] : a) angles_.add(e, lift(e, k), source);
  for (auto& [e, k] : r) ratios_.add(e, k, source);
}

// ---- Distances along a line ------------------------------------------------

// The position equation of a midp, cong or rconst whose points all lie on
// the table's line; signs come from the diagram (the direction of each
// segment along the line), so the equation is exact over the reals. The
// equation does not depend on the order of the statement's arguments: each
// segment is read from its smaller point id to its larger, and the two
// segments of a cong in id order (the checker writes the same equation).
bool Engine::distance_equation(Distances& d, const Fact& f, Expr& e) {
  auto x = [&](PointId p) {
    auto [it, fresh] = d.var.try_emplace(p.value, static_cast<int>(d.var.size()));
    return it->second;
  };
  const auto& a = f.args;
  std::vector<std::pair<int, Rational>> terms;
  switch (f.pred) {
    case Pred::Midp:  // 2 x_m - x_a - x_b = 0
      terms = {{x(a[0]), Rational(2)}, {x(a[1]), Rational(-1)}, {x(a[2]), Rational(-1)}};
      break;
    case Pred::Cong:
    case Pred::RConst: {  // x_q - x_p = s r (x_v - x_u) for segments pq, uv
      Rational r(1);
      if (f.pred == Pred::RConst) {
        if (!f.number || f.number->den <= 0) return false;
        r = Rational(f.number->num, f.number->den);
      }
      auto [p, q, u, v] = distance_segments(f.pred, a);
      const geo::Vec2 pq = diagram_.at(q) - diagram_.at(p), uv = diagram_.at(v) - diagram_.at(u);
      if (pq.dot(uv) < 0) r = -r;
      terms = {{x(q), Rational(1)}, {x(p), Rational(-1)}, {x(v), -r}, {x(u), r}};
      break;
    }
    default: return false;
  }
  e = make_expr(std::move(terms));
  return true;
}

void Engine::feed_distances(FactId id) {
  const Fact& f = facts_[id.value];
  std::vector<PointId> pts = f.args;
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  const int root = pts.size() >= 2 ? lines_.find_containing(pts) : -1;
  if (pts.size() < 3 || (f.pred != Pred::Midp && root < 0)) return;
  distance_facts_.push_back(id);
  if (root < 0) return;  // a midp's line arrives with its coll part
  auto it = distances_.find(root);
  if (it == distances_.end()) return rebuild_distances(root);
  Expr e;
  if (distance_equation(it->second, facts_[id.value], e)) it->second.table.add(e, Rational(0), id.value);
}

// A line changed (merged or new): its table is rebuilt from every fact
// about lengths on it.
void Engine::rebuild_distances(int root) {
  Distances d;
  for (FactId id : distance_facts_) {
    const Fact& f = facts_[id.value];
    if (lines_.find_containing(f.args) != root) continue;
    Expr e;
    if (distance_equation(d, f, e)) d.table.add(e, Rational(0), id.value);
  }
  distances_.insert_or_assign(root, std::move(d));
}

std::optional<Combination> Engine::distance_implies(const Fact& query) {
  const int root = lines_.find_containing(query.args);
  if (root < 0) return std::nullopt;
  auto it = distances_.find(root);
  if (it == distances_.end()) return std::nullopt;
  Distances& d = it->second;
  for (PointId p : query.args)
    if (!d.var.count(p.value)) return std::nullopt;
  Expr e;
  if (!distance_equation(d, query, e)) return std::nullopt;
  return d.table.implies(e, Rational(0));
}

// Equal and proportional segments (ratios p/q with small p, q) that the
// distance tables imply join the ratio table as facts.
std::int64_t Engine::propagate_distances() {
  std::int64_t added = 0;
  std::vector<int> roots;
  for (const auto& [root, d] : distances_)
    if (d.table.rows() > 0) roots.push_back(root);
  std::sort(roots.begin(), roots.end());
  for (int root : roots) {
    std::vector<PointId> pts;
    for (const auto& [p, v] : distances_[root].var) pts.emplace_back(p);
    std::sort(pts.begin(), pts.end());
    std::vector<std::pair<PointId, PointId>> segs;
    for (std::size_t i = 0; i < pts.size(); ++i)
      for (std::size_t j = i + 1; j < pts.size(); ++j) segs.emplace_back(pts[i], pts[j]);
    for (std::size_t i = 0; i < segs.size(); ++i)
      for (std::size_t j = 0; j < segs.size(); ++j) {
        if (i == j) continue;
        const double l1 = (diagram_.at(segs[i].second) - diagram_.at(segs[i].first)).norm();
        const double l2 = (diagram_.at(segs[j].second) - diagram_.at(segs[j].first)).norm();
        // The smallest p/q (p, q <= 4) equal to l1 / l2, if any.
        std::optional<Constant> ratio;
        for (int q = 1; q <= 4 && !ratio; ++q)
          for (int p = 1; p <= 4 && !ratio; ++p)
            if (std::gcd(p, q) == 1 && std::abs(l1 * q - l2 * p) <= 1e-9 * (l1 + l2) * (p + q))
              ratio = Constant{std::to_string(p) + "/" + std::to_string(q), NumberKind::Ratio,
                               static_cast<double>(p) / q, p, q};
        if (!ratio) continue;
        const bool equal = ratio->num == 1 && ratio->den == 1;
        if (equal && j < i) continue;  // cong is symmetric
        Fact q{equal ? Pred::Cong : Pred::RConst,
               {segs[i].first, segs[i].second, segs[j].first, segs[j].second},
               equal ? std::nullopt : ratio,
               {}, {}};
        if (derive(q.pred, q.args, q.number, false).ok) continue;
        auto comb = distance_implies(q);
        if (!comb) continue;
        Justification why;
        why.kind = Justification::Kind::Algebra;
        why.table = Justification::Table::Distances;
        for (auto& [src, coef] : comb->sources) {
          why.premises.push_back(FactId(src));
          why.coefficients.push_back(coef);
        }
        cite_lines(q.args, why, true);
        add_fact(q.pred, q.args, q.number, std::move(why));
        ++added;
      }
  }
  return added;
}

FactId Engine::add_fact(Pred pred, std::vector<PointId> args, std::optional<Constant> number, Justification why) {
  const std::string k = key(pred, args, number);
  if (auto it = by_key_.find(k); it != by_key_.end()) return it->second;
  const FactId id(static_cast<std::uint32_t>(facts_.size()));
  facts_.push_back(Fact{pred, std::move(args), std::move(number), std::move(why), {}});
  by_key_.emplace(k, id);
  record(id);
  stats_.facts = static_cast<std::int64_t>(facts_.size());
  return id;
}

void Engine::add_givens(std::size_t first_clause) {
  for (std::size_t ci = first_clause; ci < problem_.clauses.size(); ++ci) {
    const Clause& clause = problem_.clauses[ci];
    if (clause.auxiliary && !options_.include_auxiliary) continue;
    for (const ConstructionUse& use : clause.constructions) {
      const dsl::Construction& c = catalogue_.at(use.catalogue_index);
      for (const dsl::FactTemplate& t : c.asserts) {
        std::vector<PointId> args;
        for (int a : t.args) args.push_back(use.args[a].point);
        std::optional<Constant> number = t.literal;
        if (t.number >= 0) number = use.args[t.number].number;
        Justification why;
        why.kind = Justification::Kind::Given;
        why.clause = static_cast<int>(ci);
        add_fact(t.pred, std::move(args), std::move(number), std::move(why));
      }
    }
  }
}

// Whether the statement follows from the tables, and (when asked) why.
Engine::Derivation Engine::derive(Pred pred, const std::vector<PointId>& a, const std::optional<Constant>& number,
                                  bool want_why) {
  Derivation d;
  if (auto it = by_key_.find(key(pred, a, number)); it != by_key_.end()) {
    d.ok = true;
    if (want_why) d.why = {Justification::Kind::Structure, -1, -1, {it->second}, {}};
    return d;
  }
  auto structure = [&](const PointSets& sets, std::size_t trivial) {
    std::vector<PointId> pts = a;
    std::sort(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    if (pts.size() <= trivial) {
      // Three distinct points are on a circle only when they are not on
      // a line: the one case where the trivial answer needs the figure.
      if (pts.size() == 3 && !holds_numerically(Pred::NColl, pts, std::nullopt)) return;
      d.ok = true;
      d.why.kind = Justification::Kind::Structure;
      return;
    }
    const int r = sets.find_containing(pts);
    if (r < 0) return;
    d.ok = true;
    d.why.kind = Justification::Kind::Structure;
    if (want_why) d.why.premises = sets.reasons(r);
  };
  auto composite = [&](std::vector<std::tuple<Pred, std::vector<PointId>>> parts) {
    for (auto& [p, args] : parts)
      if (!derive(p, args, std::nullopt, false).ok) return;
    d.ok = true;
    d.why.kind = Justification::Kind::Composite;
    if (want_why)
      for (auto& [p, args] : parts) d.why.premises.push_back(materialize(p, args, std::nullopt));
  };
  switch (pred) {
    case Pred::Coll: structure(lines_, 2); return d;
    case Pred::Cyclic: structure(circles_, 3); return d;
    case Pred::Midp:
      if (has_repeats(a)) return d;
      composite({{Pred::Coll, {a[0], a[1], a[2]}}, {Pred::Cong, {a[0], a[1], a[0], a[2]}}});
      return d;
    case Pred::Circle:
      composite({{Pred::Cong, {a[0], a[1], a[0], a[2]}}, {Pred::Cong, {a[0], a[1], a[0], a[3]}}});
      return d;
    case Pred::SimTri:
    case Pred::SimTri2:
    case Pred::Contri:
    case Pred::Contri2:
      return d;  // only theorems (AA, SAS, SSS, ...) conclude these; a stored fact was found above
    default: break;
  }
  std::vector<std::pair<Expr, Rational>> ae;
  std::vector<std::pair<Expr, LogConst>> re;
  if (!equation(pred, a, number, &ae, &re) || ae.size() + re.size() != 1) return d;
  std::optional<Combination> comb = ae.empty() ? ratios_.implies(re[0].first, re[0].second)
                                               : angles_.implies(ae[0].first, lift(ae[0].first, ae[0].second));
  bool by_distance = false;
  if (!comb && (pred == Pred::Cong || pred == Pred::RConst)) {
    comb = distance_implies(Fact{pred, a, number, {}, {}});
    by_distance = comb.has_value();
  }
  if (!comb) return d;
  d.ok = true;
  d.why.kind = Justification::Kind::Algebra;
  d.why.table = by_distance ? Justification::Table::Distances
                : ae.empty() ? Justification::Table::Ratios
                             : Justification::Table::Angles;
  if (want_why) {
    for (auto& [src, coef] : comb->sources) {
      d.why.premises.push_back(FactId(src));
      d.why.coefficients.push_back(coef);
    }
    if (!ae.empty() || by_distance) cite_lines(a, d.why, by_distance);
  }
  return d;
}

// Algebra over lines reads two point pairs on one line as one variable, and
// distances need all their points on one line: the collinearities that
// make it so join the justification (with coefficient 0), so a proof states
// every line identity it relies on.
void Engine::cite_lines(const std::vector<PointId>& target, Justification& why, bool one_line) {
  std::vector<std::vector<PointId>> groups;  // per line root: the points used on it
  std::vector<int> roots;
  auto note = [&](PointId p, PointId q) {
    if (p == q) return;
    const PointId pair[] = {p, q};
    const int r = lines_.find_containing(pair);
    if (r < 0) return;
    auto it = std::find(roots.begin(), roots.end(), r);
    if (it == roots.end()) {
      roots.push_back(r);
      groups.push_back({});
      it = roots.end() - 1;
    }
    auto& g = groups[it - roots.begin()];
    g.push_back(p);
    g.push_back(q);
  };
  auto pairs_of = [&](const std::vector<PointId>& args) {
    if (one_line) {
      for (std::size_t i = 1; i < args.size(); ++i) note(args[0], args[i]);
    } else {
      for (std::size_t i = 0; i + 1 < args.size(); i += 2) note(args[i], args[i + 1]);
    }
  };
  pairs_of(target);
  for (FactId id : std::vector<FactId>(why.premises)) {
    const Fact& f = facts_[id.value];
    if (f.pred != Pred::Coll) pairs_of(f.args);
  }
  for (auto& g : groups) {
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    if (g.size() < 3) continue;
    why.premises.push_back(materialize(Pred::Coll, g, std::nullopt));
    why.coefficients.push_back(Rational(0));
  }
}

FactId Engine::materialize(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) {
  if (auto it = by_key_.find(key(pred, args, number)); it != by_key_.end()) return it->second;
  Derivation d = derive(pred, args, number, true);
  if (!holds_numerically(pred, args, number)) ++stats_.numeric_violations;
  const FactId id(static_cast<std::uint32_t>(facts_.size()));
  facts_.push_back(Fact{pred, args, number, std::move(d.why), {}});
  by_key_.emplace(key(pred, args, number), id);
  stats_.facts = static_cast<std::int64_t>(facts_.size());
  return id;
}

std::optional<FactId> Engine::establish(Pred pred, const std::vector<PointId>& args,
                                        const std::optional<Constant>& number) {
  if (predicate_info(pred).check_only || !derive(pred, args, number, false).ok) return std::nullopt;
  return materialize(pred, args, number);
}

bool Engine::knows(const Statement& s) {
  const PredicateInfo* info = find_predicate(s.predicate);
  if (!info || info->check_only) return false;
  std::vector<PointId> args;
  std::optional<Constant> number;
  for (const Argument& a : s.args) {
    if (a.is_point) args.push_back(a.point);
    else number = a.number;
  }
  return derive(info->id, args, number, false).ok;
}

// ---- Saturation -----------------------------------------------------------

StopReason Engine::run(const std::atomic<bool>* cancel) {
  const auto t0 = Clock::now();
  std::vector<PointId> ids;
  std::vector<geo::Vec2> coords;
  for (std::size_t i = 0; i < diagram_.points.size(); ++i)
    if (diagram_.built[i]) ids.emplace_back(static_cast<std::uint32_t>(i)), coords.push_back(diagram_.points[i]);
  if (static_cast<int>(ids.size()) > options_.max_points) {
    stats_.seconds = since(t0);
    return StopReason::PointLimit;
  }
  MatchStats ms;
  const std::vector<Instance> instances =
      match_rules(rules_, ids, coords, Tolerance{}, options_.max_instances, options_.time_limit_s, ms, cancel);
  stats_.instances = ms.instances;
  stats_.numeric_rejections = ms.numeric_rejections;
  stats_.match_seconds = since(t0);

  auto goal_args = [&](const Statement& s, std::vector<PointId>& args, std::optional<Constant>& number) {
    for (const Argument& a : s.args) {
      if (a.is_point) args.push_back(a.point);
      else number = a.number;
    }
  };
  auto goals_proved = [&]() {
    if (problem_.goals.empty()) return false;
    for (const Statement& g : problem_.goals)
      if (!knows(g)) return false;
    goal_facts_.clear();
    for (const Statement& g : problem_.goals) {
      std::vector<PointId> args;
      std::optional<Constant> number;
      goal_args(g, args, number);
      goal_facts_.push_back(materialize(find_predicate(g.predicate)->id, args, number));
    }
    return true;
  };
  auto finish = [&](StopReason r) {
    stats_.seconds = since(t0);
    stats_.angle_rows = angles_.rows();
    stats_.ratio_rows = ratios_.rows();
    return r;
  };
  if (goals_proved()) return finish(StopReason::Proved);
  auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
  auto over_memory = [&] {
    return options_.max_memory_mib > 0 && util::resident_mib() > options_.max_memory_mib;
  };
  if (over_memory()) return finish(StopReason::MemoryLimit);
  if (cancelled()) return finish(StopReason::Cancelled);
  if (ms.truncated && since(t0) > options_.time_limit_s) return finish(StopReason::TimeLimit);

  // Per instance: done, or the version of the table its failing premise read.
  std::vector<char> done(instances.size(), 0);
  std::vector<std::uint64_t> failed_at(instances.size(), ~0ULL);
  std::vector<int> failed_premise(instances.size(), -1);
  for (int round = 1;; ++round) {
    const auto tr = Clock::now();
    RoundStats rs;
    rs.round = round;
    for (std::size_t i = 0; i < instances.size(); ++i) {
      if ((i & 255) == 0) {
        if (cancelled()) return finish(StopReason::Cancelled);
        if (since(t0) > options_.time_limit_s) return finish(StopReason::TimeLimit);
        if ((i & 4095) == 0 && over_memory()) return finish(StopReason::MemoryLimit);
      }
      if (done[i]) continue;
      if (options_.max_per_round > 0 && rs.applications >= options_.max_per_round) break;
      const Instance& inst = instances[i];
      const Rule& rule = rules_.at(inst.rule);
      auto bind = [&](const Atom& atom) {
        std::vector<PointId> args;
        for (int v : atom.args) args.push_back(inst.binding[v]);
        return args;
      };
      if (failed_premise[i] >= 0 && failed_at[i] == version(rule.premises[failed_premise[i]].pred)) continue;
      std::string instance_key = std::to_string(inst.rule) + ":";
      for (PointId p : inst.binding) instance_key += std::to_string(p.value) + ",";
      if (fired_.count(instance_key)) {
        done[i] = 1;
        continue;
      }
      bool all = true;
      for (std::size_t p = 0; p < rule.premises.size() && all; ++p) {
        const Atom& atom = rule.premises[p];
        if (!derive(atom.pred, bind(atom), atom.number, false).ok) {
          all = false;
          failed_premise[i] = static_cast<int>(p);
          failed_at[i] = version(atom.pred);
        }
      }
      if (!all) continue;
      done[i] = 1;
      fired_.insert(std::move(instance_key));
      ++rs.applications;
      std::vector<FactId> premises;
      for (const Atom& atom : rule.premises) premises.push_back(materialize(atom.pred, bind(atom), atom.number));
      for (const Atom& c : rule.conclusions) {
        std::vector<PointId> args = bind(c);
        if (derive(c.pred, args, c.number, false).ok) continue;
        Justification why;
        why.kind = Justification::Kind::Rule;
        why.rule = inst.rule;
        why.premises = premises;
        const std::size_t before = facts_.size();
        const FactId added = add_fact(c.pred, std::move(args), c.number, std::move(why));
        if (facts_.size() > before) facts_[added.value].binding = inst.binding;
        ++rs.new_facts;
      }
      if (static_cast<std::int64_t>(facts_.size()) >= options_.max_facts) return finish(StopReason::FactLimit);
    }
    rs.seconds = since(tr);
    stats_.applications += rs.applications;
    stats_.rounds = round;
    stats_.per_round.push_back(rs);
    if (goals_proved()) return finish(StopReason::Proved);
    rs.new_facts += propagate_distances();
    if (goals_proved()) return finish(StopReason::Proved);
    if (rs.new_facts == 0) return finish(StopReason::Saturated);
    if (over_memory()) return finish(StopReason::MemoryLimit);
  }
}

}  // namespace pappus::engine
