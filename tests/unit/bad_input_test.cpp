// Hostile and malformed input at every stage of the pipeline: problem texts
// the parser must reject with a located error, figures the diagram builder
// must refuse naming the clause, problems the engine must stop on cleanly,
// and damaged data files (construction catalogue, rule file). None may
// crash or hang. (parser_test.cpp holds the table of ordinary syntax errors.)
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "util/rng.hpp"

namespace pappus {
namespace {

using test::data;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int count_lines(std::string_view text) { return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

// The 1-based column of the first `needle` in `text`.
int column_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<int>(at) + 1;
}

// `count` clauses "NAME_i = BODY_i" joined with "; ", from a generator.
template <class F>
std::string clauses(int count, F clause) {
  std::string out;
  for (int i = 0; i < count; ++i) out += (i ? "; " : "") + clause(i);
  return out;
}

enum class Expect {
  ParseError,    // rejected by the parser at `column`
  DiagramError,  // parses; the diagram builder names the clause at `column`
  GoalFalse,     // builds, but the goal is false in every sampled figure
  Stops,         // builds with its goals true; the engine stops with `stop`
};

struct Hostile {
  std::string what;
  std::string text;
  Expect expect;
  std::string message = {};  // errors: a substring of the message
  int column = 0;            // errors: the column the error points at
  engine::StopReason stop = engine::StopReason::Proved;
};

const std::string abc = "a b c = triangle a b c; ";  // 24 characters
const std::string tri = "a b c = triangle a b c ";   // 23 characters
const std::string ab = "a b = segment a b; ";        // 19 characters
const std::string zs(100000, 'z');

std::vector<Hostile> hostile_problems() {
  using E = Expect;
  using engine::StopReason;
  const std::string midpoint_chain = ab + clauses(300, [](int i) {
    return "m" + std::to_string(i) + " = midpoint m" + std::to_string(i) + " a " +
           (i == 0 ? std::string("b") : "m" + std::to_string(i - 1));
  });
  const std::string copies =
      abc + "d = midpoint d a b; " + clauses(2000, [](int i) { return "d" + std::to_string(i) + " = midpoint d" + std::to_string(i) + " a b"; });
  const std::string many_names = clauses(1, [](int) {
    std::string names;
    for (int i = 0; i < 1000; ++i) names += "p" + std::to_string(i) + " ";
    return names + "= triangle p0 p1 p2";
  });
  std::string same_line = ab + "c = on_line c a b";
  for (int i = 0; i < 500; ++i) same_line += ", on_line c a b";
  std::string same_goal = tri + "? coll a b a";
  for (int i = 0; i < 2000; ++i) same_goal += "; coll a b a";
  const std::string long_name(100000, 'a');

  return {
      // Names, arity and order of definition.
      {"an unknown construction with no near name", "a = zzzzzzzzzzzz a", E::ParseError,
       "unknown construction 'zzzzzzzzzzzz'", 5},
      {"construction names are case-sensitive", "a b c = Triangle a b c", E::ParseError,
       "unknown construction 'Triangle'", 9},
      {"too many arguments", "a b c = triangle a b c d", E::ParseError, "wrong number of arguments for 'triangle'", 9},
      {"too few arguments in the second construction of a clause", abc + "d = on_line d a b, on_circle d a",
       E::ParseError, "wrong number of arguments for 'on_circle'", 44},
      {"one construction for a thousand new points", many_names, E::ParseError,
       "'triangle' creates 3 point(s) but the clause defines 1000", column_of(many_names, "triangle")},
      {"a point built from itself", "a = midpoint a a b", E::ParseError,
       "point 'a' is an input of 'midpoint' in the clause that defines it", 16},
      {"two clauses that need each other", ab + "c = on_line c a d; d = on_line d a c", E::ParseError,
       "point 'd' is used before it is defined", 36},
      {"a free point under another name", "a = free b", E::ParseError,
       "'b' is where 'free' puts a new point, but it is not defined by this clause", 10},
      {"goal names are case-sensitive", tri + "? Perp a b c a", E::ParseError, "unknown predicate 'Perp'", 26},
      {"a point where the goal wants an angle", tri + "? aconst a b a c d", E::ParseError, "bad angle 'd' in 'aconst'",
       41},
      {"a number where a point belongs", ab + "c = on_line c a 1", E::ParseError, "bad point name '1'", 36},

      // Numbers out of range.
      {"an angle with an exponent", ab + "c = s_angle a b c 1e999", E::ParseError, "bad angle '1e999'", 38},
      {"an angle beyond a long", ab + "c = s_angle a b c 99999999999999999999", E::ParseError,
       "bad angle '99999999999999999999'", 38},
      {"the most negative long as a fraction of pi", ab + "c = s_angle a b c -9223372036854775808pi",
       E::ParseError, "bad angle '-9223372036854775808pi'", 38},
      {"the most negative long in degrees", ab + "c = s_angle a b c -9223372036854775808", E::ParseError,
       "bad angle '-9223372036854775808'", 38},
      {"a fraction of pi over zero", ab + "c = s_angle a b c 1pi/0", E::ParseError, "bad angle '1pi/0'", 38},
      {"a ratio of zero", tri + "? rconst a b a c 0/1", E::ParseError, "bad ratio '0/1' in 'rconst'", 41},
      {"a ratio over zero", tri + "? rconst a b a c 1/0", E::ParseError, "bad ratio '1/0' in 'rconst'", 41},
      {"a negative length", ab + "c = lconst c a -3", E::ParseError, "bad length '-3'", 35},
      {"an infinite length", ab + "c = lconst c a inf", E::ParseError, "bad length 'inf'", 35},
      {"a pin beyond the doubles", "a@1e308_5 = free a", E::ParseError, "bad pin 'a@1e308_5'", 1},
      {"a pin of 400 digits", "a@" + std::string(400, '9') + "_0 = free a", E::ParseError, "bad pin 'a@999", 1},
      {"a pin that is not a number", "a@nan_0 = free a", E::ParseError, "bad pin 'a@nan_0'", 1},

      // Bytes that are not the language.
      {"a non-ASCII point name", abc + "\xc3\xa9 = midpoint \xc3\xa9 a b", E::ParseError,
       "unexpected character (byte 195)", 25},
      {"a typographic quote", tri + "? perp a b c a\xe2\x80\x99", E::ParseError, "unexpected character (byte 226)", 38},
      {"only white space", "  \t  ", E::ParseError, "the problem has no clauses", 1},
      {"a NUL byte", std::string("a = free a\0", 11), E::ParseError, "unexpected character (byte 0)", 11},
      {"binary garbage", "\xff\xfe\x00\x01", E::ParseError, "unexpected character (byte 255)", 1},
      {"an escape sequence", "a = free a\x1b[31m", E::ParseError, "unexpected character (byte 27)", 11},

      // Sizes.
      {"an unknown construction of 100000 letters", "a = " + zs + " a", E::ParseError, "unknown construction 'zzz",
       5},
      {"an unknown predicate of 100000 letters", "a = free a ? " + zs + " a", E::ParseError, "unknown predicate 'zzz",
       14},
      {"100000 empty clauses", "a = free a" + std::string(100000, ';'), E::ParseError, "empty clause", 12},
      {"a point name of 100000 letters", long_name + " = free " + long_name, E::Stops, "", 0,
       StopReason::Saturated},
      {"5000 free points", clauses(5000, [](int i) { return "p" + std::to_string(i) + " = free p" + std::to_string(i); }) +
                               " ? coll p0 p1 p0",
       E::Stops, "", 0, StopReason::PointLimit},
      {"2000 copies of one goal", same_goal, E::Stops, "", 0, StopReason::Proved},

      // Figures that cannot be built.
      {"two midpoints of one segment", abc + "d = midpoint d a b; e = midpoint e a b", E::DiagramError,
       "cannot build clause 3 'e = midpoint e a b': point e coincides with another point", 45},
      {"2000 copies of one midpoint", copies, E::DiagramError,
       "cannot build clause 3 'd0 = midpoint d0 a b': point d0 coincides with another point", 45},
      {"midpoints that shrink below the figure's resolution", midpoint_chain, E::DiagramError,
       "cannot build clause 10 'm8 = midpoint m8 a m7': point m8 coincides with another point",
       column_of(midpoint_chain, "m8 = ")},
      {"parallel lines", abc + "d = on_pline d c a b, on_line d a b", E::DiagramError,
       "cannot build clause 2 'd = on_pline d c a b, on_line d a b': the curves of 'on_pline' and 'on_line' do not meet",
       25},
      {"one line twice", abc + "d = on_line d a b, on_line d a b", E::DiagramError,
       "the curves of 'on_line' and 'on_line' do not meet", 25},
      {"one line 501 times", same_line, E::DiagramError, "the curves of 'on_line' and 'on_line' do not meet", 20},
      {"disjoint circles", ab + "m = midpoint m a b; n = midpoint n a m; x = on_circle x a n, on_circle x b m",
       E::DiagramError, "cannot build clause 4 'x = on_circle x a n, on_circle x b m': the curves of 'on_circle' and "
       "'on_circle' do not meet", 60},
      {"a circle and a line that miss", ab + "m = midpoint m a b; n = midpoint n a m; x = on_circle x a n, on_tline x b a b",
       E::DiagramError, "the curves of 'on_circle' and 'on_tline' do not meet", 60},
      {"lengths no triangle has", ab + "c = lconst c a 3, lconst c b 100", E::DiagramError,
       "the curves of 'lconst' and 'lconst' do not meet", 20},
      {"three conditions on one point", ab + "c = on_line c a b, on_bline c a b, on_circle c a b", E::DiagramError,
       "cannot build clause 2 'c = on_line c a b, on_bline c a b, on_circle c a b': fact 'cong o x o a' fails", 20},
      {"a perpendicular to a point", abc + "d = on_tline d a b b", E::DiagramError, "precondition 'diff b c' fails",
       25},
      {"a line through one point", ab + "c = on_line c a a", E::DiagramError, "precondition 'diff a b' fails", 20},
      {"a line meeting itself", abc + "d = intersection_ll d a b a b", E::DiagramError,
       "precondition 'npara a b c d' fails", 25},
      {"the bisector of a flat angle", abc + "d = angle_bisector d a a c", E::DiagramError,
       "precondition 'ncoll a b c' fails", 25},
      {"pins that coincide", "a@1_1 b@1_1 = segment a b", E::DiagramError, "point a coincides with another point", 1},
      {"pins closer than the figure resolves", "a@0_0 b@0.0000001_0 = segment a b", E::DiagramError,
       "point a coincides with another point", 1},
      {"a pinned triangle that is flat", "a@0_0 b@1_0 c@2_0 = triangle a b c", E::DiagramError,
       "the pinned coordinates break the construction: condition 'ncoll a b c' fails", 1},
      {"a pin far beyond the figure", "a@0_0 b@100000000000000000000000000000_0 = segment a b", E::DiagramError,
       "point b lands too far from the figure", 1},

      // Goals that are false, degenerate or trivial.
      {"a false goal", tri + "? perp a b a c", E::GoalFalse},
      {"a line perpendicular to itself", "a b = segment a b ? perp a b a b", E::GoalFalse},
      {"three collinear points on a circle", abc + "d = on_line d a b ? cyclic a b d d", E::GoalFalse},
      {"a point named like a predicate", "coll = free coll; b = free b; c = free c ? coll coll b c", E::GoalFalse},
      {"one point, repeated, is collinear", tri + "? coll a a a", E::Stops},
      {"a repeated point on a circle", tri + "? cyclic a a b c", E::Stops},
      {"two points, repeated, are concyclic", tri + "? cyclic a a b b", E::Stops},
      {"a segment congruent to itself", "a b = segment a b ? cong a b a b", E::Stops},
      {"an angle of 360 degrees", ab + "c = s_angle a b c 360 ? aconst a b b c 0", E::Stops},
      {"tabs and carriage returns", "a b c = triangle a b c\t;\td = midpoint d a b\r? midp d a b", E::Stops},
      {"auxiliary clauses that contradict each other", "a b c : triangle a b c | d : midpoint d a b; e : midpoint e a b "
       "? cong a b a b", E::Stops},
  };
}

TEST_CASE("bad input: hostile problems fail cleanly at the right stage", "[bad_input]") {
  const auto& [cat, rules] = data();
  const auto cases = hostile_problems();
  CHECK(cases.size() >= 40);
  for (const Hostile& c : cases) {
    INFO("case: " << c.what);
    const auto start = std::chrono::steady_clock::now();
    ParseOptions options;
    options.file = "hostile.txt";
    const auto problem = parse_problem(c.text, cat, options, "hostile", 3);
    if (c.expect == Expect::ParseError) {
      REQUIRE(!problem);
      const Error& e = problem.error();
      INFO("error: " << e.to_string().substr(0, 300));
      CHECK(e.message.find(c.message) != std::string::npos);
      CHECK(e.file == "hostile.txt");
      CHECK(e.loc.line == 3);
      CHECK(e.loc.column == c.column);
      continue;
    }
    if (!problem) FAIL(problem.error().to_string().substr(0, 300));
    DiagramOptions diagram_options;
    diagram_options.max_attempts = 10;
    const auto diagram = build_diagram(*problem, cat, diagram_options);
    if (c.expect == Expect::DiagramError) {
      REQUIRE(!diagram);
      const Error& e = diagram.error();
      INFO("error: " << e.to_string().substr(0, 300));
      CHECK(e.message.find(c.message) != std::string::npos);
      CHECK(e.file == "hostile.txt");
      CHECK(e.loc.line == 3);
      CHECK(e.loc.column == c.column);
      CHECK(!e.hint.empty());
      continue;
    }
    if (!diagram) FAIL(diagram.error().to_string().substr(0, 300));
    if (c.expect == Expect::GoalFalse) {
      CHECK(!diagram->all_goals_hold());
      continue;
    }
    REQUIRE(diagram->all_goals_hold());
    engine::EngineOptions engine_options;
    engine_options.time_limit_s = 10;
    engine::Engine eng(*problem, *diagram, cat, rules, engine_options);
    const engine::StopReason stop = eng.run();
    CHECK(engine::to_string(stop) == std::string(engine::to_string(c.stop)));
    CHECK(eng.stats().numeric_violations == 0);
    if (stop == engine::StopReason::Proved) {
      const proof::CheckResult checked = proof::check(proof::extract(eng), *problem, cat, rules);
      CHECK(checked.ok);
      INFO(checked.message);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 20);
  }
}

TEST_CASE("bad input: hostile problem files", "[bad_input]") {
  const auto& cat = data().catalogue;
  ParseOptions options;
  options.file = "hostile.txt";
  CHECK(parse_problem_file("", cat, options).empty());
  CHECK(parse_problem_file("\n\n\r\n \t\n", cat, options).empty());
  CHECK(parse_problem_file("# only\n  # comments\n", cat, options).empty());

  const auto garbage = parse_problem_file("\xff\xfe\n\x01\x02\x03\n", cat, options);
  REQUIRE(garbage.size() == 1);
  CHECK(garbage[0].name == "\xff\xfe");
  REQUIRE(!garbage[0].problem);
  CHECK(garbage[0].problem.error().message == "unexpected character (byte 1)");
  CHECK(garbage[0].problem.error().loc.line == 2);
  CHECK(garbage[0].problem.error().loc.column == 1);

  // A NUL byte inside a name line, a name of 100000 letters, then a name
  // with no problem line.
  const std::string text = std::string("na\0me\na = free a\n", 17) + zs + "\nb = free b\norphan\n";
  const auto records = parse_problem_file(text, cat, options);
  REQUIRE(records.size() == 3);
  CHECK(records[0].name.size() == 5);
  CHECK(records[0].problem.ok());
  CHECK(records[1].name == zs);
  CHECK(records[1].problem.ok());
  REQUIRE(!records[2].problem);
  CHECK(records[2].problem.error().message.find("has no problem line") != std::string::npos);
  CHECK(records[2].problem.error().loc.line == 5);

  // 20000 records of one free point each.
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "p" + std::to_string(i) + "\na = free a\n";
  const auto many = parse_problem_file(big, cat, options);
  REQUIRE(many.size() == 20000);
  CHECK(many.back().line == 39999);
  CHECK(many.back().problem.ok());
}

TEST_CASE("bad input: random bytes and mutated problems never crash the pipeline", "[bad_input]") {
  const auto& cat = data().catalogue;
  const std::vector<std::string> seeds = {
      "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b",
      "a b = segment a b; c = s_angle a b c 30; d = on_tline d c a b, on_bline d a b ? aconst a b b c 1pi/6",
      "a@0_0 b@4_0 c = triangle a b c; m = midpoint m a b | x = on_circle x m a, on_line x a c ? cong m a m b",
  };
  const std::vector<std::string> tokens = {
      "a", "b", "c", "d", "x", "=", ";", ",", "?", "|", ":", "a@1_2", "-1", "30", "1pi/3", "2/1", "triangle",
      "free", "midpoint", "on_line", "on_circle", "foot", "intersection_ll", "perp", "coll", "cyclic", "ncoll",
      "\xff", std::string(1, '\0'), "\t", "A", "\xc3\xa9", ""};
  Rng rng(2024);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    if (round % 3 == 0) {
      for (int i = static_cast<int>(rng.below(80)); i >= 0; --i) text += static_cast<char>(rng.below(256));
    } else {
      // A seed problem with one to three of its words replaced.
      std::vector<std::string> words;
      std::istringstream in(seeds[rng.below(seeds.size())]);
      for (std::string w; in >> w;) words.push_back(w);
      for (int k = 1 + static_cast<int>(rng.below(3)); k > 0; --k)
        words[rng.below(words.size())] = tokens[rng.below(tokens.size())];
      for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
    }
    INFO("input: '" << text << "'");
    if (text.find('\n') != std::string::npos) {
      for (const ParsedRecord& r : parse_problem_file(text, cat)) CHECK(r.line >= 1);
      continue;
    }
    const auto problem = parse_problem(text, cat);
    if (!problem) {
      CHECK(problem.error().loc.line == 1);
      CHECK(problem.error().loc.column >= 1);
      CHECK(problem.error().loc.column <= static_cast<int>(text.size()) + 1);
      continue;
    }
    ++parsed;
    const std::string once = to_text(*problem);
    const auto again = parse_problem(once, cat);
    REQUIRE(again.ok());
    CHECK(to_text(*again) == once);
    DiagramOptions options;
    options.max_attempts = 3;
    const auto diagram = build_diagram(*problem, cat, options);
    if (!diagram) CHECK(!diagram.error().message.empty());
  }
  CHECK(parsed > 20);
}

// Damaged copies of a data file: truncated at many places, and with single
// bytes replaced. Each parses to a (smaller) book or fails with an error
// that names a line of the damaged text; none crashes.
template <class Parse>
void damage(const std::string& original, Parse parse, const std::string& nothing_message) {
  Rng rng(7);
  const std::string replacements = std::string("\0\xff\n#=,()_:x9 \"", 14);
  int errors = 0, variants = 0;
  for (int i = 0; i < 400; ++i) {
    std::string text = original;
    if (i % 2 == 0) {
      text.resize(rng.below(original.size()));
    } else {
      for (int flips = 1 + static_cast<int>(rng.below(3)); flips > 0; --flips)
        text[rng.below(text.size())] = replacements[rng.below(replacements.size())];
    }
    ++variants;
    const auto error = parse(text);
    if (!error) continue;
    ++errors;
    INFO("damaged text " << i << ": " << error->to_string());
    CHECK(!error->message.empty());
    CHECK(error->file == "damaged.txt");
    if (error->message != nothing_message) {
      CHECK(error->loc.line >= 1);
      CHECK(error->loc.line <= count_lines(text));
    }
  }
  CHECK(variants == 400);
  CHECK(errors > 100);
}

TEST_CASE("bad input: damaged construction catalogues give located errors", "[bad_input]") {
  const std::string original = read_text(dsl::data_dir() + "/dsl/constructions.txt");
  REQUIRE(original.size() > 1000);
  const std::size_t full = data().catalogue.all().size();
  damage(
      original,
      [&](const std::string& text) -> std::optional<Error> {
        auto c = dsl::Catalogue::parse(text, "damaged.txt");
        if (c) {
          CHECK(c->all().size() <= full + 1);
          return std::nullopt;
        }
        return c.error();
      },
      "the catalogue defines no construction");

  // A cut inside a recipe line, at a known place.
  const auto cut = original.find("  place x = midpoint(a, b)", original.find("construction midpoint x a b"));
  REQUIRE(cut != std::string::npos);
  const auto truncated = dsl::Catalogue::parse(original.substr(0, cut + 20), "damaged.txt");
  REQUIRE(!truncated);
  CHECK(truncated.error().message == "unknown name in expression");
  CHECK(truncated.error().token == "midpoint");
  CHECK(truncated.error().loc.line == count_lines(original.substr(0, cut)));

  CHECK(!dsl::Catalogue::parse(std::string("\0\xff\xfe\x01", 4), "damaged.txt"));
  CHECK(!dsl::Catalogue::parse("construction " + zs, "damaged.txt"));
  // Nesting deep enough to exhaust the stack of a recursive parser.
  for (const std::string& deep : {std::string(20000, '(') + "random()" + std::string(20000, ')'),
                                  std::string(100000, '-') + "random()", zs + "(" + zs + "(" + zs}) {
    const auto c = dsl::Catalogue::parse("construction f x\n  new x\n  place x = " + deep, "damaged.txt");
    REQUIRE(!c);
    CHECK(c.error().loc.line == 3);
  }
  const auto nested = dsl::Catalogue::parse(
      "construction f x\n  new x\n  place x = " + std::string(101, '(') + "random()" + std::string(101, ')'),
      "damaged.txt");
  REQUIRE(!nested);
  CHECK(nested.error().message == "expression nested too deeply");
  CHECK(dsl::Catalogue::parse(
      "construction f x\n  new x\n  place x = " + std::string(90, '(') + "random()" + std::string(90, ')'),
      "damaged.txt"));
  CHECK(!dsl::Catalogue::load("/nonexistent/constructions.txt"));
  CHECK(!dsl::Catalogue::load("/"));
}

TEST_CASE("bad input: damaged rule files give located errors", "[bad_input]") {
  const std::string original = read_text(dsl::data_dir() + "/rules/rules.txt");
  REQUIRE(original.size() > 1000);
  const std::size_t full = data().rules.rules().size();
  damage(
      original,
      [&](const std::string& text) -> std::optional<Error> {
        auto r = engine::RuleBook::parse(text, "damaged.txt");
        if (r) {
          CHECK(r->rules().size() <= full + 1);
          return std::nullopt;
        }
        return r.error();
      },
      "the rule file defines no rule");

  const auto cut = original.find("=> para m n b c");
  REQUIRE(cut != std::string::npos);
  const auto truncated = engine::RuleBook::parse(original.substr(0, cut + 2), "damaged.txt");
  REQUIRE(!truncated);
  CHECK(truncated.error().message == "empty conclusion");
  CHECK(truncated.error().loc.line == count_lines(original.substr(0, cut)));

  // A condition on a variable that no premise binds: the matcher would read
  // an unbound variable (found by fuzz_rules).
  const auto unbound =
      engine::RuleBook::parse("rule r \"t\"\n  para a b c d, ncoll a b f => para c d a b\n", "damaged.txt");
  REQUIRE(!unbound);
  CHECK(unbound.error().message == "condition variable not bound by a provable premise");
  CHECK(unbound.error().token == "f");
  CHECK(unbound.error().loc.line == 2);

  CHECK(!engine::RuleBook::parse(std::string("\0\xff\xfe\x01", 4), "damaged.txt"));
  CHECK(!engine::RuleBook::parse("rule " + zs, "damaged.txt"));
  CHECK(!engine::RuleBook::parse("rule r \"t\"\n  coll a b c => " + std::string(100000, ','), "damaged.txt"));
  CHECK(!engine::RuleBook::load("/nonexistent/rules.txt"));
  CHECK(!engine::RuleBook::load("/"));
}

}  // namespace
}  // namespace pappus
