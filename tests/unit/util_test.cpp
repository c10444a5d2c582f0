// The small shared helpers of src/util: the JSON boundary (parse errors as
// Error values with their place, a writer that never throws) and the edit
// distance behind "did you mean".
#include <catch2/catch.hpp>

#include "util/edit_distance.hpp"
#include "util/json.hpp"

using namespace pappus;

TEST_CASE("json: a value fills the text; member order is kept", "[util]") {
  auto v = util::parse_json(" {\"b\": 1, \"a\": [true, null, \"x\\u00e9\"]} ");
  REQUIRE(v.ok());
  CHECK(util::dump_json(*v) == "{\"b\":1,\"a\":[true,null,\"x\xc3\xa9\"]}");
  CHECK(util::dump_json(*v, 2).find("\n  \"a\": [\n") != std::string::npos);
}

TEST_CASE("json: malformed text is an error at file:line:column", "[util]") {
  struct Case {
    std::string text;
    int line, column;
  };
  // The column is where reading stopped: the end of the bad token.
  for (const Case& c : {Case{"{\"a\": tru}", 7, 10}, Case{"[1, 2", 7, 6}, Case{"{\"a\": 1} x", 7, 10},
                        Case{"{\n  \"a\": ?\n}", 8, 8}, Case{"", 7, 1}}) {
    INFO(c.text);
    auto v = util::parse_json(c.text, "data.jsonl", 7);
    REQUIRE_FALSE(v.ok());
    CHECK(v.error().file == "data.jsonl");
    CHECK(v.error().loc.line == c.line);
    CHECK(v.error().loc.column == c.column);
    CHECK(v.error().message.rfind("not valid JSON: ", 0) == 0);
    CHECK(v.error().message.find("json.exception") == std::string::npos);
  }
}

TEST_CASE("json: text that is not UTF-8 is written, not thrown", "[util]") {
  const util::Json v = {{"name", std::string("a\xff" "b")}};
  CHECK(util::dump_json(v) == "{\"name\":\"a\xef\xbf\xbd" "b\"}");
}

TEST_CASE("edit distance", "[util]") {
  CHECK(util::edit_distance("", "") == 0);
  CHECK(util::edit_distance("perp", "perp") == 0);
  CHECK(util::edit_distance("prep", "perp") == 2);
  CHECK(util::edit_distance("on_lin", "on_line") == 1);
  CHECK(util::edit_distance("", "abc") == 3);
  CHECK(util::edit_distance("kitten", "sitting") == 3);
}
