// pappus train: trains the proposer model on a dataset (--data), or
// evaluates one on held-out pairs (--eval), or prints the vocabulary.
#include <fmt/core.h>

#include "cli.hpp"
#include "dsl/catalogue.hpp"

#ifdef PAPPUS_HAVE_TORCH
#include <chrono>

#include "engine/rulebook.hpp"
#include "neural/evaluate.hpp"
#include "neural/train.hpp"
#endif

namespace pappus::cli {

#ifdef PAPPUS_HAVE_TORCH
namespace {

int print_vocab() {
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  fmt::print("{}", neural::Vocab::build(*catalogue).to_text());
  return kExitOk;
}

int evaluate(const CliOptions& options) {
  auto catalogue = dsl::load_default_catalogue();
  if (!catalogue) return print_error(catalogue.error()), kExitFailure;
  auto rules = engine::load_default_rules();
  if (!rules) return print_error(rules.error()), kExitFailure;
  auto model = neural::load_model(options.model.empty() ? default_model_path() : options.model);
  if (!model) return print_error(model.error()), kExitFailure;
  auto data = neural::read_dataset(options.eval);
  if (!data) return print_error(data.error()), kExitFailure;
  std::vector<neural::Example> pairs;
  for (const auto& r : *data) pairs.insert(pairs.end(), r.pairs.begin(), r.pairs.end());
  neural::EvalOptions eopt;
  eopt.beam = options.decode_beam;
  eopt.limit = options.limit;
  eopt.seed = options.seed;
  const auto report = neural::evaluate(*model, *catalogue, *rules, pairs, eopt, [](int done) {
    if (done % 100 == 0) fmt::print(stderr, "\r{} pairs", done);
  });
  fmt::print(stderr, "\r{:<20}\r", "");
  auto pct = [](int k, int n) { return n ? 100.0 * k / n : 0.0; };
  fmt::print("held-out pairs: {} (from {})\n", report.pairs, options.eval);
  fmt::print("{:<10} {:>7} {:>7} {:>7} {:>8} {:>8}\n", "proposer", "pairs", "top-1", "top-8", "point@1", "point@8");
  fmt::print("{:<10} {:>7} {:>6.1f}% {:>6.1f}% {:>7.1f}% {:>7.1f}%\n", "neural", report.pairs,
             pct(report.neural_top1, report.pairs), pct(report.neural_top8, report.pairs),
             pct(report.neural_same1, report.figure_pairs), pct(report.neural_same8, report.figure_pairs));
  fmt::print("{:<10} {:>7} {:>6.1f}% {:>6.1f}% {:>7.1f}% {:>7.1f}%\n", "heuristic", report.figure_pairs,
             pct(report.heuristic_top1, report.figure_pairs), pct(report.heuristic_top8, report.figure_pairs),
             pct(report.heuristic_same1, report.figure_pairs), pct(report.heuristic_same8, report.figure_pairs));
  fmt::print("top-k: the target clause exactly (canonical names); point@k: a clause that builds the target's point\n");
  fmt::print("decoding: beam {}, {:.1f} ms per prompt, {:.1f} prompts/s, {:.0f} proposals/s\n", options.decode_beam,
             report.pairs ? 1000 * report.decode_seconds / report.pairs : 0.0,
             report.decode_seconds > 0 ? report.pairs / report.decode_seconds : 0.0,
             report.decode_seconds > 0 ? report.candidates / report.decode_seconds : 0.0);
  return kExitOk;
}

}  // namespace

int run_train(const CliOptions& options) {
  if (options.print_vocab) return print_vocab();
  if (!options.eval.empty()) return evaluate(options);
  if (options.data.empty() || options.out.empty())
    return usage_error("train", "give --data FILE.jsonl and --out DIR (or --eval FILE.jsonl --model DIR)");
  auto vocab = neural::Vocab::load(dsl::data_dir() + "/models/vocab.txt");
  if (!vocab) return print_error(vocab.error()), kExitFailure;
  auto data = neural::read_dataset(options.data);
  if (!data) return print_error(data.error()), kExitFailure;
  neural::TrainOptions t;
  t.out = options.out;
  t.resume = options.resume;
  t.config.layers = options.layers;
  t.config.heads = options.heads;
  t.config.dim = options.dim;
  t.config.ff = 4 * options.dim;
  t.config.context = options.context;
  t.steps = options.steps;
  t.batch = std::max(1, options.batch);
  t.lr = options.lr;
  t.min_lr = options.lr / 10;
  t.warmup = std::min(options.warmup, std::max(1, options.steps / 10));
  t.warmup = std::max(1, t.warmup);
  t.val_fraction = options.val_fraction;
  t.val_every = std::max(1, options.val_every);
  t.log_every = std::max(1, std::min(20, options.val_every));
  t.seed = options.seed;
  t.device = options.device;
  auto result = neural::train(*data, *vocab, t, [](const std::string& line) {
    fmt::print("{}\n", line);
    std::fflush(stdout);
  });
  if (!result) return print_error(result.error()), kExitFailure;
  fmt::print("trained {} steps: train loss {:.4f}, validation loss {:.4f} (best {:.4f}), {:.0f} tokens/s; model in {}/model.safetensors\n",
             result->steps, result->train_loss, result->val_loss, result->best_val, result->tokens_per_s, options.out);
  return kExitOk;
}

#else

int run_train(const CliOptions&) {
  Error e;
  e.message = "'pappus train' needs libtorch, and this pappus was built without it";
  e.hint = "install libtorch-dev (tools/setup.sh) and rebuild";
  print_error(e);
  return kExitFailure;
}

#endif

}  // namespace pappus::cli
