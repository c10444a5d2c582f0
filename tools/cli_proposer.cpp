// The proposer that --proposer names, for solve, bench and audit:
// heuristic, learned (the default), or neural, combined or ranked (the model of --model, loaded once and
// shared by every solve; the neural plugin, and libtorch with it, is
// loaded only then).
#include <pappus/neural.hpp>
#include <pappus/ranking.hpp>

#include "cli.hpp"

namespace pappus::cli {

Expected<Proposer> load_proposer(const CliOptions& options, const Library& library) {
  if (options.proposer == "heuristic") return Proposer("heuristic");
  if (options.proposer == "learned") return load_learned_proposer(library, options.ranker, options.model_depth);
  if (options.proposer != "neural" && options.proposer != "combined" && options.proposer != "ranked") {
    Error e;
    e.message = "unknown proposer '" + options.proposer + "'";
    e.hint = "use heuristic, learned, neural, combined or ranked";
    return e;
  }
  NeuralProposerOptions neural;
  neural.model = options.model;
  neural.decode_beam = options.decode_beam;
  neural.combined = options.proposer == "combined";
  neural.ranked = options.proposer == "ranked";
  neural.rank_pool = options.rank_pool;
  neural.rank_per_token = options.rank_per_token;
  neural.model_depth = options.model_depth;
  return load_neural_proposer(library, neural);
}

}  // namespace pappus::cli
