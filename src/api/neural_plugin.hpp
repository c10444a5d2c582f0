// The seam between the core library and the neural plugin. The learned
// proposer, its training and evaluation (src/neural, on libtorch) are built
// as a plugin, libpappus_neural.so, that exports one C function,
// kNeuralPluginEntry, returning the table below; the core library's
// pappus/neural.hpp (api/neural.cpp) opens the plugin on first use and
// calls through the table, so that only processes that use the model load
// libtorch. Both sides are compiled from the same headers: the table is
// accepted only when its ABI number, pappus version and layout fingerprint
// are those of the core that opens it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "api/internal.hpp"
#include "pappus/neural.hpp"

namespace pappus::api {

// Raised when the table or the meaning of an entry changes.
inline constexpr int kNeuralPluginAbi = 1;

// The sizes of the types that cross the seam, folded into one number: a
// plugin built from other headers (another pappus, another engine) gives
// another one.
inline constexpr std::size_t neural_plugin_layout() {
  std::size_t h = 0;
  for (const std::size_t s :
       {sizeof(Library::Data), sizeof(Problem), sizeof(Diagram), sizeof(engine::Engine), sizeof(search::Candidate),
        sizeof(Error), sizeof(Proposer), sizeof(NeuralProposerOptions), sizeof(TrainOptions), sizeof(TrainResult),
        sizeof(EvaluateOptions), sizeof(EvaluationReport)})
    h = h * 1000003 + s;
  return h;
}

// What the plugin gives: pappus/neural.hpp's functions that need libtorch.
// The first three fields stay first in every ABI, so that a misfit can be named.
struct NeuralPlugin {
  int abi;              // kNeuralPluginAbi of the plugin's build
  const char* version;  // pappus::version() of the plugin's build
  std::size_t layout;   // neural_plugin_layout() of the plugin's build
  // `model`: the file or directory to read (default_model_path already applied).
  Expected<Proposer> (*load_proposer)(const Library& library, const std::string& model,
                                      const NeuralProposerOptions& options);
  Expected<TrainResult> (*train)(const Library& library, const std::string& data, const TrainOptions& options,
                                 const std::function<void(const std::string&)>& log);
  std::string (*vocabulary)(const Library& library);
  Expected<EvaluationReport> (*evaluate)(const Library& library, const std::string& model, const std::string& data,
                                         const EvaluateOptions& options, const std::function<void(int done)>& progress);
};

// The name of the plugin's one exported symbol, declared below; it carries
// the ABI number.
inline constexpr const char* kNeuralPluginEntry = "pappus_neural_plugin_v1";

}  // namespace pappus::api

extern "C" const pappus::api::NeuralPlugin* pappus_neural_plugin_v1();
