// pappus train: trains the proposer model on a dataset (--data), or
// evaluates one on held-out pairs (--eval), or prints the vocabulary.
// All three need the neural plugin (libtorch); without it they print the
// library's error.
#include <fmt/core.h>

#include <algorithm>

#include <pappus/neural.hpp>

#include "cli.hpp"

namespace pappus::cli {
namespace {

int print_vocab() {
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  const auto vocabulary = proposer_vocabulary(*library);
  if (!vocabulary) return print_error(vocabulary.error()), kExitFailure;
  fmt::print("{}", *vocabulary);
  return kExitOk;
}

int evaluate(const CliOptions& options) {
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  EvaluateOptions eopt;
  eopt.beam = options.decode_beam;
  eopt.limit = options.limit;
  eopt.seed = options.seed;
  eopt.rank_pool = options.rank_pool;
  const auto evaluated = evaluate_proposer(*library, options.model, options.eval, eopt, [](int done) {
    if (done % 100 == 0) fmt::print(stderr, "\r{} pairs", done);
  });
  if (!evaluated) return print_error(evaluated.error()), kExitFailure;
  const EvaluationReport& report = *evaluated;
  fmt::print(stderr, "\r{:<20}\r", "");
  auto pct = [](int k, int n) { return n ? 100.0 * k / n : 0.0; };
  fmt::print("held-out pairs: {} (from {})\n", report.pairs, options.eval);
  fmt::print("{:<11} {:>7} {:>7} {:>7} {:>8} {:>8}\n", "proposer", "pairs", "top-1", "top-8", "point@1", "point@8");
  fmt::print("{:<11} {:>7} {:>6.1f}% {:>6.1f}% {:>7.1f}% {:>7.1f}%\n", "neural", report.pairs,
             pct(report.neural_top1, report.pairs), pct(report.neural_top8, report.pairs),
             pct(report.neural_same1, report.figure_pairs), pct(report.neural_same8, report.figure_pairs));
  auto row = [&](const char* name, const ProposerHits& h) {
    fmt::print("{:<11} {:>7} {:>6.1f}% {:>6.1f}% {:>7.1f}% {:>7.1f}%\n", name, report.figure_pairs,
               pct(h.top1, report.figure_pairs), pct(h.top8, report.figure_pairs), pct(h.same1, report.figure_pairs),
               pct(h.same8, report.figure_pairs));
  };
  row("heuristic", ProposerHits{report.heuristic_top1, report.heuristic_top8, report.heuristic_same1,
                                report.heuristic_same8});
  row("ranked", report.ranked);
  row("ranked/tok", report.ranked_per_token);
  row("ranked/heur", report.ranked_heuristic);
  fmt::print("top-k: the target clause exactly (canonical names); point@k: a clause that builds the target's point;\n"
             "ranked: the heuristic's first {} candidates and the model's beam ordered by the model's log-likelihood\n"
             "(ranked/tok: per token; ranked/heur: the heuristic's candidates alone)\n",
             options.rank_pool);
  fmt::print("\nby the target's construction (top-1 / top-8 / point@8, %):\n");
  fmt::print("{:<16} {:>6} {:>6}  {:<18} {:<18} {:<18}\n", "construction", "pairs", "figure", "neural", "heuristic",
             "ranked");
  auto cell = [&](const ProposerHits& h, int top_n, int same_n) {
    return fmt::format("{:>5.1f} {:>5.1f} {:>5.1f}", pct(h.top1, top_n), pct(h.top8, top_n), pct(h.same8, same_n));
  };
  for (const KindAccuracy& k : report.kinds)
    fmt::print("{:<16} {:>6} {:>6}  {:<18} {:<18} {:<18}\n", k.kind, k.pairs, k.figure_pairs,
               cell(k.neural, k.pairs, k.figure_pairs), cell(k.heuristic, k.figure_pairs, k.figure_pairs),
               cell(k.ranked, k.figure_pairs, k.figure_pairs));
  fmt::print("ranking: {:.1f} ms per prompt\n", report.figure_pairs ? 1000 * report.rank_seconds / report.figure_pairs : 0.0);
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
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  TrainOptions t;
  t.out = options.out;
  t.resume = options.resume;
  t.init = options.init;
  t.layers = options.layers;
  t.heads = options.heads;
  t.dim = options.dim;
  t.ff = 4 * options.dim;
  t.context = options.context;
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
  auto result = train_proposer(*library, options.data, t, [](const std::string& line) {
    fmt::print("{}\n", line);
    std::fflush(stdout);
  });
  if (!result) return print_error(result.error()), kExitFailure;
  fmt::print("trained {} steps: train loss {:.4f}, validation loss {:.4f} (best {:.4f}), {:.0f} tokens/s; model in {}/model.safetensors\n",
             result->steps, result->train_loss, result->val_loss, result->best_val, result->tokens_per_s, options.out);
  return kExitOk;
}

}  // namespace pappus::cli
