// The deduction engine on the development benchmark and on small figures:
// soundness against an independent diagram, limits, stop reasons.
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <atomic>
#include <fstream>
#include <string>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"

using namespace pappus;

namespace {

using test::data;

bool fact_holds(const engine::Fact& f, const Diagram& d) {
  std::vector<geo::Vec2> pts;
  for (PointId p : f.args) pts.push_back(d.at(p));
  return holds(f.pred, pts, f.number ? f.number->value : 0);
}

}  // namespace

TEST_CASE("every fact derived on a JGEX problem holds on an independent diagram, and every proof checks",
          "[engine][soundness][proof]") {
  const auto& [cat, rules] = data();
  auto records = read_problem_file(PAPPUS_BENCHMARK_DIR "/jgex_ag_231.txt", cat);
  REQUIRE(records.ok());
  REQUIRE(records->size() == 231);
  std::int64_t checked = 0, violations = 0;
  int proved = 0;
  std::vector<int> proof_steps;
  for (const auto& record : *records) {
    REQUIRE(record.problem.ok());
    DiagramOptions o1, o2;
    o1.seed = 1;
    o2.seed = 1000003;
    auto d1 = build_diagram(*record.problem, cat, o1);
    auto d2 = build_diagram(*record.problem, cat, o2);
    REQUIRE(d1.ok());
    REQUIRE(d2.ok());
    if (!d1->all_goals_hold() || !d2->all_goals_hold()) continue;
    engine::EngineOptions eo;
    eo.time_limit_s = 20;
    engine::Engine eng(*record.problem, *d1, cat, rules, eo);
    if (eng.run() == engine::StopReason::Proved) {
      ++proved;
      // Every proof found passes the independent checker.
      const proof::Proof pr = proof::extract(eng);
      const proof::CheckResult checked = proof::check(pr, *record.problem, cat, rules);
      INFO(record.name << ": " << checked.message);
      CHECK(checked.ok);
      proof_steps.push_back(static_cast<int>(pr.steps.size()));
    }
    CHECK(eng.stats().numeric_violations == 0);
    for (const auto& f : eng.facts()) {
      ++checked;
      if (!fact_holds(f, *d2)) {
        ++violations;
        UNSCOPED_INFO(record.name << ": " << eng.fact_text(f));
      }
    }
  }
  INFO(checked << " facts checked, " << proved << " problems proved");
  CHECK(violations == 0);
  CHECK(proved >= 205);
}

TEST_CASE("saturation stops for a reason and reports rounds", "[engine]") {
  const auto& [cat, rules] = data();
  SECTION("proved") {
    auto p = parse_problem("a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? para m n b c", cat);
    REQUIRE(p.ok());
    auto d = build_diagram(*p, cat);
    engine::Engine eng(*p, *d, cat, rules);
    CHECK(eng.run() == engine::StopReason::Proved);
    REQUIRE(eng.goal_facts().size() == 1);
    const auto& goal = eng.fact(eng.goal_facts()[0]);
    CHECK(eng.fact_text(goal) == "para m n b c");
    CHECK(eng.stats().rounds >= 1);
    CHECK(eng.stats().per_round.size() == static_cast<std::size_t>(eng.stats().rounds));
  }
  SECTION("saturated without the goal") {
    auto p = parse_problem("a b c = triangle a b c; d = free d ? cong a d b d", cat);
    REQUIRE(p.ok());
    DiagramOptions o;
    auto d = build_diagram(*p, cat, o);
    REQUIRE(d.ok());
    engine::Engine eng(*p, *d, cat, rules);
    CHECK(eng.run() == engine::StopReason::Saturated);
    CHECK(eng.goal_facts().empty());
  }
  SECTION("three points on a line are not on a circle") {
    // Regression (found by fuzzing): with a repeated point, cyclic has only
    // three distinct points, trivially concyclic only when not collinear.
    auto p = parse_problem("a b = segment a b; d = on_line d a b ? cyclic a b d d", cat);
    REQUIRE(p.ok());
    auto d = build_diagram(*p, cat);
    REQUIRE(d.ok());
    engine::Engine eng(*p, *d, cat, rules);
    CHECK(eng.run() != engine::StopReason::Proved);
    auto q = parse_problem("a b c = triangle a b c ? cyclic a b c c", cat);
    REQUIRE(q.ok());
    auto e = build_diagram(*q, cat);
    REQUIRE(e.ok());
    engine::Engine trivial(*q, *e, cat, rules);
    CHECK(trivial.run() == engine::StopReason::Proved);
  }
  SECTION("fact limit") {
    // No goal: deduction runs until the limit (saturation needs hundreds).
    auto p = parse_problem(
        "a b c = triangle a b c; o = circle o a b c; h = orthocenter h a b c; d = midpoint d b c; "
        "e = midpoint e c a; f = midpoint f a b",
        cat);
    REQUIRE(p.ok());
    auto d = build_diagram(*p, cat);
    REQUIRE(d.ok());
    engine::Engine unlimited(*p, *d, cat, rules);
    REQUIRE(unlimited.run() == engine::StopReason::Saturated);
    REQUIRE(unlimited.stats().facts > 60);
    engine::EngineOptions eo;
    eo.max_facts = 40;
    engine::Engine eng(*p, *d, cat, rules, eo);
    CHECK(eng.run() == engine::StopReason::FactLimit);
    CHECK(eng.stats().facts >= 40);
    CHECK(eng.stats().facts < unlimited.stats().facts);
  }
  SECTION("cancelled") {
    auto p = parse_problem("a b c = triangle a b c; d = free d ? cong a d b d", cat);
    auto d = build_diagram(*p, cat);
    std::atomic<bool> cancel{true};
    engine::Engine eng(*p, *d, cat, rules);
    CHECK(eng.run(&cancel) == engine::StopReason::Cancelled);
  }
}

TEST_CASE("every derived fact carries a justification that points backwards", "[engine]") {
  const auto& [cat, rules] = data();
  auto p = parse_problem(
      "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b", cat);
  REQUIRE(p.ok());
  auto d = build_diagram(*p, cat);
  engine::Engine eng(*p, *d, cat, rules);
  REQUIRE(eng.run() == engine::StopReason::Proved);
  for (std::size_t i = 0; i < eng.facts().size(); ++i) {
    const auto& f = eng.facts()[i];
    INFO(eng.fact_text(f));
    for (auto prem : f.why.premises) CHECK(prem.value < i);
    if (f.why.kind == engine::Justification::Kind::Algebra) CHECK(f.why.coefficients.size() == f.why.premises.size());
    if (f.why.kind == engine::Justification::Kind::Rule) CHECK(f.why.rule.value < rules.rules().size());
    CHECK(fact_holds(f, *d));
  }
}

TEST_CASE("hostile input ends in an error or a limit, never a crash", "[engine]") {
  const auto& [cat, rules] = data();
  SECTION("a huge figure stops at the point limit") {
    std::string text = "a b = segment a b";
    for (int i = 0; i < 300; ++i) text += "; p" + std::to_string(i) + " = free p" + std::to_string(i);
    text += " ? cong a p0 b p0";
    auto p = parse_problem(text, cat);
    REQUIRE(p.ok());
    auto d = build_diagram(*p, cat);
    REQUIRE(d.ok());
    engine::Engine eng(*p, *d, cat, rules);
    CHECK(eng.run() == engine::StopReason::PointLimit);
  }
  SECTION("contradictory constructions are rejected by the diagram") {
    auto p = parse_problem("a b = segment a b; c = midpoint c a b; d = on_line d a b, on_tline d c a b, on_circle d a b", cat);
    REQUIRE(p.ok());
    CHECK_FALSE(build_diagram(*p, cat).ok());
  }
  SECTION("a tight time limit stops a large figure") {
    std::string text = "a b c = triangle a b c";
    for (int i = 0; i < 40; ++i) text += "; q" + std::to_string(i) + " = on_circum q" + std::to_string(i) + " a b c";
    auto p = parse_problem(text, cat);
    REQUIRE(p.ok());
    auto d = build_diagram(*p, cat);
    REQUIRE(d.ok());
    engine::EngineOptions eo;
    eo.time_limit_s = 0.2;
    engine::Engine eng(*p, *d, cat, rules, eo);
    const auto stop = eng.run();
    CHECK(stop == engine::StopReason::TimeLimit);
    CHECK(eng.stats().seconds < 2.0);
  }
}
