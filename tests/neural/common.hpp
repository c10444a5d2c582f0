// Shared by the neural tests: the catalogue, the fixture dataset, a tiny
// untrained model and the options that train one.
#pragma once

#include <string>
#include <vector>

#include "dsl/catalogue.hpp"
#include "neural/model.hpp"
#include "neural/train.hpp"

namespace pappus::neural::test {

inline const dsl::Catalogue& catalogue() {
  static const dsl::Catalogue c = dsl::load_default_catalogue().value();
  return c;
}

inline const std::vector<Record>& fixture() {
  static const std::vector<Record> r = read_dataset(PAPPUS_TEST_DATA_DIR "/proposer_fixture.jsonl").value();
  return r;
}

// Every training pair of the fixture, in record order.
inline std::vector<Example> fixture_pairs() {
  std::vector<Example> pairs;
  for (const Record& r : fixture()) pairs.insert(pairs.end(), r.pairs.begin(), r.pairs.end());
  return pairs;
}

inline ModelConfig tiny_config(const Vocab& vocab) {
  ModelConfig c;
  c.vocab = vocab.size();
  c.context = 256;
  c.layers = 2;
  c.heads = 2;
  c.dim = 32;
  c.ff = 64;
  return c;
}

inline Model tiny_model(unsigned seed = 1) {
  torch::manual_seed(seed);
  Vocab vocab = Vocab::build(catalogue());
  const ModelConfig c = tiny_config(vocab);
  Model m{c, std::move(vocab), Transformer(c), torch::kCPU};
  m.net->eval();
  return m;
}

// Training a tiny model on the fixture for `steps` steps (a few seconds), into `out`.
inline neural::TrainOptions tiny_options(const std::string& out, int steps) {
  const Vocab vocab = Vocab::build(catalogue());
  neural::TrainOptions o;
  o.out = out;
  o.config = tiny_config(vocab);
  o.steps = steps;
  o.batch = 8;
  o.lr = 3e-3;
  o.min_lr = 3e-4;
  o.warmup = 5;
  o.val_fraction = 0.1;
  o.val_every = 20;
  o.log_every = 5;
  o.device = "cpu";
  return o;
}

}  // namespace pappus::neural::test
