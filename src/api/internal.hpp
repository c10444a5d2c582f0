// Shared by the facade's implementation (src/api/*.cpp): the loaded data,
// the one place where statements written by users become internal
// statements and back, and where public options and results meet the
// pipeline's.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "generate/generate.hpp"
#include "pappus/generate.hpp"
#include "pappus/solver.hpp"
#include "pipeline/pipeline.hpp"
#include "proof/proof.hpp"
#include "search/proposer.hpp"
#include "search/ranker.hpp"

namespace pappus {

struct Library::Data {
  dsl::Catalogue catalogue;  // constructions
  engine::RuleBook rules;    // theorems
  std::string data_dir;      // where both were read
  // The learned ranking's weights (data_dir/models/ranker.tsv), read by the
  // first solve that asks for the "learned" proposer by name.
  mutable std::mutex ranker_mutex;
  mutable std::shared_ptr<const search::Ranker> ranker;
};

// The facade's way into a Library (its one friend besides Solver).
struct LibraryAccess {
  static const std::shared_ptr<const Library::Data>& data(const Library& library) { return library.data_; }
};

// What a Proposer other than the built-in heuristic one carries: a maker of
// the proposers one search uses (src/api/neural.cpp, in pappus_neural).
struct Proposer::Source {
  virtual ~Source() = default;
  // A proposer for one solve, used by the search's threads in turn.
  virtual std::unique_ptr<search::Proposer> make() const = 0;
};

// What Proof::html() renders: the proving node's problem and figure, and
// the derivation.
struct Proof::Data {
  Problem problem;
  Diagram figure;
  proof::Proof proof;
};

namespace api {

// A statement with its predicate resolved: what the engine and the matcher take.
struct Claim {
  Statement statement;  // as parsed, over the problem's points
  Pred pred = Pred::Coll;
  std::vector<PointId> args;
  std::optional<Constant> number;
};

// Parses statements ("perp a b c d"; several separated by ';' or ',') over
// the points of `problem`; errors give the column within `text`, plus
// `column_offset` (where `text` starts in what the user wrote).
Expected<std::vector<Claim>> parse_claims(std::string_view text, const Problem& problem, const dsl::Catalogue& catalogue,
                                          int column_offset = 0);

// A key equal for statements that say the same in another argument order.
std::string claim_key(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number);

// The problem with its goals replaced.
Problem with_goals(const Problem& problem, const std::vector<Claim>& goals);

// The search's proposer that `proposer` names ("learned" by name: the
// weights of `data`'s directory); an unknown name is an Error.
Expected<std::unique_ptr<search::Proposer>> make_proposer(const Proposer& proposer, const Library::Data& data);

// Where a data directory keeps the learned ranking's weights.
std::string ranker_path(const std::string& data_dir);

// The learned ranking's weights in the file `path`.
Expected<std::shared_ptr<const search::Ranker>> read_ranker(const std::string& path);

// The heuristic proposer ordered by `ranker` at nodes with at most `depth`
// auxiliary points.
std::unique_ptr<search::Proposer> learned_proposer(std::shared_ptr<const search::Ranker> ranker, int depth);

// The pipeline's options for a solve (figure seed, deduction limits, the
// search; progress reported from `t0` on).
pipeline::Options pipeline_options(const SolveOptions& options);

// A figure as coordinates.
Figure make_figure(const Problem& problem, const Diagram& diagram);

// The public result of a pipeline run whose search had `depth`.
SolveResult make_result(const pipeline::Outcome& outcome, const Problem& problem, int depth);

// internal -> public stop reason; Saturated after a search means it was exhausted.
StopReason stop_reason(engine::StopReason reason, bool searched);

// The generator's options.
generate::GenerateOptions generate_options(const GenerateOptions& options);

}  // namespace api
}  // namespace pappus
