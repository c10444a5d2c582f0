// The neural plugin (libpappus_neural.so, on libtorch): the learned and
// combined and ranked proposers as a Proposer that the core Solver runs, training and
// evaluation, handed to the core library's pappus/neural.hpp through the
// one exported function pappus_neural_plugin_v1 (api/neural_plugin.hpp).
#include "api/neural_plugin.hpp"

#include <memory>
#include <utility>
#include <vector>

#include "neural/evaluate.hpp"
#include "neural/neural_proposer.hpp"
#include "neural/ranked_proposer.hpp"
#include "neural/train.hpp"
#include "pappus/version.hpp"

namespace pappus {

namespace {

// Makes a NeuralProposer (or the combined or ranked one) per search over
// one loaded model; holds the library's data, whose catalogue the
// proposers read.
class NeuralSource final : public Proposer::Source {
 public:
  NeuralSource(std::shared_ptr<const Library::Data> data, std::shared_ptr<const neural::Model> model,
               const NeuralProposerOptions& options)
      : data_(std::move(data)), model_(std::move(model)), options_(options) {}

  std::unique_ptr<search::Proposer> make() const override {
    auto made = make_model_proposer();
    if (options_.model_depth < 0) return made;
    return std::make_unique<neural::ShallowProposer>(std::move(made), std::make_unique<search::HeuristicProposer>(),
                                                     options_.model_depth);
  }

 private:
  std::unique_ptr<search::Proposer> make_model_proposer() const {
    neural::DecodeOptions decode;
    decode.beam = options_.decode_beam;
    auto learned = std::make_unique<neural::NeuralProposer>(model_, data_->catalogue, decode);
    if (options_.ranked)
      return std::make_unique<neural::RankedProposer>(
          model_, std::make_unique<search::HeuristicProposer>(),
          neural::RankOptions{.pool = options_.rank_pool, .normalise = options_.rank_per_token}, std::move(learned));
    if (!options_.combined) return learned;
    return std::make_unique<neural::CombinedProposer>(std::move(learned), std::make_unique<search::HeuristicProposer>());
  }

  std::shared_ptr<const Library::Data> data_;
  std::shared_ptr<const neural::Model> model_;
  NeuralProposerOptions options_;
};

// libtorch's intra-op threads: its default (every core) for training,
// read once before inference changes it.
int training_threads() {
  static const int n = torch::get_num_threads();
  return n;
}

// Inference runs on one intra-op thread: a node's forward passes are small
// (a prompt, then some hundreds of target tokens), and the search runs its
// own threads. With libtorch's default of every core, beam-8 decoding took
// 243 ms a prompt instead of 19.5 on the 2-core machine (OpenMP threads
// spinning against each other; train --eval, 100 held-out pairs).
void single_threaded_inference() {
  training_threads();
  torch::set_num_threads(1);
}

Expected<Proposer> load_proposer(const Library& library, const std::string& path, const NeuralProposerOptions& options) {
  single_threaded_inference();
  auto model = neural::load_model(path);
  if (!model) return model.error();
  auto source = std::make_shared<const NeuralSource>(
      LibraryAccess::data(library), std::make_shared<const neural::Model>(std::move(*model)), options);
  return Proposer(options.ranked ? "ranked" : options.combined ? "combined" : "neural", std::move(source));
}

Expected<TrainResult> train(const Library& library, const std::string& data, const TrainOptions& options,
                            const std::function<void(const std::string&)>& log) {
  auto vocab = neural::Vocab::load(library.data_dir() + "/models/vocab.txt");
  if (!vocab) return vocab.error();
  auto records = neural::read_dataset(data);
  if (!records) return records.error();
  neural::TrainOptions t;
  t.out = options.out;
  t.resume = options.resume;
  t.init = options.init;
  t.config.context = options.context;
  t.config.layers = options.layers;
  t.config.heads = options.heads;
  t.config.dim = options.dim;
  t.config.ff = options.ff;
  t.steps = options.steps;
  t.batch = options.batch;
  t.lr = options.lr;
  t.min_lr = options.min_lr;
  t.warmup = options.warmup;
  t.val_fraction = options.val_fraction;
  t.val_every = options.val_every;
  t.log_every = options.log_every;
  t.seed = options.seed;
  t.device = options.device;
  torch::set_num_threads(training_threads());
  auto result = neural::train(*records, *vocab, t, log);
  if (!result) return result.error();
  return *result;
}

std::string vocabulary(const Library& library) {
  return neural::Vocab::build(LibraryAccess::data(library)->catalogue).to_text();
}

Expected<EvaluationReport> evaluate(const Library& library, const std::string& model, const std::string& data,
                                    const EvaluateOptions& options, const std::function<void(int done)>& progress) {
  single_threaded_inference();
  auto loaded = neural::load_model(model);
  if (!loaded) return loaded.error();
  auto records = neural::read_dataset(data);
  if (!records) return records.error();
  std::vector<neural::Example> pairs;
  for (const neural::Record& r : *records) pairs.insert(pairs.end(), r.pairs.begin(), r.pairs.end());
  neural::EvalOptions eopt;
  eopt.beam = options.beam;
  eopt.limit = options.limit;
  eopt.seed = options.seed;
  eopt.rank_pool = options.rank_pool;
  const Library::Data& lib = *LibraryAccess::data(library);
  return neural::evaluate(*loaded, lib.catalogue, lib.rules, pairs, eopt, progress);
}

}  // namespace
}  // namespace pappus

extern "C" const pappus::api::NeuralPlugin* pappus_neural_plugin_v1() {
  using namespace pappus;
  static const api::NeuralPlugin plugin{api::kNeuralPluginAbi, version(), api::neural_plugin_layout(),
                                        load_proposer, train, vocabulary, evaluate};
  return &plugin;
}
