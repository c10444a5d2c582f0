#include "search/proposer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "search/drafts.hpp"
#include "search/figure_objects.hpp"
#include "search/proposer_place.hpp"
#include "util/rng.hpp"

namespace pappus::search {

namespace {

using geo::Vec2;

// The figure's lines and circles as curves, to tell which a point lies on.
struct Curves {
  std::vector<geo::Line> lines;     // by index of Objects::lines
  std::vector<geo::Circle> circles; // by index of Objects::circles
};

Curves curves_of(const Objects& o) {
  Curves c;
  for (const FigureLine& l : o.lines)
    c.lines.push_back(geo::line_through(o.at(l.rep[0]), o.at(l.rep[1])).value_or(geo::Line{}));
  for (const FigureCircle& f : o.circles) c.circles.push_back(f.at);
  return c;
}

// The ranking's features of a point where a draft lands: figure objects it
// lies on, and of those, objects through two or more goal points.
struct Landing {
  int objects = 0;
  int goal_objects = 0;
};

Landing landing(const Objects& o, const Curves& c, const Vec2& x) {
  Landing l;
  const double e = 1e-6 * o.scale;
  for (std::size_t i = 0; i < c.lines.size(); ++i)
    if (std::abs(geo::cross(x - c.lines[i].p, c.lines[i].d)) <= e) {
      ++l.objects;
      l.goal_objects += o.lines[i].goal_points >= 2;
    }
  for (std::size_t i = 0; i < c.circles.size(); ++i)
    if (std::abs((x - c.circles[i].c).norm() - c.circles[i].r) <= e) {
      ++l.objects;
      l.goal_objects += o.circles[i].goal_points >= 2;
    }
  return l;
}

struct Ranked {
  std::size_t draft;      // index into the drafts
  Placement placement;
  double score = 0;       // the hand-tuned score
  double learned = 0;     // the learned ranking's, when there is one
};

// Best first by the hand-tuned score, or with a learned ranking by both in
// turn: the learned first, the hand-tuned first, the learned second, ...
// (each once). Ties keep the families' order (deterministic).
void order(std::vector<Ranked>& ranked, bool learned, bool fuse) {
  auto by = [&](auto key) {
    std::vector<std::size_t> idx(ranked.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return key(ranked[a]) > key(ranked[b]); });
    return idx;
  };
  if (!learned) {
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    return;
  }
  const auto by_learned = by([](const Ranked& r) { return r.learned; });
  std::vector<std::size_t> out;
  if (!fuse) {
    out = by_learned;
  } else {
    const auto by_hand = by([](const Ranked& r) { return r.score; });
    std::vector<char> taken(ranked.size(), 0);
    for (std::size_t i = 0; i < ranked.size(); ++i)
      for (std::size_t k : {by_learned[i], by_hand[i]})
        if (!taken[k]) taken[k] = 1, out.push_back(k);
  }
  std::vector<Ranked> sorted;
  sorted.reserve(ranked.size());
  for (std::size_t k : out) sorted.push_back(std::move(ranked[k]));
  ranked = std::move(sorted);
}

// Relations of x with the goal's points (search/ranker.hpp), each count
// capped at three.
std::array<int, kRelations> relations(const Objects& o, const std::vector<Vec2>& goal, const Vec2& x) {
  std::array<int, kRelations> r{};
  const double e = 1e-6 * o.scale;
  constexpr double kAngle = 1e-6;  // |sin| or |cos| of the angle between two directions
  const std::size_t n = goal.size();
  auto unit = [](const Vec2& v) -> std::optional<Vec2> {
    const double l = v.norm();
    return l > 0 ? std::optional<Vec2>(v / l) : std::nullopt;
  };
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const Vec2 a = goal[i] - x, b = goal[j] - x;
      r[0] += std::abs(a.norm() - b.norm()) <= e;
      const auto ua = unit(a), ub = unit(b);
      r[1] += ua && ub && std::abs(geo::cross(*ua, *ub)) <= kAngle;
      r[5] += (x - 0.5 * (goal[i] + goal[j])).norm() <= e;
      for (std::size_t k = j + 1; k < n; ++k)
        if (auto c = geo::circumcircle(goal[i], goal[j], goal[k]))
          r[2] += std::abs((x - c->c).norm() - c->r) <= e;
    }
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = unit(goal[i] - x);
    if (!u) continue;
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t k = j + 1; k < n; ++k) {
        if (j == i || k == i) continue;
        const auto v = unit(goal[k] - goal[j]);
        if (!v) continue;
        r[3] += std::abs(u->dot(*v)) <= kAngle;
        r[4] += std::abs(geo::cross(*u, *v)) <= kAngle;
      }
  }
  for (int& c : r) c = std::min(c, 3);
  return r;
}

// Relations of x with the goal's segments (search/ranker.hpp), each count
// capped at three.
std::array<int, kSegmentRelations> segment_relations(const Objects& o, const std::vector<Vec2>& goal, const Vec2& x) {
  std::array<int, kSegmentRelations> r{};
  const double e = 1e-6 * o.scale;
  constexpr double kAngle = 1e-6;
  for (const auto& [p, q] : o.goal_segments) {
    const Vec2 a = o.at(p), b = o.at(q);
    const double len = (b - a).norm();
    if (len <= e) continue;
    const Vec2 d = (b - a) / len;
    r[0] += std::abs(geo::cross(x - a, d)) <= e;
    r[1] += (x - 0.5 * (a + b)).norm() <= e;
    r[2] += std::abs((x - a).norm() - (x - b).norm()) <= e;
    for (const Vec2& g : goal) {
      const Vec2 v = g - x;
      const double l = v.norm();
      if (l <= e) continue;
      r[3] += std::abs(geo::cross(v / l, d)) <= kAngle && std::abs(geo::cross(x - a, d)) > e;
      r[4] += std::abs((v / l).dot(d)) <= kAngle;
    }
  }
  for (int& c : r) c = std::min(c, 3);
  return r;
}

// What the ranking reads of a placed draft. Without `learned` only what the
// hand-tuned score needs is computed (the search's default path).
CandidateFacts facts_of(const Objects& o, const Curves& c, const std::vector<Vec2>& goal, int goal_kind_index,
                        const Draft& d, const Placement& p, bool learned) {
  CandidateFacts f;
  f.kind = static_cast<int>(d.kind);
  f.goal = goal_kind_index;
  const auto in = inputs(d);
  f.inputs = static_cast<int>(in.size());
  for (PointId q : in) f.touched += o.goal(q);
  Landing best;
  for (const Vec2& x : p.at) {
    const Landing l = landing(o, c, x);
    best.objects = std::max(best.objects, l.objects);
    best.goal_objects = std::max(best.goal_objects, l.goal_objects);
    if (!learned) continue;
    const auto r = relations(o, goal, x);
    for (int i = 0; i < kRelations; ++i) f.relations[i] = std::max(f.relations[i], r[i]);
    const auto s = segment_relations(o, goal, x);
    for (int i = 0; i < kSegmentRelations; ++i) f.segment_relations[i] = std::max(f.segment_relations[i], s[i]);
    const double d = (x - o.center).norm() / std::max(o.scale, 1e-12);
    f.distance = std::max(f.distance, d < 0.5 ? 0 : d < 1 ? 1 : d < 2 ? 2 : 3);
  }
  double weight = 0;
  for (std::size_t i = 0; learned && i < in.size(); ++i)
    for (std::size_t j = i + 1; j < in.size(); ++j) {
      weight = std::max(weight, o.weight(in[i], in[j]));
      for (const auto& [p, q] : o.goal_segments)
        if ((p == in[i] && q == in[j]) || (p == in[j] && q == in[i])) {
          ++f.goal_segment_inputs;
          break;
        }
    }
  f.input_weight = weight <= 0 ? 0 : weight < 1 ? 1 : weight < 3 ? 2 : 3;
  // Objects beyond those the construction puts the point on (two curves, or
  // the line a midpoint or foot lies on) are coincidences worth trying.
  const int own = d.uses.size() == 2 ? 2 : 1;
  f.extra = std::max(0, best.objects - own);
  f.goal_objects = best.goal_objects;
  f.prior = d.prior;
  f.random = p.random;
  f.two_uses = d.uses.size() == 2;
  // Goal points among the inputs, as a share of three inputs at most (a
  // construction over many points touches the goal more often).
  const double touch =
      std::min(f.touched, 3) * std::min(1.0, 3.0 / static_cast<double>(std::max<std::size_t>(in.size(), 1)));
  f.heuristic = kind_info(d.kind).base + d.prior + 1.5 * touch + 0.75 * std::min(f.extra, 3) +
                1.0 * std::min(f.goal_objects, 2);
  return f;
}

// The goal's points where the figure has them.
std::vector<Vec2> goal_points(const Objects& o) {
  std::vector<Vec2> out;
  for (PointId p : o.points)
    if (o.goal(p)) out.push_back(o.at(p));
  return out;
}

std::vector<Draft> drafts_of(const Objects& o, const HeuristicOptions& options, const dsl::Catalogue& catalogue) {
  std::vector<Draft> drafts;
  DraftSink sink(catalogue, drafts);
  point_families(o, options, sink);
  line_families(o, options, sink);
  circle_families(o, options, sink);
  return drafts;
}

int first_goal_kind(const Problem& problem) {
  return problem.goals.empty() ? kGoalKinds - 1 : goal_kind(problem.goals.front().predicate);
}

std::string clause_text(const Problem& problem, const dsl::Catalogue& catalogue, const Draft& d,
                        const std::string& x) {
  std::string s = x + " =";
  for (std::size_t i = 0; i < d.uses.size(); ++i) {
    s += i ? ", " : " ";
    s += catalogue.at(d.uses[i].construction).name;
    for (PointId p : d.uses[i].args) s += " " + (p == kNew ? x : problem.point_name(p));
  }
  return s;
}

// Points claimed by better-ranked candidates, hashed on a grid of the
// distance under which two points are one.
class Claimed {
 public:
  explicit Claimed(const Objects& o) : o_(o), cell_(o.tol.min_distance * o.scale) {}
  bool taken(const Vec2& x) const {
    const auto [i, j] = cell(x);
    for (std::int64_t di = -1; di <= 1; ++di)
      for (std::int64_t dj = -1; dj <= 1; ++dj) {
        auto it = grid_.find(key(i + di, j + dj));
        if (it == grid_.end()) continue;
        for (const Vec2& y : it->second)
          if (same_point(o_, x, y)) return true;
      }
    return false;
  }
  void claim(const Vec2& x) {
    const auto [i, j] = cell(x);
    grid_[key(i, j)].push_back(x);
  }

 private:
  std::pair<std::int64_t, std::int64_t> cell(const Vec2& x) const {
    return {static_cast<std::int64_t>(std::floor(x.x() / cell_)), static_cast<std::int64_t>(std::floor(x.y() / cell_))};
  }
  static std::uint64_t key(std::int64_t i, std::int64_t j) {
    return static_cast<std::uint64_t>(i) * 0x9e3779b97f4a7c15ULL ^ static_cast<std::uint64_t>(j);
  }
  const Objects& o_;
  double cell_;
  std::unordered_map<std::uint64_t, std::vector<Vec2>> grid_;  // looked up only, never iterated
};

}  // namespace

std::vector<Candidate> HeuristicProposer::propose(const Problem& problem, const Diagram& diagram,
                                                  const engine::Engine& eng, const std::string& x, int limit) {
  return propose_counted(problem, diagram, eng, x, limit).candidates;
}

Proposal HeuristicProposer::propose_counted(const Problem& problem, const Diagram& diagram, const engine::Engine& eng,
                                            const std::string& x, int limit) {
  const dsl::Catalogue& catalogue = catalogue_ ? *catalogue_ : eng.catalogue();
  const Objects o = collect_objects(problem, diagram, eng, options_);
  const std::vector<Draft> drafts = drafts_of(o, options_, catalogue);

  Proposal out;
  out.stats.generated = static_cast<std::int64_t>(drafts.size());
  const Curves curves = curves_of(o);
  const auto aux = std::count_if(problem.clauses.begin(), problem.clauses.end(), [](const Clause& c) { return c.auxiliary; });
  const Ranker* ranker = options_.ranker && aux <= options_.ranker_depth ? options_.ranker.get() : nullptr;
  const std::vector<Vec2> goal = ranker ? goal_points(o) : std::vector<Vec2>{};
  const int goal_kind_index = first_goal_kind(problem);
  std::vector<Ranked> ranked;
  ranked.reserve(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    Placement p = place(drafts[i], o, catalogue, Rng::mix(options_.seed, i));
    if (p.rejected) {
      ++out.stats.rejected[static_cast<int>(*p.rejected)];
      continue;
    }
    const CandidateFacts f = facts_of(o, curves, goal, goal_kind_index, drafts[i], p, ranker != nullptr);
    ranked.push_back({i, std::move(p), f.heuristic, ranker ? ranker->score(features_of(f)) : 0.0});
  }
  order(ranked, ranker != nullptr, options_.fuse);
  Claimed claimed(o);
  for (Ranked& r : ranked) {
    std::vector<Vec2> fresh;
    for (const Vec2& at : r.placement.at)
      if (!claimed.taken(at)) fresh.push_back(at);
    if (!r.placement.random && fresh.empty()) {
      ++out.stats.rejected[static_cast<int>(Rejection::Duplicate)];
      continue;
    }
    for (const Vec2& at : fresh) claimed.claim(at);
    if (static_cast<int>(out.candidates.size()) >= limit) {
      ++out.stats.beyond_limit;
      continue;
    }
    const Draft& d = drafts[r.draft];
    const char* kind = kind_info(d.kind).name;
    out.candidates.push_back(
        {clause_text(problem, catalogue, d, x), ranker ? r.learned : r.score, kind, std::move(fresh)});
    ++out.stats.returned_by_kind[kind];
  }
  out.stats.returned = static_cast<std::int64_t>(out.candidates.size());
  return out;
}

std::vector<FeaturedCandidate> HeuristicProposer::featured(const Problem& problem, const Diagram& diagram,
                                                           const engine::Engine& eng, const std::string& x) const {
  const dsl::Catalogue& catalogue = catalogue_ ? *catalogue_ : eng.catalogue();
  const Objects o = collect_objects(problem, diagram, eng, options_);
  const std::vector<Draft> drafts = drafts_of(o, options_, catalogue);
  const Curves curves = curves_of(o);
  const std::vector<Vec2> goal = goal_points(o);
  const int goal_kind_index = first_goal_kind(problem);
  std::vector<FeaturedCandidate> out;
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    Placement p = place(drafts[i], o, catalogue, Rng::mix(options_.seed, i));
    if (p.rejected) continue;
    const CandidateFacts f = facts_of(o, curves, goal, goal_kind_index, drafts[i], p, true);
    out.push_back({clause_text(problem, catalogue, drafts[i], x), std::move(p.at), p.random, f.heuristic,
                   features_of(f)});
  }
  return out;
}

const char* to_string(Rejection r) {
  switch (r) {
    case Rejection::Degenerate: return "degenerate";
    case Rejection::NoIntersection: return "no intersection";
    case Rejection::OnExistingPoint: return "on an existing point";
    case Rejection::Duplicate: return "duplicate";
    case Rejection::TooFar: return "too far";
    case Rejection::FactFails: return "fact fails";
  }
  return "?";
}

std::int64_t ProposalStats::rejected_total() const {
  std::int64_t n = 0;
  for (std::int64_t r : rejected) n += r;
  return n;
}

ProposalStats& ProposalStats::operator+=(const ProposalStats& other) {
  generated += other.generated;
  for (int i = 0; i < kRejections; ++i) rejected[i] += other.rejected[i];
  beyond_limit += other.beyond_limit;
  returned += other.returned;
  for (const auto& [kind, n] : other.returned_by_kind) returned_by_kind[kind] += n;
  return *this;
}

Proposal Proposer::propose_counted(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                   const std::string& point, int limit) {
  Proposal p;
  p.candidates = propose(problem, diagram, engine, point, limit);
  p.stats.returned = static_cast<std::int64_t>(p.candidates.size());
  for (const Candidate& c : p.candidates) ++p.stats.returned_by_kind[c.kind];
  return p;
}

}  // namespace pappus::search
