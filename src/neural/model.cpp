#include "neural/model.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "util/json.hpp"

namespace pappus::neural {

std::string ModelConfig::to_json() const {
  util::Json json = {{"vocab", vocab}, {"context", context}, {"layers", layers}, {"heads", heads},
                     {"dim", dim},     {"ff", ff},           {"dropout", dropout}};
  // Models of prompt format version 1 keep the configuration they had.
  if (facts > 0) json["facts"] = facts;
  return util::dump_json(json);
}

Expected<ModelConfig> ModelConfig::from_json(const std::string& text, const std::string& file) {
  auto json = util::parse_json(text, file);
  if (!json) {
    Error e = json.error();
    e.message = "the model configuration is " + e.message;
    return e;
  }
  ModelConfig c;
  const std::pair<const char*, int*> ints[] = {{"vocab", &c.vocab}, {"context", &c.context}, {"layers", &c.layers},
                                               {"heads", &c.heads}, {"dim", &c.dim},         {"ff", &c.ff}};
  for (const auto& [key, field] : ints) {
    const auto v = json->find(key);  // end() when not an object
    if (v == json->end() || !v->is_number()) {
      Error e;
      e.message = std::string("model configuration lacks '") + key + "'";
      e.file = file;
      return e;
    }
    *field = static_cast<int>(std::clamp(v->get<double>(), -1.0, 1e9));
  }
  if (const auto d = json->find("dropout"); d != json->end() && d->is_number()) c.dropout = d->get<double>();
  if (const auto f = json->find("facts"); f != json->end() && f->is_number_integer())
    c.facts = static_cast<int>(std::clamp<std::int64_t>(f->get<std::int64_t>(), -1, 1000));
  if (auto why = c.invalid()) {
    Error e;
    e.message = "bad model configuration: " + *why;
    e.file = file;
    return e;
  }
  return c;
}

std::optional<std::string> ModelConfig::invalid() const {
  if (vocab < 8) return "vocab must be at least 8";
  if (context < 8 || context > 8192) return "context must be between 8 and 8192";
  if (layers < 1 || layers > 64) return "layers must be between 1 and 64";
  if (heads < 1 || dim < heads || dim % heads != 0) return "dim must be a positive multiple of heads";
  if (dim > 4096 || ff < 1 || ff > 16384) return "dim or ff too large";
  if (dropout < 0 || dropout >= 1) return "dropout must be in [0, 1)";
  if (facts < 0 || facts > 256) return "facts must be between 0 and 256";
  return std::nullopt;
}

void KvCache::select(const torch::Tensor& index) {
  for (auto& t : k) t = t.index_select(0, index);
  for (auto& t : v) t = t.index_select(0, index);
}

BlockImpl::BlockImpl(const ModelConfig& c) : heads_(c.heads), dropout_(c.dropout) {
  ln1_ = register_module("ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
  qkv_ = register_module("qkv", torch::nn::Linear(c.dim, 3 * c.dim));
  proj_ = register_module("proj", torch::nn::Linear(c.dim, c.dim));
  ln2_ = register_module("ln2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
  fc_ = register_module("fc", torch::nn::Linear(c.dim, c.ff));
  out_ = register_module("out", torch::nn::Linear(c.ff, c.dim));
}

torch::Tensor BlockImpl::forward(torch::Tensor x, torch::Tensor* k_cache, torch::Tensor* v_cache) {
  const std::int64_t B = x.size(0), T = x.size(1), C = x.size(2), H = heads_, D = C / heads_;
  // Attention on the normalised input.
  auto qkv = qkv_(ln1_(x)).chunk(3, -1);                           // 3 x [B, T, C]
  auto q = qkv[0].view({B, T, H, D}).transpose(1, 2);              // [B, H, T, D]
  auto k = qkv[1].view({B, T, H, D}).transpose(1, 2);              // [B, H, T, D]
  auto v = qkv[2].view({B, T, H, D}).transpose(1, 2);              // [B, H, T, D]
  if (k_cache) {
    if (k_cache->defined()) {
      k = torch::cat({*k_cache, k}, 2);                            // [B, H, S, D], S = past + T
      v = torch::cat({*v_cache, v}, 2);
    }
    *k_cache = k;
    *v_cache = v;
  }
  const auto S = k.size(2);
  auto att = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(D));  // [B, H, T, S]
  // Query i (position S - T + i) sees keys 0 .. S - T + i.
  auto mask = torch::ones({T, S}, torch::TensorOptions().dtype(torch::kBool).device(x.device())).triu(S - T + 1);
  att = att.masked_fill(mask, -std::numeric_limits<float>::infinity()).softmax(-1);
  att = torch::dropout(att, dropout_, is_training());
  auto y = torch::matmul(att, v).transpose(1, 2).contiguous().view({B, T, C});  // [B, T, C]
  x = x + torch::dropout(proj_(y), dropout_, is_training());
  // MLP on the normalised result.
  x = x + torch::dropout(out_(torch::gelu(fc_(ln2_(x)))), dropout_, is_training());  // [B, T, C]
  return x;
}

TransformerImpl::TransformerImpl(const ModelConfig& c) : config_(c) {
  wte_ = register_module("wte", torch::nn::Embedding(c.vocab, c.dim));
  wpe_ = register_module("wpe", torch::nn::Embedding(c.context, c.dim));
  blocks_ = register_module("blocks", torch::nn::ModuleList());
  for (int i = 0; i < c.layers; ++i) blocks_->push_back(Block(c));
  ln_f_ = register_module("ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dim})));
  head_ = register_module("head", torch::nn::Linear(torch::nn::LinearOptions(c.dim, c.vocab).bias(false)));
  // Small initial weights (GPT-2 style); residual projections scaled by depth.
  torch::NoGradGuard no_grad;
  for (auto& p : named_parameters()) {
    const std::string& name = p.key();
    if (name.ends_with(".bias")) {
      p.value().zero_();
    } else if (name.find("ln") != std::string::npos) {
      p.value().fill_(1.0);
    } else {
      const bool residual = name.ends_with("proj.weight") || name.ends_with("out.weight");
      p.value().normal_(0.0, residual ? 0.02 / std::sqrt(2.0 * c.layers) : 0.02);
    }
  }
}

torch::Tensor TransformerImpl::forward(const torch::Tensor& tokens, KvCache* cache) {
  const auto T = tokens.size(1);
  const std::int64_t past = cache ? cache->length() : 0;
  TORCH_CHECK(past + T <= config_.context, "sequence longer than the model's context");
  auto pos = torch::arange(past, past + T, torch::TensorOptions().dtype(torch::kLong).device(tokens.device()));
  auto x = wte_(tokens) + wpe_(pos).unsqueeze(0);  // [B, T, C]
  x = torch::dropout(x, config_.dropout, is_training());
  if (cache && cache->k.empty()) {
    cache->k.resize(config_.layers);
    cache->v.resize(config_.layers);
  }
  for (int i = 0; i < config_.layers; ++i)
    x = blocks_[i]->as<Block>()->forward(x, cache ? &cache->k[i] : nullptr, cache ? &cache->v[i] : nullptr);
  return head_(ln_f_(x));  // [B, T, vocab]
}

Expected<torch::Device> parse_device(const std::string& name) {
  if (name == "cpu") return torch::Device(torch::kCPU);
  if (name == "cuda" || name == "auto") {
    if (torch::cuda::is_available()) return torch::Device(torch::kCUDA);
    if (name == "auto") return torch::Device(torch::kCPU);
    Error e;
    e.message = "CUDA is not available in this libtorch build or on this machine";
    e.hint = "use --device cpu or --device auto";
    return e;
  }
  Error e;
  e.message = "unknown device '" + name + "'";
  e.hint = "use cpu, cuda or auto";
  return e;
}

std::vector<std::pair<std::string, torch::Tensor>> named_tensors(const Transformer& net, const std::string& prefix) {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& p : net->named_parameters()) out.emplace_back(prefix + p.key(), p.value());
  return out;
}

std::optional<Error> assign_tensors(Transformer& net, const std::map<std::string, torch::Tensor>& tensors,
                                    const std::string& prefix, const std::string& file) {
  auto fail = [&](std::string message) {
    Error e;
    e.message = std::move(message);
    e.file = file;
    e.hint = "the file does not belong to this model configuration; retrain or use a matching file";
    return e;
  };
  torch::NoGradGuard no_grad;
  std::size_t used = 0;
  for (auto& p : net->named_parameters()) {
    const auto it = tensors.find(prefix + p.key());
    if (it == tensors.end()) return fail("model file lacks tensor '" + prefix + p.key() + "'");
    if (it->second.sizes() != p.value().sizes())
      return fail("tensor '" + prefix + p.key() + "' has shape " + c10::str(it->second.sizes()) + ", expected " +
                  c10::str(p.value().sizes()));
    p.value().copy_(it->second);
    ++used;
  }
  std::size_t with_prefix = 0;
  for (const auto& [name, t] : tensors) with_prefix += name.starts_with(prefix) ? 1 : 0;
  if (with_prefix != used) return fail("model file holds tensors this model does not have");
  return std::nullopt;
}

std::map<std::string, std::string> model_metadata(const ModelConfig& config, const Vocab& vocab) {
  return {{"format", kModelFormat},
          {"version", std::to_string(kModelVersion)},
          {"config", config.to_json()},
          {"vocab", vocab.to_text()}};
}

std::optional<Error> save_model(const std::string& path, const Model& model) {
  TensorFile file;
  file.metadata = model_metadata(model.config, model.vocab);
  file.tensors = named_tensors(model.net);
  return write_tensor_file(path, file);
}

Expected<Model> model_from_file(const TensorFile& file, const std::string& path, const std::string& prefix,
                                torch::Device device) {
  auto fail = [&](std::string message, std::string hint = "") {
    Error e;
    e.message = std::move(message);
    e.file = path;
    e.hint = std::move(hint);
    return e;
  };
  const auto get = [&](const char* key) -> const std::string* {
    const auto it = file.metadata.find(key);
    return it == file.metadata.end() ? nullptr : &it->second;
  };
  const std::string* format = get("format");
  if (!format || *format != kModelFormat)
    return fail("not a pappus proposer model (metadata 'format' is " + (format ? "'" + *format + "'" : "missing") +
                ")");
  const std::string* version = get("version");
  if (!version || *version != std::to_string(kModelVersion))
    return fail("model file version " + (version ? *version : "missing") + "; this pappus reads version " +
                    std::to_string(kModelVersion),
                "retrain the model with this pappus");
  const std::string* config = get("config");
  const std::string* vocab = get("vocab");
  if (!config || !vocab) return fail("model file lacks its configuration or vocabulary");
  auto c = ModelConfig::from_json(*config, path);
  if (!c) return c.error();
  auto v = Vocab::parse(*vocab, path + " (vocabulary)");
  if (!v) return v.error();
  if (v->size() != c->vocab)
    return fail("the vocabulary has " + std::to_string(v->size()) + " tokens but the configuration says " +
                std::to_string(c->vocab));
  Model m{*c, std::move(*v), Transformer(*c), device};
  std::map<std::string, torch::Tensor> tensors(file.tensors.begin(), file.tensors.end());
  if (auto err = assign_tensors(m.net, tensors, prefix, path)) return *err;
  m.net->to(device);
  m.net->eval();
  return m;
}

Expected<Model> load_model(const std::string& path, torch::Device device) {
  std::string file = path;
  if (std::filesystem::is_directory(path)) file = (std::filesystem::path(path) / "model.safetensors").string();
  auto tf = read_tensor_file(file);
  if (!tf) return tf.error();
  return model_from_file(*tf, file, "", device);
}

}  // namespace pappus::neural
