#include "pappus/error.hpp"

namespace pappus {

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) out += file + ":";
  if (loc.line > 0) {
    out += std::to_string(loc.line) + ":";
    if (loc.column > 0) out += std::to_string(loc.column) + ":";
  }
  if (!out.empty()) out += " ";
  out += "error: " + message;
  if (!token.empty()) out += " (at '" + token + "')";
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

}  // namespace pappus
