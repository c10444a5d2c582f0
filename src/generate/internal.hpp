// The generator's stages, shared by its files: random figures (sample.cpp),
// the theorems a figure's engines prove (claims.cpp), their statements in
// canonical names (canonical.cpp), their verification on fresh diagrams
// (verify.cpp); run.cpp puts them together per figure and over threads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagram/diagram.hpp"
#include "generate/generate.hpp"
#include "proof/proof.hpp"
#include "util/rng.hpp"

namespace pappus::generate {

// An error with a message only (no file location).
Error failure(std::string message);

// a, b, ..., z, a1, ..., z1, a2, ...: the names every example uses, in
// order of first appearance.
std::string canonical_name(std::size_t k);

std::uint64_t fnv1a(std::string_view s);

// ---- Random figures (sample.cpp) -------------------------------------------

struct Choice {
  int index = -1;
  double weight = 0;
};

// The constructions a figure is drawn from, with their weights.
class Sampler {
 public:
  static Expected<Sampler> make(const GenerateOptions& options, const dsl::Catalogue& catalogue);

  const dsl::Construction& pick_base(const dsl::Catalogue& cat, Rng& rng) const { return cat.at(pick(base_, rng)); }
  const dsl::Construction& pick_point(const dsl::Catalogue& cat, Rng& rng) const { return cat.at(pick(point_, rng)); }
  const dsl::Construction* pick_one_dof(const dsl::Catalogue& cat, Rng& rng) const {
    return one_dof_.empty() ? nullptr : &cat.at(pick(one_dof_, rng));
  }

 private:
  static int pick(const std::vector<Choice>& v, Rng& rng);

  std::vector<Choice> base_, point_, one_dof_;
};

// "name args" of one construction placing point `x` (or all new points
// from `first_new` on), inputs drawn from the first `existing` names.
std::optional<std::string> construction_text(const dsl::Construction& c, std::size_t existing, std::size_t first_new,
                                             Rng& rng);

// One stage of a figure: its first clauses, with their diagram.
struct Figure {
  Problem problem;
  Diagram diagram;
};
using Stages = std::vector<std::unique_ptr<Figure>>;

// The figure clause by clause: stage k holds the first k + 1 clauses.
std::optional<Stages> sample_figure(const Sampler& sampler, const GenerateOptions& o, const dsl::Catalogue& cat,
                                    Rng& rng);

// The weight of each goal form (goal_form) when a figure's theorems are
// picked (verify.cpp): the default mix changed by the options' goal_mix; an
// error for an unknown name or a bad weight.
using GoalWeights = std::map<std::string, double, std::less<>>;
Expected<GoalWeights> goal_weights(const GenerateOptions& options);

// ---- Candidate theorems in canonical names (canonical.cpp) -----------------

// The clauses a statement needs, split into premises (what the statement's
// points are built from) and auxiliary clauses (what else the proof uses).
struct Split {
  std::vector<int> premises, aux;  // clause indices, in problem order
};

// Which clauses the points of a problem are built on.
class Dependencies {
 public:
  explicit Dependencies(const Problem& p);
  // `clauses` and every clause they are built on.
  std::set<int> closure(std::set<int> clauses) const;
  std::set<int> of_points(const std::vector<PointId>& pts) const;

 private:
  const Problem& problem_;
  std::vector<int> defined_by_;
};

// The arguments of a goal in canonical order: normal order (normalize), and
// for eqangle and eqratio ab:cd = pq:rs the smallest of the arrangements
// that state the same equation (the sides exchanged, each inverted,
// alternando ab:pq = cd:rs).
std::vector<PointId> canonical_goal_args(Pred pred, std::span<const PointId> args);

// An eqangle or eqratio ab:cd = pq:rs whose two sides of the equation
// ab + rs = cd + pq share a term (ab:cd = pq:cd, ab:ab = pq:rs, ...): a
// para or cong of the other two restated, not a theorem of its own.
bool restates_two_terms(Pred pred, std::span<const PointId> args);

// A candidate theorem in canonical names, before verification.
struct Candidate {
  Pred pred = Pred::Coll;  // the goal's predicate
  std::string form;        // goal_form of the statement
  std::string premises;
  std::vector<std::string> aux;
  std::string goal;
  int points = 0;
  std::string problem_text() const { return premises + " ? " + goal; }
  std::string key() const {
    std::string k = premises;
    for (const auto& a : aux) k += " | " + a;
    return k + " ? " + goal;
  }
};

// Fact `f` of problem `p` as a theorem over the clauses of `split`.
// Symmetric arguments of its constructions (the catalogue's `symmetric`)
// and the goal in canonical order.
Candidate canonical(const Problem& p, const Split& split, const engine::Fact& f, const dsl::Catalogue& cat);

// ---- Theorems of a figure (claims.cpp) -------------------------------------

// What the stages of a figure prove: candidates whose proof needs auxiliary
// clauses, and plain ones.
struct Candidates {
  std::vector<Candidate> with_aux, plain;
};

// Saturates the figure stage by stage and collects its theorems into
// `result` (stop reason and counts) and the returned candidates; random
// auxiliary points come from `sampler` and `rng`.
Candidates collect_candidates(const Stages& stages, const Sampler& sampler, const GenerateOptions& o,
                              const dsl::Catalogue& cat, const engine::RuleBook& rules, Rng& rng,
                              FigureResult& result, const std::atomic<bool>* cancel);

// ---- Verification (verify.cpp) ---------------------------------------------

// Examples of figure `result.index` picked from the candidates (auxiliary
// ones first): at most `per_figure` of them, goal predicates taken by the
// goal weights, the least picked first, ties and candidates drawn with
// `rng`; plain ones cut to the auxiliary share. Each is proved again on a
// fresh diagram by its own sub-problem; an auxiliary one only when DDAR
// (solve's default limits) does not prove it without its auxiliary clauses
// on two diagrams.
void verify_candidates(Candidates& candidates, const GenerateOptions& o, const dsl::Catalogue& cat,
                       const engine::RuleBook& rules, Rng& rng, FigureResult& result,
                       const std::atomic<bool>* cancel);

}  // namespace pappus::generate
