#include "neural/evaluate.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "neural/decode.hpp"
#include "neural/ranked_proposer.hpp"
#include "problem/parser.hpp"
#include "search/proposer.hpp"
#include "search/search.hpp"

namespace pappus::neural {

namespace {

// The rank (0-based) of `target` among candidate token lists, or -1.
int rank_of(const std::vector<std::string>& target, const std::vector<std::vector<std::string>>& candidates) {
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i] == target) return static_cast<int>(i);
  return -1;
}

// The first construction of a clause's tokens ("x = midpoint x a b": midpoint).
std::string construction_of(const std::vector<std::string>& tokens) {
  const auto eq = std::find(tokens.begin(), tokens.end(), "=");
  return eq != tokens.end() && eq + 1 != tokens.end() ? *(eq + 1) : "?";
}

}  // namespace

EvalReport evaluate(const Model& model, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                    const std::vector<Example>& pairs, const EvalOptions& options,
                    const std::function<void(int)>& progress) {
  EvalReport report;
  std::map<std::string, KindAccuracy> kinds;
  const Grammar grammar = Grammar::build(catalogue, model.vocab);
  search::HeuristicProposer heuristic;
  DecodeOptions dopt;
  dopt.beam = options.beam;
  for (const Example& ex : pairs) {
    if (options.limit > 0 && report.pairs >= options.limit) break;
    // A model of prompt format version 1 reads a version 2 prompt without
    // its facts (the same points: facts name only the premises' points).
    const Canonical prompt =
        canonicalise(split_tokens(model.config.facts > 0 ? std::string_view(ex.prompt) : prompt_problem(ex.prompt)));
    const std::vector<std::string> target = canonicalise(split_tokens(ex.target), prompt.original).tokens;
    const int points = static_cast<int>(prompt.original.size());
    ++report.pairs;
    KindAccuracy& kind = kinds[construction_of(target)];
    ++kind.pairs;

    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<Decoded> decoded = beam_search(model, grammar, prompt.tokens, points, dopt);
    report.decode_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report.candidates += static_cast<std::int64_t>(decoded.size());
    std::vector<std::vector<std::string>> neural;
    for (const Decoded& d : decoded) neural.push_back(d.tokens);
    const int nr = rank_of(target, neural);
    report.neural_top1 += nr == 0;
    report.neural_top8 += nr >= 0 && nr < 8;
    kind.neural.top1 += nr == 0;
    kind.neural.top8 += nr >= 0 && nr < 8;

    // The figure of the prompt: the heuristic needs it, and the same-point
    // score builds every clause on it.
    auto problem = parse_problem(prompt_problem(ex.prompt), catalogue);
    if (!problem) continue;
    DiagramOptions dopts;
    dopts.seed = options.seed;
    auto diagram = build_diagram(*problem, catalogue, dopts);
    if (!diagram) continue;
    ++report.figure_pairs;
    ++kind.figure_pairs;
    search::Node root;
    root.problem = std::move(*problem);
    root.diagram = std::move(*diagram);
    std::string point = canonical_point_name(points);
    while (std::find(prompt.original.begin(), prompt.original.end(), point) != prompt.original.end()) point += "x";
    std::vector<std::string> known = prompt.original;
    known.push_back(point);
    // Where a clause (in the prompt's names) puts its point, or nothing;
    // each clause built once.
    std::map<std::string, std::optional<geo::Vec2>> placed;
    auto place = [&](const std::string& clause) -> std::optional<geo::Vec2> {
      if (const auto it = placed.find(clause); it != placed.end()) return it->second;
      std::optional<geo::Vec2> at;
      if (auto child = search::extend(root, clause, catalogue, options.seed)) at = (*child)->diagram.points.back();
      return placed[clause] = at;
    };
    auto original_names = [&](const std::vector<std::string>& canonical) {
      std::vector<std::string> out;
      for (const std::string& t : canonical) {
        const int k = model.vocab.point_index(model.vocab.id(t));
        out.push_back(k >= 0 && k < static_cast<int>(known.size()) ? known[k] : t);
      }
      return join_tokens(out);
    };
    const std::optional<geo::Vec2> goal_point = place(original_names(target));
    const double tolerance = 1e-6 * std::max(1.0, root.diagram.scale);
    // The rank (0-based) of the first clause that builds the target's point.
    auto same_point_rank = [&](const std::vector<std::string>& clauses) {
      if (!goal_point) return -1;
      for (std::size_t i = 0; i < clauses.size(); ++i)
        if (auto at = place(clauses[i]); at && (*at - *goal_point).norm() < tolerance) return static_cast<int>(i);
      return -1;
    };
    std::vector<std::string> neural_clauses;
    for (const auto& tokens : neural) neural_clauses.push_back(original_names(tokens));
    const int ns = same_point_rank(neural_clauses);
    report.neural_same1 += ns == 0;
    report.neural_same8 += ns >= 0 && ns < 8;
    kind.neural.same1 += ns == 0;
    kind.neural.same8 += ns >= 0 && ns < 8;

    if (options.heuristic) {
      // The heuristic proposes from the saturated figure (its derived lines
      // and circles), as it does at a search node.
      engine::Engine eng(root.problem, root.diagram, catalogue, rules, {});
      eng.run();
      const std::vector<search::Candidate> pool =
          heuristic.propose(root.problem, root.diagram, eng, point, std::max(8, options.rank_pool));
      // The ranked proposer's pool: the heuristic's candidates, then the
      // model's beam clauses that differ from them (canonical tokens).
      std::vector<std::string> clauses;
      std::vector<std::vector<std::string>> canonical;  // of each clause
      std::set<std::vector<std::string>> seen;
      auto add = [&](const std::string& clause, bool only_new) {
        std::vector<std::string> tokens = canonicalise(split_tokens(clause), known).tokens;
        if (!seen.insert(tokens).second && only_new) return;
        clauses.push_back(clause);
        canonical.push_back(std::move(tokens));
      };
      for (const search::Candidate& c : pool) add(c.clause, false);
      const std::size_t from_heuristic = clauses.size();
      for (const std::string& c : neural_clauses) add(c, true);
      report.pool_candidates += static_cast<std::int64_t>(clauses.size());
      report.pool_exact += rank_of(target, canonical) >= 0;
      report.pool_same += same_point_rank(clauses) >= 0;
      // The first eight clauses in `order` against the target, into `hits`.
      auto tally = [&](const std::vector<std::size_t>& order, ProposerHits& hits, ProposerHits* by_kind) {
        std::vector<std::vector<std::string>> ranked;
        std::vector<std::string> first;
        for (std::size_t i = 0; i < order.size() && i < 8; ++i) {
          first.push_back(clauses[order[i]]);
          ranked.push_back(canonical[order[i]]);
        }
        const int r = rank_of(target, ranked), sp = same_point_rank(first);
        for (ProposerHits* h : {&hits, by_kind}) {
          if (!h) continue;
          h->top1 += r == 0;
          h->top8 += r >= 0;
          h->same1 += sp == 0;
          h->same8 += sp >= 0;
        }
      };
      std::vector<std::size_t> heuristic_order(std::min<std::size_t>(pool.size(), 8));
      std::iota(heuristic_order.begin(), heuristic_order.end(), 0);
      ProposerHits h;
      tally(heuristic_order, h, &kind.heuristic);
      report.heuristic_top1 += h.top1;
      report.heuristic_top8 += h.top8;
      report.heuristic_same1 += h.same1;
      report.heuristic_same8 += h.same8;

      const auto t1 = std::chrono::steady_clock::now();
      const auto scores = score_targets(model, prompt, clauses);
      report.rank_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      tally(model_order(scores, false), report.ranked, &kind.ranked);
      tally(model_order(scores, true), report.ranked_per_token, nullptr);
      const std::vector<std::optional<TargetScore>> heuristic_scores(
          scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(from_heuristic));
      tally(model_order(heuristic_scores, false), report.ranked_heuristic, nullptr);
    }
    if (progress) progress(report.pairs);
  }
  for (auto& [name, k] : kinds) {
    k.kind = name;
    report.kinds.push_back(std::move(k));
  }
  return report;
}

}  // namespace pappus::neural
