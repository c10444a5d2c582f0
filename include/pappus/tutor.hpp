// Tutoring: check a student's step, give the next step, explain one fact.
// The calls are methods of Solver (pappus/solver.hpp); this header holds
// what they return.
//
// Claims are written in the problem language over the problem's points:
//   "perp a h b c"                                a statement
//   "cong o a o b, cong o b o c => circle o a b c"  premises => conclusion
// Premises are separated by ',' or ';'; '⇒' may stand for '=>'.
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
  std::string text;               // Step: the same fact and reason, for people
  std::string reason;             // Step: the theorem's name, or "algebra (angle chasing / ratios)"
  std::vector<std::string> uses;  // Step: the facts it follows from
  std::string construction;       // AuxiliaryPoint: a clause such as "aux1 = midpoint aux1 b c"
};
const char* to_string(Hint::Kind kind);

}  // namespace pappus
