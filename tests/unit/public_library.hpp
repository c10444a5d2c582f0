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

}  // namespace pappus::test
