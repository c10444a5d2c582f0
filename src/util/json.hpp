// JSON in and out of pappus, through nlohmann-json: the value type (members
// kept in the order they are set, so what is written is stable), a reader
// whose malformed input is an Error value, and a writer that never throws.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pappus/error.hpp"

namespace pappus::util {

using Json = nlohmann::ordered_json;

// Parses one JSON value filling the whole of `text` (blanks around it
// allowed). `file` and `line` (the line `text` starts on) locate errors:
// file:line:column and nlohmann's reason.
Expected<Json> parse_json(std::string_view text, const std::string& file = "", int line = 1);

// `value` as text: on one line without blanks (indent < 0) or indented by
// `indent` spaces. Bytes that are not UTF-8 are written as U+FFFD.
std::string dump_json(const Json& value, int indent = -1);

}  // namespace pappus::util
