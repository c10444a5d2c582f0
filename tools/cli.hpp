// What the files of the pappus CLI share: the parsed command line, exit
// codes and error output. Each command lives in its own tools/cli_*.cpp.
// The CLI is a client of the public library: it includes <pappus/...>
// headers only (a ctest checks it; the build gives it no other).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <pappus/pappus.hpp>

namespace pappus::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // a problem failed, a file was unreadable
constexpr int kExitUsage = 2;    // bad command line
constexpr int kExitCheckerRejected = 3;  // the engine's proof failed the independent checker (a bug)
constexpr int kExitInterrupted = 130;  // stopped by Ctrl-C or SIGTERM, after writing what it had

// What the command line asked for; every option field is set by one row of
// the option table in pappus_main.cpp, which also holds the defaults (those
// of the solver's limits come from pappus/defaults.hpp).
struct CliOptions {
  std::string problem;                // --problem: the record to work on
  std::string text;                   // --text: a problem line instead of a file
  std::uint64_t seed = 0;             // --seed: the diagram's random seed
  bool json = false;                  // --json: machine-readable output
  int allow_failures = 0;             // --allow-failures: failures that still exit 0
  bool help = false;                  // --help: print usage and stop
  double time_limit = 0;              // --time-limit: seconds per problem for the engine
  bool ddar_only = false;             // --ddar-only: no auxiliary constructions
  int jobs = 1;                       // --jobs: problems solved in parallel
  std::string csv;                    // --csv: also write the table here
  int beam = defaults::beam;          // --beam: search expansions per round
  bool given_aux = false;             // --given-aux: search from the problem's auxiliary clauses
  int depth = defaults::depth;        // --depth: auxiliary points at most
  std::string proposer;               // --proposer: learned (the default), heuristic, neural, combined or ranked
  std::string format;                 // --format: text, json or html
  std::string out;                    // --out: write the result to this file
  std::uint64_t figures = 0;          // --figures: figures to sample (generate)
  std::uint64_t count = 0;            // --count: examples to write (generate)
  int threads = 1;                    // --threads: worker threads (generate)
  std::string shard;                  // --shard: K/N (generate)
  std::string aux_ratio;              // --aux-ratio: a share, or "all" (generate)
  std::string points;                 // --points: LO-HI points per figure (generate)
  std::string mix;                    // --mix: construction weights (generate)
  int per_figure = 0;                 // --per-figure: examples kept per figure at most, 0 for all (generate)
  std::string goal_mix;               // --goal-mix: goal predicate weights (generate)
  int prompt_facts = 0;               // --prompt-facts: derived facts after the goal in training prompts (generate)
  std::string merge;                  // --merge: output of a merge of shards (generate)
  std::string stats;                  // --stats: dataset to summarise (generate)
  std::uint64_t max_facts = 0;        // --max-facts: facts per saturation
  std::uint64_t max_nodes = 0;        // --max-nodes: search nodes per problem
  std::uint64_t max_memory = 0;       // --max-memory: MiB the process may hold (0: no limit)
  std::string model;                  // --model: proposer model file or directory (train --eval, solve, bench)
  int decode_beam = 8;                // --decode-beam: beam width of the neural decoder
  int rank_pool = 100;                // --rank-pool: heuristic candidates the ranked proposer orders
  bool rank_per_token = false;        // --rank-per-token: ranked proposer orders by the mean log-probability
  int model_depth = defaults::model_depth;  // --model-depth: the model proposes at nodes this shallow (16: every node)
  std::string data;                   // --data: training set, JSON Lines (train)
  std::string eval;                   // --eval: held-out set to evaluate on (train)
  bool resume = false;                // --resume: continue from the checkpoint in --out (train)
  std::string init;                   // --init: start training from this model (fine-tuning)
  int steps = 0;                      // --steps: optimiser steps (train)
  int batch = 0;                      // --batch: examples per step (train)
  double lr = 0;                      // --lr: peak learning rate (train)
  int warmup = 0;                     // --warmup: warm-up steps (train)
  int layers = 0, heads = 0, dim = 0; // --layers, --heads, --dim: model shape (train)
  int context = 0;                    // --context: longest token sequence (train)
  double val_fraction = 0;            // --val-fraction: records held out for validation (train)
  int val_every = 0;                  // --val-every: steps between validations and checkpoints (train)
  std::string device;                 // --device: cpu, cuda or auto (train)
  int limit = 0;                      // --limit: pairs evaluated at most, 0 for all (train --eval)
  std::string ranker;                 // --ranker: the learned ranking's weights (learned proposer, train --eval)
  std::string ranker_out;             // --ranker-out: train the learned ranking, write its weights here (train)
  int epochs = 8;                     // --epochs: passes of the ranking's training (train --ranker-out)
  int ranker_hidden = 0;              // --ranker-hidden: hidden units of the learned ranking (train --ranker-out)
  std::string ranker_groups;          // --ranker-groups: the learned ranking's prepared groups, read or written (train)
  int ranker_check = 0;               // --ranker-check: label the ranking's data by proof over 2N candidates (train)
  bool print_vocab = false;           // --print-vocab: print the vocabulary for models/vocab.txt (train)
  std::string host;                   // --host: the address to listen on (serve)
  int port = 0;                       // --port: the port to listen on, 0 for a free one (serve)
  std::uint64_t max_body = 0;         // --max-body: KiB a request body may hold (serve)
  int max_solves = 0;                 // --max-solves: solves running at once (serve)
  int queue = 0;                      // --queue: requests waiting for a solve at most (serve)
  std::string established;            // --established: facts already proved, ';'-separated (hint)
  std::string claim;                  // --claim: the step to check (check-step)
  std::string fact;                   // --fact: the statement to prove (explain)
  std::vector<std::string> operands;  // non-option arguments after the command
};

// Prints "pappus: error: MESSAGE" and a pointer to the command's --help;
// returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

// Prints a user-facing error (with its location and hint) to stderr.
void print_error(const Error& error);

// The usage error for a --problem name that no record of `path` has,
// listing similar names.
int unknown_problem(std::string_view command, const std::vector<NamedProblem>& records, std::string_view query,
                    std::string_view path);

// Set when the user presses Ctrl-C (SIGINT) or sends SIGTERM, from the
// first call on; long commands poll it and stop cleanly, writing what they
// have. A second Ctrl-C ends the program at once.
const std::atomic<bool>* interrupt_flag();

// The solver's options as the command line sets them (the proposer apart),
// stopped by Ctrl-C.
SolveOptions solve_options(const CliOptions& options);

// The proposer --proposer names: heuristic, or neural, combined or ranked (the
// model of --model, loaded once, through the neural plugin).
Expected<Proposer> load_proposer(const CliOptions& options, const Library& library);

// The words the engine's results are shown with: an exhausted search is
// "saturated" too (nothing more follows).
const char* stop_word(StopReason reason);

// The one problem a command works on: from --text, or the only record of
// FILE, or the record --problem names. An exit code when it cannot pick
// one (the error printed).
std::variant<Problem, int> select_problem(const CliOptions& options, const Library& library, std::string_view command);

// Loads the data files; prints the error and returns nullopt when it cannot.
std::optional<Library> load_library();

// Writes `text` to --out, or to standard output without it; false (after
// printing the error) when the file cannot be written.
bool write_output(const CliOptions& options, const std::string& text, const char* what);

int run_check(const CliOptions& options);
int run_solve(const CliOptions& options);
int run_bench(const CliOptions& options);
int run_draw(const CliOptions& options);
int run_train(const CliOptions& options);
int run_audit(const CliOptions& options);
int run_generate(const CliOptions& options);
int run_hint(const CliOptions& options);
int run_check_step(const CliOptions& options);
int run_explain(const CliOptions& options);
int run_serve(const CliOptions& options);

}  // namespace pappus::cli
