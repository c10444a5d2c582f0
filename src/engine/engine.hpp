// DDAR: forward deduction with the rules of rules/ plus algebraic reasoning
// (exact elimination over angles and log-lengths), until the goal is proved
// or nothing new follows.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <span>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/linear_system.hpp"
#include "engine/matcher.hpp"
#include "engine/point_sets.hpp"
#include "engine/rational.hpp"
#include "engine/rulebook.hpp"
#include "engine/sequence_set.hpp"
#include "pappus/defaults.hpp"
#include "pappus/problem.hpp"

namespace pappus::engine {

// Why a fact holds.
struct Justification {
  enum class Kind : unsigned char {
    Given,      // asserted by a construction of the problem
    Rule,       // a rule instance applied to premise facts
    Algebra,    // a sum of premise equations with rational coefficients
    Structure,  // the points lie on one line/circle built by the premise facts
    Composite,  // a predicate that is the conjunction of its premises (midp = coll + cong, ...)
    Component,  // one part of a compound premise fact (the cong of a midp, ...)
  };
  // Algebra: the table whose rows the coefficients combine; each speaks of
  // its own equations (proof::Step::Table says what they are).
  enum class Table : unsigned char { None, Angles, Ratios, Distances };
  Kind kind = Kind::Given;
  RuleId rule;                        // Rule: the rule applied
  int clause = -1;                    // Given: clause index in the problem
  std::vector<FactId> premises;       // Rule, Algebra, Structure, Composite
  std::vector<Rational> coefficients; // Algebra: one per premise
  Table table = Table::None;          // Algebra: angles, ratios or distances along one line
};

struct Fact {
  Pred pred;
  std::vector<PointId> args;
  std::optional<Constant> number;
  Justification why;
  std::vector<PointId> binding;  // Rule: the points bound to the rule's variables
};

// Engine::run returns the first six; the search also ends on NodeLimit.
enum class StopReason { Proved, Saturated, TimeLimit, FactLimit, PointLimit, MemoryLimit, Cancelled, NodeLimit };
const char* to_string(StopReason r);

// Limits default to pappus/defaults.hpp, as SolveOptions and the CLI do.
struct EngineOptions {
  double time_limit_s = defaults::time_limit_s;  // wall-clock limit for run()
  std::int64_t max_facts = defaults::max_facts;  // stop when this many facts exist
  std::int64_t max_instances = 2000000;     // numerically true rule instances considered
  int max_points = 120;                     // larger figures stop at once (the matcher's indexes grow as n^3)
  std::int64_t max_per_round = 0;           // rule applications per round, 0 = no cap
  std::int64_t max_memory_mib = defaults::max_memory_mib;  // stop when the process holds more (resident,
                                                          // approximate); 0 = no limit
  bool include_auxiliary = false;           // use the clauses after ' | ' as premises
};

struct RoundStats {
  int round = 0;
  std::int64_t applications = 0;  // rule instances fired
  std::int64_t new_facts = 0;     // facts that added knowledge
  double seconds = 0;
};

struct EngineStats {
  int rounds = 0;
  std::int64_t facts = 0;
  std::int64_t applications = 0;
  std::int64_t instances = 0;           // numerically true rule instances
  std::int64_t numeric_rejections = 0;  // rule instances whose conclusion was false in the figure
  std::int64_t numeric_violations = 0;  // derived facts false in the figure (must stay 0)
  std::size_t angle_rows = 0, ratio_rows = 0;
  double match_seconds = 0, seconds = 0;
  std::vector<RoundStats> per_round;
};

class Engine {
 public:
  Engine(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue, const RuleBook& rules,
         EngineOptions options = {});

  // A child that continues from `parent`'s state (a saturated engine) on an
  // extended problem: `problem` is the parent's problem with clauses added
  // at the end (the same points first), `diagram` the parent's figure with
  // the new points placed. Only the new clauses' facts are added; rule
  // instances the parent fired are not fired again.
  Engine(const Engine& parent, const Problem& problem, const Diagram& diagram);
  // The catalogue the problem was parsed with.
  const dsl::Catalogue& catalogue() const { return catalogue_; }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Saturates (or stops at the goal or a limit). `cancel`, when set from
  // another thread, stops the run at the next check.
  StopReason run(const std::atomic<bool>* cancel = nullptr);

  // Whether a statement follows from what is known now (no new deduction).
  bool knows(const Statement& statement);
  // The fact for a statement that follows from what is known now (a rule's
  // conclusion, a sum of known equations, points on a known line or
  // circle), recorded with its justification so that its proof can be
  // extracted; nothing when it does not follow.
  std::optional<FactId> establish(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number);
  // The fact proving the problem's goals, once proved.
  const std::vector<FactId>& goal_facts() const { return goal_facts_; }

  const std::vector<Fact>& facts() const { return facts_; }
  const Fact& fact(FactId id) const { return facts_[id.value]; }
  const EngineStats& stats() const { return stats_; }
  const Problem& problem() const { return problem_; }
  const Diagram& diagram() const { return diagram_; }
  const RuleBook& rules() const { return rules_; }
  // "perp a b c d" with point names.
  std::string fact_text(const Fact& f) const;

 private:
  struct Derivation {
    bool ok = false;
    Justification why;
  };
  // Signed positions of the points of one line: midpoints, equal and
  // proportional segments along it (x_b - x_a = r (x_d - x_c)).
  struct Distances {
    LinearSystem<Rational> table;
    std::unordered_map<std::uint32_t, int> var;  // point -> position variable
  };
  // Where a rule instance stands between rounds: fired (or fired before),
  // or the premise that failed and the version of the tables it read then.
  struct Pending {
    bool done = false;
    int failed_premise = -1;
    std::uint64_t failed_at = ~0ULL;
  };

  // engine.cpp
  void add_givens(std::size_t first_clause);
  // facts.cpp
  FactId add_fact(Pred pred, std::vector<PointId> args, std::optional<Constant> number, Justification why);
  void record(FactId id);
  Derivation derive(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number, bool want_why);
  FactId materialize(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number);
  bool holds_numerically(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) const;
  std::uint64_t version(Pred pred) const;
  // The fact that states this (in any order of its arguments), if any.
  std::optional<FactId> find(Pred pred, std::span<const PointId> args, const std::optional<Constant>& number) const;
  // Files the key of the newest fact.
  void store_key(FactId id);
  void cite_lines(const std::vector<PointId>& target, Justification& why, bool one_line);
  // algebra.cpp
  int line_var(PointId a, PointId b);
  int segment_var(PointId a, PointId b);
  std::optional<Expr> angle_expr(const std::vector<PointId>& lines, const std::vector<int>& signs);
  std::optional<Expr> ratio_expr(const std::vector<PointId>& segs, const std::vector<int>& signs);
  // The equation e + k = 0 (mod 1) as an exact real equation between the
  // lines' numeric directions: k minus the integer the diagram says it is off by.
  Rational lift(const Expr& e, const Rational& k);
  double theta(int line);
  bool equation(Pred pred, const std::vector<PointId>& a, const std::optional<Constant>& number,
                std::vector<std::pair<Expr, Rational>>* angles, std::vector<std::pair<Expr, LogConst>>* ratios);
  // distances.cpp
  bool distance_equation(Distances& d, const Fact& f, Expr& e);
  void feed_distances(FactId id);
  void rebuild_distances(int root);
  std::optional<Combination> distance_implies(const Fact& query);
  std::int64_t propagate_distances();
  // saturate.cpp
  bool goals_proved();
  // Fires the instance if its premises follow now (and it was not fired
  // before); whether it fired.
  bool fire(const Instance& inst, Pending& pending, RoundStats& rs);

  const Problem& problem_;             // the statement
  const Diagram& diagram_;             // coordinates, for numeric checks
  const dsl::Catalogue& catalogue_;    // to read construction facts
  const RuleBook& rules_;              // the theorems
  EngineOptions options_;              // limits
  std::vector<Fact> facts_;            // every fact, in order of derivation
  SequenceSet keys_;                   // fact keys (facts.cpp): key i is fact i's
  std::unordered_map<std::string, std::uint32_t> constants_;  // constant text -> its number in keys, from 1
  PointSets lines_{2};                 // collinear points as lines
  PointSets circles_{3};               // concyclic points as circles
  LinearSystem<Rational> angles_;      // line directions in units of pi, lifted to reals (see lift)
  std::vector<double> theta_;          // line node -> its direction in [0, 1), fixed at first use
  LinearSystem<LogConst> ratios_;      // log segment lengths
  std::unordered_map<std::uint64_t, int> segment_vars_;  // point pair -> ratio variable
  std::uint64_t line_version_ = 0, circle_version_ = 0;  // bumped when lines/circles change
  std::unordered_map<int, Distances> distances_;  // line root -> its table
  std::vector<FactId> distance_facts_;            // facts that speak of lengths on one line
  std::vector<FactId> goal_facts_;     // proofs of the goals, when proved
  SequenceSet fired_;                  // rule instances fired: rule, then binding
  std::vector<PointId> bind_scratch_;  // fire: an atom's points under a binding
  EngineStats stats_;                  // counters
};

}  // namespace pappus::engine
