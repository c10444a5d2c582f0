// pappus: the command-line front end. This file holds the command and
// option tables (which drive CLI11's parsing, the checks of every value and
// --help), and main; the commands are in tools/cli_*.cpp.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
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
              kGenerate = 1u << 5, kTrain = 1u << 6, kAudit = 1u << 7, kServe = 1u << 12,
              kHint = 1u << 8, kCheckStep = 1u << 9, kExplain = 1u << 10 };

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
    {kBench, "bench", "FILE | --merge OUT SHARD.json...", "run the engine on every problem of a file and print a table",
     "Builds and solves every problem of FILE with the deduction engine and prints a\n"
     "table (name, status, seconds, rounds, facts, rule applications, algebra rows,\n"
     "auxiliary points, search nodes, candidates built and dropped, nodes per second,\n"
     "search depth) and a summary: problems proved, total and median time, facts per\n"
     "second, how many runs hit a limit, the search's nodes and candidates. Shows\n"
     "progress on a terminal. --shard K/N runs the problems whose index is K modulo N;\n"
     "--merge OUT joins the shards' --format json outputs into the report of one run."},
    {kDraw, "draw", "FILE | --text PROBLEM", "draw a problem's figure as SVG",
     "Builds the numeric diagram of one problem and writes it as an SVG picture: the\n"
     "points with their names, and the lines and circles its constructions speak of."},
    {kGenerate, "generate", "--out FILE | --merge OUT SHARD... | --stats FILE", "generate a dataset of theorems with proofs",
     "Samples random figures from the construction catalogue, saturates each with the\n"
     "deduction engine and turns every non-trivial derived fact into a theorem: its\n"
     "minimal premises, the auxiliary constructions its proof needs, and the proof.\n"
     "Every example is verified (its problem parses; with its auxiliary clauses it is\n"
     "proved on a fresh diagram; without them DDAR does not prove it on two diagrams)\n"
     "and deduplicated by canonical form (argument orders, equivalent ratio and angle\n"
     "equations, symmetric construction arguments) across the run and the examples\n"
     "already in FILE (runs append). Each figure gives at most --per-figure examples,\n"
     "picked goal predicate by predicate (--goal-mix weights, the least picked first).\n"
     "Writes JSON Lines in figure order: the same seed gives the same file with any\n"
     "--threads, and --shard K/N runs merged with --merge equal one run. --stats FILE\n"
     "summarises a dataset (goal predicates, auxiliary share and constructions,\n"
     "examples per figure). Ctrl-C stops cleanly; what was written stays complete."},
    {kTrain, "train", "--data FILE.jsonl --out DIR | --eval FILE.jsonl", "train or evaluate the neural proposer",
     "Trains the proposer model (a small transformer) on a dataset written by 'pappus\n"
     "generate': a validation split by figure, AdamW with warm-up and cosine decay,\n"
     "gradient clipping, a progress line, and every --val-every steps the validation\n"
     "loss and a checkpoint in DIR (model.safetensors: the best model;\n"
     "checkpoint.safetensors: the state --resume continues from). With --eval, scores\n"
     "the model of --model on held-out pairs instead: top-1 and top-8 exact match of\n"
     "the neural beam search, of the heuristic proposer's ranking and of the ranked\n"
     "proposer's (the heuristic's --rank-pool candidates ordered by the model), with\n"
     "same-point match, also by the target's construction, and decoding speed. The\n"
     "format is described in models/README.md. With --ranker-out FILE, trains the\n"
     "learned ranking of the heuristic proposer's candidates on --data instead (no\n"
     "model plugin needed; '--proposer learned' uses it); --eval with --ranker FILE\n"
     "measures it against the hand-tuned ranking."},
    {kAudit, "audit", "[FILE...] [--figures N]", "differential soundness run: proofs checked, facts re-evaluated",
     "Solves every problem of the FILEs and checks each proof with the independent\n"
     "checker, then evaluates every proof step again on a second figure drawn with\n"
     "another seed. With --figures N it also samples N random figures as 'generate'\n"
     "does (their example proofs go through the checker) and saturates each whole,\n"
     "evaluating every fact the engine knows on a second figure. Prints the counts;\n"
     "exits 1 when any proof is rejected or any statement is false, listing them."},
    {kServe, "serve", "[--port N] [--host ADDR]", "serve the web page and the JSON API over HTTP",
     "Serves a web page to type or pick a problem, see its figure, solve it and step\n"
     "through the proof, ask for hints and check steps; and the JSON API it uses (README.md,\n"
     "\"Web app\"). Listens on 127.0.0.1 unless --host says otherwise; --port 0 picks a free\n"
     "port. Prints the address it listens on. Each request's solve has --time-limit; at\n"
     "most --max-solves run at once and --queue wait for a slot (as long as the time\n"
     "limit), the others are answered 503. Ctrl-C or SIGTERM stops it, cancelling the solves."},
    {kHint, "hint", "FILE | --text PROBLEM [--established FACTS]", "the next step toward the goal, as a teacher states it",
     "Reads one problem (as solve does) and the facts already established, and gives\n"
     "the next useful step toward the goal: a named theorem applied to facts the\n"
     "student has, each written out with where it comes from (given by a\n"
     "construction, or established), or angle/ratio chasing with the facts it uses,\n"
     "or a given fact to notice, or the auxiliary point to add when deduction alone\n"
     "does not reach the goal. Among the derivations found it follows the one with\n"
     "the fewest steps (a theorem counts 1, an algebra step 3). Exits 0 with a hint\n"
     "or when the established facts reach the goal, 1 when none is found."},
    {kCheckStep, "check-step", "FILE | --text PROBLEM --claim CLAIM", "check one step of a student's proof",
     "Checks a claim ('perp o m a b', or 'cong o a o b, cong m a m b => perp o m a b'):\n"
     "whether it holds in the figure, whether a construction gives it (which clause),\n"
     "follows in one step (which theorem, from which facts) or needs more (how many,\n"
     "in the shortest proof found), and whether one theorem takes the cited premises\n"
     "to it. Exits 0 when the claim is true and derivable, 1 when it is not."},
    {kExplain, "explain", "FILE | --text PROBLEM --fact FACT", "prove one fact of a problem's figure",
     "Proves one statement about the problem's figure (not necessarily its goal) as\n"
     "solve proves a goal, and prints the proof, re-verified by the checker. Exits 0\n"
     "when proved, 1 when not (or false in the figure), 3 when the checker rejects it."},
    {kHelp, "help", "[COMMAND]", "show the help of pappus or of one command", ""},
};

using Field = std::variant<std::string CliOptions::*, std::uint64_t CliOptions::*, int CliOptions::*,
                           bool CliOptions::*, double CliOptions::*>;

// The values an option accepts, read by the type of its field: whole numbers
// from `min` to `max`; real numbers between `low` and `high` (a bound marked
// open is excluded; infinities and NaN never pass); text, one of `choices`
// ("a|b|c"), or without choices any non-empty text that its command checks
// (--shard in generate and bench; --points, --mix, --goal-mix and --aux-ratio in
// generate).
// Flags take no value.
struct Valid {
  std::uint64_t min = 0, max = 0;
  double low = 0, high = 0;
  bool low_open = false, high_open = false;
  std::string_view choices;
};

constexpr Valid whole(std::uint64_t min, std::uint64_t max) {
  Valid v;
  v.min = min, v.max = max;
  return v;
}
constexpr Valid real(double low, bool low_open, double high, bool high_open) {
  Valid v;
  v.low = low, v.low_open = low_open, v.high = high, v.high_open = high_open;
  return v;
}
constexpr Valid one_of(std::string_view choices) {
  Valid v;
  v.choices = choices;
  return v;
}

// Caps: far above any useful value, and low enough that no field (nor the
// engine's int64 counters it is copied to) can overflow.
constexpr std::uint64_t kMaxThreads = defaults::max_threads;  // --jobs, --threads: 256 on any machine
constexpr std::uint64_t kMaxCount = 1'000'000'000;  // facts, nodes, steps, pairs, failures
constexpr std::uint64_t kMaxExamples = 1'000'000'000'000;  // generate: figures, examples
constexpr std::uint64_t kMaxMib = 16u << 20;        // --max-memory: 16 TiB
constexpr double kMaxSeconds = 7 * 24 * 3600;       // --time-limit: a week
constexpr std::uint64_t kAnyU64 = std::numeric_limits<std::uint64_t>::max();
constexpr unsigned kTutor = kHint | kCheckStep | kExplain;
constexpr unsigned kAll = kCheck | kSolve | kBench | kDraw | kHelp | kGenerate | kTrain | kAudit | kServe | kTutor;

// The decimal text of a whole number known when compiling: the defaults
// the table takes from the library (pappus/defaults.hpp), so that the
// command line and SolveOptions cannot disagree.
template <auto N>
struct Decimal {
  static_assert(N >= 0 && N == static_cast<decltype(N)>(static_cast<std::uint64_t>(N)), "a whole number");
  static constexpr auto digits = [] {
    std::array<char, 20> out{};
    std::size_t n = 0;
    for (auto v = static_cast<std::uint64_t>(N); n == 0 || v > 0; v /= 10) out[n++] = static_cast<char>('0' + v % 10);
    std::reverse(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
    return std::pair{out, n};
  }();
  static constexpr std::string_view text{digits.first.data(), digits.second};
};
template <auto N>
constexpr std::string_view decimal = Decimal<N>::text;

struct OptionSpec {
  std::string_view name;      // "--seed"
  std::string_view arg;       // placeholder for its value; empty for a flag
  std::string_view fallback;  // the default, as text (the library's, for its options); applied before parsing
  std::string_view help;      // one line
  unsigned commands;          // which commands accept it
  Field field;                // where its value goes
  Valid valid = {};           // the values it accepts
};

constexpr OptionSpec kOptions[] = {
    {"--problem", "NAME", "", "work on the record with this name only", kCheck | kSolve | kBench | kDraw | kTutor,
     &CliOptions::problem},
    {"--text", "PROBLEM", "", "a problem line instead of a file", kSolve | kDraw | kTutor, &CliOptions::text},
    {"--seed", "N", decimal<defaults::seed>, "random seed (of the diagram; of the figures for generate)",
     kCheck | kSolve | kBench | kDraw | kGenerate | kTrain | kAudit | kTutor, &CliOptions::seed, whole(0, kAnyU64)},
    {"--time-limit", "S", decimal<defaults::time_limit_s>, "seconds the engine may spend on one problem", kSolve | kBench | kGenerate | kAudit | kTutor,
     &CliOptions::time_limit, real(0, true, kMaxSeconds, false)},
    {"--ddar-only", "", "", "deduction and algebra only, no auxiliary points", kSolve | kBench | kAudit, &CliOptions::ddar_only},
    {"--jobs", "N", decimal<defaults::threads>, "threads: problems in parallel (bench), candidates in parallel (solve)", kSolve | kBench | kAudit,
     &CliOptions::jobs, whole(1, kMaxThreads)},
    {"--beam", "B", decimal<defaults::beam>, "auxiliary search: expansions per round (same result for any --jobs up to B)",
     kSolve | kBench | kAudit, &CliOptions::beam, whole(1, 1000)},
    {"--given-aux", "", "", "start the search from the problem's own auxiliary clauses (after ' | ')",
     kSolve | kBench | kAudit, &CliOptions::given_aux},
    {"--depth", "D", decimal<defaults::depth>, "auxiliary search: auxiliary points at most (0: deduction only)", kSolve | kBench | kAudit,
     &CliOptions::depth, whole(0, 16)},
    {"--proposer", "NAME", defaults::proposer, "auxiliary search: who proposes constructions", kSolve | kBench | kAudit,
     &CliOptions::proposer, one_of("heuristic|learned|neural|combined|ranked")},
    {"--csv", "OUT", "", "also write the table as CSV to OUT", kBench, &CliOptions::csv},
    {"--format", "FMT", "text", "proof output", kSolve, &CliOptions::format, one_of("text|json|html")},
    {"--format", "FMT", "text", "output: a table or JSON", kCheck | kBench | kAudit | kTutor, &CliOptions::format,
     one_of("text|json")},
    {"--out", "FILE", "", "write the result to FILE instead of standard output (generate: append to FILE; train: the model directory)",
     kSolve | kDraw | kGenerate | kTrain, &CliOptions::out},
    {"--json", "", "", "print JSON instead of a table (--format json)", kCheck, &CliOptions::json},
    {"--allow-failures", "K", "0", "exit 0 when at most K problems fail", kCheck, &CliOptions::allow_failures,
     whole(0, kMaxCount)},
    {"--established", "FACTS", "", "hint: facts already proved, separated by ';' (\"cong o a o b; perp o m a b\")", kHint,
     &CliOptions::established},
    {"--claim", "CLAIM", "", "check-step: a statement, or 'premise, premise => conclusion'", kCheckStep,
     &CliOptions::claim},
    {"--fact", "FACT", "", "explain: the statement to prove (\"cyclic a b c d\")", kExplain, &CliOptions::fact},
    {"--figures", "N", "0", "generate: figures to sample (0: until --count); audit: random figures to audit", kGenerate | kAudit, &CliOptions::figures,
     whole(0, kMaxExamples)},
    {"--count", "N", "0", "generate: stop after N examples (0: until --figures)", kGenerate, &CliOptions::count,
     whole(0, kMaxExamples)},
    {"--threads", "N", "1", "generate: worker threads; train --ranker-out and --eval --ranker: pairs prepared in parallel", kGenerate | kTrain, &CliOptions::threads, whole(1, kMaxThreads)},
    {"--shard", "K/N", "0/1", "take the figures (generate) or problems (bench) whose index is K modulo N",
     kGenerate | kBench, &CliOptions::shard},
    {"--aux-ratio", "R", "all", "generate: target share of examples with auxiliary points (0-1), or all",
     kGenerate, &CliOptions::aux_ratio},
    {"--points", "LO-HI", "8-11", "generate: points per random figure", kGenerate, &CliOptions::points},
    {"--mix", "NAME=W,...", "", "generate: change construction weights (0 removes one)", kGenerate, &CliOptions::mix},
    {"--per-figure", "N", "6", "generate: examples kept per figure at most (0: every theorem found)", kGenerate,
     &CliOptions::per_figure, whole(0, 100000)},
    {"--goal-mix", "PRED=W,...", "", "generate: change goal weights (defaults: cyclic, coll, concurrent, perp, para, cong 3; "
     "midp, eqangle 2; eqratio, aconst, rconst 1; simtri, simtri2, contri, contri2 0.5; 0 removes one; "
     "concurrent: a coll through the meet of two lines)", kGenerate,
     &CliOptions::goal_mix},
    {"--prompt-facts", "K", "0", "generate: write at most K facts DDAR derives about the goal after it in the training "
     "prompts (prompt format version 2; 0: version 1)", kGenerate, &CliOptions::prompt_facts, whole(0, kMaxPromptFacts)},
    {"--merge", "OUT", "", "merge the shard files given as operands into OUT (bench: their --format json outputs; "
     "prints the report of one run)", kGenerate | kBench, &CliOptions::merge},
    {"--stats", "FILE", "", "generate: summarise the dataset FILE", kGenerate, &CliOptions::stats},
    {"--max-facts", "N", decimal<defaults::max_facts>, "facts one saturation may derive before it stops", kSolve | kBench | kGenerate | kAudit,
     &CliOptions::max_facts, whole(1, kMaxCount)},
    {"--max-nodes", "N", decimal<defaults::max_nodes>, "auxiliary search: nodes saturated per problem before it stops", kSolve | kBench | kAudit,
     &CliOptions::max_nodes, whole(1, kMaxCount)},
    {"--max-memory", "MIB", decimal<defaults::max_memory_mib>, "stop when the process holds more memory than this (approximate; 0: no limit)",
     kSolve | kBench | kGenerate | kAudit, &CliOptions::max_memory, whole(0, kMaxMib)},
    {"--model", "PATH", "", "neural proposer: model file or directory (default: models/proposer)",
     kSolve | kBench | kTrain | kAudit, &CliOptions::model},
    {"--decode-beam", "K", decimal<defaults::decode_beam>, "neural proposer: beam width of the decoder", kSolve | kBench | kTrain | kAudit,
     &CliOptions::decode_beam, whole(1, 256)},
    {"--rank-pool", "N", "100", "ranked proposer: heuristic candidates the model orders per node (at least)",
     kSolve | kBench | kTrain | kAudit, &CliOptions::rank_pool, whole(1, 100000)},
    {"--model-depth", "D", "16", "neural and learned proposers: the model (the learned ranking) proposes at nodes with at most D auxiliary points (0: the root; 16, the deepest search: every node), the heuristic deeper",
     kSolve | kBench | kAudit, &CliOptions::model_depth, whole(0, 16)},
    {"--rank-per-token", "", "", "ranked proposer: order by log-likelihood per token instead of the sum",
     kSolve | kBench | kAudit, &CliOptions::rank_per_token},
    {"--data", "FILE", "", "training set (JSON Lines)", kTrain, &CliOptions::data},
    {"--eval", "FILE", "", "evaluate --model on this held-out set instead of training", kTrain, &CliOptions::eval},
    {"--resume", "", "", "continue from DIR/checkpoint.safetensors", kTrain, &CliOptions::resume},
    {"--init", "MODEL", "", "start from this model's weights and shape (fine-tuning; --layers/--dim/--heads/--context are its own)", kTrain, &CliOptions::init},
    {"--steps", "N", "2000", "optimiser steps in all", kTrain, &CliOptions::steps, whole(1, kMaxCount)},
    {"--batch", "B", "32", "examples per step", kTrain, &CliOptions::batch, whole(1, 4096)},
    {"--lr", "X", "0.001", "peak learning rate (cosine decay to a tenth)", kTrain, &CliOptions::lr,
     real(0, true, 1, false)},
    {"--warmup", "N", "100", "linear warm-up steps", kTrain, &CliOptions::warmup, whole(0, kMaxCount)},
    {"--layers", "N", "4", "transformer blocks", kTrain, &CliOptions::layers, whole(1, 64)},
    {"--heads", "N", "4", "attention heads (--dim must be a multiple)", kTrain, &CliOptions::heads, whole(1, 64)},
    {"--dim", "N", "256", "embedding width (the MLP is 4 times wider)", kTrain, &CliOptions::dim, whole(1, 8192)},
    {"--context", "N", "512", "longest token sequence; longer examples are skipped", kTrain, &CliOptions::context,
     whole(1, 8192)},
    {"--val-fraction", "F", "0.05", "share of the figures (records without one: each its own) held out for validation", kTrain, &CliOptions::val_fraction,
     real(0, false, 1, true)},
    {"--val-every", "N", "200", "steps between validations and checkpoints", kTrain, &CliOptions::val_every,
     whole(1, kMaxCount)},
    {"--device", "DEV", "auto", "where to train (auto: CUDA when available)", kTrain, &CliOptions::device,
     one_of("auto|cpu|cuda")},
    {"--limit", "N", "0", "evaluate at most N pairs (0: all)", kTrain, &CliOptions::limit, whole(0, kMaxCount)},
    {"--ranker", "FILE", "", "learned proposer: the ranking's weights (default: models/ranker.tsv); train --eval: measure this ranking against the hand-tuned one",
     kSolve | kBench | kTrain | kAudit, &CliOptions::ranker},
    {"--ranker-out", "FILE", "", "train the learned ranking of the heuristic's candidates on --data and write its weights here", kTrain,
     &CliOptions::ranker_out},
    {"--ranker-check", "N", "0", "learned ranking: label by proof (DDAR with the candidate proves the goal) the N best candidates by the hand-tuned score and N at random; 0: label every candidate by the target's point", kTrain,
     &CliOptions::ranker_check, whole(0, 100000)},
    {"--ranker-hidden", "N", "0", "learned ranking: hidden units (rectified) beside the linear part; 0: linear", kTrain,
     &CliOptions::ranker_hidden, whole(0, 4096)},
    {"--ranker-groups", "FILE", "", "learned ranking: read the prepared training groups from FILE when it exists (same data options and build), else prepare them and write them there", kTrain,
     &CliOptions::ranker_groups},
    {"--epochs", "N", "8", "passes of the learned ranking's training over the pairs", kTrain, &CliOptions::epochs, whole(1, 1000)},
    {"--print-vocab", "", "", "print the vocabulary (the content of models/vocab.txt) and stop", kTrain,
     &CliOptions::print_vocab},
    {"--host", "ADDR", "127.0.0.1", "serve: the address to listen on (0.0.0.0: every interface)", kServe,
     &CliOptions::host},
    {"--port", "N", "8080", "serve: the port to listen on (0: a free one)", kServe, &CliOptions::port, whole(0, 65535)},
    {"--time-limit", "S", decimal<defaults::time_limit_s>, "serve: seconds one request may solve (and wait for a slot)",
     kServe, &CliOptions::time_limit, real(0, true, kMaxSeconds, false)},
    {"--depth", "D", decimal<defaults::depth>, "serve: auxiliary points a request may ask for at most", kServe,
     &CliOptions::depth, whole(0, 16)},
    {"--seed", "N", decimal<defaults::seed>, "serve: the figure seed of requests that give none", kServe,
     &CliOptions::seed, whole(0, kAnyU64)},
    {"--max-body", "KIB", "256", "serve: largest request body, in KiB (larger: 413)", kServe, &CliOptions::max_body,
     whole(1, 1u << 20)},
    {"--max-solves", "N", "2", "serve: solves running at once", kServe, &CliOptions::max_solves, whole(1, kMaxThreads)},
    {"--queue", "N", "8", "serve: requests waiting for a solve at most (more: 503)", kServe, &CliOptions::queue,
     whole(0, 1000)},
    {"--help", "", "", "show this help", kAll, &CliOptions::help},
};

// Each row's range fits its field, flags and only flags take no value, and
// no command has two rows of one name.
template <class T>
constexpr bool row_fits(T CliOptions::*, const OptionSpec& o) {
  const Valid& v = o.valid;
  if constexpr (std::is_same_v<T, bool>) return o.arg.empty();
  else if constexpr (std::is_same_v<T, int>) return !o.arg.empty() && v.min <= v.max && v.max <= INT_MAX;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return !o.arg.empty() && v.min <= v.max;
  else if constexpr (std::is_same_v<T, double>) return !o.arg.empty() && v.low < v.high;
  else return !o.arg.empty() && v.max == 0;
}
constexpr bool table_is_consistent() {
  for (std::size_t i = 0; i < std::size(kOptions); ++i) {
    if (!std::visit([&](auto member) { return row_fits(member, kOptions[i]); }, kOptions[i].field)) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (kOptions[j].name == kOptions[i].name && (kOptions[j].commands & kOptions[i].commands)) return false;
  }
  return true;
}
static_assert(table_is_consistent(), "a row of kOptions does not fit its field");

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec& c : kCommands)
    if (c.name == name) return &c;
  return nullptr;
}

// The row of `name` for `command`; with no command, the first row of that name.
const OptionSpec* find_option(std::string_view name, unsigned command = kAll) {
  for (const OptionSpec& o : kOptions)
    if (o.name == name && (o.commands & command)) return &o;
  return nullptr;
}

// The words of a list of choices, "a|b|c".
std::vector<std::string_view> words_of(std::string_view choices) {
  std::vector<std::string_view> words;
  for (std::size_t start = 0, bar = 0; bar != std::string_view::npos; start = bar + 1) {
    bar = choices.find('|', start);
    words.push_back(choices.substr(start, bar == std::string_view::npos ? bar : bar - start));
  }
  return words;
}

// What `o` accepts, for its usage error ("a whole number from 1 to 256") or,
// brief, for --help ("1 to 256"); empty for flags and free text.
std::string accepted(const OptionSpec& o, bool brief) {
  const Valid& v = o.valid;
  return std::visit(
      [&](auto member) -> std::string {
        using T = std::remove_reference_t<decltype(std::declval<CliOptions&>().*member)>;
        if constexpr (std::is_same_v<T, bool>) {
          return "";
        } else if constexpr (std::is_same_v<T, std::string>) {
          if (v.choices.empty()) return brief ? "" : fmt::format("a value ({})", o.arg);
          return fmt::format("{}{}", brief ? "" : "one of ", fmt::join(words_of(v.choices), ", "));
        } else if constexpr (std::is_same_v<T, double>) {
          return fmt::format("{}{} {}{}{} {}", brief ? "" : "a number ", v.low_open ? ">" : ">=", v.low,
                             brief ? ", " : " and ", v.high_open ? "<" : "<=", v.high);
        } else {
          return fmt::format("{}{} to {}", brief ? "" : "a whole number from ", v.min, v.max);
        }
      },
      o.field);
}

// Reads all of `text` as a number; false on anything else (signs other than
// a leading '-' for reals, spaces, trailing characters, out of the type's range).
template <class T>
bool read_all(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// Stores `value` into the option's field when it is one `o` accepts;
// nullopt on success, else the usage error.
std::optional<std::string> apply(const OptionSpec& o, std::string_view value, CliOptions& out) {
  const Valid& v = o.valid;
  const bool ok = std::visit(
      [&](auto member) {
        auto& target = out.*member;
        using T = std::remove_reference_t<decltype(target)>;
        if constexpr (std::is_same_v<T, bool>) {
          target = true;
          return true;
        } else if constexpr (std::is_same_v<T, std::string>) {
          if (v.choices.empty() ? value.empty() : std::ranges::count(words_of(v.choices), value) == 0) return false;
          target = std::string(value);
          return true;
        } else if constexpr (std::is_same_v<T, double>) {
          double x = 0;
          if (!read_all(value, x) || !std::isfinite(x) || (v.low_open ? x <= v.low : x < v.low) ||
              (v.high_open ? x >= v.high : x > v.high))
            return false;
          target = x;
          return true;
        } else {
          std::uint64_t n = 0;
          if (!read_all(value, n) || n < v.min || n > v.max) return false;
          target = static_cast<T>(n);
          return true;
        }
      },
      o.field);
  if (ok) return std::nullopt;
  return fmt::format("{} expects {}, not '{}'", o.name, accepted(o, false), value);
}

CliOptions defaults() {
  CliOptions out;
  for (const OptionSpec& o : kOptions) {
    if (o.arg.empty() || o.fallback.empty()) continue;  // flags are off, text empty
    if (auto failed = apply(o, o.fallback, out)) {
      fmt::print(stderr, "pappus: bug: the default of {} is not valid: {}\n", o.name, *failed);
      std::abort();
    }
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
    std::vector<std::string> notes;
    if (!o.fallback.empty()) notes.push_back(fmt::format("default: {}", o.fallback));
    if (std::string range = accepted(o, true); !range.empty()) notes.push_back(std::move(range));
    std::string suffix = notes.empty() ? "" : fmt::format(" ({})", fmt::join(notes, "; "));
    fmt::print("  {:<22}{}{}\n", left, o.help, suffix);
  }
}

struct UsageError {
  std::string message;
};

// The closest of `names` to `word` when it is close enough to be a typo.
std::optional<std::string_view> nearest(std::string_view word, const std::vector<std::string_view>& names) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 1 + word.size() / 4;
  for (std::string_view n : names)
    if (const std::size_t d = edit_distance(word, n); d <= best_distance && (!best || d < best_distance))
      best = n, best_distance = d;
  return best;
}

std::string unknown_command(std::string_view word) {
  std::vector<std::string_view> names;
  for (const CommandSpec& c : kCommands) names.push_back(c.name);
  if (auto near = nearest(word, names)) return fmt::format("unknown command '{}'; did you mean '{}'?", word, *near);
  return fmt::format("unknown command '{}'", word);
}

// The error for an argument CLI11 did not recognise as an option of `command`.
std::string unknown_option(const CommandSpec& command, std::string_view arg) {
  const std::string_view name = arg.substr(0, arg.find('='));
  if (find_option(name)) return fmt::format("option '{}' does not apply to '{}'", name, command.name);
  std::vector<std::string_view> names;
  for (const OptionSpec& o : kOptions)
    if (o.commands & command.id) names.push_back(o.name);
  if (auto near = nearest(name, names))
    return fmt::format("unknown option '{}' for '{}'; did you mean '{}'?", name, command.name, *near);
  return fmt::format("unknown option '{}' for '{}'", name, command.name);
}

// Parses the arguments after the command name with CLI11, one CLI11 option
// per row of kOptions that applies to the command. Accepts "--name value",
// "--name=value", "-h" and "--" (what follows are operands); a repeated
// option keeps its last value.
std::variant<CliOptions, UsageError> parse_options(const CommandSpec& command, std::span<char* const> args) {
  // What CLI11 would take differently: a value for a flag ("--ddar-only=no")
  // and an option without its value at the end.
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") break;
    const std::size_t eq = arg.find('=');
    const OptionSpec* o = arg.starts_with("--") ? find_option(arg.substr(0, eq), command.id) : nullptr;
    if (o && o->arg.empty() && eq != std::string_view::npos)
      return UsageError{fmt::format("option '{}' takes no value", o->name)};
    if (o && !o->arg.empty() && eq == std::string_view::npos && i + 1 == args.size())
      return UsageError{fmt::format("option '{}' needs a value ({})", o->name, o->arg)};
  }

  CliOptions out = defaults();
  CLI::App app{std::string(command.summary), fmt::format("pappus {}", command.name)};
  app.set_help_flag();  // --help is a row of the table, printed by print_command_help
  app.allow_extras();   // unknown options are reported below, with a suggestion
  for (const OptionSpec& o : kOptions) {
    if (!(o.commands & command.id)) continue;
    const std::string names = o.name == "--help" ? "-h,--help" : std::string(o.name);
    if (o.arg.empty()) {
      app.add_flag_callback(names, [&out, &o] { apply(o, "", out); });
      continue;
    }
    app.add_option_function<std::string>(names,
                                         [&out, &o](const std::string& value) {
                                           if (auto failed = apply(o, value, out)) throw CLI::ValidationError(*failed);
                                         })
        ->type_name(std::string(o.arg))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
  app.add_option("operands", out.operands);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return UsageError{e.what()};
  }
  for (const std::string& extra : app.remaining())
    if (extra != "--") return UsageError{unknown_option(command, extra)};

  // Options that depend on one another.
  if (command.id == kCheck) {
    if (out.json && app.count("--format") && out.format != "json")
      return UsageError{fmt::format("--json asks for --format json, not --format {}", out.format)};
    if (out.json) out.format = "json";
    out.json = out.format == "json";
  }
  if (command.id == kTrain && out.dim % out.heads != 0)
    return UsageError{fmt::format("--dim ({}) must be a multiple of --heads ({})", out.dim, out.heads)};
  return out;
}

}  // namespace
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
    return usage_error("", unknown_command(first));
  }
  auto parsed = parse_options(*command, args.subspan(1));
  if (auto* error = std::get_if<UsageError>(&parsed)) return usage_error(command->name, error->message);
  const CliOptions& options = std::get<CliOptions>(parsed);

  if (command->id == kHelp) {
    if (options.help) return print_command_help(*command), kExitOk;
    if (options.operands.empty()) return print_main_help(), kExitOk;
    const CommandSpec* topic = find_command(options.operands[0]);
    if (!topic) return usage_error("help", unknown_command(options.operands[0]));
    if (options.operands.size() > 1)
      return usage_error("help", fmt::format("help takes one command, not also '{}'", options.operands[1]));
    print_command_help(*topic);
    return kExitOk;
  }
  if (options.help) {
    print_command_help(*command);
    return kExitOk;
  }
  // The long commands stop cleanly on Ctrl-C from the start (loading the
  // library and the model takes seconds), not only once they poll.
  if (command->id & (kSolve | kBench | kGenerate | kAudit | kTutor)) interrupt_flag();
  switch (command->id) {
    case kCheck: return run_check(options);
    case kSolve: return run_solve(options);
    case kBench: return run_bench(options);
    case kDraw: return run_draw(options);
    case kGenerate: return run_generate(options);
    case kTrain: return run_train(options);
    case kAudit: return run_audit(options);
    case kHint: return run_hint(options);
    case kCheckStep: return run_check_step(options);
    case kExplain: return run_explain(options);
    case kServe: return run_serve(options);
    default: return kExitUsage;
  }
}
