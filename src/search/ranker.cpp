#include "search/ranker.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "search/drafts.hpp"
#include "util/rng.hpp"

namespace pappus::search {

namespace {

constexpr const char* kGoalNames[kGoalKinds] = {"coll", "cyclic", "para", "perp", "cong", "eqangle",
                                                "eqratio", "midp", "simtri", "contri", "other"};
constexpr const char* kRelationNames[kRelations] = {"cong", "coll", "cyclic", "perp", "para", "midp"};
constexpr const char* kSegmentRelationNames[kSegmentRelations] = {"on_line", "midp", "cong", "para", "perp"};
constexpr int kLevels = 4;  // counts 0, 1, 2, 3 or more

// The layout: blocks of features, one after the other.
enum Block {
  kKindB, kGoalKindB, kTouchB, kKindTouchB, kGoalTouchB, kAllGoalB, kInputsB, kExtraB, kGoalObjectsB,
  kKindGoalObjectsB, kGoalGoalObjectsB, kPriorB, kHeuristicB, kRelationB, kGoalRelationB, kKindRelationB,
  kRandomB, kTwoUsesB, kSegmentInputsB, kKindSegmentInputsB, kInputWeightB, kKindInputWeightB, kSegmentRelationB,
  kGoalSegmentRelationB, kKindSegmentRelationB, kDistanceB, kKindDistanceB, kBlocks
};

struct Layout {
  std::array<int, kBlocks + 1> offset{};
  std::vector<std::string> names;
};

const Layout& layout() {
  static const Layout l = [] {
    Layout out;
    auto& n = out.names;
    auto kind = [](int k) {  // "circle center": circle_center
      std::string name = kind_info(static_cast<Kind>(k)).name;
      std::replace(name.begin(), name.end(), ' ', '_');
      return name;
    };
    // Names of a family of values: "touch=0", ..., or "rel_cong", ...
    auto levels = [](const std::string& name, int count) {
      std::vector<std::string> v;
      for (int i = 0; i < count; ++i) v.push_back(fmt::format("{}={}", name, i));
      return v;
    };
    auto named = [](const std::string& prefix, const char* const* names, int count) {
      std::vector<std::string> v;
      for (int i = 0; i < count; ++i) v.push_back(prefix + names[i]);
      return v;
    };
    std::vector<std::string> kinds, goals = named("goal=", kGoalNames, kGoalKinds);
    for (int k = 0; k < kKinds; ++k) kinds.push_back("kind=" + kind(k));
    const auto touch = levels("touch", kLevels), objects = levels("goal_objects", 3);
    const auto rel = named("rel_", kRelationNames, kRelations), seg = named("seg_", kSegmentRelationNames, kSegmentRelations);
    const auto seg_inputs = levels("goal_segment_inputs", 3), weight = levels("input_weight", kLevels);
    const auto distance = levels("distance", kLevels);
    // Block b: the names of `a`, or of every pair of `a` and `c` ("a*c").
    auto block = [&](Block b, const std::vector<std::string>& a, const std::vector<std::string>& c = {}) {
      out.offset[b] = static_cast<int>(n.size());
      for (const std::string& x : a) {
        if (c.empty()) n.push_back(x);
        for (const std::string& y : c) n.push_back(x + "*" + y);
      }
    };
    // "rel_cong=0", ... "rel_cong=3", "rel_coll=0", ...
    auto counted = [&](const std::vector<std::string>& names) {
      std::vector<std::string> v;
      for (const std::string& x : names)
        for (int c = 0; c < kLevels; ++c) v.push_back(fmt::format("{}={}", x, c));
      return v;
    };
    block(kKindB, kinds);
    block(kGoalKindB, goals, kinds);
    block(kTouchB, touch);
    block(kKindTouchB, kinds, touch);
    block(kGoalTouchB, goals, touch);
    block(kAllGoalB, {"inputs_all_goal"});
    block(kInputsB, levels("inputs", 6));
    block(kExtraB, levels("extra_objects", kLevels));
    block(kGoalObjectsB, objects);
    block(kKindGoalObjectsB, kinds, objects);
    block(kGoalGoalObjectsB, goals, objects);
    block(kPriorB, {"prior"});
    block(kHeuristicB, {"heuristic_score"});
    block(kRelationB, counted(rel));
    block(kGoalRelationB, goals, rel);
    block(kKindRelationB, kinds, rel);
    block(kRandomB, {"random_on_curve"});
    block(kTwoUsesB, {"two_constructions"});
    block(kSegmentInputsB, seg_inputs);
    block(kKindSegmentInputsB, kinds, seg_inputs);
    block(kInputWeightB, weight);
    block(kKindInputWeightB, kinds, weight);
    block(kSegmentRelationB, counted(seg));
    block(kGoalSegmentRelationB, goals, seg);
    block(kKindSegmentRelationB, kinds, seg);
    block(kDistanceB, distance);
    block(kKindDistanceB, kinds, distance);
    out.offset[kBlocks] = static_cast<int>(n.size());
    return out;
  }();
  return l;
}

}  // namespace

int goal_kind(const std::string& predicate) {
  for (int g = 0; g < kGoalKinds - 1; ++g)
    if (predicate == kGoalNames[g]) return g;
  if (predicate == "midpoint") return 7;
  if (predicate == "eqratio3") return 6;
  return kGoalKinds - 1;
}

int ranker_feature_count() { return layout().offset[kBlocks]; }

std::string ranker_feature_name(int index) { return layout().names.at(static_cast<std::size_t>(index)); }

Features features_of(const CandidateFacts& c) {
  const auto& off = layout().offset;
  const int touch = std::clamp(c.touched, 0, kLevels - 1);
  const int gobj = std::clamp(c.goal_objects, 0, 2);
  Features f;
  f.reserve(40);
  auto on = [&](Block b, int i, float v = 1) { f.emplace_back(off[b] + i, v); };
  on(kKindB, c.kind);
  on(kGoalKindB, c.goal * kKinds + c.kind);
  on(kTouchB, touch);
  on(kKindTouchB, c.kind * kLevels + touch);
  on(kGoalTouchB, c.goal * kLevels + touch);
  if (c.inputs > 0 && c.touched == c.inputs) on(kAllGoalB, 0);
  on(kInputsB, std::clamp(c.inputs, 0, 5));
  on(kExtraB, std::clamp(c.extra, 0, kLevels - 1));
  on(kGoalObjectsB, gobj);
  on(kKindGoalObjectsB, c.kind * 3 + gobj);
  on(kGoalGoalObjectsB, c.goal * 3 + gobj);
  on(kPriorB, 0, static_cast<float>(c.prior));
  on(kHeuristicB, 0, static_cast<float>(c.heuristic));
  for (int r = 0; r < kRelations; ++r) {
    on(kRelationB, r * kLevels + std::clamp(c.relations[r], 0, kLevels - 1));
    if (c.relations[r] > 0) {
      on(kGoalRelationB, c.goal * kRelations + r);
      on(kKindRelationB, c.kind * kRelations + r);
    }
  }
  if (c.random) on(kRandomB, 0);
  if (c.two_uses) on(kTwoUsesB, 0);
  const int seg_inputs = std::clamp(c.goal_segment_inputs, 0, 2);
  on(kSegmentInputsB, seg_inputs);
  on(kKindSegmentInputsB, c.kind * 3 + seg_inputs);
  const int weight = std::clamp(c.input_weight, 0, kLevels - 1);
  on(kInputWeightB, weight);
  on(kKindInputWeightB, c.kind * kLevels + weight);
  for (int r = 0; r < kSegmentRelations; ++r) {
    on(kSegmentRelationB, r * kLevels + std::clamp(c.segment_relations[r], 0, kLevels - 1));
    if (c.segment_relations[r] > 0) {
      on(kGoalSegmentRelationB, c.goal * kSegmentRelations + r);
      on(kKindSegmentRelationB, c.kind * kSegmentRelations + r);
    }
  }
  if (!c.random) {
    const int d = std::clamp(c.distance, 0, kLevels - 1);
    on(kDistanceB, d);
    on(kKindDistanceB, c.kind * kLevels + d);
  }
  return f;
}

Ranker::Ranker(int hidden)
    : w_(static_cast<std::size_t>(ranker_feature_count()), 0.0f),
      hidden_(std::max(0, hidden)),
      in_(static_cast<std::size_t>(ranker_feature_count()) * static_cast<std::size_t>(hidden_), 0.0f),
      bias_(static_cast<std::size_t>(hidden_), 0.0f),
      out_(static_cast<std::size_t>(hidden_), 0.0f) {}

namespace {

// A candidate's score, and in `a` its hidden units' inputs (bias_j +
// in_j.x), which training reads back.
double forward(const Ranker& r, const Features& f, std::vector<double>& a) {
  double s = 0;
  for (const auto& [i, v] : f) s += static_cast<double>(r.weights()[static_cast<std::size_t>(i)]) * v;
  const std::size_t h = static_cast<std::size_t>(r.hidden());
  a.assign(r.bias().begin(), r.bias().end());
  for (const auto& [i, v] : f) {
    const float* row = r.in().data() + static_cast<std::size_t>(i) * h;
    for (std::size_t j = 0; j < h; ++j) a[j] += static_cast<double>(row[j]) * v;
  }
  for (std::size_t j = 0; j < h; ++j)
    if (a[j] > 0) s += a[j] * static_cast<double>(r.out()[j]);
  return s;
}

}  // namespace

double Ranker::score(const Features& f) const {
  thread_local std::vector<double> a;
  return forward(*this, f, a);
}

namespace {

// "a<TAB>b<TAB>c" -> {"a", "b", "c"}.
std::vector<std::string> columns(const std::string& line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1)
    out.push_back(line.substr(from, tab - from));
  out.push_back(line.substr(from));
  return out;
}

}  // namespace

Expected<Ranker> Ranker::parse(const std::string& text) {
  std::unordered_map<std::string, int> index;
  for (int i = 0; i < ranker_feature_count(); ++i) index.emplace(ranker_feature_name(i), i);
  Ranker r;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  bool weights_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cols = columns(line);
    const bool after_weights = weights_seen;
    weights_seen = weights_seen || cols[0] != "hidden";
    Error e;
    e.loc = {number, 1};
    auto number_at = [&](std::size_t c, float& out) {
      char* end = nullptr;
      const double w = std::strtod(cols[c].c_str(), &end);
      if (end == cols[c].c_str() || *end != '\0' || !std::isfinite(w)) {
        e.message = "a ranker weight is not a finite number";
        e.token = cols[c];
        return false;
      }
      out = static_cast<float>(w);
      return true;
    };
    if (cols.size() < 2) {
      e.message = "a ranker weight line is 'feature<TAB>weight'";
      return e;
    }
    const std::string& name = cols[0];
    const std::size_t h = static_cast<std::size_t>(r.hidden_);
    if (name == "hidden") {
      char* end = nullptr;
      const long units = std::strtol(cols[1].c_str(), &end, 10);
      if (after_weights || r.hidden_ != 0 || cols.size() != 2 || *end != '\0' || units < 1 || units > 4096) {
        e.message = "'hidden<TAB>UNITS' (1 to 4096) comes once, before every weight";
        e.token = line;
        return e;
      }
      r = Ranker(static_cast<int>(units));
      continue;
    }
    if (name == "unit_bias" || name == "unit_out") {
      if (h == 0 || cols.size() != h + 1) {
        e.message = fmt::format("'{}' needs a 'hidden' line before it and one value per hidden unit", name);
        e.token = name;
        return e;
      }
      std::vector<float>& v = name == "unit_bias" ? r.bias_ : r.out_;
      for (std::size_t j = 0; j < h; ++j)
        if (!number_at(j + 1, v[j])) return e;
      continue;
    }
    const auto it = index.find(name);
    if (it == index.end()) {
      e.message = "unknown ranker feature '" + name + "'";
      e.token = name;
      e.hint = "the weights were written by another version of pappus: retrain the ranker";
      return e;
    }
    if (cols.size() != 2 && cols.size() != h + 2) {
      e.message = fmt::format("a ranker feature has its weight and then none or {} weights into the hidden units", h);
      e.token = name;
      return e;
    }
    const std::size_t f = static_cast<std::size_t>(it->second);
    if (!number_at(1, r.w_[f])) return e;
    for (std::size_t j = 0; cols.size() > 2 && j < h; ++j)
      if (!number_at(j + 2, r.in_[f * h + j])) return e;
  }
  return r;
}

std::string Ranker::write(const std::string& comment) const {
  std::string out;
  std::istringstream in(comment);
  std::string line;
  while (std::getline(in, line)) out += "# " + line + "\n";
  const std::size_t h = static_cast<std::size_t>(hidden_);
  auto values = [](const float* v, std::size_t n) {
    std::string s;
    for (std::size_t j = 0; j < n; ++j) s += fmt::format("\t{:.9g}", v[j]);
    return s;
  };
  if (h > 0) {
    out += fmt::format("hidden\t{}\n", h);
    out += "unit_bias" + values(bias_.data(), h) + "\n";
    out += "unit_out" + values(out_.data(), h) + "\n";
  }
  for (std::size_t i = 0; i < w_.size(); ++i) {
    const float* row = in_.data() + i * h;
    const bool units = std::any_of(row, row + h, [](float x) { return x != 0.0f; });
    if (w_[i] == 0.0f && !units) continue;
    out += fmt::format("{}\t{:.9g}", ranker_feature_name(static_cast<int>(i)), w_[i]);
    if (units) out += values(row, h);
    out += "\n";
  }
  return out;
}

int best_positive_rank(const Ranker& ranker, const RankGroup& group) {
  double best = -INFINITY;
  bool any = false;
  std::vector<double> scores(group.items.size());
  for (std::size_t i = 0; i < group.items.size(); ++i) {
    scores[i] = ranker.score(group.items[i]);
    if (group.positive[i]) best = std::max(best, scores[i]), any = true;
  }
  if (!any) return -1;
  int rank = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) rank += !group.positive[i] && scores[i] >= best;
  return rank;
}

namespace {

// Adagrad over one block of parameters: step(i, g) moves parameter i
// against gradient g (plus the L2 term).
struct Adagrad {
  std::vector<float>* p;
  std::vector<double> g2;
  double lr, l2;
  Adagrad(std::vector<float>& params, double lr_, double l2_) : p(&params), g2(params.size(), 0.0), lr(lr_), l2(l2_) {}
  void step(std::size_t i, double g) {
    g += l2 * (*p)[i];
    g2[i] += g * g;
    (*p)[i] -= static_cast<float>(lr * g / (std::sqrt(g2[i]) + 1e-8));
  }
};

}  // namespace

Ranker train_ranker(const std::vector<RankGroup>& groups, const RankTrainOptions& options,
                    const std::vector<RankGroup>& validation, const std::function<void(const std::string&)>& log) {
  Ranker ranker(options.hidden);
  const std::size_t h = static_cast<std::size_t>(ranker.hidden());
  Rng rng(options.seed);
  // The hidden layer starts random (zero would keep every unit alike, and
  // small weights with a positive bias keep every unit on: a linear model
  // whose gradient never turns a unit off); the linear part at zero.
  for (float& x : ranker.in()) x = static_cast<float>(rng.uniform(-0.5, 0.5));
  for (float& x : ranker.out()) x = static_cast<float>(rng.uniform(-0.5, 0.5));
  Adagrad w(ranker.weights(), options.lr, options.l2), in(ranker.in(), options.lr, options.l2),
      bias(ranker.bias(), options.lr, 0), out(ranker.out(), options.lr, options.l2);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (std::find(groups[i].positive.begin(), groups[i].positive.end(), 1) != groups[i].positive.end())
      order.push_back(i);
  auto at_k = [&](const std::vector<RankGroup>& set, int k) {
    int hits = 0, n = 0;
    for (const RankGroup& g : set) {
      const int r = best_positive_rank(ranker, g);
      if (r < 0) continue;
      ++n;
      hits += r < k;
    }
    return n ? 100.0 * hits / n : 0.0;
  };
  std::vector<double> scores;
  std::vector<std::vector<double>> units;  // the hidden units' inputs of each item
  std::unordered_map<int, double> step;    // linear gradient by feature
  std::unordered_map<int, std::vector<double>> step_in;  // input weights' gradient by feature
  std::vector<double> step_bias(h), step_out(h);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    double loss = 0;
    for (std::size_t gi : order) {
      const RankGroup& g = groups[gi];
      const std::size_t n = g.items.size();
      scores.resize(n);
      units.resize(n);
      double top = -INFINITY;
      for (std::size_t i = 0; i < n; ++i) top = std::max(top, scores[i] = forward(ranker, g.items[i], units[i]));
      double all = 0, pos = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double e = std::exp(scores[i] - top);
        all += e;
        if (g.positive[i]) pos += e;
      }
      loss += std::log(all) - std::log(pos);
      // d loss / d score_i = softmax_i - [positive] softmax_i / share of the positives.
      step.clear();
      step_in.clear();
      std::fill(step_bias.begin(), step_bias.end(), 0.0);
      std::fill(step_out.begin(), step_out.end(), 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        const double p = std::exp(scores[i] - top);
        const double d = p / all - (g.positive[i] ? p / pos : 0.0);
        if (d == 0) continue;
        for (const auto& [f, v] : g.items[i]) step[f] += d * v;
        for (std::size_t j = 0; j < h; ++j) {
          if (units[i][j] <= 0) continue;
          step_out[j] += d * units[i][j];
          const double da = d * static_cast<double>(ranker.out()[j]);
          step_bias[j] += da;
          for (const auto& [f, v] : g.items[i]) {
            auto& row = step_in[f];
            if (row.empty()) row.assign(h, 0.0);
            row[j] += da * v;
          }
        }
      }
      for (const auto& [f, d] : step) w.step(static_cast<std::size_t>(f), d);
      for (const auto& [f, row] : step_in)
        for (std::size_t j = 0; j < h; ++j)
          if (row[j] != 0) in.step(static_cast<std::size_t>(f) * h + j, row[j]);
      for (std::size_t j = 0; j < h; ++j) {
        bias.step(j, step_bias[j]);
        out.step(j, step_out[j]);
      }
    }
    if (!log) continue;
    std::string line = fmt::format("epoch {}: loss {:.4f} over {} groups; training positive@1 {:.1f}% @8 {:.1f}%", epoch,
                                   order.empty() ? 0.0 : loss / static_cast<double>(order.size()), order.size(),
                                   at_k(groups, 1), at_k(groups, 8));
    if (!validation.empty())
      line += fmt::format("; validation ({} groups) positive@1 {:.1f}% @8 {:.1f}%", validation.size(), at_k(validation, 1),
                          at_k(validation, 8));
    log(line);
  }
  return ranker;
}

namespace {

// The feature layout's fingerprint: its size and a hash of its names.
std::string layout_mark() {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (const std::string& name : layout().names)
    for (const char c : name + '\n') hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return fmt::format("layout {} {:016x}", ranker_feature_count(), hash);
}

}  // namespace

std::string write_groups(const std::vector<RankGroup>& groups, const std::string& source) {
  std::string out = "# pappus ranking groups (search/ranker.hpp)\n" + layout_mark() + "\nsource " + source + "\n";
  for (const RankGroup& g : groups) {
    out += fmt::format("group {} {}\n", g.figure, g.items.size());
    for (std::size_t i = 0; i < g.items.size(); ++i) {
      out += g.positive[i] ? '1' : '0';
      for (const auto& [f, v] : g.items[i]) out += fmt::format(" {}:{:.9g}", f, v);
      out += '\n';
    }
  }
  return out;
}

Expected<std::vector<RankGroup>> parse_groups(const std::string& text, std::string* source) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::vector<RankGroup> groups;
  bool marked = false;
  std::size_t expected = 0;  // items the current group still has
  auto fail = [&](const std::string& message) {
    Error e;
    e.loc = {number, 1};
    e.message = message;
    return e;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (!marked) {
      if (line != layout_mark())
        return fail("the ranking groups were written by another version of pappus (" + line + ", this one: " +
                    layout_mark() + "): prepare them again");
      marked = true;
      continue;
    }
    if (line.rfind("source ", 0) == 0 && groups.empty()) {
      if (source) *source = line.substr(7);
      continue;
    }
    std::istringstream words(line);
    if (line.rfind("group ", 0) == 0) {
      if (expected != 0) return fail("a group has fewer items than its 'group' line says");
      std::string word;
      RankGroup g;
      long long items = -1;
      if (!(words >> word >> g.figure >> items) || items < 0) return fail("a group line is 'group FIGURE ITEMS'");
      expected = static_cast<std::size_t>(items);
      groups.push_back(std::move(g));
      continue;
    }
    if (expected == 0) return fail("an item outside a group, or more items than its 'group' line says");
    int label = -1;
    if (!(words >> label) || (label != 0 && label != 1)) return fail("an item starts with its label, 0 or 1");
    Features f;
    for (std::string pair; words >> pair;) {
      const auto colon = pair.find(':');
      char* end = nullptr;
      const long index = std::strtol(pair.c_str(), &end, 10);
      const float value = colon == std::string::npos ? 0.0f : std::strtof(pair.c_str() + colon + 1, nullptr);
      if (colon == std::string::npos || end != pair.c_str() + colon || index < 0 || index >= ranker_feature_count() ||
          !std::isfinite(value))
        return fail("a feature is 'index:value' with an index of the layout");
      f.emplace_back(static_cast<int>(index), value);
    }
    groups.back().items.push_back(std::move(f));
    groups.back().positive.push_back(static_cast<char>(label));
    --expected;
  }
  if (!marked) {
    Error e = fail("not a file of ranking groups (no layout line)");
    e.hint = "an interrupted run leaves the file empty: remove it to prepare the groups again";
    return e;
  }
  if (expected != 0) return fail("the last group has fewer items than its 'group' line says");
  return groups;
}

}  // namespace pappus::search
