#!/usr/bin/env python3
"""test_features.py - the meter, verbose logging, delays, the mock options
(sequences, conditions) and the io_uring specifics, against the built
command line on one backend.

    python3 tests/test_features.py BUILD/statico epoll|poll|io_uring

Traffic goes to 127.0.0.1 only; every loop is bounded; every process started
is stopped. Prints one line per failure and ends with "N passed, N failed".
"""
import hashlib, os, re, signal, socket, subprocess, sys, tempfile, threading, time

EXE, BACKEND = sys.argv[1], sys.argv[2]
passed = failed = 0
procs = []


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s [%s] %s" % (name, BACKEND, detail))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def start(args, env=None, port=None):
    port = port or free_port()
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.Popen([EXE, "-t", "1", "-a", "127.0.0.1", "-p", str(port), "--runtime", BACKEND] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    procs.append(p)
    end = time.time() + 5
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return p, port
        except OSError:
            if p.poll() is not None:
                break
            time.sleep(0.02)
    raise RuntimeError("server did not start: " + " ".join(args))


def stop(p, sig=signal.SIGTERM):
    if p.poll() is None:
        p.send_signal(sig)
    try:
        out, err = p.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    return out.decode(errors="replace"), err.decode(errors="replace")


def read_response(s, buf=b""):
    """One response (Content-Length framing) from socket s: (head, body, rest)."""
    while b"\r\n\r\n" not in buf:
        d = s.recv(65536)
        if not d:
            raise EOFError
        buf += d
    head, rest = buf.split(b"\r\n\r\n", 1)
    m = re.search(rb"(?i)content-length: (\d+)", head)
    n = int(m.group(1)) if m else 0
    while len(rest) < n:
        d = s.recv(1 << 20)
        if not d:
            raise EOFError
        rest += d
    return head, rest[:n], rest[n:]


def test_meter():
    p, a = start(["-m", "-b", "hello", "-H", "X-Test: 1"])
    sent = recv = count = 0
    try:
        for k in range(4):  # keep-alive connections, 50 requests each
            s = socket.create_connection(("127.0.0.1", a), 5)
            s.settimeout(5)
            rest = b""
            for i in range(50):
                req = b"GET /%d/%d HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\n\r\n" % (k, i)
                s.sendall(req)
                sent += len(req)
                head, body, rest = read_response(s, rest)
                recv += len(head) + 4 + len(body)
                count += 1
            s.close()
        time.sleep(1.3)  # at least one meter line
    finally:
        out, err = stop(p, signal.SIGINT)
    # on stdout, as Statico prints them (statico -m > meter.log); stderr keeps the notices
    check("meter prints a line per second", re.search(r"req/s: \d+, req: [\d.]+ Gbps, res/s: \d+, res: [\d.]+ Gbps", out) is not None, out[-300:])
    check("meter lines are not on stderr", "req/s" not in err and "Total" not in err, err[-300:])
    tot = dict(re.findall(r"^Total (requests|req bytes|responses|res bytes): +(\d+)", out, re.M))
    check("meter total requests", tot.get("requests") == str(count), "%s vs %d" % (tot.get("requests"), count))
    check("meter total request bytes", tot.get("req bytes") == str(sent), "%s vs %d" % (tot.get("req bytes"), sent))
    check("meter total responses", tot.get("responses") == str(count), "%s vs %d" % (tot.get("responses"), count))
    check("meter total response bytes", tot.get("res bytes") == str(recv), "%s vs %d" % (tot.get("res bytes"), recv))
    check("meter totals in GB", re.search(r"Total res bytes: \d+ \(0\.\d{3} GB\)", out) is not None, out[-300:])


def test_meter_ports():
    a, b = free_port(), free_port()
    e = dict(os.environ)
    p = subprocess.Popen([EXE, "-t", "2", "-a", "127.0.0.1", "-p", "%d,%d" % (a, b), "--runtime", BACKEND, "-m", "-b", "x"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    procs.append(p)
    got = {}
    try:
        for port, n in ((a, 7), (b, 3)):
            for _ in range(100):
                try:
                    s = socket.create_connection(("127.0.0.1", port), 0.2)
                    break
                except OSError:
                    time.sleep(0.02)
            s.settimeout(5)
            rest = b""
            for i in range(n):
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                _, _, rest = read_response(s, rest)
            s.close()
            got[port] = n
    finally:
        out, err = stop(p, signal.SIGINT)
    for port, n in got.items():
        m = re.search(r"^port %d: Total requests: +(\d+)" % port, out, re.M)
        check("meter per-port requests (%d)" % n, m is not None and m.group(1) == str(n), out[-400:])
    m = re.search(r"^Total requests: +(\d+)", out, re.M)
    check("meter total over ports", m is not None and m.group(1) == "10", out[-400:])


def exchange(args, raw):
    """The verbose text of one exchange on a fresh server: its connection is
    the second one (start() probes the port first), so its id is 0.2."""
    p, port = start(["--no-date"] + args)
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        s.sendall(raw)
        read_response(s)
        s.close()
        time.sleep(0.2)
    finally:
        out, err = stop(p)
    return "\n".join(l.replace("[0.2]", "[0.1]", 1) for l in err.splitlines() if l.startswith("[")) + "\n"


def test_verbose():
    raw = b"POST /v?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\nab\x01c0123456789ABCDEF"
    req1 = "[0.1] > POST /v?q=1 HTTP/1.1\n"
    hdr = "[0.1] > Host: h\n[0.1] > Content-Length: 20\n"
    b3 = "[0.1] > body: 20 bytes\n[0.1] > ab\\x01c0123456789ABCDEF\n"
    b4 = ("[0.1] > 00000000  61 62 01 63 30 31 32 33  34 35 36 37 38 39 41 42  |ab.c0123456789AB|\n"
          "[0.1] > 00000010  43 44 45 46                                       |CDEF|\n")
    st = "[0.1] < HTTP/1.1 201 Created\n"
    rh = "[0.1] < X-A: b\n[0.1] < Content-Length: 3\n"
    r3 = "[0.1] < body: 3 bytes\n[0.1] < ok\\x0a\n"
    r4 = "[0.1] < 00000000  6f 6b 0a                                          |ok.|\n"
    args = ["-s", "201", "-H", "X-A: b", "-b", "ok\n"]
    want = {1: req1 + st, 2: req1 + hdr + st + rh, 3: req1 + hdr + b3 + st + rh + r3,
            4: req1 + hdr + b3 + b4 + st + rh + r3 + r4}
    for level in (1, 2, 3, 4):
        got = exchange(["-" + "v" * level] + args, raw)
        check("verbose level %d" % level, got == want[level], "\n--- want\n%s--- got\n%s" % (want[level], got))
    got = exchange(["-v"], b"BAD REQUEST\r\n\r\n")
    check("verbose invalid request", got == "[0.1] > (invalid request)\n[0.1] < HTTP/1.1 400 Bad Request\n", got)


def test_verbose_concurrent():
    """Entries of concurrent connections never interleave."""
    p, port = start(["-vv", "-b", "x"])
    try:
        def client(k):
            s = socket.create_connection(("127.0.0.1", port), 5)
            s.settimeout(5)
            rest = b""
            for i in range(30):
                s.sendall(b"GET /c%d HTTP/1.1\r\nHost: h%d\r\n\r\n" % (k, k))
                _, _, rest = read_response(s, rest)
            s.close()
        ts = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(20)
        time.sleep(0.2)
    finally:
        out, err = stop(p)
    lines = [l for l in err.splitlines() if l.startswith("[")]
    # -vv: request line, Host, status line, Content-Length, Date
    ok = len(lines) == 8 * 30 * 5 and all(
        len({l.split("]")[0] for l in lines[i:i + 5]}) == 1 and lines[i].split("] ")[1].startswith("> GET") for i in range(0, len(lines), 5))
    check("verbose entries whole under concurrency", ok, "%d lines" % len(lines))


def timed_get(port, path=b"/"):
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.settimeout(5)
    t0 = time.monotonic()
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    read_response(s)
    s.close()
    return time.monotonic() - t0


def test_delays():
    p, port = start(["-d", "200ms", "-b", "hello"])
    try:
        t = timed_get(port)
        check("delay 200ms: at least 200 ms", t >= 0.2, "%.3f" % t)
        check("delay 200ms: well under a second", t < 0.8, "%.3f" % t)
        # pipelined: each answered 200 ms after its own arrival, in order
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        t0 = time.monotonic()
        s.sendall(b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
        s.sendall(b"GET /2 HTTP/1.1\r\nHost: x\r\nX-N: 2\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n")
        rest, times = b"", []
        for _ in range(3):
            _, body, rest = read_response(s, rest)
            times.append(time.monotonic() - t0)
        s.close()
        check("pipelined delays: first at 200 ms", times[0] >= 0.2, str(times))
        # the second arrives 200 ms after the first: due at 0.4 s; back to back it would be 0.6 s
        check("pipelined delays: second from its own arrival, not after the first", 0.4 <= times[1] < 0.55, str(times))
        check("pipelined delays: in order", times[0] <= times[1] <= times[2] < 1.0, str(times))
        # other connections go on while one waits
        res = []
        ths = [threading.Thread(target=lambda: res.append(timed_get(port))) for _ in range(20)]
        t0 = time.monotonic()
        for t in ths:
            t.start()
        for t in ths:
            t.join(10)
        check("20 delayed connections at once take one delay", len(res) == 20 and time.monotonic() - t0 < 0.8,
              "%d answered in %.3f" % (len(res), time.monotonic() - t0))
    finally:
        stop(p)
    # SIGTERM while a delayed response waits: it still goes out
    p, port = start(["-d", "300ms", "-b", "late"])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.05)
        p.send_signal(signal.SIGTERM)
        try:
            _, body, _ = read_response(s)
        except (OSError, EOFError):
            body = None
        s.close()
        check("SIGTERM: a delayed response in flight still arrives", body == b"late", repr(body))
    finally:
        stop(p)
    p, port = start(["--body-delay", "300ms", "-b", "hello"])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        t0 = time.monotonic()
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        buf = b""
        while b"\r\n\r\n" not in buf:
            buf += s.recv(4096)
        th = time.monotonic() - t0
        while not buf.endswith(b"hello"):
            buf += s.recv(4096)
        tb = time.monotonic() - t0
        s.close()
        check("body delay: head first", th < 0.25 and b"Content-Length: 5" in buf, "%.3f" % th)
        check("body delay: body 300 ms later", tb >= 0.3 and tb < 0.9, "%.3f" % tb)
    finally:
        stop(p)
    for bad in ("-d", "--body-delay"):
        r = subprocess.run([EXE, bad, "5 s"], capture_output=True, text=True, timeout=5)
        check("bad duration %s" % bad, r.returncode == 2 and bad in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr)
    r = subprocess.run([EXE, "-d", "1s500"], capture_output=True, text=True, timeout=5)
    check("bad duration without unit", r.returncode == 2, r.stderr)


def test_uring():
    # fallback: io_uring refused -> said once, still serves on epoll
    p, port = start(["-b", "fallback"], env={"STATICO_NO_IO_URING": "1"})
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _, body, _ = read_response(s)
        s.close()
    finally:
        out, err = stop(p)
    check("io_uring fallback serves", body == b"fallback", repr(body))
    check("io_uring fallback is said once", err.count("io_uring unavailable") == 1, err)
    # more connections sending at once than provided buffers (1024 a worker)
    p, port = start(["-b", "x"])
    try:
        socks = []
        for i in range(1500):
            s = socket.create_connection(("127.0.0.1", port), 5)
            s.settimeout(10)
            socks.append(s)
        for s in socks:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 2)
        answered = 0
        for s in socks:
            rest = b""
            try:
                _, b1, rest = read_response(s, rest)
                _, b2, rest = read_response(s, rest)
                answered += b1 == b"x" and b2 == b"x"
            except (OSError, EOFError):
                pass
            s.close()
        check("buffer-ring exhaustion: every request answered", answered == 1500, "%d of 1500" % answered)
    finally:
        stop(p)
    # a 100 MB body (SEND_ZC) arrives intact
    with tempfile.NamedTemporaryFile(delete=False) as f:
        data = os.urandom(1 << 20) * 100
        f.write(data)
        path = f.name
    p, port = start(["-b", "@" + path])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(20)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        _, body, _ = read_response(s)
        s.close()
        check("100 MB body intact", len(body) == len(data) and hashlib.sha256(body).digest() == hashlib.sha256(data).digest(),
              "%d bytes" % len(body))
    finally:
        stop(p)
        os.unlink(path)


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_limits():
    # the per-worker connection limit: more are closed at accept
    p, port = start(["--max-connections", "3", "-b", "x"])
    try:
        time.sleep(0.2)  # let the port probe's connection go
        socks = [socket.create_connection(("127.0.0.1", port), 5) for _ in range(5)]
        ok = 0
        for s in socks:
            s.settimeout(3)
            try:
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                _, body, _ = read_response(s)
                ok += body == b"x"
            except (OSError, EOFError):
                pass
        for s in socks:
            s.close()
        check("max connections: 3 of 5 served", ok == 3, "%d served" % ok)
    finally:
        stop(p)
    # out of descriptors: accept must not spin, and service resumes
    import resource
    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))
    port = free_port()
    p = subprocess.Popen([EXE, "-t", "1", "-a", "127.0.0.1", "-p", str(port), "--runtime", BACKEND, "-b", "y"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=low_limit)
    procs.append(p)
    try:
        for _ in range(250):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.02)
        hold = []
        for _ in range(80):
            try:
                hold.append(socket.create_connection(("127.0.0.1", port), 2))
            except OSError:
                break
        time.sleep(0.3)
        c0 = cpu_seconds(p.pid)
        time.sleep(1.0)
        used = cpu_seconds(p.pid) - c0
        check("EMFILE: accept does not spin", used < 0.3, "%.2f s CPU in 1 s" % used)
        for s in hold:
            s.close()
        time.sleep(0.3)
        body = None
        for _ in range(20):
            try:
                s = socket.create_connection(("127.0.0.1", port), 2)
                s.settimeout(3)
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                _, body, _ = read_response(s)
                s.close()
                break
            except (OSError, EOFError):
                time.sleep(0.2)
        check("EMFILE: serves again once descriptors are back", body == b"y", repr(body))
    finally:
        stop(p)


def get_status(s, path, headers=b""):
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
    head, body, rest = read_response(s)
    return int(head.split(b" ", 2)[1]), body


def test_mock_cli():
    """--times/--then sequences and --query/--match-header conditions."""
    p, port = start(["--route", "GET /flaky", "-s", "503", "--times", "2", "--then", "-s", "429", "--times", "1",
                     "--then", "-b", "ok",
                     "--route", "GET /q", "--query", "id=4*", "--query", "!debug", "--match-header", "X-K: *b*",
                     "-b", "Q", "--route", "GET /q", "-b", "other"])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        seq = [get_status(s, b"/flaky") for _ in range(5)]
        check("a sequence: 503 twice, 429 once, then ok", [x[0] for x in seq] == [503, 503, 429, 200, 200]
              and seq[4][1] == b"ok", repr(seq))
        check("conditions hold", get_status(s, b"/q?id=42", b"X-K: abc\r\n")[1] == b"Q")
        check("a query condition fails: the next route", get_status(s, b"/q?id=52", b"X-K: abc\r\n")[1] == b"other")
        check("an absent condition fails", get_status(s, b"/q?id=4&debug", b"X-K: abc\r\n")[1] == b"other")
        check("a header condition fails", get_status(s, b"/q?id=4", b"X-K: xyz\r\n")[1] == b"other")
        s.close()
    finally:
        stop(p)
    p, port = start(["--route", "POST /b", "--match-body", '{"id":1}', "-b", "one",
                     "--route", "POST /b", "--match-body-contains", "error", "-b", "err", "--route", "POST /b", "-b", "any"])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        got = []
        for body in (b'{"id":1}', b'{"id":2}', b"an error here", b'{"id":1} '):
            s.sendall(b"POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            got.append(read_response(s)[1])
        check("--match-body and --match-body-contains choose the route by the body",
              got == [b"one", b"any", b"err", b"any"], repr(got))
        s.close()
    finally:
        stop(p)
    p, port = start(["--report", "--route", "GET /a", "--name", "the-a", "--query", "x=1", "-b", "A"])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        got = [get_status(s, b"/a?x=1")[1], get_status(s, b"/a?x=2")[1]]
        s.close()
    finally:
        out, err = stop(p, signal.SIGINT)
    check("--report: counts per route at exit", re.search(r"--route 'GET /a' --name the-a\s+1\n", err) is not None
          and re.search(r"\(no route: the default response\)\s+1\n", err) is not None, err)
    check("--report: the unmatched request against its closest route",
          "GET /a?x=2\n  closest: route 0 (the-a) 'GET /a': query condition x=1 fails" in err and got[0] == b"A", err)
    for args, what in ((["--route", "GET /x", "-s", "503", "--then", "-b", "ok"], "--then without --times"),
                       (["--times", "2"], "--times without a route"),
                       (["--route", "GET /x", "--times", "1", "--times", "2"], "--times twice for a step"),
                       (["--route", "POST /x", "--match-body", "x", "--match-body-contains", "y"],
                        "two body conditions"),
                       (["--match-body", "x"], "--match-body without a route"),
                       (["--route", "GET /x", "--query", "!a=b"], "a malformed query condition"),
                       (["--route", "GET /x", "--match-header", "Bad Name: x"], "a malformed header condition"),
                       (["--query", "a"], "--query without a route"),
                       (["--route", "GET /x", "--name", "a", "--name", "b"], "--name twice")):
        r = subprocess.run([EXE, "-p", str(free_port()), "-a", "127.0.0.1"] + args, capture_output=True, text=True,
                           timeout=10)
        check("exit 2 for " + what, r.returncode == 2 and r.stderr.count("\n") == 1, "%d %r" % (r.returncode, r.stderr))

def recv_all(s, limit=1 << 22):
    """Everything until EOF: (bytes, error name or None)."""
    data = b""
    try:
        while len(data) < limit:
            d = s.recv(65536)
            if not d:
                return data, None
            data += d
    except ConnectionResetError:
        return data, "reset"
    except socket.timeout:
        return data, "timeout"
    return data, None


def fault_conn(port, path):
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.settimeout(5)
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n")
    return s


def test_faults():
    """--fault: each kind seen from a socket; fault steps then recovery; delay ranges."""
    body = b"0123456789" * 10
    raw = b"HTTP/1.1 2x0 Broken\r\n\r\n"
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(b"x" * (1 << 20))
        mib = f.name
    try:
        p, port = start(["--route", "GET /close", "--fault", "close", "--route", "GET /reset", "--fault", "reset",
                         "--route", "GET /stall", "--fault", "stall", "--route", "GET /trunc", "-b", body.decode(),
                         "--fault", "truncate=50", "--route", "GET /raw", "--fault", "raw=" + raw.decode(),
                         "--route", "GET /drib", "-b", body.decode(), "--fault", "dribble=40/100ms",
                         "--route", "GET /rate", "-b", "@" + mib, "--fault", "rate=1048576",
                         "--route", "GET /twice", "--fault", "reset", "--times", "2", "--then", "-b", "recovered",
                         "--journal", "64"])
    finally:
        os.unlink(mib)
    try:
        data, err = recv_all(fault_conn(port, b"/close"))
        check("close: EOF without a byte", data == b"" and err is None, repr((data[:40], err)))
        data, err = recv_all(fault_conn(port, b"/reset"))
        check("reset: the client sees ECONNRESET", data == b"" and err == "reset", repr((data[:40], err)))
        data, err = recv_all(fault_conn(port, b"/trunc"))
        check("truncate=50: exactly 50 bytes, then EOF", len(data) == 50 and data.startswith(b"HTTP/1.1 200 OK\r\n")
              and err is None, repr((data, err)))
        data, err = recv_all(fault_conn(port, b"/raw"))
        check("raw: exactly those bytes, then EOF", data == raw and err is None, repr((data, err)))
        t0 = time.time()
        s = fault_conn(port, b"/drib")
        pieces = []
        while True:
            d = s.recv(65536)
            if not d:
                break
            pieces.append((time.time() - t0, d))
            if sum(len(x[1]) for x in pieces) >= 140 + len(body) and b"Content-Length: 0" in b"".join(x[1] for x in pieces):
                break
        whole = b"".join(x[1] for x in pieces)
        n = len(whole.split(b"\r\n\r\n", 1)[0]) + 4 + len(body)
        check("dribble=40/100ms: the whole response in pieces of 40, one every 100 ms, then the next answer",
              whole[:n].endswith(body) and whole[n:].startswith(b"HTTP/1.1 200 OK") and pieces[0][0] < 0.09
              and (n - 1) // 40 * 0.1 - 0.02 <= pieces[-1][0] < (n - 1) // 40 * 0.1 + 1.5, repr([(round(a, 3), len(b)) for a, b in pieces]))
        s.close()
        stalled = fault_conn(port, b"/stall")
        stalled.settimeout(0.3)
        t0 = time.time()
        other = socket.create_connection(("127.0.0.1", port), 5)
        other.settimeout(5)
        code, got = get_status(other, b"/x")
        quick = time.time() - t0
        data, err = recv_all(stalled)
        check("stall: nothing sent, the connection stays open; another client is served at once",
              data == b"" and err == "timeout" and code == 200 and quick < 0.25, repr((data, err, code, quick)))
        stalled.close()
        other.close()
        t0 = time.time()
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(10)
        s.sendall(b"GET /rate HTTP/1.1\r\nHost: x\r\n\r\n")
        head, got, rest = read_response(s)
        took = time.time() - t0
        check("rate=1048576: 1 MiB in 1 s (at least 0.8 s, loosely at most 1.5 s)", len(got) == 1 << 20
              and 0.8 <= took < 1.5, "%d bytes in %.3f s" % (len(got), took))
        s.close()
        seen = []
        for _ in range(3):
            data, err = recv_all(fault_conn(port, b"/twice"))
            seen.append("reset" if err == "reset" else data.split(b"\r\n\r\n", 1)[-1][:9].decode(errors="replace"))
        check("--fault reset --times 2 --then -b recovered", seen == ["reset", "reset", "recovered"], repr(seen))
    finally:
        stop(p)
    p, port = start(["-d", "100ms-300ms", "--seed", "7"])
    try:
        s = socket.create_connection(("127.0.0.1", port), 5)
        s.settimeout(5)
        took = []
        for _ in range(6):
            t0 = time.time()
            get_status(s, b"/")
            took.append(time.time() - t0)
        s.close()
        check("-d 100ms-300ms: each delay in the range, not all the same",
              all(0.099 <= x < 0.6 for x in took) and max(took) - min(took) > 0.01, repr(took))
    finally:
        out, err = stop(p)
    check("--seed given: no seed notice", "seed" not in err, err)
    p, port = start(["-d", "1ms-2ms"])
    out, err = stop(p)
    check("no --seed with a delay range: the seed picked is printed", re.search(r"statico: seed \d+ ", err) is not None, err)


def test_stall_stop():
    """stop() with 1,000 stalled connections returns within its deadline."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, 4096)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    n = min(1000, want - 64)
    p, port = start(["--route", "GET /stall", "--fault", "stall"])
    conns = []
    try:
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", port), 5)
            s.sendall(b"GET /stall HTTP/1.1\r\nHost: x\r\n\r\n")
            conns.append(s)
        time.sleep(0.2)
        alive = p.poll() is None
        t0 = time.time()
        stop(p)
        took = time.time() - t0
        check("stop() with %d stalled connections: within its deadline (1 s)" % n, alive and p.returncode == 0
              and took < 2.0, "%.2f s, exit %s" % (took, p.returncode))
    finally:
        for s in conns:
            s.close()
        stop(p)

def start_ready(args):
    """The CLI with -p 0 --print-ports: (process, ports, admin port or None) from its first stdout line."""
    p = subprocess.Popen([EXE, "-t", "2", "-a", "127.0.0.1", "-p", "0", "--print-ports", "--runtime", BACKEND] + args,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    procs.append(p)
    line = p.stdout.readline().decode()
    m = re.match(r"ports (\d+(?:,\d+)*)(?: admin (\d+))?\n$", line)
    if not m:
        stop(p)
        raise RuntimeError("no ready line: %r" % line)
    return p, [int(x) for x in m.group(1).split(",")], int(m.group(2)) if m.group(2) else None


def admin(port, method, path, body=None, timeout=5):
    import http.client, json
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=body)
    r = c.getresponse()
    data = r.read()
    c.close()
    try:
        return r.status, json.loads(data)
    except ValueError:
        return r.status, data.decode(errors="replace")


def test_ready_and_admin():
    """-p 0 --print-ports, --port-file, and the admin endpoint's answers, field by field."""
    pf = os.path.join(tempfile.gettempdir(), "statico-ports-%d" % os.getpid())
    p, ports, ap = start_ready(["--port-file", pf, "--admin", "0", "--route", "GET /x", "--name", "x", "-b", "hi",
                                "--route", "POST /y", "-b", "why"])
    try:
        s = socket.create_connection(("127.0.0.1", ports[0]), 1)  # the line comes once connects succeed
        s.close()
        with open(pf) as f:
            check("--port-file holds the ready line", f.read() == "ports %d admin %d\n" % (ports[0], ap))
        c = socket.create_connection(("127.0.0.1", ports[0]), 5)
        c.settimeout(5)
        got = [get_status(c, b"/x")[1], get_status(c, b"/x")[1], get_status(c, b"/nope")[1]]
        c.sendall(b"POST /y HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n\xff\x00a")
        read_response(c)
        c.close()
        st, js = admin(ap, "GET", "/__statico/counts")
        check("admin counts", st == 200 and js == {"routes": [{"route": "GET /x", "name": "x", "count": 2},
                                                              {"route": "POST /y", "name": None, "count": 1}],
                                                   "default": 1, "any": 4} and got[0] == b"hi", repr((st, js)))
        st, js = admin(ap, "GET", "/__statico/wait?route=x&n=2&timeout_ms=1000")
        st2, js2 = admin(ap, "GET", "/__statico/wait?route=default&n=2&timeout_ms=100")
        check("admin wait: 200 once reached, 408 with the count on timeout",
              (st, js, st2, js2) == (200, {"count": 2}, 408, {"count": 1}), repr((st, js, st2, js2)))
        st, js = admin(ap, "GET", "/__statico/journal?from=2")
        check("admin journal from a seq: fields, headers as pairs, a binary body in base64",
              st == 200 and [x["seq"] for x in js] == [2, 3, 4] and js[0]["method"] == "GET"
              and 0 < js[0]["time"] < 60 and js[0]["time_us"] == round(js[0]["time"] * 1e6)
              and js[0]["target"] == "/x" and js[0]["route"] == 0 and js[0]["status"] == 200
              and js[0]["port"] == ports[0] and js[0]["version"] == 11 and ["Host", "x"] in js[0]["headers"]
              and js[1]["route"] == -1 and js[2]["body"] == "/wBh" and js[2].get("body_base64") is True
              and js[2]["fault"] is None, repr((st, js)))
        st, txt = admin(ap, "GET", "/__statico/unmatched")
        check("admin unmatched: the report", st == 200 and "#1 GET /nope" in txt, repr((st, txt)))
        bad = [admin(ap, "GET", "/__statico/wait?route=nosuch&n=1")[0], admin(ap, "GET", "/__statico/wait?n=1")[0],
               admin(ap, "GET", "/__statico/wait?route=x&n=z")[0], admin(ap, "GET", "/__statico/nope")[0],
               admin(ap, "DELETE", "/__statico/counts")[0],
               admin(ap, "POST", "/__statico/reset", body=b"x" * 100000)[0]]
        check("bad admin input: 404 unknown route or path, 400 bad values and a huge body",
              bad == [404, 400, 400, 404, 404, 400], repr(bad))
        huge = []
        for _ in range(100):
            try:
                huge.append(admin(ap, "POST", "/__statico/reset", body=b"x" * 100000)[0])
            except OSError as e:
                huge.append(repr(e))
        check("a body too long gets its 400 every time, never a reset (lingering close)",
              huge == [400] * 100, repr([h for h in huge if h != 400][:3]))
        slow = socket.create_connection(("127.0.0.1", ap), 5)
        slow.sendall(b"GET /__statico/cou")
        t0 = time.time()
        c = socket.create_connection(("127.0.0.1", ports[0]), 5)
        c.settimeout(5)
        code, body = get_status(c, b"/x")
        c.close()
        st, js = admin(ap, "GET", "/__statico/counts")
        check("a slow admin client holds nothing: serving and admin go on", code == 200 and st == 200
              and time.time() - t0 < 1.0, repr((code, st, time.time() - t0)))
        slow.close()
        st, js = admin(ap, "PUT", "/__statico/routes/x", body=b"-s 503 -b down --times 1 --then -b up -H 'X-A: 1'")
        c = socket.create_connection(("127.0.0.1", ports[0]), 5)
        c.settimeout(5)
        seq = [get_status(c, b"/x") for _ in range(3)]
        bad = [admin(ap, "PUT", "/__statico/routes/x", body=b"-s 999")[0],
               admin(ap, "PUT", "/__statico/routes/x", body=b"--then -b x")[0],
               admin(ap, "PUT", "/__statico/routes/x", body=b"-b 'open")[0],
               admin(ap, "PUT", "/__statico/routes/nosuch", body=b"-b x")[0],
               admin(ap, "PUT", "/__statico/routes/x", body=b"--bogus 1")[0]]
        after = get_status(c, b"/x")
        c.close()
        check("admin PUT routes: the step syntax replaces a route's steps; bad steps 400, unknown route 404, "
              "the route unchanged", (st, js) == (200, {"route": 0, "steps": 2})
              and seq == [(503, b"down"), (200, b"up"), (200, b"up")] and bad == [400, 400, 400, 404, 400]
              and after == (200, b"up"), repr((st, js, seq, bad, after)))
        st, js = admin(ap, "POST", "/__statico/reset")
        st2, js2 = admin(ap, "GET", "/__statico/counts")
        check("admin reset", st == 200 and js2["any"] == 0 and js2["routes"][0]["count"] == 0, repr((st, js2)))
        results = []

        def poll_admin():
            for _ in range(20):
                results.append(admin(ap, "GET", "/__statico/counts")[0])

        def load():
            c = socket.create_connection(("127.0.0.1", ports[0]), 5)
            c.settimeout(5)
            for _ in range(200):
                results.append(get_status(c, b"/x")[0])
            c.close()
        ths = [threading.Thread(target=poll_admin) for _ in range(4)] + [threading.Thread(target=load) for _ in range(2)]
        for th in ths:
            th.start()
        for th in ths:
            th.join()
        st, js = admin(ap, "GET", "/__statico/counts")
        check("admin under concurrent requests while the workers serve (reset rewound /x: one 503 first)",
              results.count(200) == 479 and results.count(503) == 1 and js["routes"][0]["count"] == 400,
              repr((len(results), results.count(200), js)))
    finally:
        stop(p)
        if os.path.exists(pf):
            os.unlink(pf)
    r = subprocess.run([EXE, "-p", "0", "--admin", "nope:1"], capture_output=True, text=True, timeout=10)
    check("--admin with a bad address: exit 2, one line", r.returncode == 2 and r.stderr.count("\n") == 1, repr(r))

def test_options_file():
    """statico @FILE: options from a file (quotes, comments, continued lines), errors name FILE:LINE."""
    d = tempfile.mkdtemp()
    good, bad, unclosed = os.path.join(d, "mock.args"), os.path.join(d, "bad.args"), os.path.join(d, "open.args")
    with open(good, "w") as f:
        f.write("# the mock of the tests\n--route 'GET /a' -b \"hello world\"  # trailing comment\n"
                "--route \"POST /b\" -s 201 -H 'X-K: v w' \\\n  -b it\\'s\n")
    with open(bad, "w") as f:
        f.write("--route 'GET /x'\n\n-s 999\n")
    with open(unclosed, "w") as f:
        f.write("-b ok\n--route 'GET /x\n")
    try:
        p, ports, _ = start_ready(["@" + good])
        try:
            s = socket.create_connection(("127.0.0.1", ports[0]), 5)
            s.settimeout(5)
            a = get_status(s, b"/a")
            s.sendall(b"POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            head, body, _ = read_response(s)
            s.close()
            check("@FILE: routes, quotes, comments and a continued line", a == (200, b"hello world")
                  and head.startswith(b"HTTP/1.1 201") and b"\r\nX-K: v w" in head and body == b"it's", repr((a, head, body)))
        finally:
            stop(p)
        for path, want in ((bad, bad + ":3: invalid value for -s: '999'"), (unclosed, unclosed + ":2: an unclosed quote"),
                           (os.path.join(d, "none"), "cannot read options from @" + os.path.join(d, "none"))):
            r = subprocess.run([EXE, "-p", "0", "@" + path], capture_output=True, text=True, timeout=10)
            check("@FILE error: exit 2, names the file and line", r.returncode == 2 and want in r.stderr
                  and r.stderr.count("\n") == 1, repr((r.returncode, r.stderr)))
    finally:
        for x in (good, bad, unclosed):
            os.unlink(x)
        os.rmdir(d)

def test_idle_cpu():
    """An idle server with --report, --print-ports and --admin sleeps: its threads take no CPU."""
    p, port = start(["--report", "--print-ports", "--admin", "0"])
    try:
        time.sleep(0.3)
        c0 = cpu_seconds(p.pid)
        time.sleep(1.5)
        c1 = cpu_seconds(p.pid)
        check("idle with --report, --print-ports and --admin: under 0.05 s of CPU in 1.5 s", c1 - c0 < 0.05,
              "%.3f s" % (c1 - c0))
    finally:
        stop(p)


def main():
    tests = [test_meter, test_meter_ports, test_verbose, test_verbose_concurrent, test_delays, test_limits,
             test_mock_cli, test_faults, test_stall_stop, test_ready_and_admin, test_options_file, test_idle_cpu]
    if BACKEND == "io_uring":
        tests.append(test_uring)
    try:
        for t in tests:
            try:
                t()
            except Exception as e:  # a crash of one group is one failure, the rest still run
                check(t.__name__, False, "exception: %r" % e)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p in procs:
        if p.returncode not in (0, -signal.SIGTERM, -signal.SIGINT, -signal.SIGKILL):
            check("server exit status", False, "exit %s: %s" % (p.returncode, " ".join(p.args[-6:])))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
