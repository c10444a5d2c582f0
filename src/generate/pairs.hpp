// Training pairs of a dataset file (JSON Lines, format in models/README.md):
// what the proposer's trainer and the learned ranking read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pappus/error.hpp"

namespace pappus::generate {

struct TrainingPair {
  std::string prompt;  // premises (and earlier auxiliary clauses) ? goal
  std::string target;  // the next auxiliary clause
};

// One line of the dataset: a problem and its training pairs.
struct PairRecord {
  std::string id;
  std::int64_t figure = -1;  // the generator's figure index; -1 when the line has none
  std::vector<TrainingPair> pairs;
};

// Reads a dataset; a line that is not a JSON object with a "train" array
// of {"prompt", "target"} strings is an error at file:line.
Expected<std::vector<PairRecord>> read_dataset(const std::string& path);

// A prompt of format version 2 carries derived facts after its goal:
// "premises ? goal | fact; fact". The problem part (what parses as a
// problem: the whole of a version 1 prompt), and the number of facts.
std::string_view prompt_problem(std::string_view prompt);
int prompt_fact_count(std::string_view prompt);

}  // namespace pappus::generate
