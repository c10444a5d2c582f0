// Random figures: constructions drawn by weight, clause by clause, each
// stage with its diagram.
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

#include "generate/internal.hpp"
#include "problem/parser.hpp"

namespace pappus::generate {

Error failure(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

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

namespace {


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
    {"angle_mirror", 0.5}, {"eqdistance", 0.5}, {"tangent", 0.7},
};

// The default weights of goal forms: what olympiad problems ask most.
constexpr std::pair<std::string_view, double> kGoalWeights[] = {
    {"cyclic", 3}, {"coll", 3},   {"concurrent", 3}, {"perp", 3}, {"para", 3}, {"cong", 3}, {"midp", 2}, {"eqangle", 2},
    {"eqratio", 1}, {"aconst", 1}, {"rconst", 1}, {"simtri", 0.5}, {"simtri2", 0.5}, {"contri", 0.5}, {"contri2", 0.5},
};

// "name=weight,...": calls `set` for each item; an error for a malformed one
// (or the first that `set` refuses).
std::optional<Error> parse_weights(std::string_view text, std::string_view what,
                                   const std::function<std::optional<Error>(const std::string&, double)>& set) {
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto eq = item.find('=');
    double w = -1;
    if (eq != std::string_view::npos) {
      const auto v = item.substr(eq + 1);
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), w);
      if (ec != std::errc() || end != v.data() + v.size()) w = -1;
    }
    if (w < 0 || w > 1e6)
      return failure(fmt::format("bad {} weight '{}': write name=weight with a weight from 0 to 1000000", what, item));
    if (auto bad = set(std::string(item.substr(0, eq)), w)) return bad;
  }
  return std::nullopt;
}

bool usable(const dsl::Construction& c) {
  return std::all_of(c.params.begin(), c.params.end(), [](const dsl::Param& p) { return p.is_point; });
}

bool starts_figure(const dsl::Construction& c) { return c.new_points.size() == c.params.size(); }

}  // namespace

Expected<Sampler> Sampler::make(const GenerateOptions& options, const dsl::Catalogue& catalogue) {
  Sampler s;
  std::map<std::string, double, std::less<>> base, point;
  for (auto [n, w] : kBaseWeights) base.emplace(n, w);
  for (auto [n, w] : kPointWeights) point.emplace(n, w);
  auto set = [&](const std::string& name, double w) -> std::optional<Error> {
    const dsl::Construction* c = catalogue.find(name);
    if (!c) return failure(fmt::format("unknown construction '{}' in the mix", name));
    if (!usable(*c)) return failure(fmt::format("construction '{}' cannot be sampled (it takes numbers)", name));
    (starts_figure(*c) ? base : point)[c->name] = w;
    return std::nullopt;
  };
  if (auto bad = parse_weights(options.mix, "construction", set)) return *bad;
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

int Sampler::pick(const std::vector<Choice>& v, Rng& rng) {
  double total = 0;
  for (const auto& c : v) total += c.weight;
  double x = rng.uniform(0, total);
  for (const auto& c : v)
    if ((x -= c.weight) < 0) return c.index;
  return v.back().index;
}

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
      auto first = construction_text(c, n, n, rng);
      if (!first) continue;
      // Constructions that add several points (tangent, cc_tangent, ...)
      // name each; a second construction meets only one-point ones.
      std::string names;
      for (std::size_t i = 0; i < c.new_points.size(); ++i) names += canonical_name(n + i) + " ";
      std::string clause = names + "= " + *first;
      if (c.new_points.size() == 1 && c.one_dof() && rng.uniform(0, 1) < 0.35)
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

engine::EngineOptions GenerateOptions::engine() const {
  engine::EngineOptions e;
  e.time_limit_s = time_limit_s;
  e.max_facts = max_facts;
  e.max_memory_mib = max_memory_mib;
  return e;
}

Expected<GoalWeights> goal_weights(const GenerateOptions& options) {
  GoalWeights weights;
  for (const auto& info : predicates())
    if (info.goal) weights.emplace(info.name, 0);
  weights.emplace(kConcurrent, 0);
  for (auto [name, w] : kGoalWeights) weights.at(std::string(name)) = w;
  auto set = [&](const std::string& name, double w) -> std::optional<Error> {
    const auto it = weights.find(name);
    if (it == weights.end()) {
      std::string forms;
      for (const auto& [form, unused] : weights) forms += (forms.empty() ? "" : ", ") + form;
      return failure(fmt::format("'{}' in the goal mix is not a goal of generated data ({})", name, forms));
    }
    it->second = w;
    return std::nullopt;
  };
  if (auto bad = parse_weights(options.goal_mix, "goal", set)) return *bad;
  if (std::all_of(weights.begin(), weights.end(), [](const auto& kv) { return kv.second <= 0; }))
    return failure("the goal mix leaves no goal predicate");
  return weights;
}

std::optional<Error> check_options(const GenerateOptions& options, const dsl::Catalogue& catalogue) {
  if (auto s = Sampler::make(options, catalogue); !s) return s.error();
  if (auto w = goal_weights(options); !w) return w.error();
  if (options.per_figure < 0) return failure("examples per figure must be 0 (no cap) or more");
  if (options.prompt_facts < 0 || options.prompt_facts > kMaxPromptFacts)
    return failure(fmt::format("derived facts in a prompt must be 0 to {}", kMaxPromptFacts));
  return std::nullopt;
}

}  // namespace pappus::generate
