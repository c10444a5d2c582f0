// The default limits and search settings: the one source of the library's
// SolveOptions and GenerateOptions, the internal engine and search options,
// and the defaults the pappus command line shows in --help. A test
// (tests/unit/defaults_test.cpp, and cli.defaults for the command line)
// fails when any of them differs from these.
#pragma once

#include <cstdint>
#include <string_view>

namespace pappus::defaults {

inline constexpr double time_limit_s = 30;          // wall clock per problem (deduction and search)
inline constexpr std::int64_t max_facts = 100000;   // facts one saturation may derive
inline constexpr std::int64_t max_nodes = 1000000;  // auxiliary-search nodes per problem: high, so that the time limit ends a long search
inline constexpr std::int64_t max_memory_mib = 8192;  // resident memory of the process; 0 = no limit
inline constexpr int depth = 4;                     // auxiliary points the search adds at most; 0 = deduction only
inline constexpr int beam = 4;                      // search expansions per round (same result for threads up to beam)
inline constexpr int threads = 1;                   // threads building and saturating search nodes
inline constexpr int max_threads = 256;             // thread counts are capped here on any machine
inline constexpr std::uint64_t seed = 1;            // figure seed: same seed, same proof
// Who proposes auxiliary points: "learned" (the heuristic proposer's
// candidates in the learned ranking's order, models/ranker.tsv, and the
// hand-tuned one's in turn: as many proofs on the development problems, in
// fewer nodes) or "heuristic" (the hand-tuned order).
inline constexpr std::string_view proposer = "learned";
inline constexpr int model_depth = 16;              // the learned order at nodes with at most this many auxiliary points
inline constexpr int decode_beam = 8;               // the neural proposer's beam width

}  // namespace pappus::defaults
