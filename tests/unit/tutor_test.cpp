// Tutoring as a teacher judges it (pappus/tutor.hpp), through the public
// facade only: check_step's verdict on a table of claims (given by which
// construction, one step by which theorem from which facts, N steps in the
// shortest proof found, or false in the figure), and hint sequences
// followed to the goal, each hint a named theorem or a given fact, its
// facts written out, never an algebra artefact or a step number.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "pappus/pappus.hpp"
#include "public_library.hpp"

using namespace pappus;

namespace {

using test::library;
using test::parse;

// Small problems of our own: one idea each.
constexpr const char* kCircumcenter =  // the issue's problem
    "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c; o = circle o a b c ? perp o m a b";
constexpr const char* kOrthocenter =
    "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b";
constexpr const char* kMidline = "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? para m n b c";
constexpr const char* kMidlineRatio =
    "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? eqratio a m a b a n a c";
constexpr const char* kParallelogram =
    "a b c = triangle a b c; d = parallelogram a b c d; m = on_line m a c, on_line m b d ? midp m a c";
constexpr const char* kIsoscelesMedian = "a b c = iso_triangle a b c; m = midpoint m b c ? perp a m b c";
constexpr const char* kIsoscelesAngles = "a b c = iso_triangle a b c ? eqangle b a b c c b c a";
constexpr const char* kInscribed =
    "a b c = triangle a b c; o = circle o a b c; d = on_circle d o a ? eqangle c a c b d a d b";
constexpr const char* kTangent =
    "a b c = triangle a b c; o = circle o a b c; t = on_tline t a o a ? eqangle a t a b c a c b";
constexpr const char* kThales = "a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp a c c b";
constexpr const char* kRightMedian = "a b c = r_triangle a b c; m = midpoint m b c ? cong m a m b";
constexpr const char* kRightIsosceles = "a b c = r_triangle a b c; m = midpoint m b c ? eqangle a b a m b m b a";
constexpr const char* kCyclicFeet = "a b c = triangle a b c; d = foot d a b c; e = foot e b c a ? cyclic a b d e";
constexpr const char* kVarignon =
    "a b c d = quadrangle a b c d; e = midpoint e a b; f = midpoint f b c; g = midpoint g c d; h = midpoint h d a "
    "? para e f g h";
constexpr const char* kCyclicTrapezoid =
    "a b c = triangle a b c; o = circle o a b c; d = on_circle d o a, on_pline d c a b ? eqangle a d c d c d c b";
constexpr const char* kTwoRightAngles =
    "a b c = triangle a b c; o = circle o a b c; m = midpoint m b c; n = midpoint n a c ? cyclic o m c n";
constexpr const char* kPerpBisector = "a b = segment a b; m = midpoint m a b; p = on_bline p a b ? perp p m a b";

// What a teacher says of a claim.
enum class Verdict {
  Given,    // a construction gives it: `number` is the clause (1-based), `text` words of given_by
  OneStep,  // one theorem (`text`: its rule) or one algebra step (`text` "") from given facts `uses`
  Steps,    // `number` steps in the shortest proof; `text` the last step's rule (or "" for algebra)
  False,    // false in the figure
};

struct ClaimCase {
  const char* problem;
  const char* claim;
  Verdict verdict;
  int number = 0;
  const char* text = "";
  std::vector<std::string> uses = {};
};

const ClaimCase kClaims[] = {
    // The circumcenter of the issue: OA = OB is the construction itself.
    {kCircumcenter, "cong o a o b", Verdict::Given, 4, "o = circle o a b c makes O the circumcenter of ABC"},
    {kCircumcenter, "cong o b o c", Verdict::Given, 4, "o = circle o a b c makes O the circumcenter of ABC"},
    {kCircumcenter, "cong m a m b", Verdict::Given, 2, "m = midpoint m a b makes M the midpoint of AB"},
    {kCircumcenter, "perp o m a b", Verdict::OneStep, 0, "perp_bisector", {"cong m a m b", "cong o a o b"}},
    {kCircumcenter, "perp o n a c", Verdict::OneStep, 0, "perp_bisector", {"cong n a n c", "cong o a o c"}},
    {kCircumcenter, "para m n b c", Verdict::OneStep, 0, "midline", {"midp m a b", "midp n a c"}},
    {kCircumcenter, "eqangle o a o m o m o b", Verdict::Steps, 2, "bisector_ratio_converse"},
    {kCircumcenter, "cong o a o m", Verdict::False},
    // OM ⊥ AB and ON ⊥ AC, so ∠AMO = ∠ANO: four steps.
    {kCircumcenter, "cyclic a m o n", Verdict::Steps, 4, "inscribed_angle_converse"},
    // Orthocenter.
    {kOrthocenter, "perp a d b c", Verdict::Given, 2, "d = foot d a b c makes D the foot of the perpendicular"},
    {kOrthocenter, "perp c h a b", Verdict::OneStep, 0, "orthocenter", {"perp a h b c", "perp b h a c"}},
    {kOrthocenter, "cyclic a b d e", Verdict::Steps, 2, "inscribed_angle_converse"},
    {kOrthocenter, "cyclic c d h e", Verdict::Steps, 2, "inscribed_angle_converse"},
    {kOrthocenter, "para a d b e", Verdict::False},
    // Midpoints.
    {kMidline, "midp m a b", Verdict::Given, 2, "m = midpoint m a b"},
    {kMidline, "cong m n b c", Verdict::False},
    // AM/AB = 1/2 = AN/AC: one ratio chase over the two midpoints.
    {kMidlineRatio, "eqratio a m a b a n a c", Verdict::OneStep, 0, "", {"rconst m a a b 1/2", "rconst n a a c 1/2"}},
    {kVarignon, "para e f a c", Verdict::OneStep, 0, "midline", {"midp e a b", "midp f b c"}},
    {kVarignon, "para e f g h", Verdict::Steps, 3, ""},  // two midlines, then two parallels to AC
    {kVarignon, "para e f e h", Verdict::False},
    // Parallelogram.
    {kParallelogram, "para a b c d", Verdict::Given, 2, "d = parallelogram a b c d makes ABCD a parallelogram"},
    {kParallelogram, "cong a d b c", Verdict::Given, 2, "parallelogram"},
    {kParallelogram, "midp m b d", Verdict::OneStep, 0, "parallelogram_midpoint",
     {"coll m a c", "coll m b d", "para a b c d", "para a d b c"}},
    {kParallelogram, "cong m a m b", Verdict::False},
    // Isosceles triangles.
    {kIsoscelesMedian, "cong a b a c", Verdict::Given, 1, "iso_triangle a b c (isosceles triangle with apex A"},
    {kIsoscelesMedian, "perp a m b c", Verdict::OneStep, 0, "perp_bisector", {"cong a b a c", "cong m b m c"}},
    {kIsoscelesMedian, "eqangle a b a m a m a c", Verdict::Steps, 2, "bisector_ratio_converse"},
    {kIsoscelesMedian, "eqangle b a b m m a m c", Verdict::False},
    {kIsoscelesAngles, "eqangle b a b c c b c a", Verdict::Given, 1, "iso_triangle"},
    {kRightIsosceles, "eqangle a b a m b m b a", Verdict::Steps, 2, "isosceles"},
    // Circles: cyclic quadrilaterals, tangents, Thales.
    {kInscribed, "cyclic a b c d", Verdict::OneStep, 0, "equidistant_cyclic",
     {"cong o a o b", "cong o a o c", "cong o a o d"}},
    {kInscribed, "eqangle c a c b d a d b", Verdict::Steps, 2, "inscribed_angle"},
    {kInscribed, "cong o d o b", Verdict::OneStep, 0, "", {"cong o a o b", "cong o a o d"}},  // OD = OA = OB
    {kTangent, "perp a t o a", Verdict::Given, 3, "t = on_tline t a o a (T on the line through A perpendicular to OA)"},
    {kTangent, "eqangle a t a b c a c b", Verdict::OneStep, 0, "tangent_chord", {"circle o a b c", "perp o a a t"}},
    {kThales, "cong o a o c", Verdict::Given, 3, "c = on_circle c o a"},
    {kThales, "perp a c c b", Verdict::OneStep, 0, "diameter_right_angle", {"circle o a b c", "coll o a b"}},
    {kThales, "cong c a c b", Verdict::False},
    {kRightMedian, "cong m a m c", Verdict::OneStep, 0, "thales_circle", {"midp m b c", "perp a b a c"}},
    {kRightMedian, "perp a b a c", Verdict::Given, 1, "right triangle with the right angle at A"},
    {kCyclicTrapezoid, "cyclic a b c d", Verdict::OneStep, 0, "equidistant_cyclic",
     {"cong o a o b", "cong o a o c", "cong o a o d"}},
    {kPerpBisector, "cong p a p b", Verdict::Given, 3, "p = on_bline p a b"},
};

// A statement's words sorted: equal for the orders of its arguments that
// say the same (and, harmlessly here, for a few that do not).
std::string words(const std::string& statement) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < statement.size()) {
    const std::size_t end = std::min(statement.find(' ', at), statement.size());
    out.push_back(statement.substr(at, end - at));
    at = end + 1;
  }
  std::sort(out.begin() + 1, out.end());
  std::string joined;
  for (const std::string& w : out) joined += w + " ";
  return joined;
}

std::vector<std::string> normalised(const std::vector<std::string>& statements) {
  std::vector<std::string> out;
  for (const std::string& s : statements) out.push_back(words(s));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("tutor: check_step says given by which construction, one step by which theorem, or how many steps",
          "[tutor]") {
  Solver solver(library());
  for (const ClaimCase& c : kClaims) {
    INFO(c.problem << "\n  claim: " << c.claim);
    const Problem problem = parse(c.problem);
    auto check = solver.check_step(problem, c.claim);
    REQUIRE(check.ok());
    INFO("explanation: " << check->explanation);
    CHECK_FALSE(check->explanation.empty());
    switch (c.verdict) {
      case Verdict::False:
        CHECK_FALSE(check->true_in_figure);
        CHECK_FALSE(check->derivable);
        CHECK(check->steps_needed == -1);
        CHECK(check->explanation.find("false in the figure") != std::string::npos);
        break;
      case Verdict::Given:
        CHECK(check->derivable);
        CHECK(check->steps_needed == 0);
        CHECK(check->given_clause == c.number);
        CHECK(check->given_by.find(c.text) != std::string::npos);
        CHECK(check->explanation.find("is given: " + check->given_by) != std::string::npos);
        break;
      case Verdict::OneStep:
        CHECK(check->derivable);
        CHECK(check->steps_needed == 1);
        CHECK(check->step_rule == c.text);
        CHECK(normalised(check->step_uses) == normalised(c.uses));
        CHECK(check->explanation.find("follows in one step") != std::string::npos);
        CHECK(check->route.size() == 1);
        break;
      case Verdict::Steps:
        CHECK(check->derivable);
        CHECK(check->steps_needed == c.number);
        CHECK(check->step_rule == c.text);
        CHECK(check->route.size() == static_cast<std::size_t>(c.number));
        CHECK(check->explanation.find("needs " + std::to_string(c.number) + " steps") != std::string::npos);
        break;
    }
  }
}

TEST_CASE("tutor: check_step tells a cited step that follows from one that only holds", "[tutor]") {
  Solver solver(library());
  const Problem problem = parse(kCircumcenter);
  auto good = solver.check_step(problem, "cong o a o b, cong m a m b => perp o m a b");
  REQUIRE(good.ok());
  CHECK(good->follows_in_one_step);
  CHECK(good->rule == "perp_bisector");
  // True and given, but not from the cited fact.
  auto backwards = solver.check_step(problem, "perp o m a b => cong o a o b");
  REQUIRE(backwards.ok());
  CHECK(backwards->true_in_figure);
  CHECK_FALSE(backwards->follows_in_one_step);
  CHECK(backwards->steps_needed == 0);
  CHECK(backwards->explanation.find("No one theorem takes the cited facts to it") != std::string::npos);
  // A false premise is named.
  auto false_premise = solver.check_step(problem, "cong o a o m => perp o m a b");
  REQUIRE(false_premise.ok());
  CHECK(false_premise->premises_true == std::vector<bool>{false});
  CHECK(false_premise->explanation.find("cited cong o a o m is false") != std::string::npos);
  // A numeric-only predicate holds, and is never proved.
  auto numeric = solver.check_step(problem, "ncoll a b c");
  REQUIRE(numeric.ok());
  CHECK(numeric->true_in_figure);
  CHECK(numeric->steps_needed == -1);
  CHECK(numeric->explanation.find("never proved") != std::string::npos);
}

namespace {

struct HintSequence {
  const char* problem;
  std::vector<std::string> reasons;  // each hint's rule, or "angle chasing", "ratio chasing", "given"
  const char* first_text = "";       // words the first hint must contain
};

const HintSequence kSequences[] = {
    // The issue: one step, the perpendicular bisector, from the two givens.
    {kCircumcenter, {"perp_bisector"}, "OA = OB (given: O is the circumcenter of ABC)"},
    {kOrthocenter, {"orthocenter"}, "[the altitudes of a triangle are concurrent]"},
    {kMidline, {"midline"}, "M is the midpoint of AB"},
    {kMidlineRatio, {"ratio chasing"}, "because MA/AB = 1/2 (given: M is the midpoint of AB)"},
    {kParallelogram, {"parallelogram_midpoint"}, "ABCD is a parallelogram"},
    {kIsoscelesMedian, {"perp_bisector"}, "AB = AC (given: isosceles triangle with apex A"},
    {kIsoscelesAngles, {"given"}, "notice: "},
    {kInscribed, {"equidistant_cyclic", "inscribed_angle"}, "D on the circle centered O through A"},
    {kTangent, {"tangent_chord"}, "[tangent-chord angle theorem]"},
    {kThales, {"diameter_right_angle"}, "O is the midpoint of AB"},
    {kRightMedian, {"thales_circle"}, "AB ⊥ AC (given: right triangle with the right angle at A)"},
    {kRightIsosceles, {"thales_circle", "isosceles"}, "M is the midpoint of BC"},
    {kCyclicFeet, {"angle chasing", "inscribed_angle_converse"}, "angle chasing: ∠DAE = ∠DBE because"},
    {kVarignon, {"midline", "midline", "angle chasing"}, "[midline theorem]"},
    {kCyclicTrapezoid, {"equidistant_cyclic", "cyclic_trapezoid"}, "are concyclic"},
    {kPerpBisector, {"perp_bisector"}, "P on the perpendicular bisector of AB"},
    // Two right angles over OC: the perpendicular bisectors, then one line of angle chasing.
    {kTwoRightAngles, {"perp_bisector", "perp_bisector", "angle chasing", "inscribed_angle_converse"},
     "MB = MC (given: M is the midpoint of BC)"},
};

// An algebra artefact: a step number of a proof the student never saw,
// or a signed sum of such steps.
// (Alternatives, not a bracket: the regex reads UTF-8 bytes.)
const std::regex kArtefact(R"(\(\d+\)|chasing: (−|-)|·\()");

}  // namespace

TEST_CASE("tutor: following the hints reaches the goal by the steps a teacher would show", "[tutor]") {
  // The texts the issue quotes are artefacts.
  CHECK(std::regex_search(std::string("OA/OB = MA/MB  [ratio chasing: −(3) + (4)]"), kArtefact));
  CHECK(std::regex_search(std::string("(5), (2) ⇒ ∠AOM = ∠MOB"), kArtefact));
  Solver solver(library());
  for (const HintSequence& seq : kSequences) {
    INFO(seq.problem);
    const Problem problem = parse(seq.problem);
    std::vector<std::string> established, reasons;
    int last_left = 1 << 20;
    bool done = false;
    for (int i = 0; i < 12 && !done; ++i) {
      auto h = solver.hint(problem, established);
      REQUIRE(h.ok());
      done = h->kind == Hint::Kind::Done;
      if (done) break;
      REQUIRE(h->kind == Hint::Kind::Step);
      INFO("hint " << i + 1 << ": " << h->text);
      if (i == 0) CHECK(h->text.find(seq.first_text) != std::string::npos);
      CHECK_FALSE(std::regex_search(h->text, kArtefact));
      // It names its theorem, or the algebra with the facts it uses, or the given.
      if (!h->rule.empty()) {
        CHECK(h->text.find("[" + h->reason + "]") != std::string::npos);
        CHECK(h->text.find(", so ") != std::string::npos);
        CHECK_FALSE(h->uses.empty());
      } else if (h->reason == "given") {
        CHECK(h->text.find("(given") != std::string::npos);
        CHECK_FALSE(h->given_by.empty());
      } else {
        CHECK((h->reason == "angle chasing" || h->reason == "ratio chasing"));
        CHECK(h->text.rfind(h->reason + ": ", 0) == 0);
        CHECK(h->text.find(" because ") != std::string::npos);
        CHECK_FALSE(h->uses.empty());
      }
      reasons.push_back(h->rule.empty() ? h->reason : h->rule);
      // Each hint is new, true, and one step nearer the goal.
      CHECK(std::find(established.begin(), established.end(), h->statement) == established.end());
      auto check = solver.check_step(problem, h->statement);
      REQUIRE(check.ok());
      CHECK(check->true_in_figure);
      CHECK(h->steps_left < last_left);
      last_left = h->steps_left;
      established.push_back(h->statement);
    }
    CHECK(done);
    CHECK(reasons == seq.reasons);
  }
}

TEST_CASE("tutor: hint names the auxiliary point in words when deduction alone does not reach the goal", "[tutor]") {
  Solver solver(library());
  // AH = 2 OM: the midpoint of AH (or a like point) comes first.
  auto aux = solver.hint(
      parse("a b c = triangle a b c; h = orthocenter h a b c; o = circle o a b c; m = midpoint m b c ? rconst a h o m 2/1"),
      {});
  REQUIRE(aux.ok());
  REQUIRE(aux->kind == Hint::Kind::AuxiliaryPoint);
  INFO(aux->construction << " / " << aux->text);
  // The new point named first: "add a point: Aux1 is the midpoint of AH",
  // "add a point: Aux1, where BHCAux1 is a parallelogram".
  const std::string lead = "add a point: Aux1";
  CHECK(aux->text.rfind(lead, 0) == 0);
  CHECK((aux->text.compare(lead.size(), 1, " ") == 0 || aux->text.compare(lead.size(), 8, ", where ") == 0));
  CHECK(aux->construction.rfind("aux1 = ", 0) == 0);
  CHECK_FALSE(std::regex_search(aux->text, kArtefact));

  // Each proposer's first point, in words: the wording follows the clause.
  SolveOptions heuristic;
  heuristic.proposer = "heuristic";
  SolveOptions learned;
  learned.proposer = "learned";
  const Problem problem =
      parse("a b c = triangle a b c; h = orthocenter h a b c; o = circle o a b c; m = midpoint m b c ? rconst a h o m 2/1");
  for (const SolveOptions& options : {heuristic, learned}) {
    auto h = solver.hint(problem, {}, options);
    REQUIRE(h.ok());
    REQUIRE(h->kind == Hint::Kind::AuxiliaryPoint);
    INFO(options.proposer.name() << ": " << h->construction << " / " << h->text);
    if (h->construction == "aux1 = midpoint aux1 a h") CHECK(h->text == "add a point: Aux1 is the midpoint of AH");
    else if (h->construction == "aux1 = parallelogram b h c aux1")
      CHECK(h->text == "add a point: Aux1, where BHCAux1 is a parallelogram");
    else CHECK(h->text.rfind("add a point: Aux1", 0) == 0);
  }
}

TEST_CASE("tutor: hint refuses established facts that are false or malformed", "[tutor]") {
  Solver solver(library());
  const Problem problem = parse(kCircumcenter);
  auto false_fact = solver.hint(problem, {"perp o n a b"});
  REQUIRE_FALSE(false_fact.ok());
  CHECK(false_fact.error().message.find("false in the figure") != std::string::npos);
  auto malformed = solver.hint(problem, {"perp o m a"});
  REQUIRE_FALSE(malformed.ok());
  CHECK(malformed.error().loc.column == 1);
  auto unknown_point = solver.hint(problem, {"cong o a o x"});
  REQUIRE_FALSE(unknown_point.ok());
  CHECK(unknown_point.error().token == "x");
}

TEST_CASE("tutor: answers as JSON carry every field", "[tutor]") {
  Solver solver(library());
  const Problem problem = parse(kCircumcenter);
  auto check = solver.check_step(problem, "cong o b o c");
  REQUIRE(check.ok());
  const std::string json = to_json(*check);
  CHECK(json.find("\"steps_needed\": 0") != std::string::npos);
  CHECK(json.find("\"given_clause\": 4") != std::string::npos);
  CHECK(json.find("\"given_by\": \"o = circle o a b c makes O the circumcenter of ABC\"") != std::string::npos);
  auto hint = solver.hint(problem, {});
  REQUIRE(hint.ok());
  const std::string hint_json = to_json(*hint);
  CHECK(hint_json.find("\"kind\": \"step\"") != std::string::npos);
  CHECK(hint_json.find("\"rule\": \"perp_bisector\"") != std::string::npos);
  CHECK(hint_json.find("\"steps_left\": 1") != std::string::npos);
}
