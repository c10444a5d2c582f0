// Fuzz target: the construction catalogue loader on arbitrary text. A bad
// catalogue is a located error; a catalogue that loads must be usable: a
// few problems parse against it and their diagrams build or fail cleanly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diagram/diagram.hpp"
#include "fuzz_common.hpp"
#include "problem/parser.hpp"

namespace {

constexpr std::string_view kProblems[] = {
    "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b",
    "a b c = triangle a b c; o = circle o a b c; d = on_circle d o a ? eqangle c a c b d a d b",
    "a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp c a c b",
    "a b c = triangle a b c; d = parallelogram a b c d; m = on_line m a c, on_line m b d ? midp m a c",
    "a = free a; b = free b; c = s_angle a b c 30; d = on_tline d c a b, on_bline d a b ? cong d a d b",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pappus;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cat = dsl::Catalogue::parse(text, "fuzz.txt");
  if (!cat) {
    fuzz::require_located(cat.error(), fuzz::count_lines(text.data(), text.size()));
    fuzz::require(cat.error().file == "fuzz.txt", "catalogue error without the file name");
    return 0;
  }
  for (const dsl::Construction& c : cat->all()) {
    fuzz::require(!c.new_points.empty(), "construction without new points");
    (void)c.signature();
    (void)c.one_dof();
    (void)cat->nearest(c.name);
  }
  DiagramOptions options;
  options.max_attempts = 2;
  options.clause_retries = 2;
  for (std::string_view line : kProblems) {
    auto problem = parse_problem(line, *cat);
    if (!problem) continue;
    auto diagram = build_diagram(*problem, *cat, options);
    if (!diagram) fuzz::require(!diagram.error().message.empty(), "diagram error without a message");
  }
  return 0;
}
