// The learned proposer of auxiliary points, its training and evaluation.
// The model, its files and the dataset format are described in
// models/README.md.
//
//   auto proposer = pappus::load_neural_proposer(library, {.decode_beam = 32});
//   if (!proposer) ...;                // no plugin, an unreadable model: an Error
//   options.proposer = *proposer;      // pappus::SolveOptions
//
// The library pappus does not link libtorch: the code that needs it is a
// plugin, libpappus_neural.so (built where libtorch is found, installed in
// lib/pappus/), which the functions below open on first use; a program that
// never calls them never loads libtorch. The first that exists of these is
// opened: $PAPPUS_NEURAL_PLUGIN (alone, when set); the directory of the
// running program; the installed lib/pappus/ of the data files the Library
// read (share/pappus/); the build tree pappus was built in. Without a
// plugin, or with one built from other sources, they return an Error
// saying so. The proposer loaded here plugs into the Solver through
// SolveOptions::proposer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pappus/defaults.hpp"
#include "pappus/error.hpp"
#include "pappus/library.hpp"
#include "pappus/solver.hpp"

namespace pappus {

struct NeuralProposerOptions {
  std::string model;                         // model file or directory; empty: default_model_path
  int decode_beam = defaults::decode_beam;   // beam width of the decoder
  bool combined = false;                     // the model's candidates first, then the heuristic's
  // The heuristic's candidates and the model's own (its beam of
  // decode_beam clauses) ordered by the model's likelihood of each (the
  // "ranked" proposer; it wins over `combined`): at least rank_pool of the
  // heuristic's are scored per node, by the sum of their tokens'
  // log-probabilities or, with rank_per_token, its mean.
  bool ranked = false;
  int rank_pool = 100;
  bool rank_per_token = false;
  // The model proposes at nodes with at most this many auxiliary points
  // (0: the root only), the heuristic alone deeper; -1: at every node.
  int model_depth = -1;
};

// The path of the plugin, opened if it was not yet; an Error saying why
// when there is none or it does not load.
Expected<std::string> neural_plugin(const Library& library);

// models/proposer under the library's data directory.
std::string default_model_path(const Library& library);

// Loads the model once; the Proposer ("neural", "combined" or "ranked") shares it
// among every solve and thread that uses it. A missing or malformed model
// file is an Error naming it.
Expected<Proposer> load_neural_proposer(const Library& library, const NeuralProposerOptions& options = {});

// ---- Training ---------------------------------------------------------------

struct TrainOptions {
  std::string out;             // directory for model.safetensors, checkpoint.safetensors, vocab.txt, train.log
  bool resume = false;         // continue from out/checkpoint.safetensors
  std::string init;            // start from this model's weights and configuration (fine-tuning); a fresh optimiser
  int context = 512;           // longest token sequence; longer examples are skipped
  int layers = 4;              // transformer blocks
  int heads = 4;               // attention heads per block
  int dim = 256;               // embedding width; a multiple of heads
  int ff = 1024;               // hidden width of each block's MLP
  int steps = 2000;            // optimiser steps in all
  int batch = 32;              // examples per step
  double lr = 1e-3;            // peak learning rate
  double min_lr = 1e-4;        // at the end of the cosine decay
  int warmup = 100;            // linear warm-up steps
  double val_fraction = 0.05;  // of the figures (a record without one: its own), held out for validation
  int val_every = 200;         // steps between validations and checkpoints
  int log_every = 20;          // steps between progress lines
  std::uint64_t seed = 1;      // initialisation, split and data order
  std::string device = "auto"; // cpu, cuda, or auto (CUDA when available)
};

struct TrainResult {
  int steps = 0;
  double train_loss = 0;    // mean over the last progress interval
  double val_loss = 0;      // last validation (0 without a validation set)
  double best_val = 0;
  double tokens_per_s = 0;  // over the whole run
  int train_examples = 0, val_examples = 0, skipped = 0;  // skipped: longer than the context
};

// Trains on the dataset file `data` (JSON Lines, as generate writes) with
// the vocabulary of the library's models/vocab.txt, and writes the files
// of options.out. Progress lines go to `log`. Same data, options and seed
// give the same model.
Expected<TrainResult> train_proposer(const Library& library, const std::string& data, const TrainOptions& options,
                                     const std::function<void(const std::string&)>& log);

// The proposer's vocabulary for this catalogue (the content of models/vocab.txt).
Expected<std::string> proposer_vocabulary(const Library& library);

// ---- Evaluation -------------------------------------------------------------

struct EvaluateOptions {
  int beam = defaults::decode_beam;  // beam width of the decoder
  int limit = 0;                     // pairs evaluated at most (0: all)
  std::uint64_t seed = 1;            // figure seed for the heuristic's ranking
  int rank_pool = 100;               // heuristic candidates the ranked proposer orders
};

// Hits of one proposer on a set of pairs: the target clause is its first
// candidate / among its first 8 (exact match), a clause that builds the
// target's point on the prompt's figure is first / among the first 8.
struct ProposerHits {
  int top1 = 0, top8 = 0, same1 = 0, same8 = 0;
};

// The pairs whose target's first construction is `kind`, and the hits.
struct KindAccuracy {
  std::string kind;      // "midpoint", "foot", ...
  int pairs = 0;         // the neural proposer's top-k are over these
  int figure_pairs = 0;  // whose figure was built: the rest are over these
  ProposerHits neural, heuristic, ranked;
};

// Held-out accuracy: is the target clause the model's first (top-1) or
// among its first eight (top-8)? The heuristic proposer's ranking and the
// ranked proposer's are scored the same way on the figure, which the pairs
// of figure_pairs build; the counts also by the target's construction.
struct EvaluationReport {
  int pairs = 0;                                    // pairs evaluated
  int neural_top1 = 0, neural_top8 = 0;             // target ranked first / among the first 8
  int figure_pairs = 0;                             // pairs whose figure was built (the heuristic's pairs)
  int heuristic_top1 = 0, heuristic_top8 = 0;
  // Same point: a clause that builds the target's point in the prompt's
  // figure is first / among the first 8.
  int neural_same1 = 0, neural_same8 = 0;
  int heuristic_same1 = 0, heuristic_same8 = 0;
  double decode_seconds = 0;                        // beam search time in all
  std::int64_t candidates = 0;                      // clauses decoded in all
  // The ranked proposer (figure_pairs): the heuristic's first rank_pool
  // candidates and the model's beam ordered by the model's log-likelihood,
  // and by its mean per token (length-normalised); ranked_heuristic orders
  // the heuristic's candidates alone.
  ProposerHits ranked, ranked_per_token, ranked_heuristic;
  // The ranked proposer's whole pool (figure_pairs): the target clause is in
  // it / a clause that builds the target's point is: what any order of the
  // pool can reach at best. pool_candidates sums the pools' sizes.
  int pool_exact = 0, pool_same = 0;
  std::int64_t pool_candidates = 0;
  double rank_seconds = 0;                          // scoring time in all
  std::vector<KindAccuracy> kinds;                  // by the target's construction, in name order
};

// Scores the model of `model` (file or directory) on every training pair
// of the dataset file `data`; `progress` gets the pairs done so far.
Expected<EvaluationReport> evaluate_proposer(const Library& library, const std::string& model, const std::string& data,
                                             const EvaluateOptions& options,
                                             const std::function<void(int done)>& progress = {});

}  // namespace pappus
