// pappus/neural.hpp in the core library: a loader. The functions that need
// libtorch live in the neural plugin (api/neural_plugin.hpp); the first
// call opens it, checks that it was built with this core, and forwards.
// Without the plugin they return an Error that says how to get it.
#include "pappus/neural.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "api/neural_plugin.hpp"
#include "pappus/version.hpp"

namespace pappus {
namespace {

namespace fs = std::filesystem;

// The file name, the build tree's plugin (empty when built without
// libtorch) and the installed plugin's directory relative to the installed
// data files: CMakeLists.txt defines them.
constexpr const char* kPluginFile = PAPPUS_NEURAL_PLUGIN_FILE;
constexpr const char* kBuildPlugin = PAPPUS_BUILD_NEURAL_PLUGIN;
constexpr const char* kPluginFromData = PAPPUS_NEURAL_PLUGIN_FROM_DATA_DIR;

struct Loaded {
  const api::NeuralPlugin* table = nullptr;
  std::string path;
};

Error plugin_error(std::string message, std::string file, std::string hint) {
  Error e;
  e.message = std::move(message);
  e.file = std::move(file);
  e.hint = std::move(hint);
  return e;
}

// Where to look after $PAPPUS_NEURAL_PLUGIN, in order: next to the running
// program; the install's lib dir, found from the library's data files when
// they are an install's (not the source tree); the build tree.
std::vector<std::string> plugin_places(const Library& library) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) out.push_back((exe.parent_path() / kPluginFile).string());
  const fs::path data = fs::weakly_canonical(library.data_dir(), ec);
  if (!ec && data != fs::weakly_canonical(PAPPUS_SOURCE_DATA_DIR, ec))
    out.push_back((data / kPluginFromData / kPluginFile).lexically_normal().string());
  if (*kBuildPlugin) out.push_back(kBuildPlugin);
  return out;
}

std::string mismatch(const api::NeuralPlugin& table) {
  return std::string("the neural plugin was built from other sources than this pappus (plugin ") + table.version +
         ", ABI " + std::to_string(table.abi) + "; pappus " + version() + ", ABI " +
         std::to_string(api::kNeuralPluginAbi) + ")";
}

// Opens the plugin at `path` and checks that its table is this core's. It
// stays open: the proposers it made may outlive any caller.
Expected<Loaded> open_plugin(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return plugin_error(std::string("cannot load the neural plugin: ") + (why ? why : "unknown reason"), path,
                        "the plugin needs libtorch (tools/setup.sh installs libtorch-dev)");
  }
  using Entry = const api::NeuralPlugin* (*)();
  const auto entry = reinterpret_cast<Entry>(dlsym(handle, api::kNeuralPluginEntry));
  const api::NeuralPlugin* table = entry ? entry() : nullptr;
  if (table && table->abi == api::kNeuralPluginAbi && std::string(table->version) == version() &&
      table->layout == api::neural_plugin_layout())
    return Loaded{table, path};
  // Never closed, a misfit either: unloading libtorch is not safe.
  return plugin_error(table ? mismatch(*table)
                            : std::string("not a neural plugin of pappus (no ") + api::kNeuralPluginEntry + " in it)",
                      path, "use the libpappus_neural.so built together with this pappus");
}

// $PAPPUS_NEURAL_PLUGIN alone when it is set, else the first of
// plugin_places that exists.
Expected<Loaded> find_plugin(const Library& library) {
  std::error_code ec;
  if (const char* env = std::getenv("PAPPUS_NEURAL_PLUGIN"); env && *env) {
    if (fs::exists(env, ec)) return open_plugin(env);
    return plugin_error("no neural plugin here: $PAPPUS_NEURAL_PLUGIN names no file", env,
                        "set PAPPUS_NEURAL_PLUGIN to the path of libpappus_neural.so, or unset it to look in the "
                        "usual places");
  }
  const std::vector<std::string> places = plugin_places(library);
  for (const std::string& path : places)
    if (fs::exists(path, ec)) return open_plugin(path);
  std::string looked;
  for (const std::string& path : places) looked += (looked.empty() ? "" : ", ") + path;
  return plugin_error(*kBuildPlugin ? std::string("the neural proposer's plugin ") + kPluginFile +
                                          " is not found (looked for " + looked + ")"
                                    : std::string("this pappus was built without libtorch: the neural proposer's "
                                                  "plugin ") +
                                          kPluginFile + " does not exist",
                      "",
                      "install libtorch-dev (tools/setup.sh) and rebuild pappus, which then builds the plugin; or "
                      "set PAPPUS_NEURAL_PLUGIN to its path");
}

// The plugin, opened on first use and kept; after a failure the next call
// looks again.
Expected<Loaded> plugin(const Library& library) {
  static std::mutex mutex;
  static Loaded loaded;
  std::lock_guard lock(mutex);
  if (loaded.table) return loaded;
  auto found = find_plugin(library);
  if (found) loaded = *found;
  return found;
}

}  // namespace

Expected<std::string> neural_plugin(const Library& library) {
  auto loaded = plugin(library);
  if (!loaded) return loaded.error();
  return loaded->path;
}

std::string default_model_path(const Library& library) { return library.data_dir() + "/models/proposer"; }

Expected<Proposer> load_neural_proposer(const Library& library, const NeuralProposerOptions& options) {
  auto loaded = plugin(library);
  if (!loaded) return loaded.error();
  return loaded->table->load_proposer(library, options.model.empty() ? default_model_path(library) : options.model,
                                      options);
}

Expected<TrainResult> train_proposer(const Library& library, const std::string& data, const TrainOptions& options,
                                     const std::function<void(const std::string&)>& log) {
  auto loaded = plugin(library);
  if (!loaded) return loaded.error();
  return loaded->table->train(library, data, options, log);
}

Expected<std::string> proposer_vocabulary(const Library& library) {
  auto loaded = plugin(library);
  if (!loaded) return loaded.error();
  return loaded->table->vocabulary(library);
}

Expected<EvaluationReport> evaluate_proposer(const Library& library, const std::string& model, const std::string& data,
                                             const EvaluateOptions& options,
                                             const std::function<void(int done)>& progress) {
  auto loaded = plugin(library);
  if (!loaded) return loaded.error();
  return loaded->table->evaluate(library, model.empty() ? default_model_path(library) : model, data, options,
                                 progress);
}

}  // namespace pappus
