// Proposers of auxiliary constructions: given a problem, its figure and the
// saturated engine, candidate clauses in the problem language, best first.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "pappus/problem.hpp"
#include "search/ranker.hpp"

namespace pappus::search {

struct Candidate {
  std::string clause;  // "aux1 = midpoint aux1 a b"
  double score = 0;    // the ranking's score (the learned one's when there is one; fused orders interleave two)
  std::string kind;    // "midpoint", "foot", ... for statistics
  // Where the new point lands on the parent's figure, as the heuristic
  // proposer placed it: one point; two when the clause meets two curves in
  // two new points (the figure's seed picks one); none for a point placed at
  // random on a curve, and for proposers that do not place their candidates.
  // Two candidates of one proposal never land on the same point, and none
  // lands on a point of the figure.
  std::vector<geo::Vec2> at;
};

// Why a candidate the heuristic proposer built was not returned.
enum class Rejection : unsigned char {
  Degenerate,      // a precondition of a construction fails (equal points, collinear triangle, ...)
  NoIntersection,  // its two curves do not meet (parallel lines, disjoint circles)
  OnExistingPoint, // it lands on (or too near) a point of the figure
  Duplicate,       // it lands where a better-ranked candidate does
  TooFar,          // it lands far outside the figure (or at no finite point)
  FactFails,       // a fact of its constructions is false where it lands (a ray that misses)
};
inline constexpr int kRejections = 6;
// "degenerate", "no intersection", "on an existing point", "duplicate", "too far", "fact fails".
const char* to_string(Rejection r);

// What one proposal (or a sum of them) did with the candidates it built.
struct ProposalStats {
  std::int64_t generated = 0;                         // candidates built
  std::array<std::int64_t, kRejections> rejected{};   // by reason (index: Rejection)
  std::int64_t beyond_limit = 0;                      // valid and distinct, but past the limit asked for
  std::int64_t returned = 0;                          // handed to the caller
  std::map<std::string, std::int64_t> returned_by_kind;  // returned, by Candidate::kind

  std::int64_t rejected_total() const;
  ProposalStats& operator+=(const ProposalStats& other);
};

// Candidates with the counts behind them.
struct Proposal {
  std::vector<Candidate> candidates;  // best first
  ProposalStats stats;
};

class Proposer {
 public:
  virtual ~Proposer() = default;
  virtual std::string name() const = 0;
  // At most `limit` candidates for a new point called `point`, best first.
  virtual std::vector<Candidate> propose(const Problem& problem, const Diagram& diagram,
                                         const engine::Engine& engine, const std::string& point, int limit) = 0;
  // The same with the counts of candidates built and rejected by reason;
  // proposers that do not count return empty stats (returned set).
  virtual Proposal propose_counted(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                   const std::string& point, int limit);
};

// How many objects and candidates the heuristic proposer considers.
struct HeuristicOptions {
  int max_lines = 40;       // lines of the figure, most spoken of first
  int pair_lines = 12;      // lines of the quadratic families (parallel through p meeting m, ...)
  int max_circles = 16;     // circles of the figure
  int max_triangles = 16;   // triangles (incenter, orthocenter, ...)
  int max_segments = 16;    // segments (perpendicular bisectors)
  int isogonal_points = 8;  // points whose isogonal conjugates are proposed, per triangle
  int random_points = 4;    // points at random on the best lines and circles (each)
  std::uint64_t seed = 1;   // for constructions that sample
  // The learned ranking (search/ranker.hpp); null: the hand-tuned score.
  std::shared_ptr<const Ranker> ranker;
  // With a ranker: its order and the hand-tuned one in turn (the first of
  // each, then the second of each, ...); false: the ranker's order alone.
  bool fuse = true;
  // The ranker orders the candidates of nodes with at most this many
  // auxiliary points (0: the root only); deeper, the hand-tuned score.
  int ranker_depth = 16;
};

// A placed candidate with its ranking features (before duplicates and the
// limit are dropped): the learned ranking's training data.
struct FeaturedCandidate {
  std::string clause;
  std::vector<geo::Vec2> at;  // as Candidate::at, before duplicates are dropped
  bool random = false;        // placed at random on one curve
  double heuristic = 0;       // the hand-tuned score
  Features features;
};

// The constructions a geometer reaches for, built from the objects of the
// saturated figure (its lines and circles, derived ones included), placed
// on the figure to drop degenerate and duplicate ones, and ranked by cheap
// features: goal points touched, objects the new point lands on, objects
// the goal speaks of, the construction's kind. Thread-safe (no state).
class HeuristicProposer final : public Proposer {
 public:
  HeuristicProposer() = default;
  explicit HeuristicProposer(HeuristicOptions options) : options_(options) {}
  // With the catalogue whose recipes place the candidates; without one, the
  // catalogue of the engine it proposes for (the one the problem was parsed with).
  explicit HeuristicProposer(const dsl::Catalogue& catalogue, HeuristicOptions options = {})
      : options_(options), catalogue_(&catalogue) {}
  std::string name() const override { return "heuristic"; }
  std::vector<Candidate> propose(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                                 const std::string& point, int limit) override;
  Proposal propose_counted(const Problem& problem, const Diagram& diagram, const engine::Engine& engine,
                           const std::string& point, int limit) override;
  // Every candidate that places, in the families' order, with its features.
  std::vector<FeaturedCandidate> featured(const Problem& problem, const Diagram& diagram,
                                          const engine::Engine& engine, const std::string& point) const;

 private:
  HeuristicOptions options_;
  const dsl::Catalogue* catalogue_ = nullptr;  // not owned; null: the default catalogue
};

}  // namespace pappus::search
