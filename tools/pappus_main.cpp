// pappus: the command-line front end. This file holds the command and
// option tables (which drive both parsing and --help), the parser of the
// command line, and main; the commands are in tools/cli_*.cpp.
#include <fmt/core.h>

#include <algorithm>
#include <cassert>
#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {
namespace {

// ---------------------------------------------------------------------------
// Commands and options

enum Command : unsigned { kCheck = 1u << 0, kSolve = 1u << 1, kBench = 1u << 2, kDraw = 1u << 3, kHelp = 1u << 4,
              kGenerate = 1u << 5, kTrain = 1u << 6 };

struct CommandSpec {
  Command id;
  std::string_view name;
  std::string_view operands;  // after the command name in the usage line
  std::string_view summary;   // one line for the command list
  std::string_view details;   // a paragraph for the command's --help
};

constexpr CommandSpec kCommands[] = {
    {kCheck, "check", "FILE", "build every problem's diagram and check its goal numerically",
     "Reads a problem file (records of a name line and a problem line), builds the\n"
     "numeric diagram of each problem and checks that its goal holds on it. Prints a\n"
     "table, the failures with their reasons, and a summary line. Exits 1 when more\n"
     "problems fail than --allow-failures allows."},
    {kSolve, "solve", "FILE | --text PROBLEM", "prove one problem",
     "Reads one problem (the only record of FILE, the record --problem names, or the\n"
     "problem line given with --text), builds its diagram, checks the goal on it and\n"
     "runs the deduction engine (rules plus algebra) until the goal is proved, nothing\n"
     "new follows, or a limit is hit. Prints the result and the derivation of the\n"
     "goal. Exits 0 when proved, 1 otherwise."},
    {kBench, "bench", "FILE", "run the engine on every problem of a file and print a table",
     "Builds and solves every problem of FILE with the deduction engine and prints a\n"
     "table (name, status, seconds, rounds, facts, rule applications, algebra rows)\n"
     "and a summary: problems proved, total and median time, facts per second, and\n"
     "how many runs hit a limit. Shows progress on a terminal."},
    {kDraw, "draw", "FILE | --text PROBLEM", "draw a problem's figure as SVG",
     "Builds the numeric diagram of one problem and writes it as an SVG picture: the\n"
     "points with their names, and the lines and circles its constructions speak of."},
    {kGenerate, "generate", "--out FILE | --merge OUT SHARD... | --stats FILE", "generate a dataset of theorems with proofs",
     "Samples random figures from the construction catalogue, saturates each with the\n"
     "deduction engine and turns every non-trivial derived fact into a theorem: its\n"
     "minimal premises, the auxiliary constructions its proof needs, and the proof.\n"
     "Every example is verified (its problem parses; with its auxiliary clauses it is\n"
     "proved on a fresh diagram; without them it is not) and deduplicated by canonical\n"
     "form across the run and the examples already in FILE (runs append). Writes JSON\n"
     "Lines in figure order: the same seed gives the same file with any --threads, and\n"
     "--shard K/N runs merged with --merge equal one run. --stats FILE summarises a\n"
     "dataset. Ctrl-C stops cleanly; what was written stays complete."},
    {kTrain, "train", "--data FILE.jsonl --out DIR | --eval FILE.jsonl", "train or evaluate the neural proposer",
     "Trains the proposer model (a small transformer) on a dataset written by 'pappus\n"
     "generate': a validation split by record, AdamW with warm-up and cosine decay,\n"
     "gradient clipping, a progress line, and every --val-every steps the validation\n"
     "loss and a checkpoint in DIR (model.safetensors: the best model;\n"
     "checkpoint.safetensors: the state --resume continues from). With --eval, scores\n"
     "the model of --model on held-out pairs instead: top-1 and top-8 exact match of\n"
     "the neural beam search and of the heuristic proposer's ranking, and decoding\n"
     "speed. The format is described in models/README.md."},
    {kHelp, "help", "[COMMAND]", "show the help of pappus or of one command", ""},
};

using Field = std::variant<std::string CliOptions::*, std::uint64_t CliOptions::*, int CliOptions::*,
                           bool CliOptions::*, double CliOptions::*>;

struct OptionSpec {
  std::string_view name;      // "--seed"
  std::string_view arg;       // placeholder for its value; empty for a flag
  std::string_view fallback;  // the default, as text; applied before parsing
  std::string_view help;      // one line
  unsigned commands;          // which commands accept it
  Field field;                // where its value goes
};

const OptionSpec kOptions[] = {
    {"--problem", "NAME", "", "work on the record with this name only", kCheck | kSolve | kBench | kDraw,
     &CliOptions::problem},
    {"--text", "PROBLEM", "", "a problem line instead of a file", kSolve | kDraw, &CliOptions::text},
    {"--seed", "N", "1", "random seed (of the diagram; of the figures for generate)", kCheck | kSolve | kBench | kDraw | kGenerate | kTrain, &CliOptions::seed},
    {"--time-limit", "S", "30", "seconds the engine may spend on one problem", kSolve | kBench | kGenerate, &CliOptions::time_limit},
    {"--ddar-only", "", "", "deduction and algebra only, no auxiliary points", kSolve | kBench, &CliOptions::ddar_only},
    {"--jobs", "N", "1", "threads: problems in parallel (bench), candidates in parallel (solve)", kSolve | kBench,
     &CliOptions::jobs},
    {"--beam", "B", "4", "auxiliary search: nodes kept per depth", kSolve | kBench, &CliOptions::beam},
    {"--depth", "D", "2", "auxiliary search: auxiliary points at most", kSolve | kBench, &CliOptions::depth},
    {"--proposer", "NAME", "heuristic", "auxiliary search: who proposes constructions (heuristic, neural, combined)", kSolve | kBench,
     &CliOptions::proposer},
    {"--csv", "OUT", "", "also write the table as CSV to OUT", kBench, &CliOptions::csv},
    {"--format", "FMT", "text", "proof output: text, json or html", kSolve, &CliOptions::format},
    {"--out", "FILE", "", "write the result to FILE instead of standard output (generate: append to FILE; train: the model directory)",
     kSolve | kDraw | kGenerate | kTrain, &CliOptions::out},
    {"--json", "", "", "print JSON instead of a table", kCheck, &CliOptions::json},
    {"--allow-failures", "K", "0", "exit 0 when at most K problems fail", kCheck, &CliOptions::allow_failures},
    {"--figures", "N", "0", "generate: figures to sample (0: until --count)", kGenerate, &CliOptions::figures},
    {"--count", "N", "0", "generate: stop after N examples (0: until --figures)", kGenerate, &CliOptions::count},
    {"--threads", "N", "1", "generate: worker threads", kGenerate, &CliOptions::threads},
    {"--shard", "K/N", "0/1", "generate: take the figures whose index is K modulo N", kGenerate, &CliOptions::shard},
    {"--aux-ratio", "R", "all", "generate: target share of examples with auxiliary points (0-1), or all",
     kGenerate, &CliOptions::aux_ratio},
    {"--points", "LO-HI", "8-11", "generate: points per random figure", kGenerate, &CliOptions::points},
    {"--mix", "NAME=W,...", "", "generate: change construction weights (0 removes one)", kGenerate, &CliOptions::mix},
    {"--merge", "OUT", "", "generate: merge the shard files given as operands into OUT", kGenerate,
     &CliOptions::merge},
    {"--stats", "FILE", "", "generate: summarise the dataset FILE", kGenerate, &CliOptions::stats},
    {"--max-facts", "N", "100000", "facts one saturation may derive before it stops", kSolve | kBench | kGenerate,
     &CliOptions::max_facts},
    {"--max-nodes", "N", "20000", "auxiliary search: nodes saturated per problem before it stops", kSolve | kBench,
     &CliOptions::max_nodes},
    {"--max-memory", "MIB", "8192", "stop when the process holds more memory than this (approximate; 0: no limit)",
     kSolve | kBench | kGenerate, &CliOptions::max_memory},
    {"--model", "PATH", "", "neural proposer: model file or directory (default: models/proposer)",
     kSolve | kBench | kTrain, &CliOptions::model},
    {"--decode-beam", "K", "8", "neural proposer: beam width of the decoder", kSolve | kBench | kTrain,
     &CliOptions::decode_beam},
    {"--data", "FILE", "", "training set (JSON Lines)", kTrain, &CliOptions::data},
    {"--eval", "FILE", "", "evaluate --model on this held-out set instead of training", kTrain, &CliOptions::eval},
    {"--resume", "", "", "continue from DIR/checkpoint.safetensors", kTrain, &CliOptions::resume},
    {"--steps", "N", "2000", "optimiser steps in all", kTrain, &CliOptions::steps},
    {"--batch", "B", "32", "examples per step", kTrain, &CliOptions::batch},
    {"--lr", "X", "0.001", "peak learning rate (cosine decay to a tenth)", kTrain, &CliOptions::lr},
    {"--warmup", "N", "100", "linear warm-up steps", kTrain, &CliOptions::warmup},
    {"--layers", "N", "4", "transformer blocks", kTrain, &CliOptions::layers},
    {"--heads", "N", "4", "attention heads", kTrain, &CliOptions::heads},
    {"--dim", "N", "256", "embedding width (the MLP is 4 times wider)", kTrain, &CliOptions::dim},
    {"--context", "N", "512", "longest token sequence; longer examples are skipped", kTrain, &CliOptions::context},
    {"--val-fraction", "F", "0.05", "share of the records held out for validation", kTrain, &CliOptions::val_fraction},
    {"--val-every", "N", "200", "steps between validations and checkpoints", kTrain, &CliOptions::val_every},
    {"--device", "DEV", "auto", "cpu, cuda, or auto (CUDA when available)", kTrain, &CliOptions::device},
    {"--limit", "N", "0", "evaluate at most N pairs (0: all)", kTrain, &CliOptions::limit},
    {"--print-vocab", "", "", "print the vocabulary (the content of models/vocab.txt) and stop", kTrain,
     &CliOptions::print_vocab},
    {"--help", "", "", "show this help", kCheck | kSolve | kBench | kDraw | kHelp | kGenerate | kTrain, &CliOptions::help},
};

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec& c : kCommands)
    if (c.name == name) return &c;
  return nullptr;
}

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& o : kOptions)
    if (o.name == name) return &o;
  return nullptr;
}

// Stores `value` into the option's field; nullopt on success, else why not.
std::optional<std::string> apply(const OptionSpec& option, std::string_view value, CliOptions& out) {
  auto parse_number = [&](auto& target) -> std::optional<std::string> {
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), target);
    bool bad = value.empty() || ec != std::errc() || end != value.data() + value.size();
    if constexpr (std::is_signed_v<std::remove_reference_t<decltype(target)>>) bad = bad || target < 0;
    if (bad) return fmt::format("{} expects a non-negative whole number, not '{}'", option.name, value);
    return std::nullopt;
  };
  return std::visit(
      [&](auto member) -> std::optional<std::string> {
        auto& target = out.*member;
        using T = std::remove_reference_t<decltype(target)>;
        if constexpr (std::is_same_v<T, std::string>) {
          target = std::string(value);
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, bool>) {
          target = value == "true";
          return std::nullopt;
        } else if constexpr (std::is_same_v<T, double>) {
          auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), target);
          if (value.empty() || ec != std::errc() || end != value.data() + value.size() || !(target > 0))
            return fmt::format("{} expects a positive number, not '{}'", option.name, value);
          return std::nullopt;
        } else {
          return parse_number(target);
        }
      },
      option.field);
}

CliOptions defaults() {
  CliOptions out;
  for (const OptionSpec& o : kOptions) {
    auto failed = apply(o, o.arg.empty() ? "false" : o.fallback, out);
    (void)failed;
    assert(!failed && "a default in kOptions does not parse");
  }
  return out;
}

void print_main_help() {
  fmt::print("usage: pappus <command> [options]\n\n"
             "pappus proves plane geometry problems written in the AlphaGeometry/JGEX problem\n"
             "language: it builds a numeric diagram and proves the goal by deduction and algebra.\n\ncommands:\n");
  for (const CommandSpec& c : kCommands) fmt::print("  {:<10}{}\n", c.name, c.summary);
  fmt::print("\nRun 'pappus <command> --help' for a command's options.\n"
             "Data files (dsl/, rules/, models/) are read from $PAPPUS_DATA_DIR when set.\n");
}

void print_command_help(const CommandSpec& command) {
  fmt::print("usage: pappus {} {} [options]\n", command.name, command.operands);
  if (!command.details.empty()) fmt::print("\n{}\n", command.details);
  fmt::print("\noptions:\n");
  for (const OptionSpec& o : kOptions) {
    if (!(o.commands & command.id)) continue;
    std::string left = o.arg.empty() ? std::string(o.name) : fmt::format("{} {}", o.name, o.arg);
    std::string fallback = o.fallback.empty() ? "" : fmt::format(" (default: {})", o.fallback);
    fmt::print("  {:<22}{}{}\n", left, o.help, fallback);
  }
}

struct UsageError {
  std::string message;
};

// Parses the arguments after the command name. Accepts "--name value",
// "--name=value" and "-h".
std::variant<CliOptions, UsageError> parse_options(const CommandSpec& command, std::span<char* const> args) {
  CliOptions out = defaults();
  bool options_ended = false;  // after "--" everything is an operand
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h") arg = "--help";
    if (arg == "--" && !options_ended) {
      options_ended = true;
      continue;
    }
    if (options_ended || arg.size() < 2 || arg[0] != '-') {
      out.operands.emplace_back(arg);
      continue;
    }
    std::optional<std::string_view> inline_value;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const OptionSpec* option = find_option(arg);
    if (!option) return UsageError{fmt::format("unknown option '{}' for '{}'", arg, command.name)};
    if (!(option->commands & command.id))
      return UsageError{fmt::format("option '{}' does not apply to '{}'", arg, command.name)};
    std::string_view value = "true";
    if (!option->arg.empty()) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return UsageError{fmt::format("option '{}' needs a value ({})", arg, option->arg)};
      }
    } else if (inline_value) {
      return UsageError{fmt::format("option '{}' takes no value", arg)};
    }
    if (auto failed = apply(*option, value, out)) return UsageError{*failed};
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += fmt::format("\n  {}", n);
  return out;
}

// Record names close to `query`, for "did you mean": names containing it
// first, then names within a small edit distance; at most `count`.
std::vector<std::string> near_names(const std::vector<ParsedRecord>& records, std::string_view query,
                                    std::size_t count) {
  const std::size_t limit = 2 + query.size() / 3;
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (score, record index)
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string& name = records[i].name;
    if (name.find(query) != std::string::npos) {
      ranked.emplace_back(0, i);
    } else if (std::size_t d = edit_distance(name, query); d <= limit) {
      ranked.emplace_back(d, i);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < ranked.size() && out.size() < count; ++k)
    out.push_back(records[ranked[k].second].name);
  return out;
}

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int signal) {
  g_interrupted.store(true);
  std::signal(signal, SIG_DFL);  // a second one ends the program
}

}  // namespace

const std::atomic<bool>* interrupt_flag() {
  static const bool installed = [] {
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    return true;
  }();
  (void)installed;
  return &g_interrupted;
}

int usage_error(std::string_view command, std::string_view message) {
  std::fflush(stdout);
  fmt::print(stderr, "pappus: error: {}\n", message);
  if (command.empty())
    fmt::print(stderr, "Run 'pappus --help' for usage.\n");
  else
    fmt::print(stderr, "Run 'pappus {} --help' for usage.\n", command);
  return kExitUsage;
}

void print_error(const Error& error) {
  std::fflush(stdout);  // keep what was printed before the error above it
  fmt::print(stderr, "pappus: {}\n", error.to_string());
}

// The error for a --problem name that no record has.
int unknown_problem(std::string_view command, const std::vector<ParsedRecord>& records, std::string_view query,
                    std::string_view path) {
  std::vector<std::string> near = near_names(records, query, 5);
  if (near.empty())
    return usage_error(command, fmt::format("no problem named '{}' in {} ({} problems, none with a similar name)",
                                            query, path, records.size()));
  return usage_error(command, fmt::format("no problem named '{}' in {}; similar names:{}", query, path,
                                          join_names(near)));
}

}  // namespace pappus::cli

int main(int argc, char** argv) {
  using namespace pappus::cli;
  std::span<char* const> args(argv + 1, argc > 0 ? argc - 1 : 0);
  if (args.empty()) {
    print_main_help();
    return kExitUsage;
  }
  std::string_view first = args[0];
  if (first == "--help" || first == "-h") {
    print_main_help();
    return kExitOk;
  }
  const CommandSpec* command = find_command(first);
  if (!command) {
    if (first.starts_with("-")) return usage_error("", fmt::format("unknown option '{}'; expected a command", first));
    return usage_error("", fmt::format("unknown command '{}'", first));
  }
  auto parsed = parse_options(*command, args.subspan(1));
  if (auto* error = std::get_if<UsageError>(&parsed)) return usage_error(command->name, error->message);
  const CliOptions& options = std::get<CliOptions>(parsed);

  if (command->id == kHelp) {
    if (options.help) return print_command_help(*command), kExitOk;
    if (options.operands.empty()) return print_main_help(), kExitOk;
    const CommandSpec* topic = find_command(options.operands[0]);
    if (!topic || options.operands.size() > 1)
      return usage_error("help", fmt::format("unknown command '{}'", options.operands[0]));
    print_command_help(*topic);
    return kExitOk;
  }
  if (options.help) {
    print_command_help(*command);
    return kExitOk;
  }
  switch (command->id) {
    case kCheck: return run_check(options);
    case kSolve: return run_solve(options);
    case kBench: return run_bench(options);
    case kDraw: return run_draw(options);
    case kGenerate: return run_generate(options);
    case kTrain: return run_train(options);
    default: return kExitUsage;
  }
}
