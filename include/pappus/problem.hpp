// A parsed and checked problem: points, clauses of constructions, goals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pappus/error.hpp"
#include "pappus/ids.hpp"

namespace pappus {

// What a numeric argument measures; decides how its text is read.
enum class NumberKind {
  Angle,   // "60o" or "60" (degrees), "1pi/3" (fraction of pi); value in radians
  Ratio,   // "2/1" or "1.5"; value is the ratio
  Length,  // "3.5"; value is the length
};

// A numeric argument as written, with its value in the kind's unit.
struct Constant {
  std::string text;
  NumberKind kind = NumberKind::Ratio;
  double value = 0;
  long num = 0, den = 1;  // exact form when the text is N/D or NpiD or integer degrees, else den = 0
};

// One argument of a construction or predicate: a point or a number.
struct Argument {
  bool is_point = true;
  PointId point;      // when is_point
  Constant number;    // otherwise
  Location loc;       // where it was written
};

// One construction of a clause, with its arguments in catalogue order
// (new points already placed where the catalogue wants them).
struct ConstructionUse {
  std::string name;
  int catalogue_index = -1;  // index into the Catalogue it was checked against
  std::vector<Argument> args;
  Location loc;
};

// Coordinates a point was pinned to with name@X_Y.
struct Pin {
  double x = 0, y = 0;
};

// "a b = c1, c2": the new points and the constructions that all constrain them.
struct Clause {
  std::vector<PointId> points;                // new points, left of '='
  std::vector<ConstructionUse> constructions;  // right of '=', at least one
  bool auxiliary = false;                     // written after ' | ' (Newclid)
  Location loc;
};

// A predicate over points (and maybe one number): a goal.
struct Statement {
  std::string predicate;
  bool numeric_only = false;  // a predicate checked on figures only (ncoll, npara, sameside, ...): never proved
  std::vector<Argument> args;
  Location loc;
};

struct Problem {
  std::string name;                          // the record's name line ("" for a bare string)
  std::string file;                          // where it came from, if a file
  int line = 0;                              // line of the clauses in that file
  std::vector<std::string> point_names;      // indexed by PointId
  std::vector<std::optional<Pin>> pins;      // indexed by PointId
  std::vector<Clause> clauses;               // in order; auxiliary ones last
  std::vector<Statement> goals;              // after '?', maybe none

  const std::string& point_name(PointId p) const { return point_names[p.value]; }
  std::size_t point_count() const { return point_names.size(); }
};

// The problem written back in the problem language (pins included,
// auxiliary clauses after ' | ').
std::string to_text(const Problem& problem);
std::string to_text(const Problem& problem, const Statement& statement);

}  // namespace pappus
