#!/usr/bin/env python3
"""The page of `pappus serve` in headless Chromium, driven as a reader uses
it through the DevTools protocol (on a pipe; Python's standard library only):
a problem with a mistake (the error shown at its line and column), then a
good one (its figure drawn), solved, the proof stepped through with Next
(each step highlighted on the figure), the downloads (text, JSON, SVG), a
hint, a correct and a wrong step checked (then the hint says the goal is
reached), and a "find x" answer. Fails on any
console error or uncaught exception of the page. Writes a screenshot (PNG).
Prints "skipped: ..." and exits 0 when Chromium ($CHROMIUM, default
/usr/bin/chromium) is not installed.

usage: serve_browser_test.py PAPPUS SHOT_DIR"""
import base64
import json
import os
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [here, os.path.join(here, "..", "tools")]
from cdp import Browser  # noqa: E402
from serve_common import EQUILATERAL_ANGLE, ORTHOCENTER, Server  # noqa: E402

pappus, shot_dir = sys.argv[1], sys.argv[2]
chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
if not os.access(chromium, os.X_OK):
    print(f"skipped: chromium not installed ({chromium})")
    sys.exit(0)
os.makedirs(shot_dir, exist_ok=True)
shot = os.path.join(shot_dir, "serve.png")
if os.path.exists(shot):
    os.remove(shot)

server = Server(pappus, log=os.path.join(shot_dir, "serve_browser_test.log"))
url = f"http://127.0.0.1:{server.port}/"
browser = Browser(chromium, tempfile.mkdtemp(), window="1300,1000")
browser.page("Page.navigate", {"url": url})


def fail(message):
    print("FAIL:", message)
    if browser.errors:
        print("console errors:", "; ".join(browser.errors))
    browser.kill()
    server.kill()
    sys.exit(1)


def js(expr):
    result = browser.page("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
    if "exceptionDetails" in result:
        fail(f"evaluating {expr[:80]}: {result['exceptionDetails'].get('text')}")
    return result["result"].get("value")


def wait(expr, what, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = js(f"(function () {{ try {{ return {expr}; }} catch (e) {{ return false; }} }})()")
        if value:
            return value
        time.sleep(0.05)
    fail(f"timed out waiting for {what} ({expr})")


def attr(name):
    return f"document.body.getAttribute('{name}')"


def text_of(element_id):
    return js(f"document.getElementById('{element_id}').textContent")


def click(selector, frame=False):
    """A real mouse click at the middle of the element (in the report's frame when `frame`)."""
    doc = "document.getElementById('report').contentDocument" if frame else "document"
    x, y = js(f"""(function () {{
      var el = {doc}.querySelector({json.dumps(selector)});
      if (!el) return null;
      var f = {'document.getElementById("report")' if frame else 'null'};
      if (f) f.scrollIntoView({{block: 'start'}}); else el.scrollIntoView({{block: 'center'}});
      var r = el.getBoundingClientRect(), o = f ? f.getBoundingClientRect() : {{left: 0, top: 0}};
      return [o.left + r.left + r.width / 2, o.top + r.top + r.height / 2];
    }})()""") or fail(f"no element {selector}")
    for kind in ("mousePressed", "mouseReleased"):
        browser.page("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})


def type_into(selector, text):
    """Clears the field, then types `text` into it as keyboard input."""
    js(f"(function (el) {{ el.value = ''; el.focus(); }})(document.querySelector({json.dumps(selector)}))")
    browser.page("Input.insertText", {"text": text})


wait(f"{attr('data-ready')} === '1' && document.getElementById('examples').options.length > 7",
     "the page's script and the examples list")

# A problem with a mistake: the parser's error at its line and column.
browser.allowed.append("/api/parse")
type_into("#problem", "a b c = triangle a b c; m = midpint m a b ? para m c a b")
wait(f"{attr('data-parsed')} === 'error'", "the parse error")
status = text_of("parse-status")
if "line 1, column 29" not in status or "midpint" not in status or "^" not in status:
    fail(f"the parse error is not shown at its line and column: {status!r}")
browser.allowed.remove("/api/parse")

# A good problem: parsed, its figure drawn.
type_into("#problem", ORTHOCENTER)
wait(f"{attr('data-parsed')} === 'ok'", "the parsed problem and its figure")
wait("(function (i) { return i && i.complete && i.naturalWidth > 0; })(document.querySelector('#figure img'))",
     "the figure image")
if "6 points" not in text_of("parse-status"):
    fail("the parse status does not count the points")

# Solve; the proof in the report's frame.
click("#solve")
wait(f"{attr('data-solved')} !== 'pending'", "the solve")
if js(attr("data-solved")) != "proved":
    fail(f"not proved: {js(attr('data-solved'))}: {text_of('solve-status')!r}")
wait(f"{attr('data-report')} === 'ready'", "the report in its frame")
frame = "document.getElementById('report').contentDocument"
wait(f"{frame}.body.getAttribute('data-ready') === '1'", "the report's script")
steps = js(f"{frame}.querySelectorAll('#steps li.step').length")
if steps < 5:
    fail(f"the report has {steps} steps")

# Step through the proof with Next: each step selected and highlighted.
for n in range(1, min(steps, 8) + 1):
    if n > 1:
        click("#next", frame=True)
    selected = js(f"{frame}.body.getAttribute('data-selected')")
    if selected != str(n):
        fail(f"after {n - 1} clicks on Next step {selected} is selected, expected {n}")
    lit = js(f"{frame}.querySelectorAll('#figure svg .hl').length")
    if not lit:
        fail(f"step {n} highlights nothing in the figure")
    caption = js(f"{frame}.getElementById('caption').textContent")
    if not caption.startswith(f"Step {n}:"):
        fail(f"the caption of step {n} is {caption!r}")

# The downloads.
downloads = js("""Promise.all(['text', 'json', 'svg'].map(function (k) {
  var a = document.getElementById('download-' + k);
  return fetch(a.href).then(function (r) { return r.text(); }).then(function (t) { return [a.download, t]; });
}))""")
(text_name, text), (json_name, doc), (svg_name, svg) = downloads
if text_name != "proof.txt" or not text.startswith("Proof:") or "⊥" not in text:
    fail(f"the text download: {text_name} {text[:100]!r}")
if json_name != "proof.json" or json.loads(doc)["status"] != "proved":
    fail(f"the JSON download: {json_name} {doc[:100]!r}")
if svg_name != "proof.svg" or not svg.startswith("<svg") or 'xmlns="http://www.w3.org/2000/svg"' not in svg:
    fail(f"the SVG download: {svg_name} {svg[:100]!r}")

# A hint, a correct step and a wrong one.
click("#hint")
wait(f"{attr('data-hint')} !== 'pending'", "the hint")
hint = text_of("hint-out")
if js(attr("data-hint")) not in ("step", "auxiliary point") or len(hint) < 10:
    fail(f"the hint: {js(attr('data-hint'))} {hint!r}")
type_into("#claim", "perp c h a b")
click("#check")
wait(f"{attr('data-check')} !== 'pending'", "the check of a correct step")
if js(attr("data-check")) != "correct" or js("document.querySelectorAll('#established li').length") != 1:
    fail(f"a correct step: {js(attr('data-check'))}: {text_of('check-out')!r}")
# The goal is now one of the reader's steps: the next hint says it is done.
click("#hint")
wait(f"{attr('data-hint')} !== 'pending'", "the hint after the goal was checked")
if js(attr("data-hint")) != "done":
    fail(f"the hint after the goal was checked: {js(attr('data-hint'))} {text_of('hint-out')!r}")
type_into("#claim", "para a h b c")
click("#check")
wait(f"{attr('data-check')} !== 'pending'", "the check of a wrong step")
if js(attr("data-check")) != "wrong" or "false in the figure" not in text_of("check-out"):
    fail(f"a wrong step: {js(attr('data-check'))}")

# The screenshot: the proof, a step selected, the tutor's answers.
browser.page("Emulation.setDeviceMetricsOverride", {"width": 1300, "height": 1900, "deviceScaleFactor": 1,
                                                    "mobile": False})
js("window.scrollTo(0, 0)")
time.sleep(0.3)
png = base64.b64decode(browser.page("Page.captureScreenshot", {"format": "png"})["data"])
with open(shot, "wb") as f:
    f.write(png)

# "Find x": the angle of an equilateral triangle, found and proved.
type_into("#problem", EQUILATERAL_ANGLE)
wait(f"{attr('data-parsed')} === 'ok'", "the find-x problem")
click("#solve")
wait(f"{attr('data-solved')} !== 'pending'", "the find-x solve")
answer = text_of("answers")
if js(attr("data-solved")) != "proved" or "acompute a b b c = 120°" not in answer or "proved" not in answer:
    fail(f"the find-x answer: {js(attr('data-solved'))} {answer!r}")

browser.close()
if browser.errors:
    fail("console errors: " + "; ".join(browser.errors))
rc, _, _ = server.stop()
if rc != 0:
    fail(f"the server exited {rc} on Ctrl-C")
if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 20000:
    fail(f"the screenshot is not a PNG with content ({len(png)} bytes)")
print(f"ok: parse error shown, figure drawn, proved, {min(steps, 8)} of {steps} steps stepped through and highlighted, "
      f"downloads, hint, a correct and a wrong step, find x ({answer}); screenshot {shot} ({len(png)} bytes)")
