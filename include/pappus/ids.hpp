// Dense integer ids as distinct types, so a point id is never a fact id.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace pappus {

template <class Tag>
struct Id {
  std::uint32_t value = 0;

  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t v) : value(v) {}
  constexpr auto operator<=>(const Id&) const = default;
};

using PointId = Id<struct PointTag>;

}  // namespace pappus

template <class Tag>
struct std::hash<pappus::Id<Tag>> {
  std::size_t operator()(pappus::Id<Tag> id) const noexcept { return std::hash<std::uint32_t>{}(id.value); }
};
