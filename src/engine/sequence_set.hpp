// Distinct sequences of 32-bit words, numbered in order of insertion: the
// engine's keys of facts and of fired rule instances. Lookups are exact
// (a hash only picks the candidates; the words are compared) and need no
// allocation; all sequences share one buffer.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace pappus::engine {

class SequenceSet {
 public:
  static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};

  // The number of `words`, or kAbsent.
  std::uint32_t find(std::span<const std::uint32_t> words) const;
  // The number of `words`, inserted as the next number if new; and whether it was new.
  std::pair<std::uint32_t, bool> insert(std::span<const std::uint32_t> words);
  std::size_t size() const { return hashes_.size(); }

 private:
  static std::uint64_t hash(std::span<const std::uint32_t> words);
  // The slot holding `words`, or the empty slot where it would go.
  std::size_t slot(std::span<const std::uint32_t> words, std::uint64_t h) const;
  void grow();

  std::vector<std::uint32_t> words_;   // the sequences, one after another
  std::vector<std::uint32_t> ends_;    // sequence i is words_[ends_[i - 1] (0 for i = 0), ends_[i])
  std::vector<std::uint64_t> hashes_;  // sequence i's hash
  std::vector<std::uint32_t> slots_;   // open addressing (linear probing): sequence + 1, or 0 when empty
};

}  // namespace pappus::engine
