#!/usr/bin/env python3
"""tests/test_hardening.py - the hardening behaviours of the statico command
line (half-close, back-pressure, pipelined batches received in pieces, leaks
on close, graceful stop, body timeout,
unlimited discarded bodies, configured Connection and Date headers, argument
mistakes, the meter on stdout, the start-up notice, HTTP limits), against the
built binary on one backend.

    python3 tests/test_hardening.py BINARY BACKEND [-k TEXT] [-v]

BACKEND (epoll, poll, io_uring) is passed as --runtime to every server the
checks start (the start-up notice checks also start poll, epoll and io_uring
servers of their own). -k runs only the check groups whose name contains
TEXT (every check's name starts with its group's name); -v also prints the
checks that pass.

Every check group starts its own servers, on free ports of 127.0.0.1 (or
::1), with -t 1 unless it says otherwise. Every server is stopped with
SIGTERM (SIGKILL 3 s later); each server adds the check "... server exits 0
on SIGTERM", which fails when it did not exit 0 within those 3 s or its
stderr holds a sanitizer report. Every socket has a timeout, every loop a
bound, every group an alarm. When BINARY's path contains "asan" (or "tsan")
the resident-memory bounds are not checked (not counted); the counts are.

Prints one line per failed check, "FAIL name [backend] detail", and ends with
"N passed, N failed"; the exit status is 1 when a check failed.
"""
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpcheck import (HOST4, HOST6, TIMEOUT, BaseConn, Fail, await_ports, connect, describe, free_ports,  # noqa: E402
                       need, port_free, read_text, sanitizer_report, short, stop_problems, stop_process)

GROUP_ALARM = 45  # seconds: the most one check group may take
STOP_WAIT = 3.0  # seconds from SIGTERM to SIGKILL
REQ = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"

BIN = ""
BACKEND = ""
TMP = ""
SANITIZED = False  # an asan/tsan build: no memory bounds
HAVE_IPV6 = False
VERBOSE = False
PROCS = []
CURRENT = ["-"]
COUNTS = {"passed": 0, "failed": 0}


class Alarm(BaseException):  # not caught by a check's own handlers
    pass


def record(name, ok, detail=""):
    if ok:
        COUNTS["passed"] += 1
        if VERBOSE:
            print("ok   %s [%s]" % (name, BACKEND))
    else:
        COUNTS["failed"] += 1
        print("FAIL %s [%s] %s" % (name, BACKEND, " ".join(str(detail).split())))
    sys.stdout.flush()


def note(text):
    """A measurement, printed with -v."""
    if VERBOSE:
        print("     %s: %s" % (CURRENT[0], text))


class sub:
    """with sub("what"): one check of the running group; a Fail (or a socket
    error) inside fails it with its message."""

    def __init__(self, name):
        self.name = "%s: %s" % (CURRENT[0], name)

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is None:
            record(self.name, True)
            return False
        if issubclass(et, Exception):
            record(self.name, False, describe(ev))
            return True
        return False


# ---------------------------------------------------------------------------
# processes and servers

def hosts():
    """The addresses a server's ports must be free on."""
    return (HOST4, HOST6) if HAVE_IPV6 else (HOST4,)


class Server:
    """BINARY --runtime RT -a ADDRESS -p PORTS -t THREADS ARGS..., ready once
    its first and last ports accept connections. As a context manager it is
    stopped at the end, which adds the check "server exits 0 on SIGTERM"."""

    count = 0

    def __init__(self, args, threads=1, runtime=None, address=HOST4, env=None, nports=1, consecutive=False,
                 step=1, spec=None):
        self.args = list(args)
        self.threads = threads
        self.runtime = runtime or BACKEND
        self.address = address
        self.env = env
        self.nports, self.consecutive, self.step = nports, consecutive, step
        self.spec = spec or (lambda ports: ",".join(map(str, ports)))
        self.proc = None
        self.ports = []
        self.term_at = None
        self.result = None
        Server.count += 1
        self.errlog = os.path.join(TMP, "server-%d.stderr" % Server.count)
        self.outlog = os.path.join(TMP, "server-%d.stdout" % Server.count)

    @property
    def port(self):
        return self.ports[0]

    @property
    def host(self):
        return self.address.strip("[]") if ":" in self.address else HOST4

    def start(self):
        env = dict(os.environ)
        env.pop("STATICO_NO_IO_URING", None)
        if self.env:
            env.update(self.env)
        for attempt in range(4):
            self.ports = free_ports(self.nports, self.consecutive, self.step, hosts())
            self.argv = [BIN, "--runtime", self.runtime, "-a", self.address, "-p", self.spec(self.ports), "-t",
                         str(self.threads)] + self.args
            with open(self.errlog, "wb") as err, open(self.outlog, "wb") as out:
                self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                             env=env, close_fds=True)
            PROCS.append(self.proc)
            if await_ports(self.proc, sorted({self.ports[0], self.ports[-1]}), self.host, STOP_WAIT,
                           self.cmdline()):
                return self
            text = self.stderr()
            if "in use" in text and attempt < 3:
                continue
            raise Fail("server exited with status %s at start: %s (%s)" % (
                self.proc.returncode, (text.strip().splitlines() or ["no message"])[-1], self.cmdline()))
        raise Fail("server did not start")

    def cmdline(self):
        s = " ".join(self.argv[1:])
        return s if len(s) < 200 else s[:200] + "..."

    def stderr(self):
        return read_text(self.errlog)

    def stdout(self):
        return read_text(self.outlog)

    def term(self):
        """SIGTERM now; stop() then waits for the exit up to STOP_WAIT s from here."""
        if self.term_at is None:
            self.term_at = time.monotonic()
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
        return self.term_at

    def stop(self):
        """(exit status, killed, seconds to exit), once."""
        if self.result is None:
            self.result = stop_process(self.proc, STOP_WAIT, self.term_at)
        return self.result

    def problem(self):
        rc, killed, took = self.stop()
        problems = stop_problems(rc, killed, self.stderr(), STOP_WAIT)
        return "; ".join(problems) + " (%s)" % self.cmdline() if problems else None

    def __enter__(self):
        return self.start()

    def __exit__(self, et, ev, tb):
        problem = self.problem()
        record("%s: server exits 0 on SIGTERM, no sanitizer report" % CURRENT[0], problem is None, problem)
        return False


def mem_kb(pid):
    """(VmRSS, VmHWM) in kB."""
    d = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    d[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return d.get("VmRSS", 0), d.get("VmHWM", 0)


def cli(args, timeout=2.0):
    """Run the binary to its exit: (status or None when still running after
    timeout s, then killed; stdout; stderr)."""
    p = subprocess.Popen([BIN] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         close_fds=True)
    PROCS.append(p)
    try:
        out, err = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        stop_process(p, STOP_WAIT)
        out, err = p.communicate()
        rc = None
    return rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


# ---------------------------------------------------------------------------
# responses

class Bad(Exception):
    pass


class Response:
    def __init__(self, version, status, reason, headers, head):
        self.version, self.status, self.reason, self.headers, self.head = version, status, reason, headers, head
        self.body = b""

    def all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    def header(self, name):
        v = self.all(name)
        return v[0] if v else None

    @property
    def status_line(self):
        return self.head.split(b"\r\n", 1)[0].decode("latin-1")

    def __repr__(self):
        return "<%s %s>" % (self.status_line, short(self.body, 40))


def parse_response(buf, pos=0, head_only=False):
    """The response at buf[pos:]: (Response, end), or (None, pos) when it is
    not all there yet. Raises Bad for what is not a response."""
    i = buf.find(b"\r\n\r\n", pos)
    if i < 0:
        if len(buf) - pos > 65536:
            raise Bad("response head over 64 KiB")
        k = min(7, len(buf) - pos)
        if bytes(buf[pos:pos + k]) != b"HTTP/1."[:k]:
            raise Bad("not a response: %s" % short(bytes(buf[pos:pos + 80])))
        return None, pos
    raw = bytes(buf[pos:i + 4])
    lines = raw[:-4].split(b"\r\n")
    m = re.match(rb"HTTP/(1\.[01]) (\d\d\d) ([^\r\n]*)$", lines[0])
    if not m:
        raise Bad("bad status line %s" % short(lines[0]))
    headers = []
    for line in lines[1:]:
        k, sep, v = line.partition(b":")
        if not sep or not re.match(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", k):
            raise Bad("bad header line %s" % short(line))
        headers.append((k.decode("latin-1"), v.strip(b" \t").decode("latin-1")))
    r = Response(m.group(1).decode(), int(m.group(2)), m.group(3).decode("latin-1"), headers, raw)
    end = i + 4
    if head_only or r.status < 200 or r.status in (204, 304):
        return r, end
    cl = r.header("Content-Length")
    if cl is None or not cl.isdigit():
        raise Bad("response %d without a valid Content-Length: %s" % (r.status, short(raw)))
    n = int(cl)
    if len(buf) - end < n:
        return None, pos
    r.body = bytes(buf[end:end + n])
    return r, end + n


def parse_all(data):
    """Every whole response in data: (responses, trailing bytes, error or None)."""
    out, pos = [], 0
    try:
        while pos < len(data):
            r, end = parse_response(data, pos)
            if r is None:
                break
            out.append(r)
            pos = end
    except Bad as e:
        return out, data[pos:], str(e)
    return out, data[pos:], None


class Conn(BaseConn):
    def readable(self, wait=0.0):
        return bool(select.select([self.s], [], [], wait)[0])

    def response(self, timeout=None, head_only=False):
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                r, end = parse_response(self.buf, 0, head_only)
            except Bad as e:
                raise Fail(str(e))
            if r is not None:
                del self.buf[:end]
                return r
            self._more(deadline, "a response")

    def read_to_eof(self, timeout):
        """Everything until the peer's FIN: (bytes, how it ended: eof,
        ECONNRESET, timeout or the error)."""
        deadline = time.monotonic() + timeout
        data = bytearray(self.buf)
        self.buf = bytearray()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return bytes(data), "timeout after %.1f s" % timeout
            self.s.settimeout(min(left, self.timeout))
            try:
                d = self.s.recv(1 << 20)
            except socket.timeout:
                continue
            except ConnectionResetError:
                return bytes(data), "ECONNRESET"
            except OSError as e:
                return bytes(data), describe(e)
            if not d:
                return bytes(data), "eof"
            data += d

    def expect_eof(self, timeout=3.0):
        need(not self.buf, "unexpected bytes %s" % short(bytes(self.buf)))
        data, how = self.read_to_eof(timeout)
        need(not data, "unexpected bytes before the close: %s" % short(data))
        need(how == "eof", "no clean close: %s" % how)

    def stream(self, pieces):
        """Send the pieces one after another, stopping early when the server
        has answered (or the send fails): None, or why it stopped."""
        sent = 0
        for p in pieces:
            if self.readable():
                return "the server answered after %d bytes" % sent
            try:
                self.s.sendall(p)
            except socket.timeout:
                return "send blocked for %.0f s after %d bytes" % (self.timeout, sent)
            except OSError as e:
                return "send failed after %d bytes: %s" % (sent, describe(e))
            sent += len(p)
        return None


def conn_headers(r):
    return r.all("Connection")


# ---------------------------------------------------------------------------
# the checks

GROUPS = []


def group(name):
    def deco(f):
        GROUPS.append((name, f))
        return f
    return deco


# 1. half-close, plain

def half_close(args, body_len):
    with Server(args) as srv:
        with Conn(srv.port, timeout=TIMEOUT) as c:
            c.send(REQ * 1000)
            c.s.shutdown(socket.SHUT_WR)
            data, how = c.read_to_eof(15)
        resps, rest, err = parse_all(data)
        with sub("1000 pipelined GETs then SHUT_WR: 1000 complete 200 responses"):
            need(err is None, "%s after %d responses" % (err, len(resps)))
            need(len(resps) == 1000 and not rest,
                 "%d responses, %d bytes of an incomplete one (ended: %s)" % (len(resps), len(rest), how))
            bad = [r for r in resps if r.status != 200 or len(r.body) != body_len]
            need(not bad, "%d responses not 200 with a %d-byte body, first %r" % (len(bad), body_len, bad[:1]))
        with sub("then a clean EOF"):
            need(how == "eof", "ended with %s" % how)


@group("half-close plain")
def t_half_close():
    half_close([], 0)


@group("half-close plain -b 100 bytes")
def t_half_close_body():
    half_close(["-b", "b" * 100], 100)


# 2. half-close with delay

@group("half-close with -d 100ms")
def t_half_close_delay():
    with Server(["-d", "100ms"]) as srv:
        for n in (5, 1):
            with Conn(srv.port) as c:
                c.send(REQ * n)
                c.s.shutdown(socket.SHUT_WR)
                data, how = c.read_to_eof(5)
            resps, rest, err = parse_all(data)
            with sub("%d pipelined then SHUT_WR: %d responses" % (n, n)):
                need(err is None, err)
                need(len(resps) == n and not rest and all(r.status == 200 for r in resps),
                     "%d responses %r, %d bytes more (ended: %s)" % (len(resps), resps[:2], len(rest), how))
            with sub("%d pipelined then SHUT_WR: then EOF" % n):
                need(how == "eof", "ended with %s" % how)


# 2b. output kept while the client does not read is intact and in order

@group("pipelined output read late: every body in order")
def t_pipelined_intact():
    bodies = {b"/a": b"A" * 7, b"/b": b"bb" * 300, b"/c": b"".join(b"%05d" % i for i in range(400))}
    args = []
    for path, body in bodies.items():
        args += ["--route", "GET " + path.decode(), "-b", body.decode()]
    order = [(b"/a", b"/b", b"/c")[(i * 7 + i // 3) % 3] for i in range(20000)]
    payload = b"".join(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % p for p in order)
    with Server(args) as srv:
        with Conn(srv.port, timeout=TIMEOUT) as c:
            c.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
            snd = Sender(c.s, payload, time.monotonic() + 20)
            snd.start()
            time.sleep(1.0)  # nothing read for a while: the server holds what it owes
            got = bytearray()
            end = time.monotonic() + 30
            want_len = sum(len(bodies[p]) for p in order)  # the bodies alone: a lower bound
            while time.monotonic() < end:
                c.s.settimeout(2)
                try:
                    d = c.s.recv(1 << 16)
                except socket.timeout:
                    if snd.finished:
                        break
                    continue
                if not d:
                    break
                got += d
                if len(got) >= want_len and snd.finished:
                    resps, rest, err = parse_all(bytes(got))
                    if len(resps) >= len(order):
                        break
            snd.join(5)
        resps, rest, err = parse_all(bytes(got))
        with sub("20000 pipelined GETs of 3 routes, read late: every response in order, bodies intact"):
            need(err is None, "%s after %d responses" % (err, len(resps)))
            need(len(resps) == len(order), "%d responses of %d (sent %d bytes of %d)" % (
                len(resps), len(order), snd.sent, len(payload)))
            bad = [i for i, r in enumerate(resps) if r.body != bodies[order[i]]]
            need(not bad, "%d bodies differ, first at response %d" % (len(bad), bad[0] if bad else -1))


# 2c. a response the socket takes only in part goes out whole, and what the
# client asks meanwhile comes after it (io_uring: the unsent end of a send
# goes before the queue)

@group("response larger than the socket takes: sent whole, in order")
def t_short_send():
    bodies = {b"/a": b"".join(b"a%05d" % i for i in range(2000)), b"/b": b"".join(b"b%05d" % i for i in range(1500))}
    args = ["--send-buffer-size", "2048"]
    for path, body in bodies.items():
        args += ["--route", "GET " + path.decode(), "-b", body.decode()]
    order = [(b"/a", b"/b")[i % 3 == 0] for i in range(40)]
    with Server(args) as srv:
        s = socket.socket(socket.AF_INET6 if ":" in srv.host else socket.AF_INET)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)  # the server's sends come back short
        s.settimeout(TIMEOUT)
        s.connect((srv.host, srv.port))
        got = bytearray()
        try:
            for i, path in enumerate(order):  # one at a time, the next sent while the last is still going out
                s.sendall(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % path)
                time.sleep(0.002)
                if i % 4 == 3:
                    end = time.monotonic() + 10
                    while len(parse_all(bytes(got))[0]) < i + 1 and time.monotonic() < end:
                        d = s.recv(1 << 16)
                        if not d:
                            break
                        got += d
        finally:
            s.close()
        resps, rest, err = parse_all(bytes(got))
        with sub("40 GETs of 12 and 9 KB bodies into a 2 KB socket buffer: every body whole, in order"):
            need(err is None and not rest, "%s after %d responses, %d bytes more" % (err, len(resps), len(rest)))
            need(len(resps) == len(order), "%d responses of %d" % (len(resps), len(order)))
            bad = [i for i, r in enumerate(resps) if r.body != bodies[order[i]]]
            need(not bad, "%d bodies differ, first at response %d" % (len(bad), bad[0] if bad else -1))


# 2d'. a pipelined batch that reaches the server in pieces (a receive buffer's
# end, or larger than one read): its answers leave in one piece, not two of
# which Nagle's algorithm holds the second until the client's delayed
# acknowledgement (40 ms or more; the client waits for all of them)

def batch_rounds(srv, batch, depth, rounds):
    """Seconds each round takes: the batch sent, all depth answers read."""
    s = socket.create_connection((srv.host, srv.port), TIMEOUT)
    times = []
    try:
        for _ in range(rounds):
            t0 = time.monotonic()
            s.sendall(batch)
            got, tail = 0, b""
            while got < depth:  # status lines counted, also across reads
                d = s.recv(1 << 20)
                need(d, "closed after %d answers" % got)
                got += (tail + d).count(b"HTTP/1.1 200")
                tail = (tail + d)[-11:]
            times.append(time.monotonic() - t0)
    finally:
        s.close()
    return times


@group("pipelined batches received in pieces: answered without a 40 ms stall")
def t_batch_pieces():
    with Server([]) as srv:
        small = batch_rounds(srv, REQ * 16, 16, 400)  # 16 of 27 bytes: some reach a buffer's end
        large = batch_rounds(srv, REQ * 1000, 1000, 10)  # 27 KB: more than one receive buffer
    for name, times, most in (("400 batches of 16 requests", small, 2), ("10 batches of 1000 requests", large, 1)):
        slow = [t for t in times if t >= 0.038]
        note("%s: median %.2f ms, %d of %d took 38 ms or more" % (name, 1000 * sorted(times)[len(times) // 2], len(slow), len(times)))
        with sub("%s: at most %d took 38 ms or more" % (name, most)):
            need(len(slow) <= most, "%d did: %s ms" % (len(slow), " ".join("%.0f" % (1000 * t) for t in slow[:10])))


# 2e. large bodies go out with sendfile from a memfd (Linux): whole, in order,
# to a client that reads late, with HEAD and a smaller body between them

def wchar(pid):
    """Bytes the process wrote through the VFS: sendfile counts, send() does not."""
    with open("/proc/%d/io" % pid) as f:
        return int(re.search(r"^wchar: (\d+)", f.read(), re.M).group(1))


@group("large bodies: sendfile from a memfd")
def t_sendfile():
    big = bytes((i * 7 + i // 251) & 255 for i in range(1 << 20))
    path = os.path.join(TMP, "big.bin")
    with open(path, "wb") as f:
        f.write(big)
    small = b"s" * 1000
    for env, files in (({}, True), ({"STATICO_SENDFILE_MIN": "0"}, False)):
        with Server(["-b", "@" + path, "--route", "GET /small", "-b", small.decode()], env=env) as srv:
            w0 = wchar(srv.proc.pid)
            order = [b"GET /big", b"HEAD /big", b"GET /small", b"GET /big", b"GET /big"]
            with Conn(srv.port, timeout=TIMEOUT) as c:
                c.send(b"".join(m + b" HTTP/1.1\r\nHost: x\r\n\r\n" for m in order))
                time.sleep(0.3)  # read late: the socket fills, the rest waits for room
                got = []
                for m in order:
                    got.append(c.response(head_only=m.startswith(b"HEAD")))
            sent = wchar(srv.proc.pid) - w0
            what = "sendfile" if files else "STATICO_SENDFILE_MIN=0: send"
            with sub("%s: 1 MiB bodies whole and in order, HEAD and a small body between" % what):
                want = [big, b"", small, big, big]
                bad = [i for i, r in enumerate(got) if r.status != 200 or r.body != want[i]]
                need(not bad, "responses %r differ" % bad)
                need(got[1].header("Content-Length") == str(len(big)), "HEAD: %r" % got[1])
            with sub("%s: %s" % (what, "the bodies went out through sendfile" if files else "no sendfile")):
                need(sent >= 3 * len(big) if files else sent < len(big), "%d bytes written through the VFS" % sent)
    # below the default threshold (128 KiB, where sendfile starts to pay) bodies are copied
    mid = big[:100000]
    with open(path, "wb") as f:
        f.write(mid)
    with Server(["-b", "@" + path]) as srv:
        w0 = wchar(srv.proc.pid)
        with Conn(srv.port, timeout=TIMEOUT) as c:
            c.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 3)
            got = [c.response() for _ in range(3)]
        sent = wchar(srv.proc.pid) - w0
        with sub("a 100,000-byte body (below 128 KiB): whole, and sent without sendfile"):
            need(all(r.status == 200 and r.body == mid for r in got), "bodies differ")
            need(sent < len(mid), "%d bytes written through the VFS" % sent)


# 2d. idle keep-alive connections cost little memory, from the first burst

def kernel_at_least(major, minor):
    m = re.match(r"(\d+)\.(\d+)", os.uname().release)
    return bool(m) and (int(m.group(1)), int(m.group(2))) >= (major, minor)


@group("idle keep-alive connections: memory each")
def t_idle_memory():
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4096 and hard >= 4096:
        resource.setrlimit(resource.RLIMIT_NOFILE, (4096, hard))
    n = min(3000, resource.getrlimit(resource.RLIMIT_NOFILE)[0] - 200)
    # io_uring's receive buffers fill incrementally on Linux 6.12+; with
    # STATICO_URING_INC=0 or before 6.12 a burst touches a page of each of its
    # 1024 buffers (4 MiB) once
    whole = BACKEND == "io_uring" and (not kernel_at_least(6, 12) or os.environ.get("STATICO_URING_INC") == "0")
    with Server([]) as srv:
        socks = []
        try:
            time.sleep(0.2)
            base = mem_kb(srv.proc.pid)[0]
            for _ in range(n):
                c = socket.create_connection((srv.host, srv.port), TIMEOUT)
                c.sendall(REQ)
                socks.append(c)
            for c in socks:
                c.settimeout(TIMEOUT)
                need(c.recv(4096).startswith(b"HTTP/1.1 200"), "no response")
            time.sleep(0.3)
            per = (mem_kb(srv.proc.pid)[0] - base) * 1024.0 / n
        finally:
            for c in socks:
                c.close()
        note("%d connections, %.0f bytes each" % (n, per))
        if not SANITIZED and not whole:
            with sub("%d idle keep-alive connections, each answered once: at most 192 bytes of RSS each" % n):
                need(per <= 192, "%.0f bytes each" % per)


# 3. back-pressure: a client that pipelines without reading

class Sender(threading.Thread):
    """Sends payload on s (timeout set) until done or the deadline, counting
    what the socket took; blocks when the server stops reading."""

    def __init__(self, s, payload, deadline):
        threading.Thread.__init__(self, daemon=True)
        self.s, self.payload, self.deadline = s, memoryview(payload), deadline
        self.sent = 0
        self.last = time.monotonic()
        self.error = None
        self.finished = False

    def run(self):
        try:
            while self.sent < len(self.payload) and time.monotonic() < self.deadline:
                try:
                    n = self.s.send(self.payload[self.sent:self.sent + 65536])
                except socket.timeout:
                    continue
                self.sent += n
                self.last = time.monotonic()
        except OSError as e:
            self.error = describe(e)
        finally:
            self.finished = True


@group("back-pressure: 300000 pipelined, not read")
def t_backpressure():
    n_req = 300000
    with Server([]) as srv:
        time.sleep(0.1)
        start_rss, _ = mem_kb(srv.proc.pid)
        s = connect(srv.port, timeout=1.0)
        try:
            t0 = time.monotonic()
            snd = Sender(s, REQ * n_req, t0 + 20)
            snd.start()
            peak = start_rss
            stalled = False
            # not reading until the sender has made no progress for 1 s (it
            # stalled, or it finished and the server has had 1 s to take it in)
            while time.monotonic() < t0 + 20:
                peak = max([peak] + list(mem_kb(srv.proc.pid)))
                if time.monotonic() - snd.last > 1.0:
                    stalled = not snd.finished
                    break
                time.sleep(0.05)
            peak = max([peak] + list(mem_kb(srv.proc.pid)))
            phase = "sender %s after %d of %d requests in %.1f s" % (
                "stalled" if stalled else "finished" if snd.finished else "still going", snd.sent // len(REQ),
                n_req, time.monotonic() - t0)
            # read everything: the sender goes on as the server reads again
            data = bytearray()
            count, carry, how = 0, b"", None
            rdeadline = time.monotonic() + 25
            while time.monotonic() < rdeadline:
                if snd.finished and count >= snd.sent // len(REQ):
                    break
                try:
                    d = s.recv(1 << 20)
                except socket.timeout:
                    continue
                except OSError as e:
                    how = describe(e)
                    break
                if not d:
                    how = "EOF"
                    break
                data += d
                joined = carry + d
                count += joined.count(b"\r\n\r\n")
                carry = joined[-3:]
            snd.join(2)
        finally:
            s.close()
        expected = snd.sent // len(REQ)
        note("start RSS %d kB, peak %d kB; %s; %d responses read" % (start_rss, peak, phase, count))
        if not SANITIZED:
            with sub("peak RSS below start + 40 MB while the client does not read"):
                need(peak < start_rss + 40 * 1024, "start %d kB, peak %d kB (+%.1f MB); %s" % (
                    start_rss, peak, (peak - start_rss) / 1024.0, phase))
        with sub("every request sent is answered once the client reads"):
            need(snd.error is None, "sending failed: %s (%s)" % (snd.error, phase))
            need(snd.finished, "the sender did not finish (%s)" % phase)
            need(how is None, "reading ended with %s after %d of %d responses" % (how, count, expected))
            need(count == expected and data.count(b"HTTP/1.1 200 OK\r\n") == expected and data.endswith(b"\r\n\r\n"),
                 "%d responses (%d whole 200s) for %d requests sent (%s)" % (
                     count, data.count(b"HTTP/1.1 200 OK\r\n"), expected, phase))
            need(expected == n_req, "only %d of %d requests could be sent in 20 s (%s)" % (expected, n_req, phase))


# 4. delay back-pressure

@group("back-pressure with -d 2s")
def t_delay_backpressure():
    n_req = 200000
    with Server(["-d", "2s"]) as srv:
        time.sleep(0.1)
        start_rss, _ = mem_kb(srv.proc.pid)
        s = connect(srv.port, timeout=1.0)
        fresh = {}

        def fresh_get():
            t = time.monotonic()
            try:
                with Conn(srv.port, timeout=6.0) as c:
                    c.send(REQ)
                    r = c.response(timeout=6.0)
                    fresh["r"] = r
            except Exception as e:
                fresh["error"] = describe(e)
            fresh["t"] = time.monotonic() - t

        try:
            t0 = time.monotonic()
            snd = Sender(s, REQ * n_req, t0 + 5)
            snd.start()
            peak = start_rss
            th = None
            while time.monotonic() < t0 + 5:
                if th is None and time.monotonic() >= t0 + 1.0:
                    th = threading.Thread(target=fresh_get, daemon=True)
                    th.start()
                peak = max([peak] + list(mem_kb(srv.proc.pid)))
                time.sleep(0.05)
            peak = max([peak] + list(mem_kb(srv.proc.pid)))
            snd.join(3)
            th.join(max(0.1, t0 + 8 - time.monotonic()))
        finally:
            s.close()
        note("start RSS %d kB, peak %d kB; %d requests sent; fresh GET %s" % (
            start_rss, peak, snd.sent // len(REQ), fresh))
        if not SANITIZED:
            with sub("peak RSS below start + 40 MB while the client does not read"):
                need(peak < start_rss + 40 * 1024, "start %d kB, peak %d kB (+%.1f MB); %d requests sent" % (
                    start_rss, peak, (peak - start_rss) / 1024.0, snd.sent // len(REQ)))
        with sub("a fresh connection's GET is answered within 2 s + 3 s"):
            need("r" in fresh, "no response: %s after %.1f s" % (fresh.get("error", "still waiting"),
                                                                  fresh.get("t", -1)))
            need(fresh["r"].status == 200 and fresh["t"] < 5.0, "%r after %.2f s" % (fresh["r"], fresh["t"]))


# 5. leaks on close

@group("leaks: clients close while -d 1s responses wait")
def t_leak_delay_close():
    with Server(["-d", "1s"]) as srv:
        for _ in range(3):
            with Conn(srv.port) as c:
                c.send(REQ)
        time.sleep(0.2)


@group("leaks: -vvv client closes inside a kept body")
def t_leak_body_close():
    with Server(["-vvv"]) as srv:
        with Conn(srv.port) as c:
            c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + b"k" * 50000)
            time.sleep(0.1)
        time.sleep(0.2)


@group("leaks: SIGTERM while -d 5s responses wait")
def t_leak_term_pending():
    conns = []
    try:
        with Server(["-d", "5s"]) as srv:
            for _ in range(3):
                c = Conn(srv.port)
                conns.append(c)
                c.send(REQ)
            time.sleep(0.2)
            srv.term()
            rc, killed, took = srv.stop()
            with sub("exits within 3 s"):
                need(not killed, "still running %.0f s after SIGTERM" % STOP_WAIT)
    finally:
        for c in conns:
            c.close()


# 6. graceful stop under load

def graceful_client(s, t_end, rec):
    """Send GET, read one whole response, again, on connection s; rec says
    how it went and how the connection ended."""
    buf = bytearray()
    try:
        while True:
            if time.monotonic() > t_end:
                rec["end"] = "still open at the 3 s bound"
                return
            s.sendall(REQ)
            while True:
                try:
                    r, end = parse_response(buf)
                except Bad as e:
                    rec["end"] = rec["bad"] = "bad response: %s" % e
                    return
                if r is not None:
                    del buf[:end]
                    break
                d = s.recv(65536)
                if not d:
                    if buf:
                        rec["end"] = rec["bad"] = "EOF inside a response (%s)" % short(bytes(buf), 80)
                    else:
                        rec["end"] = "eof"
                    return
                buf += d
            rec["responses"] += 1
            rec["last_t"] = time.monotonic()
            rec["last_close"] = [v.lower() for v in r.all("Connection")] == ["close"]
            if r.status != 200:
                rec["bad"] = "status %d" % r.status
            if rec["last_close"]:
                rec["closes"] += 1
                d = s.recv(65536)
                rec["end"] = "eof" if not d and not buf else "bytes after Connection: close"
                return
    except ConnectionResetError:
        rec["end"] = "ECONNRESET"
    except BrokenPipeError:
        rec["end"] = "EPIPE"
    except socket.timeout:
        rec["end"] = "timeout (1 s)"
    except OSError as e:
        rec["end"] = describe(e)
    finally:
        s.close()


def graceful(threads):
    with Server(["-b", "graceful"], threads=threads) as srv:
        socks = []
        try:
            for _ in range(40):
                socks.append(connect(srv.port, timeout=1.0))
        except OSError:
            for s in socks:
                s.close()
            raise
        t0 = time.monotonic()
        recs = [dict(responses=0, end=None, last_t=None, last_close=False, closes=0, bad=None) for _ in range(40)]
        ths = [threading.Thread(target=graceful_client, args=(s, t0 + 3.0, rec), daemon=True)
               for s, rec in zip(socks, recs)]
        for t in ths:
            t.start()
        time.sleep(max(0.0, t0 + 0.5 - time.monotonic()))
        t_sig = srv.term()
        for t in ths:
            t.join(max(0.1, t0 + 6 - time.monotonic()))
        srv.stop()
        ends = {}
        for rec in recs:
            ends[rec.get("end")] = ends.get(rec.get("end"), 0) + 1
        tally = ", ".join("%s: %d" % (k, v) for k, v in sorted(ends.items(), key=lambda kv: -kv[1]))
        total = sum(r.get("responses", 0) for r in recs)
        with sub("served before the signal"):
            need(total > 0, "no response before the signal (%s)" % tally)
        with sub("zero ECONNRESET"):
            need(not ends.get("ECONNRESET") and not ends.get("EPIPE"), tally)
        with sub("every connection ends with a clean EOF"):
            need(ends.get("eof") == 40, tally)
        with sub("every response read is complete"):
            bad = [r["bad"] for r in recs if r.get("bad")]
            need(not bad, "%d connections: %s" % (len(bad), bad[0] if bad else ""))
        with sub("the last response after SIGTERM has Connection: close or EOF right after it"):
            after = [r for r in recs if r.get("last_t") and r["last_t"] > t_sig]
            wrong = [r for r in after if not (r["last_close"] or r["end"] == "eof")]
            need(not wrong, "%d of %d connections answered after the signal: ended %s" % (
                len(wrong), len(after), wrong[0]["end"] if wrong else ""))


@group("graceful stop under load -t 1")
def t_graceful1():
    graceful(1)


@group("graceful stop under load -t 2")
def t_graceful2():
    graceful(2)


# 7. body timeout

def expect_408(c, t0, what):
    r = c.response(timeout=max(0.1, t0 + 4.0 - time.monotonic()))
    dt = time.monotonic() - t0
    need(r.status_line == "HTTP/1.1 408 Request Timeout", "%s: got %r after %.2f s" % (what, r, dt))
    need(0.9 <= dt <= 3.0, "%s: 408 after %.2f s, want 1-3 s" % (what, dt))
    need(conn_headers(r) == ["close"], "%s: Connection headers %r" % (what, conn_headers(r)))
    c.expect_eof(2.0)


def body_timeout_408(check, request, what, then=None):
    """A --body-timeout 1s server, one connection that sends request, then
    (when given) then(c, t0), and the 408 that must follow."""
    with Server(["--body-timeout", "1s"]) as srv:
        with sub(check):
            with Conn(srv.port) as c:
                t0 = time.monotonic()
                c.send(request)
                if then:
                    then(c, t0)
                expect_408(c, t0, what)


@group("body timeout 1s: 3 of 10 bytes")
def t_body_timeout_partial():
    body_timeout_408("408 with Connection: close within 1-3 s, then EOF",
                     b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc", "3 of 10 body bytes")


@group("body timeout 1s: trickled body")
def t_body_timeout_trickle():
    def trickle(c, t0):
        for _ in range(100):
            if c.readable(0.4) or time.monotonic() > t0 + 3.5:
                break
            try:
                c.send(b"t")
            except OSError:
                break

    body_timeout_408("a byte every 0.4 s is cut: 408 within 1-3 s",
                     b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n", "1 byte per 0.4 s", trickle)


@group("body timeout 1s: Expect 100-continue")
def t_body_timeout_expect():
    def continued(c, t0):
        r = c.response(timeout=3.0)
        need(r.status_line == "HTTP/1.1 100 Continue", "first response %r" % r)

    body_timeout_408("100 Continue, then nothing: 408 within 1-3 s",
                     b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n",
                     "after 100 Continue", continued)


@group("body timeout 1s: 64 KiB in 1 KiB pieces every 0.1 s")
def t_body_timeout_slow_ok():
    with Server(["--body-timeout", "1s"]) as srv:
        with sub("answered 200"):
            with Conn(srv.port) as c:
                c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n")
                early = None
                for i in range(64):
                    if i:
                        time.sleep(0.1)
                    early = c.stream([b"p" * 1024])
                    if early:
                        break
                r = c.response(timeout=3.0)
                need(r.status == 200, "%r (%s)" % (r, early or "whole body sent"))


@group("body timeout: help")
def t_body_timeout_help():
    with sub("statico -h mentions --body-timeout, default 10s"):
        rc, out, err = cli(["-h"])
        lines = out.splitlines()
        at = [i for i, l in enumerate(lines) if "--body-timeout" in l]
        need(rc == 0 and at, "exit %s, no --body-timeout line in the help" % rc)
        text = lines[at[0]]
        for l in lines[at[0] + 1:]:  # its continuation lines
            if not l.startswith("      ") or l.lstrip().startswith("-"):
                break
            text += " " + l.strip()
        need(re.search(r"\b10 ?s\b", text), "no 10s default in %r" % " ".join(text.split()))


# 8. discarded bodies have no limit by default

@group("discarded body: 200 MB Content-Length")
def t_discard_cl():
    total = 200000000
    with Server([]) as srv:
        with sub("answered 200"):
            with Conn(srv.port, timeout=10) as c:
                c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % total)
                mib = b"d" * (1 << 20)
                pieces = [mib] * (total >> 20) + [mib[:total & ((1 << 20) - 1)]]
                early = c.stream(pieces)
                r = c.response(timeout=10)
                need(r.status == 200, "%r (%s)" % (r, early or "whole body sent"))


@group("discarded body: 200 MiB chunked")
def t_discard_chunked():
    with Server([]) as srv:
        with sub("answered 200"):
            with Conn(srv.port, timeout=10) as c:
                c.send(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                chunk = b"100000\r\n" + b"c" * (1 << 20) + b"\r\n"
                early = c.stream([chunk] * 200 + [b"0\r\n\r\n"])
                r = c.response(timeout=10)
                need(r.status == 200, "%r (%s)" % (r, early or "whole body sent"))


@group("discarded body: --max-body 1000")
def t_discard_max_body():
    with Server(["--max-body", "1000"]) as srv:
        with sub("Content-Length: 1001 gets 413"):
            with Conn(srv.port) as c:
                c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n" + b"m" * 1001)
                r = c.response()
                need(r.status == 413, repr(r))


@group("kept body: -vvv 100 MB")
def t_kept_body_limit():
    with Server(["-vvv"]) as srv:
        with sub("Content-Length: 100000000 gets 413 (64 MiB default for kept bodies)"):
            with Conn(srv.port) as c:
                c.send(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n")
                r = c.response()
                need(r.status == 413, repr(r))


# 9. Connection configured

def one_exchange(port, raw, timeout=TIMEOUT):
    c = Conn(port)
    c.send(raw)
    return c, c.response(timeout=timeout)


@group("-H Connection: close")
def t_conn_close():
    with Server(["-H", "Connection: close"]) as srv:
        for what, raw in (("HTTP/1.1 GET", REQ),
                          ("HTTP/1.0 keep-alive", b"GET / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")):
            with sub("%s: exactly one Connection: close, then EOF" % what):
                c, r = one_exchange(srv.port, raw)
                try:
                    need(r.status == 200, repr(r))
                    need([v.lower() for v in conn_headers(r)] == ["close"], "Connection headers %r" % conn_headers(r))
                    c.expect_eof(2.0)
                finally:
                    c.close()


@group("-H Connection: keep-alive")
def t_conn_keep_alive():
    with Server(["-H", "Connection: keep-alive"]) as srv:
        with sub("HTTP/1.1 GET: exactly one Connection: keep-alive, the connection stays open"):
            c, r = one_exchange(srv.port, REQ)
            try:
                need(r.status == 200, repr(r))
                need([v.lower() for v in conn_headers(r)] == ["keep-alive"], "Connection headers %r" % conn_headers(r))
                c.send(REQ)
                r2 = c.response()
                need(r2.status == 200 and len(conn_headers(r2)) == 1, "second response %r, Connection %r" % (
                    r2, conn_headers(r2)))
            finally:
                c.close()
        with sub("Connection: close request: exactly one Connection: close, then EOF"):
            c, r = one_exchange(srv.port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            try:
                need([v.lower() for v in conn_headers(r)] == ["close"], "Connection headers %r" % conn_headers(r))
                c.expect_eof(2.0)
            finally:
                c.close()


def cli_mistake(args, text, icase=False, timeout=2.0):
    """args make the CLI exit 2 with one stderr line containing text (any of
    a tuple), and no server starts."""
    base = ["-t", "1", "-a", HOST4, "--runtime", BACKEND]
    if "-p" not in args:
        base += ["-p", str(free_ports(hosts=hosts())[0])]
    return subprocess.Popen([BIN] + base + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, close_fds=True), args, text, icase


def cli_mistake_check(started, deadline):
    p, args, text, icase = started
    try:
        out, err = p.communicate(timeout=max(0.1, deadline - time.monotonic()))
        rc = p.returncode
    except subprocess.TimeoutExpired:
        stop_process(p, STOP_WAIT)
        out, err = p.communicate()
        rc = None
    err = err.decode("utf-8", "replace")
    texts = text if isinstance(text, tuple) else (text,)
    with sub("%s: exit 2, one stderr line naming %s" % (" ".join(args), " or ".join(texts))):
        need(not sanitizer_report(err), "sanitizer report: %s" % sanitizer_report(err))
        need(rc is not None, "the server started (still running after 2 s): %s" % short(err))
        lines = err.strip().splitlines()
        need(rc == 2 and len(lines) == 1, "exit %s, stderr %s" % (rc, short(err)))
        need(any((t.lower() in lines[0].lower()) if icase else (t in lines[0]) for t in texts),
             "stderr %r" % lines[0])
        need("listening on" not in err, "the server started: %s" % short(err))


@group("-H Connection: upgrade")
def t_conn_other():
    started = cli_mistake(["-H", "Connection: upgrade"], "Connection")
    PROCS.append(started[0])
    cli_mistake_check(started, time.monotonic() + 2.0)


# 10. Date configured

@group("-H Date")
def t_date():
    date = "Tue, 01 Jan 2030 00:00:00 GMT"
    with Server(["-H", "Date: " + date]) as srv:
        with sub("exactly one Date header, the configured one"):
            c, r = one_exchange(srv.port, REQ)
            c.close()
            need(r.all("Date") == [date], "Date headers %r" % r.all("Date"))
    with Server([]) as srv:
        with sub("without it exactly one Date header"):
            c, r = one_exchange(srv.port, REQ)
            c.close()
            need(len(r.all("Date")) == 1, "Date headers %r" % r.all("Date"))


# 11. CLI mistakes

@group("CLI mistakes")
def t_cli():
    a = free_ports(hosts=hosts())[0]
    b = free_ports(3, consecutive=True, hosts=hosts())[0]
    cases = [
        (["-b", "a", "-b", "b"], ("-b", "--body"), False),
        (["-p", "%d,%d" % (a, a)], str(a), False),  # free ports rather than 8080: the cases run at once
        (["-p", "%d-%d,%d" % (b, b + 2, b + 1)], str(b + 1), False),
        (["-s", "204", "-b", "x"], "204", False),
        (["-s", "304", "-b", "x"], "304", False),
        (["--route", "G@T /x"], "G@T", False),
        (["-b", "@/tmp"], "is a directory", True),
        (["-b", "@/nonexistent/file"], "No such file", False),
        (["--max-target", "0"], "--max-target", False),
        (["--body-timeout", "xyz"], "--body-timeout", False),
    ]
    started = []
    try:
        for args, text, icase in cases:
            started.append(cli_mistake(args, text, icase))
            PROCS.append(started[-1][0])
        deadline = time.monotonic() + 2.0
        for st in started:
            cli_mistake_check(st, deadline)
    finally:
        for st in started:
            if st[0].poll() is None:
                stop_process(st[0], STOP_WAIT)
    with sub("README.md says a bad argument exits with status 2"):
        readme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "README.md")
        with open(readme, encoding="utf-8") as f:
            need("exits with status 2" in f.read(), "README.md lacks \"exits with status 2\"")


# 12. meter on stdout

@group("meter on stdout")
def t_meter_stdout():
    with Server(["-m", "-b", "m"]) as srv:
        for _ in range(3):
            with Conn(srv.port) as c:
                for _ in range(10):
                    c.send(REQ)
                    c.response()
        with sub("while serving, stdout gets req/s: lines"):
            deadline = time.monotonic() + 3.0
            while "req/s:" not in srv.stdout() and time.monotonic() < deadline:
                time.sleep(0.1)
            need("req/s:" in srv.stdout(), "stdout %s; stderr %s" % (short(srv.stdout()), short(srv.stderr())))
        srv.term()
        srv.stop()
        with sub("the totals go to stdout at SIGTERM"):
            need(re.search(r"^Total requests: +30$", srv.stdout(), re.M),
                 "stdout %s" % short(srv.stdout()[-300:]))
        with sub("stderr holds no req/s: line"):
            need("req/s:" not in srv.stderr(), "stderr %s" % short(srv.stderr()[-300:]))


# 13. start-up notice

def notice(srv):
    """The "statico: listening on" line of the server's stderr."""
    deadline = time.monotonic() + 3.0
    while True:
        lines = [l for l in srv.stderr().splitlines() if l.startswith("statico: listening on")]
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    need(len(lines) == 1, "%d notice lines in stderr %s" % (len(lines), short(srv.stderr())))
    return lines[0]


def paren_tail(line):
    m = re.search(r"(\([^()]*\))$", line)
    return m.group(1) if m else None


@group("notice: io_uring disabled by STATICO_NO_IO_URING")
def t_notice_no_uring():
    with Server([], runtime="io_uring", env={"STATICO_NO_IO_URING": "1"}) as srv:
        with sub("says epoll and why"):
            line = notice(srv)
            want = "(1 thread, epoll: io_uring unavailable: disabled by no_io_uring)"
            need(paren_tail(line) == want, "notice %r, want it to end %r" % (line, want))


@group("notice: --runtime poll")
def t_notice_poll():
    with Server([], runtime="poll") as srv:
        with sub("ends (1 thread, poll)"):
            line = notice(srv)
            need(line.endswith("(1 thread, poll)"), repr(line))


@group("notice: --runtime epoll")
def t_notice_epoll():
    with Server([], runtime="epoll") as srv:
        with sub("ends (1 thread, epoll)"):
            line = notice(srv)
            need(line.endswith("(1 thread, epoll)"), repr(line))


def notice_address(address, shown):
    with Server([], address=address) as srv:
        with sub("-a %s says listening on %s port N" % (address, shown)):
            line = notice(srv)
            need(re.match(r"statico: listening on %s port %d \(" % (re.escape(shown), srv.port), line), repr(line))


@group("notice: -a [::1]")
def t_notice_v6_brackets():
    if HAVE_IPV6:
        notice_address("[::1]", "[::1]")


@group("notice: -a ::1")
def t_notice_v6():
    if HAVE_IPV6:
        notice_address("::1", "[::1]")


@group("notice: -a 127.0.0.1")
def t_notice_v4():
    notice_address("127.0.0.1", "127.0.0.1")


@group("notice: 200 consecutive ports")
def t_notice_range():
    with Server([], nports=200, consecutive=True, spec=lambda p: "%d-%d" % (p[0], p[-1])) as srv:
        with sub("says ports A-B"):
            line = notice(srv)
            need("ports %d-%d (" % (srv.ports[0], srv.ports[-1]) in line, repr(line))


@group("notice: 300 ports, every second one")
def t_notice_list():
    with Server([], nports=300, step=2) as srv:
        line = notice(srv)
        with sub("says 300 ports"):
            need(re.search(r"\b300 ports\b", line), short(line, 400))
        with sub("every number in it is a whole port of the list"):
            rest = line.split("listening on %s" % HOST4, 1)[-1]
            rest = re.sub(r"\b\d+ (ports?|thr\w*)", "", rest)  # the counts, even a cut "(1 thr"
            nums = [int(n) for n in re.findall(r"\d+", rest)]
            wrong = [n for n in nums if n not in set(srv.ports)]
            need(nums and not wrong, "not ports of the list: %r in %s" % (wrong[:5], short(line, 400)))


# 14. HTTP limits

def status_of(port, raw, timeout=TIMEOUT):
    c, r = one_exchange(port, raw, timeout)
    c.close()
    return r


def target_lengths(args, cases):
    """One server with args; for each (check, n, status): a GET of the
    target "/" and n more bytes gets that status."""
    with Server(args) as srv:
        for check, n, want in cases:
            with sub(check):
                r = status_of(srv.port, b"GET /" + b"a" * n + b" HTTP/1.1\r\nHost: x\r\n\r\n")
                need(r.status == want, repr(r))


@group("limits: target length, default")
def t_limit_target():
    target_lengths([], (("a 7990-byte target gets 200", 7989, 200), ("an 8193-byte target gets 414", 8192, 414)))


@group("limits: --max-target 100")
def t_limit_max_target():
    target_lengths(["--max-target", "100"], (("a 101-byte target gets 414", 100, 414),
                                             ("a 100-byte target gets 200", 99, 200)))


@group("limits: long method")
def t_limit_method():
    with Server([]) as srv:
        with sub("40 bytes of A without a space: 400 and close at once"):
            with Conn(srv.port) as c:
                t0 = time.monotonic()
                c.send(b"A" * 40)
                r = c.response(timeout=2.0)
                need(r.status == 400, "%r after %.2f s" % (r, time.monotonic() - t0))
                c.expect_eof(2.0)
        with sub("a 100000-byte method gets 400 promptly"):
            with Conn(srv.port) as c:
                t0 = time.monotonic()
                early = c.stream([b"A" * 4000] * 25)
                r = c.response(timeout=max(0.1, t0 + 2.0 - time.monotonic()))
                need(r.status == 400, "%r (%s)" % (r, early or "all sent"))


@group("limits: empty Host")
def t_limit_host():
    with Server([]) as srv:
        for raw, want in ((b"GET / HTTP/1.1\r\nHost: \r\n\r\n", 400), (b"GET / HTTP/1.1\r\nHost:\r\n\r\n", 400),
                          (b"GET http://a/ HTTP/1.1\r\nHost: \r\n\r\n", 200)):
            with sub("%s gets %d" % (short(raw.split(b"\r\n\r\n")[0]), want)):
                r = status_of(srv.port, raw)
                need(r.status == want, repr(r))


# ---------------------------------------------------------------------------

def on_alarm(signum, frame):
    raise Alarm("the check group took over %d s" % GROUP_ALARM)


def main(argv):
    global BIN, BACKEND, TMP, SANITIZED, HAVE_IPV6, VERBOSE
    args, only = [], None
    i = 1
    while i < len(argv):
        if argv[i] == "-k" and i + 1 < len(argv):
            only = argv[i + 1]
            i += 2
            continue
        if argv[i] == "-v":
            VERBOSE = True
        elif argv[i] in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            args.append(argv[i])
        i += 1
    if len(args) != 2 or args[1] not in ("epoll", "poll", "io_uring"):
        sys.stderr.write("usage: test_hardening.py BINARY epoll|poll|io_uring [-k TEXT] [-v]\n")
        return 2
    BIN, BACKEND = os.path.abspath(args[0]), args[1]
    if not os.access(BIN, os.X_OK):
        print("FAIL %s [%s] not an executable" % (BIN, BACKEND))
        print("0 passed, 1 failed")
        return 1
    base = os.path.basename(BIN).lower()
    SANITIZED = "asan" in BIN.lower() or "tsan" in BIN.lower() or "asan" in base
    HAVE_IPV6 = socket.has_ipv6 and port_free(0, HOST6)
    TMP = tempfile.mkdtemp(prefix="statico-hardening-")
    signal.signal(signal.SIGALRM, on_alarm)
    try:
        for name, f in GROUPS:
            if only and only not in name:
                continue
            CURRENT[0] = name
            signal.alarm(GROUP_ALARM)
            try:
                f()
            except (Exception, Alarm) as e:
                record(name, False, describe(e))
            finally:
                signal.alarm(0)
    except KeyboardInterrupt:
        record("interrupted in %s" % CURRENT[0], False)
    finally:
        for p in PROCS:
            if p.poll() is None:
                stop_process(p, STOP_WAIT)
        shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (COUNTS["passed"], COUNTS["failed"]))
    return 1 if COUNTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
