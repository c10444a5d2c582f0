// The heuristic proposer's learned ranking: a linear model, with an
// optional hidden layer of rectified units beside it, over sparse features
// of a placed candidate (its construction kind, the goal's
// predicate, how many goal points it uses, the figure's objects it lands
// on, and the relations its point makes with the goal's points: equal
// distances, collinear, concyclic, perpendicular, parallel, midpoint),
// trained on generated (prompt, auxiliary clause) pairs to put first the
// candidates that build the auxiliary point (listwise softmax loss).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "pappus/error.hpp"

namespace pappus::search {

// One candidate's features: (index, value) pairs, indices below
// ranker_feature_count().
using Features = std::vector<std::pair<int, float>>;

int ranker_feature_count();
// "kind=midpoint", "goal=cyclic*kind=circle", ... (stable: the weights file
// names its features, so a file outlives changes of the layout).
std::string ranker_feature_name(int index);

// The goal's predicate, as the features know it.
inline constexpr int kGoalKinds = 11;  // coll cyclic para perp cong eqangle eqratio midp simtri contri other
int goal_kind(const std::string& predicate);

// Relations of a candidate's point x with the goal's points g, h, k:
// |xg| = |xh|, x g h collinear, x g h k concyclic, xg perpendicular to hk,
// xg parallel to hk, x the midpoint of gh.
inline constexpr int kRelations = 6;
// Relations of x with the goal's segments pq (their lines, sides): x on
// line pq, x the midpoint of pq, |xp| = |xq|, xg parallel to pq, xg
// perpendicular to pq (g a goal point).
inline constexpr int kSegmentRelations = 5;

// What a candidate's features are made of.
struct CandidateFacts {
  int kind = 0;              // search::Kind
  int goal = kGoalKinds - 1; // goal_kind of the first goal
  int touched = 0;           // goal points among its inputs
  int inputs = 0;            // its input points
  int extra = 0;             // figure objects it lands on beyond its own
  int goal_objects = 0;      // figure lines and circles through two goal points it lands on
  double prior = 0;          // how much the figure speaks of its inputs
  double heuristic = 0;      // the hand-tuned score
  std::array<int, kRelations> relations{};
  std::array<int, kSegmentRelations> segment_relations{};
  int goal_segment_inputs = 0;  // pairs of its inputs that are goal segments
  int input_weight = 0;      // how much the facts speak of its inputs' pairs, 0 to 3 (the most of any pair)
  int distance = 0;          // from the figure's center in its sizes: 0 (< 0.5), 1 (< 1), 2 (< 2), 3
  bool random = false;       // placed at random on one curve
  bool two_uses = false;     // two constructions that meet
};
Features features_of(const CandidateFacts& c);

// score(x) = w.x + sum_j out_j max(0, bias_j + in_j.x): the linear part
// alone when there are no hidden units (the hidden layer combines features,
// say a kind with a relation and a goal, that a linear model cannot).
class Ranker {
 public:
  explicit Ranker(int hidden = 0);  // every weight zero
  double score(const Features& f) const;
  int hidden() const { return hidden_; }
  std::vector<float>& weights() { return w_; }
  const std::vector<float>& weights() const { return w_; }
  // Feature f's weight into unit j: in()[f * hidden() + j].
  std::vector<float>& in() { return in_; }
  const std::vector<float>& in() const { return in_; }
  std::vector<float>& bias() { return bias_; }
  const std::vector<float>& bias() const { return bias_; }
  std::vector<float>& out() { return out_; }
  const std::vector<float>& out() const { return out_; }
  // "name<TAB>weight" lines, '#' comments; with hidden units a "hidden<TAB>H"
  // line, "unit_bias" and "unit_out" lines of H values and a feature's H
  // weights into the units after its own. A name the layout lacks is an
  // error naming its line (a file of another build).
  static Expected<Ranker> parse(const std::string& text);
  std::string write(const std::string& comment) const;  // non-zero weights only

 private:
  std::vector<float> w_;
  int hidden_ = 0;
  std::vector<float> in_, bias_, out_;
};

// One pair's candidates for training: features and whether it builds the
// target's point.
struct RankGroup {
  std::int64_t figure = -1;       // for the split
  std::vector<Features> items;
  std::vector<char> positive;
};

struct RankTrainOptions {
  int epochs = 8;
  double lr = 0.05;            // Adagrad
  double l2 = 1e-5;
  int hidden = 0;              // hidden units (0: linear)
  std::uint64_t seed = 1;      // order of the groups, the hidden layer's start
};

// Minimises the listwise softmax loss (-log of the positives' share of the
// softmax over a group's scores) over the groups with a positive; `log`
// gets a line per epoch.
Ranker train_ranker(const std::vector<RankGroup>& groups, const RankTrainOptions& options,
                    const std::vector<RankGroup>& validation, const std::function<void(const std::string&)>& log);

// The groups as text (to train again without preparing them: a "source"
// line saying what they were prepared from, then "group FIGURE ITEMS"
// lines, each item "LABEL index:value ..."), and back (the source line's
// text in `source`); a file of another feature layout is an error.
std::string write_groups(const std::vector<RankGroup>& groups, const std::string& source);
Expected<std::vector<RankGroup>> parse_groups(const std::string& text, std::string* source = nullptr);

// Of a group's positives, the best rank (0-based) by the ranker's scores,
// or -1 without a positive; ties count against the positive.
int best_positive_rank(const Ranker& ranker, const RankGroup& group);

}  // namespace pappus::search
