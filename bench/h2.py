#!/usr/bin/env python3
"""h2.py - HTTP/2 cleartext (h2c) side by side: statico (epoll, io_uring)
against nginx, and statico's own HTTP/1.1 pipelined-16 figure, with the same
client (h2load) for all of them.

Every server runs one worker pinned to CPU 0, h2load runs pinned to CPU 1
(-c64 -m16: 64 connections, 16 streams in flight on each; --h1 -m16 is
HTTP/1.1 with 16 pipelined requests); servers take turns (A B C A B C ...)
so drift hits all alike. Reported: server CPU microseconds per request
(utime+stime from /proc, children included), requests/s, medians over the
rounds, ratios; and RSS per idle HTTP/2 connection once SETTINGS are
exchanged.

    python3 bench/h2.py [--rounds 5] [--seconds 5] [--idle 5000] [--body-size 0]

Needs gcc, h2load (Debian nghttp2-client), nginx and taskset. Traffic stays
on 127.0.0.1.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import ROOT, BUILD, Server, _burst, cpu_ticks, free_port, rss_kib, sh  # noqa: E402

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def h2load(port, seconds, h1=False):
    cmd = ["taskset", "-c", "1", "h2load", "-c64", "-m16", "-D", str(seconds), "--warm-up-time=1"]
    if h1:
        cmd.append("--h1")
    cmd.append("http://127.0.0.1:%d/" % port)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored",
                  out)
    rps = re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", out)
    if not m or not rps:
        raise RuntimeError("cannot parse h2load output:\n" + out)
    return {"requests": int(m.group(3)), "failed": int(m.group(5)) + int(m.group(6)), "rps": float(rps.group(1))}


def measure(server, seconds, h1):
    pids = server.pids()
    t0 = cpu_ticks(pids)
    t_start = time.time()
    r = h2load(server.port, seconds, h1)
    t1 = cpu_ticks(pids)
    # h2load's warm-up second is not counted in its requests: scale the CPU to the measured time
    whole = time.time() - t_start
    r["cpu_us"] = (t1 - t0) * 1e6 / os.sysconf("SC_CLK_TCK") * (seconds / max(whole, seconds)) / max(r["requests"], 1)
    return r


def idle_h2(port, n, rss):
    """RSS growth per connection once n HTTP/2 connections have exchanged SETTINGS and sit idle.
    n connections are opened first and kept: they touch what a worker allocates once and uses
    lazily (io_uring's 16 MiB of provided receive buffers, handed out round-robin); the figure is
    the growth for n more, so it is what each connection holds, not the pool's first use."""
    first = _idle_pass(port, n)
    base = rss()
    more = _idle_pass(port, n)
    grown = rss()
    for s in first + more:
        s.close()
    return base, grown, (grown - base) * 1024.0 / n


def _idle_pass(port, n):
    """n HTTP/2 connections: preface and an empty SETTINGS each, answered with the server's SETTINGS,
    WINDOW_UPDATE and SETTINGS ACK, then idle."""
    socks = _burst(port, n, "the server", PREFACE + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00", 9 + 18 + 13 + 9)
    time.sleep(0.5)
    return socks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--idle", type=int, default=5000, help="idle HTTP/2 connections for the memory figure (0: skip)")
    ap.add_argument("--body-size", type=int, default=0, help="a body of this many bytes instead of 'hello'")
    ap.add_argument("--servers", default="statico-h2,statico-uring-h2,nginx-h2,statico-h1p16")
    a = ap.parse_args()
    for tool in ("gcc", "h2load", "nginx", "taskset"):
        if not shutil.which(tool):
            sys.exit("bench/h2.py: %s is missing (apt-get install gcc nghttp2-client nginx util-linux)" % tool)
    os.makedirs(BUILD, exist_ok=True)
    statico = os.path.join(BUILD, "statico-bench")
    sh(["gcc", "-O2", "-march=native", "-o", statico, os.path.join(ROOT, "examples/cli.c"), "-lpthread"])
    tmp = tempfile.mkdtemp(prefix="statico-h2-")
    body, nginx_body = ["-b", "hello"], 'return 200 "hello";'
    if a.body_size:
        path = os.path.join(tmp, "body.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(a.body_size))
        body, nginx_body = ["-b", "@" + path], "default_type application/octet-stream; alias %s;" % path
    names = a.servers.split(",")
    ports = {k: free_port() for k in names}
    servers = {}
    for name in names:
        port = ports[name]
        if name.startswith("statico"):
            rt = "io_uring" if "uring" in name else "epoll"
            argv = [statico, "-t", "1", "--no-pin", "-a", "127.0.0.1", "-p", str(port), "--runtime", rt] + body
            servers[name] = (Server(name, argv, port), name.endswith("h1p16"))
        else:
            conf = os.path.join(tmp, "nginx.conf")
            with open(conf, "w") as f:
                f.write("""worker_processes 1; daemon off; pid %s/nginx.pid; error_log %s/error.log;
events { worker_connections 20000; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s; sendfile on;
  http2_max_concurrent_streams 128;
  server { listen 127.0.0.1:%d http2; location / { %s } } }
""" % (tmp, tmp, port, nginx_body))
            servers[name] = (Server(name, ["nginx", "-p", tmp, "-c", conf], port), False)
    results = {k: [] for k in names}
    for r in range(a.rounds):
        for name in names:
            srv, h1 = servers[name]
            srv.start()
            try:
                res = measure(srv, a.seconds, h1)
            finally:
                srv.stop()
            results[name].append(res)
            print("round %d %-18s %9.0f req/s %7.3f us CPU/request %s" % (
                r + 1, name, res["rps"], res["cpu_us"], "(%d failed)" % res["failed"] if res["failed"] else ""),
                flush=True)
    med = {k: (statistics.median(x["rps"] for x in v), statistics.median(x["cpu_us"] for x in v))
           for k, v in results.items() if v}
    if med:
        report(med, names, a)
    if a.idle:
        idle_all(servers, names, a.idle)


def report(med, names, a):
    print("\nmedians over %d rounds of %d s (h2load -c64 -m16 on CPU 1, one worker on CPU 0):" % (a.rounds, a.seconds))
    for k in names:
        line = "  %-18s %9.0f req/s %7.3f us CPU/request" % (k, med[k][0], med[k][1])
        if "nginx-h2" in med and k != "nginx-h2":
            line += "   %.3fx nginx's CPU" % (med[k][1] / med["nginx-h2"][1])
        if "statico-h1p16" in med and k.startswith("statico") and k != "statico-h1p16":
            line += "   %.2fx statico HTTP/1.1 pipelined-16" % (med[k][1] / med["statico-h1p16"][1])
        print(line)


def idle_all(servers, names, n):
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2 * n + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 2 * n + 1000), hard))
    for name in [k for k in names if k.endswith("-h2")]:
        srv, _ = servers[name]
        srv.start()
        try:
            pid = srv.pids()[-1]
            b, g, per = idle_h2(srv.port, n, lambda: rss_kib(pid))
            print("  %-18s RSS %d KiB -> %d KiB with %d idle HTTP/2 connections: %.0f B each" % (name, b, g, n, per))
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
