// Fuzz target: the rule file loader on arbitrary text. A bad rule file is a
// located error; a rule book that loads has well-formed rules, and the
// engine runs with it on a small problem without crashing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "fuzz_common.hpp"
#include "problem/parser.hpp"

namespace {

struct Figure {
  pappus::Problem problem;
  pappus::Diagram diagram;
};

// The orthocenter example and its diagram, built once.
const Figure& figure() {
  static const Figure f = [] {
    using namespace pappus;
    auto p = parse_problem(
        "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b",
        fuzz::catalogue());
    if (!p) fuzz::fail(p.error().to_string());
    auto d = build_diagram(*p, fuzz::catalogue());
    if (!d) fuzz::fail(d.error().to_string());
    return Figure{std::move(p).value(), std::move(d).value()};
  }();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace pappus;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = fuzz::count_lines(text.data(), text.size());
  auto book = engine::RuleBook::parse(text, "fuzz.txt");
  if (!book) {
    fuzz::require_located(book.error(), lines);
    fuzz::require(book.error().file == "fuzz.txt", "rule file error without the file name");
    return 0;
  }
  for (const engine::Rule& r : book->rules()) {
    fuzz::require(!r.premises.empty() && !r.conclusions.empty(), "rule '" + r.name + "' without premises or conclusions");
    fuzz::require(r.line >= 1 && r.line <= lines, "rule line outside the file");
    fuzz::require(book->index_of(r.name).has_value(), "rule '" + r.name + "' cannot be found by name");
    for (const auto* atoms : {&r.premises, &r.conditions, &r.conclusions})
      for (const engine::Atom& a : *atoms) {
        const PredicateInfo& info = predicate_info(a.pred);
        fuzz::require(info.variadic ? static_cast<int>(a.args.size()) >= info.points
                                    : static_cast<int>(a.args.size()) == info.points,
                      "atom of rule '" + r.name + "' with the wrong arity");
        fuzz::require(a.number.has_value() == info.number.has_value(), "atom of rule '" + r.name + "' lacks its number");
        for (int v : a.args)
          fuzz::require(v >= 0 && v < static_cast<int>(r.vars.size()), "rule '" + r.name + "' uses an unknown variable");
      }
  }
  engine::EngineOptions options;
  options.time_limit_s = 0.02;
  options.max_facts = 500;
  options.max_instances = 2000;
  engine::Engine eng(figure().problem, figure().diagram, fuzz::catalogue(), *book, options);
  (void)eng.run();
  return 0;
}
