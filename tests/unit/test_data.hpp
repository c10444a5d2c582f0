// The default construction catalogue and rule book, loaded once for all the
// tests of a program (a test fails when the data files do not load).
#pragma once

#include <catch2/catch.hpp>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"

namespace pappus::test {

struct Data {
  dsl::Catalogue catalogue;
  engine::RuleBook rules;
};

inline const Data& data() {
  static const Data d = [] {
    auto c = dsl::load_default_catalogue();
    auto r = engine::load_default_rules();
    if (!c) FAIL(c.error().to_string());
    if (!r) FAIL(r.error().to_string());
    return Data{std::move(*c), std::move(*r)};
  }();
  return d;
}

}  // namespace pappus::test
