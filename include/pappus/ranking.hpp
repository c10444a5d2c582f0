// The heuristic proposer's learned ranking: a linear model (with an
// optional hidden layer beside it) over features of each candidate (its
// construction, the goal's predicate, the goal points it uses, the figure's
// lines and circles it lands on, the relations its point makes with the
// goal's points), trained on generated pairs so that the
// candidates that build the auxiliary point come first. It needs no model
// plugin: the weights are a text file (models/ranker.tsv).
//
//   auto proposer = pappus::load_learned_proposer(library);  // models/ranker.tsv
//   if (!proposer) ...;
//   options.proposer = *proposer;  // pappus::SolveOptions; its name is "learned"
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "pappus/error.hpp"
#include "pappus/library.hpp"
#include "pappus/solver.hpp"

namespace pappus {

// models/ranker.tsv under the library's data directory.
std::string default_ranker_path(const Library& library);

// The heuristic proposer ordered by the weights in `path` (empty: the
// default path) and its hand-tuned score in turn (the learned first, the
// hand-tuned first, then the second of each, ...) at nodes with at most `depth` auxiliary points
// (0: the root only), the hand-tuned score deeper; an unreadable or foreign
// file is an Error.
Expected<Proposer> load_learned_proposer(const Library& library, const std::string& path = "",
                                         int depth = defaults::model_depth);

struct RankingOptions {
  int limit = 0;              // pairs read at most (0: all)
  int negatives = 300;        // candidates kept per pair besides those that build the point (training)
  // Label by proof (training): the best `checked` candidates by the
  // hand-tuned score and `checked` others at random, each positive when DDAR
  // proves the pair's goal with it or it builds the target's point; 0: all
  // candidates, positive when they build the target's point.
  int checked = 0;
  int epochs = 8;             // passes over the training pairs
  double lr = 0.05;           // Adagrad's step
  int hidden = 0;             // hidden units beside the linear part (0: linear)
  // The featurised groups: read from this file when it exists (written by
  // an earlier run of the same data options and build), else prepared and
  // written to it; empty: prepared and kept in memory only.
  std::string groups;
  double val_fraction = 0.05; // figures held out for validation
  int threads = 1;            // pairs prepared in parallel
  std::uint64_t seed = 1;     // figures, sampling, order
};

// Trains the ranking on a dataset's pairs (split by figure) and returns the
// weights file's text; `log` gets a line per epoch, `progress` the pairs
// prepared.
Expected<std::string> train_ranking(const Library& library, const std::string& data, const RankingOptions& options,
                                    const std::function<void(const std::string&)>& log = {},
                                    const std::function<void(int done, int total)>& progress = {});

// Hits of one ranking: a candidate that builds the target's point is first
// / among the first eight; the target clause itself is; a candidate with
// which DDAR proves the pair's goal is (another point may serve as well).
struct RankingHits {
  int same1 = 0, same8 = 0, exact1 = 0, exact8 = 0, proves1 = 0, proves8 = 0;
};

// The hits of the pairs of one kind: those whose target is one construction
// ("midpoint") or whose goal is one predicate ("cyclic").
struct RankingShare {
  std::string name;
  int pairs = 0;  // placed on their figure
  RankingHits hand, learned, fused;
};

struct RankingEvaluation {
  int pairs = 0;          // pairs read
  int figure_pairs = 0;   // whose figure and target built (the hits are over these)
  RankingHits hand, learned;  // the hand-tuned order; the learned one alone
  RankingHits fused;          // both in turn (what the learned proposer uses)
  std::vector<RankingShare> kinds;  // by the target's (first) construction, in name order
  std::vector<RankingShare> goals;  // by the goal's predicate, in name order
  int pool_same = 0;      // some candidate of the proposal builds the target's point
  int target_proves = 0;  // DDAR proves the goal with the target clause (the others need more points)
  double hand_seconds = 0, learned_seconds = 0;  // proposing (hand-tuned, fused), summed
};

// The heuristic proposer's first eight at each held-out pair's node,
// hand-tuned and ordered by the weights in `path` (empty: the default).
Expected<RankingEvaluation> evaluate_ranking(const Library& library, const std::string& path, const std::string& data,
                                             const RankingOptions& options,
                                             const std::function<void(int done, int total)>& progress = {});

}  // namespace pappus
