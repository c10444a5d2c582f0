// ratioprod a d b e c f (AD/DB * BE/EC * CF/FA = 1), the statement of the
// menelaus and ceva rules: one statement for the twelve readings of its
// hexagon, degenerate with a zero segment, true on Menelaus' and Ceva's
// figures; problems that need it prove by DDAR alone, and the checker
// verifies its rule and ratio steps on its own.
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "engine/engine.hpp"
#include "geometry/predicate.hpp"
#include "pipeline/pipeline.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "search/proposer.hpp"

using namespace pappus;
using geo::Vec2;

namespace {

std::vector<PointId> ids(std::initializer_list<std::uint32_t> v) {
  std::vector<PointId> out;
  for (std::uint32_t x : v) out.emplace_back(x);
  return out;
}

// Triangle abc (0, 1, 2); d on ab, e on bc, f on ca, all on the line
// y = x/2 - 1/4 (3, 4, 5); the cevians through o = (1.5, 1) meet the sides at
// x on bc, y on ca, z on ab (6, 7, 8).
std::vector<Vec2> figure() {
  const Vec2 a(0, 0), b(4, 0), c(1, 3), o(1.5, 1);
  auto meet = [](Vec2 p, Vec2 q, Vec2 r, Vec2 s) {
    const Vec2 u = q - p, v = s - r;
    const double t = geo::cross(r - p, v) / geo::cross(u, v);
    return Vec2(p + t * u);
  };
  const Vec2 l0(0, -0.25), l1(1, 0.25);
  return {a, b, c, meet(a, b, l0, l1), meet(b, c, l0, l1), meet(c, a, l0, l1),
          meet(b, c, a, o), meet(c, a, b, o), meet(a, b, c, o)};
}

bool holds_at(const std::vector<Vec2>& p, std::array<int, 6> at) {
  std::vector<Vec2> pts;
  for (int i : at) pts.push_back(p[i]);
  return holds(Pred::RatioProd, pts, 0);
}

Problem parse(const std::string& text) {
  auto problem = parse_problem(text, test::data().catalogue);
  if (!problem) FAIL(problem.error().to_string());
  return std::move(*problem);
}

// Proved by DDAR alone, the proof accepted by the checker; the names of
// the rules it cites.
std::vector<std::string> proved_by_ddar(const std::string& text) {
  const Problem problem = parse(text);
  search::HeuristicProposer proposer;
  pipeline::Options options;
  options.search.depth = 0;
  auto outcome = pipeline::solve(problem, test::data().catalogue, test::data().rules, proposer, options);
  if (!outcome) FAIL(outcome.error().to_string());
  INFO(text << "\n" << outcome->check.message);
  REQUIRE(outcome->status == pipeline::Status::Proved);
  CHECK(outcome->check.ok);
  std::vector<std::string> rules;
  for (const proof::Step& s : outcome->proof->steps)
    if (s.kind == proof::Step::Kind::Rule) rules.push_back(s.rule);
  return rules;
}

bool cites(const std::vector<std::string>& rules, const std::string& rule) {
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

}  // namespace

TEST_CASE("ratioprod: the twelve readings of its hexagon are one statement", "[ratioprod]") {
  const auto base = normalize(Pred::RatioProd, ids({0, 3, 1, 4, 2, 5}));
  const std::array<std::uint32_t, 6> path{0, 3, 1, 4, 2, 5};
  for (int start = 0; start < 6; ++start)
    for (int step : {1, 5}) {
      std::vector<PointId> v;
      for (int i = 0; i < 6; ++i) v.emplace_back(path[(start + step * i) % 6]);
      INFO("start " << start << " step " << step);
      CHECK(normalize(Pred::RatioProd, v) == base);
    }
  // Another hexagon on the same points is another statement.
  CHECK(normalize(Pred::RatioProd, ids({0, 4, 1, 3, 2, 5})) != base);
}

TEST_CASE("ratioprod: a zero segment is degenerate, the same segments up and down trivial", "[ratioprod]") {
  const std::array<int, 6> menelaus{0, 3, 1, 4, 2, 5};
  CHECK_FALSE(degenerate(Pred::RatioProd, menelaus));
  CHECK(degenerate(Pred::RatioProd, std::array<int, 6>{0, 0, 1, 4, 2, 5}));  // D at A
  CHECK(degenerate(Pred::RatioProd, std::array<int, 6>{0, 3, 1, 4, 2, 0}));  // F at A: FA is zero
  CHECK_FALSE(trivial(Pred::RatioProd, menelaus));
  // AB/BC * CA/AB * BC/CA: the same three segments on both sides.
  CHECK(trivial(Pred::RatioProd, std::array<int, 6>{0, 1, 2, 0, 1, 2}));
}

TEST_CASE("ratioprod holds on Menelaus' and Ceva's figures, not on others", "[ratioprod]") {
  const auto p = figure();
  CHECK(holds_at(p, {0, 3, 1, 4, 2, 5}));  // Menelaus: AD/DB * BE/EC * CF/FA
  CHECK(holds_at(p, {4, 1, 3, 0, 5, 2}));  // another reading of it
  CHECK(holds_at(p, {0, 8, 1, 6, 2, 7}));  // Ceva: AZ/ZB * BX/XC * CY/YA
  CHECK_FALSE(holds_at(p, {0, 3, 1, 6, 2, 7}));  // the transversal's point on ab with the cevians'
  CHECK_FALSE(holds_at(p, {0, 0, 1, 4, 2, 5}));  // a zero segment
}

TEST_CASE("Menelaus' problems of newclid_examples prove by DDAR alone, checked", "[ratioprod][pipeline]") {
  for (const char* text : {
           // menelaus_test
           "a b c = triangle a b c; f = on_line f a b, rconst2 f a b 1/2; d = on_line d b c, rconst2 d b c 1/2; "
           "e = on_line e d f, on_line e c a ? rconst c e a e 4/1",
           // menelaus_frac1_test
           "a b c = triangle a b c; f = on_line f a b, rconst2 f a b 1/1; d = on_line d b c; "
           "e = on_line e d f, on_line e c a ? eqratio b d d c e a e c",
           // menelaus_crossed_cong_test
           "a b c = triangle a b c; d = on_line d b c; e = on_line e c a, eqdistance e c d c; "
           "f = on_line f a b, on_line f d e ? eqratio b d e a f b a f",
       })
    CHECK(cites(proved_by_ddar(text), "menelaus"));
}

TEST_CASE("Blanchet's theorem with the parallels through C proves by DDAR alone with Ceva", "[ratioprod][pipeline]") {
  // JGEX E075-27f with p, q on the parallel to ab through c: CP/AD = CF/FA,
  // CQ/BD = CG/GB and Ceva give CP = CQ.
  const auto rules = proved_by_ddar(
      "a b c = triangle a b c; d = foot d c a b; e = on_line e c d; f = on_line f b e, on_line f a c; "
      "g = on_line g a e, on_line g b c; p = intersection_lp p d f c a b; q = intersection_lp q d g c a b "
      "? eqangle d f d c d c d g");
  CHECK(cites(rules, "ceva"));
}

TEST_CASE("checker: a Menelaus step or a ratio step over it, tampered, is rejected", "[ratioprod][checker]") {
  const auto& [cat, rules] = test::data();
  const Problem problem =
      parse("a b c = triangle a b c; f = on_line f a b, rconst2 f a b 1/2; d = on_line d b c, rconst2 d b c 1/2; "
            "e = on_line e d f, on_line e c a ? rconst c e a e 4/1");
  auto diagram = build_diagram(problem, cat);
  REQUIRE(diagram.ok());
  engine::Engine eng(problem, *diagram, cat, rules);
  REQUIRE(eng.run() == engine::StopReason::Proved);
  const proof::Proof proof = proof::extract(eng);
  REQUIRE(proof::check(proof, problem, cat, rules).ok);
  int menelaus = 0, ratio = 0;
  for (const proof::Step& s : proof.steps) {
    if (s.kind == proof::Step::Kind::Rule && s.pred == Pred::RatioProd) menelaus = s.number;
    if (s.kind == proof::Step::Kind::Algebra && s.table == proof::Step::Table::Ratios &&
        std::find(s.uses.begin(), s.uses.end(), menelaus) != s.uses.end())
      ratio = s.number;
  }
  REQUIRE(menelaus > 0);
  REQUIRE(ratio > 0);
  {
    // The same statement read backwards is not the rule's conclusion as bound.
    proof::Proof p = proof;
    auto& args = p.steps[menelaus - 1].args;
    std::reverse(args.begin(), args.end());
    const auto r = proof::check(p, problem, cat, rules);
    CHECK_FALSE(r.ok);
    CHECK(r.step == menelaus);
    CHECK_THAT(r.message, Catch::Contains("is not a conclusion of menelaus"));
  }
  {
    // Another hexagon of the same points: false on the figure.
    proof::Proof p = proof;
    auto& args = p.steps[menelaus - 1].args;
    std::swap(args[1], args[3]);
    const auto r = proof::check(p, problem, cat, rules);
    CHECK_FALSE(r.ok);
    CHECK(r.step == menelaus);
  }
  {
    // The ratio step with the Menelaus equation's coefficient negated.
    proof::Proof p = proof;
    proof::Step& s = p.steps[ratio - 1];
    const auto at = std::find(s.uses.begin(), s.uses.end(), menelaus) - s.uses.begin();
    std::string& c = s.coefficients[static_cast<std::size_t>(at)];
    c = c.front() == '-' ? c.substr(1) : "-" + c;
    const auto r = proof::check(p, problem, cat, rules);
    CHECK_FALSE(r.ok);
    CHECK(r.step == ratio);
    CHECK_THAT(r.message, Catch::Contains("do not sum to it"));
  }
}
