// The construction catalogue: every construction of the problem language,
// loaded from dsl/constructions.txt and validated at start-up.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/recipe.hpp"
#include "geometry/predicate.hpp"
#include "pappus/error.hpp"

namespace pappus::dsl {

// One parameter of a construction: a point, or a number of some kind.
struct Param {
  std::string name;
  bool is_point = true;
  NumberKind kind = NumberKind::Ratio;  // numbers only
};

// A predicate over the construction's parameters (indices into params).
// The numeric argument, if the predicate has one, is a parameter (`number`
// its index) or a literal written in the catalogue (`literal`).
struct FactTemplate {
  Pred pred;
  std::vector<int> args;
  int number = -1;
  std::optional<Constant> literal;
  int line = 0;
};

struct Construction {
  std::string name;
  std::vector<Param> params;
  std::vector<int> new_points;         // parameter indices of the points it creates, in order
  std::vector<FactTemplate> requires_;  // numeric preconditions on the inputs
  std::vector<FactTemplate> givens;    // facts that must already be known (checked numerically too)
  std::vector<FactTemplate> asserts;   // facts about the new points: the premises
  std::vector<FactTemplate> ensures;   // numeric non-degeneracy checks after placement
  // Argument orders that make the same construction (`symmetric` lines):
  // each a list of blocks of input point parameters (indices into params),
  // all of one size, that may be permuted among themselves; blocks of one
  // parameter each when single names are listed ("symmetric a b c").
  std::vector<std::vector<std::vector<int>>> symmetries;
  Recipe recipe;
  std::string doc;
  std::string file;
  int line = 0;

  // True when the recipe is lets followed by one `place x on curve`: such
  // constructions intersect with each other inside one clause.
  bool one_dof() const;
  // The signature as users write it, e.g. "on_line x a b".
  std::string signature() const;
  // Whether new points come first in the argument list.
  bool new_points_first() const;
};

class Catalogue {
 public:
  // Parses catalogue text; errors name file:line.
  static Expected<Catalogue> parse(std::string_view text, const std::string& file);
  static Expected<Catalogue> load(const std::string& path);

  const Construction* find(std::string_view name) const;
  int index_of(std::string_view name) const;  // -1 when unknown
  const Construction& at(int index) const { return constructions_[index]; }
  const std::vector<Construction>& all() const { return constructions_; }
  // Up to `count` known names closest to `name` (edit distance), for hints.
  std::vector<std::string> nearest(std::string_view name, int count = 3) const;

 private:
  std::vector<Construction> constructions_;
  std::unordered_map<std::string, int> by_name_;  // names and aliases
};

// Where data files (dsl/, rules/, models/) are: $PAPPUS_DATA_DIR if set,
// else the source tree the library was built from.
std::string data_dir();
// The catalogue shipped with pappus, loaded once from data_dir().
Expected<Catalogue> load_default_catalogue();

}  // namespace pappus::dsl
