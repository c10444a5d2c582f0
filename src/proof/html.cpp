#include "proof/html.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "proof/svg.hpp"
#include "util/json.hpp"

namespace pappus::proof {

namespace {

const char* kind_name(Step::Kind k) {
  switch (k) {
    case Step::Kind::Premise: return "premise";
    case Step::Kind::Rule: return "rule";
    case Step::Kind::Algebra: return "algebra";
    case Step::Kind::SameObject: return "same-object";
    case Step::Kind::Definition: return "definition";
    case Step::Kind::Part: return "part";
  }
  return "premise";
}

bool is_goal(const Proof& proof, int number) {
  for (int g : proof.goals)
    if (g == number) return true;
  return false;
}

// What the script needs per step: the points and objects to highlight, the
// steps to mark. Compact JSON that is safe inside <script>: '<', '>' and '&'
// (which JSON text holds only inside strings) are written as \u escapes, so
// no "</script>" can appear.
std::string step_data(const Problem& problem, const Proof& proof, const Figure& figure) {
  util::Json steps = util::Json::array();
  for (std::size_t i = 0; i < proof.steps.size(); ++i) {
    const Step& s = proof.steps[i];
    std::vector<std::string> names;
    for (PointId p : s.args) {
      const std::string& n = problem.point_name(p);
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    const auto& objects = i < figure.step_objects.size() ? figure.step_objects[i] : std::vector<std::string>{};
    steps.push_back({{"n", s.number}, {"kind", kind_name(s.kind)}, {"points", names}, {"objects", objects},
                     {"uses", s.uses}, {"goal", is_goal(proof, s.number)}, {"aux", s.auxiliary}});
  }
  const std::string json = util::dump_json({{"title", problem.name}, {"steps", std::move(steps)}});
  std::string out;
  for (char c : json) {
    if (c == '<' || c == '>' || c == '&') out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    else out += c;
  }
  return out;
}

constexpr const char* kStyle = R"css(
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--accent:#dc2626;--sel:#eef2ff;--sel-edge:#4f46e5;--use:#fff7ed;--use-edge:#ea580c}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f9fafb;line-height:1.45}
header{padding:18px 28px 14px;background:#fff;border-bottom:1px solid var(--line)}
h1{margin:0 0 4px;font-size:1.4rem}
h2{margin:0 0 10px;font-size:1.05rem}
.sub{margin:0 0 10px;color:var(--muted);font-size:.9rem}
pre.problem{margin:0;padding:8px 12px;background:#f3f4f6;border-radius:6px;white-space:pre-wrap;word-break:break-word;font-size:.85rem}
main{display:flex;flex-wrap:wrap;gap:24px;padding:20px 28px;align-items:flex-start}
#figure-pane{flex:1 1 440px;min-width:280px;position:sticky;top:12px}
#steps-pane{flex:1 1 380px;min-width:280px}
#figure svg{display:block;width:100%;height:auto;max-height:72vh;background:#fff;border:1px solid var(--line);border-radius:8px}
#figure.active svg .objects>*:not(.hl){opacity:.45}
#figure svg .line.hl,#figure svg .circle.hl{stroke:var(--accent);stroke-width:3;opacity:1}
#figure svg .point.hl .dot{fill:var(--accent);r:5px}
#figure svg .point.hl .label{fill:var(--accent);font-weight:700}
#caption{min-height:2.9em;margin:10px 2px 6px;font-size:.95rem}
.nav{display:flex;gap:8px;align-items:center}
button{font:inherit;padding:5px 14px;border:1px solid #d1d5db;border-radius:6px;background:#fff;cursor:pointer}
button:hover:not(:disabled){background:#f3f4f6}
button:disabled{opacity:.4;cursor:default}
.hint,.legend{color:var(--muted);font-size:.82rem}
.legend{margin:8px 2px 0}
.legend .aux{color:#d97706;font-weight:600}
ol#steps{list-style:none;margin:0;padding:0;background:#fff;border:1px solid var(--line);border-radius:8px}
li.step{display:flex;gap:10px;padding:7px 12px;border-left:4px solid transparent;border-bottom:1px solid #f3f4f6;cursor:pointer}
li.step:last-child{border-bottom:0}
li.step:hover{background:#f9fafb}
li.step .num{flex:0 0 2.2em;text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
li.step .text{flex:1;white-space:pre-wrap;word-break:break-word}
li.step .tag{align-self:flex-start;font-size:.72rem;padding:1px 7px;border-radius:9px;background:#ecfdf5;color:#047857}
li.step .tag.aux{background:#fffbeb;color:#b45309}
li.step.used{background:var(--use);border-left-color:var(--use-edge)}
li.step.selected{background:var(--sel);border-left-color:var(--sel-edge)}
li.step.goal .text{font-weight:600}
@media (max-width:860px){#figure-pane{position:static}main{padding:14px}}
)css";

constexpr const char* kScript = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('proof-data').textContent);
  var steps = data.steps;
  var items = Array.prototype.slice.call(document.querySelectorAll('#steps li.step'));
  var figure = document.getElementById('figure');
  var svg = figure.querySelector('svg');
  var caption = document.getElementById('caption');
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  var current = 0;

  function clear() {
    items.forEach(function (li) {
      li.classList.remove('selected', 'used');
      li.removeAttribute('aria-current');
    });
    svg.querySelectorAll('.hl').forEach(function (el) { el.classList.remove('hl'); });
  }

  function select(n, scroll) {
    if (!steps.length) return;
    n = Math.max(1, Math.min(steps.length, n));
    current = n;
    clear();
    var step = steps[n - 1];
    var li = items[n - 1];
    li.classList.add('selected');
    li.setAttribute('aria-current', 'step');
    step.uses.forEach(function (u) { if (items[u - 1]) items[u - 1].classList.add('used'); });
    svg.querySelectorAll('.point').forEach(function (g) {
      if (step.points.indexOf(g.getAttribute('data-points')) >= 0) g.classList.add('hl');
    });
    step.objects.forEach(function (id) {
      var el = svg.getElementById ? svg.getElementById(id) : document.getElementById(id);
      if (el) el.classList.add('hl');
    });
    figure.classList.add('active');
    caption.textContent = 'Step ' + n + ': ' + li.querySelector('.text').textContent;
    prev.disabled = n <= 1;
    next.disabled = n >= steps.length;
    document.body.setAttribute('data-selected', String(n));
    if (scroll) li.scrollIntoView({block: 'nearest'});
    if (location.hash !== '#step=' + n) history.replaceState(null, '', '#step=' + n);
  }

  function fromHash() {
    var m = /step=(\d+)/.exec(location.hash);
    return m ? parseInt(m[1], 10) : 0;
  }

  items.forEach(function (li, i) {
    li.addEventListener('click', function () { select(i + 1, false); });
  });
  prev.addEventListener('click', function () { select(current - 1, true); });
  next.addEventListener('click', function () { select(current + 1, true); });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowDown' || e.key === 'j') select(current + 1, true);
    else if (e.key === 'ArrowUp' || e.key === 'k') select(current - 1, true);
    else return;
    e.preventDefault();
  });
  window.addEventListener('hashchange', function () {
    var n = fromHash();
    if (n && n !== current) select(n, true);
  });
  select(fromHash() || 1, fromHash() > 0);  // scroll to the step only when the address names one
  document.body.setAttribute('data-ready', '1');
})();
)js";

}  // namespace

std::string render_html(const Problem& problem, const Diagram& diagram, const Proof& proof,
                        const std::vector<std::string>& step_texts) {
  SvgOptions svg_options;
  svg_options.xmlns = false;  // inline SVG in HTML needs no namespace
  svg_options.capital_labels = true;  // as the steps' text names points
  const Figure figure = layout_figure(problem, diagram, &proof, svg_options);
  const std::string name = problem.name.empty() ? "Proof" : problem.name;

  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + xml_escape(name) + " - pappus proof</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + xml_escape(name) + "</h1>\n";
  out += fmt::format("<p class=\"sub\">Proof by pappus: {} step{}", proof.steps.size(), proof.steps.size() == 1 ? "" : "s");
  if (!proof.auxiliary_clauses.empty())
    out += fmt::format(", {} auxiliary construction{}", proof.auxiliary_clauses.size(),
                       proof.auxiliary_clauses.size() == 1 ? "" : "s");
  out += ".</p>\n<pre class=\"problem\"><code>" + xml_escape(to_text(problem)) + "</code></pre>\n</header>\n<main>\n";

  out += "<section id=\"figure-pane\" aria-label=\"Figure\">\n<div id=\"figure\">\n" + render_svg(figure, svg_options) +
         "</div>\n<p id=\"caption\" aria-live=\"polite\"></p>\n";
  out += "<div class=\"nav\"><button id=\"prev\" type=\"button\">&larr; Prev</button>"
         "<button id=\"next\" type=\"button\">Next &rarr;</button>"
         "<span class=\"hint\">or &uarr;/&darr;, j/k</span></div>\n";
  out += "<p class=\"legend\">Red: what the selected step is about.";
  if (!proof.auxiliary_points.empty()) out += " <span class=\"aux\">Dashed orange</span>: auxiliary construction.";
  out += "</p>\n</section>\n";

  out += "<section id=\"steps-pane\" aria-label=\"Proof steps\">\n<h2>Proof</h2>\n<ol id=\"steps\">\n";
  for (std::size_t i = 0; i < proof.steps.size(); ++i) {
    const Step& s = proof.steps[i];
    const bool goal = is_goal(proof, s.number);
    const std::string text = i < step_texts.size() ? step_texts[i] : statement_text(problem, s);
    out += fmt::format("<li class=\"step{}{}\" id=\"step-{}\" data-step=\"{}\"><span class=\"num\">{}</span>"
                       "<span class=\"text\">{}</span>{}</li>\n",
                       goal ? " goal" : "", s.auxiliary ? " aux" : "", s.number, s.number, s.number,
                       xml_escape(text),
                       goal ? "<span class=\"tag\">goal</span>"
                            : (s.auxiliary ? "<span class=\"tag aux\">auxiliary</span>" : ""));
  }
  out += "</ol>\n</section>\n</main>\n";
  out += "<script type=\"application/json\" id=\"proof-data\">" + step_data(problem, proof, figure) + "</script>\n";
  out += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace pappus::proof
