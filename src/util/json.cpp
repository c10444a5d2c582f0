#include "util/json.hpp"

#include <algorithm>

namespace pappus::util {

Expected<Json> parse_json(std::string_view text, const std::string& file, int line) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte is the 1-based offset of the character where reading stopped.
    const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    const std::string_view before = text.substr(0, at);
    const std::size_t newline = before.rfind('\n');
    Error error;
    error.file = file;
    error.loc = {line + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
                 static_cast<int>(newline == std::string_view::npos ? at : at - newline - 1) + 1};
    // what(): "[json.exception.parse_error.N] parse error at line L, column C: REASON".
    const std::string what = e.what();
    const std::size_t colon = what.find(": ");
    error.message = "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
    return error;
  }
}

std::string dump_json(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace pappus::util
