// Problems and constructions as token sequences for the proposer model.
//
// Text is split on blanks after spacing out ';', '?', '=' and ','. Point
// names are canonicalised: renamed a, b, ..., z, a1, ..., z1, a2, ... in
// order of first appearance, so the model always sees the same names for the
// same roles. Numbers become one token, <num>. The format is documented in
// models/README.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/catalogue.hpp"
#include "generate/pairs.hpp"
#include "pappus/error.hpp"

namespace pappus::neural {

// Special tokens, always the first ids of a vocabulary, in this order.
inline constexpr std::string_view kPad = "<pad>", kBos = "<bos>", kSep = "<sep>", kEos = "<eos>", kUnk = "<unk>",
                                  kNum = "<num>";
// Canonical point names in the vocabulary: a..z, then a1..z1, a2..z2, a3..z3.
inline constexpr int kMaxPoints = 104;

// The canonical name of the i-th point: a, ..., z, a1, ..., z1, a2, ...
std::string canonical_point_name(int i);
// Whether a token is a number (60, 1/2, 1pi/3, 2.5, 30o).
bool is_number_token(std::string_view token);
// The problem part of a prompt and its number of facts (generate/pairs.hpp).
using generate::prompt_fact_count;
using generate::prompt_problem;
// Splits problem text into tokens.
std::vector<std::string> split_tokens(std::string_view text);
// Tokens back to text: "a b = c d; e = f, g ? h".
std::string join_tokens(const std::vector<std::string>& tokens);

class Vocab {
 public:
  // The vocabulary for a catalogue: special tokens, punctuation, every
  // construction name and alias, every predicate name, canonical points.
  static Vocab build(const dsl::Catalogue& catalogue);
  // One token per line; the first lines must be the special tokens.
  static Expected<Vocab> parse(std::string_view text, const std::string& file);
  static Expected<Vocab> load(const std::string& path);
  std::string to_text() const;

  int size() const { return static_cast<int>(tokens_.size()); }
  const std::string& token(int id) const { return tokens_[id]; }
  // The id of a token; <unk> when it is not in the vocabulary.
  int id(std::string_view token) const;
  bool contains(std::string_view token) const { return ids_.count(std::string(token)) != 0; }
  // The id of canonical point i (i < kMaxPoints).
  int point(int i) const { return first_point_ + i; }
  // The canonical point index of a token id, or -1.
  int point_index(int id) const;
  const std::vector<std::string>& tokens() const { return tokens_; }

  static constexpr int kPadId = 0, kBosId = 1, kSepId = 2, kEosId = 3, kUnkId = 4, kNumId = 5;

 private:
  std::vector<std::string> tokens_;
  std::unordered_map<std::string, int> ids_;
  int first_point_ = -1;  // id of "a"; canonical points are contiguous
};

// A token sequence with its points renamed canonically, and the way back.
struct Canonical {
  std::vector<std::string> tokens;    // renamed
  std::vector<std::string> original;  // original[i]: the name canonical point i had
};

// Renames the points of `tokens` in order of first appearance; `known`
// names take the first canonical names, in order. A token is a point by
// its position: not a construction or predicate name (after '=', ',', '?',
// or ';' among goals), not punctuation, not a number (numbers become <num>).
Canonical canonicalise(const std::vector<std::string>& tokens, const std::vector<std::string>& known = {});

// Canonical tokens of one training pair: prompt and target renamed with one
// map (the target's new point continues the prompt's sequence).
struct EncodedPair {
  std::vector<std::int64_t> ids;  // <bos> prompt <sep> target <eos>
  int target_start = 0;           // index in ids of the first target token
  int points = 0;                 // distinct points of the prompt
};
EncodedPair encode_pair(std::string_view prompt, std::string_view target, const Vocab& vocab);
// <bos> prompt <sep>, for decoding.
std::vector<std::int64_t> encode_prompt(const std::vector<std::string>& canonical_prompt, const Vocab& vocab);
// Distinct canonical points among tokens (the highest index + 1).
int count_points(const std::vector<std::string>& canonical_tokens, const Vocab& vocab);

}  // namespace pappus::neural
