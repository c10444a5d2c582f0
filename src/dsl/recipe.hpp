// Numeric recipes: the small expression language of the `let`/`place`
// lines in dsl/constructions.txt, compiled once at load time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "geometry/numeric.hpp"
#include "pappus/error.hpp"

namespace pappus::dsl {

// Static types of recipe expressions.
enum class Type : unsigned char { Number, Point, Line, Circle, Curve, Points };

std::string_view type_name(Type t);

// A runtime value. Curve-typed expressions produce a Line or a Circle.
using Value = std::variant<double, geo::Vec2, geo::Line, geo::Circle, std::vector<geo::Vec2>>;

// One node of a compiled expression tree; children by index into Recipe::nodes.
struct Node {
  enum class Kind : unsigned char { Slot, Number, Call };
  Kind kind = Kind::Number;
  Type type = Type::Number;
  int slot = -1;           // Slot: parameter or local variable
  double number = 0;       // Number: a literal
  int function = -1;       // Call: index into functions()
  std::vector<int> args;   // Call: child nodes
};

// `let v = e`, `place x = e`, `place x, y = e` (Points), `place x on e` (curve).
struct Statement {
  enum class Kind : unsigned char { Assign, On };
  Kind kind = Kind::Assign;
  std::vector<int> targets;  // slots assigned
  int expr = -1;             // root node
  int line = 0;              // line in the catalogue file
};

struct Recipe {
  std::vector<Node> nodes;
  std::vector<Statement> statements;
  int slot_count = 0;  // parameters first, then locals
};

// Randomness and context for evaluation: the builder implements it.
class EvalContext {
 public:
  virtual ~EvalContext() = default;
  virtual double uniform(double lo, double hi) = 0;  // seeded
  virtual double scale() const = 0;                  // size of the figure so far
  // Picks one of several candidate points (e.g. two circle intersections):
  // prefer points that are not already in the figure, then choose at random.
  virtual geo::Vec2 choose(const std::vector<geo::Vec2>& candidates) = 0;
};

// Evaluation result for one node: a value, or why the sample is degenerate.
struct EvalResult {
  Value value;
  std::string failure;  // non-empty: degenerate (parallel lines, no intersection, ...)
};

struct Function {
  std::string_view name;
  std::vector<Type> params;
  Type result;
  std::string_view doc;
};

const std::vector<Function>& functions();

// Parses one expression (text after `=` or `on`) against named slots.
// `slots` maps names to slot indices and types; errors carry `line`.
struct SlotInfo {
  std::string name;
  Type type;
};
Expected<int> compile_expression(std::string_view text, const std::vector<SlotInfo>& slots, Recipe& recipe,
                                 const std::string& file, int line);

// Evaluates node `root` with slot values `slots`.
EvalResult evaluate(const Recipe& recipe, int root, const std::vector<Value>& slots, EvalContext& ctx);

// A random point on a curve, spread over the figure's scale.
geo::Vec2 random_point_on(const Value& curve, EvalContext& ctx);

}  // namespace pappus::dsl
