// "Find x" goals: a query asks for a value instead of stating it. The
// pipeline measures the value on the figure, recognises an exact form, and
// proves the statement with that value (aconst, rconst, r2const, lconst or
// l2const); the answer is proved only when that statement is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pappus/problem.hpp"

namespace pappus {

struct Diagram;

struct QueryInfo {
  std::string_view name;
  int points;
  std::string_view signature;
  std::string_view meaning;
};

// acompute, rcompute, lcompute; nullptr for any other name.
const QueryInfo* find_query(std::string_view name);
inline bool is_query(const Statement& goal) { return find_query(goal.predicate) != nullptr; }

// A query's value on a figure, and the statement that says it exactly when
// the value has a simple exact form: an angle as a rational multiple of pi
// (denominator up to 360: every whole or half degree), a ratio as p/q or
// the square root of p/q (q up to 1000), a length as a whole number or the
// square root of one.
struct QueryAnswer {
  double value = 0;                    // radians (acompute), the ratio, or the length
  std::string text;                    // for people: "60° (π/3)", "3/2", "√2", "≈ 1.2071"
  std::optional<Statement> statement;  // the exact claim to prove; none when no exact form was found
};
QueryAnswer answer_query(const Statement& query, const Diagram& figure);

}  // namespace pappus
