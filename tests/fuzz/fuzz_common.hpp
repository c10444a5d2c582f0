// Shared by the fuzz targets: the shipped data, loaded once, and a check
// that aborts (so libFuzzer reports a crash) when an invariant fails.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "pappus/error.hpp"

namespace pappus::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant failed: %s\n", what.c_str());
  std::abort();
}

inline void require(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

inline const dsl::Catalogue& catalogue() {
  static const dsl::Catalogue cat = [] {
    auto c = dsl::load_default_catalogue();
    if (!c) fail("cannot load the catalogue: " + c.error().to_string());
    return std::move(c).value();
  }();
  return cat;
}

inline const engine::RuleBook& rules() {
  static const engine::RuleBook book = [] {
    auto r = engine::load_default_rules();
    if (!r) fail("cannot load the rules: " + r.error().to_string());
    return std::move(r).value();
  }();
  return book;
}

// An error from a data file names a line inside the text (or none, for
// whole-file errors) and a message.
inline void require_located(const Error& e, int lines) {
  require(!e.message.empty(), "error without a message");
  require(e.loc.line >= 0 && e.loc.line <= lines + 1,
          "error line " + std::to_string(e.loc.line) + " outside the text: " + e.to_string());
  (void)e.to_string();
}

inline int count_lines(const char* data, std::size_t size) {
  int n = 1;
  for (std::size_t i = 0; i < size; ++i) n += data[i] == '\n';
  return n;
}

}  // namespace pappus::fuzz
