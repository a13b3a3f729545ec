#!/usr/bin/env python3
"""admin.py - what the command line's mock features cost a test harness and
the workers: time from exec to the ready line (-p 0 --print-ports --admin 0,
median of 50), and the server's CPU per request under wrk while a client polls
GET /__statico/counts 100 times a second, against the same server unpolled,
alternating, 5 rounds (medians; the admin threads are in the same process, so
their CPU is counted too). In the unpolled rounds the same poller polls an idle
second server instead, so both sides carry the same client load.

    python3 bench/admin.py [build/statico] [--rounds 5] [--seconds 5]

Needs wrk and taskset. Traffic stays on 127.0.0.1.
"""
import http.client, os, statistics, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import ROOT, BUILD, TICK, Server, free_port, measure, sh, wait_port  # noqa: E402


def worker_ticks(pid):
    """CPU ticks of the process's threads but the admin ones (named statico-admin)."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                if f.read().strip() == "statico-admin":
                    continue
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass  # a thread that ended meanwhile
    return total


def ready_times(exe, n):
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        p = subprocess.Popen([exe, "-a", "127.0.0.1", "-p", "0", "-t", "1", "--print-ports", "--admin", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = p.stdout.readline()
        out.append(time.perf_counter() - t0)
        p.terminate()
        p.wait()
        if not line.startswith(b"ports "):
            raise RuntimeError("no ready line")
    return out


def admin_cost(exe, n):
    """The server's CPU (all its threads) per admin request, nothing else running."""
    p = subprocess.Popen([exe, "-a", "127.0.0.1", "-p", "0", "-t", "1", "--print-ports", "--admin", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    aport = int(p.stdout.readline().split()[3])

    def ticks():
        with open("/proc/%d/stat" % p.pid) as f:
            x = f.read().rsplit(")", 1)[1].split()
        return int(x[11]) + int(x[12])
    try:
        t0 = ticks()
        for _ in range(n):
            c = http.client.HTTPConnection("127.0.0.1", aport, timeout=5)
            c.request("GET", "/__statico/counts")
            c.getresponse().read()
            c.close()
        return (ticks() - t0) * 1e6 / TICK / n
    finally:
        p.terminate()
        p.wait()


def poller(port, stop):
    while not stop.is_set():
        t = time.time()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/__statico/counts")
        c.getresponse().read()
        c.close()
        time.sleep(max(0.0, 0.01 - (time.time() - t)))


def main():
    argv = sys.argv[1:]
    opts = {"--rounds": 5, "--seconds": 5}
    for k in list(opts):
        if k in argv:
            i = argv.index(k)
            opts[k] = int(argv[i + 1])
            del argv[i:i + 2]
    exe = argv[0] if argv else os.path.join(BUILD, "statico-for-admin")  # (not the admin threads' name)
    if not argv:
        os.makedirs(BUILD, exist_ok=True)
        sh(["gcc", "-O2", "-march=native", "-o", exe, os.path.join(ROOT, "examples/cli.c"), "-lpthread"])
    print("server CPU per admin request (GET /__statico/counts, 2000 in a row, idle server): %.1f us"
          % admin_cost(exe, 2000))
    t = sorted(ready_times(exe, 50))
    print("exec to ready line: median %.2f ms, p90 %.2f ms (50 runs)" % (t[25] * 1e3, t[45] * 1e3))
    port, aport, cport, caport = free_port(), free_port(), free_port(), free_port()
    s = Server("statico", [exe, "-t", "1", "--no-pin", "-a", "127.0.0.1", "-p", str(port), "--admin", str(aport),
                           "-b", "hello"], port)
    s.start()
    # The control: an idle second server whose admin port the unpolled rounds poll instead, so both sides
    # carry the same client load (the poller shares the two cores with wrk) and only the target differs.
    ctl = subprocess.Popen([exe, "-t", "1", "-a", "127.0.0.1", "-p", str(cport), "--admin", str(caport)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(caport)
    res = {"quiet": [], "polled": []}
    try:
        for r in range(opts["--rounds"]):
            for name in (("quiet", "polled") if r % 2 == 0 else ("polled", "quiet")):
                stop = threading.Event()
                th = threading.Thread(target=poller, args=(aport if name == "polled" else caport, stop))
                th.start()
                w0 = worker_ticks(s.p.pid)
                m = measure(s, opts["--seconds"], 64, None)
                m["worker_us"] = (worker_ticks(s.p.pid) - w0) * 1e6 / TICK / max(m["requests"], 1)
                stop.set()
                th.join()
                res[name].append(m)
                print("round %d %-6s %8.0f req/s %6.3f us/req (workers %6.3f)" % (r + 1, name, m["rps"], m["cpu_us"],
                                                                             m["worker_us"]), flush=True)
    finally:
        s.stop()
        ctl.terminate()
        ctl.wait()
    q, p = (statistics.median(x["cpu_us"] for x in res[k]) for k in ("quiet", "polled"))
    wq, wp = (statistics.median(x["worker_us"] for x in res[k]) for k in ("quiet", "polled"))
    print("server CPU per request: %.3f us unpolled, %.3f us polled 100/s (%.3f)" % (q, p, p / q))
    print("the workers' own CPU per request: %.3f us unpolled, %.3f us polled (%.3f)" % (wq, wp, wp / wq))


if __name__ == "__main__":
    main()
