// Facts: their keys, how a new fact enters the lines, circles and tables,
// and whether a statement follows from what is known (with its why).
#include <algorithm>
#include <cassert>

#include <boost/container/small_vector.hpp>

#include "engine/engine.hpp"

namespace pappus::engine {

namespace {

bool has_repeats(const std::vector<PointId>& v) {
  for (std::size_t i = 0; i < v.size(); ++i)
    for (std::size_t j = i + 1; j < v.size(); ++j)
      if (v[i] == v[j]) return true;
  return false;
}

using KeyWords = boost::container::small_vector<std::uint32_t, 16>;

std::span<const std::uint32_t> words_of(const KeyWords& w) { return {w.data(), w.size()}; }

// A statement's key: its predicate and the number of its constant (0 for
// none) in one word, then its points in normal order, so that statements
// that say the same thing in another order share it.
KeyWords key_of(Pred pred, std::span<const PointId> args, std::uint32_t constant) {
  boost::container::small_vector<PointId, 16> pts(args.size());
  const std::size_t n = normalize(pred, args, std::span<PointId>(pts.data(), pts.size()));
  KeyWords words;
  words.push_back(static_cast<std::uint32_t>(pred) | constant << 8);
  for (std::size_t i = 0; i < n; ++i) words.push_back(pts[i].value);
  return words;
}

// A part's constant, if it has one.
std::optional<Constant> part_number(const Part& p) {
  if (p.number.empty()) return std::nullopt;
  return parse_constant(p.number, predicate_info(p.pred).number.value_or(NumberKind::Ratio));
}

}  // namespace

std::optional<FactId> Engine::find(Pred pred, std::span<const PointId> args,
                                   const std::optional<Constant>& number) const {
  std::uint32_t constant = 0;
  if (number) {
    const auto it = constants_.find(number->text);
    if (it == constants_.end()) return std::nullopt;  // no fact has this constant
    constant = it->second;
  }
  const std::uint32_t k = keys_.find(words_of(key_of(pred, args, constant)));
  if (k == SequenceSet::kAbsent) return std::nullopt;
  return FactId(k);
}

void Engine::store_key(FactId id) {
  const Fact& f = facts_[id.value];
  std::uint32_t constant = 0;
  if (f.number) constant = constants_.try_emplace(f.number->text, constants_.size() + 1).first->second;
  assert(constant < (1u << 24));
  [[maybe_unused]] const auto [k, fresh] = keys_.insert(words_of(key_of(f.pred, f.args, constant)));
  assert(fresh && k == id.value);
}

std::uint64_t Engine::version(Pred pred) const {
  const unsigned t = predicate_info(pred).proved_from;
  std::uint64_t v = 0;
  if (t & store::kAngles) v += angles_.rows() * 1000003ULL;
  if (t & store::kRatios) v += ratios_.rows() * 7919ULL;
  if (t & store::kLines) v += line_version_ * 104729ULL;
  if (t & store::kCircles) v += circle_version_ * 15485863ULL;
  if (t & store::kFacts) v += facts_.size() * 32452843ULL;
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
  const PredicateInfo& info = predicate_info(f.pred);
  // Compound facts enter the tables through their parts, so that every
  // equation of a table has a source of its own.
  if (!info.parts.empty()) {
    for (const Part& p : info.parts) {
      Justification why;
      why.kind = Justification::Kind::Component;
      why.premises = {id};
      add_fact(p.pred, part_args(p, f.args), part_number(p), std::move(why));
    }
    if (info.distance != Distance::None) feed_distances(id);
    return;
  }
  switch (info.locus) {
    case Locus::Line: {
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
    case Locus::Circle: {
      std::vector<PointId> pts = f.args;
      std::sort(pts.begin(), pts.end());
      pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
      if (pts.size() >= 4) {
        circles_.add(pts, id);
        ++circle_version_;
      }
      return;
    }
    case Locus::None:
    case Locus::CenteredCircle: break;
  }
  if (info.distance != Distance::None) feed_distances(id);
  std::vector<std::pair<Expr, Rational>> a;
  std::vector<std::pair<Expr, LogConst>> r;
  equation(f.pred, f.args, f.number, &a, &r);
  assert(a.size() + r.size() <= 1);
  for (auto& [e, k] : a) angles_.add(e, lift(e, k), source);
  for (auto& [e, k] : r) ratios_.add(e, k, source);
}

FactId Engine::add_fact(Pred pred, std::vector<PointId> args, std::optional<Constant> number, Justification why) {
  if (auto known = find(pred, args, number)) return *known;
  const FactId id(static_cast<std::uint32_t>(facts_.size()));
  facts_.push_back(Fact{pred, std::move(args), std::move(number), std::move(why), {}});
  store_key(id);
  record(id);
  stats_.facts = static_cast<std::int64_t>(facts_.size());
  return id;
}

// Whether the statement follows from the tables, and (when asked) why.
Engine::Derivation Engine::derive(Pred pred, const std::vector<PointId>& a, const std::optional<Constant>& number,
                                  bool want_why) {
  Derivation d;
  if (auto known = find(pred, a, number)) {
    d.ok = true;
    if (want_why) {
      d.why.kind = Justification::Kind::Structure;
      d.why.premises = {*known};
    }
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
  auto composite = [&](std::span<const Part> parts) {
    for (const Part& p : parts)
      if (!derive(p.pred, part_args(p, a), part_number(p), false).ok) return;
    d.ok = true;
    d.why.kind = Justification::Kind::Composite;
    if (want_why)
      for (const Part& p : parts) d.why.premises.push_back(materialize(p.pred, part_args(p, a), part_number(p)));
  };
  const PredicateInfo& info = predicate_info(pred);
  if (!info.parts.empty()) {
    // Only theorems (AA, SAS, SSS, ...) conclude a compound statement with
    // no definition; a stored fact was found above.
    if (info.defined_by == 0 || (info.distinct && has_repeats(a))) return d;
    composite(info.parts.first(info.defined_by));
    return d;
  }
  if (info.locus == Locus::Line) {
    structure(lines_, 2);
    return d;
  }
  if (info.locus == Locus::Circle) {
    structure(circles_, 3);
    return d;
  }
  std::vector<std::pair<Expr, Rational>> ae;
  std::vector<std::pair<Expr, LogConst>> re;
  if (!equation(pred, a, number, &ae, &re) || ae.size() + re.size() != 1) return d;
  std::optional<Combination> comb = ae.empty() ? ratios_.implies(re[0].first, re[0].second)
                                               : angles_.implies(ae[0].first, lift(ae[0].first, ae[0].second));
  bool by_distance = false;
  if (!comb && info.distance == Distance::Segments) {
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
    if (!line_identity(f.pred)) pairs_of(f.args);
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
  if (auto known = find(pred, args, number)) return *known;
  Derivation d = derive(pred, args, number, true);
  if (!holds_numerically(pred, args, number)) ++stats_.numeric_violations;
  const FactId id(static_cast<std::uint32_t>(facts_.size()));
  facts_.push_back(Fact{pred, args, number, std::move(d.why), {}});
  store_key(id);
  stats_.facts = static_cast<std::int64_t>(facts_.size());
  return id;
}

}  // namespace pappus::engine
