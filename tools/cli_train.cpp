// pappus train: trains the proposer model on a dataset (--data), or
// evaluates one on held-out pairs (--eval), or prints the vocabulary.
// All three need the neural plugin (libtorch); without it they print the
// library's error.
#include <fmt/core.h>

#include <algorithm>
#include <fstream>

#include <pappus/neural.hpp>
#include <pappus/ranking.hpp>

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

RankingOptions ranking_options(const CliOptions& options) {
  RankingOptions r;
  r.limit = options.limit;
  r.epochs = options.epochs;
  r.checked = options.ranker_check;
  r.hidden = options.ranker_hidden;
  r.groups = options.ranker_groups;
  r.threads = options.threads;
  r.seed = options.seed;
  r.val_fraction = options.val_fraction;
  return r;
}

void print_pairs_done(int done, int total) {
  if (done % 50 == 0 || done == total) fmt::print(stderr, "\r{} of {} pairs", done, total);
}

// train --data FILE --ranker-out FILE: the learned ranking.
int train_ranking_command(const CliOptions& options) {
  if (options.data.empty()) return usage_error("train", "--ranker-out needs --data FILE.jsonl");
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  const auto weights = train_ranking(
      *library, options.data, ranking_options(options),
      [](const std::string& line) {
        fmt::print(stderr, "\r{:<30}\r", "");
        fmt::print("{}\n", line);
        std::fflush(stdout);
      },
      print_pairs_done);
  if (!weights) return print_error(weights.error()), kExitFailure;
  std::ofstream out(options.ranker_out);
  if (!(out << *weights)) {
    Error e;
    e.message = "cannot write the ranking's weights";
    e.file = options.ranker_out;
    return print_error(e), kExitFailure;
  }
  fmt::print("wrote {}\n", options.ranker_out);
  return kExitOk;
}

// train --eval FILE --ranker FILE: the learned ranking against the hand-tuned one.
int evaluate_ranking_command(const CliOptions& options) {
  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  const auto report = evaluate_ranking(*library, options.ranker, options.eval, ranking_options(options), print_pairs_done);
  if (!report) return print_error(report.error()), kExitFailure;
  fmt::print(stderr, "\r{:<30}\r", "");
  const int n = report->figure_pairs;
  auto pct = [n](int k) { return n ? 100.0 * k / n : 0.0; };
  fmt::print("held-out pairs: {} (from {}), {} placed on their figure\n", report->pairs, options.eval, n);
  fmt::print("{:<12} {:>7} {:>7} {:>8} {:>8} {:>9} {:>9} {:>12}\n", "ranking", "top-1", "top-8", "point@1", "point@8",
             "proves@1", "proves@8", "ms per node");
  auto row = [&](const char* name, const RankingHits& h, double seconds) {
    fmt::print("{:<12} {:>6.1f}% {:>6.1f}% {:>7.1f}% {:>7.1f}% {:>8.1f}% {:>8.1f}% {:>12.1f}\n", name, pct(h.exact1),
               pct(h.exact8), pct(h.same1), pct(h.same8), pct(h.proves1), pct(h.proves8), n ? 1000 * seconds / n : 0.0);
  };
  row("hand-tuned", report->hand, report->hand_seconds);
  row("learned", report->learned, report->learned_seconds);
  row("fused", report->fused, report->learned_seconds);
  fmt::print("any rank: {:.1f}% of the pairs have a candidate that builds the target's point\n",
             pct(report->pool_same));
  fmt::print("the target clause itself proves the goal in {:.1f}% (the others need more points)\n",
             pct(report->target_proves));
  fmt::print("top-k: the target clause first / among the first 8 candidates; point@k: a candidate that builds its point;\n"
             "proves@k: a candidate with which DDAR proves the goal;\n"
             "fused: the learned and hand-tuned orders in turn (the learned proposer's; ms per node: both orders)\n");
  auto shares = [&](const char* title, const std::vector<RankingShare>& list) {
    fmt::print("\nby {} (top-1 / point@8 / proves@1, %):\n", title);
    fmt::print("{:<18} {:>6}  {:<18} {:<18} {:<18}\n", "", "pairs", "hand-tuned", "learned", "fused");
    auto cell = [](const RankingHits& h, int n) {
      auto p = [n](int k) { return n ? 100.0 * k / n : 0.0; };
      return fmt::format("{:>5.1f} {:>5.1f} {:>5.1f}", p(h.exact1), p(h.same8), p(h.proves1));
    };
    for (const RankingShare& s : list)
      fmt::print("{:<18} {:>6}  {:<18} {:<18} {:<18}\n", s.name, s.pairs, cell(s.hand, s.pairs),
                 cell(s.learned, s.pairs), cell(s.fused, s.pairs));
  };
  shares("the target's construction", report->kinds);
  shares("the goal's predicate", report->goals);
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
  fmt::print("{:<11} {:>7} {:>7} {:>6.1f}% {:>7} {:>7.1f}%  (any rank of {:.0f} candidates a pair on average)\n",
             "pool", report.figure_pairs, "", pct(report.pool_exact, report.figure_pairs), "",
             pct(report.pool_same, report.figure_pairs),
             report.figure_pairs ? static_cast<double>(report.pool_candidates) / report.figure_pairs : 0.0);
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
  if (!options.ranker_out.empty()) return train_ranking_command(options);
  if (!options.eval.empty() && !options.ranker.empty()) return evaluate_ranking_command(options);
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
