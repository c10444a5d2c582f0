#include "neural/json.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>

namespace pappus::neural {

namespace {

// Recursive-descent reader over `text`; `at` is the next character.
struct Reader {
  std::string_view text;
  std::string file;
  int line = 1;
  std::size_t at = 0;
  int depth = 0;

  Error fail(const std::string& message) const {
    Error e;
    e.message = message;
    e.file = file;
    e.loc = {line, static_cast<int>(at) + 1};
    return e;
  }
  void blanks() {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
  }
  bool literal(std::string_view word) {
    if (text.substr(at, word.size()) != word) return false;
    at += word.size();
    return true;
  }
  static void append_utf8(std::string& out, std::uint32_t c) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  Expected<std::string> string() {
    ++at;  // opening quote
    std::string out;
    while (at < text.size() && text[at] != '"') {
      char c = text[at++];
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character inside a JSON string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at >= text.size()) break;
      char e = text[at++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t c16 = 0;
          if (at + 4 > text.size()) return fail("short \\u escape in a JSON string");
          auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + 4, c16, 16);
          if (ec != std::errc() || end != text.data() + at + 4) return fail("bad \\u escape in a JSON string");
          at += 4;
          append_utf8(out, c16);  // surrogate pairs are not joined: not needed here
          break;
        }
        default: return fail(std::string("unknown escape \\") + e + " in a JSON string");
      }
    }
    if (at >= text.size()) return fail("unterminated JSON string");
    ++at;  // closing quote
    return out;
  }
  Expected<Json> value() {
    blanks();
    if (at >= text.size()) return fail("unexpected end of JSON text");
    if (++depth > 64) return fail("JSON nested too deeply");
    Json v;
    const char c = text[at];
    if (c == '{') {
      v.kind = Json::Kind::Object;
      ++at;
      blanks();
      if (at < text.size() && text[at] == '}') {
        ++at;
      } else {
        while (true) {
          blanks();
          if (at >= text.size() || text[at] != '"') return fail("expected a string key in a JSON object");
          auto key = string();
          if (!key) return key.error();
          blanks();
          if (at >= text.size() || text[at] != ':') return fail("expected ':' in a JSON object");
          ++at;
          auto member = value();
          if (!member) return member.error();
          v.object.emplace_back(std::move(*key), std::move(*member));
          blanks();
          if (at < text.size() && text[at] == ',') {
            ++at;
            continue;
          }
          if (at < text.size() && text[at] == '}') {
            ++at;
            break;
          }
          return fail("expected ',' or '}' in a JSON object");
        }
      }
    } else if (c == '[') {
      v.kind = Json::Kind::Array;
      ++at;
      blanks();
      if (at < text.size() && text[at] == ']') {
        ++at;
      } else {
        while (true) {
          auto item = value();
          if (!item) return item.error();
          v.array.push_back(std::move(*item));
          blanks();
          if (at < text.size() && text[at] == ',') {
            ++at;
            continue;
          }
          if (at < text.size() && text[at] == ']') {
            ++at;
            break;
          }
          return fail("expected ',' or ']' in a JSON array");
        }
      }
    } else if (c == '"') {
      v.kind = Json::Kind::String;
      auto s = string();
      if (!s) return s.error();
      v.string = std::move(*s);
    } else if (literal("true")) {
      v.kind = Json::Kind::Bool;
      v.boolean = true;
    } else if (literal("false")) {
      v.kind = Json::Kind::Bool;
    } else if (literal("null")) {
      v.kind = Json::Kind::Null;
    } else {
      v.kind = Json::Kind::Number;
      std::size_t end = at;
      while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                                   text[end] == '+' || text[end] == '.' || text[end] == 'e' || text[end] == 'E'))
        ++end;
      auto [p, ec] = std::from_chars(text.data() + at, text.data() + end, v.number);
      if (end == at || ec != std::errc() || p != text.data() + end) return fail("expected a JSON value");
      at = end;
    }
    --depth;
    return v;
  }
};

}  // namespace

const Json* Json::get(std::string_view key) const {
  for (const auto& [k, v] : object)
    if (k == key) return &v;
  return nullptr;
}

Expected<Json> parse_json(std::string_view text, const std::string& file, int line) {
  Reader r{text, file, line};
  auto v = r.value();
  if (!v) return v;
  r.blanks();
  if (r.at != text.size()) return r.fail("text after the JSON value");
  return v;
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace pappus::neural
