// A Problem written back in the problem language: every construction in
// full, arguments in catalogue order, pins as name@X_Y, auxiliary clauses
// after ' | '. Parsing the text gives the same Problem.
#include <charconv>
#include <string>

#include "pappus/problem.hpp"

namespace pappus {

namespace {

// The shortest decimal without exponent that reads back as the same double.
void append_number(std::string& out, double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[400];      // enough for any finite double in fixed notation
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  out.append(buf, ec == std::errc() ? end : buf);
}

void append_argument(std::string& out, const Problem& problem, const Argument& arg) {
  if (arg.is_point)
    out += problem.point_name(arg.point);
  else
    out += arg.number.text;
}

void append_clause(std::string& out, const Problem& problem, const Clause& clause) {
  for (PointId p : clause.points) {
    out += problem.point_name(p);
    if (p.value < problem.pins.size() && problem.pins[p.value]) {
      out += '@';
      append_number(out, problem.pins[p.value]->x);
      out += '_';
      append_number(out, problem.pins[p.value]->y);
    }
    out += ' ';
  }
  out += '=';
  bool first = true;
  for (const ConstructionUse& c : clause.constructions) {
    out += first ? " " : ", ";
    first = false;
    out += c.name;
    for (const Argument& a : c.args) {
      out += ' ';
      append_argument(out, problem, a);
    }
  }
}

}  // namespace

std::string to_text(const Problem& problem, const Statement& statement) {
  std::string out = statement.predicate;
  for (const Argument& a : statement.args) {
    out += ' ';
    append_argument(out, problem, a);
  }
  return out;
}

std::string to_text(const Problem& problem) {
  std::string out;
  bool first = true, in_auxiliary = false;
  for (const Clause& clause : problem.clauses) {
    if (clause.auxiliary && !in_auxiliary) {
      out += " | ";
      in_auxiliary = true;
    } else if (!first) {
      out += "; ";
    }
    first = false;
    append_clause(out, problem, clause);
  }
  for (std::size_t i = 0; i < problem.goals.size(); ++i) {
    out += i == 0 ? " ? " : "; ";
    out += to_text(problem, problem.goals[i]);
  }
  return out;
}

}  // namespace pappus
