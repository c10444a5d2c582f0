// Training the proposer model on a JSON Lines dataset (format in
// models/README.md): train/validation split by figure, AdamW with linear
// warm-up and cosine decay, gradient clipping, periodic validation and
// checkpoints, resume. Same data, options and seed give the same model.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "generate/pairs.hpp"
#include "neural/model.hpp"
#include "neural/tokenizer.hpp"
#include "pappus/error.hpp"
#include "pappus/neural.hpp"

namespace pappus::neural {

// The dataset's pairs (generate/pairs.hpp).
using Example = generate::TrainingPair;
using Record = generate::PairRecord;
using generate::read_dataset;

struct TrainOptions {
  std::string out;            // directory for model.safetensors, checkpoint.safetensors, vocab.txt, train.log
  bool resume = false;        // continue from out/checkpoint.safetensors
  std::string init;           // start from this model's weights and configuration (fine-tuning); not with resume
  ModelConfig config;         // vocab is set from the vocabulary
  int steps = 2000;           // optimiser steps in all
  int batch = 32;             // examples per step
  double lr = 1e-3;           // peak learning rate
  double min_lr = 1e-4;       // at the end of the cosine decay
  int warmup = 100;           // linear warm-up steps
  double weight_decay = 0.1;  // on matrices and embeddings only
  double clip = 1.0;          // gradient norm limit
  double val_fraction = 0.05; // of the figures, held out
  int val_every = 200;        // steps between validations and checkpoints
  int log_every = 20;         // steps between progress lines
  std::uint64_t seed = 1;     // initialisation, split and data order
  std::string device = "auto";
};

// The public result (pappus/neural.hpp) is what training fills.
using TrainResult = pappus::TrainResult;

// Trains and writes the files of `options.out`. Progress lines go to `log`.
Expected<TrainResult> train(const std::vector<Record>& data, const Vocab& vocab, const TrainOptions& options,
                            const std::function<void(const std::string&)>& log);

}  // namespace pappus::neural
