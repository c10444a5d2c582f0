// The theorems of a figure: facts its engines derive stage by stage, and
// statements true in its diagram that they prove, plainly or only once
// random auxiliary points are added.
#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

#include "generate/internal.hpp"
#include "problem/parser.hpp"
#include "search/proposer.hpp"

namespace pappus::generate {

namespace {

using engine::Engine;
using engine::StopReason;
using JKind = engine::Justification::Kind;

// Statements over the figure's points that hold in the diagram and involve
// a point from `first_new` on: the
// candidates for theorems beyond the facts rules concluded (sums of angle
// and ratio equations, points on a line or circle). Built by grouping
// directions, lengths, angles and ratios by value; at most `cap`.
struct Claim {
  Pred pred;
  std::vector<PointId> args;
};

std::vector<Claim> numeric_claims(const Diagram& d, std::size_t n, std::size_t first_new, std::size_t cap) {
  constexpr double kEps = tolerance::kRoundoff;
  const double scale = std::max(d.scale, tolerance::kRoundoff);
  auto P = [&](std::size_t i) { return d.points[i]; };
  auto id = [](std::size_t i) { return PointId(static_cast<std::uint32_t>(i)); };
  std::vector<Claim> out;
  auto add = [&](Pred p, std::initializer_list<std::size_t> a) {
    if (out.size() >= cap || std::all_of(a.begin(), a.end(), [&](std::size_t x) { return x < first_new; })) return;
    Claim c{p, {}};
    for (std::size_t x : a) c.args.push_back(id(x));
    out.push_back(std::move(c));
  };
  auto collinear = [&](std::size_t i, std::size_t j, std::size_t k) {
    return std::abs(geo::cross(P(j) - P(i), P(k) - P(i))) < kEps * scale * scale * 10;
  };
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      for (std::size_t k = j + 1; k < n; ++k)
        if (collinear(i, j, k)) {
          add(Pred::Coll, {i, j, k});
          // One of the three the midpoint of the others.
          for (auto [m, a, b] : {std::array{i, j, k}, std::array{j, i, k}, std::array{k, i, j}})
            if ((P(m) * 2 - P(a) - P(b)).norm() < kEps * scale) add(Pred::Midp, {m, a, b});
        }
  struct Seg {
    std::size_t a, b;
    double dir, len;
  };
  std::vector<Seg> segs;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const geo::Vec2 v = P(j) - P(i);
      double dir = std::atan2(v.y(), v.x());
      if (dir < 0) dir += M_PI;
      if (dir >= M_PI) dir -= M_PI;
      segs.push_back({i, j, dir, v.norm()});
    }
  auto same_line = [&](const Seg& s, const Seg& t) { return collinear(s.a, s.b, t.a) && collinear(s.a, s.b, t.b); };
  auto angle_diff = [](double x, double y) {  // distance of two directions mod pi
    double r = std::fmod(std::abs(x - y), M_PI);
    return std::min(r, M_PI - r);
  };
  for (std::size_t s = 0; s < segs.size(); ++s)
    for (std::size_t t = s + 1; t < segs.size(); ++t) {
      const Seg &x = segs[s], &y = segs[t];
      const double diff = angle_diff(x.dir, y.dir);
      if (!same_line(x, y)) {
        if (diff < kEps) add(Pred::Para, {x.a, x.b, y.a, y.b});
        else if (std::abs(diff - M_PI / 2) < kEps) add(Pred::Perp, {x.a, x.b, y.a, y.b});
      }
      if (std::abs(x.len - y.len) < kEps * scale) add(Pred::Cong, {x.a, x.b, y.a, y.b});
    }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      for (std::size_t k = j + 1; k < n; ++k) {
        if (collinear(i, j, k)) continue;
        const auto circle = geo::circumcircle(P(i), P(j), P(k));
        if (!circle) continue;
        for (std::size_t l = k + 1; l < n; ++l)
          if (std::abs((P(l) - circle->c).norm() - circle->r) < kEps * scale) add(Pred::Cyclic, {i, j, k, l});
      }
  // Angles at a vertex and ratios of segments, sorted by value: equal
  // neighbours are candidates.
  struct Value {
    double v;
    std::size_t a, b, c, e;
  };
  std::vector<Value> angles, ratios;
  for (std::size_t v = 0; v < n; ++v)
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) {
        if (a == v || b == v || a == b || collinear(v, a, b)) continue;
        double t = std::atan2(geo::cross(P(a) - P(v), P(b) - P(v)), (P(a) - P(v)).dot(P(b) - P(v)));
        if (t <= 0) continue;  // each angle once, counterclockwise from a to b
        angles.push_back({t, v, a, v, b});
      }
  for (std::size_t s = 0; s < segs.size(); ++s)
    for (std::size_t t = 0; t < segs.size(); ++t)
      if (s != t && segs[s].len < segs[t].len * (1 - tolerance::kCoarse))
        ratios.push_back({segs[s].len / segs[t].len, segs[s].a, segs[s].b, segs[t].a, segs[t].b});
  auto pairs = [&](std::vector<Value>& vals, Pred pred, double tol) {
    std::sort(vals.begin(), vals.end(), [](const Value& x, const Value& y) { return x.v < y.v; });
    for (std::size_t i = 0; i < vals.size(); ++i)
      for (std::size_t j = i + 1; j < vals.size() && vals[j].v - vals[i].v < tol * std::max(1.0, vals[i].v); ++j) {
        const Value &x = vals[i], &y = vals[j];
        add(pred, {x.a, x.b, x.c, x.e, y.a, y.b, y.c, y.e});
      }
  };
  pairs(angles, Pred::EqAngle, kEps);
  pairs(ratios, Pred::EqRatio, kEps);
  return out;
}

// The figure is saturated stage by stage (each engine continues from the
// previous one). A statement that holds when its points exist is a plain
// theorem if that stage's engine proves it; if not, and a later stage
// proves it, the later points are auxiliary: DDAR on the points the
// statement speaks of (a subset of that stage) cannot prove it.
class TheoremSearch {
 public:
  TheoremSearch(const Sampler& sampler, const GenerateOptions& o, const dsl::Catalogue& cat, Rng& rng,
                FigureResult& result, const std::atomic<bool>* cancel)
      : sampler_(sampler), o_(o), cat_(cat), rng_(rng), result_(result), cancel_(cancel) {}

  // Stage k of the figure, continuing from the previous stage's engine;
  // false once a saturation stops short.
  bool stage(const Stages& stages, std::size_t k, const engine::RuleBook& rules) {
    const Figure& stage = *stages[k];
    eng_ = k == 0 ? std::make_unique<Engine>(stage.problem, stage.diagram, cat_, rules, o_.engine())
                  : std::make_unique<Engine>(*eng_, stage.problem, stage.diagram);
    const std::size_t before = k == 0 ? 0 : eng_->facts().size();
    result_.stop = eng_->run(cancel_);
    if (result_.stop != StopReason::Saturated) return false;
    // Facts the rules concluded at this stage, then the statements true in
    // the figure that involve its new points.
    for (std::size_t i = before; i < eng_->facts().size(); ++i) {
      const auto kind = eng_->facts()[i].why.kind;
      if (kind != JKind::Given && kind != JKind::Component)
        consider(*eng_, stage.problem, engine::FactId(static_cast<std::uint32_t>(i)), false);
    }
    const std::size_t n = stage.problem.point_count();
    const std::size_t first_new = k == 0 ? 0 : stages[k - 1]->problem.point_count();
    for (const Claim& c : numeric_claims(stage.diagram, n, first_new, static_cast<std::size_t>(o_.max_candidates))) {
      if (auto id = eng_->establish(c.pred, c.args, std::nullopt)) consider(*eng_, stage.problem, *id, false);
      else pending_.push_back(c);
    }
    if (!pending_.empty()) try_auxiliary(stage);
    return true;
  }

  // What the last stage proves of the earlier open statements.
  void finish(const Figure& full) {
    if (result_.stop == StopReason::Saturated || result_.stop == StopReason::FactLimit)
      for (const Claim& c : pending_)
        if (auto id = eng_->establish(c.pred, c.args, std::nullopt)) consider(*eng_, full.problem, *id, true);
  }

  Candidates& candidates() { return found_; }

 private:
  // True statements this stage cannot prove: try a few random points as
  // auxiliary constructions, then a few of the search's own candidates
  // (the heuristic proposer's, drawn at random from its list, so that the
  // kinds the search proposes appear as labels), each continuing from this
  // stage's engine.
  void try_auxiliary(const Figure& stage) {
    const std::size_t n = stage.problem.point_count();
    const std::string text = to_text(stage.problem);
    for (int b = 0; b < o_.aux_tries && !(cancel_ && cancel_->load()); ++b) {
      const auto& c = sampler_.pick_point(cat_, rng_);
      if (c.new_points.size() != 1) continue;
      auto args = construction_text(c, n, n, rng_);
      if (!args) continue;
      try_clause(stage, text + "; " + canonical_name(n) + " = " + *args);
    }
    if (o_.aux_proposals <= 0 || (cancel_ && cancel_->load())) return;
    constexpr int kPool = 200;
    std::vector<search::Candidate> pool =
        search::HeuristicProposer(cat_).propose(stage.problem, stage.diagram, *eng_, canonical_name(n), kPool);
    for (int b = 0; b < o_.aux_proposals && !pool.empty() && !(cancel_ && cancel_->load()); ++b) {
      const auto k = static_cast<std::ptrdiff_t>(rng_.below(pool.size()));
      try_clause(stage, text + "; " + pool[static_cast<std::size_t>(k)].clause);
      pool.erase(pool.begin() + k);
    }
  }

  // One auxiliary try: the stage's problem with one more clause.
  void try_clause(const Figure& stage, const std::string& text) {
    auto problem = parse_problem(text, cat_);
    if (!problem) return;
    DiagramOptions dopt;
    dopt.seed = rng_.next();
    dopt.max_attempts = 2;
    auto diagram = extend_diagram(*problem, cat_, stage.diagram, dopt);
    if (!diagram) return;
    Engine child(*eng_, *problem, *diagram);
    if (child.run(cancel_) != StopReason::Saturated) return;
    for (const Claim& claim : pending_)
      if (auto id = child.establish(claim.pred, claim.args, std::nullopt)) consider(child, *problem, *id, true);
  }

  // `eng` proves fact `id` of problem `pr`: keep it as a candidate when its
  // proof needs auxiliary clauses exactly when `aux_expected` says so.
  void consider(const Engine& eng, const Problem& pr, engine::FactId id, bool aux_expected) {
    const auto& f = eng.fact(id);
    // A quarter of the figure's allowance per predicate: the many angle and
    // ratio facts of the first stages leave room for the other goals.
    const auto pred = static_cast<std::size_t>(f.pred);
    if (!predicate_info(f.pred).goal || restates_two_terms(f.pred, f.args) ||
        (!aux_expected && (result_.candidates >= o_.max_candidates || 4 * per_pred_[pred] >= o_.max_candidates)))
      return;
    const auto pf = proof::extract(eng, {id});
    int steps = 0;
    for (const auto& st : pf.steps) steps += st.kind != proof::Step::Kind::Premise;
    if (steps < o_.min_proof_steps) return;
    const Dependencies deps(pr);
    Split split;
    const std::set<int> premises = deps.of_points(f.args);
    std::set<int> used = deps.closure({pf.premise_clauses.begin(), pf.premise_clauses.end()});
    used.insert(premises.begin(), premises.end());
    split.premises.assign(premises.begin(), premises.end());
    for (int c : used)
      if (!premises.count(c)) split.aux.push_back(c);
    // A plain theorem whose proof wandered outside its premises, or an
    // auxiliary one that needs none: not what this stage is looking for.
    if (split.aux.empty() == aux_expected) return;
    Candidate cand = canonical(pr, split, f, cat_);
    if (!keys_.insert(cand.key()).second) return;
    ++result_.candidates;
    ++per_pred_[pred];
    (aux_expected ? found_.with_aux : found_.plain).push_back(std::move(cand));
  }

  const Sampler& sampler_;
  const GenerateOptions& o_;
  const dsl::Catalogue& cat_;
  Rng& rng_;
  FigureResult& result_;
  const std::atomic<bool>* cancel_;
  std::unique_ptr<Engine> eng_;             // the latest stage's engine
  std::vector<Claim> pending_;              // true statements no stage has proved yet
  std::unordered_set<std::string> keys_;    // candidates found, by key
  std::array<int, kPredicateCount> per_pred_{};  // candidates found, by goal predicate
  Candidates found_;
};

}  // namespace

Candidates collect_candidates(const Stages& stages, const Sampler& sampler, const GenerateOptions& o,
                              const dsl::Catalogue& cat, const engine::RuleBook& rules, Rng& rng,
                              FigureResult& result, const std::atomic<bool>* cancel) {
  TheoremSearch search(sampler, o, cat, rng, result, cancel);
  for (std::size_t k = 0; k < stages.size(); ++k)
    if (!search.stage(stages, k, rules)) break;
  search.finish(*stages.back());
  return std::move(search.candidates());
}

}  // namespace pappus::generate
