// A proof as Solver returns it: numbered steps as structs, and the whole
// proof as text for people, as JSON, and as an HTML report.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace pappus {

// One step of a proof. Statements are in the problem language
// ("perp a b c d"); `text` is the same for people ("AB ⊥ CD").
struct ProofStep {
  enum class Kind { Premise, Rule, Algebra, SameObject, Definition, Part };
  int number = 0;                         // 1-based; steps cite smaller numbers only
  Kind kind = Kind::Premise;
  std::string statement;                  // "perp a b c d"
  std::string text;                       // "(3), (5) ⇒ AB ⊥ CD" with its reason
  std::vector<std::string> points;        // the statement's points
  std::vector<int> uses;                  // numbers of the steps it follows from
  int clause = 0;                         // Premise: the 1-based clause that asserts it
  bool auxiliary = false;                 // Premise: from an auxiliary construction
  std::string rule;                       // Rule: the rule's name in rules/rules.txt
  std::string theorem;                    // Rule: the theorem, for people
  std::string table;                      // Algebra: "angles", "ratios" or "distances" (along one line)
  std::vector<std::string> coefficients;  // Algebra: exact rationals, one per use
};
const char* to_string(ProofStep::Kind kind);

struct Proof {
  std::vector<ProofStep> steps;                      // dependencies first
  std::vector<int> goals;                            // step numbers of the goals
  std::vector<std::string> auxiliary_constructions;  // clauses added by the search, in order
  bool checked = false;        // the independent checker verified every step (always, when Proved)
  std::string check_message;   // why it did not, when checked is false
  std::string json;            // the whole proof as JSON (schema: README.md, "Proof output")
  std::string text;            // the whole proof for people, numbered steps

  // The proof as one self-contained HTML page: the problem, its figure and
  // the steps; selecting a step highlights its points, lines and circles.
  // Rendered on each call. Empty for a Proof not made by a Solver.
  std::string html() const;

  struct Data;                        // internal
  std::shared_ptr<const Data> data;   // internal: the derivation and figure html() renders
};

}  // namespace pappus
