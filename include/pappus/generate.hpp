// Synthetic datasets: random figures saturated by deduction, every derived
// fact a theorem with its minimal premises, auxiliary constructions and
// checked proof, written as JSON Lines (README.md, "Synthetic datasets").
//
// A run covers figure indices in order; each figure's randomness comes from
// (seed, index) alone, so a figure gives the same examples whatever the
// thread count, shard or machine, and shards merged (merge_datasets) equal
// one run over the same figures.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pappus/defaults.hpp"
#include "pappus/error.hpp"
#include "pappus/library.hpp"

namespace pappus {

// Derived facts a training prompt carries at most (GenerateOptions::prompt_facts).
inline constexpr int kMaxPromptFacts = 32;

struct GenerateOptions {
  std::uint64_t seed = defaults::seed;  // the figure stream
  std::int64_t figures = 0;       // figure indices [0, figures); 0: unbounded (then count must be set)
  std::int64_t count = 0;         // stop once this many examples are written; 0: no bound
  int shard = 0, shards = 1;      // this run takes the figures whose index % shards == shard
  int threads = 1;                // worker threads (1 to defaults::max_threads)
  double aux_ratio = -1;          // target share of examples with auxiliary constructions; < 0 keeps all
  int min_points = 8;             // points of a random figure, at least
  int max_points = 11;            // and at most
  int min_proof_steps = 2;        // deduction steps a theorem's proof needs (fewer: trivial)
  int max_candidates = 400;       // derived facts examined per figure
  int aux_tries = 12;             // random points tried per stage on statements it cannot prove
  int aux_proposals = 4;          // and candidates of the search's heuristic proposer, drawn at random
                                  // from its list (circles, intersections, tangent points, bisectors, ...)
  std::string mix;                // "name=weight,..." changes to the default construction weights
  int per_figure = 6;             // examples kept per figure at most (0: every one found)
  std::string goal_mix;           // "predicate=weight,..." changes to the default goal weights (cyclic,
                                  // coll, concurrent, perp, para, cong 3; midp, eqangle 2; eqratio, aconst,
                                  // rconst 1; simtri, simtri2, contri, contri2 0.5; concurrent: a coll
                                  // through the meet of two lines): each figure's examples are picked
                                  // form by form, the highest weight / (1 + times picked)
  int prompt_facts = 0;           // derived facts written after the goal in the training prompts (prompt
                                  // format version 2: "premises ? goal | fact; fact"): at most this many
                                  // of what DDAR derives from the premises, most about the goal first;
                                  // 0: version 1, no facts
  // Limits of each saturation (the same defaults as SolveOptions).
  double time_limit_s = defaults::time_limit_s;
  std::int64_t max_facts = defaults::max_facts;
  std::int64_t max_memory_mib = defaults::max_memory_mib;
};

// One theorem with its proof, in canonical point names.
struct GeneratedExample {
  std::int64_t figure = 0;       // the figure index in the seed stream
  int seq = 0;                   // order within the figure
  std::string id;                // 16 hex digits: the hash of the canonical theorem
  std::string problem;           // premises ? goal, in the problem language
  std::vector<std::string> aux;  // auxiliary clauses, in order (empty: deduction proves it alone)
  int points = 0;                // premises' and auxiliary points
  int proof_steps = 0;           // deduction steps (premises not counted)
  std::string json;              // the JSON Lines record, without newline
};

struct GenerateStats {
  std::int64_t figures = 0;           // figures finished and written
  std::int64_t empty_figures = 0;     // figures that could not be built or gave nothing
  std::int64_t examples = 0;          // written
  std::int64_t auxiliary = 0;         // of those, with auxiliary constructions
  std::int64_t duplicates = 0;        // dropped as already seen
  std::int64_t failed = 0;            // candidates that did not verify or were trivial
  std::int64_t checker_rejected = 0;  // of those, proofs the independent checker rejected (a bug: stays 0)
  double seconds = 0;
  std::int64_t not_auxiliary = 0;     // of those, auxiliary candidates DDAR proves without their auxiliary clauses
};

// Why these options cannot run (an unknown or unusable construction in the
// mix, a bad range), or nothing.
std::optional<Error> check_generate_options(const Library& library, const GenerateOptions& options);

// Generates examples over the figures of `options` with its threads and
// hands each new one (whose id is not in `seen`, which it extends) to
// `write`, in figure order, on the calling thread. `progress` is called
// after each figure. Stops at the figure bound, the count, or when `cancel`
// turns true; what was handed to `write` is complete. Options that
// check_generate_options refuses are an Error.
Expected<GenerateStats> generate_dataset(const Library& library, const GenerateOptions& options,
                                         std::unordered_set<std::string>& seen,
                                         const std::function<void(const GeneratedExample&)>& write,
                                         const std::function<void(const GenerateStats&)>& progress = {},
                                         const std::atomic<bool>* cancel = nullptr);

// The id of one JSON Lines record of a dataset; an Error for a malformed line.
Expected<std::string> dataset_record_id(std::string_view line);

// Merges shard files into one dataset: records ordered by (figure, seq),
// the first of each id kept (`duplicates` counts the others). Equal to a
// single run over the same figures.
Expected<std::vector<std::string>> merge_datasets(const std::vector<std::string>& paths,
                                                  std::int64_t* duplicates = nullptr);

// A summary of a dataset file for people: counts, auxiliary share,
// histograms of proof length and points, goal predicates, rules used.
Expected<std::string> summarize_dataset(const std::string& path);

}  // namespace pappus
