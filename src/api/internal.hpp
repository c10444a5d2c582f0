// Shared by the facade's implementation (src/api/*.cpp): the loaded data,
// and the one place where statements written by users become internal
// statements and back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "pappus/solver.hpp"
#include "proof/proof.hpp"
#include "proof/checker.hpp"
#include "search/search.hpp"

namespace pappus {

struct Library::Data {
  dsl::Catalogue catalogue;  // constructions
  engine::RuleBook rules;    // theorems
  std::string data_dir;      // where both were read
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

// The public proof of a solved search node.
Proof make_proof(const proof::Proof& proof, const search::Node& node, const proof::CheckResult& checked);

// internal -> public stop reason.
StopReason stop_reason(engine::StopReason reason, bool searched);

}  // namespace api
}  // namespace pappus
