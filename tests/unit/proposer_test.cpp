// The heuristic proposer: drafts placed on the figure, rejected with reasons
// (degenerate, on an existing point, duplicate), ranked deterministically;
// problems of tests/data/aux/ that DDAR alone cannot prove are proved with
// its candidates (a circle intersection, a tangent point, two steps), and
// their proofs pass the checker.
#include <catch2/catch.hpp>

#include "test_data.hpp"
#include "test_node.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <set>
#include <string>

#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "search/proposer_place.hpp"
#include "search/search.hpp"

using namespace pappus;

namespace {

using test::data;

// A figure and its saturated engine.
struct Fixture {
  search::Node node;
  explicit Fixture(const std::string& text) { test::saturated_node(node, text); }
  search::Proposal propose(int limit, search::HeuristicOptions options = {}) {
    search::HeuristicProposer proposer(data().catalogue, options);
    return proposer.propose_counted(node.problem, node.diagram, *node.engine, "x", limit);
  }
  PointId point(const char* name) const {
    for (std::size_t i = 0; i < node.problem.point_names.size(); ++i)
      if (node.problem.point_names[i] == name) return PointId(static_cast<std::uint32_t>(i));
    FAIL("no point " << name);
    return PointId(0);
  }
};

// The problem of tests/data/aux/NAME.txt (one record: a name line, then the problem).
std::string aux_problem(const std::string& name) {
  const std::string path = std::string(PAPPUS_BENCHMARK_DIR) + "/../aux/" + name + ".txt";
  std::ifstream in(path);
  std::string line, text;
  while (std::getline(in, line))
    if (line.find('=') != std::string::npos && line[0] != '#') text = line;
  if (text.empty()) FAIL("no problem in " << path);
  return text;
}

// Whether the node's proof passes the independent checker.
void check_proof(const search::Node& node) {
  const proof::Proof pr = proof::extract(*node.engine);
  CHECK_FALSE(pr.auxiliary_clauses.empty());
  const auto checked = proof::check(pr, node.problem, data().catalogue, data().rules);
  INFO(checked.message);
  CHECK(checked.ok);
}

// The first candidate of one of `kinds` (among the best `limit`) whose one
// added point proves the problem; its node, or null.
std::unique_ptr<search::Node> proved_by_one(Fixture& f, const std::set<std::string>& kinds, int limit,
                                            std::string* clause) {
  const auto proposal = f.propose(limit);
  for (const search::Candidate& c : proposal.candidates) {
    if (!kinds.count(c.kind)) continue;
    auto child = search::extend(f.node, c.clause, data().catalogue, 1);
    if (!child) continue;
    (*child)->engine = std::make_unique<engine::Engine>(*f.node.engine, (*child)->problem, (*child)->diagram);
    if ((*child)->engine->run() == engine::StopReason::Proved) {
      *clause = c.clause;
      return std::move(*child);
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a draft on a collinear triple is degenerate, one on a point of the figure is rejected", "[proposer]") {
  Fixture f("a b c = triangle a b c; o = circle o a b c; m = midpoint m a b ? cong o a o b");
  search::HeuristicOptions options;
  std::vector<search::Draft> drafts;
  search::DraftSink sink(data().catalogue, drafts);
  const PointId a = f.point("a"), b = f.point("b"), c = f.point("c"), m = f.point("m");
  sink.add(search::Kind::Foot, 0, {"foot", {search::kNew, m, a, b}});             // m on ab
  sink.add(search::Kind::Circumcenter, 0, {"circle", {search::kNew, a, b, c}});   // lands on o
  sink.add(search::Kind::Midpoint, 0, {"midpoint", {search::kNew, b, c}});        // new
  sink.add(search::Kind::Intersection, 0, {"on_line", {search::kNew, a, b}}, {"on_pline", {search::kNew, c, a, b}});
  const auto objects = search::collect_objects(f.node.problem, f.node.diagram, *f.node.engine, options);
  const auto p0 = search::place(drafts[0], objects, data().catalogue, 1);
  const auto p1 = search::place(drafts[1], objects, data().catalogue, 1);
  const auto p2 = search::place(drafts[2], objects, data().catalogue, 1);
  const auto p3 = search::place(drafts[3], objects, data().catalogue, 1);
  REQUIRE(p0.rejected);
  CHECK(*p0.rejected == search::Rejection::Degenerate);
  REQUIRE(p1.rejected);
  CHECK(*p1.rejected == search::Rejection::OnExistingPoint);
  CHECK_FALSE(p2.rejected);
  REQUIRE(p2.at.size() == 1);
  CHECK((p2.at[0] - (f.node.diagram.at(b) + f.node.diagram.at(c)) / 2).norm() < 1e-9);
  REQUIRE(p3.rejected);
  CHECK(*p3.rejected == search::Rejection::NoIntersection);

  // The proposer never returns the circumcenter again, and counts why.
  const auto proposal = f.propose(1000);
  for (const auto& cand : proposal.candidates) CHECK(cand.clause != "x = circle x a b c");
  CHECK(proposal.stats.rejected[static_cast<int>(search::Rejection::OnExistingPoint)] > 0);
  CHECK(proposal.stats.rejected[static_cast<int>(search::Rejection::Degenerate)] > 0);
}

TEST_CASE("two drafts landing on one point give one candidate, the other a duplicate", "[proposer]") {
  // The mirror of a through m is the fourth vertex of parallelogram b a c x.
  Fixture f("a b c = triangle a b c; m = midpoint m b c ? cong m b m c");
  const auto proposal = f.propose(10000);
  const geo::Vec2 target = 2 * f.node.diagram.at(f.point("m")) - f.node.diagram.at(f.point("a"));
  int landing = 0;
  for (const auto& c : proposal.candidates)
    for (const auto& at : c.at) landing += (at - target).norm() < 1e-6;
  CHECK(landing == 1);
  CHECK(proposal.stats.rejected[static_cast<int>(search::Rejection::Duplicate)] > 0);
  // No two candidates land on one point; none on a point of the figure.
  std::vector<geo::Vec2> all;
  for (const auto& c : proposal.candidates) all.insert(all.end(), c.at.begin(), c.at.end());
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) CHECK((all[i] - all[j]).norm() > 1e-9);
    for (const auto& p : f.node.diagram.points) CHECK((all[i] - p).norm() > 1e-9);
  }
  // Every candidate counted once: returned, past the limit, or rejected.
  const auto& s = proposal.stats;
  CHECK(s.generated == s.returned + s.beyond_limit + s.rejected_total());
  CHECK(s.returned == static_cast<std::int64_t>(proposal.candidates.size()));
}

TEST_CASE("the proposer is deterministic and fast", "[proposer]") {
  // About twenty points: a triangle with its centers, feet and midpoints.
  const char* text =
      "a b c = triangle a b c; o = circle o a b c; h = orthocenter h a b c; d = foot d a b c; e = foot e b c a; "
      "f = foot f c a b; m = midpoint m b c; n = midpoint n c a; p = midpoint p a b; i = incenter i a b c; "
      "q = midpoint q a h; r = midpoint r b h; s = midpoint s c h; g = on_line g a m, on_line g b n; "
      "t = on_circle t o a; u = on_line u a t, on_line u b c; v = mirror v a o; w = midpoint w h o ? cong w m w q";
  Fixture f(text);
  REQUIRE(f.node.problem.point_count() >= 20);
  const auto t0 = std::chrono::steady_clock::now();
  const auto first = f.propose(800);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const auto second = f.propose(800);
  WARN("propose on " << f.node.problem.point_count() << " points: " << ms << " ms, " << first.stats.generated
                     << " drafts, " << first.stats.returned << " returned");
  REQUIRE(first.candidates.size() == second.candidates.size());
  for (std::size_t i = 0; i < first.candidates.size(); ++i) {
    CHECK(first.candidates[i].clause == second.candidates[i].clause);
    CHECK(first.candidates[i].score == second.candidates[i].score);
    CHECK(first.candidates[i].at == second.candidates[i].at);
  }
  CHECK(first.stats.generated == second.stats.generated);
  CHECK(first.stats.rejected == second.stats.rejected);
  // Every family reaches the figure: with no limit, each kind is returned.
  const auto all = f.propose(1000000);
  for (const char* kind : {"midpoint", "foot", "intersection", "line and circle", "two circles", "tangent point",
                           "arc midpoint", "antipode", "angle bisector", "external bisector", "tangent line", "pole",
                           "spiral center", "isogonal conjugate", "incenter", "excenter", "orthocenter", "parallel",
                           "perpendicular", "parallel and circle", "on line", "on circle"}) {
    INFO(kind);
    CHECK(all.stats.returned_by_kind.count(kind));
  }
#ifndef PAPPUS_SLOW_BUILD
  CHECK(ms < 500);
#endif
}

TEST_CASE("an angle DDAR cannot reach is proved with a line-circle intersection", "[proposer]") {
  Fixture f(aux_problem("circle_intersection"));
  REQUIRE(f.node.diagram.all_goals_hold());
  CHECK(f.node.stop == engine::StopReason::Saturated);  // DDAR alone: not proved
  std::string clause;
  auto node = proved_by_one(f, {"line and circle", "two circles", "parallel and circle", "perpendicular and circle"},
                            400, &clause);
  REQUIRE(node);
  INFO(clause);
  CHECK(clause.find("on_circle") != std::string::npos);
  check_proof(*node);
}

// Whether the last point of `node` is where a tangent from p touches the
// circle about o through b: on that circle, with op seen from it at a right angle.
bool is_tangent_point_from_p(const search::Node& node, const Fixture& f) {
  const auto& d = node.diagram;
  const geo::Vec2 x = d.points.back(), o = d.at(f.point("o")), b = d.at(f.point("b")), p = d.at(f.point("p"));
  const double r = (b - o).norm();
  return std::abs((x - o).norm() - r) < 1e-9 * r && std::abs((p - x).dot(o - x)) < 1e-9 * r * (p - o).norm();
}

TEST_CASE("an orthogonality DDAR cannot reach is proved with the tangent point from a point to a circle", "[proposer]") {
  Fixture f(aux_problem("tangent_point"));
  REQUIRE(f.node.diagram.all_goals_hold());
  CHECK(f.node.stop == engine::StopReason::Saturated);  // DDAR alone: not proved
  std::string clause;
  auto node = proved_by_one(f, {"tangent point"}, 400, &clause);
  REQUIRE(node);
  INFO(clause);
  CHECK(clause.find("on_dia") != std::string::npos);
  CHECK(is_tangent_point_from_p(*node, f));
  check_proof(*node);
}

TEST_CASE("the search proves the orthogonality with the tangent point", "[proposer][search]") {
  const Fixture f(aux_problem("tangent_point"));
  REQUIRE(f.node.diagram.all_goals_hold());
  search::HeuristicProposer proposer(data().catalogue);
  search::SearchOptions options;
  options.depth = 1;
  options.time_limit_s = 60;
  auto found = search::solve(f.node.problem, f.node.diagram, data().catalogue, data().rules, proposer, options);
  REQUIRE(found.proved);
  CHECK_FALSE(found.ddar_only);
  REQUIRE(found.solution->aux.size() == 1);
  INFO(found.solution->aux[0] << ", " << found.nodes << " nodes");
  // The tangent construction: the circle about p through q meets w at the
  // same point, but that two-circle candidate ranks below it (the search
  // takes it, in 27 nodes, only when the proposer has no tangent points).
  CHECK(found.solution->aux[0].find("on_dia") != std::string::npos);
  CHECK(is_tangent_point_from_p(*found.solution, f));
  check_proof(*found.solution);
}

TEST_CASE("a problem no single candidate proves is proved with two auxiliary points", "[proposer][search]") {
  const Fixture f(aux_problem("two_steps"));
  REQUIRE(f.node.diagram.all_goals_hold());
  CHECK(f.node.stop == engine::StopReason::Saturated);
  search::HeuristicProposer proposer(data().catalogue);
  search::SearchOptions options;
  options.depth = 2;
  options.time_limit_s = 120;
  options.jobs = 2;
  auto found = search::solve(f.node.problem, f.node.diagram, data().catalogue, data().rules, proposer, options);
  REQUIRE(found.proved);
  // No single candidate of the best few hundred proves it (tried one by one when the problem was written).
  CHECK(found.solution->aux.size() == 2);
  check_proof(*found.solution);
}
