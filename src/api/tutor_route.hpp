// Tutoring: the derivations a teacher would show. Over one engine's
// knowledge, every fact is a node and every way to get it an edge: given
// by a construction, established by the student, one theorem (a rule
// instance true in the figure), one algebra step (angle or ratio chasing),
// or bookkeeping (same line or circle, parts of a midpoint...), and the
// two-fact angle chases a teacher writes in one line (∠AMO = ∠ANO: both
// right angles) where the engine's tables combined other facts. Each node's
// cheapest derivation is found (Knuth's shortest hyperpaths): a theorem
// costs 1, an algebra step 3, bookkeeping 0, and what the student has 0,
// so routes of named theorems from given and established facts win over
// algebra, and algebra over given facts of one construction (OB = OC from
// "O is the circumcenter") counts as given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/internal.hpp"
#include "engine/engine.hpp"

namespace pappus::api {

class Routes {
 public:
  struct Edge {
    enum class Kind : unsigned char { Given, Established, Rule, Algebra, Bookkeeping };
    Kind kind = Kind::Given;
    int target = -1;                   // the node it derives
    std::vector<int> premises;         // nodes, in the order of the theorem or the sum
    std::vector<bool> cited;           // Algebra: premise with a nonzero coefficient (else a line identity)
    int clause = -1;                   // Given: 0-based clause of the problem
    engine::RuleId rule;               // Rule
    engine::Justification::Table table = engine::Justification::Table::None;  // Algebra
  };

  // `engine` has run (its facts are what deduction knows); `instances` are
  // the rule instances true in its figure; `established` the facts the
  // student has. Facts the instances need are established in the engine.
  Routes(engine::Engine& engine, const std::vector<engine::Instance>& instances,
         const std::vector<Claim>& established);

  // The node of a statement, when some derivation of it is known.
  std::optional<int> node(const Claim& claim) const;
  bool reachable(int node) const { return cost_[node] != kUnreached; }
  bool known(int node) const { return cost_[node] == 0; }  // given or established (bookkeeping aside)
  // A known node that only given facts make known: the clause whose
  // construction gives it (-1 for facts of several clauses), else nullopt.
  std::optional<int> given_clause(int node) const;
  // The first step toward `node` (reachable, not known): a node whose best
  // derivation uses known facts only.
  int next_step(int node) const;
  // Theorem and algebra steps in the best derivation of `node`.
  int steps(int node) const { return static_cast<int>(route(node).size()); }
  // Those steps' nodes, dependencies first.
  std::vector<int> route(int node) const;
  const Edge& best(int node) const { return edges_[best_[node]]; }

  // Texts: "perp o m a b"; "OM ⊥ AB"; the fact with where a known fact
  // comes from ("MA = MB (given: M is the midpoint of AB)").
  std::string statement(int node) const;
  std::string people(int node) const;
  std::string annotated(int node) const;
  // A node one clause gives: "o = circle o a b c makes O the circumcenter
  // of ABC"; empty otherwise.
  std::string given_by(int node) const;
  // The reason of the best edge: the theorem's title, "angle chasing", ...
  std::string reason(int node) const;
  // The rule name of the best edge ("perp_bisector"); empty unless a theorem.
  std::string rule_name(int node) const;
  // The step that derives `node` by its best edge, for people, its facts
  // written out: "OA = OB (given: ...) and MA = MB (given: ...), so OM ⊥ AB
  // [theorem]"; "angle chasing: ∠X = ∠Y because ... and ...".
  std::string step_text(int node) const;
  // The facts the best edge of `node` uses (line identities of an algebra
  // step aside), as statements.
  std::vector<std::string> uses(int node) const;

 private:
  struct Node {
    Pred pred = Pred::Coll;
    std::vector<PointId> args;
    std::optional<Constant> number;
  };
  static constexpr std::int64_t kUnreached = INT64_MAX;
  int node_of(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number);
  void add_fact_nodes(std::size_t from);
  void add_edge(Edge edge);
  void add_two_fact_chases();
  void solve();
  std::string meaning(int node, int clause) const;

  engine::Engine& engine_;                     // its facts, problem, figure and rules
  std::vector<Node> nodes_;                    // statements
  std::unordered_map<std::string, int> by_key_;  // claim_key -> node
  std::vector<Edge> edges_;                    // every derivation known
  std::vector<std::int64_t> cost_;             // per node: cost of its best derivation
  std::vector<int> best_;                      // per node: that edge, -1 when unreached
  std::vector<int> origin_;                    // per known node: its given clause, -1 several, -2 established
};

// "o = circle o a b c": one clause of the problem in the problem language.
std::string clause_text(const Problem& problem, int clause);
// "O is the circumcenter of ABC": what the clause's constructions say, from
// the catalogue's doc lines with the clause's points; of a clause of
// several constructions, only the one asserting the fact of `key` (a
// claim_key) when one does.
std::string clause_meaning(const Problem& problem, const dsl::Catalogue& catalogue, int clause,
                           const std::string& key = "");
// "add a point: Aux1 is the midpoint of BC", "add a point: Aux1, where
// BHCAux1 is a parallelogram": a clause that adds points, its new points
// named first.
std::string adding_text(const Problem& problem, const dsl::Catalogue& catalogue, int clause);

}  // namespace pappus::api
