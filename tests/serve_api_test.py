#!/usr/bin/env python3
"""The JSON API of `pappus serve`, over HTTP on a free port: every route with
good input, then bad input (malformed JSON, unknown fields, wrong types, empty
and hostile problems, parse errors with line and column, bodies over the
limit, unknown routes, wrong methods, the queue full, the time limit), the
server alive after all of it, and Ctrl-C during a solve.

usage: serve_api_test.py PAPPUS [LOG_DIR]"""
import gzip
import http.client
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import EQUILATERAL_ANGLE, MIDLINE, MORLEY, ORTHOCENTER, Server  # noqa: E402

pappus = sys.argv[1]
log_dir = sys.argv[2] if len(sys.argv) > 2 else "."
failures = []
counts = {"good": 0, "bad": 0}


def check(name, ok, detail=""):
    if not ok:
        failures.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}")


def expect(kind, name, server, method, path, body=None, status=200, test=None, **kw):
    """One request: its status must be `status`; `test(data, headers)` must hold."""
    counts[kind] += 1
    try:
        got, headers, data = server.request(method, path, body, **kw)
    except Exception as e:  # a dropped connection is a failure of the server
        check(name, False, f"no answer: {e!r}")
        return None
    if got != status:
        check(name, False, f"status {got}, expected {status}: {str(data)[:300]}")
        return None
    if status >= 400 and method != "HEAD":
        check(name, isinstance(data, dict) and isinstance(data.get("error", {}).get("message"), str),
              f"no JSON error message: {str(data)[:200]}")
    if test:
        try:
            ok = test(data, headers)
        except Exception as e:
            ok, data = False, f"{e!r} in {str(data)[:300]}"
        check(name, ok, str(data)[:400])
    return data


def good(name, *args, **kw):
    return expect("good", name, *args, **kw)


def bad(name, *args, **kw):
    return expect("bad", name, *args, **kw)


def error_at(line, column):
    return lambda d, h: d["error"]["line"] == line and d["error"]["column"] == column


def says(*words):
    return lambda d, h: all(w in d["error"]["message"] for w in words)


server = Server(pappus, "--max-body", "64", "--max-solves", "1", "--queue", "1", "--time-limit", "20",
                log=os.path.join(log_dir, "serve_api_test.log"))
check("binds 127.0.0.1", server.host == "127.0.0.1", server.first_line)

# ---------------------------------------------------------------------------
# Every route, with good input.
info = good("GET /api", server, "GET", "/api",
            test=lambda d, h: "/api/solve" in d["post"] and d["limits"]["max_body"] == 64 * 1024
            and d["limits"]["max_solves"] == 1 and d["limits"]["time_limit"] == 20)
examples = good("GET /api/examples", server, "GET", "/api/examples", test=lambda d, h: len(d["examples"]) >= 7)
for e in (examples or {"examples": []})["examples"]:
    good(f"example {e['name']} parses", server, "POST", "/api/parse", {"problem": e["problem"]},
         test=lambda d, h: len(d["problem"]["goals"]) >= 1)
good("GET /", server, "GET", "/",
     test=lambda d, h: "<title>pappus</title>" in d and h["content-type"].startswith("text/html"))
good("HEAD /", server, "HEAD", "/", test=lambda d, h: d == "")
good("GET /app.js", server, "GET", "/app.js", test=lambda d, h: h["content-type"].startswith("text/javascript"))
good("GET /style.css", server, "GET", "/style.css", test=lambda d, h: h["content-type"].startswith("text/css"))
good("parse", server, "POST", "/api/parse", {"problem": MIDLINE},
     test=lambda d, h: d["problem"]["points"] == ["a", "b", "c", "m", "n"] and d["problem"]["goals"] == ["para m n b c"])
good("figure", server, "POST", "/api/figure", {"problem": MIDLINE, "seed": 3},
     test=lambda d, h: len(d["figure"]["points"]) == 5 and d["figure"]["goal_holds"] == [True]
     and all(isinstance(p["x"], float) for p in d["figure"]["points"]))
good("draw", server, "POST", "/api/draw", {"problem": ORTHOCENTER},
     test=lambda d, h: d["svg"].startswith("<svg") and "point-h" in d["svg"])
good("solve", server, "POST", "/api/solve", {"problem": ORTHOCENTER, "time_limit": 15},
     test=lambda d, h: d["result"]["status"] == "proved" and d["result"]["checker"]["ok"]
     and len(d["result"]["steps"]) > 3 and "⊥" in d["text"] and 'id="proof-data"' in d["html"])
good("solve: deduction only, another seed", server, "POST", "/api/solve", {"problem": MIDLINE, "depth": 0, "seed": 7},
     test=lambda d, h: d["result"]["status"] == "proved")
good("solve: find x", server, "POST", "/api/solve", {"problem": EQUILATERAL_ANGLE},
     test=lambda d, h: d["result"]["answers"][0]["statement"] == "aconst a b b c 2pi/3"
     and d["result"]["answers"][0]["proved"] and "120" in d["result"]["answers"][0]["value"])
good("solve: a goal false in the figure", server, "POST", "/api/solve",
     {"problem": "a b c = triangle a b c; m = midpoint m a b ? perp m c a b"},
     test=lambda d, h: d["result"]["status"] == "goal false" and "html" not in d)
good("check_step: true, derivable", server, "POST", "/api/check_step", {"problem": MIDLINE, "claim": "para m n b c"},
     test=lambda d, h: d["check"]["true_in_figure"] and d["check"]["derivable"] and d["check"]["steps_needed"] == 1
     and "midline" in d["check"]["explanation"])
good("check_step: one theorem", server, "POST", "/api/check_step",
     {"problem": MIDLINE, "claim": "midp m a b, midp n a c => para m n b c"},
     test=lambda d, h: d["check"]["follows_in_one_step"] and d["check"]["theorem"] != "")
good("check_step: wrong", server, "POST", "/api/check_step", {"problem": MIDLINE, "claim": "perp m n b c"},
     test=lambda d, h: not d["check"]["true_in_figure"] and not d["check"]["derivable"])
good("hint", server, "POST", "/api/hint", {"problem": MIDLINE},
     test=lambda d, h: d["hint"]["kind"] == "step" and d["hint"]["statement"] == "para m n b c")
good("hint: done", server, "POST", "/api/hint", {"problem": MIDLINE, "established": ["para m n b c"]},
     test=lambda d, h: d["hint"]["kind"] == "done")
good("explain", server, "POST", "/api/explain", {"problem": ORTHOCENTER, "fact": "perp a h b c"},
     test=lambda d, h: d["result"]["status"] == "proved" and "html" in d)
good("gzip body", server, "POST", "/api/parse", gzip.compress(b'{"problem": "%s"}' % MIDLINE.encode()),
     headers={"Content-Encoding": "gzip"}, test=lambda d, h: len(d["problem"]["points"]) == 5)

# ---------------------------------------------------------------------------
# Bad input: a 4xx with a message, never a crash.
bad("bad JSON", server, "POST", "/api/parse", '{"problem": ', status=400, test=error_at(1, 13))
bad("bad JSON, line 3", server, "POST", "/api/parse", '{\n  "problem": "x",\n  "seed": 1,,\n}', status=400,
    test=error_at(3, 13))
bad("JSON: trailing garbage", server, "POST", "/api/parse", '{"problem": "x"} x', status=400, test=says("not JSON"))
bad("JSON: empty body", server, "POST", "/api/parse", "", status=400, test=says("not JSON"))
bad("JSON: invalid UTF-8", server, "POST", "/api/parse", b'{"problem": "a \xff\xfe b"}', status=400)
bad("JSON: an array", server, "POST", "/api/parse", [MIDLINE], status=400, test=says("JSON object"))
bad("JSON: a string", server, "POST", "/api/parse", '"a b c"', status=400, test=says("JSON object"))
bad("JSON: nested 100000 deep", server, "POST", "/api/parse", "[" * 30000 + "]" * 30000, status=400,
    test=says("deeper"))
bad("JSON: nested in a field", server, "POST", "/api/solve", '{"problem": "x", "seed": ' + "[" * 40 + "]" * 40 + "}",
    status=400, test=says("deeper"))
bad("unknown field", server, "POST", "/api/parse", {"problem": MIDLINE, "verbose": True}, status=400,
    test=lambda d, h: "'verbose'" in d["error"]["message"] and "problem" in d["error"]["hint"])
bad("field of another route", server, "POST", "/api/solve", {"problem": MIDLINE, "claim": "x"}, status=400,
    test=says("unknown field 'claim'"))
bad("missing problem", server, "POST", "/api/solve", {}, status=400, test=says("missing field 'problem'"))
bad("problem: a number", server, "POST", "/api/parse", {"problem": 42}, status=400, test=says("must be a string"))
bad("problem: null", server, "POST", "/api/parse", {"problem": None}, status=400, test=says("must be a string"))
bad("problem: empty", server, "POST", "/api/parse", {"problem": ""}, status=400, test=says("empty"))
bad("problem: blank", server, "POST", "/api/solve", {"problem": " \n\t "}, status=400, test=says("empty"))
bad("seed: negative", server, "POST", "/api/solve", {"problem": MIDLINE, "seed": -1}, status=400, test=says("seed"))
bad("seed: not whole", server, "POST", "/api/figure", {"problem": MIDLINE, "seed": 1.5}, status=400, test=says("seed"))
bad("seed: text", server, "POST", "/api/draw", {"problem": MIDLINE, "seed": "1"}, status=400, test=says("seed"))
bad("seed: too large", server, "POST", "/api/draw", '{"problem": "x", "seed": 1e400}', status=400)
bad("time_limit: 0", server, "POST", "/api/solve", {"problem": MIDLINE, "time_limit": 0}, status=400,
    test=says("time_limit"))
bad("time_limit: over the server's", server, "POST", "/api/solve", {"problem": MIDLINE, "time_limit": 21}, status=400,
    test=says("time_limit", "20"))
bad("time_limit: text", server, "POST", "/api/hint", {"problem": MIDLINE, "time_limit": "5"}, status=400)
bad("depth: over the server's", server, "POST", "/api/solve", {"problem": MIDLINE, "depth": 99}, status=400,
    test=says("depth"))
bad("depth: negative", server, "POST", "/api/solve", {"problem": MIDLINE, "depth": -2}, status=400)
bad("established: not a list", server, "POST", "/api/hint", {"problem": MIDLINE, "established": "para m n b c"},
    status=400, test=says("established"))
bad("established: a number inside", server, "POST", "/api/hint", {"problem": MIDLINE, "established": [1]},
    status=400, test=says("established"))
bad("claim: missing", server, "POST", "/api/check_step", {"problem": MIDLINE}, status=400, test=says("claim"))
bad("fact: empty", server, "POST", "/api/explain", {"problem": MIDLINE, "fact": ""}, status=400, test=says("fact"))
bad("parse error: line and column", server, "POST", "/api/parse",
    {"problem": "a b c = triangle a b c; m = midpint m a b ? para m n b c"}, status=422,
    test=lambda d, h: d["error"]["line"] == 1 and d["error"]["column"] == 29 and d["error"]["token"] == "midpint"
    and "midpoint" in d["error"]["hint"])
bad("parse error: undefined point", server, "POST", "/api/solve",
    {"problem": "a b c = triangle a b c ? para a b c z"}, status=422,
    test=lambda d, h: d["error"]["line"] == 1 and d["error"]["column"] > 30)
bad("claim that does not parse", server, "POST", "/api/check_step", {"problem": MIDLINE, "claim": "para m n b"},
    status=422, test=lambda d, h: "column" in d["error"])
bad("claim over an unknown point", server, "POST", "/api/check_step", {"problem": MIDLINE, "claim": "para m q b c"},
    status=422)
bad("no goal to solve", server, "POST", "/api/solve", {"problem": "a b c = triangle a b c"}, status=422,
    test=says("no goal"))
bad("hostile: nonsense", server, "POST", "/api/solve", {"problem": "\u0000\u0007 ;;; ==== ??? \ud7ff" * 50},
    status=422)
bad("hostile: 20000 nested parentheses", server, "POST", "/api/parse", {"problem": "(" * 20000 + ")" * 20000},
    status=422)
bad("hostile: 3000 points", server, "POST", "/api/solve",
    {"problem": "; ".join(f"p{i} = free p{i}" for i in range(3000)) + " ? coll p1 p2 p3", "time_limit": 5},
    test=lambda d, h: d["result"]["status"] == "goal false")
bad("hostile: one long name", server, "POST", "/api/parse", {"problem": "a" * 60000 + " = free a ? coll a a a"},
    status=422)
bad("body over --max-body", server, "POST", "/api/parse", {"problem": "x" * 70000}, status=413,
    test=says("65536"))
bad("gzip body over --max-body once inflated", server, "POST", "/api/parse",
    gzip.compress(b'{"problem": "' + b"a" * 10_000_000 + b'"}'), headers={"Content-Encoding": "gzip"}, status=413)
bad("wrong content type", server, "POST", "/api/parse", {"problem": MIDLINE}, content_type="text/plain",
    status=415)
bad("unknown route", server, "GET", "/api/nope", status=404, test=says("/api/nope"))
bad("unknown route, POST", server, "POST", "/solve", {"problem": MIDLINE}, status=404)
bad("no path traversal", server, "GET", "/../CMakeLists.txt", status=404)
bad("wrong method: GET a POST route", server, "GET", "/api/solve", status=405,
    test=lambda d, h: h["allow"] == "POST")
bad("wrong method: POST a GET route", server, "POST", "/api/examples", {}, status=405,
    test=lambda d, h: "GET" in h["allow"])
bad("wrong method: DELETE", server, "DELETE", "/", status=405)
bad("wrong method: PUT", server, "PUT", "/api/parse", {"problem": MIDLINE}, status=405)
bad("wrong method: OPTIONS (no cross-origin calls)", server, "OPTIONS", "/api/solve", status=405)
bad("another host's name (DNS rebinding)", server, "GET", "/api", headers={"Host": "evil.example:80"}, status=403)

# A chunked body over the limit: no Content-Length to refuse it by.
counts["bad"] += 1
conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
conn.putrequest("POST", "/api/parse")
conn.putheader("Content-Type", "application/json")
conn.putheader("Transfer-Encoding", "chunked")
conn.endheaders()
try:
    for _ in range(20):
        chunk = b"x" * 8192
        conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    conn.send(b"0\r\n\r\n")
    status = conn.getresponse().status
except (BrokenPipeError, ConnectionResetError):
    status = "connection closed before the answer"
check("chunked body over --max-body", status == 413, f"status {status}")
conn.close()

# A time limit: the solve stops and says so, in about that time.
t0 = time.time()
good("time limit reached", server, "POST", "/api/solve", {"problem": MORLEY, "time_limit": 2},
     test=lambda d, h: d["result"]["status"] == "not proved" and d["result"]["stop"] == "time limit")
check("time limit kept", time.time() - t0 < 8, f"{time.time() - t0:.1f} s")

# The queue: one solve runs, one waits, a third is answered 503 at once.
results = []


def slow_solve():
    results.append(server.post("/api/solve", {"problem": MORLEY, "time_limit": 3})[0])


threads = [threading.Thread(target=slow_solve) for _ in range(2)]
for t in threads:
    t.start()
    time.sleep(0.3)
counts["bad"] += 1
status, _, data = server.post("/api/solve", {"problem": MIDLINE})
check("queue full: 503", status == 503 and "busy" in data["error"]["message"], f"{status} {data}")
good("parse while the solves run", server, "POST", "/api/parse", {"problem": MIDLINE})
for t in threads:
    t.join()
check("queued solves answered", sorted(results) == [200, 200], str(results))

# Still alive and correct after all of it.
good("alive after the bad input", server, "POST", "/api/solve", {"problem": MIDLINE},
     test=lambda d, h: d["result"]["status"] == "proved")

# Ctrl-C during a solve: it is cancelled and answered, the server exits 0 soon.
answer = []
t = threading.Thread(target=lambda: answer.append(server.post("/api/solve", {"problem": MORLEY, "time_limit": 20})))
t.start()
time.sleep(1.5)
rc, seconds, out = server.stop(signal.SIGINT)
t.join(timeout=30)
check("Ctrl-C: exit 0", rc == 0, f"exit {rc}")
check("Ctrl-C: stopped within 5 s", seconds < 5, f"{seconds:.1f} s")
check("Ctrl-C: says it stopped", "stopped" in out, out)
check("Ctrl-C: the running solve answered as cancelled",
      answer and answer[0][0] == 200 and answer[0][2]["result"]["stop"] == "cancelled", str(answer)[:300])

# The command line.
for args, want in ((["serve", "file.txt"], "takes no FILE"), (["serve", "--port", "70000"], "--port"),
                   (["serve", "--max-solves", "0"], "--max-solves"), (["serve", "--max-body", "0"], "--max-body")):
    run = subprocess.run([pappus, *args], capture_output=True, text=True, timeout=60)
    check(f"pappus {' '.join(args)}", run.returncode == 2 and want in run.stderr, f"{run.returncode} {run.stderr}")
busy = Server(pappus)
run = subprocess.run([pappus, "serve", "--port", str(busy.port)], capture_output=True, text=True, timeout=60)
check("a port in use", run.returncode == 1 and "cannot listen" in run.stderr, run.stderr)
busy.stop(signal.SIGTERM)

print(f"{counts['good']} good requests, {counts['bad']} bad ones; {len(failures)} failures")
sys.exit(1 if failures else 0)
