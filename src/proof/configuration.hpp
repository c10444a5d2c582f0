// The configuration a proof speaks of. Some steps are theorems only in one
// arrangement of the figure: a rule's check-only conditions (two points on
// the same side of a line, a triangle's orientation, ...), for distance
// chasing along a line the direction of each segment, and for angle chasing
// with a fractional coefficient (halving an angle) which half: directed
// angles are known mod pi, so each cited equation holds on a figure up to a
// whole multiple n_i of pi (its lift), and a sum with coefficients c_i
// proves its statement on that figure exactly when sum c_i n_i has the same
// fractional part as on the engine's figure. (Rotating a line across the
// horizontal changes the n_i but not that fractional part, whose change is
// the line's whole coefficient in the statement.) A figure is in the
// proof's configuration when all of these hold on it; only there must each
// step's statement hold. The checker and the soundness audit pick their
// fresh figures by this test, so that a problem whose clauses allow several
// arrangements (a point dividing a segment internally or externally, one of
// two circle intersections) is checked in the arrangement its proof assumes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/rational.hpp"
#include "engine/rulebook.hpp"
#include "proof/proof.hpp"

namespace pappus::proof {

struct Configuration {
  // A check-only condition of a rule step ("sameside a b c d"), bound.
  struct Condition {
    Pred pred;
    std::vector<PointId> args;
    int step = 0;  // the step that relies on it
  };
  // Segments pq and uv (see distance_segments) point the same way along
  // their line (sign 1) or opposite ways (-1).
  struct Direction {
    PointId p, q, u, v;
    int sign = 1;
    int step = 0;
  };
  // An angle step with fractional coefficients: sum c_i n_i mod 1 over its
  // cited equations must equal `fraction` (from the recorded lifts).
  struct Half {
    struct Term {
      Pred pred;
      std::vector<PointId> args;
      std::optional<Constant> number;
      Rational coefficient;
    };
    std::vector<Term> terms;
    Rational fraction;  // in [0, 1)
    int step = 0;
  };
  std::vector<Condition> conditions;
  std::vector<Direction> directions;
  std::vector<Half> halves;

  std::size_t size() const { return conditions.size() + directions.size() + halves.size(); }
};

// The conditions of the proof's rule steps and the segment directions of
// its distance steps (Step::signs). Rules are looked up by name; a step
// naming no rule adds nothing (the checker rejects it on its own).
Configuration configuration_of(const Proof& proof, const engine::RuleBook& rules);

// The first requirement of `config` that fails on `figure`, as text
// ("step 11: sameside f a e b"), or empty when the figure is in the
// configuration.
std::string first_difference(const Configuration& config, const Problem& problem, const Diagram& figure);

// The sign of (q - p) . (v - u) on `figure` for a cong or rconst statement
// (its segments as distance_segments reads them): 1, -1, or 0 when a point
// is not placed.
int direction_sign(Pred pred, const std::vector<PointId>& args, const Diagram& figure);

// The integer n with  sum_j s_j theta_j + k + n = 0  for the angle equation
// of a para, perp, eqangle or aconst statement on `figure` (theta_j: the
// direction of the line through the j-th point pair, in [0, 1) units of pi;
// k: 0, 1/2 or minus the constant), 0 for a coll (no equation); nullopt
// for other statements or points not placed. The checker writes the same
// equations.
std::optional<int> angle_lift(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number,
                              const Diagram& figure);

// Whether an algebra step has a coefficient that is not a whole number.
bool has_fraction(const Step& step);

// An algebra step's coefficient ("-3/4", "0", "5", as Rational::to_string
// writes them), or nullopt for any other text.
std::optional<Rational> parse_coefficient(const std::string& text);

}  // namespace pappus::proof
