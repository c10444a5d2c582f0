// The problem-language parser: the benchmark, both dialects, round trips
// through to_text, and the errors for malformed problems.
#include "problem/parser.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "dsl/catalogue.hpp"
#include "geometry/predicate.hpp"

namespace pappus {
namespace {

const dsl::Catalogue& catalogue() {
  static const dsl::Catalogue cat = [] {
    auto loaded = dsl::load_default_catalogue();
    if (!loaded) FAIL(loaded.error().to_string());
    return std::move(loaded).value();
  }();
  return cat;
}

Problem parse_ok(std::string_view text, ParseOptions options = {}) {
  auto p = parse_problem(text, catalogue(), options);
  if (!p) FAIL("'" << text << "' failed: " << p.error().to_string());
  return std::move(p).value();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Single spaces between words, none before ';' or ',' nor at the ends.
std::string normalize_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space && c != ';' && c != ',') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// What a construction's arguments say, as text in catalogue order.
std::string args_text(const Problem& p, const ConstructionUse& c) {
  std::string out;
  for (const Argument& a : c.args) {
    if (!out.empty()) out += ' ';
    out += a.is_point ? p.point_name(a.point) : a.number.text;
  }
  return out;
}

}  // namespace

TEST_CASE("parser: every benchmark problem parses", "[parser]") {
  const std::string path = PAPPUS_BENCHMARK_DIR "/jgex_ag_231.txt";
  const std::string text = read_text(path);
  REQUIRE(!text.empty());
  ParseOptions options;
  options.file = path;
  options.require_goal = true;

  const auto start = std::chrono::steady_clock::now();
  const auto records = parse_problem_file(text, catalogue(), options);
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  INFO("parsed in " << elapsed << " ms");

  REQUIRE(records.size() == 231);
  for (const ParsedRecord& r : records) {
    INFO(r.name);
    if (!r.problem) FAIL(r.problem.error().to_string());
    const Problem& p = *r.problem;
    CHECK(p.name == r.name);
    CHECK(p.line == r.line + 1);
    CHECK(p.file == path);
    CHECK(p.goals.size() == 1);
    CHECK(p.point_names.size() == p.pins.size());
    for (const Clause& c : p.clauses) {
      CHECK(!c.auxiliary);
      for (const ConstructionUse& u : c.constructions) {
        REQUIRE(u.catalogue_index >= 0);
        CHECK(u.args.size() == catalogue().at(u.catalogue_index).params.size());
      }
    }
  }
  CHECK(records.front().line == 1);
  CHECK(records.back().line == 461);
}

TEST_CASE("parser: to_text of every benchmark problem reparses to the same text", "[parser]") {
  const std::string text = read_text(PAPPUS_BENCHMARK_DIR "/jgex_ag_231.txt");
  const auto records = parse_problem_file(text, catalogue());
  REQUIRE(records.size() == 231);
  std::istringstream lines(text);
  std::vector<std::string> problem_lines;
  for (std::string line; std::getline(lines, line);) problem_lines.push_back(line);
  for (const ParsedRecord& r : records) {
    REQUIRE(r.problem);
    const std::string once = to_text(*r.problem);
    INFO(once);
    // The benchmark writes every construction in full, so to_text gives
    // back its line up to spacing.
    CHECK(once == normalize_spaces(problem_lines.at(r.problem->line - 1)));
    const Problem again = parse_ok(once);
    CHECK(to_text(again) == once);
    CHECK(again.point_names == r.problem->point_names);
  }
}

TEST_CASE("parser: clauses, arguments and locations", "[parser]") {
  const Problem p =
      parse_problem("a b c = triangle a b c; h = orthocenter h a b c ? perp a h b c", catalogue(), {}, "ortho", 5)
          .value();
  CHECK(p.name == "ortho");
  CHECK(p.line == 5);
  CHECK(p.point_names == std::vector<std::string>{"a", "b", "c", "h"});
  REQUIRE(p.clauses.size() == 2);
  const Clause& second = p.clauses[1];
  CHECK(second.loc.line == 5);
  CHECK(second.loc.column == 25);
  REQUIRE(second.points.size() == 1);
  CHECK(second.points[0].value == 3);
  REQUIRE(second.constructions.size() == 1);
  const ConstructionUse& u = second.constructions[0];
  CHECK(u.name == "orthocenter");
  CHECK(u.catalogue_index == catalogue().index_of("orthocenter"));
  CHECK(u.loc.column == 29);
  REQUIRE(u.args.size() == 4);
  CHECK(u.args[0].loc.column == 41);
  CHECK(u.args[3].point.value == 2);
  CHECK(u.args[3].loc.column == 47);
  REQUIRE(p.goals.size() == 1);
  CHECK(p.goals[0].predicate == "perp");
  CHECK(p.goals[0].loc.column == 51);
  CHECK(p.goals[0].args[1].loc.column == 58);
  CHECK(to_text(p, p.goals[0]) == "perp a h b c");
  CHECK(to_text(p) == "a b c = triangle a b c; h = orthocenter h a b c ? perp a h b c");
}

TEST_CASE("parser: a problem without a goal", "[parser]") {
  const Problem p = parse_ok("a b c = triangle a b c; d = midpoint d a b");
  CHECK(p.goals.empty());
  CHECK(to_text(p) == "a b c = triangle a b c; d = midpoint d a b");
}

TEST_CASE("parser: omitted new points go first", "[parser]") {
  const Problem p = parse_ok(
      "a b c = triangle; h = orthocenter a b c; x = on_bline b c, on_line a c; "
      "d1 d2 d3 d = incenter2 a b c; p = parallelogram a b c; s = s_angle b a 30 ? perp a h b c");
  CHECK(to_text(p) ==
        "a b c = triangle a b c; h = orthocenter h a b c; x = on_bline x b c, on_line x a c; "
        "d1 d2 d3 d = incenter2 d1 d2 d3 d a b c; p = parallelogram a b c p; s = s_angle b a s 30 ? perp a h b c");
  const ConstructionUse& bline = p.clauses[2].constructions[0];
  // An omitted point is located where the clause names it.
  CHECK(bline.args[0].loc.column == p.clauses[2].loc.column);
  CHECK(bline.args[1].loc.column == 55);
}

TEST_CASE("parser: numeric arguments", "[parser]") {
  const Problem p = parse_ok("a b = segment a b; c = s_angle b a c 30; d = s_angle c b d -15 ? coll a b c");
  const Argument& y = p.clauses[1].constructions[0].args[3];
  CHECK(!y.is_point);
  CHECK(y.number.text == "30");
  CHECK(y.number.kind == NumberKind::Angle);
  CHECK(y.number.value == Approx(3.14159265358979 / 6));
  CHECK(p.clauses[2].constructions[0].args[3].number.value == Approx(-3.14159265358979 / 12));
  CHECK(to_text(parse_ok(to_text(p))) == to_text(p));

  const Problem q = parse_ok("a b = segment a b; c = s_angle b a c 30 ? aconst b a b c 1pi/6; rconst a b a b 1/1");
  REQUIRE(q.goals.size() == 2);
  REQUIRE(q.goals[0].args.size() == 5);
  CHECK(!q.goals[0].args[4].is_point);
  CHECK(q.goals[0].args[4].number.kind == NumberKind::Angle);
  CHECK(q.goals[0].args[4].number.value == Approx(3.14159265358979 / 6));
  CHECK(q.goals[1].args[4].number.value == 1);
  CHECK(to_text(q, q.goals[0]) == "aconst b a b c 1pi/6");
}

TEST_CASE("parser: pins", "[parser]") {
  const Problem p = parse_ok("a@0_0 b@1.5_0 c = triangle a b c; x@4.96_-0.13 = on_line x a b ? coll x a b");
  REQUIRE(p.pins.size() == 4);
  REQUIRE(p.pins[0]);
  CHECK(p.pins[0]->x == 0);
  CHECK(p.pins[1]->x == 1.5);
  CHECK(!p.pins[2]);
  REQUIRE(p.pins[3]);
  CHECK(p.pins[3]->x == 4.96);
  CHECK(p.pins[3]->y == -0.13);
  CHECK(p.point_names[3] == "x");
  const std::string text = to_text(p);
  CHECK(text == "a@0_0 b@1.5_0 c = triangle a b c; x@4.96_-0.13 = on_line x a b ? coll x a b");
  CHECK(to_text(parse_ok(text)) == text);
  CHECK(parse_ok("a@-.5_3. = free a").pins[0]->x == -0.5);
  const std::string tiny = to_text(parse_ok("a@0.0000001_-123456789012.5 = free a"));
  CHECK(tiny == "a@0.0000001_-123456789012.5 = free a");
  CHECK(to_text(parse_ok(tiny)) == tiny);
}

TEST_CASE("parser: the Newclid dialect", "[parser]") {
  SECTION("new points first in parallelogram, square and s_angle") {
    const Problem p = parse_ok(
        "a b c = triangle a b c; x = parallelogram x a b c; y z = square y z a b; s = s_angle s a b 30 ? para a b c x");
    CHECK(args_text(p, p.clauses[1].constructions[0]) == "a b c x");
    CHECK(args_text(p, p.clauses[2].constructions[0]) == "a b y z");
    CHECK(args_text(p, p.clauses[3].constructions[0]) == "a b s 30");
    // The AlphaGeometry order means the same.
    const Problem q = parse_ok(
        "a b c = triangle a b c; x = parallelogram a b c x; y z = square a b y z; s = s_angle a b s 30 ? para a b c x");
    CHECK(to_text(p) == to_text(q));
  }
  SECTION("':' for '=', auxiliary clauses and several goals") {
    const Problem p = parse_ok(
        "a b c : triangle a b c; m : midpoint m b c | x = on_line x a m, on_circle x m b; y : midpoint y a c "
        "? cong m b m c; coll b m c");
    REQUIRE(p.clauses.size() == 4);
    CHECK(!p.clauses[1].auxiliary);
    CHECK(p.clauses[2].auxiliary);
    CHECK(p.clauses[3].auxiliary);
    CHECK(p.point_names == std::vector<std::string>{"a", "b", "c", "m", "x", "y"});
    REQUIRE(p.goals.size() == 2);
    CHECK(p.goals[1].predicate == "coll");
    CHECK(p.goals[1].loc.column == 117);
    const std::string text = to_text(p);
    CHECK(text ==
          "a b c = triangle a b c; m = midpoint m b c | x = on_line x a m, on_circle x m b; y = midpoint y a c "
          "? cong m b m c; coll b m c");
    CHECK(to_text(parse_ok(text)) == text);
  }
  SECTION("auxiliary clauses may use each other") {
    const Problem p = parse_ok("a b = segment a b | m = midpoint m a b; n = midpoint n m b ? cong a b b a");
    CHECK(p.clauses[2].auxiliary);
  }
  SECTION("simtrir and contrir: Newclid's names of simtri2 and contri2") {
    const Problem p = parse_ok("a b c = triangle a b c; d = mirror d a b ? simtrir a b c d b c; contrir a b c d b c");
    REQUIRE(p.goals.size() == 2);
    CHECK(find_predicate(p.goals[0].predicate) == find_predicate("simtri2"));
    CHECK(find_predicate(p.goals[1].predicate) == find_predicate("contri2"));
  }
  SECTION("primed point names") {
    const Problem p = parse_ok("a b c = triangle a b c; d' = midpoint d' a b; d'' = midpoint d'' a c ? para d' d'' b c");
    CHECK(p.point_names == std::vector<std::string>{"a", "b", "c", "d'", "d''"});
    CHECK(to_text(parse_ok(to_text(p))) == to_text(p));
  }
  SECTION("constructions of the Newclid files") {
    const Problem p = parse_ok(
        "c a b = between c a b; x = eqratio6 x a c a b b c; y = aconst a b c y 1pi/3; t = iso_triangle_vertex t b c "
        "? coll a b c");
    CHECK(p.clauses.size() == 4);
    CHECK(to_text(parse_ok(to_text(p))) == to_text(p));
  }
}

TEST_CASE("parser: problem files", "[parser]") {
  const std::string text =
      "# a comment\n"
      "\n"
      "first\n"
      "a b c = triangle a b c; h = orthocenter h a b c ? perp a h b c\n"
      "  # indented comment\n"
      "second\n"
      "a b = segment a b; m = midpont m a b ? midp m a b\r\n"
      "\n"
      "third\n"
      "a b = segment a b; m = midpoint m a b ? midp m a b\n"
      "orphan\n";
  ParseOptions options;
  options.file = "some.txt";
  const auto records = parse_problem_file(text, catalogue(), options);
  REQUIRE(records.size() == 4);
  CHECK(records[0].name == "first");
  CHECK(records[0].line == 3);
  REQUIRE(records[0].problem);
  CHECK(records[0].problem->line == 4);
  CHECK(records[0].problem->file == "some.txt");

  REQUIRE(!records[1].problem);
  const Error& e = records[1].problem.error();
  CHECK(e.message == "unknown construction 'midpont'");
  CHECK(e.file == "some.txt");
  CHECK(e.loc.line == 7);
  CHECK(e.loc.column == 24);
  CHECK(e.to_string().rfind("some.txt:7:24: error: unknown construction 'midpont'", 0) == 0);

  REQUIRE(records[2].problem);
  CHECK(records[2].problem->line == 10);

  CHECK(records[3].name == "orphan");
  REQUIRE(!records[3].problem);
  CHECK(records[3].problem.error().message.find("has no problem line") != std::string::npos);
  CHECK(records[3].problem.error().loc.line == 11);
}

TEST_CASE("parser: reading files", "[parser]") {
  const auto missing = read_problem_file("/nonexistent/problems.txt", catalogue());
  REQUIRE(!missing);
  CHECK(missing.error().message.find("/nonexistent/problems.txt") != std::string::npos);
  CHECK(missing.error().file == "/nonexistent/problems.txt");
  CHECK(!read_problem_file("/", catalogue()));

  const auto bench = read_problem_file(PAPPUS_BENCHMARK_DIR "/jgex_ag_231.txt", catalogue());
  REQUIRE(bench);
  CHECK(bench->size() == 231);
  REQUIRE(bench->front().problem);
  CHECK(bench->front().problem->file == PAPPUS_BENCHMARK_DIR "/jgex_ag_231.txt");
}

// One malformed problem line and the error it must give, at line 7.
struct BadInput {
  std::string text;
  std::string message;  // a substring of the message
  int column;
  std::string token;
  std::string hint;  // a substring of the hint
  bool require_goal = false;
};

TEST_CASE("parser: malformed problems give located errors", "[parser]") {
  const std::string abc = "a b c = triangle a b c; ";  // 24 characters
  const std::string tri = "a b c = triangle a b c ";   // 23 characters
  const std::vector<BadInput> cases = {
      {abc + "d = on_lin d a b", "unknown construction 'on_lin'", 29, "on_lin", "did you mean: on_line"},
      {abc + "d = on_line d a", "wrong number of arguments for 'on_line'", 29, "on_line", "signature: on_line x a b"},
      {"a b = segment a b c", "wrong number of arguments for 'segment'", 7, "segment", "signature: segment a b"},
      {abc + "d e = midpoint d a b", "'midpoint' creates 1 point(s) but the clause defines 2", 31, "midpoint",
       "signature: midpoint x a b"},
      {abc + "d = on_line d a e", "undefined point 'e'", 41, "e", ""},
      {abc + "d = on_line d a e; e = midpoint e a b", "point 'e' is used before it is defined", 41, "e",
       "defined at 7:44"},
      {abc + "a = midpoint a b c", "point 'a' is defined twice", 25, "a", "first defined at 7:1"},
      {"a a = segment a a", "point 'a' is defined twice", 3, "a", "first defined at 7:1"},
      {"A b c = triangle A b c", "bad point name 'A'", 1, "A", "write 'a'"},
      {abc + "1d = midpoint 1d a b", "bad point name '1d'", 25, "1d", "lowercase letter"},
      {abc + "d'e = midpoint d'e a b", "bad point name 'd'e'", 25, "d'e", "may end in primes"},
      {abc + "'d = midpoint 'd a b", "bad point name ''d'", 25, "'d", "lowercase letter"},
      {abc + "d = midpoint d a B", "bad point name 'B'", 42, "B", "write 'b'"},
      {abc + "d@1.5 = midpoint d a b", "bad pin 'd@1.5'", 25, "d@1.5", "name@X_Y"},
      {abc + "d@1_2_3 = midpoint d a b", "bad pin 'd@1_2_3'", 25, "d@1_2_3", "name@X_Y"},
      {abc + "d@1_x = midpoint d a b", "bad pin 'd@1_x'", 25, "d@1_x", "name@X_Y"},
      {abc + "@1_2 = free d", "bad pin '@1_2'", 25, "@1_2", "name@X_Y"},
      {abc + "d = midpoint d a@1_2 b", "bad point name 'a@1_2'", 40, "a@1_2", "only left of '='"},
      {"a b = segment a b;; c = free c", "empty clause", 19, ";", "remove the extra ';'"},
      {"a b = segment a b; ? cong a b b a", "empty clause", 18, ";", "remove the extra ';'"},
      {"a = ", "clause has no construction", 3, "=", "write a construction"},
      {" = triangle a b c", "clause defines no points", 2, "=", "new points left of '='"},
      {"a b c triangle a b c", "clause has no '='", 1, "a", "write the new points, '='"},
      {"a = free a = free a", "more than one '=' in a clause", 12, "=", "separate clauses with ';'"},
      {"a b : segment a b : free c", "more than one ':' in a clause", 19, ":", ""},
      {"a b c = triangle a b c", "the problem has no goal", 23, "", "add '? predicate args'", true},
      {tri + "? prep a b c a", "unknown predicate 'prep'", 26, "prep", "did you mean: perp"},
      {tri + "? zzzzzzzzzz a b", "unknown predicate 'zzzzzzzzzz'", 26, "zzzzzzzzzz", "goals are: coll, para"},
      {tri + "? perp a b c", "wrong number of arguments for 'perp': expected 4, got 3", 26, "perp",
       "signature: perp a b c d"},
      {tri + "? coll a b", "wrong number of arguments for 'coll': expected at least 3, got 2", 26, "coll", ""},
      {tri + "? cong a b c d", "undefined point 'd' in the goal", 37, "d", ""},
      {"a b = segment a b | m = midpoint m a b ? cong a m m b", "the goal uses 'm', which only an auxiliary clause", 49,
       "m", "before '|'"},
      {"a b = segment a b | m = midpoint m a b | n = free n", "more than one '|'", 40, "|", "single '|'"},
      {"a b = segment a b ? cong a b a b ? coll a b", "more than one '?'", 34, "?", "separate several goals"},
      {"a b = segment a b ? cong a b a b $", "unexpected character '$'", 34, "$", ""},
      {"a b = segment a b; c = s_angle a b c abc", "bad angle 'abc' for 'y' of 's_angle'", 38, "abc", "degrees"},
      {"a b = segment a b ? rconst a b a b x", "bad ratio 'x' in 'rconst'", 36, "x", "'N/D'"},
      {abc + "d = on_line a b c", "'a' is where 'on_line' puts a new point, but it is not defined by this clause", 37,
       "a", "new points: x"},
      {abc + "d = on_line d d a", "point 'd' is an input of 'on_line' in the clause that defines it", 39, "d",
       "earlier clauses"},
      {abc + "d e = square a b d d", "new point 'd' appears twice in 'square'", 44, "d", ""},
      {abc + "x = on_line x a b, , on_circle x a b", "empty construction", 44, ",", "remove the extra ','"},
      {abc + "x = on_line x a b,", "empty construction", 42, ",", ""},
      {"a b = segment a b ? ", "nothing after '?'", 19, "?", "write a goal"},
      {"a b = segment a b ? cong a b a b;", "empty goal", 33, ";", ""},
      {"a, b = segment a b", "unexpected ',' left of '='", 2, ",", ""},
      {"a b = segment a b ? cong a b = a b", "unexpected '=' in a goal", 30, "=", ""},
      {"", "the problem has no clauses", 1, "", ""},
      {"? coll a b c", "the problem has no clauses", 1, "?", ""},
      {"| a = free a", "no clauses before '|'", 1, "|", ""},
      {"a = free a | ? coll a a a", "no auxiliary clauses after '|'", 12, "|", ""},
  };
  for (const BadInput& c : cases) {
    INFO("input: '" << c.text << "'");
    ParseOptions options;
    options.file = "bad.txt";
    options.require_goal = c.require_goal;
    const auto result = parse_problem(c.text, catalogue(), options, "bad", 7);
    REQUIRE(!result);
    const Error& e = result.error();
    INFO("error: " << e.to_string());
    CHECK(e.message.find(c.message) != std::string::npos);
    CHECK(e.file == "bad.txt");
    CHECK(e.loc.line == 7);
    CHECK(e.loc.column == c.column);
    CHECK(e.token == c.token);
    CHECK(e.hint.find(c.hint) != std::string::npos);
  }
}

}  // namespace pappus
