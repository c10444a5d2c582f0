// A small JSON reader and string quoting: enough for dataset lines (JSON
// Lines) and the header of a tensor file. Numbers are doubles.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pappus/error.hpp"

namespace pappus::neural {

struct Json {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;                              // Bool
  double number = 0;                                 // Number
  std::string string;                                // String
  std::vector<Json> array;                           // Array
  std::vector<std::pair<std::string, Json>> object;  // Object, in written order

  // The member called `key` of an object, or nullptr.
  const Json* get(std::string_view key) const;
};

// Parses one JSON value filling the whole text (blanks around it allowed).
// Errors give the column; `file` and `line` locate the text for messages.
Expected<Json> parse_json(std::string_view text, const std::string& file = "", int line = 1);

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

}  // namespace pappus::neural
