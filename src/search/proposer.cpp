#include "search/proposer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace pappus::search {

namespace {

// Lines of the figure: point pairs that some fact speaks of, and lines of
// three or more points; each as its sorted points.
std::vector<std::vector<PointId>> figure_lines(const engine::Engine& eng) {
  std::set<std::vector<PointId>> lines;
  auto add = [&](PointId a, PointId b) {
    if (a == b) return;
    lines.insert(a < b ? std::vector<PointId>{a, b} : std::vector<PointId>{b, a});
  };
  for (const auto& f : eng.facts()) {
    if (f.why.kind != engine::Justification::Kind::Given) continue;
    switch (f.pred) {
      case Pred::Para: case Pred::Perp: case Pred::Cong: case Pred::EqAngle: case Pred::EqRatio:
        for (std::size_t i = 0; i + 1 < f.args.size(); i += 2) add(f.args[i], f.args[i + 1]);
        break;
      case Pred::Coll: case Pred::Midp:
        for (std::size_t i = 0; i < f.args.size(); ++i)
          for (std::size_t j = i + 1; j < f.args.size(); ++j) add(f.args[i], f.args[j]);
        break;
      default: break;
    }
  }
  return {lines.begin(), lines.end()};
}

}  // namespace

std::vector<Candidate> HeuristicProposer::propose(const Problem& problem, const Diagram& diagram,
                                                  const engine::Engine& eng, const std::string& x, int limit) {
  std::vector<PointId> pts;
  for (std::size_t i = 0; i < problem.point_count(); ++i)
    if (i < diagram.built.size() && diagram.built[i]) pts.emplace_back(static_cast<std::uint32_t>(i));
  std::set<PointId> goal;
  for (const Statement& g : problem.goals)
    for (const Argument& a : g.args)
      if (a.is_point) goal.insert(a.point);
  auto name = [&](PointId p) { return problem.point_name(p); };
  auto touch = [&](std::initializer_list<PointId> ps) {
    double s = 0;
    for (PointId p : ps) s += goal.count(p) ? 1.0 : 0.0;
    return s;
  };
  const auto lines = figure_lines(eng);
  // How often the statement's facts speak of a segment, and whether it is
  // the hypotenuse of a right angle (its midpoint is a circle's center).
  std::map<std::pair<PointId, PointId>, double> weight;
  auto seg = [](PointId a, PointId b) { return a < b ? std::pair{a, b} : std::pair{b, a}; };
  for (const auto& f : eng.facts()) {
    if (f.why.kind != engine::Justification::Kind::Given) continue;
    const auto& g = f.args;
    switch (f.pred) {
      case Pred::Perp:
        if (g[0] == g[2]) weight[seg(g[1], g[3])] += 3;  // x a perp x b: a b is a diameter
        if (g[1] == g[3]) weight[seg(g[0], g[2])] += 3;
        [[fallthrough]];
      case Pred::Para: case Pred::Cong: case Pred::EqAngle: case Pred::EqRatio:
        for (std::size_t i = 0; i + 1 < g.size(); i += 2) weight[seg(g[i], g[i + 1])] += 1;
        break;
      case Pred::Coll: case Pred::Midp:
        for (std::size_t i = 0; i < g.size(); ++i)
          for (std::size_t j = i + 1; j < g.size(); ++j) weight[seg(g[i], g[j])] += 0.5;
        break;
      default: break;
    }
  }
  auto w = [&](PointId a, PointId b) {
    auto it = weight.find(seg(a, b));
    return it == weight.end() ? 0.0 : it->second;
  };
  std::vector<Candidate> out;
  auto emit = [&](std::string kind, double base, double goal_touch, std::string body) {
    out.push_back({x + " = " + body, base + 2.0 * goal_touch, std::move(kind)});
  };
  const std::size_t n = pts.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const PointId a = pts[i], b = pts[j];
      emit("midpoint", 3.0 + w(a, b), touch({a, b}), "midpoint " + x + " " + name(a) + " " + name(b));
      emit("mirror", 1.0, touch({a, b}), "mirror " + x + " " + name(a) + " " + name(b));
      emit("mirror", 1.0, touch({a, b}), "mirror " + x + " " + name(b) + " " + name(a));
    }
  for (const auto& l : lines) {
    const PointId a = l[0], b = l[1];
    for (PointId p : pts) {
      if (std::find(l.begin(), l.end(), p) != l.end()) continue;
      emit("foot", 2.5 + 0.5 * w(a, b), touch({p, a, b}), "foot " + x + " " + name(p) + " " + name(a) + " " + name(b));
      emit("reflect", 1.0, touch({p, a, b}), "reflect " + x + " " + name(p) + " " + name(a) + " " + name(b));
      for (const auto& m : lines) {
        if (m == l) continue;
        const PointId c = m[0], d = m[1];
        emit("parallel", 0.5, touch({p, a, b, c, d}) / 2,
             "on_pline " + x + " " + name(p) + " " + name(a) + " " + name(b) + ", on_line " + x + " " + name(c) + " " + name(d));
        emit("perpendicular", 0.5, touch({p, a, b, c, d}) / 2,
             "on_tline " + x + " " + name(p) + " " + name(a) + " " + name(b) + ", on_line " + x + " " + name(c) + " " + name(d));
      }
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i)
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const auto &l = lines[i], &m = lines[j];
      emit("intersection", 1.5, touch({l[0], l[1], m[0], m[1]}),
           "on_line " + x + " " + name(l[0]) + " " + name(l[1]) + ", on_line " + x + " " + name(m[0]) + " " + name(m[1]));
    }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t k = 0; k < n; ++k) {
        if (i == j || j == k || i == k) continue;
        const PointId a = pts[i], b = pts[j], c = pts[k];
        if (i < k) emit("parallelogram", 1.0, touch({a, b, c}), "parallelogram " + name(a) + " " + name(b) + " " + name(c) + " " + x);
        if (i < j && j < k) emit("circumcenter", 1.5, touch({a, b, c}), "circle " + x + " " + name(a) + " " + name(b) + " " + name(c));
      }
  // Best first; ties keep generation order (deterministic).
  std::stable_sort(out.begin(), out.end(), [](const Candidate& p, const Candidate& q) { return p.score > q.score; });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
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
