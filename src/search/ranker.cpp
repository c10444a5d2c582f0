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

Ranker::Ranker() : w_(static_cast<std::size_t>(ranker_feature_count()), 0.0f) {}

double Ranker::score(const Features& f) const {
  double s = 0;
  for (const auto& [i, v] : f) s += static_cast<double>(w_[static_cast<std::size_t>(i)]) * v;
  return s;
}

Expected<Ranker> Ranker::parse(const std::string& text) {
  std::unordered_map<std::string, int> index;
  for (int i = 0; i < ranker_feature_count(); ++i) index.emplace(ranker_feature_name(i), i);
  Ranker r;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    Error e;
    e.loc = {number, 1};
    if (tab == std::string::npos) {
      e.message = "a ranker weight line is 'feature<TAB>weight'";
      return e;
    }
    const std::string name = line.substr(0, tab);
    const auto it = index.find(name);
    if (it == index.end()) {
      e.message = "unknown ranker feature '" + name + "'";
      e.token = name;
      e.hint = "the weights were written by another version of pappus: retrain the ranker";
      return e;
    }
    char* end = nullptr;
    const std::string value = line.substr(tab + 1);
    const double w = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || !std::isfinite(w)) {
      e.message = "a ranker weight is not a finite number";
      e.token = value;
      return e;
    }
    r.w_[static_cast<std::size_t>(it->second)] = static_cast<float>(w);
  }
  return r;
}

std::string Ranker::write(const std::string& comment) const {
  std::string out;
  std::istringstream in(comment);
  std::string line;
  while (std::getline(in, line)) out += "# " + line + "\n";
  for (int i = 0; i < ranker_feature_count(); ++i)
    if (w_[static_cast<std::size_t>(i)] != 0.0f)
      out += fmt::format("{}\t{:.6g}\n", ranker_feature_name(i), w_[static_cast<std::size_t>(i)]);
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

Ranker train_ranker(const std::vector<RankGroup>& groups, const RankTrainOptions& options,
                    const std::vector<RankGroup>& validation, const std::function<void(const std::string&)>& log) {
  Ranker ranker;
  std::vector<float>& w = ranker.weights();
  std::vector<double> g2(w.size(), 0.0);  // Adagrad's sums of squared gradients
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (std::find(groups[i].positive.begin(), groups[i].positive.end(), 1) != groups[i].positive.end())
      order.push_back(i);
  Rng rng(options.seed);
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
  std::vector<double> scores, grad;
  std::unordered_map<int, double> step;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    double loss = 0;
    for (std::size_t gi : order) {
      const RankGroup& g = groups[gi];
      const std::size_t n = g.items.size();
      scores.resize(n);
      double top = -INFINITY;
      for (std::size_t i = 0; i < n; ++i) top = std::max(top, scores[i] = ranker.score(g.items[i]));
      double all = 0, pos = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double e = std::exp(scores[i] - top);
        all += e;
        if (g.positive[i]) pos += e;
      }
      loss += std::log(all) - std::log(pos);
      // d loss / d score_i = softmax_i - [positive] softmax_i / share of the positives.
      step.clear();
      for (std::size_t i = 0; i < n; ++i) {
        const double p = std::exp(scores[i] - top);
        const double d = p / all - (g.positive[i] ? p / pos : 0.0);
        if (d == 0) continue;
        for (const auto& [f, v] : g.items[i]) step[f] += d * v;
      }
      for (const auto& [f, d0] : step) {
        const double d = d0 + options.l2 * w[static_cast<std::size_t>(f)];
        g2[static_cast<std::size_t>(f)] += d * d;
        w[static_cast<std::size_t>(f)] -= static_cast<float>(options.lr * d / (std::sqrt(g2[static_cast<std::size_t>(f)]) + 1e-8));
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

}  // namespace pappus::search
