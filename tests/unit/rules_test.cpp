// Every rule of rules/rules.txt on a minimal figure where it must fire, and,
// for rules with non-degeneracy conditions, on a figure where its provable
// premises hold but a condition fails, so that it must not fire.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "engine/rulebook.hpp"
#include "geometry/predicate.hpp"
#include "problem/parser.hpp"

namespace pappus {
namespace {

using engine::Engine;
using engine::Justification;
using engine::Rule;
using engine::RuleBook;

const dsl::Catalogue& catalogue() {
  static const dsl::Catalogue cat = [] {
    auto loaded = dsl::load_default_catalogue();
    if (!loaded) FAIL(loaded.error().to_string());
    return std::move(loaded).value();
  }();
  return cat;
}

const RuleBook& rulebook() {
  static const RuleBook book = [] {
    auto loaded = engine::load_default_rules();
    if (!loaded) FAIL(loaded.error().to_string());
    return std::move(loaded).value();
  }();
  return book;
}

// What stops a rule on its degenerate figure.
enum class Stop {
  None,           // the rule has no condition: no such figure
  Impossible,     // conditions, but no figure makes the premises hold while one fails (see `note`)
  ConditionOnly,  // premises and conclusions hold numerically: only the condition stops the rule
  AlsoFalse,      // premises hold, a condition fails and the conclusion is false in the figure
};

// One row per rule. In both figures the points named like the rule's
// variables are the binding the row is about (the identity binding): in
// `fires` its premises and conditions hold, in `stopped` its premises hold
// (numerically and symbolically) and a condition fails. The figure is built
// on the first seed where that is so, which picks orientations and sides.
struct RuleCase {
  std::string_view rule;
  std::string_view fires;    // a figure where the rule must derive a fact
  Stop stop;
  std::string_view stopped;  // a figure where the rule must derive nothing
  std::string_view note;     // which condition, or why no stopped figure
};

// A rule only adds a fact when its conclusion is not known yet, so the
// figures avoid givens that already state it. Where rules earlier in the
// rule book, with angle and ratio chasing, prove a rule's conclusion in every
// natural figure, the figure lets a premise arrive late in round 1 (derived
// by a rule that runs after those), so that the rule is the first to prove
// it: those rows depend on the order of rules.txt and say so.
//
// Points pinned with name@X_Y make degenerate figures whose degeneracy the
// engine does not know from the constructions (a point placed on a circle
// but pinned on a line through its center).
const std::vector<RuleCase> kCases = {
    {"equidistant_cyclic", "o a = segment o a; b = on_circle b o a; c = on_circle c o a; d = on_circle d o a",
     Stop::None, "", "no condition"},
    {"inscribed_angle", "a b p = triangle a b p; q = on_circum q a b p", Stop::None, "", "no condition"},
    {"inscribed_angle_converse", "a b p = triangle a b p; q = eqangle3 q a b p a b", Stop::AlsoFalse,
     "a b = segment a b; p = on_line p a b; q = on_line q a b",
     "ncoll a b p: four points on a line see ab under the zero angle (they are never concyclic, so "
     "the condition is also implied by the conclusion)"},
    {"equal_chords",
     "a b c = triangle a b c; p = on_circum p a b c; r = on_circum r a b c; "
     "q = on_circum q a b c, on_aline q r p b c a",
     Stop::None, "", "no condition"},
    {"midline", "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c", Stop::None, "", "no condition"},
    {"midline_converse", "a b c = triangle a b c; m = midpoint m a b; n = on_line n a c, on_pline n m b c",
     Stop::ConditionOnly, "a@0_0 b@2_0 = segment a b; m = midpoint m a b; c@6_0 = on_line c a b; n@3_0 = on_line n a c",
     "ncoll a b c: on one line, n is the midpoint of ac but nothing proves it"},
    {"intercept", "o a b = triangle o a b; c = on_line c o a; d = on_line d o b, on_pline d c a b", Stop::ConditionOnly,
     "o@0_0 a@1_0 = segment o a; b@2_0 = on_line b o a; c@3_0 = on_line c o a; d@6_0 = on_line d o a",
     "ncoll o a b: five points on a line with OA:OC = OB:OD, unproved"},
    {"intercept_converse",
     "o a b = triangle o a b; c = on_line c o a, rconst o a o c 2/3; d = on_line d o b, rconst o b o d 2/3",
     Stop::AlsoFalse,
     "o a b = triangle o a b; c = on_line c o a, rconst o a o c 2/3; d = on_line d o b, rconst o b o d 2/3",
     "sameside o a c o b d: OA:OC = OB:OD with c beyond o and d not (or the reverse), so ab and cd cross"},
    {"intercept_converse_segments",
     "o a b = triangle o a b; c = on_line c o a, rconst o a a c 2/3; d = on_line d o b, rconst o b b d 2/3",
     Stop::AlsoFalse,
     "o a b = triangle o a b; c = on_line c o a, rconst o a a c 2/3; d = on_line d o b, rconst o b b d 2/3",
     "sameside a o c b o d: OA:AC = OB:BD with c beyond a and d between o and b (or the reverse)"},
    {"bisector_ratio", "a b c = triangle a b c; x = on_line x a c, angle_bisector x a b c", Stop::ConditionOnly,
     "a@0_0 b@1_0 = segment a b; c@3_0 = on_line c a b; x@-3_0 = on_line x a b",
     "ncoll a b c: on one line, BA:BC = XA:XC = 1:2, unproved"},
    {"bisector_ratio_converse", "a b c = triangle a b c; x = on_line x a c, eqratio6 x a c b a b c",
     Stop::ConditionOnly,
     "a@0_0 c@3_0 = segment a c; x@-3_0 = on_line x a c, rconst2 x a c 1/2; b@1_0 = rconst2 b a c 1/2",
     "ncoll a b c: b lies on line ac (not known to the engine), so bx is ba and bc"},
    {"isosceles", "a b = segment a b; c = on_circle c a b", Stop::ConditionOnly,
     "a@1_0 b@0_0 = segment a b; c@2_0 = on_circle c a b",
     "ncoll a b c: c on the circle centered a through b, pinned on line ab"},
    {"isosceles_converse", "b c e = triangle b c e; a = on_line a b e, on_aline0 a b e b c c b c",
     Stop::ConditionOnly, "b@0_0 c@2_0 = segment b c; a@1_0 = on_line a b c",
     "ncoll a b c: a is the midpoint of bc, unproved; the base angles are both zero"},
    // On a circle given by its center, isosceles (and bisector_ratio_converse
    // for central_angle) with angle chasing prove the conclusions of the next
    // three rules before they run (they come later in the rule book), so
    // these figures give oc = oa only through the base angles of oac:
    // isosceles_converse proves oc = oa in round 1 after isosceles has run,
    // and the base angles of obc are still unknown when the rule runs.
    {"tangent_chord",
     "o a = segment o a; u v w = triangle u v w; b = on_circle b o a; "
     "c = on_aline c a o w v u, on_aline2 c a o u v w; x = lc_tangent x a o",
     Stop::None, "", "no condition"},
    {"tangent_chord_converse",
     "o a = segment o a; u v w = triangle u v w; b = on_circle b o a; "
     "c = on_aline c a o w v u, on_aline2 c a o u v w; x = on_aline x a b a c b",
     Stop::None, "", "no condition"},
    {"central_angle",
     "o a = segment o a; u v w = triangle u v w; b = on_circle b o a; "
     "c = on_aline c a o w v u, on_aline2 c a o u v w; m = midpoint m b c",
     Stop::None, "", "no condition"},
    {"central_angle_converse",
     "o a = segment o a; b = on_circle b o a; c = on_circle c o a; m = on_line m b c, on_aline0 m a b a c o b o",
     Stop::None, "", "no condition"},
    {"thales_circle", "b a c = r_triangle b a c; m = midpoint m a c", Stop::None, "", "no condition"},
    // Likewise: with ob = oa given, isosceles on oab and obc proves the right
    // angle by angle chasing first; here ob = oa comes from the base angles.
    {"diameter_right_angle",
     "o a = segment o a; c = mirror c a o; u v w = triangle u v w; b = on_aline b a o w v u, on_aline2 b a o u v w",
     Stop::None, "", "no condition"},
    // With the circle known from the start, inscribed_angle and angle chasing
    // prove the conclusion first; here inscribed_angle_converse proves the
    // circle in round 1, after inscribed_angle has run.
    {"cyclic_trapezoid", "a b c = triangle a b c; d = on_pline d c a b, eqangle3 d a b c a b", Stop::None, "",
     "no condition"},
    {"isosceles_trapezoid", "a b c d = eq_trapezoid a b c d", Stop::ConditionOnly,
     "a@0_0 b@2_0 = segment a b; c@2_1 = free c; d = parallelogram a b c d",
     "npara a d b c: a rectangle, given only as a parallelogram: AD = BC and ab parallel to cd, the base "
     "angles are right but unproved"},
    {"perp_bisector", "a b = segment a b; p = on_bline p a b; q = on_bline q a b", Stop::None, "", "no condition"},
    {"circle_center", "a b c = triangle a b c; o = circle o a b c; d = on_circum d a b c", Stop::Impossible, "",
     "ncoll a b c: cyclic a b c d needs four distinct points, and three distinct collinear points have no "
     "point o with OA = OB = OC"},
    {"shared_midpoint", "a b = segment a b; m = midpoint m a b; c = free c; d = mirror d c m", Stop::None, "",
     "no condition"},
    // With both pairs of sides parallel from the start, intercept on each
    // pair and ratio chasing prove the midpoints first; here ab || cd comes
    // from perp_bisector (ab and cd both perpendicular to pq) in round 1,
    // after intercept has run.
    {"parallelogram_midpoint",
     "a b = segment a b; p = on_bline p a b; q = on_bline q a b; c = free c; d = on_pline d a b c, on_tline d c p q; "
     "m = intersection_ll m a c b d",
     Stop::ConditionOnly,
     "a@0_0 b@1_0 = segment a b; c@3_0 = on_line c a b; d@2_0 = on_line d a b; m@1.5_0 = on_line m a b",
     "ncoll a b c: a flat parallelogram, m the common midpoint of ac and bd, unproved"},
    {"sas",
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline0 r a b a c p q p, eqdistance r p a c",
     Stop::AlsoFalse,
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline0 r a b a c p q p, eqdistance r p a c",
     "sameclock a b c p q r: AB = PQ, AC = PR, equal directed angles, but pqr turns the other way (its angle "
     "at p is the supplement), so the triangles are not congruent"},
    {"sas_mirror",
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline0 r a c a b p q p, eqdistance r p a c",
     Stop::AlsoFalse,
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = on_aline0 r a c a b p q p, eqdistance r p a c",
     "sameclock a b c p r q: the mirrored SAS data with pqr turning the same way as abc"},
    {"sss", "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = eqdistance r p a c, eqdistance r q b c",
     Stop::AlsoFalse,
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = eqdistance r p a c, eqdistance r q b c",
     "sameclock a b c p q r: three equal sides, opposite orientation (sss_mirror's case)"},
    {"sss_mirror",
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = eqdistance r p a c, eqdistance r q b c",
     Stop::AlsoFalse,
     "a b c = triangle a b c; p = free p; q = eqdistance q p a b; r = eqdistance r p a c, eqdistance r q b c",
     "sameclock a b c p r q: three equal sides, same orientation (sss's case)"},
    // A contri given by a construction or derived by a rule enters the tables
    // with its sides, so the figures state the congruence by its parts.
    {"aa", "a b c = triangle a b c; p q = segment p q; r = on_aline r p q c a b, on_aline r q p c b a",
     Stop::AlsoFalse, "a b = segment a b; c = on_line c a b; p q = segment p q; r = on_line r p q",
     "ncoll a b c: flat triangles have equal (zero) angles. sameclock a b c p q r cannot fail alone: "
     "two equal directed angles of a proper triangle make pqr directly similar"},
    {"aa_mirror", "a b c = triangle a b c; p q = segment p q; r = on_aline r p q b a c, on_aline r q p a b c",
     Stop::AlsoFalse, "a b = segment a b; c = on_line c a b; p q = segment p q; r = on_line r p q",
     "ncoll a b c: flat triangles. sameclock a b c p r q cannot fail alone (as for aa)"},
    {"sas_similar",
     "a b c = triangle a b c; p q = segment p q; r = on_aline0 r b a b c q p q, eqratio r b a b c q p q",
     Stop::AlsoFalse,
     "a b c = triangle a b c; p q = segment p q; r = on_aline0 r b a b c q p q, eqratio r b a b c q p q",
     "sameclock a b c p q r: equal ratio and directed angle at b and q, pqr turning the other way "
     "(supplementary angle), not similar"},
    {"sas_similar_mirror",
     "a b c = triangle a b c; p q = segment p q; r = on_aline0 r b c b a q p q, eqratio r b a b c q p q",
     Stop::AlsoFalse,
     "a b c = triangle a b c; p q = segment p q; r = on_aline0 r b c b a q p q, eqratio r b a b c q p q",
     "sameclock a b c p r q: the mirrored data with pqr turning the same way as abc"},
    {"trapezoid_ratio", "a b c d = trapezoid a b c d; m = on_line m a d; n = on_line n b c, on_pline n m a b",
     Stop::ConditionOnly,
     "a@0_0 b@4_0 = segment a b; c@3_0 = on_line c a b; d@1_0 = on_line d a b; m@0.5_0 = on_line m a b; "
     "n@3.5_0 = on_line n a b",
     "ncoll a b c: a flat trapezoid cut in equal ratios, unproved"},
    {"trapezoid_ratio_converse",
     "a b c d = trapezoid a b c d; m = on_line m a d; n = on_line n b c, eqratio6 n b c m a m d", Stop::AlsoFalse,
     "a b c d = trapezoid a b c d; m = on_line m a d; n = on_line n b c, eqratio6 n b c m a m d",
     "sameside m a d n b c: MA:MD = NB:NC with m inside ad and n outside bc (or the reverse)"},
    {"parallel_collinear", "a b = segment a b; c = on_pline0 c a a b", Stop::None, "", "no condition"},
    {"midpoint_feet", "a b = segment a b; m = midpoint m a b; l k = segment l k; f = foot f a l k; g = foot g b l k",
     Stop::None, "", "no condition"},
    {"midpoint_projection",
     "a b = segment a b; e = on_tline e a a b; d = on_tline d b a b; c = on_line c e d, on_bline c a b",
     Stop::Impossible, "",
     "nperp e d a b: ea and db are both perpendicular to ab, so a line ed perpendicular to ab would be line ea "
     "and could not reach d"},
    // ceva comes before menelaus in the rule book: on this figure
    // menelaus (on triangles abx and axc) and ratio chasing prove the same.
    {"ceva",
     "a b c = triangle a b c; o = free o; x = on_line x b c, on_line x a o; y = on_line y c a, on_line y b o; "
     "z = on_line z a b, on_line z c o",
     Stop::AlsoFalse,
     "a@0_0 b@4_0 = segment a b; c@1_0 = on_line c a b; o@2_0 = on_line o a b; x@3_0 = on_line x a b; "
     "y@5_0 = on_line y a b; z@6_0 = on_line z a b",
     "ncoll a b c: seven points on one line satisfy every collinearity, AZ/ZB * BX/XC * CY/YA = 24/20"},
    {"menelaus", "a b c = triangle a b c; d = on_line d a b; e = on_line e b c; f = on_line f c a, on_line f d e",
     Stop::AlsoFalse,
     "a@0_0 b@4_0 = segment a b; c@1_0 = on_line c a b; d@2_0 = on_line d a b; e@3_0 = on_line e a b; "
     "f@5_0 = on_line f a b",
     "ncoll a b c: six points on one line satisfy every collinearity, AD/DB * BE/EC * CF/FA = 8/20"},
    {"orthocenter", "a b c = triangle a b c; h = on_tline h a b c, on_tline h b a c", Stop::Impossible, "",
     "ncoll a b c: on one line through distinct a, b, the perpendiculars at a and at b are parallel, so no h "
     "satisfies both premises"},
};

// A rule atom with the identity binding, as point ids of the problem.
std::optional<std::vector<PointId>> bind(const Rule& rule, const engine::Atom& atom, const Problem& problem) {
  std::vector<PointId> out;
  for (int v : atom.args) {
    const auto& names = problem.point_names;
    auto it = std::find(names.begin(), names.end(), rule.vars[v]);
    if (it == names.end()) return std::nullopt;
    out.emplace_back(static_cast<std::uint32_t>(it - names.begin()));
  }
  return out;
}

bool holds_on(const Diagram& d, Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) {
  std::vector<geo::Vec2> pts;
  for (PointId p : args) pts.push_back(d.at(p));
  return holds(pred, pts, number ? number->value : 0);
}

struct BindingCheck {
  bool premises = true;    // every premise holds numerically
  bool conditions = true;  // every condition holds numerically
  bool conclusions = true; // every conclusion holds numerically
};

BindingCheck check_binding(const Rule& rule, const Problem& problem, const Diagram& d) {
  BindingCheck c;
  auto all = [&](const std::vector<engine::Atom>& atoms) {
    bool ok = true;
    for (const auto& a : atoms) {
      auto args = bind(rule, a, problem);
      REQUIRE(args);
      ok = ok && holds_on(d, a.pred, *args, a.number);
    }
    return ok;
  };
  c.premises = all(rule.premises);
  c.conditions = all(rule.conditions);
  c.conclusions = all(rule.conclusions);
  return c;
}

// The figure built on the first seed where `wanted` accepts the identity binding.
template <class F>
std::optional<Diagram> build_where(const Problem& problem, F&& wanted) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    DiagramOptions options;
    options.seed = seed;
    auto d = build_diagram(problem, catalogue(), options);
    if (!d) FAIL("the figure cannot be built: " << d.error().to_string());
    if (wanted(*d)) return std::move(d).value();
  }
  return std::nullopt;
}

Problem parse_ok(std::string_view text) {
  auto p = parse_problem(text, catalogue());
  if (!p) FAIL("'" << text << "' does not parse: " << p.error().to_string());
  return std::move(p).value();
}

Statement statement(const Rule& rule, const engine::Atom& atom, const Problem& problem) {
  Statement s;
  s.predicate = std::string(predicate_info(atom.pred).name);
  const auto points = bind(rule, atom, problem);
  for (PointId p : *points) {
    Argument a;
    a.point = p;
    s.args.push_back(a);
  }
  if (atom.number) {
    Argument a;
    a.is_point = false;
    a.number = *atom.number;
    s.args.push_back(a);
  }
  return s;
}

std::string rule_facts(const Engine& eng, engine::RuleId rule) {
  std::ostringstream out;
  for (const auto& f : eng.facts())
    if (f.why.kind == Justification::Kind::Rule && f.why.rule == rule) out << "  " << eng.fact_text(f) << "\n";
  return out.str();
}

std::string all_facts(const Engine& eng) {
  std::ostringstream out;
  for (const auto& f : eng.facts()) {
    out << "  " << eng.fact_text(f);
    if (f.why.kind == Justification::Kind::Rule) out << "  [" << eng.rules().at(f.why.rule).name << "]";
    out << "\n";
  }
  return out.str();
}

const RuleCase* find_case(std::string_view name) {
  for (const auto& c : kCases)
    if (c.rule == name) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("every rule of the rule book has a row in the table", "[rules]") {
  const RuleBook& book = rulebook();
  for (const Rule& r : book.rules()) {
    INFO("rule " << r.name << " (" << r.file << ":" << r.line << ") needs a row in kCases");
    const RuleCase* c = find_case(r.name);
    CHECK(c != nullptr);
    if (!c) continue;
    // A rule with conditions needs a stopped figure or a reason why none exists.
    if (r.conditions.empty()) {
      CHECK(c->stop == Stop::None);
    } else {
      CHECK(c->stop != Stop::None);
      CHECK((c->stop == Stop::Impossible) == c->stopped.empty());
    }
  }
  std::set<std::string_view> seen;
  for (const auto& c : kCases) {
    INFO("row " << c.rule);
    CHECK(book.index_of(c.rule));  // no row for a rule that is gone
    CHECK(seen.insert(c.rule).second);  // one row per rule
  }
}

TEST_CASE("each rule fires on its figure, with numerically true conclusions", "[rules]") {
  const RuleBook& book = rulebook();
  for (const auto& c : kCases) {
    const auto found = book.index_of(c.rule);
    if (!found) continue;  // reported by the table test
    const engine::RuleId index = *found;
    const Rule& rule = book.at(index);
    INFO("rule " << c.rule << " on: " << c.fires);
    const Problem problem = parse_ok(c.fires);
    for (const auto& atoms : {rule.premises, rule.conditions})
      for (const auto& a : atoms) REQUIRE(bind(rule, a, problem));  // the figure names every variable
    auto diagram = build_where(problem, [&](const Diagram& d) {
      const BindingCheck b = check_binding(rule, problem, d);
      return b.premises && b.conditions;
    });
    INFO("the premises and conditions hold on some seed");
    REQUIRE(diagram);
    Engine eng(problem, *diagram, catalogue(), book);
    const auto stop = eng.run();
    CHECK(stop == engine::StopReason::Saturated);
    CHECK(eng.stats().numeric_violations == 0);
    int fired = 0;
    for (const auto& f : eng.facts()) {
      if (f.why.kind != Justification::Kind::Rule || f.why.rule != index) continue;
      ++fired;
      INFO("fact " << eng.fact_text(f));
      CHECK(holds_on(*diagram, f.pred, f.args, f.number));
    }
    INFO("facts:\n" << all_facts(eng));
    CHECK(fired > 0);
  }
}

TEST_CASE("a failed non-degeneracy condition stops each rule", "[rules]") {
  const RuleBook& book = rulebook();
  for (const auto& c : kCases) {
    if (c.stopped.empty()) continue;
    const auto found = book.index_of(c.rule);
    if (!found) continue;
    const engine::RuleId index = *found;
    const Rule& rule = book.at(index);
    INFO("rule " << c.rule << " on: " << c.stopped << "\n  " << c.note);
    const Problem problem = parse_ok(c.stopped);
    auto diagram = build_where(problem, [&](const Diagram& d) {
      const BindingCheck b = check_binding(rule, problem, d);
      return b.premises && !b.conditions;
    });
    INFO("the premises hold and a condition fails on some seed");
    REQUIRE(diagram);
    // The figure is what the row says: only the condition, or the condition
    // and a false conclusion, stand between the premises and the rule.
    const BindingCheck b = check_binding(rule, problem, *diagram);
    CHECK(b.conclusions == (c.stop == Stop::ConditionOnly));
    Engine eng(problem, *diagram, catalogue(), book);
    eng.run();
    for (const auto& a : rule.premises) {
      INFO("premise " << predicate_info(a.pred).name << " is provable");
      CHECK(eng.knows(statement(rule, a, problem)));
    }
    // A conclusion false in the figure is not known either (no other way
    // around the condition).
    for (const auto& a : rule.conclusions) {
      const auto args = bind(rule, a, problem);
      if (holds_on(*diagram, a.pred, *args, a.number)) continue;
      INFO("conclusion " << predicate_info(a.pred).name << " is false in the figure and must stay unknown");
      CHECK_FALSE(eng.knows(statement(rule, a, problem)));
    }
    if (c.stop == Stop::ConditionOnly) {
      // Without the condition the rule would add a conclusion nothing else proves.
      bool unknown = false;
      for (const auto& a : rule.conclusions) unknown = unknown || !eng.knows(statement(rule, a, problem));
      INFO("a conclusion is still unproved, so only the condition stops the rule");
      CHECK(unknown);
    }
    INFO("facts justified by " << c.rule << ":\n" << rule_facts(eng, index));
    CHECK(rule_facts(eng, index).empty());
  }
}

}  // namespace pappus
