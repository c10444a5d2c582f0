#include "neural/evaluate.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "neural/decode.hpp"
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

}  // namespace

EvalReport evaluate(const Model& model, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                    const std::vector<Example>& pairs, const EvalOptions& options,
                    const std::function<void(int)>& progress) {
  EvalReport report;
  const Grammar grammar = Grammar::build(catalogue, model.vocab);
  search::HeuristicProposer heuristic;
  DecodeOptions dopt;
  dopt.beam = options.beam;
  for (const Example& ex : pairs) {
    if (options.limit > 0 && report.pairs >= options.limit) break;
    const Canonical prompt = canonicalise(split_tokens(ex.prompt));
    const std::vector<std::string> target = canonicalise(split_tokens(ex.target), prompt.original).tokens;
    const int points = static_cast<int>(prompt.original.size());
    ++report.pairs;

    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<Decoded> decoded = beam_search(model, grammar, prompt.tokens, points, dopt);
    report.decode_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    report.candidates += static_cast<std::int64_t>(decoded.size());
    std::vector<std::vector<std::string>> neural;
    for (const Decoded& d : decoded) neural.push_back(d.tokens);
    const int nr = rank_of(target, neural);
    report.neural_top1 += nr == 0;
    report.neural_top8 += nr >= 0 && nr < 8;

    // The figure of the prompt: the heuristic needs it, and the same-point
    // score builds every clause on it.
    auto problem = parse_problem(ex.prompt, catalogue);
    if (!problem) continue;
    DiagramOptions dopts;
    dopts.seed = options.seed;
    auto diagram = build_diagram(*problem, catalogue, dopts);
    if (!diagram) continue;
    ++report.figure_pairs;
    search::Node root;
    root.problem = std::move(*problem);
    root.diagram = std::move(*diagram);
    std::string point = canonical_point_name(points);
    while (std::find(prompt.original.begin(), prompt.original.end(), point) != prompt.original.end()) point += "x";
    std::vector<std::string> known = prompt.original;
    known.push_back(point);
    // Where a clause (in the prompt's names) puts its point, or nothing.
    auto place = [&](const std::string& clause) -> std::optional<geo::Vec2> {
      auto child = search::extend(root, clause, catalogue, options.seed);
      if (!child) return std::nullopt;
      return (*child)->diagram.points.back();
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

    if (options.heuristic) {
      // The heuristic needs the figure and the given facts (no saturation).
      engine::Engine eng(root.problem, root.diagram, catalogue, rules, {});
      std::vector<std::vector<std::string>> ranked;
      std::vector<std::string> clauses;
      for (const auto& c : heuristic.propose(root.problem, root.diagram, eng, point, 8)) {
        ranked.push_back(canonicalise(split_tokens(c.clause), known).tokens);
        clauses.push_back(c.clause);
      }
      const int hr = rank_of(target, ranked);
      report.heuristic_top1 += hr == 0;
      report.heuristic_top8 += hr >= 0 && hr < 8;
      const int hs = same_point_rank(clauses);
      report.heuristic_same1 += hs == 0;
      report.heuristic_same8 += hs >= 0 && hs < 8;
    }
    if (progress) progress(report.pairs);
  }
  return report;
}

}  // namespace pappus::neural
