#!/usr/bin/env python3
"""tests/test_server.py - integration tests of the statico server: the real
binary driven by real clients (curl, Python's http.client, raw sockets, wrk)
on 127.0.0.1 and ::1.

    python3 tests/test_server.py BINARY BACKEND [--log-dir DIR] [--budget S] [-k TEXT] [-v]

BINARY is a built statico (cc examples/cli.c -o statico); BACKEND (epoll,
poll, io_uring: any name --runtime takes) is passed as --runtime to every
server the tests start. -k runs only the checks whose name contains TEXT;
-v also prints the checks that pass; --log-dir keeps every server's stderr
there (a temporary directory otherwise); --budget (default 120) is the most
seconds the whole run may take: the checks not started by then fail as not
run.

Each check is one test. A check whose client (curl, wrk) is not installed is
skipped. Servers listen on free ports of 127.0.0.1 or ::1 only. Every server
a check starts is stopped with SIGTERM (SIGKILL 2 s later) and must exit 0
within those 2 s, with no sanitizer report in its stderr, or the check fails.
Every socket has a timeout, every loop a bound, every check an alarm.

Prints one line per failed check (and per skipped one), then the last line
"N passed, N failed"; the exit status is 1 when a check failed.
"""
import email.utils
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpcheck import (HOST4, HOST6, TIMEOUT, BaseConn, Fail, await_ports, connect, describe, free_ports,  # noqa: E402
                       port_free, read_text, sanitizer_report, short, stop_problems, stop_process)
from httpcheck import need as check  # noqa: E402

CHECK_ALARM = 30  # seconds, the most one check may take
STOP_WAIT = 2.0  # seconds from SIGTERM to SIGKILL

BIN = ""
BACKEND = ""
LOG_DIR = ""
TMP = ""
PROCS = []  # every process started, for the final cleanup
CURRENT = ["-"]  # the check running (names the stderr logs)
HAVE_IPV6 = False


def eq(got, want, what):
    if got != want:
        raise Fail("%s: got %s, want %s" % (what, short(got), short(want)))


# ---------------------------------------------------------------------------
# processes

def start_process(argv, stderr, stdout=subprocess.DEVNULL):
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, close_fds=True)
    PROCS.append(p)
    return p


def log_path(what):
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", CURRENT[0]).strip("_") or "check"
    for i in range(1, 1000):
        path = os.path.join(LOG_DIR, "%s-%s%s.stderr" % (name, what, "" if i == 1 else "-%d" % i))
        if not os.path.exists(path):
            return path
    return os.path.join(LOG_DIR, "%s-%s-x.stderr" % (name, what))


# ---------------------------------------------------------------------------
# a server under test

class Server:
    """statico --runtime BACKEND -a ADDRESS -p PORTS -t THREADS ARGS..., started
    on free ports (again on others when a port was taken meanwhile), ready
    once every port accepts connections. As a context manager it stops the
    server at the end and fails the check when the server did not exit 0
    within 2 s of SIGTERM or its stderr holds a sanitizer report."""

    def __init__(self, args, nports=1, consecutive=False, spec=None, address=HOST4, threads=1):
        self.args = list(args)
        self.nports = nports
        self.consecutive = consecutive
        self.spec = spec or (lambda ports: ",".join(map(str, ports)))
        self.address = address
        self.threads = threads
        self.proc = None
        self.ports = []
        self.log = None
        self.stopped = False

    @property
    def port(self):
        return self.ports[0]

    def start(self):
        for attempt in range(4):
            self.ports = free_ports(self.nports, self.consecutive,
                                    hosts=(HOST4, HOST6) if HAVE_IPV6 else (self.address,))
            argv = [BIN, "--runtime", BACKEND, "-a", self.address, "-p", self.spec(self.ports), "-t",
                    str(self.threads)] + self.args
            self.log = log_path("server")
            with open(self.log, "wb") as err:
                self.proc = start_process(argv, err)
            if await_ports(self.proc, self.ports, self.address, STOP_WAIT, " ".join(argv)):
                return self
            text = self.stderr()
            if "in use" in text and attempt < 3:
                continue  # a port was taken between the check and the bind
            raise Fail("server exited with status %s at start: %s (%s)" % (self.proc.returncode,
                       text.strip().splitlines()[-1:] or "no message", " ".join(argv)))
        raise Fail("server did not start")

    def stderr(self):
        return read_text(self.log)

    def stop(self):
        """Stop the server; a description of what went wrong, or None."""
        if self.stopped or self.proc is None:
            return None
        self.stopped = True
        rc, killed, _ = stop_process(self.proc, STOP_WAIT)
        problems = stop_problems(rc, killed, self.stderr(), STOP_WAIT, "server ")
        return "%s (see %s)" % ("; ".join(problems), self.log) if problems else None

    def __enter__(self):
        return self.start()

    def __exit__(self, et, ev, tb):
        problem = self.stop()
        if problem and et is None:
            raise Fail(problem)
        if problem and et is not None and issubclass(et, Exception):
            raise Fail("%s; and %s" % (describe(ev), problem))
        return False


# ---------------------------------------------------------------------------
# a raw HTTP/1.1 client over one socket

class Response:
    def __init__(self, status, reason, headers, body, head):
        self.status, self.reason, self.headers, self.body, self.head = status, reason, headers, body, head

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def names(self):
        return [k for k, _ in self.headers]

    def __repr__(self):
        return "<%d %s %s>" % (self.status, self.reason, short(self.body, 40))


class Conn(BaseConn):
    def response(self, head=False, timeout=None):
        """The next response (head=True: to a HEAD request, no body)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            i = self.buf.find(b"\r\n\r\n")
            if i >= 0:
                break
            check(len(self.buf) < 65536, "response head over 64 KiB")
            self._more(deadline, "a response head")
        raw = bytes(self.buf[:i + 4])
        del self.buf[:i + 4]
        lines = raw[:-4].split(b"\r\n")
        m = re.match(rb"HTTP/1\.1 (\d\d\d) ([^\r\n]*)$", lines[0])
        check(m is not None, "bad status line %s" % short(lines[0]))
        status, reason = int(m.group(1)), m.group(2).decode("latin-1")
        headers = []
        for line in lines[1:]:
            k, sep, v = line.partition(b":")
            check(sep and re.match(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", k), "bad header line %s" % short(line))
            headers.append((k.decode("latin-1"), v.strip(b" \t").decode("latin-1")))
        r = Response(status, reason, headers, b"", raw)
        if head or status < 200 or status in (204, 304):
            return r
        cl = r.header("Content-Length")
        check(cl is not None and cl.isdigit(), "response %d without a valid Content-Length: %s" % (status, short(raw)))
        n = int(cl)
        while len(self.buf) < n:
            self._more(deadline, "a %d-byte body" % n)
        r.body = bytes(self.buf[:n])
        del self.buf[:n]
        return r

    def expect_eof(self, timeout=3.0):
        """The server closes the connection (FIN, nothing more to read)."""
        deadline = time.monotonic() + timeout
        check(not self.buf, "unexpected bytes %s" % short(bytes(self.buf)))
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Fail("the server did not close the connection within %.1f s" % timeout)
            self.s.settimeout(left)
            try:
                d = self.s.recv(65536)
            except socket.timeout:
                raise Fail("the server did not close the connection within %.1f s" % timeout)
            except ConnectionResetError:
                raise Fail("connection reset instead of closed")
            if not d:
                return
            raise Fail("unexpected bytes before the close: %s" % short(d))


def get(path="/", host="x", extra=b"", method=b"GET", version=b"HTTP/1.1"):
    if isinstance(path, str):
        path = path.encode()
    return method + b" " + path + b" " + version + b"\r\nHost: " + host.encode() + b"\r\n" + extra + b"\r\n"


def one_get(port, path="/", host=HOST4):
    with Conn(port, host) as c:
        c.send(get(path))
        return c.response()


# ---------------------------------------------------------------------------
# the checks

TESTS = []


def test(name, needs=None):
    def deco(f):
        TESTS.append((name, f, needs))
        return f
    return deco


def run_tool(argv, timeout=15):
    try:
        return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Fail("%s timed out after %d s" % (argv[0], timeout))


def curl(*args, timeout=10):
    return run_tool(["curl", "-sS", "--max-time", "5"] + list(args), timeout=timeout)


def split_http(out):
    """curl -i output: (head lines, body)."""
    i = out.find(b"\r\n\r\n")
    check(i >= 0, "no response head in curl output %s" % short(out))
    return out[:i].decode("latin-1").split("\r\n"), out[i + 4:]


def headers_of(lines):
    return [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:]]


BINARY_BODY = bytes(range(256)) + b"\0" * 64 + bytes(range(255, -1, -1)) + b"\0\r\n\r\n\0"


@test("curl: GET with body and headers in order", needs="curl")
def _():
    with Server(["-b", "hello world", "-H", "X-First: 1", "-H", "Content-Type: text/plain",
                 "-H", "X-Last: z z"]) as s:
        r = curl("-i", "http://%s:%d/some/path?q=1" % (HOST4, s.port))
        eq(r.returncode, 0, "curl exit status (%s)" % r.stderr.decode(errors="replace").strip())
        lines, body = split_http(r.stdout)
        eq(lines[0], "HTTP/1.1 200 OK", "status line")
        eq(body, b"hello world", "body")
        h = headers_of(lines)
        names = [k for k, _ in h]
        check(names[:3] == ["X-First", "Content-Type", "X-Last"], "header order %s" % names)
        eq(dict(h).get("X-Last"), "z z", "X-Last")
        eq(dict(h).get("Content-Length"), "11", "Content-Length")


@test("curl: HEAD has no body and the GET's Content-Length", needs="curl")
def _():
    with Server(["-b", "0123456789" * 100]) as s:
        url = "http://%s:%d/" % (HOST4, s.port)
        r = curl("-I", url)
        eq(r.returncode, 0, "curl -I exit status")
        lines, body = split_http(r.stdout)
        eq(lines[0], "HTTP/1.1 200 OK", "status line")
        eq(dict(headers_of(lines)).get("Content-Length"), "1000", "Content-Length of HEAD")
        eq(body, b"", "bytes after the HEAD response")
        # on the wire: a GET right after the HEAD starts where the HEAD's head ends
        with Conn(s.port) as c:
            c.send(get("/", method=b"HEAD") + get("/"))
            h = c.response(head=True)
            g = c.response()
            eq((h.status, h.header("Content-Length")), (200, "1000"), "HEAD response")
            eq(g.body, b"0123456789" * 100, "GET body after HEAD")


def file_body_check(data):
    path = os.path.join(TMP, "body-%d.bin" % len(data))
    with open(path, "wb") as f:
        f.write(data)
    out = os.path.join(TMP, "curl-out-%d.bin" % len(data))
    with Server(["-b", "@" + path, "-H", "Content-Type: application/octet-stream"]) as s:
        r = curl("-o", out, "http://%s:%d/" % (HOST4, s.port))
        eq(r.returncode, 0, "curl exit status (%s)" % r.stderr.decode(errors="replace").strip())
        with open(out, "rb") as f:
            got = f.read()
        check(got == data, "body differs from the file (%d bytes, want %d)" % (len(got), len(data)))


@test("curl: -b @file, binary, small (inline body)", needs="curl")
def _():
    file_body_check(BINARY_BODY)


@test("curl: -b @file, binary, 70 KB (shared body)", needs="curl")
def _():
    file_body_check(BINARY_BODY * 120)


@test("curl: --http1.0 gets Connection: close", needs="curl")
def _():
    with Server(["-b", "x"]) as s:
        r = curl("-i", "--http1.0", "-v", "http://%s:%d/" % (HOST4, s.port))
        eq(r.returncode, 0, "curl exit status")
        lines, body = split_http(r.stdout)
        eq(lines[0], "HTTP/1.1 200 OK", "status line")
        eq(dict(headers_of(lines)).get("Connection"), "close", "Connection header")
        eq(body, b"x", "body")


@test("curl: two URLs on one command line reuse the connection", needs="curl")
def _():
    with Server(["-b", "x"]) as s:
        url = "http://%s:%d/" % (HOST4, s.port)
        r = curl("-v", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\\n", url, url + "b")
        eq(r.returncode, 0, "curl exit status")
        eq(r.stdout.decode().split(), ["200", "1", "200", "0"], "status and new connections per transfer")
        check(b"Re-using existing connection" in r.stderr, "curl -v does not say 'Re-using existing connection'")


@test("curl: -H 'Connection: close' closes after the response", needs="curl")
def _():
    with Server(["-b", "x"]) as s:
        url = "http://%s:%d/" % (HOST4, s.port)
        r = curl("-i", "-H", "Connection: close", url)
        eq(r.returncode, 0, "curl exit status")
        lines, body = split_http(r.stdout)
        eq(dict(headers_of(lines)).get("Connection"), "close", "Connection header")
        r = curl("-H", "Connection: close", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{num_connects}\\n", url, url)
        eq(r.stdout.decode().split(), ["1", "1"], "new connections per transfer")


# http.client --------------------------------------------------------------

@test("http.client: several requests on one keep-alive connection")
def _():
    with Server(["-b", "keep"]) as s:
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            first = None
            for i in range(10):
                conn.request("GET", "/r%d" % i)
                r = conn.getresponse()
                body = r.read()
                eq((r.status, body), (200, b"keep"), "response %d" % i)
                check(r.getheader("Connection") is None, "Connection header %r" % r.getheader("Connection"))
                check(not r.will_close, "http.client would close after response %d" % i)
                name = conn.sock.getsockname()
                first = first or name
                eq(name, first, "local address of request %d (a new connection)" % i)
        finally:
            conn.close()


@test("http.client: POST with a body, then GET on the same connection")
def _():
    with Server(["-b", "ok"]) as s:
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            for body in (b"a=1&b=2", b"\0" * 100000, b""):
                conn.request("POST", "/form", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
                r = conn.getresponse()
                eq((r.status, r.read()), (200, b"ok"), "POST of %d bytes" % len(body))
            sock = conn.sock
            conn.request("GET", "/")
            r = conn.getresponse()
            eq((r.status, r.read()), (200, b"ok"), "GET after the POSTs")
            check(conn.sock is sock, "the connection was not kept")
        finally:
            conn.close()


@test("http.client: chunked POST (encode_chunked=True)")
def _():
    with Server(["-b", "chunks"]) as s:
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            def gen():
                yield b"hello "
                yield b"\r\n0\r\n\r\n"  # data that looks like a last chunk
                yield b"x" * 70000
            conn.request("POST", "/up", body=gen(), headers={"Transfer-Encoding": "chunked"}, encode_chunked=True)
            r = conn.getresponse()
            eq((r.status, r.read()), (200, b"chunks"), "chunked POST")
            sock = conn.sock
            conn.request("GET", "/")
            r = conn.getresponse()
            eq((r.status, r.read()), (200, b"chunks"), "GET after the chunked POST")
            check(conn.sock is sock, "the connection was not kept")
        finally:
            conn.close()


@test("http.client: status, reason, headers and body")
def _():
    with Server(["-s", "201", "-b", "created!", "-H", "Location: /new/1", "-H", "X-Multi: a",
                 "-H", "X-Multi: b"]) as s:
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            conn.request("PUT", "/thing")
            r = conn.getresponse()
            eq((r.status, r.reason, r.version), (201, "Created", 11), "status line")
            eq(r.getheader("Location"), "/new/1", "Location")
            eq(r.msg.get_all("X-Multi"), ["a", "b"], "repeated header")
            eq(r.getheader("Content-Length"), "8", "Content-Length")
            eq(r.read(), b"created!", "body")
        finally:
            conn.close()


IMF_FIXDATE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                         r"\d{4} \d\d:\d\d:\d\d GMT$")


@test("http.client: Date is a current IMF-fixdate, updated each second")
def _():
    with Server(["-b", "d"]) as s:
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            dates = []
            for i in range(2):
                if i:
                    time.sleep(1.2)
                conn.request("GET", "/")
                r = conn.getresponse()
                r.read()
                d = r.getheader("Date")
                check(d is not None, "no Date header")
                check(IMF_FIXDATE.match(d), "Date %r is not an IMF-fixdate" % d)
                check(r.msg.get_all("Date") == [d], "Date header repeated")
                t = email.utils.parsedate_to_datetime(d).timestamp()
                check(abs(t - time.time()) < 3, "Date %r is %.0f s off" % (d, t - time.time()))
                dates.append(d)
            check(dates[0] != dates[1], "Date did not change in 1.2 s: %r" % dates[0])
        finally:
            conn.close()


@test("http.client: --no-date sends no Date")
def _():
    with Server(["-b", "d", "--no-date"]) as s:
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            conn.request("GET", "/")
            r = conn.getresponse()
            eq(r.read(), b"d", "body")
            eq(r.getheader("Date"), None, "Date header")
        finally:
            conn.close()


# raw sockets --------------------------------------------------------------

@test("raw: 100 pipelined requests in one send, answered in order")
def _():
    with Server(["-b", "D", "--route", "GET /a", "-b", "A", "--route", "GET /b", "-b", "BB", "--route",
                 "GET /c", "-s", "404", "-b", "CCC"]) as s:
        paths = ["/a", "/b", "/c", "/d"]
        want = {"/a": (200, b"A"), "/b": (200, b"BB"), "/c": (404, b"CCC"), "/d": (200, b"D")}
        with Conn(s.port) as c:
            c.send(b"".join(get(paths[i % 4] + "?i=%d" % i) for i in range(100)))
            deadline = time.monotonic() + 10
            for i in range(100):
                check(time.monotonic() < deadline, "100 responses took over 10 s")
                r = c.response()
                eq((r.status, r.body), want[paths[i % 4]], "response %d" % i)
            c.send(get("/a", extra=b"Connection: close\r\n") + get("/b"))  # nothing after a close is answered
            r = c.response()
            eq((r.status, r.body, r.header("Connection")), (200, b"A", "close"), "last response")
            c.expect_eof()


@test("raw: a request split over several sends with pauses")
def _():
    with Server(["-b", "split"]) as s:
        req = get("/split/path?x=1", extra=b"User-Agent: slow\r\nAccept: */*\r\n")
        with Conn(s.port) as c:
            cuts = [2, 9, 17, 18, 30, len(req) - 3, len(req) - 1, len(req)]
            prev = 0
            for cut in cuts:
                c.send(req[prev:cut])
                prev = cut
                time.sleep(0.05)
                if cut < len(req):
                    c.s.settimeout(0.01)
                    try:
                        d = c.s.recv(100)
                        raise Fail("server answered %s before the request was complete" % short(d))
                    except socket.timeout:
                        pass
            r = c.response()
            eq((r.status, r.body), (200, b"split"), "response")
            # and a body split from its head, and the next request split inside its CRLFs
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab")
            time.sleep(0.05)
            c.send(b"cdGET / HTTP/1.1\r")
            time.sleep(0.05)
            c.send(b"\nHost: x\r\n\r")
            time.sleep(0.05)
            c.send(b"\n")
            for i in range(2):
                r = c.response()
                eq((r.status, r.body), (200, b"split"), "response %d after the split body" % (i + 2))


@test("raw: an invalid request after 2 valid ones gets 400 and a close")
def _():
    with Server(["-b", "v"]) as s:
        with Conn(s.port) as c:
            c.send(get("/1") + get("/2") + b"GET /3 HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n" + get("/4"))
            for i in range(2):
                r = c.response()
                eq((r.status, r.body), (200, b"v"), "response %d" % (i + 1))
            r = c.response()
            eq((r.status, r.reason), (400, "Bad Request"), "third response")
            eq(r.header("Connection"), "close", "Connection header of the 400")
            c.expect_eof()


@test("raw: each kind of bad request gets its status and a close")
def _():
    cases = [
        (400, b"GET / HTTP/1.1\r\n\r\n"),  # no Host
        (400, b"GET / HTTP/1.1\nHost: x\n\n"),  # bare LF
        (400, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc"),
        (400, b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),  # bad chunk size
        (414, b"GET /" + b"a" * 8200 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
        (400, b"GET / HTTP/1.1\r\nHost: \r\n\r\n"),  # an empty Host, and no authority in the target
        (400, b"M" * 40),  # a method over 32 bytes: refused before its end
        (431, b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(70)) + b"\r\n"),
        (431, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 17000 + b"\r\n\r\n"),
        (501, b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
        (501, b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
        (505, b"GET / HTTP/1.2\r\nHost: x\r\n\r\n"),
    ]
    with Server(["-b", "fine"]) as s:
        for status, req in cases:
            with Conn(s.port) as c:
                c.send(get("/") + req)
                eq(c.response().body, b"fine", "the valid request before %s" % short(req, 40))
                r = c.response()
                eq((r.status, r.header("Connection"), r.body), (status, "close", b""), "answer to %s" % short(req, 60))
                c.expect_eof()
        # and the good ones that look odd
        with Conn(s.port) as c:
            c.send(b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\nGET http://x/abs?q HTTP/1.1\r\nHost: x\r\n\r\n"
                   b"\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n"
                   b"GET /" + b"t" * 7990 + b" HTTP/1.1\r\nHost: x\r\n\r\nGET http://x/ HTTP/1.1\r\nHost:\r\n\r\n")
            for what in ("OPTIONS *", "absolute-form target", "an empty line, then Upgrade",
                         "a request line of 8,006 bytes", "an empty Host with an absolute-form target"):
                r = c.response()
                eq((r.status, r.body), (200, b"fine"), what)


@test("raw: 200 concurrent connections with -t 2")
def _():
    with Server(["-b", "many"], threads=2) as s:
        conns = []
        try:
            for i in range(200):
                conns.append(Conn(s.port))
            for c in conns:
                c.send(get("/"))
            for round_ in range(2):
                for i, c in enumerate(conns):
                    r = c.response()
                    eq((r.status, r.body), (200, b"many"), "connection %d, round %d" % (i, round_))
                    if not round_:
                        c.send(get("/again"))
        finally:
            for c in conns:
                c.close()


@test("raw: 204 and 304 have no Content-Length and no body")
def _():
    with Server(["-s", "204", "-H", "X-A: 1", "--route", "GET /nm", "-s", "304", "-H", "ETag: \"v1\""]) as s:
        with Conn(s.port) as c:
            c.send(get("/") + get("/nm") + get("/", method=b"HEAD") + get("/nm", extra=b"Connection: close\r\n"))
            for i, (status, name) in enumerate(((204, "X-A"), (304, "ETag"), (204, "X-A"), (304, "ETag"))):
                r = c.response(head=True)
                eq((r.status, r.header("Content-Length"), r.header(name) is not None), (status, None, True),
                   "response %d" % (i + 1))
            c.expect_eof()


@test("raw: bodies of 16384 and 16385 bytes (inline and shared) with HEAD and HTTP/1.0")
def _():
    for n in (16384, 16385):
        body = bytes(range(256)) * (n // 256) + b"!" * (n % 256)
        path = os.path.join(TMP, "body-%d.bin" % n)
        with open(path, "wb") as f:
            f.write(body)
        with Server(["-b", "@" + path]) as s:
            with Conn(s.port) as c:
                c.send(get("/", method=b"HEAD") + get("/") + get("/", method=b"HEAD", version=b"HTTP/1.0")
                       + get("/", version=b"HTTP/1.0"))
                for i, (head, conn) in enumerate(((True, None), (False, None), (True, "close"))):
                    r = c.response(head=head)
                    eq((r.status, r.header("Content-Length"), r.header("Connection")), (200, str(n), conn),
                       "%d-byte body, response %d" % (n, i + 1))
                    check(head or r.body == body, "%d-byte body differs" % n)
                c.expect_eof()  # the HEAD over HTTP/1.0 closed it; the last request is not answered


@test("raw: HTTP/1.0 keep-alive, then HTTP/1.0 close")
def _():
    with Server(["-b", "ten"]) as s:
        with Conn(s.port) as c:
            c.send(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            r = c.response()
            eq((r.status, r.body, r.header("Connection")), (200, b"ten", "keep-alive"), "HTTP/1.0 keep-alive")
            c.send(b"GET / HTTP/1.0\r\n\r\n")
            r = c.response()
            eq((r.status, r.body, r.header("Connection")), (200, b"ten", "close"), "HTTP/1.0")
            c.expect_eof()


@test("raw: Expect: 100-continue gets 100 Continue before the body")
def _():
    with Server(["-b", "cont"]) as s:
        with Conn(s.port) as c:
            c.send(b"POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            r = c.response()
            eq(r.head, b"HTTP/1.1 100 Continue\r\n\r\n", "interim response")
            c.s.settimeout(0.2)
            try:
                d = c.s.recv(100)
                raise Fail("final response %s before the body was sent" % short(d))
            except socket.timeout:
                pass
            c.send(b"hello")
            r = c.response()
            eq((r.status, r.body), (200, b"cont"), "final response")
            # the body sent with the head: no 100 Continue (RFC 9110 10.1.1)
            c.send(b"POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello")
            r = c.response()
            eq((r.status, r.body), (200, b"cont"), "response to a body sent with its head")
            # chunked too
            c.send(b"POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
            r = c.response()
            eq(r.status, 100, "interim response to a chunked request")
            c.send(b"3\r\nabc\r\n0\r\n\r\n")
            r = c.response()
            eq((r.status, r.body), (200, b"cont"), "final response to a chunked request")


@test("raw: a body over --max-body gets 413")
def _():
    with Server(["-b", "small", "--max-body", "100"]) as s:
        with Conn(s.port) as c:
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + b"y" * 100)
            r = c.response()
            eq((r.status, r.body), (200, b"small"), "a body of exactly --max-body")
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n" + b"y" * 101)
            r = c.response()
            eq((r.status, r.reason, r.header("Connection")), (413, "Content Too Large", "close"), "over the limit")
            c.expect_eof()
        with Conn(s.port) as c:  # chunked: counted as it arrives
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + b"z" * 64 + b"\r\n"
                   + b"40\r\n" + b"z" * 64 + b"\r\n0\r\n\r\n")
            r = c.response()
            eq((r.status, r.header("Connection")), (413, "close"), "chunked body over the limit")
            c.expect_eof()
        with Conn(s.port) as c:  # no 100 Continue for a body that is refused anyway
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")
            r = c.response()
            eq(r.status, 413, "Expect: 100-continue with a body over the limit")
            c.expect_eof()


@test("raw: a head over --max-head gets 431")
def _():
    with Server(["-b", "h", "--max-head", "256"]) as s:
        with Conn(s.port) as c:
            c.send(get("/", extra=b"X-Pad: " + b"p" * 150 + b"\r\n"))
            eq(c.response().status, 200, "a head under the limit")
            c.send(get("/", extra=b"X-Pad: " + b"p" * 300 + b"\r\n"))
            r = c.response()
            eq((r.status, r.header("Connection")), (431, "close"), "a head over the limit")
            c.expect_eof()


@test("raw: a slow head gets 408 after --header-timeout 1s, then a close")
def _():
    with Server(["-b", "slow", "--header-timeout", "1s"]) as s:
        req = get("/", extra=b"User-Agent: one byte at a time\r\n")
        with Conn(s.port) as c:
            t0 = time.monotonic()
            data = b""
            eof = None
            for i in range(len(req)):
                if time.monotonic() - t0 > 5:
                    break
                try:
                    c.s.sendall(req[i:i + 1])
                except (BrokenPipeError, ConnectionResetError):
                    break
                c.s.settimeout(0.3)
                try:
                    while True:
                        d = c.s.recv(4096)
                        if not d:
                            eof = time.monotonic() - t0
                            break
                        data += d
                except socket.timeout:
                    pass
                except ConnectionResetError:
                    raise Fail("connection reset (got %s)" % short(data))
                if eof is not None:
                    break
            check(data.startswith(b"HTTP/1.1 408 Request Timeout\r\n"), "got %s, want a 408" % short(data))
            check(b"\r\nConnection: close\r\n" in data, "the 408 does not say Connection: close")
            check(eof is not None, "the connection was not closed within 5 s")
            check(0.8 <= eof <= 3.0, "closed after %.2f s, want 1 s to 3 s" % eof)


@test("raw: --idle-timeout 1s closes idle connections")
def _():
    with Server(["-b", "idle", "--idle-timeout", "1s"]) as s:
        with Conn(s.port) as c, Conn(s.port) as quiet:
            c.send(get("/"))
            eq(c.response().body, b"idle", "response")
            t0 = time.monotonic()
            c.expect_eof(timeout=4)
            t = time.monotonic() - t0
            check(0.8 <= t <= 3.0, "idle keep-alive connection closed after %.2f s, want 1 s to 3 s" % t)
            quiet.expect_eof(timeout=1.5)  # connected before c, never sent anything


@test("raw: a body over 1 MiB read slowly arrives intact (partial writes)")
def _():
    big = bytes(random.Random(7).getrandbits(8) for _ in range(4096)) * 384  # 1.5 MiB
    path = os.path.join(TMP, "body-slow.bin")
    with open(path, "wb") as f:
        f.write(big)
    with Server(["-b", "@" + path, "--route", "GET /small", "-b", "small"]) as s:
        with Conn(s.port, rcvbuf=8192, timeout=TIMEOUT) as c:
            c.send(get("/") + get("/small") + get("/") + get("/small", extra=b"Connection: close\r\n"))
            t0 = time.monotonic()
            got = bytearray()
            stalled = False
            while time.monotonic() - t0 < 30:
                try:
                    d = c.s.recv(8192)
                except socket.timeout:
                    raise Fail("stalled after %d bytes" % len(got))
                if not d:
                    break
                got += d
                if not stalled and len(got) > 65536:
                    # the server is blocked on this client: another is served meanwhile
                    stalled = True
                    time.sleep(0.3)
                    t1 = time.monotonic()
                    r = one_get(s.port, "/small")
                    eq(r.body, b"small", "another client while one reads slowly")
                    check(time.monotonic() - t1 < 1, "another client waited %.2f s" % (time.monotonic() - t1))
                time.sleep(0.001)
            c.buf = got
            for i, want in enumerate((big, b"small", big, b"small")):
                r = c.response(timeout=0.1)
                check(r.status == 200 and r.body == want, "response %d: status %d, %d bytes, %s" %
                      (i + 1, r.status, len(r.body), "same" if r.body == want else "different"))
            check(not c.buf, "%d bytes after the last response" % len(c.buf))


# routes -------------------------------------------------------------------

@test("routes: each path gets its response, others the default")
def _():
    with Server(["-b", "default", "--route", "GET /json", "-b", "{}", "-H", "Content-Type: application/json",
                 "--route", "GET /user/*", "-s", "201", "--route", "POST /validate", "-s", "202",
                 "--route", "* /any/**", "-b", "any"]) as s:
        cases = [
            ("GET", "/json", 200, b"{}", "application/json"),
            ("GET", "/json?pretty=1", 200, b"{}", "application/json"),
            ("GET", "/user/42", 201, b"", None),
            ("GET", "/user/alice?x=y", 201, b"", None),
            ("POST", "/validate", 202, b"", None),
            ("GET", "/", 200, b"default", None),
            ("GET", "/jsonx", 200, b"default", None),
            ("GET", "/json/", 200, b"default", None),
            ("POST", "/json", 200, b"default", None),
            ("GET", "/user/", 200, b"default", None),
            ("GET", "/user/42/posts", 200, b"default", None),
            ("GET", "/user", 200, b"default", None),
            ("GET", "/validate", 200, b"default", None),
            ("DELETE", "/other", 200, b"default", None),
            ("DELETE", "/any/x/y", 200, b"any", None),
            ("GET", "/any/", 200, b"any", None),
            ("PATCH", "/any/z?q", 200, b"any", None),
            ("GET", "/anyx", 200, b"default", None),
        ]
        conn = http.client.HTTPConnection(HOST4, s.port, timeout=TIMEOUT)
        try:
            for method, path, status, body, ctype in cases:
                conn.request(method, path, body=b"{\"a\":1}" if method == "POST" else None)
                r = conn.getresponse()
                got = (r.status, r.read(), r.getheader("Content-Type"))
                eq(got, (status, body, ctype), "%s %s" % (method, path))
        finally:
            conn.close()


# options ------------------------------------------------------------------

def all_answer(s, n=3, host=HOST4):
    for p in s.ports:
        for i in range(n):
            r = one_get(p, "/", host)
            eq((r.status, r.body), (200, b"p"), "port %d, request %d" % (p, i))


@test("options: -p A,B and -p A-B (3 ports) with -t 2")
def _():
    with Server(["-b", "p"], nports=2, threads=2) as s:
        all_answer(s)
    with Server(["-b", "p"], nports=3, consecutive=True, spec=lambda p: "%d-%d" % (p[0], p[-1]), threads=2) as s:
        all_answer(s)


@test("options: --bind-all -t 2")
def _():
    with Server(["-b", "p", "--bind-all"], nports=2, threads=2) as s:
        all_answer(s, n=10)


@test("options: -a ::1 answers on ::1 only")
def _():
    if not HAVE_IPV6:
        raise Skip("no IPv6 loopback here")
    with Server(["-b", "p"], address=HOST6) as s:
        all_answer(s, host=HOST6)
        try:
            connect(s.port, HOST4, timeout=1).close()
            raise Fail("127.0.0.1 port %d accepted a connection" % s.port)
        except ConnectionRefusedError:
            pass


@test("options: -a 127.0.0.1 answers on 127.0.0.1 only")
def _():
    with Server(["-b", "p"], address=HOST4) as s:
        all_answer(s)
        if HAVE_IPV6:
            try:
                connect(s.port, HOST6, timeout=1).close()
                raise Fail("::1 port %d accepted a connection" % s.port)
            except ConnectionRefusedError:
                pass


@test("options: --max-connections 2 closes a third connection, then takes a new one")
def _():
    with Server(["-b", "m", "--max-connections", "2"]) as s:
        time.sleep(0.2)  # the readiness probe's connection is gone
        with Conn(s.port) as a, Conn(s.port) as b:
            for c in (a, b):
                c.send(get("/"))
                eq(c.response().body, b"m", "one of the first two connections")
            with Conn(s.port) as c:
                try:
                    c.send(get("/"))
                    c.expect_eof(timeout=2)
                except (Fail, OSError) as e:
                    if "reset" not in str(e) and not isinstance(e, (ConnectionResetError, BrokenPipeError)):
                        raise Fail("the third connection: %s" % describe(e))
            a.close()
            time.sleep(0.2)
            with Conn(s.port) as d:
                d.send(get("/"))
                eq(d.response().body, b"m", "a new connection after one closed")
            b.send(get("/"))
            eq(b.response().body, b"m", "the second connection still")


@test("options: socket options and --no-pin are accepted")
def _():
    body = b"o" * 300000
    path = os.path.join(TMP, "body-opts.bin")
    with open(path, "wb") as f:
        f.write(body)
    with Server(["-b", "@" + path, "--receive-buffer-size", "4096", "--send-buffer-size", "4096",
                 "--listen-backlog", "16", "--tcp-nodelay", "--no-pin", "--idle-timeout", "1s500ms",
                 "--header-timeout", "2s"], threads=2) as s:
        for i in range(3):
            r = one_get(s.port)
            check(r.status == 200 and r.body == body, "response %d: %d, %d bytes" % (i, r.status, len(r.body)))


def expect_exit(argv, timeout=3.0):
    """Run argv to its end (bounded): (exit status, stdout, stderr, seconds)."""
    log = log_path("cli")
    out = os.path.join(TMP, "stdout.txt")
    t0 = time.monotonic()
    with open(log, "wb") as err, open(out, "wb") as o:
        p = start_process(argv, err, stdout=o)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_process(p, STOP_WAIT)
            raise Fail("still running after %.0f s: %s" % (timeout, " ".join(argv)))
    t = time.monotonic() - t0
    with open(log, "rb") as f:
        e = f.read().decode("utf-8", "replace")
    with open(out, "rb") as f:
        o = f.read().decode("utf-8", "replace")
    report = sanitizer_report(e)
    if report:
        raise Fail("sanitizer report: %s (see %s)" % (report, log))
    return p.returncode, o, e, t


@test("options: a port in use: exit non-zero within 2 s, naming the port")
def _():
    port = free_ports(1)[0]
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.settimeout(TIMEOUT)
    try:
        holder.bind((HOST4, port))
        holder.listen(8)
        rc, out, err, t = expect_exit([BIN, "--runtime", BACKEND, "-a", HOST4, "-p", str(port), "-t", "1"], 2.0)
        check(rc not in (0, None) and rc > 0, "exit status %s" % rc)
        lines = err.strip().splitlines()
        check(len(lines) == 1 and str(port) in lines[0], "stderr %r does not name port %d in one line" % (err, port))
    finally:
        holder.close()
    with Server(["-b", "first"]) as s:  # held by another statico (SO_REUSEPORT)
        rc, out, err, t = expect_exit([BIN, "--runtime", BACKEND, "-a", HOST4, "-p", str(s.port), "-t", "1"], 2.0)
        check(rc > 0, "a second statico on port %d: exit status %s" % (s.port, rc))
        check(str(s.port) in err, "stderr %r does not name port %d" % (err, s.port))
        eq(one_get(s.port).body, b"first", "the first server still answers")


BAD_ARGS = [
    # (arguments, exit status (None: any non-zero), what the message must name)
    (["-t", "0"], 2, ["-t", "'0'"]),
    (["-t", "x"], 2, ["-t", "'x'"]),
    (["-p", "0,8080"], 2, ["-p", "'0,8080'"]),  # -p 0 alone is an ephemeral port
    (["-p", "70000"], 2, ["-p", "70000"]),
    (["-p", "10-5"], 2, ["-p", "10-5"]),
    (["-s", "99"], 2, ["-s", "99"]),
    (["-s", "600"], 2, ["-s", "600"]),
    (["-H", "bad header"], 2, ["-H", "bad header"]),
    (["-H", "Content-Length: 5"], None, ["Content-Length"]),
    (["-b", "@/nonexistent"], 2, ["/nonexistent"]),
    (["--runtime", "foo"], 2, ["--runtime", "foo"]),
    (["--unknown"], 2, ["--unknown"]),
    (["-s", "204", "-b", "x"], None, ["204"]),
    (["-p"], 2, ["-p"]),
    (["--no-date=1"], 2, ["--no-date"]),
    (["--max-head", "100"], 2, ["--max-head", "100"]),
    (["--header-timeout", "5x"], 2, ["--header-timeout", "5x"]),
    (["--route", "GET"], 2, ["--route", "GET"]),
    (["-a", "nonsense"], 2, ["nonsense"]),  # a bad argument exits with 2 (examples/cli.c)
]


def bad_arg_check(args, status, names):
    def f():
        port = free_ports(1)[0]  # if it starts after all, it listens there
        rc, out, err, t = expect_exit([BIN, "--runtime", BACKEND, "-a", HOST4, "-p", str(port), "-t", "1"] + args)
        if status is None:
            check(rc > 0, "exit status %s, want non-zero" % rc)
        else:
            eq(rc, status, "exit status")
        lines = [line for line in err.splitlines() if line.strip()]
        check(len(lines) == 1, "stderr is not one line: %r" % err)
        check(lines[0].startswith("statico: "), "stderr %r does not start with 'statico: '" % lines[0])
        for n in names:
            check(n in lines[0], "stderr %r does not name %r" % (lines[0], n))
        eq(out, "", "stdout")
    return f


for _args, _status, _names in BAD_ARGS:
    test("options: bad argument %s" % " ".join(_args))(bad_arg_check(_args, _status, _names))


@test("options: -h prints usage and exits 0")
def _():
    for opt in ("-h", "--help"):
        rc, out, err, t = expect_exit([BIN, opt])
        eq(rc, 0, "%s exit status" % opt)
        check(out.startswith("usage: statico"), "%s stdout %s" % (opt, short(out)))
        for o in ("--runtime", "--route", "--bind-all", "--header-timeout"):
            check(o in out, "%s does not list %s" % (opt, o))
        eq(err, "", "%s stderr" % opt)


@test("options: -V prints the version")
def _():
    want = None
    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "statico.h"), "rb") as f:
            m = re.search(rb'#define STATICO_VERSION "([^"]+)"', f.read())
            want = m and m.group(1).decode()
    except OSError:
        pass
    for opt in ("-V", "--version"):
        rc, out, err, t = expect_exit([BIN, opt])
        eq(rc, 0, "%s exit status" % opt)
        check(re.match(r"^statico \d+\.\d+\.\d+\n$", out), "%s stdout %r" % (opt, out))
        if want:
            eq(out, "statico %s\n" % want, "%s stdout" % opt)


# load ---------------------------------------------------------------------

@test("wrk: -t1 -c16 -d2s, at least 1000 requests, no errors", needs="wrk")
def _():
    with Server(["-b", "wrk", "-H", "Content-Type: text/plain"]) as s:
        r = run_tool(["wrk", "-t1", "-c16", "-d2s", "--timeout", "2s", "http://%s:%d/" % (HOST4, s.port)], timeout=20)
        out = r.stdout.decode(errors="replace")
        eq(r.returncode, 0, "wrk exit status (%s)" % r.stderr.decode(errors="replace").strip())
        m = re.search(r"^\s*(\d+) requests in ", out, re.M)
        check(m is not None, "no request count in wrk output %r" % out)
        n = int(m.group(1))
        check(n >= 1000, "only %d requests" % n)
        for bad in ("Non-2xx", "Socket errors"):
            lines = [line.strip() for line in out.splitlines() if bad in line]
            check(not lines, "wrk: %s (%d requests)" % (lines[0] if lines else "", n))


# shutdown -----------------------------------------------------------------

@test("SIGTERM with a 50 MB response in flight: it arrives whole, then the server exits")
def _():
    body = bytes(range(256)) * (50 * 1024 * 1024 // 256)
    path = os.path.join(TMP, "body-50m.bin")
    with open(path, "wb") as f:
        f.write(body)
    s = Server(["-b", "@" + path])
    with s:
        with Conn(s.port, timeout=TIMEOUT) as c:
            c.send(get("/"))
            deadline = time.monotonic() + TIMEOUT
            while b"\r\n\r\n" not in c.buf or len(c.buf) < c.buf.find(b"\r\n\r\n") + 4 + 1:
                c._more(deadline, "the first bytes of the response")
            i = c.buf.find(b"\r\n\r\n") + 4
            m = re.search(rb"\r\nContent-Length: (\d+)\r\n", bytes(c.buf[:i]))
            check(m is not None, "no Content-Length in %s" % short(bytes(c.buf[:i])))
            n = int(m.group(1))
            eq(n, len(body), "Content-Length")
            got = bytearray(c.buf[i:])
            c.buf = bytearray()
            s.proc.send_signal(signal.SIGTERM)
            t0 = time.monotonic()
            mv = memoryview(bytearray(1 << 20))
            eof = False
            while len(got) < n and time.monotonic() - t0 < 15:
                try:
                    k = c.s.recv_into(mv)
                except socket.timeout:
                    break
                except ConnectionResetError:
                    raise Fail("connection reset after %d of %d body bytes" % (len(got), n))
                if not k:
                    eof = True
                    break
                got += mv[:k]
            t_read = time.monotonic() - t0
            check(len(got) == n, "got %d of %d body bytes in %.2f s after SIGTERM%s" %
                  (len(got), n, t_read, " (then the server closed)" if eof else ""))
            check(got == body, "the body differs from the file")
            done = time.monotonic()
            c.expect_eof(timeout=2)
        try:
            s.proc.wait(timeout=2 - (time.monotonic() - done) + 0.05)
        except subprocess.TimeoutExpired:
            raise Fail("the server was still running 2 s after the response was read")
        # leaving the with-block checks the exit status and stderr


@test("SIGTERM and SIGINT with idle and half-sent connections: exit 0 within 2 s")
def _():
    for sig in (signal.SIGTERM, signal.SIGINT):
        s = Server(["-b", "bye"])
        with s:
            with Conn(s.port) as idle, Conn(s.port) as half, Conn(s.port) as used:
                used.send(get("/"))
                eq(used.response().body, b"bye", "response")
                half.send(b"GET / HTTP/1.1\r\nHo")
                time.sleep(0.1)
                t0 = time.monotonic()
                s.proc.send_signal(sig)
                try:
                    s.proc.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    raise Fail("still running 2 s after %s" % signal.Signals(sig).name)
                for name, c in (("idle", idle), ("half-sent", half), ("used", used)):
                    try:
                        c.expect_eof(timeout=0.5)
                    except Fail as e:
                        if "reset" not in str(e):  # closed either way
                            raise Fail("%s connection after %s: %s" % (name, signal.Signals(sig).name, e))
            check(time.monotonic() - t0 < 2, "exit took %.2f s" % (time.monotonic() - t0))
            eq(s.proc.returncode, 0, "exit status after %s" % signal.Signals(sig).name)


# ---------------------------------------------------------------------------

class Skip(Exception):
    pass


def on_alarm(signum, frame):
    raise Fail("the check took over %d s" % CHECK_ALARM)


def on_term(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


def main(argv):
    global BIN, BACKEND, LOG_DIR, TMP, HAVE_IPV6
    args, only, verbose, log_dir, budget = [], None, False, None, 120.0
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("-k", "--log-dir", "--budget") and i + 1 < len(argv):
            if a == "-k":
                only = argv[i + 1]
            elif a == "--budget":
                budget = float(argv[i + 1])
            else:
                log_dir = argv[i + 1]
            i += 2
            continue
        if a == "-v":
            verbose = True
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            args.append(a)
        i += 1
    if len(args) != 2 or not re.match(r"^[a-z][a-z0-9_-]*$", args[1]):
        sys.stderr.write("usage: test_server.py BINARY BACKEND [--log-dir DIR] [--budget S] [-k TEXT] [-v]\n")
        return 2
    BIN, BACKEND = os.path.abspath(args[0]), args[1]
    if not os.access(BIN, os.X_OK):
        print("FAIL  %s is not an executable" % BIN)
        print("0 passed, 1 failed")
        return 1
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGALRM, on_alarm)
    TMP = tempfile.mkdtemp(prefix="statico-test-")
    LOG_DIR = log_dir or TMP
    os.makedirs(LOG_DIR, exist_ok=True)
    HAVE_IPV6 = socket.has_ipv6 and port_free(0, HOST6)
    passed = failed = 0
    end = time.monotonic() + budget
    try:
        for name, f, needs in TESTS:
            if only and only not in name:
                continue
            if needs and not shutil.which(needs):
                print("skip  %s: %s is not installed" % (name, needs))
                continue
            if time.monotonic() > end:
                failed += 1
                print("FAIL  %s: not run, the time budget (%.0f s) is spent" % (name, budget))
                continue
            CURRENT[0] = name
            t0 = time.monotonic()
            signal.alarm(CHECK_ALARM)
            try:
                f()
                ok, msg = True, None
            except Skip as e:
                ok, msg = None, str(e)
            except Exception as e:
                ok, msg = False, describe(e)
            finally:
                signal.alarm(0)
            t = time.monotonic() - t0
            if ok is None:
                print("skip  %s: %s" % (name, msg))
            elif ok:
                passed += 1
                if verbose:
                    print("ok    %s (%.2f s)" % (name, t))
            else:
                failed += 1
                print("FAIL  %s: %s" % (name, msg))
            sys.stdout.flush()
    except KeyboardInterrupt as e:
        print("FAIL  interrupted (%s) in %s" % (e, CURRENT[0]))
        failed += 1
    finally:
        for p in PROCS:
            if p.poll() is None:
                stop_process(p, STOP_WAIT)
        shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
