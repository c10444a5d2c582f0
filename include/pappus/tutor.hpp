// Tutoring: check a student's step, give the next step, explain one fact.
// The calls are methods of Solver (pappus/solver.hpp); this header holds
// what they return.
//
// Claims are written in the problem language over the problem's points:
//   "perp a h b c"                                a statement
//   "cong o a o b, cong o b o c => circle o a b c"  premises => conclusion
// Premises are separated by ',' or ';'; '⇒' may stand for '=>'.
//
// Hints follow the route a teacher would show: among the derivations
// deduction finds, the one with the fewest steps where a named theorem
// counts 1, an algebra step (angle or ratio chasing) 3, and facts that the
// constructions give or the student has established count 0.
//
// Derivable means: the deduction engine (rules plus algebra) derives the
// statement from the problem's constructions alone, without auxiliary
// points, within SolveOptions::time_limit_s.
#pragma once

#include <string>
#include <vector>

#include "pappus/solver.hpp"

namespace pappus {

// Solver::check_step's answer about one claim.
struct StepCheck {
  std::string conclusion;               // the claimed statement, normalised text
  std::vector<std::string> premises;    // the cited premises, as parsed
  bool true_in_figure = false;          // the conclusion holds in the problem's figure
  std::vector<bool> premises_true;      // each cited premise holds in the figure
  // One theorem takes the cited premises (and facts the constructions give
  // directly, listed in `given`) to the conclusion. Always false without
  // cited premises.
  bool follows_in_one_step = false;
  std::string rule;                     // that theorem's rule name
  std::string theorem;                  // and its name for people
  std::vector<std::string> given;       // its premises that the student did not cite but the problem gives
  bool derivable = false;               // see the header comment
  StopReason derivation_stop = StopReason::Saturated;  // how the derivability run ended
  // The shortest derivation found from the constructions (the route a
  // teacher would show, as Solver::hint chooses it): 0 when a construction
  // gives the claim, 1 when one theorem or one algebra step takes given
  // facts to it, N when N steps do; -1 when it is false or not derivable.
  int steps_needed = -1;
  std::string given_by;                 // steps_needed 0: "o = circle o a b c makes O the circumcenter of ABC"
  int given_clause = 0;                 // that clause, 1-based; 0 when none (or facts of several clauses give it)
  std::string step_reason;              // steps_needed >= 1: the last step's theorem, or "angle chasing", ...
  std::string step_rule;                // and its rule name (empty for algebra)
  std::vector<std::string> step_uses;   // and the facts it uses, as statements
  std::vector<std::string> route;       // that derivation's steps for people, dependencies first (Hint::text's form)
  std::string explanation;              // the verdict for people, in a sentence or two
};

// Solver::hint's answer: the next useful step toward the goal.
struct Hint {
  enum class Kind {
    Step,            // prove `statement` next, by `reason`, from `uses`
    AuxiliaryPoint,  // add the construction `construction` to the figure first
    Done,            // the established facts include the goal
    NoneFound,       // no proof was found within the limits
  };
  Kind kind = Kind::NoneFound;
  std::string statement;          // Step: the fact to prove next ("para a b c d")
  // Step: the step for people, its facts written out (never step numbers):
  // "OA = OB (given: O is the circumcenter of ABC) and MA = MB (given: M is
  // the midpoint of AB), so AB ⊥ OM [theorem]", "angle chasing: ∠X = ∠Y
  // because ... and ...", or a given fact to notice. AuxiliaryPoint: the
  // point in words, named first ("add a point: Aux1 is the midpoint of BC",
  // "add a point: Aux1, where BHCAux1 is a parallelogram").
  std::string text;
  std::string reason;             // Step: the theorem's name, "angle chasing", "ratio chasing", or "given"
  std::string rule;               // Step: the rule's name (empty for algebra and given facts)
  std::vector<std::string> uses;  // Step: the facts it follows from
  std::string given_by;           // Step that notices a given goal: "o = circle o a b c makes O the circumcenter of ABC"
  int steps_left = 0;             // Step: theorem and algebra steps from the established facts to the goal, this one included
  std::string construction;       // AuxiliaryPoint: a clause such as "aux1 = midpoint aux1 b c"
};
const char* to_string(Hint::Kind kind);

// The answers as JSON objects, one key per field (enums as their
// to_string words): what `pappus check-step` and `pappus hint` print with
// --format json.
std::string to_json(const StepCheck& check);
std::string to_json(const Hint& hint);

}  // namespace pappus
