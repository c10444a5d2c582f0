// The facade's Library: data files, parsing, figures; and the names of the
// public enums.
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <utility>

#include "api/internal.hpp"
#include "pappus/tutor.hpp"
#include "pappus/version.hpp"
#include "problem/parser.hpp"
#include "proof/svg.hpp"
#include "util/edit_distance.hpp"

namespace pappus {

#define PAPPUS_STR2(x) #x
#define PAPPUS_STR(x) PAPPUS_STR2(x)
const char* version() {
  return PAPPUS_STR(PAPPUS_VERSION_MAJOR) "." PAPPUS_STR(PAPPUS_VERSION_MINOR) "." PAPPUS_STR(PAPPUS_VERSION_PATCH);
}

namespace {

// The data directory, in the order LibraryOptions documents.
std::string resolve_data_dir(const LibraryOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("PAPPUS_DATA_DIR"); env && *env) return env;
  if (!options.package_data_dir.empty()) return options.package_data_dir;
  return PAPPUS_SOURCE_DATA_DIR;
}

constexpr const char* kDataHint =
    "pappus reads dsl/ and rules/ from LibraryOptions::data_dir, $PAPPUS_DATA_DIR, the installed share/pappus, "
    "or its source tree, in that order";

}  // namespace

Expected<Library> Library::load(const LibraryOptions& options) {
  auto data = std::make_shared<Data>();
  data->data_dir = resolve_data_dir(options);
  auto catalogue = dsl::Catalogue::load(data->data_dir + "/dsl/constructions.txt");
  if (!catalogue) {
    Error e = catalogue.error();
    if (e.hint.empty()) e.hint = kDataHint;
    return e;
  }
  auto rules = engine::RuleBook::load(data->data_dir + "/rules/rules.txt");
  if (!rules) {
    Error e = rules.error();
    if (e.hint.empty()) e.hint = kDataHint;
    return e;
  }
  data->catalogue = std::move(*catalogue);
  data->rules = std::move(*rules);
  return Library(std::move(data));
}

Expected<Problem> Library::parse(std::string_view text, std::string name, std::string file) const {
  return parse_problem(text, data_->catalogue, ParseOptions{.file = std::move(file)}, std::move(name));
}

Expected<std::vector<NamedProblem>> Library::parse_file(const std::string& path) const {
  auto records = read_problem_file(path, data_->catalogue, ParseOptions{.file = path});
  if (!records) return records.error();
  std::vector<NamedProblem> out;
  for (ParsedRecord& r : *records) out.push_back(NamedProblem{std::move(r.name), r.line, std::move(r.problem)});
  return out;
}

Expected<Figure> Library::build_figure(const Problem& problem, std::uint64_t seed) const {
  DiagramOptions options;
  options.seed = seed;
  auto diagram = build_diagram(problem, data_->catalogue, options);
  if (!diagram) return diagram.error();
  return api::make_figure(problem, *diagram);
}

Expected<std::string> Library::draw(const Problem& problem, std::uint64_t seed) const {
  DiagramOptions options;
  options.seed = seed;
  auto diagram = build_diagram(problem, data_->catalogue, options);
  if (!diagram) return diagram.error();
  proof::SvgOptions svg;
  svg.catalogue = &data_->catalogue;
  return proof::render_svg(problem, *diagram, nullptr, svg);
}

const std::string& Library::data_dir() const { return data_->data_dir; }

std::vector<std::string> similar_names(const std::vector<std::string>& names, std::string_view query,
                                       std::size_t count) {
  const std::size_t limit = 2 + query.size() / 3;
  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (score, index in names)
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].find(query) != std::string::npos) ranked.emplace_back(0, i);
    else if (const std::size_t d = util::edit_distance(names[i], query); d <= limit) ranked.emplace_back(d, i);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < ranked.size() && out.size() < count; ++k) out.push_back(names[ranked[k].second]);
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) { return util::edit_distance(a, b); }

bool Figure::all_goals_hold() const {
  for (bool b : goal_holds)
    if (!b) return false;
  return true;
}

const char* to_string(StopReason reason) {
  switch (reason) {
    case StopReason::Proved: return "proved";
    case StopReason::Saturated: return "saturated";
    case StopReason::SearchExhausted: return "search exhausted";
    case StopReason::TimeLimit: return "time limit";
    case StopReason::FactLimit: return "fact limit";
    case StopReason::PointLimit: return "point limit";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::NodeLimit: return "node limit";
    case StopReason::MemoryLimit: return "memory limit";
  }
  return "?";
}

const char* to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::Proved: return "proved";
    case SolveStatus::CheckerRejected: return "checker rejected";
    case SolveStatus::NotProved: return "not proved";
    case SolveStatus::GoalFalse: return "goal false in the figure";
    case SolveStatus::CheckedNumerically: return "checked numerically (numeric-only goals are not proved)";
  }
  return "?";
}

const char* to_string(ProofStep::Kind kind) {
  switch (kind) {
    case ProofStep::Kind::Premise: return "premise";
    case ProofStep::Kind::Rule: return "rule";
    case ProofStep::Kind::Algebra: return "algebra";
    case ProofStep::Kind::SameObject: return "same_object";
    case ProofStep::Kind::Definition: return "definition";
    case ProofStep::Kind::Part: return "part";
  }
  return "?";
}

const char* to_string(Hint::Kind kind) {
  switch (kind) {
    case Hint::Kind::Step: return "step";
    case Hint::Kind::AuxiliaryPoint: return "auxiliary point";
    case Hint::Kind::Done: return "done";
    case Hint::Kind::NoneFound: return "none found";
  }
  return "?";
}

}  // namespace pappus
