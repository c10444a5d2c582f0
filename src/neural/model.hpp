// The proposer model: a small decoder-only transformer (pre-norm blocks,
// causal self-attention, learned positions), its configuration, and model
// files (a tensor file whose metadata holds the configuration and the
// vocabulary, so that a file rebuilds its own model).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "neural/tensor_file.hpp"
#include "neural/tokenizer.hpp"
#include "pappus/error.hpp"

namespace pappus::neural {

inline constexpr const char* kModelFormat = "pappus-proposer";
inline constexpr int kModelVersion = 1;

struct ModelConfig {
  int vocab = 0;         // tokens in the vocabulary
  int context = 512;     // longest sequence (positions)
  int layers = 4;        // transformer blocks
  int heads = 4;         // attention heads per block
  int dim = 256;         // embedding width; a multiple of heads
  int ff = 1024;         // hidden width of each block's MLP
  double dropout = 0.0;  // during training only
  int facts = 0;         // derived facts after the goal in its prompts, at most (prompt format version 2
                         // when > 0: "premises ? goal | fact; fact"; 0: version 1, which has no key)

  std::string to_json() const;
  static Expected<ModelConfig> from_json(const std::string& text, const std::string& file);
  // Why this configuration cannot build a model, if it cannot.
  std::optional<std::string> invalid() const;
};

// Keys and values seen so far, one pair per block: [batch, heads, time, dim/heads].
struct KvCache {
  std::vector<torch::Tensor> k, v;
  std::int64_t length() const { return k.empty() ? 0 : k[0].size(2); }
  // Keeps the rows `index` ([new batch], int64), for beam search.
  void select(const torch::Tensor& index);
};

class BlockImpl : public torch::nn::Module {
 public:
  explicit BlockImpl(const ModelConfig& c);
  // x [B, T, C] -> [B, T, C]; with a cache, the T positions follow its
  // contents and are appended to it.
  torch::Tensor forward(torch::Tensor x, torch::Tensor* k_cache, torch::Tensor* v_cache);

 private:
  int heads_;
  double dropout_;
  torch::nn::LayerNorm ln1_{nullptr}, ln2_{nullptr};
  torch::nn::Linear qkv_{nullptr}, proj_{nullptr}, fc_{nullptr}, out_{nullptr};
};
TORCH_MODULE(Block);

class TransformerImpl : public torch::nn::Module {
 public:
  explicit TransformerImpl(const ModelConfig& c);
  // tokens [B, T] (int64) -> logits [B, T, vocab]. With a cache the tokens
  // continue the cached sequence and are appended to it.
  torch::Tensor forward(const torch::Tensor& tokens, KvCache* cache = nullptr);
  const ModelConfig& config() const { return config_; }

 private:
  ModelConfig config_;
  torch::nn::Embedding wte_{nullptr}, wpe_{nullptr};
  torch::nn::ModuleList blocks_{nullptr};
  torch::nn::LayerNorm ln_f_{nullptr};
  torch::nn::Linear head_{nullptr};
};
TORCH_MODULE(Transformer);

// A model with its vocabulary, ready to decode.
struct Model {
  ModelConfig config;
  Vocab vocab;
  Transformer net{nullptr};
  torch::Device device{torch::kCPU};
};

// The device named by "cpu", "cuda" or "auto" (CUDA when available).
Expected<torch::Device> parse_device(const std::string& name);

// The model's parameters as named tensors, under `prefix`.
std::vector<std::pair<std::string, torch::Tensor>> named_tensors(const Transformer& net, const std::string& prefix = "");
// Copies tensors named like named_tensors() into the model; a missing,
// extra or differently shaped tensor is an error.
std::optional<Error> assign_tensors(Transformer& net, const std::map<std::string, torch::Tensor>& tensors,
                                    const std::string& prefix, const std::string& file);

// Model file metadata: format, version, configuration, vocabulary.
std::map<std::string, std::string> model_metadata(const ModelConfig& config, const Vocab& vocab);
std::optional<Error> save_model(const std::string& path, const Model& model);
// Reads a model file, or a directory holding model.safetensors. Every
// problem (missing, truncated, another format or version, tensors that do
// not fit the configuration) is an error naming the file.
Expected<Model> load_model(const std::string& path, torch::Device device = torch::kCPU);
// The model inside a tensor file already read (model or training checkpoint).
Expected<Model> model_from_file(const TensorFile& file, const std::string& path, const std::string& prefix,
                                torch::Device device);

}  // namespace pappus::neural
