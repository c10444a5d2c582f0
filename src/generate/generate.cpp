// Random figures, their theorems, and the run that writes them in order.
#include "generate/generate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <memory>
#include <set>
#include <thread>

#include "diagram/diagram.hpp"
#include "problem/parser.hpp"
#include "pipeline/pipeline.hpp"
#include "proof/proof.hpp"
#include "proof/text.hpp"
#include "util/rng.hpp"

namespace pappus::generate {

namespace {

// An error with a message only (no file location).
Error failure(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

using engine::Engine;
using engine::StopReason;
using JKind = engine::Justification::Kind;

// a, b, ..., z, a1, ..., z1, a2, ...: the names every example uses, in
// order of first appearance.
std::string canonical_name(std::size_t k) {
  std::string s(1, static_cast<char>('a' + k % 26));
  if (k >= 26) s += std::to_string(k / 26);
  return s;
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// ---- Random figures ---------------------------------------------------------

// Constructions a figure starts with (all their points new) and the weights
// of the ones that add a point to it.
constexpr std::pair<std::string_view, double> kBaseWeights[] = {
    {"triangle", 6}, {"iso_triangle", 1}, {"r_triangle", 1}, {"quadrangle", 1.5}, {"trapezoid", 0.5},
    {"eq_quadrangle", 0.3}, {"rectangle", 0.3}, {"isquare", 0.2}, {"ieq_triangle", 0.3}, {"risos", 0.3},
};
constexpr std::pair<std::string_view, double> kPointWeights[] = {
    {"midpoint", 3},     {"foot", 3},           {"circle", 3},        {"intersection_ll", 2.5}, {"on_line", 1.5},
    {"on_circle", 1.5},  {"on_tline", 1.5},     {"on_pline", 1.5},    {"mirror", 2},            {"orthocenter", 2},
    {"incenter", 1.5},   {"angle_bisector", 1}, {"on_bline", 1.5},    {"reflect", 1.5},         {"parallelogram", 1.5},
    {"intersection_lc", 1}, {"intersection_cc", 1}, {"on_dia", 1},    {"eq_triangle", 0.7},     {"psquare", 0.7},
    {"nsquare", 0.5},    {"lc_tangent", 0.7},   {"shift", 0.7},       {"on_circum", 1},         {"excenter", 0.7},
    {"intersection_lt", 1}, {"intersection_pp", 0.5}, {"intersection_tt", 0.5}, {"on_opline", 0.3},
    {"angle_mirror", 0.5}, {"eqdistance", 0.5},
};

struct Choice {
  int index = -1;
  double weight = 0;
};

class Sampler {
 public:
  static Expected<Sampler> make(const GenerateOptions& options, const dsl::Catalogue& catalogue) {
    Sampler s;
    std::map<std::string, double, std::less<>> base, point;
    for (auto [n, w] : kBaseWeights) base.emplace(n, w);
    for (auto [n, w] : kPointWeights) point.emplace(n, w);
    std::string_view mix = options.mix;
    while (!mix.empty()) {
      const auto comma = mix.find(',');
      const std::string_view item = mix.substr(0, comma);
      mix = comma == std::string_view::npos ? std::string_view{} : mix.substr(comma + 1);
      const auto eq = item.find('=');
      double w = -1;
      if (eq != std::string_view::npos) {
        const auto v = item.substr(eq + 1);
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), w);
        if (ec != std::errc() || end != v.data() + v.size()) w = -1;
      }
      if (w < 0 || w > 1e6)
        return failure(fmt::format("bad construction weight '{}': write name=weight with a weight from 0 to 1000000", item));
      const std::string name(item.substr(0, eq));
      const dsl::Construction* c = catalogue.find(name);
      if (!c) return failure(fmt::format("unknown construction '{}' in the mix", name));
      if (!usable(*c)) return failure(fmt::format("construction '{}' cannot be sampled (it takes numbers)", name));
      (starts_figure(*c) ? base : point)[c->name] = w;
    }
    for (const auto& [table, out] : {std::pair{&base, &s.base_}, std::pair{&point, &s.point_}})
      for (const auto& [name, w] : *table) {
        const int i = catalogue.index_of(name);
        if (i < 0 || w <= 0 || !usable(catalogue.at(i))) continue;
        out->push_back({i, w});
      }
    for (const auto& c : s.point_)
      if (catalogue.at(c.index).one_dof()) s.one_dof_.push_back(c);
    if (s.base_.empty() || s.point_.empty()) return failure("the construction mix leaves nothing to sample");
    return s;
  }

  const dsl::Construction& pick_base(const dsl::Catalogue& cat, Rng& rng) const { return cat.at(pick(base_, rng)); }
  const dsl::Construction& pick_point(const dsl::Catalogue& cat, Rng& rng) const { return cat.at(pick(point_, rng)); }
  const dsl::Construction* pick_one_dof(const dsl::Catalogue& cat, Rng& rng) const {
    return one_dof_.empty() ? nullptr : &cat.at(pick(one_dof_, rng));
  }

 private:
  static bool usable(const dsl::Construction& c) {
    return std::all_of(c.params.begin(), c.params.end(), [](const dsl::Param& p) { return p.is_point; });
  }
  static bool starts_figure(const dsl::Construction& c) { return c.new_points.size() == c.params.size(); }

  static int pick(const std::vector<Choice>& v, Rng& rng) {
    double total = 0;
    for (const auto& c : v) total += c.weight;
    double x = rng.uniform(0, total);
    for (const auto& c : v)
      if ((x -= c.weight) < 0) return c.index;
    return v.back().index;
  }

  std::vector<Choice> base_, point_, one_dof_;
};

// "name args" of one construction placing point `x` (or all new points
// from `first_new` on), inputs drawn from the first `existing` names.
std::optional<std::string> construction_text(const dsl::Construction& c, std::size_t existing, std::size_t first_new,
                                             Rng& rng) {
  std::vector<std::size_t> pool(existing);
  for (std::size_t i = 0; i < existing; ++i) pool[i] = i;
  std::string out = c.name;
  std::size_t next_new = first_new;
  for (std::size_t p = 0; p < c.params.size(); ++p) {
    const bool is_new = std::find(c.new_points.begin(), c.new_points.end(), static_cast<int>(p)) != c.new_points.end();
    if (is_new) {
      out += " " + canonical_name(next_new++);
      continue;
    }
    if (pool.empty()) return std::nullopt;
    const std::size_t k = rng.below(pool.size());
    out += " " + canonical_name(pool[k]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return out;
}

// One stage of a figure: its first clauses, with their diagram.
struct Figure {
  Problem problem;
  Diagram diagram;
};
using Stages = std::vector<std::unique_ptr<Figure>>;

// The figure clause by clause: stage k holds the first k + 1 clauses.
std::optional<Stages> sample_figure(const Sampler& sampler, const GenerateOptions& o, const dsl::Catalogue& cat,
                                    Rng& rng) {
  const int lo = std::max(3, o.min_points), hi = std::max(lo, o.max_points);
  const std::size_t target = static_cast<std::size_t>(lo) + rng.below(static_cast<std::uint64_t>(hi - lo + 1));
  DiagramOptions dopt;
  dopt.max_attempts = 4;
  Figure fig;
  std::string text;
  for (int attempt = 0; attempt < 10 && text.empty(); ++attempt) {
    const auto& base = sampler.pick_base(cat, rng);
    std::string names;
    for (std::size_t i = 0; i < base.new_points.size(); ++i) names += canonical_name(i) + " ";
    const std::string clause = names + "= " + *construction_text(base, 0, 0, rng);
    auto problem = parse_problem(clause, cat);
    if (!problem) continue;
    dopt.seed = rng.next();
    auto diagram = build_diagram(*problem, cat, dopt);
    if (!diagram) continue;
    fig = {std::move(*problem), std::move(*diagram)};
    text = clause;
  }
  if (text.empty()) return std::nullopt;
  Stages stages;
  stages.push_back(std::make_unique<Figure>(fig));
  while (fig.problem.point_count() < target) {
    bool placed = false;
    const std::size_t n = fig.problem.point_count();
    for (int attempt = 0; attempt < 30 && !placed; ++attempt) {
      const auto& c = sampler.pick_point(cat, rng);
      if (c.new_points.size() != 1) continue;
      auto first = construction_text(c, n, n, rng);
      if (!first) continue;
      std::string clause = canonical_name(n) + " = " + *first;
      if (c.one_dof() && rng.uniform(0, 1) < 0.35)
        if (const auto* other = sampler.pick_one_dof(cat, rng); other && other != &c && other->new_points.size() == 1)
          if (auto second = construction_text(*other, n, n, rng)) clause += ", " + *second;
      auto problem = parse_problem(text + "; " + clause, cat);
      if (!problem) continue;
      dopt.seed = rng.next();
      auto diagram = extend_diagram(*problem, cat, fig.diagram, dopt);
      if (!diagram) continue;
      fig = {std::move(*problem), std::move(*diagram)};
      stages.push_back(std::make_unique<Figure>(fig));
      text += "; " + clause;
      placed = true;
    }
    if (!placed) return std::nullopt;
  }
  return stages;
}

// ---- Theorems ----------------------------------------------------------------

bool goal_worthy(Pred p) {
  switch (p) {
    case Pred::Coll: case Pred::Para: case Pred::Perp: case Pred::Cong: case Pred::Midp: case Pred::Cyclic:
    case Pred::EqAngle: case Pred::EqRatio: case Pred::AConst: case Pred::RConst: case Pred::SimTri:
    case Pred::SimTri2: case Pred::Contri: case Pred::Contri2:
      return true;
    default:
      return false;
  }
}

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
  constexpr double kEps = 1e-9;
  const double scale = std::max(d.scale, 1e-9);
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
        if (collinear(i, j, k)) add(Pred::Coll, {i, j, k});
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
      if (s != t && segs[s].len < segs[t].len * (1 - 1e-6))
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

// The clauses a statement needs, split into premises (what the statement's
// points are built from) and auxiliary clauses (what else the proof uses).
struct Split {
  std::vector<int> premises, aux;  // clause indices, in problem order
};

class Dependencies {
 public:
  explicit Dependencies(const Problem& p) : problem_(p), defined_by_(p.point_count(), -1) {
    for (std::size_t c = 0; c < p.clauses.size(); ++c)
      for (PointId x : p.clauses[c].points) defined_by_[x.value] = static_cast<int>(c);
  }
  // `clauses` and every clause they are built on.
  std::set<int> closure(std::set<int> clauses) const {
    std::vector<int> stack(clauses.begin(), clauses.end());
    while (!stack.empty()) {
      const int c = stack.back();
      stack.pop_back();
      for (const auto& use : problem_.clauses[c].constructions)
        for (const auto& a : use.args)
          if (a.is_point)
            if (const int d = defined_by_[a.point.value]; d >= 0 && d != c && clauses.insert(d).second) stack.push_back(d);
    }
    return clauses;
  }
  std::set<int> of_points(const std::vector<PointId>& pts) const {
    std::set<int> s;
    for (PointId p : pts)
      if (defined_by_[p.value] >= 0) s.insert(defined_by_[p.value]);
    return closure(std::move(s));
  }

 private:
  const Problem& problem_;
  std::vector<int> defined_by_;
};

void append_clause(std::string& out, const Problem& p, const Clause& clause, const std::vector<std::string>& names) {
  for (PointId x : clause.points) out += names[x.value] + " ";
  out += "=";
  bool first = true;
  for (const auto& use : clause.constructions) {
    out += first ? " " : ", ";
    first = false;
    out += use.name;
    for (const auto& a : use.args) out += " " + (a.is_point ? names[a.point.value] : a.number.text);
  }
  (void)p;
}

// A candidate theorem in canonical names, before verification.
struct Candidate {
  std::string premises;
  std::vector<std::string> aux;
  std::string goal;
  int points = 0;
  std::string problem_text() const { return premises + " ? " + goal; }
  std::string key() const {
    std::string k = premises;
    for (const auto& a : aux) k += " | " + a;
    return k + " ? " + goal;
  }
};

Candidate canonical(const Problem& p, const Split& split, const engine::Fact& f) {
  std::vector<std::string> names(p.point_count());
  std::vector<std::uint32_t> rank(p.point_count(), 0);
  std::uint32_t next = 0;
  for (const auto* list : {&split.premises, &split.aux})
    for (int c : *list)
      for (PointId x : p.clauses[c].points) {
        rank[x.value] = next;
        names[x.value] = canonical_name(next++);
      }
  Candidate cand;
  cand.points = static_cast<int>(next);
  for (int c : split.premises) {
    if (!cand.premises.empty()) cand.premises += "; ";
    append_clause(cand.premises, p, p.clauses[c], names);
  }
  for (int c : split.aux) append_clause(cand.aux.emplace_back(), p, p.clauses[c], names);
  // The goal's arguments in normal order over the canonical names.
  std::vector<PointId> ranked;
  for (PointId x : f.args) ranked.emplace_back(rank[x.value]);
  cand.goal = std::string(predicate_info(f.pred).name);
  for (PointId x : normalize(f.pred, ranked)) cand.goal += " " + canonical_name(x.value);
  if (f.number) cand.goal += " " + f.number->text;
  return cand;
}

struct Verified {
  Problem problem;
  proof::Proof proof;
};

// Proves `text` on a fresh diagram through the pipeline (deduction only,
// the auxiliary clauses as premises); the proof and its problem when it is
// proved and the checker accepts the proof. Rejections are counted.
std::optional<Verified> prove(const std::string& text, const GenerateOptions& o, const dsl::Catalogue& cat,
                              const engine::RuleBook& rules, std::uint64_t seed, const std::atomic<bool>* cancel,
                              std::int64_t& rejected) {
  auto problem = parse_problem(text, cat);
  if (!problem) return std::nullopt;
  pipeline::Options po;
  po.diagram.seed = seed;
  po.diagram.include_auxiliary = true;
  po.diagram.max_attempts = 8;
  po.search.depth = 0;
  po.search.time_limit_s = o.engine.time_limit_s;
  po.search.engine = o.engine;
  po.search.engine.include_auxiliary = true;
  search::HeuristicProposer unused;  // depth 0: no auxiliary search
  auto outcome = pipeline::solve(*problem, cat, rules, unused, po, cancel);
  if (!outcome || !outcome->proof) return std::nullopt;
  if (!outcome->proved()) {
    ++rejected;
    return std::nullopt;
  }
  return Verified{outcome->node().problem, std::move(*outcome->proof)};
}

Example make_example(const Candidate& c, bool with_aux, const Verified& v, std::int64_t figure) {
  Example e;
  e.figure = figure;
  e.premises = c.premises;
  if (with_aux) e.aux = c.aux;
  e.goal = c.goal;
  std::string key = e.premises;
  for (const auto& a : e.aux) key += " | " + a;
  key += " ? " + e.goal;
  e.id = fmt::format("{:016x}", fnv1a(key));
  e.proof = proof::proof_record(v.proof, v.problem);
  e.points = static_cast<int>(v.problem.point_count());
  for (const auto& s : v.proof.steps) {
    if (s.kind != proof::Step::Kind::Premise) ++e.proof_steps;
    if (s.kind == proof::Step::Kind::Rule) ++e.rules[s.rule];
  }
  return e;
}

}  // namespace

std::optional<Error> check_options(const GenerateOptions& options, const dsl::Catalogue& catalogue) {
  if (auto s = Sampler::make(options, catalogue); !s) return s.error();
  return std::nullopt;
}

FigureResult generate_figure(std::int64_t index, const GenerateOptions& o, const dsl::Catalogue& cat,
                             const engine::RuleBook& rules, const std::atomic<bool>* cancel) {
  FigureResult result;
  result.index = index;
  auto sampler = Sampler::make(o, cat);
  if (!sampler) return result;
  Rng rng(Rng::mix(o.seed, static_cast<std::uint64_t>(index)));
  auto stages = sample_figure(*sampler, o, cat, rng);
  if (!stages) return result;
  const Figure& full = *stages->back();
  result.text = to_text(full.problem);

  // The figure is saturated stage by stage (each engine continues from the
  // previous one). A statement that holds when its points exist is a plain
  // theorem if that stage's engine proves it; if not, and a later stage
  // proves it, the later points are auxiliary: DDAR on the points the
  // statement speaks of (a subset of that stage) cannot prove it.
  std::vector<Candidate> with_aux, plain;
  std::unordered_set<std::string> keys;
  std::vector<Claim> pending;
  // `eng` proves fact `id` of problem `pr`: keep it as a candidate when its
  // proof needs auxiliary clauses exactly when `aux_expected` says so.
  auto consider = [&](const Engine& eng, const Problem& pr, engine::FactId id, bool aux_expected) {
    const auto& f = eng.fact(id);
    if (!goal_worthy(f.pred) || (!aux_expected && result.candidates >= o.max_candidates)) return;
    const auto pf = proof::extract(eng, {id});
    int steps = 0;
    for (const auto& st : pf.steps) steps += st.kind != proof::Step::Kind::Premise;
    if (steps < o.min_proof_steps) return;
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
    Candidate cand = canonical(pr, split, f);
    if (!keys.insert(cand.key()).second) return;
    ++result.candidates;
    (aux_expected ? with_aux : plain).push_back(std::move(cand));
  };
  std::unique_ptr<Engine> eng;
  for (std::size_t k = 0; k < stages->size(); ++k) {
    const Figure& stage = *(*stages)[k];
    eng = k == 0 ? std::make_unique<Engine>(stage.problem, stage.diagram, cat, rules, o.engine)
                 : std::make_unique<Engine>(*eng, stage.problem, stage.diagram);
    const std::size_t before = k == 0 ? 0 : eng->facts().size();
    result.stop = eng->run(cancel);
    if (result.stop != StopReason::Saturated) break;
    // Facts the rules concluded at this stage, then the statements true in
    // the figure that involve its new points.
    for (std::size_t i = before; i < eng->facts().size(); ++i) {
      const auto kind = eng->facts()[i].why.kind;
      if (kind != JKind::Given && kind != JKind::Component)
        consider(*eng, stage.problem, engine::FactId(static_cast<std::uint32_t>(i)), false);
    }
    const std::size_t n = stage.problem.point_count();
    const std::size_t first_new = k == 0 ? 0 : (*stages)[k - 1]->problem.point_count();
    std::vector<Claim> open;
    for (const Claim& c : numeric_claims(stage.diagram, n, first_new, static_cast<std::size_t>(o.max_candidates))) {
      if (auto id = eng->establish(c.pred, c.args, std::nullopt)) consider(*eng, stage.problem, *id, false);
      else open.push_back(c);
    }
    // True statements this stage cannot prove: try a few random points as
    // auxiliary constructions, each continuing from this stage's engine.
    pending.insert(pending.end(), open.begin(), open.end());
    if (pending.empty()) continue;
    const std::string text = to_text(stage.problem);
    for (int b = 0; b < o.aux_tries && !(cancel && cancel->load()); ++b) {
      const auto& c = sampler->pick_point(cat, rng);
      if (c.new_points.size() != 1) continue;
      auto args = construction_text(c, n, n, rng);
      if (!args) continue;
      auto problem = parse_problem(text + "; " + canonical_name(n) + " = " + *args, cat);
      if (!problem) continue;
      DiagramOptions dopt;
      dopt.seed = rng.next();
      dopt.max_attempts = 2;
      auto diagram = extend_diagram(*problem, cat, stage.diagram, dopt);
      if (!diagram) continue;
      Engine child(*eng, *problem, *diagram);
      if (child.run(cancel) != StopReason::Saturated) continue;
      for (const Claim& claim : pending)
        if (auto id = child.establish(claim.pred, claim.args, std::nullopt)) consider(child, *problem, *id, true);
    }
  }
  // What later stages of the figure prove of the earlier open statements.
  if (result.stop == StopReason::Saturated || result.stop == StopReason::FactLimit)
    for (const Claim& c : pending)
      if (auto id = eng->establish(c.pred, c.args, std::nullopt)) consider(*eng, full.problem, *id, true);
  if (result.stop != StopReason::Saturated && result.stop != StopReason::FactLimit) return result;

  // Verification on fresh diagrams: with its auxiliary clauses the theorem
  // is proved. (Without them it is not: the stage that had its points
  // could not prove it, and that stage holds all of its premises.)
  std::vector<Example> aux_examples, plain_examples;
  auto seed_of = [&](const std::string& key) { return Rng::mix(o.seed, fnv1a(key)); };
  // The sub-problem's own proof can be shorter than the one the figure's
  // engine found: a theorem that follows from its premises in fewer steps
  // than asked (a construction fact restated) is not kept.
  auto substantial = [&](const Verified& v) {
    int steps = 0;
    for (const auto& st : v.proof.steps) steps += st.kind != proof::Step::Kind::Premise;
    return steps >= o.min_proof_steps;
  };
  for (const auto& c : with_aux) {
    if (cancel && cancel->load()) break;
    std::string text = c.premises + " | ";
    for (std::size_t i = 0; i < c.aux.size(); ++i) text += (i ? "; " : "") + c.aux[i];
    if (auto v = prove(text + " ? " + c.goal, o, cat, rules, seed_of(c.key()), cancel, result.checker_rejected);
        v && substantial(*v))
      aux_examples.push_back(make_example(c, true, *v, index));
    else
      ++result.failed;
  }
  // Plain theorems: all of them, or as many as the auxiliary share allows,
  // picked at random.
  std::size_t quota = plain.size();
  if (o.aux_ratio >= 1) quota = 0;
  else if (o.aux_ratio > 0) quota = static_cast<std::size_t>(static_cast<double>(aux_examples.size()) * (1 - o.aux_ratio) / o.aux_ratio);
  for (std::size_t i = plain.size(); i > 1; --i) std::swap(plain[i - 1], plain[rng.below(i)]);
  for (const auto& c : plain) {
    if (plain_examples.size() >= quota || (cancel && cancel->load())) break;
    if (auto v = prove(c.problem_text(), o, cat, rules, seed_of(c.key()), cancel, result.checker_rejected);
        v && substantial(*v))
      plain_examples.push_back(make_example(c, false, *v, index));
    else
      ++result.failed;
  }
  if (cancel && cancel->load()) result.stop = StopReason::Cancelled;
  // In the order the facts were derived: auxiliary ones first, then plain.
  for (auto* list : {&aux_examples, &plain_examples})
    for (auto& e : *list) {
      e.seq = static_cast<int>(result.examples.size());
      result.examples.push_back(std::move(e));
    }
  return result;
}

RunStats run(const GenerateOptions& o, const dsl::Catalogue& cat, const engine::RuleBook& rules,
             std::unordered_set<std::string>& seen, const std::function<void(const Example&)>& write,
             const std::function<void(const RunStats&)>& progress, const std::atomic<bool>* cancel) {
  const auto t0 = std::chrono::steady_clock::now();
  RunStats stats;
  const int shards = std::max(1, o.shards);
  auto figure_of = [&](std::int64_t k) { return o.shard + k * shards; };
  auto in_range = [&](std::int64_t k) { return o.figures <= 0 || figure_of(k) < o.figures; };

  std::mutex mu;
  std::condition_variable cv;
  std::map<std::int64_t, FigureResult> done;
  std::int64_t next = 0, expect = 0;
  bool stop = false;
  std::atomic<bool> halt{false};  // cancels running figures once the count is reached
  const int threads = std::max(1, o.threads);
  const std::int64_t ahead = 4LL * threads;  // figures finished before the writer needs them, at most

  auto worker = [&] {
    for (;;) {
      std::int64_t k;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || next < expect + ahead; });
        if (stop || !in_range(next)) return;
        k = next++;
      }
      // `halt` is set on the user's cancel (by the loop below) and once the count is reached.
      FigureResult r = generate_figure(figure_of(k), o, cat, rules, &halt);
      std::lock_guard lock(mu);
      done.emplace(k, std::move(r));
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);

  for (;;) {
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return done.count(expect) > 0 || !in_range(expect); });
    if (cancel && cancel->load()) halt = true;
    if (!in_range(expect) || halt) break;
    auto it = done.find(expect);
    if (it == done.end()) continue;
    FigureResult r = std::move(it->second);
    done.erase(it);
    lock.unlock();
    if (r.stop == StopReason::Cancelled) break;
    ++stats.figures;
    stats.failed += r.failed;
    stats.checker_rejected += r.checker_rejected;
    if (r.examples.empty()) ++stats.empty_figures;
    bool full = false;
    for (const auto& e : r.examples) {
      if (!seen.insert(e.id).second) {
        ++stats.duplicates;
        continue;
      }
      write(e);
      ++stats.examples;
      stats.auxiliary += !e.aux.empty();
      if (o.count > 0 && stats.examples >= o.count) {
        full = true;
        break;
      }
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (progress) progress(stats);
    lock.lock();
    ++expect;
    cv.notify_all();
    if (full) break;
  }
  {
    std::lock_guard lock(mu);
    stop = true;
    halt = true;
    cv.notify_all();
  }
  for (auto& t : pool) t.join();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace pappus::generate
