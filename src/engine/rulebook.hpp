// Theorem rules as data: rules/*.txt, parsed and validated at load time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geometry/predicate.hpp"
#include "pappus/error.hpp"
#include "pappus/ids.hpp"

namespace pappus::engine {

// A rule's place in its rule book.
using RuleId = Id<struct RuleTag>;

// A predicate over rule variables (indices into Rule::vars).
struct Atom {
  Pred pred;
  std::vector<int> args;
  std::optional<Constant> number;  // literal constant, for aconst/rconst
};

struct Rule {
  std::string name;                 // short id, e.g. "inscribed_angle"
  std::string title;                // for people, e.g. "inscribed angle theorem"
  std::vector<std::string> vars;    // variable names; distinct variables bind distinct points
  std::vector<Atom> premises;       // provable premises
  std::vector<Atom> conditions;     // check-only premises (ncoll, diff, ...): diagram only
  std::vector<Atom> conclusions;
  // The first conclusion relates two triangles (a b c p q r) and the rule is
  // unchanged by permuting the vertices of both alike or swapping the
  // triangles: the matcher keeps one binding of each such family.
  bool symmetric = false;
  std::string file;
  int line = 0;
};

class RuleBook {
 public:
  static Expected<RuleBook> parse(std::string_view text, const std::string& file);
  static Expected<RuleBook> load(const std::string& path);

  const std::vector<Rule>& rules() const { return rules_; }
  const Rule& at(RuleId id) const { return rules_[id.value]; }
  // The rule with this name, if any.
  std::optional<RuleId> index_of(std::string_view name) const;

 private:
  std::vector<Rule> rules_;
};

// The rules shipped with pappus: data_dir()/rules/rules.txt.
Expected<RuleBook> load_default_rules();

}  // namespace pappus::engine
