// The synthetic data generator: random figures are saturated by DDAR and
// every derived fact becomes a theorem with its minimal premises, its
// auxiliary constructions and its proof, verified and deduplicated.
//
// A run covers figure indices in order; each figure's randomness comes from
// (seed, index) alone, so a figure gives the same examples whatever the
// thread count, shard or machine, and N shards merged (merge()) equal one
// run over the same figures.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
#include "pappus/error.hpp"
#include "pappus/generate.hpp"
#include "util/json.hpp"

namespace pappus::generate {

// The public options (pappus/generate.hpp), whose saturation limits make
// the engine's options of every figure.
struct GenerateOptions : pappus::GenerateOptions {
  GenerateOptions() = default;
  explicit GenerateOptions(const pappus::GenerateOptions& options) : pappus::GenerateOptions(options) {}
  // Limits of each saturation (facts and instances are deterministic).
  engine::EngineOptions engine() const;
};

// Why these options cannot run (an unknown or unusable construction in the
// mix, say), or nothing.
std::optional<Error> check_options(const GenerateOptions& options, const dsl::Catalogue& catalogue);

// One theorem with its proof, in canonical names.
struct Example {
  std::int64_t figure = 0;
  int seq = 0;                    // order within the figure
  std::string id;                 // 16 hex digits: the hash of the canonical statement
  std::string premises;           // clauses, "; "-separated
  std::vector<std::string> aux;   // auxiliary clauses, in order
  std::string goal;               // "perp a b c d"
  std::vector<std::string> facts; // derived from the premises alone, about the goal (prompt version 2)
  util::Json proof;               // proof::proof_record of the verified proof
  int points = 0;                 // premises' and auxiliary points
  int proof_steps = 0;            // deduction steps (premises not counted)
  std::map<std::string, int> rules;  // rule name -> times used

  // The problem as a user writes it: premises ? goal.
  std::string problem() const { return premises + " ? " + goal; }
  // The model's prompt before the auxiliary clauses `premises` (those and
  // the earlier auxiliary ones): `premises ? goal`, then ` | ` and the
  // facts when there are any.
  std::string prompt(const std::string& premises) const;
  // The JSON Lines record (README.md, "Dataset format"), without newline
  // (dataset.cpp).
  std::string json() const;
};

struct FigureResult {
  std::int64_t index = 0;
  std::string text;               // the figure's clauses ("" when none could be built)
  engine::StopReason stop = engine::StopReason::Saturated;
  std::int64_t candidates = 0;    // non-trivial derived facts
  std::int64_t failed = 0;        // candidates whose sub-problem did not verify, or whose own proof is trivial
  std::int64_t checker_rejected = 0;  // of those, proofs the independent checker rejected (a bug, dropped)
  std::int64_t not_auxiliary = 0; // of those, auxiliary candidates DDAR proves without their auxiliary clauses
  std::vector<Example> examples;
};

// Samples figure `index`, saturates it and turns its facts into verified
// examples (deduplicated within the figure only).
FigureResult generate_figure(std::int64_t index, const GenerateOptions& options, const dsl::Catalogue& catalogue,
                             const engine::RuleBook& rules, const std::atomic<bool>* cancel = nullptr);

struct RunStats {
  std::int64_t figures = 0;       // figures finished and written
  std::int64_t empty_figures = 0; // figures that could not be built or gave nothing
  std::int64_t examples = 0;      // written
  std::int64_t auxiliary = 0;     // of those, with auxiliary constructions
  std::int64_t duplicates = 0;    // dropped as already seen
  std::int64_t failed = 0;        // candidates that did not verify or were trivial
  std::int64_t checker_rejected = 0;  // of those, proofs the independent checker rejected (must stay 0)
  std::int64_t not_auxiliary = 0; // of those, auxiliary candidates DDAR proves without their auxiliary clauses
  double seconds = 0;
};

// Generates examples over the figures of `options` with its threads and
// hands each new one (not in `seen`, which it extends) to `write` in figure
// order. `progress` is called after each figure. Stops at the figure bound,
// the count, or `cancel`; what was written is complete.
RunStats run(const GenerateOptions& options, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
             std::unordered_set<std::string>& seen, const std::function<void(const Example&)>& write,
             const std::function<void(const RunStats&)>& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The form of a goal over its premises (canonical.cpp), what generation
// balances and --stats counts: the goal's predicate name, or "concurrent"
// for a coll whose point the premises build as the meet of two lines (three
// lines through one point).
inline constexpr std::string_view kConcurrent = "concurrent";
std::string goal_form(std::string_view premises, std::string_view goal);

// ---- Datasets (dataset.cpp) -------------------------------------------------

// The fields of a dataset line that merging and statistics need.
struct RecordKey {
  std::string id;
  std::int64_t figure = 0;
  int seq = 0;
};
// Reads them from one JSON Lines record; an error for a malformed line.
Expected<RecordKey> record_key(std::string_view line);

// Merges shard files into one dataset: records ordered by (figure, seq),
// the first of each id kept. Equal to a single run over the same figures.
Expected<std::vector<std::string>> merge(const std::vector<std::string>& paths, std::int64_t* duplicates = nullptr);

// A summary of a dataset file for people: counts, auxiliary share,
// histograms of proof length and points, goal predicates, rules used.
Expected<std::string> summarize(const std::string& path);

}  // namespace pappus::generate
