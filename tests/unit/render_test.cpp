// The SVG figure and the HTML report: well-formed, complete, deterministic,
// self-contained.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "proof/html.hpp"
#include "proof/proof.hpp"
#include "proof/svg.hpp"

using namespace pappus;

namespace {

const dsl::Catalogue& catalogue() {
  static const dsl::Catalogue c = [] {
    auto loaded = dsl::load_default_catalogue();
    if (!loaded) FAIL(loaded.error().to_string());
    return std::move(*loaded);
  }();
  return c;
}

struct Solved {
  Problem problem;
  Diagram diagram;
  proof::Proof proof;
};

constexpr const char* kOrthocenter =
    "a b c = triangle a b c; d = foot d a b c; e = foot e b c a; h = on_line h a d, on_line h b e ? perp c h a b";

Solved solve(const std::string& text, const std::string& name) {
  auto problem = parse_problem(text, catalogue(), {}, name);
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, catalogue());
  REQUIRE(diagram.ok());
  static const engine::RuleBook rules = [] {
    auto r = engine::load_default_rules();
    if (!r) FAIL(r.error().to_string());
    return std::move(*r);
  }();
  engine::Engine eng(*problem, *diagram, catalogue(), rules);
  REQUIRE(eng.run() == engine::StopReason::Proved);
  proof::Proof pr = proof::extract(eng);
  return {std::move(*problem), std::move(*diagram), std::move(pr)};
}

PointId point(const Problem& p, const std::string& name) {
  for (std::uint32_t i = 0; i < p.point_count(); ++i)
    if (p.point_names[i] == name) return PointId(i);
  FAIL("no point " << name);
  return PointId();
}

// Every tag closed in order (self-closing tags aside).
bool balanced(const std::string& xml) {
  std::vector<std::string> open;
  for (std::size_t i = xml.find('<'); i != std::string::npos; i = xml.find('<', i + 1)) {
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return false;
    const std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.empty() || tag.back() == '/') continue;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
    } else {
      open.push_back(tag.substr(0, tag.find_first_of(" \n")));
    }
  }
  return open.empty();
}

std::vector<double> numbers_after(const std::string& s, const std::string& attr) {
  std::vector<double> out;
  const std::regex re(" " + attr + "=\"(-?[0-9.]+)\"");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1].str()));
  return out;
}

// A small JSON recogniser: true when `s` from `i` is one value (and only
// that, at the top level).
struct Json {
  const std::string& s;
  std::size_t i = 0;
  void ws() {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  bool lit(const char* w) {
    const std::string word(w);
    if (s.compare(i, word.size(), word) != 0) return false;
    i += word.size();
    return true;
  }
  bool string() {
    if (s[i] != '"') return false;
    for (++i; i < s.size(); ++i) {
      if (s[i] == '\\') ++i;
      else if (s[i] == '"') return ++i, true;
      else if (static_cast<unsigned char>(s[i]) < 0x20) return false;
    }
    return false;
  }
  bool value() {
    ws();
    if (i >= s.size()) return false;
    if (s[i] == '{' || s[i] == '[') {
      const char close = s[i] == '{' ? '}' : ']';
      const bool object = s[i] == '{';
      ++i;
      ws();
      if (i < s.size() && s[i] == close) return ++i, true;
      for (;;) {
        if (object) {
          ws();
          if (!string()) return false;
          ws();
          if (i >= s.size() || s[i++] != ':') return false;
        }
        if (!value()) return false;
        ws();
        if (i >= s.size()) return false;
        if (s[i] == close) return ++i, true;
        if (s[i++] != ',') return false;
      }
    }
    if (s[i] == '"') return string();
    if (lit("true") || lit("false") || lit("null")) return true;
    const std::size_t start = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '.')) ++i;
    return i > start;
  }
  bool whole() { return value() && (ws(), i == s.size()); }
};

std::string json_blob(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"proof-data\">";
  const std::size_t b = html.find(open);
  REQUIRE(b != std::string::npos);
  const std::size_t e = html.find("</script>", b);
  REQUIRE(e != std::string::npos);
  return html.substr(b + open.size(), e - b - open.size());
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the SVG figure of a proof shows every point inside its view box", "[render]") {
  const Solved s = solve(kOrthocenter, "orthocenter_concurrent");
  const std::string svg = proof::render_svg(s.problem, s.diagram, &s.proof);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(balanced(svg));
  for (const std::string& name : s.problem.point_names) {
    CHECK(svg.find(">" + name + "</text>") != std::string::npos);
    CHECK(svg.find("id=\"point-" + name + "\"") != std::string::npos);
  }
  // The goal's lines: c h, and a b (which also holds d, the foot).
  CHECK(svg.find("class=\"line\" data-points=\"c h\"") != std::string::npos);
  CHECK(svg.find("data-points=\"a b\"") != std::string::npos);

  const std::regex view_box("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, view_box));
  const double w = std::stod(m[1].str()), h = std::stod(m[2].str());
  const std::regex dot("class=\"dot\" cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\"");
  std::size_t dots = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), dot); it != std::sregex_iterator(); ++it, ++dots) {
    const double x = std::stod((*it)[1].str()), y = std::stod((*it)[2].str());
    CHECK((x >= 0 && x <= w && y >= 0 && y <= h));
  }
  CHECK(dots == s.problem.point_count());
  for (double x : numbers_after(svg, "x")) CHECK((x >= 0 && x <= w));  // labels
  for (double y : numbers_after(svg, "y")) CHECK((y >= 0 && y <= h));

  CHECK(proof::render_svg(s.problem, s.diagram, &s.proof) == svg);  // deterministic
}

TEST_CASE("the figure names each step's objects and flips the y axis", "[render]") {
  const Solved s = solve(kOrthocenter, "orthocenter_concurrent");
  const proof::Figure fig = proof::layout_figure(s.problem, s.diagram, &s.proof);
  REQUIRE(fig.step_objects.size() == s.proof.steps.size());
  for (std::size_t i = 0; i < s.proof.steps.size(); ++i) {
    const Pred p = s.proof.steps[i].pred;
    if (p == Pred::Perp || p == Pred::Coll || p == Pred::Para) CHECK(!fig.step_objects[i].empty());
    for (const std::string& id : fig.step_objects[i]) {
      bool found = false;
      for (const auto& o : fig.objects) found = found || o.id == id;
      CHECK(found);
    }
  }
  // The highest point of the diagram is drawn nearest the top.
  std::size_t top = 0;
  for (std::size_t i = 1; i < fig.points.size(); ++i)
    if (fig.points[i].at.y() > fig.points[top].at.y()) top = i;
  const std::string svg = proof::render_svg(fig);
  std::vector<double> dot_ys;
  const std::regex dot("class=\"dot\" cx=\"[-0-9.]+\" cy=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), dot); it != std::sregex_iterator(); ++it)
    dot_ys.push_back(std::stod((*it)[1].str()));
  REQUIRE(dot_ys.size() == fig.points.size());
  for (double y : dot_ys) CHECK(dot_ys[top] <= y);
}

TEST_CASE("without a proof the figure draws the constructions' facts", "[render]") {
  auto problem = parse_problem("a b = segment a b; o = midpoint o a b; c = on_circle c o a ? perp c a c b", catalogue(),
                               {}, "thales<&>");
  REQUIRE(problem.ok());
  auto diagram = build_diagram(*problem, catalogue());
  REQUIRE(diagram.ok());
  proof::SvgOptions with;
  with.catalogue = &catalogue();
  const std::string svg = proof::render_svg(*problem, *diagram, nullptr, with);
  CHECK(balanced(svg));
  CHECK(svg.find("data-points=\"a b o\"") != std::string::npos);  // midpoint: one line
  CHECK(svg.find("data-points=\"a c\"") != std::string::npos);    // the goal's lines
  CHECK(svg.find("<title>thales&lt;&amp;&gt;</title>") != std::string::npos);
  CHECK(svg.find("thales<") == std::string::npos);
  const std::string bare = proof::render_svg(*problem, *diagram, nullptr);  // pairs of each construction
  CHECK(balanced(bare));
  CHECK(bare.find("<line") != std::string::npos);
}

TEST_CASE("auxiliary points and their objects are drawn in their own style", "[render]") {
  auto problem = parse_problem("a b c = triangle a b c; m = midpoint m a b | n = midpoint n a c ? cong a m m b",
                               catalogue(), {}, "midline");
  REQUIRE(problem.ok());
  DiagramOptions options;
  options.include_auxiliary = true;
  auto diagram = build_diagram(*problem, catalogue(), options);
  REQUIRE(diagram.ok());
  const Problem& p = *problem;
  const PointId a = point(p, "a"), b = point(p, "b"), c = point(p, "c"), m = point(p, "m"), n = point(p, "n");
  proof::Proof pr;  // by hand: only its shape matters here
  auto step = [&](Pred pred, std::vector<PointId> args, proof::Step::Kind kind, int clause, bool aux,
                  std::vector<int> uses) {
    proof::Step s;
    s.number = static_cast<int>(pr.steps.size()) + 1;
    s.pred = pred;
    s.args = std::move(args);
    s.kind = kind;
    s.clause = clause;
    s.auxiliary = aux;
    s.uses = std::move(uses);
    pr.steps.push_back(std::move(s));
  };
  step(Pred::Midp, {m, a, b}, proof::Step::Kind::Premise, 1, false, {});
  step(Pred::Midp, {n, a, c}, proof::Step::Kind::Premise, 2, true, {});
  step(Pred::Para, {m, n, b, c}, proof::Step::Kind::Rule, -1, false, {1, 2});
  pr.goals = {3};
  pr.premise_clauses = {1};
  pr.auxiliary_clauses = {2};
  pr.auxiliary_points = {n};

  const std::string svg = proof::render_svg(p, *diagram, &pr);
  CHECK(balanced(svg));
  CHECK(svg.find("class=\"line aux\" data-points=\"a c n\"") != std::string::npos);
  CHECK(svg.find("class=\"line\" data-points=\"a b m\"") != std::string::npos);
  CHECK(svg.find("class=\"line\" data-points=\"b c\"") != std::string::npos);  // named with n, but not auxiliary
  CHECK(svg.find("class=\"line aux\" data-points=\"m n\"") != std::string::npos);
  CHECK(svg.find("id=\"point-n\" class=\"point aux\"") != std::string::npos);
  CHECK(svg.find("stroke-dasharray") != std::string::npos);

  const std::vector<std::string> texts = {"m is the midpoint of ab", "n is the midpoint of ac <aux>",
                                          "mn || bc & done"};
  const std::string html = proof::render_html(p, *diagram, pr, texts);
  CHECK(html.find("n is the midpoint of ac &lt;aux&gt;") != std::string::npos);
  CHECK(html.find("mn || bc &amp; done") != std::string::npos);
  CHECK(html.find("1 auxiliary construction") != std::string::npos);
  const std::string blob = json_blob(html);
  CHECK(Json{blob}.whole());
  CHECK(blob.find("\"aux\":true") != std::string::npos);
  CHECK(blob.find("\"uses\":[1,2]") != std::string::npos);
}

TEST_CASE("the HTML report holds the steps, its data, and nothing external", "[render]") {
  const Solved s = solve(kOrthocenter, "orthocenter_concurrent");
  std::vector<std::string> texts;
  for (const auto& step : s.proof.steps) texts.push_back("statement: " + proof::statement_text(s.problem, step));
  texts.push_back("</script><script>alert(1)</script>");  // one too many: ignored
  const std::string html = proof::render_html(s.problem, s.diagram, s.proof, texts);

  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<title>orthocenter_concurrent - pappus proof</title>") != std::string::npos);
  CHECK(html.find("<svg class=\"pappus-figure\"") != std::string::npos);
  CHECK(html.find(">H</text>") != std::string::npos);  // labels as the steps' text writes points
  CHECK(html.find("a b c = triangle a b c;") != std::string::npos);
  for (std::size_t i = 0; i + 1 < texts.size(); ++i) {
    CHECK(html.find("data-step=\"" + std::to_string(i + 1) + "\"") != std::string::npos);
    CHECK(html.find(">" + texts[i] + "</span>") != std::string::npos);
  }
  CHECK(html.find("alert(1)") == std::string::npos);
  CHECK(html.find("id=\"prev\"") != std::string::npos);
  CHECK(html.find("id=\"next\"") != std::string::npos);

  const std::string blob = json_blob(html);
  CHECK(Json{blob}.whole());
  CHECK(blob.rfind("{\"title\":\"orthocenter_concurrent\",\"steps\":[", 0) == 0);
  CHECK(count(blob, "\"n\":") == s.proof.steps.size());
  CHECK(count(blob, "\"objects\":") == s.proof.steps.size());
  CHECK(blob.find("\"goal\":true") != std::string::npos);

  for (const char* external : {"http://", "https://", "//cdn", "<link", " src=", "url(", "@import"})
    CHECK(html.find(external) == std::string::npos);
  CHECK(count(html, "<script") == 2);
  CHECK(count(html, "</script>") == 2);
  CHECK(proof::render_html(s.problem, s.diagram, s.proof, texts) == html);
}
