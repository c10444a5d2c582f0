// The facade of the soundness audit (src/audit): Solver::audit and
// Solver::audit_figure.
#include "pappus/audit.hpp"

#include "api/internal.hpp"
#include "audit/audit.hpp"

namespace pappus {

namespace {

audit::Options audit_options(const AuditOptions& options) {
  audit::Options out;
  out.pipeline = api::pipeline_options(options.solve);
  out.second_seed = options.second_seed;
  out.generate = api::generate_options(options.figures);
  return out;
}

}  // namespace

Expected<AuditReport> Solver::audit(const Problem& problem, const AuditOptions& options) {
  const std::atomic<bool>* cancel = begin(options.solve);
  auto proposer = api::make_proposer(options.solve.proposer, *data_);
  if (!proposer) return proposer.error();
  return audit::audit_problem(problem, data_->catalogue, data_->rules, **proposer, audit_options(options), cancel);
}

AuditReport Solver::audit_figure(std::int64_t index, const AuditOptions& options) {
  const std::atomic<bool>* cancel = begin(options.solve);
  return audit::audit_figure(index, data_->catalogue, data_->rules, audit_options(options), cancel);
}

}  // namespace pappus
