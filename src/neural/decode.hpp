// Decoding auxiliary constructions from the model, constrained to the
// grammar of one clause over existing points:
//   NEW = CONSTRUCTION ARGS [, CONSTRUCTION ARGS] <eos>
// where NEW is the next canonical point, each CONSTRUCTION takes points
// only and creates exactly one point, its arguments are existing points
// with NEW where the catalogue puts its new point, and a second
// construction is allowed only when both are one-degree-of-freedom (they
// intersect). Beam search and sampling both batch their hypotheses.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dsl/catalogue.hpp"
#include "neural/model.hpp"

namespace pappus::neural {

// The constructions the decoder may emit, by vocabulary id.
struct Grammar {
  struct Rule {
    int token = 0;       // the construction's vocabulary id
    int arity = 0;       // point arguments, the new point included
    int new_at = 0;      // where the new point goes among them
    bool one_dof = false;  // may be joined with another by ','
    std::vector<std::pair<int, int>> distinct;  // argument positions the catalogue requires to differ
  };
  std::vector<Rule> rules;
  std::vector<int> rule_of;  // vocabulary id -> index into rules, or -1
  int max_constructions = 2;

  static Grammar build(const dsl::Catalogue& catalogue, const Vocab& vocab);
};

struct Decoded {
  std::vector<std::string> tokens;  // canonical, "<eos>" excluded
  double logprob = 0;               // sum over the emitted tokens
};

struct DecodeOptions {
  int beam = 8;              // hypotheses kept (beam search) or samples drawn
  double temperature = 1.0;  // sampling only
  std::uint64_t seed = 1;    // sampling only
};

// The `beam` best clauses for a canonical prompt whose points are canonical
// 0..points-1, best first. Every clause follows the grammar.
std::vector<Decoded> beam_search(const Model& model, const Grammar& grammar, const std::vector<std::string>& prompt,
                                 int points, const DecodeOptions& options);
// Up to options.beam distinct sampled clauses, most likely first.
std::vector<Decoded> sample(const Model& model, const Grammar& grammar, const std::vector<std::string>& prompt,
                            int points, const DecodeOptions& options);

}  // namespace pappus::neural
