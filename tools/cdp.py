"""Headless Chromium driven through the DevTools protocol on a pipe (Python's
standard library only), for the browser tests (tools/browser_test.sh,
tests/serve_browser_test.py). Collects the page's console errors and
uncaught exceptions."""
import json
import os
import subprocess
import sys


class Browser:
    """Chromium on a fresh profile, one page attached (`session`)."""

    def __init__(self, chromium, profile, window="1200,800"):
        r_cmd, w_cmd = os.pipe()  # commands: we write, Chromium reads fd 3
        r_res, w_res = os.pipe()  # answers: Chromium writes fd 4, we read

        def wire():
            os.dup2(r_cmd, 3)
            os.dup2(w_res, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--user-data-dir=" + profile, "--remote-debugging-pipe",
             "--window-size=" + window, "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_cmd)
        os.close(w_res)
        self.w_cmd, self.r_res = w_cmd, r_res
        self.pending, self.last = b"", 0
        self.errors = []        # console errors and uncaught exceptions of the page
        self.allowed = []       # network errors that a step expects: text in their message or address
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            self.call(domain + ".enable", None, self.session)

    def note(self, event):
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console." + params["type"] + ": " + json.dumps(params.get("args", []))[:200])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            where = entry.get("text", "") + " " + entry.get("url", "")
            if entry.get("source") == "network" and any(a in where for a in self.allowed):
                return
            self.errors.append("log: " + where)

    def call(self, method, params=None, session=None):
        """One command; its result. Exits with the protocol's error."""
        self.last += 1
        msg = {"id": self.last, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w_cmd, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.pending:
                chunk = os.read(self.r_res, 1 << 16)
                if not chunk:
                    sys.exit("chromium closed the DevTools pipe")
                self.pending += chunk
            raw, self.pending = self.pending.split(b"\0", 1)
            answer = json.loads(raw)
            if "method" in answer:
                self.note(answer)
            if answer.get("id") == self.last:
                if "error" in answer:
                    sys.exit(f"{method}: {answer['error']}")
                return answer["result"]

    def page(self, method, params=None):
        """A command to the page."""
        return self.call(method, params, self.session)

    def js(self, expr):
        """The value of a JavaScript expression in the page (promises awaited); None when it throws."""
        result = self.page("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        return None if "exceptionDetails" in result else result["result"].get("value")

    def close(self):
        self.js("0")  # collect the events that arrived meanwhile
        self.call("Browser.close")
        self.proc.wait(timeout=20)

    def kill(self):
        self.proc.kill()
