#include "neural/evaluate.hpp"

#include <algorithm>
#include <chrono>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "neural/decode.hpp"
#include "problem/parser.hpp"
#include "search/proposer.hpp"

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

    if (options.heuristic) {
      // The heuristic needs the figure and the given facts (no saturation).
      auto problem = parse_problem(ex.prompt, catalogue);
      if (!problem) continue;
      DiagramOptions dopts;
      dopts.seed = options.seed;
      auto diagram = build_diagram(*problem, catalogue, dopts);
      if (!diagram) continue;
      ++report.heuristic_pairs;
      engine::Engine eng(*problem, *diagram, catalogue, rules, {});
      std::string point = canonical_point_name(points);
      while (std::find(prompt.original.begin(), prompt.original.end(), point) != prompt.original.end()) point += "x";
      std::vector<std::string> known = prompt.original;
      known.push_back(point);
      std::vector<std::vector<std::string>> ranked;
      for (const auto& c : heuristic.propose(*problem, *diagram, eng, point, 8))
        ranked.push_back(canonicalise(split_tokens(c.clause), known).tokens);
      const int hr = rank_of(target, ranked);
      report.heuristic_top1 += hr == 0;
      report.heuristic_top8 += hr >= 0 && hr < 8;
    }
    if (progress) progress(report.pairs);
  }
  return report;
}

}  // namespace pappus::neural
