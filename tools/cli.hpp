// What the files of the pappus CLI share: the parsed command line, exit
// codes and error output. Each command lives in its own tools/cli_*.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pappus/error.hpp"
#include "problem/parser.hpp"
#include "search/search.hpp"

namespace pappus::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // a problem failed, a file was unreadable
constexpr int kExitUsage = 2;    // bad command line

// What the command line asked for; every option field is set by one row of
// the option table in pappus_main.cpp, which also holds the defaults.
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
  int beam = 4;                       // --beam: search nodes kept per depth
  int depth = 2;                      // --depth: auxiliary points at most
  std::string proposer;               // --proposer: heuristic
  std::string format;                 // --format: text, json or html
  std::string out;                    // --out: write the result to this file
  std::vector<std::string> operands;  // non-option arguments after the command
};

// Prints "pappus: error: MESSAGE" and a pointer to the command's --help;
// returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

// Prints a user-facing error (with its location and hint) to stderr.
void print_error(const Error& error);

// The usage error for a --problem name that no record of `path` has,
// listing similar names.
int unknown_problem(std::string_view command, const std::vector<ParsedRecord>& records, std::string_view query,
                    std::string_view path);

// The auxiliary search's options as the command line sets them.
search::SearchOptions search_options(const CliOptions& options);

// Writes `text` to --out, or to standard output without it; false (after
// printing the error) when the file cannot be written.
bool write_output(const CliOptions& options, const std::string& text, const char* what);

int run_check(const CliOptions& options);
int run_solve(const CliOptions& options);
int run_bench(const CliOptions& options);
int run_draw(const CliOptions& options);

}  // namespace pappus::cli
