// What the commands of the CLI share: error output, the Ctrl-C flag, the
// data files, "did you mean" for names.
#include <fmt/core.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli.hpp"

namespace pappus::cli {
namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += fmt::format("\n  {}", n);
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

std::optional<Library> load_library() {
  auto library = Library::load();
  if (!library) return print_error(library.error()), std::nullopt;
  return std::move(*library);
}

// The error for a --problem name that no record has.
int unknown_problem(std::string_view command, const std::vector<NamedProblem>& records, std::string_view query,
                    std::string_view path) {
  std::vector<std::string> names;
  for (const NamedProblem& r : records) names.push_back(r.name);
  const std::vector<std::string> near = similar_names(names, query, 5);
  if (near.empty())
    return usage_error(command, fmt::format("no problem named '{}' in {} ({} problems, none with a similar name)",
                                            query, path, records.size()));
  return usage_error(command, fmt::format("no problem named '{}' in {}; similar names:{}", query, path,
                                          join_names(near)));
}

}  // namespace pappus::cli
