// The edit distance behind every "did you mean" hint (constructions,
// predicates, record names).
#pragma once

#include <cstddef>
#include <string_view>

namespace pappus::util {

// Levenshtein distance: the fewest single-character insertions, deletions
// and substitutions that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace pappus::util
