// Placing drafts on the parent's figure with the catalogue's recipes, as
// the diagram builder would: where the new point lands, or why it cannot.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "dsl/catalogue.hpp"
#include "search/drafts.hpp"

namespace pappus::search {

struct Placement {
  std::optional<Rejection> rejected;  // set: the draft is dropped for this reason
  std::vector<geo::Vec2> at;          // where it lands: one or two points; none when random on a curve
  bool random = false;                // a single curve: the point is placed at random on it
};

// Places one draft. `seed` feeds the recipes that sample (deterministic).
Placement place(const Draft& draft, const Objects& objects, const dsl::Catalogue& catalogue, std::uint64_t seed);

// Whether two points are the same point of the figure (closer than the
// diagram's minimum distance between distinct points).
bool same_point(const Objects& objects, const geo::Vec2& a, const geo::Vec2& b);

}  // namespace pappus::search
