// The independent proof checker says no: real proofs found by the engine,
// each tampered in one way (wrong rule, missing premise, changed
// coefficient, false statement, forward citation, wrong clause, missing
// goal, wrong binding, wrong definition or part), are rejected at the step
// that was changed, with a message that names the reason. A checker that
// accepted everything would fail every test here but the first.
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"

using namespace pappus;
using Kind = proof::Step::Kind;

namespace {

// Problems whose proofs have the kinds of step tampered below.
// Rule steps (aa, sas_similar), angle algebra, parts of similar triangles.
constexpr const char* kOrthocenter =
    "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b";
// Rule steps with all their variables in one premise; premises from circles.
constexpr const char* kInscribed =
    "a b c = triangle a b c; o = circle o a b c; d = on_circle d o a ? eqangle c a c b d a d b";
// Parts of a midpoint premise, ratio algebra, angle algebra with halves.
constexpr const char* kThales = "a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp c a c b";
// Ratio algebra from the parts of two midpoints.
constexpr const char* kMidRatio =
    "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? eqratio a m a b a n a c";
// Distances along one line: a point three quarters of the way.
constexpr const char* kQuarter = "a b = segment a b; m = midpoint m a b; n = midpoint n m b ? rconst a n a b 3/4";
// A midpoint goal made by definition from a collinearity and a congruence.
constexpr const char* kParallelogram =
    "a b c = triangle a b c; d = parallelogram a b c d; m = on_line m a c, on_line m b d ? midp m a c";
// A collinearity goal, concluded from a parallel found by angle algebra.
constexpr const char* kMedians =
    "a b c = triangle a b c; d = midpoint d b c; e = midpoint e c a; g = on_line g a d, on_line g b e; "
    "f = midpoint f a b ? coll c g f";

// A problem and the engine's proof of it.
struct Solved {
  Problem problem;
  proof::Proof proof;

  proof::CheckResult check(const proof::Proof& p) const {
    const auto& [cat, rules] = test::data();
    return proof::check(p, problem, cat, rules);
  }
  PointId point(const std::string& name) const {
    for (std::size_t i = 0; i < problem.point_names.size(); ++i)
      if (problem.point_names[i] == name) return PointId(static_cast<std::uint32_t>(i));
    FAIL("no point " << name);
    return PointId(0);
  }
  // The number of the step of this kind stating `statement` ("perp a b c h").
  int find(Kind kind, const std::string& statement) const {
    for (const proof::Step& s : proof.steps)
      if (s.kind == kind && proof::statement_text(problem, s) == statement) return s.number;
    FAIL("the proof has no step " << statement << " of kind " << static_cast<int>(kind));
    return 0;
  }
};

Solved solve(const char* text) {
  const auto& [cat, rules] = test::data();
  auto problem = parse_problem(text, cat);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, cat);
  REQUIRE(diagram.ok());
  engine::Engine eng(*problem, *diagram, cat, rules);
  REQUIRE(eng.run() == engine::StopReason::Proved);
  Solved out{*problem, proof::extract(eng)};
  const proof::CheckResult untampered = out.check(out.proof);
  INFO(untampered.message);
  REQUIRE(untampered.ok);
  return out;
}

proof::Step& at(proof::Proof& p, int n) { return p.steps.at(static_cast<std::size_t>(n - 1)); }

// The checker rejects the proof at step `step` (0: the proof as a whole),
// naming the step and the reason.
void rejected(const proof::CheckResult& r, int step, const std::string& reason) {
  INFO("checker said: " << (r.ok ? "ok" : r.message));
  CHECK_FALSE(r.ok);
  CHECK(r.step == step);
  if (step > 0) CHECK_THAT(r.message, Catch::StartsWith("step " + std::to_string(step) + " ("));
  CHECK_THAT(r.message, Catch::Contains(reason));
}

// Coefficient texts ("-3/4", "2"): the same rational times `factor`.
std::string scaled(const std::string& c, int factor) {
  const auto slash = c.find('/');
  const long long num = std::stoll(c.substr(0, slash)) * factor;
  return std::to_string(num) + (slash == std::string::npos ? "" : c.substr(slash));
}

constexpr const char* kNotSummed = "with their coefficients, do not sum to it";

}  // namespace

TEST_CASE("the checker accepts the engine's proofs of the problems tampered below", "[checker]") {
  for (const char* text : {kOrthocenter, kInscribed, kThales, kMidRatio, kQuarter, kParallelogram, kMedians}) {
    INFO(text);
    solve(text);  // asserts that the untampered proof checks
  }
}

TEST_CASE("checker: a rule step naming another rule, or no rule, is rejected", "[checker]") {
  SECTION("another rule with as many variables") {
    const Solved s = solve(kOrthocenter);
    const int n = s.find(Kind::Rule, "simtri c a d h b d");
    proof::Proof p = s.proof;
    REQUIRE(at(p, n).rule == "aa");
    at(p, n).rule = "aa_mirror";
    rejected(s.check(p), n, "premise 2 of aa_mirror is not the cited step");
  }
  SECTION("the converse of the rule") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Rule, "eqangle c a c b d a d b");
    proof::Proof p = s.proof;
    REQUIRE(at(p, n).rule == "inscribed_angle");
    at(p, n).rule = "inscribed_angle_converse";
    rejected(s.check(p), n, "premise 1 of inscribed_angle_converse is not the cited step");
  }
  SECTION("a rule with other variables") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Rule, "eqangle c a c b d a d b");
    proof::Proof p = s.proof;
    at(p, n).rule = "midline";
    rejected(s.check(p), n, "the rule's variables are not all bound");
  }
  SECTION("a name that is no rule") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Rule, "eqangle c a c b d a d b");
    proof::Proof p = s.proof;
    at(p, n).rule = "inscribed_angles";
    rejected(s.check(p), n, "no rule named 'inscribed_angles'");
    at(p, n).rule = "";
    rejected(s.check(p), n, "no rule named ''");
  }
}

TEST_CASE("checker: a step with a premise left out is rejected", "[checker]") {
  SECTION("a rule step without one of its cited steps") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Rule, "cyclic a b c d");
    REQUIRE(s.proof.steps[n - 1].uses.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
      proof::Proof p = s.proof;
      at(p, n).uses.erase(at(p, n).uses.begin() + static_cast<std::ptrdiff_t>(i));
      rejected(s.check(p), n, "cites 2 steps for 3 premises");
    }
  }
  SECTION("a two-premise rule step citing one") {
    const Solved s = solve(kOrthocenter);
    const int n = s.find(Kind::Rule, "simtri c a d h b d");
    proof::Proof p = s.proof;
    at(p, n).uses.pop_back();
    rejected(s.check(p), n, "cites 1 steps for 2 premises");
  }
  SECTION("an algebra step without one of the equalities it sums, and its coefficient") {
    for (const char* text : {kOrthocenter, kThales, kMidRatio, kQuarter, kParallelogram}) {
      INFO(text);
      const Solved s = solve(text);
      int tampered = 0;
      for (const proof::Step& step : s.proof.steps) {
        if (step.kind != Kind::Algebra) continue;
        for (std::size_t i = 0; i < step.uses.size(); ++i) {
          if (step.coefficients[i] == "0") continue;  // a line identity, no equation
          INFO("step " << step.number << " without its use " << i + 1);
          proof::Proof p = s.proof;
          proof::Step& t = at(p, step.number);
          t.uses.erase(t.uses.begin() + static_cast<std::ptrdiff_t>(i));
          t.coefficients.erase(t.coefficients.begin() + static_cast<std::ptrdiff_t>(i));
          rejected(s.check(p), step.number, kNotSummed);
          ++tampered;
        }
      }
      CHECK(tampered >= 2);
    }
  }
  SECTION("an algebra step without a collinearity it relies on (cited with coefficient 0)") {
    for (const char* text : {kOrthocenter, kThales, kMedians}) {
      INFO(text);
      const Solved s = solve(text);
      int tampered = 0;
      for (const proof::Step& step : s.proof.steps) {
        if (step.kind != Kind::Algebra) continue;
        for (std::size_t i = 0; i < step.uses.size(); ++i) {
          if (step.coefficients[i] != "0") continue;
          INFO("step " << step.number << " without its use " << i + 1);
          proof::Proof p = s.proof;
          proof::Step& t = at(p, step.number);
          t.uses.erase(t.uses.begin() + static_cast<std::ptrdiff_t>(i));
          t.coefficients.erase(t.coefficients.begin() + static_cast<std::ptrdiff_t>(i));
          rejected(s.check(p), step.number, kNotSummed);
          ++tampered;
        }
      }
      CHECK(tampered >= 1);
    }
  }
  SECTION("a sum of distances without the collinearity that puts its points on one line") {
    const Solved s = solve(kQuarter);
    const int n = s.find(Kind::Algebra, "rconst a n a b 3/4");
    const int coll = s.find(Kind::SameObject, "coll a b m n");
    proof::Proof p = s.proof;
    proof::Step& t = at(p, n);
    const auto it = std::find(t.uses.begin(), t.uses.end(), coll);
    REQUIRE(it != t.uses.end());
    REQUIRE(t.coefficients[it - t.uses.begin()] == "0");
    t.coefficients.erase(t.coefficients.begin() + (it - t.uses.begin()));
    t.uses.erase(it);
    rejected(s.check(p), n, "not on one line it cites");
  }
  SECTION("an algebra step citing a step without a coefficient") {
    const Solved s = solve(kOrthocenter);
    const int n = s.find(Kind::Algebra, "perp a b c h");
    proof::Proof p = s.proof;
    at(p, n).coefficients.pop_back();
    rejected(s.check(p), n, "needs one coefficient per cited step");
  }
}

TEST_CASE("checker: an algebra step with a changed coefficient is rejected", "[checker]") {
  // Every non-zero coefficient of every algebra step, doubled, negated and
  // tripled; angle algebra (orthocenter, Thales), ratio algebra (Thales,
  // midpoints, parallelogram) and distances along a line (quarter).
  SECTION("every non-zero coefficient of five proofs") {
    for (const char* text : {kOrthocenter, kThales, kMidRatio, kQuarter, kParallelogram}) {
      INFO(text);
      const Solved s = solve(text);
      int tampered = 0;
      for (const proof::Step& step : s.proof.steps) {
        if (step.kind != Kind::Algebra) continue;
        for (std::size_t i = 0; i < step.coefficients.size(); ++i) {
          const std::string& c = step.coefficients[i];
          if (c == "0") continue;
          for (int factor : {2, -1, 3}) {
            INFO("step " << step.number << ", coefficient " << i + 1 << ": " << c << " -> " << scaled(c, factor));
            proof::Proof p = s.proof;
            at(p, step.number).coefficients[i] = scaled(c, factor);
            rejected(s.check(p), step.number, kNotSummed);
            ++tampered;
          }
        }
      }
      CHECK(tampered >= 6);
    }
  }
  SECTION("1 -> 2 and a sign flip in the ratio step of the midpoints") {
    const Solved s = solve(kMidRatio);
    const int n = s.find(Kind::Algebra, "eqratio a m a b a n a c");
    REQUIRE(s.proof.steps[n - 1].coefficients == std::vector<std::string>{"1", "-1"});
    proof::Proof p = s.proof;
    at(p, n).coefficients = {"2", "-1"};
    rejected(s.check(p), n, kNotSummed);
    at(p, n).coefficients = {"1", "1"};
    rejected(s.check(p), n, kNotSummed);
    at(p, n).coefficients = {"-1", "1"};
    rejected(s.check(p), n, kNotSummed);
  }
  SECTION("a coefficient that is not a number") {
    const Solved s = solve(kMidRatio);
    const int n = s.find(Kind::Algebra, "eqratio a m a b a n a c");
    proof::Proof p = s.proof;
    for (const char* bad : {"", "x", "1/0", "--1", "1/2/3"}) {
      INFO(bad);
      at(p, n).coefficients[0] = bad;
      rejected(s.check(p), n, kNotSummed);
    }
  }
}

TEST_CASE("checker: a false statement is rejected", "[checker]") {
  constexpr const char* kFalse = "the statement is false on a fresh diagram";
  SECTION("an algebra step, the goal: perp a b c h -> perp a b c e") {
    const Solved s = solve(kOrthocenter);
    const int n = s.find(Kind::Algebra, "perp a b c h");
    proof::Proof p = s.proof;
    at(p, n).args[3] = s.point("e");
    rejected(s.check(p), n, kFalse);
  }
  SECTION("a rule step: cyclic a b c d -> cyclic a b c o") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Rule, "cyclic a b c d");
    proof::Proof p = s.proof;
    at(p, n).args[3] = s.point("o");
    rejected(s.check(p), n, kFalse);
  }
  SECTION("a premise: cong o d o a -> cong o d d a") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Premise, "cong o d o a");
    proof::Proof p = s.proof;
    at(p, n).args[2] = s.point("d");
    rejected(s.check(p), n, kFalse);
  }
  SECTION("a constant: eqratio from halves stated as rconst 1/3") {
    const Solved s = solve(kMidRatio);
    const int n = s.find(Kind::Part, "rconst m a a b 1/2");
    proof::Proof p = s.proof;
    at(p, n).number_arg->text = "1/3";
    at(p, n).number_arg->value = 1.0 / 3;
    at(p, n).number_arg->num = 1;
    at(p, n).number_arg->den = 3;
    rejected(s.check(p), n, kFalse);
  }
}

TEST_CASE("checker: a true statement its step does not justify is rejected", "[checker]") {
  SECTION("a rule step stating another inscribed angle pair of the circle: eqangle a c a d b c b d") {
    const Solved s = solve(kInscribed);
    const int n = s.find(Kind::Rule, "eqangle c a c b d a d b");
    proof::Proof p = s.proof;
    proof::Step& t = at(p, n);
    t.args.clear();
    for (const char* name : {"a", "c", "a", "d", "b", "c", "b", "d"}) t.args.push_back(s.point(name));
    rejected(s.check(p), n, "is not a conclusion of inscribed_angle");
  }
  SECTION("an algebra step stating another true perpendicular") {
    const Solved s = solve(kOrthocenter);
    const int n = s.find(Kind::Algebra, "perp a b c h");
    proof::Proof p = s.proof;
    at(p, n).args = {s.point("b"), s.point("e"), s.point("c"), s.point("a")};  // the premise of foot e
    rejected(s.check(p), n, kNotSummed);
  }
}

TEST_CASE("checker: a step citing itself, a later step or step 0 is rejected", "[checker]") {
  const Solved s = solve(kOrthocenter);
  SECTION("a rule step citing a later step, itself, step 0, or a step past the end") {
    const int n = s.find(Kind::Rule, "simtri c a d h b d");
    const int last = static_cast<int>(s.proof.steps.size());
    for (int cited : {n + 1, last, last + 5, n, 0, -1}) {
      INFO("step " << n << " cites " << cited);
      proof::Proof p = s.proof;
      at(p, n).uses[0] = cited;
      rejected(s.check(p), n, "cites step " + std::to_string(cited) + ", which does not come before it");
    }
  }
  SECTION("a part citing the step after it") {
    const int part = s.find(Kind::Part, "eqangle b a b d h c h d");
    proof::Proof p = s.proof;
    at(p, part).uses = {part + 1};
    rejected(s.check(p), part, "cites step " + std::to_string(part + 1));
  }
  SECTION("a step numbered after its place, citing itself") {
    // The goal as the sum of itself: numbered one more than its place, it
    // cites the number of its own place.
    const int goal = s.find(Kind::Algebra, "perp a b c h");
    proof::Proof p = s.proof;
    proof::Step& t = at(p, goal);
    t.number = goal + 1;
    t.uses = {goal};
    t.coefficients = {"1"};
    rejected(s.check(p), goal, "is numbered " + std::to_string(goal + 1) + ", not by its place in the proof");
  }
  SECTION("a one-step proof: the goal numbered 2, citing itself") {
    proof::Proof p;
    p.steps = {s.proof.steps[s.find(Kind::Algebra, "perp a b c h") - 1]};
    p.steps[0].number = 2;
    p.steps[0].uses = {1};
    p.steps[0].coefficients = {"1"};
    p.goals = {1};
    rejected(s.check(p), 1, "is numbered 2, not by its place in the proof");
  }
}

TEST_CASE("checker: a premise naming a clause that does not assert it is rejected", "[checker]") {
  const Solved s = solve(kInscribed);
  const int n = s.find(Kind::Premise, "cong o d o a");
  REQUIRE(s.proof.steps[n - 1].clause == 2);
  SECTION("another clause") {
    for (int clause : {0, 1}) {
      INFO("clause " << clause);
      proof::Proof p = s.proof;
      at(p, n).clause = clause;
      rejected(s.check(p), n, "is not a fact its clause asserts");
    }
  }
  SECTION("no clause") {
    for (int clause : {-1, 3, 100}) {
      INFO("clause " << clause);
      proof::Proof p = s.proof;
      at(p, n).clause = clause;
      rejected(s.check(p), n, "names no clause of the problem");
    }
  }
  SECTION("a derived fact passed off as a premise") {
    const int cyclic = s.find(Kind::Rule, "cyclic a b c d");
    for (int clause : {0, 1, 2}) {
      INFO("clause " << clause);
      proof::Proof p = s.proof;
      proof::Step& t = at(p, cyclic);
      t.kind = Kind::Premise;
      t.clause = clause;
      t.uses.clear();
      rejected(s.check(p), cyclic, "is not a fact its clause asserts");
    }
  }
}

TEST_CASE("checker: a proof whose goal step is missing or another step is rejected", "[checker]") {
  const Solved s = solve(kOrthocenter);
  const int goal = s.find(Kind::Algebra, "perp a b c h");
  REQUIRE(s.proof.goals == std::vector<int>{goal});
  constexpr const char* kNoGoal = "the proof does not end in the goal perp";
  SECTION("the goal step removed, the goal moved to the step before") {
    proof::Proof p = s.proof;
    p.steps.erase(p.steps.begin() + (goal - 1));
    p.goals = {goal - 1};
    rejected(s.check(p), 0, kNoGoal);
  }
  SECTION("no goal named") {
    proof::Proof p = s.proof;
    p.goals.clear();
    rejected(s.check(p), 0, kNoGoal);
  }
  SECTION("a premise named as the goal") {
    proof::Proof p = s.proof;
    p.goals = {1};
    rejected(s.check(p), 0, kNoGoal);
  }
  SECTION("the goal step replaced by another true step") {
    proof::Proof p = s.proof;
    at(p, goal) = at(p, goal - 1);
    at(p, goal).number = goal;
    rejected(s.check(p), 0, kNoGoal);
  }
  SECTION("an empty proof") {
    proof::Proof p;
    rejected(s.check(p), 0, kNoGoal);
  }
  SECTION("the goal step removed, the goal still naming it") {
    proof::Proof p = s.proof;
    p.steps.erase(p.steps.begin() + (goal - 1));
    rejected(s.check(p), 0, "the goals name step " + std::to_string(goal) + ", which is not in the proof");
  }
  SECTION("a goal naming step 0") {
    proof::Proof p = s.proof;
    p.goals = {0};
    rejected(s.check(p), 0, "the goals name step 0, which is not in the proof");
  }
}

TEST_CASE("checker: a rule step with a variable bound to another point is rejected", "[checker]") {
  const Solved s = solve(kInscribed);
  const int n = s.find(Kind::Rule, "eqangle c a c b d a d b");
  REQUIRE(s.proof.steps[n - 1].binding.size() == 4);  // a b p q of cyclic a b p q
  SECTION("each variable bound to the circle's center") {
    for (std::size_t v = 0; v < 4; ++v) {
      INFO("variable " << v);
      proof::Proof p = s.proof;
      at(p, n).binding[v] = s.point("o");
      rejected(s.check(p), n, "premise 1 of inscribed_angle is not the cited step");
    }
  }
  SECTION("a variable left unbound") {
    proof::Proof p = s.proof;
    at(p, n).binding.pop_back();
    rejected(s.check(p), n, "the rule's variables are not all bound");
  }
  SECTION("the center of equidistant_cyclic bound to a vertex") {
    const int c = s.find(Kind::Rule, "cyclic a b c d");
    proof::Proof p = s.proof;
    REQUIRE(at(p, c).binding[0] == s.point("o"));
    at(p, c).binding[0] = s.point("a");
    rejected(s.check(p), c, "premise 1 of equidistant_cyclic is not the cited step");
  }
}

TEST_CASE("checker: a definition or part step citing the wrong step is rejected", "[checker]") {
  SECTION("midp m a c defined from the other diagonal's collinearity") {
    const Solved s = solve(kParallelogram);
    const int n = s.find(Kind::Definition, "midp m a c");
    const int other = s.find(Kind::Premise, "coll m b d");
    proof::Proof p = s.proof;
    REQUIRE(at(p, n).uses.size() == 2);
    at(p, n).uses[0] = other;
    rejected(s.check(p), n, "the cited steps are not the parts of its definition");
  }
  SECTION("midp m a c defined from one part") {
    const Solved s = solve(kParallelogram);
    const int n = s.find(Kind::Definition, "midp m a c");
    proof::Proof p = s.proof;
    at(p, n).uses.pop_back();
    rejected(s.check(p), n, "the cited steps are not the parts of its definition");
  }
  SECTION("a part of the other pair of similar triangles") {
    const Solved s = solve(kOrthocenter);
    const int n = s.find(Kind::Part, "eqangle b a b d h c h d");
    const int other = s.find(Kind::Rule, "simtri c a d h b d");
    proof::Proof p = s.proof;
    REQUIRE(at(p, n).uses != std::vector<int>{other});
    at(p, n).uses = {other};
    rejected(s.check(p), n, "is not a part of the cited step");
  }
  SECTION("a part of a statement that has no parts") {
    const Solved s = solve(kThales);
    const int n = s.find(Kind::Part, "cong o a o b");
    const int coll = s.find(Kind::Part, "coll o a b");
    REQUIRE(coll < n);
    proof::Proof p = s.proof;
    at(p, n).uses = {coll};
    rejected(s.check(p), n, "is not a part of the cited step");
  }
  SECTION("a part citing two steps") {
    const Solved s = solve(kThales);
    const int n = s.find(Kind::Part, "cong o a o b");
    proof::Proof p = s.proof;
    at(p, n).uses.push_back(at(p, n).uses[0]);
    rejected(s.check(p), n, "a part cites one compound step");
  }
}

TEST_CASE("checker: an algebra step must cite the equalities its statement follows from", "[checker]") {
  // The medians proof ends: para g c g f (algebra), then coll g c f by the
  // rule parallel_collinear.
  const Solved s = solve(kMedians);
  const int goal = s.find(Kind::Rule, "coll g c f");
  const int para = s.find(Kind::Algebra, "para g c g f");
  SECTION("the goal, a collinearity, as an algebra step citing nothing") {
    // The algebra step before it, restating the goal and citing nothing.
    proof::Proof p = s.proof;
    proof::Step& t = at(p, goal);
    t = at(p, para);
    t.number = goal;
    t.pred = Pred::Coll;
    t.args = {s.point("g"), s.point("c"), s.point("f")};
    t.uses.clear();
    t.coefficients.clear();
    rejected(s.check(p), goal, kNotSummed);
  }
  SECTION("the parallel citing nothing, its lines made one by the goal it proves") {
    proof::Proof p = s.proof;
    at(p, para).uses.clear();
    at(p, para).coefficients.clear();
    rejected(s.check(p), para, kNotSummed);
  }
}

TEST_CASE("checker: a malformed statement is rejected, never read out of bounds", "[checker]") {
  const Solved s = solve(kOrthocenter);
  const int goal = s.proof.goals[0];
  {
    proof::Proof p = s.proof;
    at(p, goal).args.pop_back();  // perp with three points
    rejected(s.check(p), goal, "has 3 points; perp takes 4");
  }
  {
    proof::Proof p = s.proof;
    at(p, goal).args[0] = PointId(999);
    rejected(s.check(p), goal, "names a point the problem does not have");
  }
  {
    proof::Proof p = s.proof;
    at(p, goal).number_arg = Constant{"1/2", NumberKind::Ratio, 0.5, 1, 2};
    rejected(s.check(p), goal, "has a constant its predicate does not take");
  }
  {
    proof::Proof p = s.proof;
    at(p, goal).pred = Pred::NColl;
    at(p, goal).args.pop_back();
    rejected(s.check(p), goal, "only ever checked on the figure");
  }
}
