// The differential soundness audit (the public face: pappus/audit.hpp,
// Solver::audit and Solver::audit_figure): proofs and derived facts checked
// by means that share nothing with the engine that produced them.
//
// * A problem goes through the pipeline; its proof must pass the checker
//   (which re-derives each step on its own fresh figure), and every step's
//   statement is evaluated again on a second figure drawn with another seed.
// * A generated figure (the data generator's sampler) gives examples whose
//   proofs the generator has checked (rejections are counted), and is
//   saturated whole: every fact the engine knows, derived or given, is
//   evaluated on a second figure of the same clauses.
//
// A sound engine gives zero rejections and zero false statements.
#pragma once

#include <atomic>
#include <cstdint>

#include "dsl/catalogue.hpp"
#include "engine/rulebook.hpp"
#include "generate/generate.hpp"
#include "pappus/audit.hpp"
#include "pappus/problem.hpp"
#include "pipeline/pipeline.hpp"
#include "search/proposer.hpp"

namespace pappus::audit {

struct Options {
  pipeline::Options pipeline;          // how problems are solved (its diagram seed: the engine's figure)
  std::uint64_t second_seed = 7919;    // added to the figure seed for the second figure
  generate::GenerateOptions generate;  // how figures are sampled and examples made
};

// Solves one problem and audits its proof (nothing when it is not proved).
AuditReport audit_problem(const Problem& problem, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                          search::Proposer& proposer, const Options& options, const std::atomic<bool>* cancel = nullptr);

// Samples generated figure `index` (options.generate), makes its examples
// and audits the figure's saturation.
AuditReport audit_figure(std::int64_t index, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                         const Options& options, const std::atomic<bool>* cancel = nullptr);

}  // namespace pappus::audit
