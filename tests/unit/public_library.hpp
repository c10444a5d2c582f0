// The library loaded once through the public API, for the tests that use
// only include/pappus/ (api_test here, the neural library's solver test).
// Catch must be included first.
#pragma once

#include <utility>

#include "pappus/pappus.hpp"

namespace pappus::test {

inline const Library& library() {
  static const Library lib = [] {
    auto l = Library::load();
    if (!l) FAIL(l.error().to_string());
    return std::move(*l);
  }();
  return lib;
}

// A problem parsed by that library; a parse error fails the test.
inline Problem parse(const char* text) {
  auto p = library().parse(text);
  if (!p) FAIL(p.error().to_string());
  return std::move(*p);
}

}  // namespace pappus::test
