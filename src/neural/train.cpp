#include "neural/train.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>

#include "neural/tensor_file.hpp"
#include "util/json.hpp"

namespace pappus::neural {

namespace {

using Clock = std::chrono::steady_clock;

struct Sequence {
  std::vector<std::int64_t> ids;
  int target_start = 0;
};

// A padded batch: inputs [B, T], labels [B, T] (-100 where no loss).
std::pair<torch::Tensor, torch::Tensor> make_batch(const std::vector<const Sequence*>& seqs, torch::Device device,
                                                   std::int64_t& tokens) {
  std::size_t T = 0;
  for (const Sequence* s : seqs) T = std::max(T, s->ids.size() - 1);
  const auto B = static_cast<std::int64_t>(seqs.size());
  auto input = torch::full({B, static_cast<std::int64_t>(T)}, Vocab::kPadId, torch::kLong);
  auto label = torch::full({B, static_cast<std::int64_t>(T)}, -100, torch::kLong);
  auto in = input.accessor<std::int64_t, 2>();
  auto lab = label.accessor<std::int64_t, 2>();
  for (std::int64_t b = 0; b < B; ++b) {
    const auto& ids = seqs[b]->ids;
    for (std::size_t t = 0; t + 1 < ids.size(); ++t) {
      in[b][t] = ids[t];
      // Position t predicts token t + 1; only target tokens carry loss.
      if (static_cast<int>(t + 1) >= seqs[b]->target_start) lab[b][t] = ids[t + 1];
    }
    tokens += static_cast<std::int64_t>(ids.size() - 1);
  }
  return {input.to(device), label.to(device)};
}

torch::Tensor loss_of(Transformer& net, const torch::Tensor& input, const torch::Tensor& label) {
  auto logits = net->forward(input);  // [B, T, V]
  return torch::nn::functional::cross_entropy(
      logits.view({-1, logits.size(-1)}), label.view(-1),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
}

// AdamW with decoupled weight decay; its moments are saved in checkpoints.
struct AdamW {
  std::vector<torch::Tensor> params, m, v;
  std::vector<bool> decay;
  double beta1 = 0.9, beta2 = 0.95, eps = 1e-8;

  explicit AdamW(Transformer& net) {
    for (auto& p : net->parameters()) {
      params.push_back(p);
      m.push_back(torch::zeros_like(p));
      v.push_back(torch::zeros_like(p));
      decay.push_back(p.dim() >= 2);
    }
  }
  void step(int t, double lr, double weight_decay) {
    torch::NoGradGuard no_grad;
    const double c1 = 1 - std::pow(beta1, t), c2 = 1 - std::pow(beta2, t);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& g = params[i].grad();
      if (!g.defined()) continue;
      m[i].mul_(beta1).add_(g, 1 - beta1);
      v[i].mul_(beta2).addcmul_(g, g, 1 - beta2);
      if (decay[i]) params[i].mul_(1 - lr * weight_decay);
      params[i].addcdiv_(m[i] / c1, (v[i] / c2).sqrt_().add_(eps), -lr);
    }
  }
};

double learning_rate(const TrainOptions& o, int step) {
  if (step < o.warmup) return o.lr * (step + 1) / o.warmup;
  const double progress = std::min(1.0, double(step - o.warmup) / std::max(1, o.steps - o.warmup));
  return o.min_lr + 0.5 * (o.lr - o.min_lr) * (1 + std::cos(M_PI * progress));
}

double validate(Transformer& net, const std::vector<Sequence>& val, int batch, torch::Device device) {
  if (val.empty()) return 0;
  torch::NoGradGuard no_grad;
  net->eval();
  double sum = 0;
  std::int64_t count = 0;
  const std::size_t cap = std::min<std::size_t>(val.size(), 4096);  // validation stays cheap
  for (std::size_t i = 0; i < cap; i += batch) {
    std::vector<const Sequence*> seqs;
    for (std::size_t j = i; j < std::min(cap, i + batch); ++j) seqs.push_back(&val[j]);
    std::int64_t tokens = 0;
    auto [input, label] = make_batch(seqs, device, tokens);
    const auto n = (label != -100).sum().item<std::int64_t>();
    sum += loss_of(net, input, label).item<double>() * n;
    count += n;
  }
  net->train();
  return count ? sum / count : 0;
}

}  // namespace

Expected<TrainResult> train(const std::vector<Record>& data, const Vocab& vocab, const TrainOptions& options,
                            const std::function<void(const std::string&)>& log) {
  auto fail = [&](std::string message, std::string hint = "") {
    Error e;
    e.message = std::move(message);
    e.file = options.out;
    e.hint = std::move(hint);
    return e;
  };
  auto device = parse_device(options.device);
  if (!device) return device.error();
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  if (ec) return fail("cannot create the output directory: " + ec.message());
  const std::string checkpoint_path = (std::filesystem::path(options.out) / "checkpoint.safetensors").string();
  const std::string model_path = (std::filesystem::path(options.out) / "model.safetensors").string();

  // The model: fresh, or the one in the checkpoint with its configuration.
  torch::manual_seed(options.seed);
  ModelConfig config = options.config;
  config.vocab = vocab.size();
  if (auto why = config.invalid()) return fail("bad model configuration: " + *why);
  Model model{config, vocab, Transformer(config), *device};
  int start = 0;
  double best_val = 1e30;
  std::optional<TensorFile> resumed;
  if (options.resume && !options.init.empty())
    return fail("--init starts a new run and --resume continues one: give one of them");
  // A model read from a file replaces the fresh one, shape and all, when
  // its vocabulary is this one.
  auto adopt = [&](Expected<Model> m, const char* what, const char* option) -> std::optional<Error> {
    if (!m) return m.error();
    if (m->vocab.tokens() != vocab.tokens())
      return fail(fmt::format("{} was trained with another vocabulary", what),
                  fmt::format("start afresh without {}", option));
    config = m->config;
    model = std::move(*m);
    model.device = *device;
    return std::nullopt;
  };
  if (!options.init.empty()) {
    if (auto err = adopt(load_model(options.init, torch::kCPU), "the model of --init", "--init")) return *err;
    log(fmt::format("starting from the model {} ({} layers, width {}, context {})", options.init, config.layers,
                    config.dim, config.context));
  }
  if (options.resume) {
    auto file = read_tensor_file(checkpoint_path);
    if (!file) return file.error();
    if (auto err = adopt(model_from_file(*file, checkpoint_path, "model.", torch::kCPU), "the checkpoint", "--resume"))
      return *err;
    start = std::stoi(file->metadata["step"]);
    best_val = std::stod(file->metadata["best_val"]);
    resumed = std::move(*file);
    log(fmt::format("resuming from {} at step {}", checkpoint_path, start));
  }
  model.net->to(*device);
  model.net->train();
  AdamW adam(model.net);
  if (resumed) {
    std::map<std::string, torch::Tensor> t(resumed->tensors.begin(), resumed->tensors.end());
    const auto names = named_tensors(model.net);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto mi = t.find("adam_m." + names[i].first), vi = t.find("adam_v." + names[i].first);
      if (mi == t.end() || vi == t.end() || mi->second.sizes() != adam.m[i].sizes())
        return fail("the checkpoint lacks optimiser state for '" + names[i].first + "'");
      adam.m[i] = mi->second.to(*device);
      adam.v[i] = vi->second.to(*device);
    }
  }

  // The prompt format is the data's: version 2 when its prompts carry
  // derived facts, and the model reads as many as the longest list.
  int facts = 0;
  for (const Record& r : data)
    for (const Example& ex : r.pairs) facts = std::max(facts, prompt_fact_count(ex.prompt));
  if (facts != config.facts)
    log(fmt::format("prompt format version {}: {} derived facts after the goal at most", facts > 0 ? 2 : 1, facts));
  config.facts = model.config.facts = facts;

  // Encode, split by figure: the records of one figure share its premises
  // and mostly its auxiliary point, so a split by record would measure how
  // well the model remembers figures it trained on. A record without a
  // figure is a group of its own; data of a single figure splits by record.
  std::vector<std::vector<std::size_t>> groups;
  {
    std::map<std::int64_t, std::vector<std::size_t>> by_figure;
    for (std::size_t k = 0; k < data.size(); ++k) {
      if (data[k].figure >= 0) by_figure[data[k].figure].push_back(k);
      else groups.push_back({k});
    }
    if (groups.empty() && by_figure.size() == 1) by_figure.clear();
    for (auto& [figure, records] : by_figure) groups.push_back(std::move(records));
    if (groups.empty())
      for (std::size_t k = 0; k < data.size(); ++k) groups.push_back({k});
  }
  std::shuffle(groups.begin(), groups.end(), std::mt19937_64(options.seed));
  std::size_t n_val = static_cast<std::size_t>(std::llround(options.val_fraction * static_cast<double>(groups.size())));
  if (options.val_fraction > 0 && n_val == 0 && groups.size() >= 2) n_val = 1;
  std::vector<Sequence> train_set, val_set;
  TrainResult result;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t k : groups[g])
      for (const Example& ex : data[k].pairs) {
        EncodedPair e = encode_pair(ex.prompt, ex.target, vocab);
        if (static_cast<int>(e.ids.size()) > config.context) {
          ++result.skipped;
          continue;
        }
        (g < n_val ? val_set : train_set).push_back({std::move(e.ids), e.target_start});
      }
  result.train_examples = static_cast<int>(train_set.size());
  result.val_examples = static_cast<int>(val_set.size());
  if (train_set.empty()) return fail("no training examples (empty dataset, or every example longer than the context)");
  std::int64_t params = 0;
  for (const auto& p : model.net->parameters()) params += p.numel();
  log(fmt::format("{} training and {} validation examples ({} skipped: longer than context {}); {} parameters; "
                  "device {}",
                  train_set.size(), val_set.size(), result.skipped, config.context, params,
                  device->is_cuda() ? "cuda" : "cpu"));

  std::ofstream log_file((std::filesystem::path(options.out) / "train.log").string(), std::ios::app);
  auto say = [&](const std::string& line) {
    log(line);
    log_file << line << "\n" << std::flush;
  };
  if (!std::filesystem::exists(std::filesystem::path(options.out) / "vocab.txt")) {
    std::ofstream v((std::filesystem::path(options.out) / "vocab.txt").string());
    v << vocab.to_text();
  }
  auto save = [&](int step, double val) -> std::optional<Error> {
    TensorFile file;
    file.metadata = model_metadata(config, vocab);
    file.metadata["step"] = std::to_string(step);
    file.metadata["best_val"] = fmt::format("{:.17g}", best_val);
    for (auto& [name, t] : named_tensors(model.net, "model.")) file.tensors.emplace_back(name, t);
    const auto names = named_tensors(model.net);
    for (std::size_t i = 0; i < names.size(); ++i) file.tensors.emplace_back("adam_m." + names[i].first, adam.m[i]);
    for (std::size_t i = 0; i < names.size(); ++i) file.tensors.emplace_back("adam_v." + names[i].first, adam.v[i]);
    if (auto err = write_tensor_file(checkpoint_path, file)) return err;
    if (val_set.empty() || val <= best_val) return save_model(model_path, model);
    return std::nullopt;
  };

  // Data order: a fresh seeded permutation per epoch, a function of the
  // step alone, so that a resumed run sees the same batches.
  const std::size_t n = train_set.size();
  std::int64_t epoch_of_perm = -1;
  std::vector<std::size_t> perm(n);
  auto sample_at = [&](std::int64_t q) {
    const std::int64_t epoch = q / static_cast<std::int64_t>(n);
    if (epoch != epoch_of_perm) {
      std::iota(perm.begin(), perm.end(), 0);
      std::shuffle(perm.begin(), perm.end(), std::mt19937_64(options.seed * 1000003u + epoch));
      epoch_of_perm = epoch;
    }
    return &train_set[perm[q % n]];
  };

  const auto t0 = Clock::now();
  auto interval = Clock::now();
  std::int64_t tokens_all = 0, tokens_interval = 0;
  double loss_sum = 0;
  int loss_count = 0;
  for (int step = start; step < options.steps; ++step) {
    std::vector<const Sequence*> seqs;
    for (int i = 0; i < options.batch; ++i) seqs.push_back(sample_at(static_cast<std::int64_t>(step) * options.batch + i));
    std::int64_t tokens = 0;
    auto [input, label] = make_batch(seqs, *device, tokens);
    tokens_all += tokens;
    tokens_interval += tokens;
    const double lr = learning_rate(options, step);
    for (auto& p : model.net->parameters()) p.mutable_grad() = torch::Tensor();
    auto loss = loss_of(model.net, input, label);
    loss.backward();
    torch::nn::utils::clip_grad_norm_(model.net->parameters(), options.clip);
    adam.step(step + 1, lr, options.weight_decay);
    loss_sum += loss.item<double>();
    ++loss_count;
    const int done = step + 1;
    if (done % options.log_every == 0 || done == options.steps) {
      const double secs = std::chrono::duration<double>(Clock::now() - interval).count();
      result.train_loss = loss_sum / loss_count;
      say(fmt::format("step {:>6}/{}  loss {:.4f}  lr {:.2e}  {:.0f} tokens/s", done, options.steps, result.train_loss,
                      lr, tokens_interval / std::max(secs, 1e-9)));
      interval = Clock::now();
      tokens_interval = 0;
      loss_sum = 0;
      loss_count = 0;
    }
    if (done % options.val_every == 0 || done == options.steps) {
      result.val_loss = validate(model.net, val_set, options.batch, *device);
      const bool better = !val_set.empty() && result.val_loss < best_val;
      if (better) best_val = result.val_loss;
      if (auto err = save(done, result.val_loss)) return *err;
      say(fmt::format("step {:>6}/{}  validation loss {:.4f}{}  checkpoint saved", done, options.steps,
                      result.val_loss, better ? " (best)" : ""));
    }
  }
  result.steps = options.steps;
  result.best_val = val_set.empty() ? 0 : best_val;
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  result.tokens_per_s = tokens_all / std::max(secs, 1e-9);
  if (start >= options.steps) {
    if (auto err = save(start, result.val_loss)) return *err;
  }
  return result;
}

}  // namespace pappus::neural
