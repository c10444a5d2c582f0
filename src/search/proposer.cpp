#include "search/proposer.hpp"

#include <algorithm>
#include <cmath>
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
  double score = 0;
};

double score_of(const Objects& o, const Curves& c, const Draft& d, const Placement& p) {
  // Goal points among the inputs, as a share of three inputs at most (a
  // construction over many points touches the goal more often).
  const auto in = inputs(d);
  int touched = 0;
  for (PointId q : in) touched += o.goal(q);
  const double touch = std::min(touched, 3) * std::min(1.0, 3.0 / static_cast<double>(std::max<std::size_t>(in.size(), 1)));
  Landing best;
  for (const Vec2& x : p.at) {
    const Landing l = landing(o, c, x);
    best.objects = std::max(best.objects, l.objects);
    best.goal_objects = std::max(best.goal_objects, l.goal_objects);
  }
  // Objects beyond those the construction puts the point on (two curves, or
  // the line a midpoint or foot lies on) are coincidences worth trying.
  const int own = d.uses.size() == 2 ? 2 : 1;
  const int extra = std::max(0, best.objects - own);
  return kind_info(d.kind).base + d.prior + 1.5 * touch + 0.75 * std::min(extra, 3) +
         1.0 * std::min(best.goal_objects, 2);
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
  std::vector<Draft> drafts;
  DraftSink sink(catalogue, drafts);
  point_families(o, options_, sink);
  line_families(o, options_, sink);
  circle_families(o, options_, sink);

  Proposal out;
  out.stats.generated = static_cast<std::int64_t>(drafts.size());
  const Curves curves = curves_of(o);
  std::vector<Ranked> ranked;
  ranked.reserve(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    Placement p = place(drafts[i], o, catalogue, Rng::mix(options_.seed, i));
    if (p.rejected) {
      ++out.stats.rejected[static_cast<int>(*p.rejected)];
      continue;
    }
    const double score = score_of(o, curves, drafts[i], p);
    ranked.push_back({i, std::move(p), score});
  }
  // Best first; ties keep the families' order (deterministic).
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
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
    out.candidates.push_back({clause_text(problem, catalogue, d, x), r.score, kind, std::move(fresh)});
    ++out.stats.returned_by_kind[kind];
  }
  out.stats.returned = static_cast<std::int64_t>(out.candidates.size());
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
