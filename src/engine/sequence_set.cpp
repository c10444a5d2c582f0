#include "engine/sequence_set.hpp"

#include <algorithm>

namespace pappus::engine {

std::uint64_t SequenceSet::hash(std::span<const std::uint32_t> words) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ words.size();
  for (std::uint32_t w : words) {
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 31;
  }
  return h;
}

std::size_t SequenceSet::slot(std::span<const std::uint32_t> words, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint32_t s = slots_[i];
    if (s == 0) return i;
    const std::uint32_t e = s - 1;
    if (hashes_[e] != h) continue;
    const std::uint32_t begin = e == 0 ? 0 : ends_[e - 1];
    if (ends_[e] - begin == words.size() && std::equal(words.begin(), words.end(), words_.begin() + begin)) return i;
  }
}

std::uint32_t SequenceSet::find(std::span<const std::uint32_t> words) const {
  if (slots_.empty()) return kAbsent;
  const std::uint32_t s = slots_[slot(words, hash(words))];
  return s == 0 ? kAbsent : s - 1;
}

std::pair<std::uint32_t, bool> SequenceSet::insert(std::span<const std::uint32_t> words) {
  if (2 * (size() + 1) > slots_.size()) grow();
  const std::uint64_t h = hash(words);
  const std::size_t i = slot(words, h);
  if (slots_[i] != 0) return {slots_[i] - 1, false};
  const auto number = static_cast<std::uint32_t>(size());
  words_.insert(words_.end(), words.begin(), words.end());
  ends_.push_back(static_cast<std::uint32_t>(words_.size()));
  hashes_.push_back(h);
  slots_[i] = number + 1;
  return {number, true};
}

void SequenceSet::grow() {
  slots_.assign(std::max<std::size_t>(64, 2 * slots_.size()), 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t e = 0; e < hashes_.size(); ++e) {
    std::size_t i = hashes_[e] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = e + 1;
  }
}

}  // namespace pappus::engine
