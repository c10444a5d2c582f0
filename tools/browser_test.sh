#!/usr/bin/env bash
# Opens an HTML proof report in headless Chromium: checks that its script ran,
# that #step=N in the address selects step N for every step, that the arrow
# keys, j/k, Prev/Next and clicks move the selection (with python3), and takes
# a screenshot of the page with the goal step selected.
#
#   tools/browser_test.sh [REPORT.html]
#
# Without an argument the report is made by the CLI (build/pappus, or $PAPPUS)
# for the bundled orthocenter example. The screenshot goes to $SHOT_DIR
# (default build/browser_test/). Prints "skipped: ..." and exits 0 when
# Chromium ($CHROMIUM, default /usr/bin/chromium) is not installed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chromium ]]; then
  echo "skipped: chromium not installed ($chromium)"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=${SHOT_DIR:-$root/build/browser_test}
mkdir -p "$shots"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

report=${1:-}
if [[ -z $report ]]; then
  pappus=${PAPPUS:-$root/build/pappus}
  [[ -x $pappus ]] || fail "no CLI at $pappus (build it first, or pass a report)"
  "$pappus" solve "$root/tools/examples/examples.txt" --problem orthocenter_concurrent \
    --format html --out "$tmp/report.html" > "$tmp/solve.log" 2>&1 || { cat "$tmp/solve.log" >&2; fail "pappus solve"; }
  report=$tmp/report.html
fi
[[ -s $report ]] || fail "no report at $report"
url="file://$(realpath "$report")"

# A fresh profile each time; nothing reaches the network.
chrome() {
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --disable-default-apps --hide-scrollbars --user-data-dir="$(mktemp -d -p "$tmp")" \
    --virtual-time-budget=3000 "$@" 2>> "$tmp/chromium.log"
}

# Loaded without a hash: the script ran and selected step 1.
chrome --dump-dom "$url" > "$tmp/dom0.html" || { tail -20 "$tmp/chromium.log" >&2; fail "chromium --dump-dom"; }
grep -q 'data-ready="1"' "$tmp/dom0.html" || fail "the page's script did not run (no data-ready on <body>)"
grep -q 'data-selected="1"' "$tmp/dom0.html" || fail "step 1 is not selected on load"
steps=$(grep -o '<li class="step[^"]*" id="step-[0-9]*"' "$tmp/dom0.html" | wc -l)
(( steps > 0 )) || fail "the report has no steps"

# Each step through the address: selected, marked, and something highlighted.
for (( n = 1; n <= steps && n <= 20; ++n )); do
  chrome --dump-dom "$url#step=$n" > "$tmp/dom.html" || fail "chromium --dump-dom (step $n)"
  grep -q "data-selected=\"$n\"" "$tmp/dom.html" || fail "#step=$n does not select step $n"
  grep -Eq "<li class=\"step[^\"]*\\bselected\\b[^\"]*\" id=\"step-$n\" [^>]*aria-current=\"step\"" "$tmp/dom.html" ||
    fail "step $n is not marked selected"
  grep -Eq 'class="(point|line|circle)[^"]*\bhl\b' "$tmp/dom.html" || fail "step $n highlights nothing in the figure"
done
# Past the end: the last step.
chrome --dump-dom "$url#step=9999" > "$tmp/dom.html" || fail "chromium --dump-dom (step 9999)"
grep -q "data-selected=\"$steps\"" "$tmp/dom.html" || fail "#step=9999 does not select the last step ($steps)"

# Keys and clicks, as a reader uses them, through the DevTools protocol on a
# pipe (Python's standard library only). Needs at least 3 steps.
if ! command -v python3 > /dev/null; then
  echo "note: python3 not found; keyboard and click checks skipped"
elif (( steps >= 3 )); then
  timeout 90 python3 - "$chromium" "$url" "$(mktemp -d -p "$tmp")" "$root/tools" <<'PY' || fail "keyboard and click checks"
import sys, time

chromium, url, profile, tools = sys.argv[1:5]
sys.path.insert(0, tools)
from cdp import Browser

browser = Browser(chromium, profile)
browser.page("Page.navigate", {"url": url})
js = browser.js

def selected():
    return int(js("document.body.getAttribute('data-selected') || 0"))

def key(name):
    code, vk = {"ArrowDown": ("ArrowDown", 40), "ArrowUp": ("ArrowUp", 38), "j": ("KeyJ", 74), "k": ("KeyK", 75)}[name]
    for kind in ("keyDown", "keyUp"):
        browser.page("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": code, "windowsVirtualKeyCode": vk})

def click(selector):
    x, y = js(f"(function(r){{return [r.left + r.width / 2, r.top + r.height / 2]}})"
              f"((function(e){{e.scrollIntoView({{block:'center'}}); return e.getBoundingClientRect()}})"
              f"(document.querySelector('{selector}')))")
    for kind in ("mousePressed", "mouseReleased"):
        browser.page("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

for _ in range(200):
    if js("document.body && document.body.getAttribute('data-ready')") == "1":
        break
    time.sleep(0.05)
else:
    sys.exit("the page's script did not run")
checks = [("load", None, 1), ("ArrowDown", lambda: key("ArrowDown"), 2), ("j", lambda: key("j"), 3),
          ("k", lambda: key("k"), 2), ("ArrowUp", lambda: key("ArrowUp"), 1), ("ArrowUp at 1", lambda: key("ArrowUp"), 1),
          ("Next", lambda: click("#next"), 2), ("Prev", lambda: click("#prev"), 1),
          ("click step 3", lambda: click("#step-3"), 3)]
for what, action, want in checks:
    if action:
        action()
    got = selected()
    if got != want:
        sys.exit(f"{what}: step {got} selected, expected {want}")
if js("document.querySelectorAll('#steps li.selected').length") != 1:
    sys.exit("not exactly one step marked selected")
uses = js("JSON.parse(document.getElementById('proof-data').textContent).steps[2].uses")
marked = js("Array.from(document.querySelectorAll('#steps li.used')).map(li => +li.dataset.step)")
if sorted(uses) != sorted(marked):
    sys.exit(f"step 3 uses {uses} but {marked} are marked")
if js("location.hash") != "#step=3":
    sys.exit("the address does not follow the selection")
browser.close()
if browser.errors:
    sys.exit("console errors: " + "; ".join(browser.errors))
PY
fi

# A screenshot with the last step (the goal) selected.
shot=$shots/report.png
rm -f "$shot"
chrome --screenshot="$shot" --window-size=1200,800 "$url#step=$steps" > /dev/null || fail "chromium --screenshot"
[[ -f $shot ]] || fail "no screenshot written"
[[ $(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "the screenshot is not a PNG"
size=$(stat -c %s "$shot")
(( size > 20000 )) || fail "the screenshot is nearly empty ($size bytes)"
echo "ok: $steps steps selected by address, keys and clicks; screenshot $shot ($size bytes)"
