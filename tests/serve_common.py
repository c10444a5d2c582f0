"""What the tests of `pappus serve` share: starting the server on a free
port, requests (the standard library's http.client), the server's memory."""
import http.client
import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.parse

# Problems the tests use.
MIDLINE = "a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? para m n b c"
ORTHOCENTER = ("a b c = triangle a b c; d = foot d a b c; e = foot e b c a; "
               "h = on_line h a d, on_line h b e ? perp c h a b")
EQUILATERAL_ANGLE = "a b c = ieq_triangle a b c ? acompute a b b c"  # 120°: 2π/3
MORLEY = ("a b c = triangle a b c; d e = trisect d e b a c; f g = trisect f g c b a; "
          "h i = trisect h i a c b; j = intersection_ll j b f c i; k = intersection_ll k a e c h; "
          "l = intersection_ll l a d b g ? cong j l j k")  # not proved: searched to the time limit


class Server:
    """`pappus serve --port 0 ARGS`, its address read from its first line."""

    def __init__(self, pappus, *args, log=None):
        self.log = open(log or os.devnull, "wb")
        self.proc = subprocess.Popen([pappus, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=self.log)
        line = b""
        deadline = time.time() + 60
        fd = self.proc.stdout.fileno()
        while not line.endswith(b"\n"):
            left = deadline - time.time()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self.kill()
                sys.exit(f"the server did not print its address within 60 s; its log: {log}")
            byte = os.read(fd, 1)
            if not byte:
                sys.exit(f"the server exited at start (exit {self.proc.wait()}); its log: {log}")
            line += byte
        self.first_line = line.decode()
        address = self.first_line.split("listening on ", 1)[1].strip()
        self.url = urllib.parse.urlparse(address)
        self.host, self.port = self.url.hostname, self.url.port

    def request(self, method, path, body=None, content_type="application/json", headers=None, timeout=120):
        """(status, headers, parsed JSON or text). `body`: bytes, str, or an object sent as JSON."""
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        all_headers = dict(headers or {})
        if body is not None and content_type:
            all_headers.setdefault("Content-Type", content_type)
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=all_headers)
            res = conn.getresponse()
            raw = res.read()
            kind = res.getheader("Content-Type", "")
            data = json.loads(raw) if kind.startswith("application/json") else raw.decode("utf-8", "replace")
            return res.status, {k.lower(): v for k, v in res.getheaders()}, data
        finally:
            conn.close()

    def post(self, path, body, **kw):
        return self.request("POST", path, body, **kw)

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, sig=signal.SIGINT, timeout=30):
        """Sends `sig`; returns (exit status, seconds to exit, the rest of stdout)."""
        t0 = time.time()
        self.proc.send_signal(sig)
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
            return None, time.time() - t0, out.decode()
        return self.proc.returncode, time.time() - t0, out.decode()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
