// Finds the rule instances whose premises and conclusions hold on the
// numeric diagram: the only candidates the symbolic engine ever checks.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "engine/rulebook.hpp"
#include "geometry/numeric.hpp"
#include "geometry/predicate.hpp"
#include "pappus/ids.hpp"

namespace pappus::engine {

// A rule with its variables bound to points (binding[i] for Rule::vars[i]).
struct Instance {
  RuleId rule;
  std::vector<PointId> binding;
};

struct MatchStats {
  std::int64_t instances = 0;           // numerically true instances found
  std::int64_t numeric_rejections = 0;  // premises true but a conclusion false: a rule or tolerance bug
  bool truncated = false;               // stopped at the instance limit or the time limit
};

// Enumerates instances over the given points (ids and coordinates), for at
// most `seconds`. Deterministic: the order depends only on the rules and the
// coordinates (a run cut short by time keeps a prefix of that order).
std::vector<Instance> match_rules(const RuleBook& rules, const std::vector<PointId>& ids,
                                  const std::vector<geo::Vec2>& coords, const Tolerance& tol,
                                  std::int64_t max_instances, double seconds, MatchStats& stats,
                                  const std::atomic<bool>* cancel = nullptr);

}  // namespace pappus::engine
