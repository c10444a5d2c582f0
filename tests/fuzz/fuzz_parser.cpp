// Fuzz target: the problem parser on arbitrary bytes, as a whole file and as
// one problem line. Errors must be located inside the text; a problem that
// parses must print (to_text) to a line that parses to the same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "problem/parser.hpp"

namespace pappus::fuzz {
namespace {

void check_round_trip(const Problem& p) {
  const std::string once = to_text(p);
  auto again = parse_problem(once, catalogue());
  if (!again) fail("to_text gave '" + once + "', which does not parse: " + again.error().to_string());
  require(to_text(*again) == once, "to_text is not stable: '" + once + "' became '" + to_text(*again) + "'");
  require(again->point_names == p.point_names, "round trip changed the points of '" + once + "'");
  require(again->goals.size() == p.goals.size(), "round trip changed the goals of '" + once + "'");
}

void one_line(std::string_view text) {
  auto p = parse_problem(text, catalogue(), ParseOptions{.file = "fuzz"}, "fuzz", 1);
  if (!p) {
    const Error& e = p.error();
    require(!e.message.empty() && e.file == "fuzz", "error without message or file");
    require(e.loc.line == 1, "error on line " + std::to_string(e.loc.line) + " of a one-line problem");
    require(e.loc.column >= 1 && static_cast<std::size_t>(e.loc.column) <= text.size() + 1,
            "error column " + std::to_string(e.loc.column) + " outside the line: " + e.to_string());
    return;
  }
  require(p->point_names.size() == p->pins.size(), "pins and points disagree");
  for (const Clause& c : p->clauses)
    for (const ConstructionUse& u : c.constructions)
      require(u.catalogue_index >= 0 && u.args.size() == catalogue().at(u.catalogue_index).params.size(),
              "construction with the wrong arguments");
  check_round_trip(*p);
}

}  // namespace
}  // namespace pappus::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pappus;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = fuzz::count_lines(text.data(), text.size());
  for (const ParsedRecord& r : parse_problem_file(text, fuzz::catalogue(), ParseOptions{.file = "fuzz"})) {
    fuzz::require(r.line >= 1 && r.line <= lines, "record line outside the file");
    if (r.problem) {
      fuzz::check_round_trip(*r.problem);
    } else {
      fuzz::require_located(r.problem.error(), lines);
      fuzz::require(r.problem.error().loc.line >= 1, "unlocated error in a problem file");
    }
  }
  if (text.find('\n') == std::string_view::npos) fuzz::one_line(text);
  return 0;
}
