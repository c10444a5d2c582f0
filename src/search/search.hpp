// Auxiliary-construction search: when DDAR saturates without the goal, add
// proposed points and continue deduction from the parent's state. An
// anytime best-first search over sequences of constructions: a priority
// queue of (node, next candidate) expansions, taken in fixed-size rounds
// whose children are built and saturated on `jobs` threads and merged in
// queue order, until a proof closes, a limit is hit or every candidate of
// every node up to the depth has been tried.
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
//
// The order of expansions: the expansion of node N with its candidate of
// rank r (0 = the proposer's best) has the priority
//   score(N) - rank_weight * log2(1 + r) - depth_penalty,
// and the child it makes has that score (the root's is 0). So one level
// deeper costs as much as going 2^(depth_penalty / rank_weight) times further
// down one candidate list.
//
// Determinism: the same options (seed, beam, jobs) give the same result, and
// any jobs up to `beam` give the same result as jobs 1: each round takes
// max(beam, jobs) expansions from the queue in order, and its children are
// merged in that order (the first proof in queue order wins). Only a time
// limit, a cancel or the memory limit, which stop a run wherever it is, make
// two runs differ.
struct SearchOptions {
  double time_limit_s = defaults::time_limit_s;  // for the whole search, DDAR included
  int beam = defaults::beam;                     // expansions per round (at least `jobs` are taken)
  int depth = defaults::depth;                   // auxiliary points the search adds at most
  int candidates = 40;                           // first batch asked of the proposer below the root
  int root_candidates = 200;                     // first batch on the problem itself (cheap: one point each)
  int max_candidates = 1 << 14;                  // widening stops at batches this large
  double rank_weight = 1;                        // priority lost per doubling of a candidate's rank
  double depth_penalty = 4;                      // priority lost per auxiliary point
  // Nodes that hold an engine for candidates not yet tried, at most (the
  // root apart): past it, the one whose next expansion ranks lowest is
  // closed (its engine freed, its other candidates dropped).
  int max_open = 1000;
  int jobs = defaults::threads;                  // threads building and saturating children (1 to kMaxJobs)
  std::int64_t max_nodes = defaults::max_nodes;  // children saturated at most
  std::uint64_t seed = defaults::seed;           // diagram seed for the new points
  // Start from the problem's own auxiliary clauses (those after ' | '): they
  // are built on the figure first and the search adds points to that node.
  // When false they are ignored, unless engine.include_auxiliary makes them
  // premises of the problem itself (the generator's verification).
  bool given_aux = false;
  engine::EngineOptions engine;   // limits of each saturation
  // Called on the calling thread after the root's deduction (depth 0) and
  // after each round of children is saturated (the depth of the last
  // child), with the nodes so far.
  std::function<void(int depth, std::int64_t nodes)> on_progress;
};

// One state of the search: a problem with its auxiliary clauses, its figure
// and the engine saturated on it.
struct Node {
  Problem problem;
  Diagram diagram;
  std::unique_ptr<engine::Engine> engine;  // dropped once every candidate of the node was tried (not the root's)
  engine::StopReason stop = engine::StopReason::Saturated;
  std::vector<std::string> aux;  // auxiliary clauses added (the given ones first), in order
  double score = 0;              // priority of the expansion that made it (see SearchOptions)
  int depth = 0;                 // auxiliary points the search added (given ones not counted)
};

// What the search did with the proposers' candidates.
struct SearchCounts {
  ProposalStats proposals;       // summed over every proposal (heuristic rejections by reason)
  std::int64_t proposals_made = 0;  // calls to the proposer, widenings included
  std::int64_t widenings = 0;    // proposals asked again with a larger limit
  std::int64_t tried = 0;        // candidates taken from the queue
  std::int64_t invalid = 0;      // failed to build on the parent's figure (extend)
  std::int64_t duplicates = 0;   // landed where a sibling did, or made a point set already searched
  std::int64_t max_depth = 0;    // deepest node saturated
  std::int64_t closed_early = 0; // nodes closed with candidates left (max_open)
};

struct SearchResult {
  bool proved = false;
  bool ddar_only = false;           // proved before any auxiliary point
  engine::StopReason ddar_stop = engine::StopReason::Saturated;
  // Why the whole search ended: Proved; the root's reason when deduction
  // alone stopped on a limit (or the search was off); Saturated when the
  // search space is exhausted (every candidate of every node up to the depth
  // tried, the proposer asked for more until it had none); TimeLimit,
  // NodeLimit, MemoryLimit or Cancelled otherwise.
  engine::StopReason stop = engine::StopReason::Saturated;
  std::unique_ptr<Node> solution;   // the proving node (or the root when not proved)
  std::int64_t nodes = 0;           // children saturated
  std::int64_t rejected = 0;        // candidates that failed validation or were duplicates
  SearchCounts counts;
  double seconds = 0;
  double first_proof_seconds = -1;  // when the proof closed (-1: none)
  double incremental_seconds = 0;   // time saturating children from their parents (summed over threads)
};

SearchResult solve(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue,
                   const engine::RuleBook& rules, Proposer& proposer, const SearchOptions& options,
                   const std::atomic<bool>* cancel = nullptr);

// The problem with one more (auxiliary) clause, or the reason it is invalid:
// it must parse, build on the parent's figure, and place a new point.
Expected<std::unique_ptr<Node>> extend(const Node& parent, const std::string& clause, const dsl::Catalogue& catalogue,
                                       std::uint64_t seed);

}  // namespace pappus::search
