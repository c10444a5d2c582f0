// The proposer that --proposer names, for solve and bench: heuristic, or,
// when pappus is built with libtorch, neural or combined (the model of
// --model, loaded once and shared by every proposer made).
#include <memory>

#include "cli.hpp"
#include "dsl/catalogue.hpp"

#ifdef PAPPUS_HAVE_TORCH
#include "neural/neural_proposer.hpp"
#endif

namespace pappus::cli {

std::string default_model_path() { return dsl::data_dir() + "/models/proposer"; }

Expected<ProposerFactory> make_proposer_factory(const CliOptions& options, const dsl::Catalogue& catalogue) {
  if (options.proposer == "heuristic")
    return ProposerFactory([] { return std::make_unique<search::HeuristicProposer>(); });
  if (options.proposer != "neural" && options.proposer != "combined") {
    Error e;
    e.message = "unknown proposer '" + options.proposer + "'";
    e.hint = "use heuristic, neural or combined";
    return e;
  }
#ifdef PAPPUS_HAVE_TORCH
  auto model = neural::load_model(options.model.empty() ? default_model_path() : options.model);
  if (!model) return model.error();
  auto shared = std::make_shared<const neural::Model>(std::move(*model));
  neural::DecodeOptions decode;
  decode.beam = options.decode_beam;
  const bool combined = options.proposer == "combined";
  return ProposerFactory([shared, decode, combined, &catalogue]() -> std::unique_ptr<search::Proposer> {
    auto neural = std::make_unique<neural::NeuralProposer>(shared, catalogue, decode);
    if (!combined) return neural;
    return std::make_unique<neural::CombinedProposer>(std::move(neural), std::make_unique<search::HeuristicProposer>());
  });
#else
  (void)catalogue;
  Error e;
  e.message = "proposer '" + options.proposer + "' needs libtorch, and this pappus was built without it";
  e.hint = "install libtorch-dev (tools/setup.sh) and rebuild, or use --proposer heuristic";
  return e;
#endif
}

}  // namespace pappus::cli
