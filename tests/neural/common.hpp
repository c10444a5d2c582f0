// Shared by the neural tests: the catalogue, the fixture dataset, a tiny
// untrained model.
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

}  // namespace pappus::neural::test
