// Auxiliary-construction search: when DDAR saturates without the goal, add
// proposed points and continue deduction from the parent's state, in a beam
// search over sequences of constructions.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "pappus/defaults.hpp"
#include "search/proposer.hpp"

namespace pappus::search {

// More threads than this are not started (SearchOptions::jobs is capped).
constexpr int kMaxJobs = defaults::max_threads;

// Limits and settings default to pappus/defaults.hpp, as SolveOptions and the CLI do.
struct SearchOptions {
  double time_limit_s = defaults::time_limit_s;  // for the whole search, DDAR included
  int beam = defaults::beam;                     // nodes kept per depth
  int depth = defaults::depth;                   // auxiliary points at most
  int candidates = 40;                           // candidates tried per node below the root
  int root_candidates = 200;                     // candidates tried on the problem itself (cheap: one point each)
  int jobs = defaults::threads;                  // threads evaluating candidates (1 to kMaxJobs)
  std::int64_t max_nodes = defaults::max_nodes;  // children saturated at most
  std::uint64_t seed = defaults::seed;           // diagram seed for the new points
  engine::EngineOptions engine;   // limits of each saturation
  // Called on the calling thread after the root's deduction (depth 0) and
  // after each batch of children is saturated, with the nodes so far.
  std::function<void(int depth, std::int64_t nodes)> on_progress;
};

// One state of the search: a problem with its auxiliary clauses, its figure
// and the engine saturated on it.
struct Node {
  Problem problem;
  Diagram diagram;
  std::unique_ptr<engine::Engine> engine;
  engine::StopReason stop = engine::StopReason::Saturated;
  std::vector<std::string> aux;  // auxiliary clauses added, in order
  double score = 0;              // for the beam: new facts the last point brought
};

struct SearchResult {
  bool proved = false;
  bool ddar_only = false;           // proved before any auxiliary point
  engine::StopReason ddar_stop = engine::StopReason::Saturated;
  // Why the whole search ended: Proved; the root's reason when deduction
  // alone stopped on a limit (or the search was off); Saturated when every
  // candidate up to the depth was tried; TimeLimit, NodeLimit, MemoryLimit
  // or Cancelled otherwise.
  engine::StopReason stop = engine::StopReason::Saturated;
  std::unique_ptr<Node> solution;   // the proving node (or the root when not proved)
  std::int64_t nodes = 0;           // children saturated
  std::int64_t rejected = 0;        // candidates that failed validation
  double seconds = 0;
  double incremental_seconds = 0;   // time saturating children from their parents
};

SearchResult solve(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue,
                   const engine::RuleBook& rules, Proposer& proposer, const SearchOptions& options,
                   const std::atomic<bool>* cancel = nullptr);

// The problem with one more (auxiliary) clause, or the reason it is invalid:
// it must parse, build on the parent's figure, and place a new point.
Expected<std::unique_ptr<Node>> extend(const Node& parent, const std::string& clause, const dsl::Catalogue& catalogue,
                                       std::uint64_t seed);

}  // namespace pappus::search
