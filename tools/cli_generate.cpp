// pappus generate: synthetic datasets of theorems with proofs, their
// merge across shards, and their summary.
#include <fmt/core.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>

#include "cli.hpp"

namespace pappus::cli {

namespace {

// An error with a message only (no file location).
Error failure(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

template <typename T>
bool read_number(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// "K/N" -> (K, N) with 0 <= K < N.
bool parse_shard(std::string_view text, int& k, int& n) {
  const auto slash = text.find('/');
  return slash != std::string_view::npos && read_number(text.substr(0, slash), k) &&
         read_number(text.substr(slash + 1), n) && n >= 1 && k >= 0 && k < n && n <= 1000000;
}

int run_stats(const CliOptions& options) {
  auto summary = summarize_dataset(options.stats);
  if (!summary) return print_error(summary.error()), kExitFailure;
  fmt::print("{}", *summary);
  return kExitOk;
}

int run_merge(const CliOptions& options) {
  if (options.operands.empty()) return usage_error("generate", "--merge OUT needs the shard files as operands");
  for (const auto& in : options.operands)
    if (std::filesystem::exists(options.merge) && std::filesystem::equivalent(in, options.merge))
      return usage_error("generate", fmt::format("--merge would overwrite its input '{}'", in));
  std::int64_t duplicates = 0;
  auto lines = merge_datasets(options.operands, &duplicates);
  if (!lines) return print_error(lines.error()), kExitFailure;
  const std::string tmp = options.merge + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    for (const auto& l : *lines) out << l << '\n';
    if (!out.flush()) return print_error(failure(fmt::format("cannot write '{}'", tmp))), kExitFailure;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, options.merge, ec);
  if (ec) return print_error(failure(fmt::format("cannot write '{}': {}", options.merge, ec.message()))), kExitFailure;
  fmt::print(stderr, "merged {} files: {} examples, {} duplicates dropped -> {}\n", options.operands.size(),
             lines->size(), duplicates, options.merge);
  return kExitOk;
}

}  // namespace

int run_generate(const CliOptions& options) {
  if (!options.stats.empty()) return run_stats(options);
  if (!options.merge.empty()) return run_merge(options);
  if (options.out.empty()) return usage_error("generate", "say where the dataset goes with --out FILE");
  if (!options.operands.empty())
    return usage_error("generate", fmt::format("unexpected operand '{}' (shards are merged with --merge OUT)",
                                               options.operands[0]));
  GenerateOptions g;
  g.seed = options.seed;
  g.figures = static_cast<std::int64_t>(options.figures);
  g.count = static_cast<std::int64_t>(options.count);
  if (g.figures <= 0 && g.count <= 0) return usage_error("generate", "give --figures N or --count N (or both)");
  g.threads = options.threads;
  if (g.threads < 1 || g.threads > defaults::max_threads)
    return usage_error("generate", fmt::format("--threads expects 1 to {}", defaults::max_threads));
  if (!parse_shard(options.shard, g.shard, g.shards))
    return usage_error("generate", fmt::format("--shard expects K/N with 0 <= K < N, not '{}'", options.shard));
  if (options.aux_ratio != "all" && (!read_number(options.aux_ratio, g.aux_ratio) || g.aux_ratio < 0 || g.aux_ratio > 1))
    return usage_error("generate", fmt::format("--aux-ratio expects a share from 0 to 1 or 'all', not '{}'", options.aux_ratio));
  if (const auto dash = options.points.find('-');
      dash == std::string::npos || !read_number(std::string_view(options.points).substr(0, dash), g.min_points) ||
      !read_number(std::string_view(options.points).substr(dash + 1), g.max_points) || g.min_points < 3 ||
      g.max_points < g.min_points || g.max_points > 30)
    return usage_error("generate", fmt::format("--points expects LO-HI with 3 <= LO <= HI <= 30, not '{}'", options.points));
  g.mix = options.mix;
  g.per_figure = options.per_figure;
  g.goal_mix = options.goal_mix;
  g.prompt_facts = options.prompt_facts;
  g.time_limit_s = options.time_limit;
  g.max_facts = static_cast<std::int64_t>(options.max_facts);
  g.max_memory_mib = static_cast<std::int64_t>(options.max_memory);

  const std::optional<Library> library = load_library();
  if (!library) return kExitFailure;
  if (auto bad = check_generate_options(*library, g)) return usage_error("generate", bad->message);

  // Runs append: the examples already in the file are not written again.
  std::unordered_set<std::string> seen;
  std::int64_t existing = 0;
  if (std::ifstream in(options.out); in) {
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.empty()) continue;
      auto id = dataset_record_id(line);
      if (!id)
        return print_error(failure(fmt::format("{}:{}: {}; not appending to it", options.out, line_no, id.error().message))),
               kExitFailure;
      seen.insert(std::move(*id));
      ++existing;
    }
  }
  std::FILE* out = std::fopen(options.out.c_str(), "ab");
  if (!out) return print_error(failure(fmt::format("cannot write '{}'", options.out))), kExitFailure;

  const bool terminal = isatty(STDERR_FILENO);
  auto write = [&](const GeneratedExample& e) {
    std::fwrite(e.json.data(), 1, e.json.size(), out);
    std::fputc('\n', out);
  };
  auto progress = [&](const GenerateStats& s) {
    std::fflush(out);
    if (!terminal) return;
    const double done = g.count > 0 ? static_cast<double>(s.examples) / static_cast<double>(g.count)
                                    : static_cast<double>(s.figures) / (static_cast<double>(g.figures) / g.shards);
    const int width = 24, filled = std::min(width, static_cast<int>(done * width));
    fmt::print(stderr, "\r\033[K[{}{}] {} figures, {} examples ({:.0f}% aux), {:.2f} figures/s, {:.1f} ex/s",
               std::string(filled, '#'), std::string(width - filled, '.'), s.figures, s.examples,
               s.examples ? 100.0 * static_cast<double>(s.auxiliary) / static_cast<double>(s.examples) : 0.0,
               s.seconds > 0 ? static_cast<double>(s.figures) / s.seconds : 0.0,
               s.seconds > 0 ? static_cast<double>(s.examples) / s.seconds : 0.0);
  };
  const auto* interrupted = interrupt_flag();
  const auto run = generate_dataset(*library, g, seen, write, progress, interrupted);
  if (!run) return std::fclose(out), print_error(run.error()), kExitFailure;
  const GenerateStats& stats = *run;
  const bool ok = std::fflush(out) == 0 && !std::ferror(out);
  std::fclose(out);
  if (terminal) fmt::print(stderr, "\r\033[K");
  if (!ok) return print_error(failure(fmt::format("writing '{}' failed", options.out))), kExitFailure;
  auto per_second = [&](std::int64_t n) { return stats.seconds > 0 ? static_cast<double>(n) / stats.seconds : 0.0; };
  fmt::print(stderr,
             "{}{} examples ({} with auxiliary points, {:.1f}%) from {} figures in {:.1f} s: {:.2f} figures/s, "
             "{:.2f} examples/s ({:.2f} per thread); {} duplicates, {} unverified, trivial or mislabelled candidates "
             "dropped ({} auxiliary ones that DDAR proves without their points){}; {} now holds {} examples\n",
             interrupted->load() ? "interrupted: " : "", stats.examples, stats.auxiliary,
             stats.examples ? 100.0 * static_cast<double>(stats.auxiliary) / static_cast<double>(stats.examples) : 0.0,
             stats.figures, stats.seconds, per_second(stats.figures), per_second(stats.examples),
             per_second(stats.examples) / g.threads, stats.duplicates, stats.failed, stats.not_auxiliary,
             stats.checker_rejected ? fmt::format(" (CHECKER REJECTED {} proofs: a bug)", stats.checker_rejected) : "",
             options.out, existing + stats.examples);
  return interrupted->load() ? kExitInterrupted : kExitOk;
}

}  // namespace pappus::cli
