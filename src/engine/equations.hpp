// The constant term of one of a statement's equations (geometry/predicate.hpp
// `Equation`), exactly: for the engine's tables and the checker alike.
#pragma once

#include <optional>

#include "engine/linear_system.hpp"
#include "engine/rational.hpp"
#include "geometry/predicate.hpp"

namespace pappus::engine {

// Angles, in units of pi; nothing when the statement's number is missing or
// not exact (decimal degrees).
inline std::optional<Rational> angle_constant(const Equation& e, const std::optional<Constant>& number) {
  Rational k = e.k_num != 0 ? Rational(e.k_num, e.k_den) : Rational();
  if (e.power == 0) return k;
  if (!number || number->den <= 0) return std::nullopt;
  return k - Rational(number->num, number->den);
}

// Ratios, as logs; nothing when the statement's number is missing, not
// exact or not positive.
inline std::optional<LogConst> ratio_constant(const Equation& e, const std::optional<Constant>& number) {
  LogConst k = e.k_num != 0 ? LogConst::of(e.k_num, e.k_den) : LogConst();
  if (e.power == 0) return k;
  if (!number || number->den <= 0 || number->num <= 0) return std::nullopt;
  return k - LogConst::of(number->num, number->den) * Rational(1, e.power);
}

}  // namespace pappus::engine
