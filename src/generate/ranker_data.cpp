#include "generate/ranker_data.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "search/proposer.hpp"
#include "search/search.hpp"
#include "util/rng.hpp"

namespace pappus::generate {

namespace {

using geo::Vec2;

struct Item {
  const TrainingPair* example;
  std::int64_t figure;
};

std::vector<Item> pairs_of(const std::vector<PairRecord>& records, int limit) {
  std::vector<Item> out;
  for (const PairRecord& r : records)
    for (const TrainingPair& e : r.pairs) {
      if (limit > 0 && static_cast<int>(out.size()) >= limit) return out;
      out.push_back({&e, r.figure});
    }
  return out;
}

// A pair as a search node: the prompt's problem on its figure, saturated,
// and where the target puts its point.
struct PairNode {
  search::Node root;
  std::unique_ptr<engine::Engine> engine;
  std::string point;  // the target's new point
  Vec2 target = Vec2::Zero();
  double tolerance = 0;

  bool same(const Vec2& x) const { return (x - target).norm() < tolerance; }
  // Whether DDAR proves the goal with the clause added (each clause once).
  std::map<std::string, bool> proved;
  bool proves(const std::string& clause, const dsl::Catalogue& catalogue, std::uint64_t seed) {
    if (const auto it = proved.find(clause); it != proved.end()) return it->second;
    bool ok = false;
    if (auto child = search::extend(root, clause, catalogue, seed)) {
      engine::Engine e(*engine, (*child)->problem, (*child)->diagram);
      ok = e.run() == engine::StopReason::Proved;
    }
    return proved[clause] = ok;
  }
  // Whether a candidate builds the target's point (or, placed at random on
  // a curve, is the target clause).
  bool builds(const std::string& clause, const std::vector<Vec2>& at, bool random, const std::string& target_clause) const {
    if (random) return clause == target_clause;
    return std::any_of(at.begin(), at.end(), [&](const Vec2& x) { return same(x); });
  }
};

// On the heap: the engine keeps references to the node's problem and figure.
std::unique_ptr<PairNode> node_of(const dsl::Catalogue& catalogue, const engine::RuleBook& rules, const TrainingPair& ex,
                                std::uint64_t seed) {
  auto problem = parse_problem(prompt_problem(ex.prompt), catalogue);
  if (!problem) return nullptr;
  DiagramOptions dopts;
  dopts.seed = seed;
  auto diagram = build_diagram(*problem, catalogue, dopts);
  if (!diagram) return nullptr;
  auto node = std::make_unique<PairNode>();
  PairNode& n = *node;
  n.root.problem = std::move(*problem);
  n.root.diagram = std::move(*diagram);
  const auto eq = ex.target.find('=');
  if (eq == std::string::npos) return nullptr;
  n.point = ex.target.substr(0, ex.target.find_last_not_of(' ', eq - 1) + 1);
  auto child = search::extend(n.root, ex.target, catalogue, seed);
  if (!child) return nullptr;
  n.target = (*child)->diagram.points.back();
  n.tolerance = 1e-6 * std::max(1.0, n.root.diagram.scale);
  n.engine = std::make_unique<engine::Engine>(n.root.problem, n.root.diagram, catalogue, rules);
  n.engine->run();
  return node;
}

// Runs `work(i)` for i < n on `threads` threads; `progress` after each.
void parallel_for(int n, int threads, const std::function<void(int)>& work,
                  const std::function<void(int, int)>& progress) {
  std::atomic<int> next{0}, done{0};
  std::mutex m;
  auto worker = [&] {
    for (int i; (i = next++) < n;) {
      work(i);
      const int d = ++done;
      if (progress) {
        std::lock_guard<std::mutex> lock(m);
        progress(d, n);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace

std::vector<search::RankGroup> ranker_groups(const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                                             const std::vector<PairRecord>& records, const RankerDataOptions& options,
                                             const std::function<void(int, int)>& progress) {
  const std::vector<Item> pairs = pairs_of(records, options.limit);
  std::vector<std::optional<search::RankGroup>> out(pairs.size());
  parallel_for(static_cast<int>(pairs.size()), options.threads, [&](int i) {
    const TrainingPair& ex = *pairs[static_cast<std::size_t>(i)].example;
    auto node = node_of(catalogue, rules, ex, options.seed);
    if (!node) return;
    search::HeuristicOptions hopt;
    hopt.seed = options.seed;
    const std::vector<search::FeaturedCandidate> all =
        search::HeuristicProposer(catalogue, hopt).featured(node->root.problem, node->root.diagram, *node->engine, node->point);
    search::RankGroup g;
    g.figure = pairs[static_cast<std::size_t>(i)].figure;
    Rng rng(Rng::mix(options.seed, static_cast<std::uint64_t>(i)));
    // The candidates by the hand-tuned score, the first `best` kept, then a
    // shuffle of the rest.
    auto sample = [&](std::vector<std::size_t> idx, std::size_t best) {
      std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return all[a].heuristic > all[b].heuristic; });
      best = std::min(best, idx.size());
      for (std::size_t k = idx.size(); k > best + 1; --k) std::swap(idx[k - 1], idx[best + rng.below(k - best)]);
      return idx;
    };
    if (options.checked > 0) {
      std::vector<std::size_t> idx(all.size());
      std::iota(idx.begin(), idx.end(), 0);
      idx = sample(std::move(idx), static_cast<std::size_t>(options.checked));
      for (std::size_t k = 0; k < idx.size(); ++k) {
        const auto& c = all[idx[k]];
        const bool builds = node->builds(c.clause, c.at, c.random, ex.target);
        if (k >= 2 * static_cast<std::size_t>(options.checked) && !builds) continue;
        g.items.push_back(c.features);
        g.positive.push_back(builds || node->proves(c.clause, catalogue, options.seed));
      }
    } else {
      // Positives, the best negatives by the hand-tuned score, then negatives at random.
      std::vector<std::size_t> negatives;
      for (std::size_t c = 0; c < all.size(); ++c) {
        if (node->builds(all[c].clause, all[c].at, all[c].random, ex.target)) {
          g.items.push_back(all[c].features);
          g.positive.push_back(1);
        } else {
          negatives.push_back(c);
        }
      }
      negatives = sample(std::move(negatives), static_cast<std::size_t>(options.negatives / 2));
      for (std::size_t k = 0; k < negatives.size() && k < static_cast<std::size_t>(options.negatives); ++k) {
        g.items.push_back(all[negatives[k]].features);
        g.positive.push_back(0);
      }
    }
    out[static_cast<std::size_t>(i)] = std::move(g);
  }, progress);
  std::vector<search::RankGroup> groups;
  for (auto& g : out)
    if (g) groups.push_back(std::move(*g));
  return groups;
}

RankingEvaluation evaluate_ranker(const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                             const std::vector<PairRecord>& records, std::shared_ptr<const search::Ranker> ranker,
                             const RankerDataOptions& options, const std::function<void(int, int)>& progress) {
  const std::vector<Item> pairs = pairs_of(records, options.limit);
  struct One {
    bool built = false;
    RankingHits hand, learned, fused;
    bool pool_same = false, target_proves = false;
    double hand_seconds = 0, learned_seconds = 0;
  };
  std::vector<One> results(pairs.size());
  parallel_for(static_cast<int>(pairs.size()), options.threads, [&](int i) {
    const TrainingPair& ex = *pairs[static_cast<std::size_t>(i)].example;
    auto node = node_of(catalogue, rules, ex, options.seed);
    if (!node) return;
    One& r = results[static_cast<std::size_t>(i)];
    r.built = true;
    auto tally = [&](search::HeuristicOptions hopt, RankingHits& hits, double& seconds) {
      hopt.seed = options.seed;
      const auto t0 = std::chrono::steady_clock::now();
      const auto c = search::HeuristicProposer(catalogue, hopt)
                         .propose(node->root.problem, node->root.diagram, *node->engine, node->point, 8);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      for (std::size_t k = 0; k < c.size(); ++k) {
        if (!hits.proves8 && node->proves(c[k].clause, catalogue, options.seed)) {
          hits.proves1 += k == 0;
          hits.proves8 = 1;
        }
        if (c[k].clause == ex.target) {
          hits.exact1 += k == 0;
          hits.exact8 = 1;
        }
        if (!hits.same8 && node->builds(c[k].clause, c[k].at, c[k].at.empty(), ex.target)) {
          hits.same1 += k == 0;
          hits.same8 = 1;
        }
      }
    };
    tally({}, r.hand, r.hand_seconds);
    search::HeuristicOptions learned;
    learned.ranker = ranker;
    tally(learned, r.fused, r.learned_seconds);
    learned.fuse = false;
    double unused = 0;
    tally(learned, r.learned, unused);
    r.target_proves = node->proves(ex.target, catalogue, options.seed);
    search::HeuristicOptions hopt;
    hopt.seed = options.seed;
    for (const auto& c : search::HeuristicProposer(catalogue, hopt)
                             .featured(node->root.problem, node->root.diagram, *node->engine, node->point))
      if (node->builds(c.clause, c.at, c.random, ex.target)) {
        r.pool_same = true;
        break;
      }
  }, progress);
  RankingEvaluation report;
  report.pairs = static_cast<int>(pairs.size());
  auto add = [](RankingHits& a, const RankingHits& b) {
    a.same1 += b.same1, a.same8 += b.same8, a.exact1 += b.exact1, a.exact8 += b.exact8;
    a.proves1 += b.proves1, a.proves8 += b.proves8;
  };
  // "g = midpoint g a f" -> midpoint; "... ? cyclic a b c d" -> cyclic.
  auto word_after = [](const std::string& text, char mark) {
    const auto at = text.find(mark);
    if (at == std::string::npos) return std::string("?");
    const auto begin = text.find_first_not_of(' ', at + 1);
    if (begin == std::string::npos) return std::string("?");
    return text.substr(begin, text.find_first_of(" ,;", begin) - begin);
  };
  std::map<std::string, RankingShare> kinds, goals;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const One& r = results[i];
    if (!r.built) continue;
    ++report.figure_pairs;
    add(report.hand, r.hand);
    add(report.learned, r.learned);
    add(report.fused, r.fused);
    const TrainingPair& ex = *pairs[i].example;
    for (auto [shares, name] : {std::pair{&kinds, word_after(ex.target, '=')}, std::pair{&goals, word_after(ex.prompt, '?')}}) {
      RankingShare& s = (*shares)[name];
      s.name = name;
      ++s.pairs;
      add(s.hand, r.hand);
      add(s.learned, r.learned);
      add(s.fused, r.fused);
    }
    report.pool_same += r.pool_same;
    report.target_proves += r.target_proves;
    report.hand_seconds += r.hand_seconds;
    report.learned_seconds += r.learned_seconds;
  }
  for (auto& [name, s] : kinds) report.kinds.push_back(std::move(s));
  for (auto& [name, s] : goals) report.goals.push_back(std::move(s));
  return report;
}

}  // namespace pappus::generate
