// SequenceSet: exact lookup of word sequences (the engine's fact and
// instance keys), numbered in order of insertion, across growth and copies;
// and the fact keys it serves: statements equal up to argument order are one
// fact, statements that differ in a point or a constant are not.
#include "engine/sequence_set.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "geometry/predicate.hpp"
#include "util/rng.hpp"

namespace pappus {
namespace {

using engine::SequenceSet;
using Words = std::vector<std::uint32_t>;

TEST_CASE("sequences are found exactly, numbered in order of insertion", "[sequence_set]") {
  SequenceSet set;
  CHECK(set.find(Words{1, 2, 3}) == SequenceSet::kAbsent);
  CHECK(set.insert(Words{1, 2, 3}) == std::pair<std::uint32_t, bool>{0, true});
  CHECK(set.insert(Words{1, 2}) == std::pair<std::uint32_t, bool>{1, true});
  CHECK(set.insert(Words{}) == std::pair<std::uint32_t, bool>{2, true});
  CHECK(set.insert(Words{1, 2, 3}) == std::pair<std::uint32_t, bool>{0, false});
  CHECK(set.find(Words{1, 2}) == 1);
  CHECK(set.find(Words{}) == 2);
  CHECK(set.find(Words{1, 2, 3, 0}) == SequenceSet::kAbsent);  // a prefix is not the sequence
  CHECK(set.find(Words{3, 2, 1}) == SequenceSet::kAbsent);     // order matters
  CHECK(set.size() == 3);
}

TEST_CASE("many sequences: every one found after growth, copies independent", "[sequence_set]") {
  Rng rng(7);
  std::vector<Words> all;
  SequenceSet set;
  for (int i = 0; i < 5000; ++i) {
    Words w(1 + rng.below(9));
    for (auto& x : w) x = static_cast<std::uint32_t>(rng.below(6));  // small alphabet: many near misses
    const auto [number, fresh] = set.insert(w);
    if (fresh) {
      CHECK(number == all.size());
      all.push_back(w);
    } else {
      CHECK(all[number] == w);
    }
  }
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(set.find(all[i]) == i);
  SequenceSet copy = set;
  CHECK(copy.insert(Words{99}).second);
  CHECK(set.find(Words{99}) == SequenceSet::kAbsent);
  CHECK(copy.find(all.back()) == all.size() - 1);
}

TEST_CASE("normalize into a buffer agrees with normalize", "[sequence_set]") {
  Rng rng(3);
  for (const PredicateInfo& info : predicates()) {
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<PointId> args(static_cast<std::size_t>(info.points) + (info.variadic ? rng.below(3) : 0));
      for (auto& p : args) p = PointId(static_cast<std::uint32_t>(rng.below(5)));
      std::vector<PointId> buffer(args.size());
      buffer.resize(normalize(info.id, args, buffer));
      INFO(info.name);
      CHECK(buffer == normalize(info.id, args));
    }
  }
}

}  // namespace
}  // namespace pappus
