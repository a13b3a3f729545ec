#!/usr/bin/env python3
"""server.py - statico side by side with nginx and the no-parsing floor.

Every server runs pinned to CPU 0 with one worker, wrk runs pinned to CPU 1,
64 connections; servers alternate (A B C A B C ...) so drift hits all of
them alike. Reported per server and workload: requests/s (wrk), server CPU
microseconds per request (utime+stime from /proc, the steadier figure on a
shared machine), medians over the rounds, and ratios against nginx and the
floor. Also RSS at start and with 10,000 idle keep-alive connections.

    python3 bench/server.py [--rounds 5] [--seconds 5] [--quick]

Needs gcc, nginx and wrk (apt-get install nginx wrk). Traffic stays on
127.0.0.1.
"""
import argparse, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
TICK = os.sysconf("SC_CLK_TCK")
BODY = "hello"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_port(port, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("port %d never opened" % port)


def cpu_ticks(pids):
    t = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            t += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return t


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def children(pid):
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]
    except OSError:
        return []


class Server:
    def __init__(self, name, argv, port, cwd=None, env=None):
        self.name, self.argv, self.port, self.cwd, self.p = name, argv, port, cwd, None
        self.env = dict(os.environ, **(env or {}))

    def start(self):
        self.p = subprocess.Popen(["taskset", "-c", "0"] + self.argv, cwd=self.cwd, env=self.env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)
        time.sleep(0.2)

    def pids(self):
        return [self.p.pid] + children(self.p.pid)

    def stop(self):
        if self.p and self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(3)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


def wrk(port, seconds, conns, script=None):
    cmd = ["taskset", "-c", "1", "wrk", "-t1", "-c%d" % conns, "-d%ds" % seconds, "--latency"]
    if script:
        cmd += ["-s", script]
    cmd.append("http://127.0.0.1:%d/" % port)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
    m = re.search(r"(\d+) requests in", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    err = re.search(r"Socket errors: (.*)", out)
    lat = {k: v for k, v in re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", out)}
    if not m or not rps:
        raise RuntimeError("cannot parse wrk output:\n" + out)
    return {"requests": int(m.group(1)), "rps": float(rps.group(1)), "non2xx": int(bad.group(1)) if bad else 0,
            "errors": err.group(1) if err else "", "p50": lat.get("50", "?"), "p99": lat.get("99", "?")}


def measure(server, seconds, conns, script):
    pids = server.pids()
    t0, c0 = cpu_ticks(pids), os.times()
    r = wrk(server.port, seconds, conns, script)
    t1, c1 = cpu_ticks(pids), os.times()
    r["cpu_us"] = (t1 - t0) * 1e6 / TICK / max(r["requests"], 1)
    # wrk's own CPU (it is the only child waited for meanwhile): on loopback the kernel charges
    # part of the TCP work to whichever side's context runs it, so the sum is shown too
    r["client_us"] = (c1.children_user + c1.children_system - c0.children_user - c0.children_system) * 1e6 / max(r["requests"], 1)
    return r


def close_all(socks):
    """Closed with a reset: thousands of client sockets left in TIME_WAIT would use up the local
    ports the next server's checks connect from."""
    import struct
    for s in socks:
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        s.close()


def idle_growth(port, n, rss, name="the server"):
    """(RSS at start, RSS with n idle keep-alive connections to port, bytes per connection);
    rss() gives the server's RSS in KiB. Shared with bench/report.py."""
    base = rss()
    socks = _burst(port, n, name)  # every connection has been answered once and is idle
    try:
        time.sleep(0.5)
        grown = rss()
    finally:
        close_all(socks)
    return base, grown, (grown - base) * 1024.0 / n


def idle_rss(server, n):
    """idle_growth() of the server's last process, with the descriptors for n connections; then, with
    those still open, the growth per connection of a second burst (as many as the descriptor limit
    allows, up to n): what each connection holds once the first burst has touched what a worker
    allocates once and uses lazily (io_uring's provided receive buffers) and the heap has grown to
    the burst's high-water mark. (base, grown, per, per_next, next_n)."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2 * n + 200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 2 * n + 1000), hard))
    pid = server.pids()[-1]
    rss = lambda: rss_kib(pid)  # noqa: E731
    base = rss()
    first = _burst(server.port, n, "the server")
    try:
        time.sleep(0.5)
        grown = rss()
        m = min(n, resource.getrlimit(resource.RLIMIT_NOFILE)[0] - n - 200)
        _, _, per_next = idle_growth(server.port, m, rss) if m > 0 else (0, 0, 0.0)
    finally:
        close_all(first)
    return base, grown, (grown - base) * 1024.0 / n, per_next, m


def _burst(port, n, name, hello=b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", answer=1):
    """n keep-alive connections, each sent hello, answered (at least `answer` bytes) and left idle
    (open). Shared with bench/h2.py."""
    socks = []
    try:
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", port), 10)
            s.sendall(hello)
            socks.append(s)
        for s in socks:
            s.settimeout(10)
            got = 0
            while got < answer:
                d = s.recv(4096)
                if not d:
                    raise RuntimeError("%s closed an idle connection" % name)
                got += len(d)
    except BaseException:
        close_all(socks)
        raise
    return socks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--quick", action="store_true", help="2 rounds of 2 s")
    ap.add_argument("--idle", type=int, default=10000, help="idle connections for the memory figure (0: skip)")
    ap.add_argument("--servers", default="statico,statico-uring,nginx,floor,floor-uring",
                    help="comma-separated: statico, statico-uring, statico-meter, statico-uring-nozc, statico-nosf, "
                    "statico-uring-nosf (no sendfile), nginx, floor, floor-uring")
    ap.add_argument("--workloads", default="plain,pipelined16", help="comma-separated: plain, pipelined16")
    ap.add_argument("--body-size", type=int, default=0,
                    help="a body of this many bytes instead of 'hello' (the floor sends it with sendfile; no io_uring floor)")
    a = ap.parse_args()
    if a.quick:
        a.rounds, a.seconds = 2, 2
    for tool in ("gcc", "nginx", "wrk", "taskset"):
        if not shutil.which(tool):
            sys.exit("bench/server.py: %s is missing (apt-get install gcc nginx wrk util-linux)" % tool)
    os.makedirs(BUILD, exist_ok=True)
    statico = os.path.join(BUILD, "statico-bench")
    floor = os.path.join(BUILD, "floor")
    sh(["gcc", "-O2", "-march=native", "-o", statico, os.path.join(ROOT, "examples/cli.c"), "-lpthread"])
    floor_uring = os.path.join(BUILD, "floor-uring")
    sh(["gcc", "-O2", "-o", floor, os.path.join(ROOT, "bench/floor.c")])
    sh(["gcc", "-O2", "-o", floor_uring, os.path.join(ROOT, "bench/floor_uring.c")])
    tmp = tempfile.mkdtemp(prefix="statico-bench-")
    os.chmod(tmp, 0o755)  # nginx's workers (another user) read the body file
    names = a.servers.split(",")
    ports = {k: free_port() for k in names}
    body = ["-b", BODY]
    nginx_body = 'return 200 "%s";' % BODY
    floor_body = []
    if a.body_size:
        path = os.path.join(tmp, "body.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(a.body_size))
        os.chmod(path, 0o644)
        body = ["-b", "@" + path]
        nginx_body = "default_type application/octet-stream; try_files /body.bin =404;"  # (alias on "/" looks for an index)
        floor_body = [path]
        names = [n for n in names if n != "floor-uring"]
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write("""worker_processes 1; daemon off; pid %s/nginx.pid; error_log %s/error.log;
events { worker_connections 20000; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s; sendfile on;
  server { listen 127.0.0.1:%d; root %s; location / { %s } } }
""" % (tmp, tmp, ports.get("nginx", 0), tmp, nginx_body))

    def st(name, extra, env=None):
        return Server(name, [statico, "-t", "1", "-p", str(ports[name]), "-a", "127.0.0.1"] + body + extra, ports[name], env=env)
    known = {
        "statico": lambda: st("statico", []),
        "statico-meter": lambda: st("statico-meter", ["-m"]),
        "statico-uring": lambda: st("statico-uring", ["--runtime", "io_uring"]),
        "statico-uring-nozc": lambda: st("statico-uring-nozc", ["--runtime", "io_uring"], {"STATICO_SEND_ZC_MIN": "0"}),
        "statico-nosf": lambda: st("statico-nosf", [], {"STATICO_SENDFILE_MIN": "0"}),
        "statico-uring-whole": lambda: st("statico-uring-whole", ["--runtime", "io_uring"], {"STATICO_URING_INC": "0"}),
        "statico-sf": lambda: st("statico-sf", [], {"STATICO_SENDFILE_MIN": "1"}),
        "statico-uring-sf": lambda: st("statico-uring-sf", ["--runtime", "io_uring"], {"STATICO_SENDFILE_MIN": "1"}),
        "statico-uring-nosf": lambda: st("statico-uring-nosf", ["--runtime", "io_uring"], {"STATICO_SENDFILE_MIN": "0"}),
        "nginx": lambda: Server("nginx", ["nginx", "-c", conf, "-p", tmp], ports["nginx"]),
        "floor": lambda: Server("floor", [floor, str(ports["floor"])] + floor_body, ports["floor"]),
        "floor-uring": lambda: Server("floor-uring", [floor_uring, str(ports["floor-uring"])], ports["floor-uring"]),
    }
    servers = [known[n]() for n in names]
    workloads = [(w, os.path.join(ROOT, "tools/pipeline.lua") if w == "pipelined16" else None) for w in a.workloads.split(",")]
    results = {(s.name, w): [] for s in servers for w, _ in workloads}
    print("machine: %s, %d CPUs, kernel %s" % (open("/proc/cpuinfo").read().split("model name")[1].split(":")[1].split("\n")[0].strip(),
                                               os.cpu_count(), os.uname().release))
    print("servers pinned to CPU 0, wrk -t1 -c%d pinned to CPU 1, %d rounds of %d s, alternating" % (a.connections, a.rounds, a.seconds))
    try:
        for rnd in range(a.rounds):
            for s in servers:
                s.start()
                try:
                    for w, script in workloads:
                        r = measure(s, a.seconds, a.connections, script)
                        results[(s.name, w)].append(r)
                        print("  round %d %-13s %-12s %9.0f req/s %6.2f us CPU/req (wrk %.2f)  p50 %s p99 %s%s" % (
                            rnd + 1, s.name, w, r["rps"], r["cpu_us"], r["client_us"], r["p50"], r["p99"],
                            "  NON-2XX %d" % r["non2xx"] if r["non2xx"] else "") + ("  errors: " + r["errors"] if r["errors"] else ""))
                        sys.stdout.flush()
                finally:
                    s.stop()
        print("\nmedians")
        print("| server | workload | req/s | CPU us/req | CPU vs nginx | CPU vs floor | CPU vs io_uring floor | req/s vs nginx "
              "| with wrk's CPU us/req | that vs nginx |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        med = {k: (statistics.median(x["rps"] for x in v), statistics.median(x["cpu_us"] for x in v),
                   statistics.median(x["cpu_us"] + x["client_us"] for x in v)) for k, v in results.items()}

        def ratio(w, name, i):
            ref = med.get((name, w))
            return "%.3f" % (med_cur[i] / ref[i]) if ref else "-"
        for w, _ in workloads:
            for s in servers:
                med_cur = med[(s.name, w)]
                print("| %-18s | %s | %.0f | %.2f | %s | %s | %s | %s | %.2f | %s |" % (
                    s.name, w, med_cur[0], med_cur[1], ratio(w, "nginx", 1), ratio(w, "floor", 1), ratio(w, "floor-uring", 1),
                    ratio(w, "nginx", 0), med_cur[2], ratio(w, "nginx", 2)))
        if a.idle:
            print("\nmemory (RSS)")
            for s in [x for x in servers if x.name in ("statico", "statico-uring", "statico-uring-whole", "nginx")]:
                s.start()
                try:
                    base, grown, per, per_next, m = idle_rss(s, a.idle)
                    print("| %s | start %d KiB | with %d idle keep-alive connections %d KiB | %.0f bytes per connection "
                          "| %d more: %.0f bytes each |" % (s.name, base, a.idle, grown, per, m, per_next))
                finally:
                    s.stop()
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
