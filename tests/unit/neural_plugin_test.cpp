// pappus/neural.hpp without a usable neural plugin: every function is an
// Error that names the place and says how to get the plugin, never a crash.
// (With the plugin: tests/neural/solver_test.cpp.)
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "pappus/neural.hpp"
#include "public_library.hpp"

using namespace pappus;

namespace {

using test::library;

// Sets PAPPUS_NEURAL_PLUGIN for the scope of a test.
class PluginPath {
 public:
  explicit PluginPath(const std::string& path) { setenv("PAPPUS_NEURAL_PLUGIN", path.c_str(), 1); }
  ~PluginPath() { unsetenv("PAPPUS_NEURAL_PLUGIN"); }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("no plugin where PAPPUS_NEURAL_PLUGIN points: every neural function is an Error", "[api][neural]") {
  const PluginPath env("/nonexistent/libpappus_neural.so");
  const auto path = neural_plugin(library());
  REQUIRE_FALSE(path.ok());
  CHECK(path.error().file == "/nonexistent/libpappus_neural.so");
  CHECK(contains(path.error().message, "PAPPUS_NEURAL_PLUGIN names no file"));
  CHECK(contains(path.error().hint, "libpappus_neural.so"));

  const auto proposer = load_neural_proposer(library(), {.decode_beam = 4});
  REQUIRE_FALSE(proposer.ok());
  CHECK(proposer.error().file == "/nonexistent/libpappus_neural.so");
  CHECK_FALSE(proposer_vocabulary(library()).ok());
  CHECK_FALSE(train_proposer(library(), "data.jsonl", {.out = "out"}, [](const std::string&) {}).ok());
  CHECK_FALSE(evaluate_proposer(library(), "", "data.jsonl", {}).ok());
  // Needs no plugin.
  CHECK(default_model_path(library()) == library().data_dir() + "/models/proposer");
}

TEST_CASE("a file that is not a plugin, or one from other sources, is an Error naming it", "[api][neural]") {
  {
    const PluginPath env(PAPPUS_EXAMPLES_DIR "/examples.txt");
    const auto path = neural_plugin(library());
    REQUIRE_FALSE(path.ok());
    CHECK(path.error().file == PAPPUS_EXAMPLES_DIR "/examples.txt");
    CHECK(contains(path.error().message, "cannot load the neural plugin"));
  }
  {
    const PluginPath env(PAPPUS_FAKE_NEURAL_PLUGIN);
    const auto path = neural_plugin(library());
    REQUIRE_FALSE(path.ok());
    CHECK(path.error().file == PAPPUS_FAKE_NEURAL_PLUGIN);
    CHECK(contains(path.error().message, "built from other sources than this pappus (plugin 0.0.0-other"));
    CHECK(contains(path.error().hint, "built together with this pappus"));
  }
}
