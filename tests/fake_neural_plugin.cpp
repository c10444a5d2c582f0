// A neural plugin built from other sources: its entry point answers with
// another version and layout (tests/unit/neural_plugin_test.cpp).
#include "api/neural_plugin.hpp"

extern "C" const pappus::api::NeuralPlugin* pappus_neural_plugin_v1() {
  static const pappus::api::NeuralPlugin plugin{pappus::api::kNeuralPluginAbi, "0.0.0-other", 0,
                                                nullptr, nullptr, nullptr, nullptr};
  return &plugin;
}
