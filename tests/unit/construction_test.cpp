// Every construction of the catalogue, built on many seeds, satisfies the
// facts it asserts; and the catalogue loader rejects bad entries with file:line.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "problem/parser.hpp"

using namespace pappus;

namespace {

const dsl::Catalogue& catalogue() {
  static const dsl::Catalogue cat = [] {
    auto c = dsl::load_default_catalogue();
    if (!c) FAIL(c.error().to_string());
    return std::move(*c);
  }();
  return cat;
}

// Inputs that satisfy a construction's given facts or placement needs.
const std::map<std::string, std::string> kSetups = {
    {"2l1c", "o = free o; a = free a; b = on_circle b o a; q = on_circle q o a; c = between_bound c b q"},
    {"e5128", "b c = segment b c; a = on_tline a b b c; d = on_circle d c b"},
    // Internal common tangents need circles apart from each other.
    {"cc_itangent", "o w = segment o w; a p = trisegment a p o w; b = on_circle b w p"},
};

// The problem text that builds construction `c` once, on free inputs.
std::string problem_for(const dsl::Construction& c) {
  std::string text;
  std::set<int> fresh(c.new_points.begin(), c.new_points.end());
  if (auto it = kSetups.find(c.name); it != kSetups.end()) {
    text = it->second + "; ";
  } else {
    for (std::size_t i = 0; i < c.params.size(); ++i)
      if (c.params[i].is_point && !fresh.count(static_cast<int>(i)))
        text += c.params[i].name + " = free " + c.params[i].name + "; ";
  }
  for (int p : c.new_points) text += c.params[p].name + " ";
  text += "= " + c.name;
  for (const auto& p : c.params) {
    if (p.is_point) {
      text += " " + p.name;
    } else {
      switch (p.kind) {
        case NumberKind::Angle: text += " 40"; break;
        case NumberKind::Ratio: text += " 3/2"; break;
        case NumberKind::Length: text += " 1.5"; break;
      }
    }
  }
  return text;
}

}  // namespace

TEST_CASE("every construction satisfies its asserted facts on 50 seeds", "[construction]") {
  const auto& cat = catalogue();
  REQUIRE(cat.all().size() >= 80);
  for (const auto& c : cat.all()) {
    const std::string text = problem_for(c);
    INFO("construction " << c.name << ": " << text);
    auto problem = parse_problem(text, cat);
    REQUIRE(problem.ok());
    const Clause& clause = problem->clauses.back();
    const ConstructionUse& use = clause.constructions[0];
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
      INFO("seed " << seed);
      DiagramOptions options;
      options.seed = seed;
      auto d = build_diagram(*problem, cat, options);
      if (!d) FAIL(d.error().to_string());
      // Re-check every asserted fact from the finished diagram.
      for (const auto& f : c.asserts) {
        std::vector<geo::Vec2> pts;
        for (int a : f.args) pts.push_back(d->at(use.args[a].point));
        const double number = f.literal ? f.literal->value : f.number >= 0 ? use.args[f.number].number.value : 0;
        INFO("fact line " << f.line << ": " << predicate_info(f.pred).name);
        CHECK(holds(f.pred, pts, number));
      }
      // New points are distinct from each other and from the inputs.
      for (std::size_t i = 0; i < problem->point_count(); ++i)
        for (std::size_t j = i + 1; j < problem->point_count(); ++j)
          CHECK((d->points[i] - d->points[j]).norm() > 1e-6);
    }
  }
}

TEST_CASE("the same seed gives identical coordinates; another seed does not", "[diagram]") {
  const auto& cat = catalogue();
  auto problem = parse_problem(
      "a b c = triangle a b c; o = circle o a b c; h = orthocenter h a b c; d = on_line d a h, on_circle d o c", cat);
  REQUIRE(problem.ok());
  DiagramOptions o1;
  o1.seed = 7;
  auto d1 = build_diagram(*problem, cat, o1);
  auto d2 = build_diagram(*problem, cat, o1);
  REQUIRE(d1.ok());
  REQUIRE(d2.ok());
  for (std::size_t i = 0; i < d1->points.size(); ++i) {
    CHECK(d1->points[i].x() == d2->points[i].x());
    CHECK(d1->points[i].y() == d2->points[i].y());
  }
  o1.seed = 8;
  auto d3 = build_diagram(*problem, cat, o1);
  REQUIRE(d3.ok());
  CHECK(d1->points[0] != d3->points[0]);
}

TEST_CASE("a goal that is false is reported, not searched forever", "[diagram]") {
  const auto& cat = catalogue();
  auto problem = parse_problem("a b c = triangle a b c; m = midpoint m a b ? perp c m a b", cat);
  REQUIRE(problem.ok());
  auto d = build_diagram(*problem, cat);
  REQUIRE(d.ok());
  CHECK_FALSE(d->all_goals_hold());
  CHECK(d->attempts == DiagramOptions{}.max_attempts);
}

TEST_CASE("a figure that cannot be built names the clause and the reason", "[diagram]") {
  const auto& cat = catalogue();
  SECTION("parallel lines never meet") {
    auto problem = parse_problem("a b c = triangle a b c; d = on_pline d c a b; e = on_line e a b, on_line e c d", cat);
    REQUIRE(problem.ok());
    auto d = build_diagram(*problem, cat);
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(d.error().message, Catch::Contains("clause 3") && Catch::Contains("do not meet"));
  }
  SECTION("a precondition that always fails") {
    auto problem = parse_problem("a b = segment a b; c = midpoint c a b; d = foot d c a b", cat);
    REQUIRE(problem.ok());
    auto d = build_diagram(*problem, cat);
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(d.error().message, Catch::Contains("precondition 'ncoll a b c' fails"));
  }
  SECTION("pinned coordinates that break the construction") {
    auto problem = parse_problem("a@0_0 b@1_0 = segment a b; m@0.3_0 = midpoint m a b", cat);
    REQUIRE(problem.ok());
    auto d = build_diagram(*problem, cat);
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(d.error().message, Catch::Contains("pinned coordinates"));
  }
  SECTION("pinned coordinates that fit are kept exactly") {
    auto problem = parse_problem("a@0_0 b@2_0 = segment a b; m@1_0 = midpoint m a b", cat);
    REQUIRE(problem.ok());
    auto d = build_diagram(*problem, cat);
    REQUIRE(d.ok());
    CHECK(d->points[2].x() == 1.0);
    CHECK(d->points[1].x() == 2.0);
  }
}

TEST_CASE("catalogue errors give file:line", "[catalogue]") {
  struct Case {
    const char* text;
    int line;
    const char* message;
  };
  const Case cases[] = {
      {"construction foo x a\n  new x\n  place x = nowhere(a)\n", 3, "unknown function"},
      {"construction foo x a\n  new x\n  assert coll x a\n", 3, "wrong number of arguments"},
      {"construction foo x a\n  new x\n  assert colinear x a a\n", 3, "unknown predicate"},
      {"construction foo x a\n  new x\n", 1, "never places its new point"},
      {"construction foo x a\n  place x = a\n", 2, "'new' line must come right after"},
      {"construction foo x a\n  new x\n  place x = line(a, a)\n", 3, "not what 'place' needs"},
      {"construction foo x a\n  new x\n  place x = a\nconstruction foo y b\n  new y\n  place y = b\n", 4, "defined twice"},
      {"construction foo x a\n  new x\n  place x = midpoint(a)\n", 3, "takes 2 arguments"},
      {"construction foo x a\n  new x\n  require coll x a a\n", 3, "only use input points"},
      {"construction foo x a\n  new x\n  frobnicate\n", 3, "unknown keyword"},
      {"construction foo x a\n  new x\n  place x = a + 1\n", 3, "does not apply"},
      {"construction foo x a r:weight\n", 1, "unknown number kind"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto cat = dsl::Catalogue::parse(c.text, "test.txt");
    REQUIRE_FALSE(cat.ok());
    CHECK(cat.error().file == "test.txt");
    CHECK(cat.error().loc.line == c.line);
    CHECK_THAT(cat.error().message, Catch::Contains(c.message));
  }
}
