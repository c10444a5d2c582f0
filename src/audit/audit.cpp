#include "audit/audit.hpp"

#include <deque>
#include <memory>
#include <optional>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "geometry/predicate.hpp"
#include "problem/parser.hpp"
#include "proof/configuration.hpp"
#include "proof/proof.hpp"

namespace pappus::audit {

namespace {

// Whether the statement holds on `figure`; nullopt when one of its points
// is not placed there.
std::optional<bool> holds_on(const Diagram& figure, Pred pred, const std::vector<PointId>& args,
                             const std::optional<Constant>& number) {
  std::vector<geo::Vec2> pts;
  for (PointId p : args) {
    if (p.value >= figure.points.size() || !figure.built[p.value]) return std::nullopt;
    pts.push_back(figure.at(p));
  }
  return holds(pred, pts, number ? number->value : 0);
}

std::string statement(const Problem& problem, Pred pred, const std::vector<PointId>& args,
                      const std::optional<Constant>& number) {
  std::string s(predicate_info(pred).name);
  for (PointId p : args) s += " " + problem.point_name(p);
  if (number) s += " " + number->text;
  return s;
}

// Second figures of one problem (auxiliary clauses included), drawn with
// seeds seed, seed + 1, ... as they are asked for.
class SecondFigures {
 public:
  static constexpr int kTries = 30;
  SecondFigures(const Problem& problem, const dsl::Catalogue& catalogue, std::uint64_t seed)
      : problem_(problem), catalogue_(catalogue), seed_(seed) {}

  // The first sample, whatever its configuration.
  const Diagram* first() { return at(0); }
  // The first sample in `config` (proof/configuration.hpp) on which the
  // problem's goals hold, or null when none of kTries samples is.
  const Diagram* in(const proof::Configuration& config) {
    for (int k = 0; k < kTries; ++k) {
      const Diagram* f = at(k);
      if (f && f->all_goals_hold() && proof::first_difference(config, problem_, *f).empty()) return f;
    }
    return nullptr;
  }

 private:
  const Diagram* at(int k) {
    while (static_cast<int>(samples_.size()) <= k) {
      DiagramOptions dopt;
      dopt.seed = seed_ + samples_.size();
      dopt.include_auxiliary = true;
      auto figure = build_diagram(problem_, catalogue_, dopt);
      samples_.push_back(figure ? std::optional<Diagram>(std::move(*figure)) : std::nullopt);
    }
    return samples_[static_cast<std::size_t>(k)] ? &*samples_[static_cast<std::size_t>(k)] : nullptr;
  }

  const Problem& problem_;
  const dsl::Catalogue& catalogue_;
  std::uint64_t seed_;
  std::deque<std::optional<Diagram>> samples_;  // a deque: figures handed out stay where they are
};

}  // namespace

}  // namespace pappus::audit

namespace pappus {

void AuditReport::add(const AuditReport& o) {
  problems += o.problems;
  proved += o.proved;
  rejected += o.rejected;
  steps += o.steps;
  steps_false += o.steps_false;
  no_second_figure += o.no_second_figure;
  figures += o.figures;
  examples += o.examples;
  examples_rejected += o.examples_rejected;
  example_steps += o.example_steps;
  facts += o.facts;
  facts_false += o.facts_false;
  facts_other_configuration += o.facts_other_configuration;
  figures_unbuilt += o.figures_unbuilt;
  failures.insert(failures.end(), o.failures.begin(), o.failures.end());
}

}  // namespace pappus

namespace pappus::audit {

AuditReport audit_problem(const Problem& problem, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                          search::Proposer& proposer, const Options& options, const std::atomic<bool>* cancel) {
  AuditReport report;
  const std::string where = problem.name.empty() ? "(unnamed)" : problem.name;
  auto outcome = pipeline::solve(problem, catalogue, rules, proposer, options.pipeline, cancel);
  if (!outcome) return report;
  ++report.problems;
  if (!outcome->proof) return report;
  const search::Node& node = outcome->node();
  if (outcome->proved()) {
    ++report.proved;
  } else {
    ++report.rejected;
    report.failures.push_back({where, "checker rejected: " + outcome->check.message});
  }
  // A second figure in the configuration the proof speaks of.
  SecondFigures seconds(node.problem, catalogue, options.pipeline.diagram.seed + options.second_seed);
  const Diagram* figure = seconds.in(proof::configuration_of(*outcome->proof, rules));
  if (!figure) {
    ++report.no_second_figure;
    return report;
  }
  for (const proof::Step& s : outcome->proof->steps) {
    const auto ok = holds_on(*figure, s.pred, s.args, s.number_arg);
    if (!ok) continue;
    ++report.steps;
    if (*ok) continue;
    ++report.steps_false;
    report.failures.push_back({where, "step " + std::to_string(s.number) + " (" +
                                          proof::statement_text(node.problem, s) + ") is false on a second figure"});
  }
  return report;
}

AuditReport audit_figure(std::int64_t index, const dsl::Catalogue& catalogue, const engine::RuleBook& rules,
                         const Options& options, const std::atomic<bool>* cancel) {
  AuditReport report;
  const std::string where = "figure " + std::to_string(index);
  const generate::FigureResult made = generate::generate_figure(index, options.generate, catalogue, rules, cancel);
  if (made.text.empty()) return report;
  ++report.figures;
  report.examples += static_cast<std::int64_t>(made.examples.size());
  report.examples_rejected += made.checker_rejected;
  for (const generate::Example& e : made.examples) report.example_steps += e.proof_steps;
  if (made.checker_rejected > 0)
    report.failures.push_back({where, std::to_string(made.checker_rejected) +
                                          " example proofs rejected by the checker: " + made.text});

  // The whole figure saturated on one figure, every fact evaluated on another.
  auto problem = parse_problem(made.text, catalogue);
  if (!problem) {
    ++report.figures_unbuilt;
    return report;
  }
  const std::uint64_t seed = options.generate.seed ^ (static_cast<std::uint64_t>(index) * 0x9e3779b97f4a7c15ULL);
  DiagramOptions dopt;
  dopt.seed = seed;
  auto first = build_diagram(*problem, catalogue, dopt);
  SecondFigures seconds(*problem, catalogue, seed + options.second_seed);
  const Diagram* second = seconds.first();
  if (!first || !second) {
    ++report.figures_unbuilt;
    return report;
  }
  engine::Engine eng(*problem, *first, catalogue, rules, options.generate.engine());
  eng.run(cancel);
  for (std::size_t i = 0; i < eng.facts().size(); ++i) {
    const engine::Fact& f = eng.facts()[i];
    auto ok = holds_on(*second, f.pred, f.args, f.number);
    if (!ok) continue;
    if (!*ok) {
      // False there: the second figure may be another arrangement than the
      // one the fact's derivation assumes. Evaluate it on a figure in that
      // configuration instead, when one is found.
      const proof::Proof derivation = proof::extract(eng, {engine::FactId(static_cast<std::uint32_t>(i))});
      const proof::Configuration config = proof::configuration_of(derivation, rules);
      if (!proof::first_difference(config, *problem, *second).empty()) {
        const Diagram* same = seconds.in(config);
        if (!same) {
          ++report.facts_other_configuration;
          continue;
        }
        ok = holds_on(*same, f.pred, f.args, f.number);
        if (!ok) continue;
      }
    }
    ++report.facts;
    if (*ok) continue;
    ++report.facts_false;
    report.failures.push_back({where, statement(*problem, f.pred, f.args, f.number) +
                                          " is false on a second figure in its configuration: " + made.text});
  }
  return report;
}

}  // namespace pappus::audit
