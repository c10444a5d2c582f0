// The proposer that --proposer names, for solve, bench and audit:
// heuristic, or, when pappus is built with libtorch (pappus_neural), neural
// or combined (the model of --model, loaded once and shared by every solve).
#include "cli.hpp"

#ifdef PAPPUS_HAVE_TORCH
#include <pappus/neural.hpp>
#endif

namespace pappus::cli {

Expected<Proposer> load_proposer(const CliOptions& options, const Library& library) {
  if (options.proposer == "heuristic") return Proposer();
  if (options.proposer != "neural" && options.proposer != "combined") {
    Error e;
    e.message = "unknown proposer '" + options.proposer + "'";
    e.hint = "use heuristic, neural or combined";
    return e;
  }
#ifdef PAPPUS_HAVE_TORCH
  NeuralProposerOptions neural;
  neural.model = options.model;
  neural.decode_beam = options.decode_beam;
  neural.combined = options.proposer == "combined";
  return load_neural_proposer(library, neural);
#else
  (void)library;
  Error e;
  e.message = "proposer '" + options.proposer + "' needs libtorch, and this pappus was built without it";
  e.hint = "install libtorch-dev (tools/setup.sh) and rebuild, or use --proposer heuristic";
  return e;
#endif
}

}  // namespace pappus::cli
