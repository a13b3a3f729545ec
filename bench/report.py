#!/usr/bin/env python3
"""report.py - the benchmark report: statico (epoll and io_uring), nginx,
HAProxy and a no-parsing floor side by side, written to
bench/results/<YYYY-MM-DD>-<hostname>/summary.md (<...>-quick/ with --quick)
with gnuplot plots.

    bench/run [--quick]                  # installs, builds, then runs this
    python3 bench/report.py [--quick] [--servers LIST] [--workloads LIST]
        [--threads LIST] [--rounds N] [--seconds N] [--idle N] [--out DIR]

Method
  * Every server runs with T worker threads pinned to the first T cores
    (taskset -c, plus each server's own pinning); wrk runs on the remaining
    cores with -t equal to their number. T is 1, 2, 4 and 8 where the machine
    has at least T + 1 cores. The floor (bench/floor.c) is single-threaded
    and runs only when T = 1.
  * All servers of a thread count are started at once on their own ports and
    measured in turn, A B C D E, A B C D E, ..., one workload after another
    within each round, so machine drift (other load, frequency) hits all
    alike. Each figure is the median over the rounds.
  * Per run: requests/s and p50/p99 latency from wrk --latency; server CPU
    microseconds per request from utime+stime of all the server's processes
    (/proc) over the wrk run; RSS (sum of VmRSS of those processes) after it.
  * Memory: a fresh instance of each server (T = 1) gets N idle keep-alive
    connections (each served one request); RSS growth / N is the figure.
  * Parser: build/bench-parser's table (bench/parser.c).

Workloads (same response bytes from every server)
  plain       GET /, 64 keep-alive connections, body "hello"
  plain-1024  the same with 1024 connections
  pipelined   16 requests per write (tools/pipeline.lua), 64 connections
  mix         four routes in turn (tools/mix.lua); no floor
  body-1k, body-64k, body-1m
              a 1 KiB, 64 KiB or 1 MiB body served from a file; no floor

Needs gcc, wrk, taskset and python3; nginx, haproxy when those servers are
selected; gnuplot for the plots (skipped, with a note, when missing).
"""
import argparse, datetime, json, os, re, resource, shlex, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from server import TICK, cpu_ticks, free_port, idle_growth, rss_kib  # noqa: E402  (shared with bench/server.py)

ROOT = os.path.dirname(HERE)
BUILD = os.path.join(ROOT, "build")

SERVERS = ["statico", "statico-uring", "nginx", "haproxy", "floor"]
LABEL = {"statico": "statico (epoll)", "statico-uring": "statico (io_uring)", "nginx": "nginx",
         "haproxy": "HAProxy", "floor": "floor"}

HELLO = "hello"  # bench/floor.c answers exactly "hello" (Content-Length: 5)
MIX_ROUTES = [  # method, statico path, nginx location, haproxy condition, status, content type, body
    ("GET", "/plaintext", "= /plaintext", "{ path /plaintext }", 200, "text/plain", "Hello, World!"),
    ("GET", "/json", "= /json", "{ path /json }", 200, "application/json", '{"message":"Hello, World!"}'),
    ("GET", "/user/*", "/user/", "{ path_beg /user/ }", 200, "text/plain", "a user"),
    ("POST", "/validate", "= /validate", "{ path /validate }", 204, None, None),
]
FILE_SIZES = {"1k": 1024, "64k": 65536, "1m": 1048576}

# name -> (response spec, connections, wrk script, URL path, floor serves it, description)
WORKLOADS = {
    "plain": ("hello", 64, None, "/", True, "keep-alive GET, 64 connections"),
    "plain-1024": ("hello", 1024, None, "/", True, "keep-alive GET, 1024 connections"),
    "pipelined": ("hello", 64, "tools/pipeline.lua", "/", True,
                  "16 pipelined requests per write, 64 connections (latency is per batch of 16)"),
    "mix": ("mix", 64, "tools/mix.lua", "/", False,
            "GET /plaintext, GET /json, GET /user/42, POST /validate (24-byte JSON) in turn, 64 connections"),
    "body-1k": ("1k", 64, None, "/1k.bin", False, "1 KiB body from a file, 64 connections"),
    "body-64k": ("64k", 64, None, "/64k.bin", False, "64 KiB body from a file, 64 connections"),
    "body-1m": ("1m", 64, None, "/1m.bin", False, "1 MiB body from a file, 64 connections"),
}
QUICK_WORKLOADS = ["plain", "plain-1024", "pipelined", "mix", "body-64k"]  # --quick: results in <...>-quick/


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------------------
# wrk

def to_us(value, unit):
    return float(value) * {"us": 1.0, "ms": 1e3, "s": 1e6, "m": 60e6, "h": 3600e6}[unit]


def parse_wrk(out):
    """The figures of one wrk --latency run; raises ValueError when absent."""
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not m or not rps:
        raise ValueError("cannot parse wrk output:\n" + out)
    # wrk prints 0.00us for percentiles it did not record (pipelined batches
    # can leave the upper ones empty): those count as not measured
    lat = {p: to_us(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", out, re.M)
           if float(v) > 0}
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    err = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"requests": int(m.group(1)), "rps": float(rps.group(1)),
            "p50_us": lat.get("50"), "p99_us": lat.get("99"),
            "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(int(x) for x in err.groups()) if err else 0,
            "socket_errors_text": err.group(0) if err else ""}


def wrk_argv(cpus, threads, conns, seconds, script, url):
    cmd = ["taskset", "-c", cpulist(cpus), "wrk", "-t%d" % threads, "-c%d" % conns, "-d%ds" % seconds, "--latency"]
    if script:
        cmd += ["-s", script]
    return cmd + [url]


# ---------------------------------------------------------------------------
# servers

def cpulist(cpus):
    return ",".join(str(c) for c in cpus)


def descendants(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            with open("/proc/%d/task/%d/children" % (p, p)) as f:
                kids = [int(x) for x in f.read().split()]
        except OSError:
            kids = []
        out += kids
        todo += kids
    return out


def wait_listen(port, proc, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.02)
    return False


class Server:
    def __init__(self, name, spec, argv, port, cpus, logpath, config=None):
        self.name, self.spec, self.argv, self.port, self.cpus = name, spec, argv, port, cpus
        self.logpath, self.config, self.p = logpath, config, None
        self.failed, self.backend_note = False, ""

    def command(self):
        return ["taskset", "-c", cpulist(self.cpus)] + self.argv

    def start(self):
        with open(self.logpath, "ab") as logf:
            self.p = subprocess.Popen(self.command(), stdout=logf, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        # the process must still be ours once the port answers: another
        # program that took the port would answer too, while ours exits
        ok = wait_listen(self.port, self.p)
        time.sleep(0.3)
        if not ok or self.p.poll() is not None:
            self.stop()
            with open(self.logpath, errors="replace") as f:
                tail = f.read()[-800:]
            raise RuntimeError("%s (%s) did not start on port %d:\n%s" % (self.name, self.spec, self.port, tail))
        if self.name == "statico-uring":  # the command line says which backend it got
            with open(self.logpath, errors="replace") as f:
                self.backend_note = "" if "io_uring)" in f.read() else "io_uring refused: fell back to epoll"
        else:
            self.backend_note = ""

    def alive(self):
        return self.p is not None and self.p.poll() is None

    def pids(self):
        return [self.p.pid] + descendants(self.p.pid)

    def rss_kib(self):
        t = 0
        for pid in self.pids():
            try:
                t += rss_kib(pid)
            except OSError:
                pass
        return t

    def stop(self):
        if self.p is not None and self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(5)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.p.pid, signal.SIGKILL)
                except OSError:
                    self.p.kill()
                self.p.wait()


def body_file(files, size_name):
    return os.path.join(files, size_name + ".bin")


def make_files(files):
    os.makedirs(files, exist_ok=True)
    pattern = b"".join(b"statico benchmark body, line %06d\n" % i for i in range(40000))
    for name, size in FILE_SIZES.items():
        with open(body_file(files, name), "wb") as f:
            f.write((pattern * (size // len(pattern) + 1))[:size])


def statico_argv(binary, spec, threads, port, uring, files):
    a = [binary, "-t", str(threads), "-p", str(port), "-a", "127.0.0.1"]
    if uring:
        a += ["--runtime", "io_uring"]
    if spec == "hello":
        a += ["-b", HELLO, "-H", "Content-Type: text/plain"]
    elif spec == "mix":
        a += ["-b", "not here", "-s", "404", "-H", "Content-Type: text/plain"]
        for method, path, _, _, status, ctype, body in MIX_ROUTES:
            a += ["--route", "%s %s" % (method, path)]
            if status != 200:
                a += ["-s", str(status)]
            if body is not None:
                a += ["-b", body, "-H", "Content-Type: " + ctype]
    else:
        a += ["-b", "@" + body_file(files, spec), "-H", "Content-Type: application/octet-stream"]
    return a


def nginx_conf(spec, threads, port, tmp, tag, files):
    masks = " ".join("1" + "0" * i for i in range(threads))  # worker i on the i-th allowed core
    if spec == "hello":
        locations = '    location / { return 200 "%s"; }' % HELLO
    elif spec == "mix":
        rows = []
        for _, _, loc, _, status, ctype, body in MIX_ROUTES:
            if body is None:
                rows.append("    location %s { return %d; }" % (loc, status))
            else:
                rows.append("    location %s { default_type %s; return %d '%s'; }" % (loc, ctype, status, body))
        rows.append('    location / { return 404 "not here"; }')
        locations = "\n".join(rows)
    else:
        locations = "    location / { root %s; default_type application/octet-stream; }" % files
    return """# nginx for statico's benchmark report: %(tag)s
worker_processes %(threads)d;
worker_cpu_affinity %(masks)s;
worker_rlimit_nofile 65536;
daemon off;
pid %(tmp)s/%(tag)s.pid;
error_log %(tmp)s/%(tag)s.error.log error;
events { worker_connections 32768; }
http {
  access_log off;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=64 inactive=600s;
  open_file_cache_valid 600s;
  types { }
  default_type text/plain;
  client_body_temp_path %(tmp)s/%(tag)s.body;
  proxy_temp_path %(tmp)s/%(tag)s.proxy;
  fastcgi_temp_path %(tmp)s/%(tag)s.fastcgi;
  uwsgi_temp_path %(tmp)s/%(tag)s.uwsgi;
  scgi_temp_path %(tmp)s/%(tag)s.scgi;
  server {
    listen 127.0.0.1:%(port)d reuseport;
%(locations)s
  }
}
""" % dict(tag=tag, threads=threads, masks=masks, tmp=tmp, port=port, locations=locations)


def haproxy_conf(spec, threads, port, server_cpus, tag, files, nofile):
    tune = ""
    if spec == "hello":
        rules = '  http-request return status 200 content-type text/plain string "%s"' % HELLO
    elif spec == "mix":
        rows = []
        for method, _, _, cond, status, ctype, body in MIX_ROUTES:
            if body is None:
                rows.append("  http-request return status %d if { method %s } %s" % (status, method, cond))
            else:
                rows.append("  http-request return status %d content-type %s string '%s' if { method %s } %s" % (
                    status, ctype, body, method, cond))
        rows.append('  http-request return status 404 content-type text/plain string "not here"')
        rules = "\n".join(rows)
    else:
        size = FILE_SIZES[spec]
        # a returned file must fit in one buffer with the head
        tune = "  tune.bufsize %d\n" % max(16384, size + 16384) if size + 1024 > 16384 - 1024 else ""
        rules = "  http-request return status 200 content-type application/octet-stream file %s" % body_file(files, spec)
    if threads == 1:
        cpumap = "cpu-map 1/1 %d" % server_cpus[0]
    else:
        cpumap = "cpu-map auto:1/1-%d %s" % (threads, cpulist(server_cpus))
    maxconn = max(1000, min(30000, nofile - 500))
    return """# HAProxy for statico's benchmark report: %(tag)s
global
  nbthread %(threads)d
  %(cpumap)s
  maxconn %(maxconn)d
  # one descriptor per connection here (no backends); without this HAProxy
  # refuses to start when RLIMIT_NOFILE is below 2 x maxconn
  no strict-limits
%(tune)s
defaults
  mode http
  timeout connect 5s
  timeout client 300s
  timeout server 300s
  timeout http-request 300s
  timeout http-keep-alive 300s

frontend bench
  bind 127.0.0.1:%(port)d
%(rules)s
""" % dict(tag=tag, threads=threads, cpumap=cpumap, tune=tune, port=port, rules=rules,
                                            maxconn=maxconn)


def make_servers(names, specs, threads, server_cpus, tmp, files, statico, floor):
    out = []
    for spec in specs:
        for name in names:
            if name == "floor" and (spec != "hello" or threads != 1):
                continue
            port = free_port()
            tag = "%s-%s-t%d" % (name, spec, threads)
            logpath = os.path.join(tmp, tag + ".log")
            config = None
            if name in ("statico", "statico-uring"):
                argv = statico_argv(statico, spec, threads, port, name == "statico-uring", files)
            elif name == "nginx":
                config = os.path.join(tmp, tag + ".conf")
                with open(config, "w") as f:
                    f.write(nginx_conf(spec, threads, port, tmp, tag, files))
                argv = ["nginx", "-e", os.path.join(tmp, tag + ".error.log"), "-p", tmp, "-c", config]
            elif name == "haproxy":
                config = os.path.join(tmp, tag + ".cfg")
                with open(config, "w") as f:
                    f.write(haproxy_conf(spec, threads, port, server_cpus, tag, files,
                                         resource.getrlimit(resource.RLIMIT_NOFILE)[0]))
                argv = ["haproxy", "-db", "-f", config]
            else:
                argv = [floor, str(port)]
            out.append(Server(name, spec, argv, port, server_cpus, logpath, config))
    return out


# ---------------------------------------------------------------------------
# measurements

def measure(server, wl, seconds, wrk_cpus):
    spec, conns, script, path, _, _ = WORKLOADS[wl]
    conns = max(conns, len(wrk_cpus))
    cmd = wrk_argv(wrk_cpus, len(wrk_cpus), conns, seconds,
                   os.path.join(ROOT, script) if script else None, "http://127.0.0.1:%d%s" % (server.port, path))
    env = dict(os.environ, DEPTH="16")
    pids = server.pids()
    t0 = cpu_ticks(pids)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, env=env)
    t1 = cpu_ticks(pids)
    r = parse_wrk(p.stdout)
    r["cpu_us"] = (t1 - t0) * 1e6 / TICK / max(r["requests"], 1)
    r["rss_kib"] = server.rss_kib()
    r["wrk"] = cmd
    return r


def raise_nofile(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = max(soft, n)
    for lim in ((want, max(hard, want)), (min(want, hard), hard)):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, lim)
            break
        except (ValueError, OSError):
            continue
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# ---------------------------------------------------------------------------
# builds, machine, versions

def ensure_built(out, sources, cmd):
    if os.path.exists(out) and all(os.path.getmtime(out) >= os.path.getmtime(s) for s in sources):
        return
    log("+ " + shlex.join(cmd))
    subprocess.run(cmd, check=True, cwd=ROOT)


def first_line(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        text = (p.stdout + "\n" + p.stderr).strip()
        return text.splitlines()[0].strip() if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1048576.0)
    return {"cpu": model, "cores": os.cpu_count(), "allowed": sorted(os.sched_getaffinity(0)),
            "kernel": os.uname().release, "host": socket.gethostname(), "memory": mem,
            "arch": os.uname().machine}


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# ---------------------------------------------------------------------------
# report

def med(rs, key):
    vals = [r[key] for r in rs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def fmt_rps(x):
    if x is None:
        return "—"
    return "%.0f" % x


def fmt_k(x):
    if x is None:
        return "—"
    return "%.0fk" % (x / 1e3) if x >= 10e3 else "%.0f" % x


def fmt_lat(us):
    if us is None:
        return "—"
    if us < 1000:
        return "%.0f µs" % us
    return "%.2f ms" % (us / 1e3)


def short(x):
    return "%.0f" % x if x < 1e4 else "%.0fk" % (x / 1e3) if x < 1e6 else "%.2fM" % (x / 1e6)


def fmt_ratio(a, b):
    if a is None or not b:
        return "—"
    return "%.2f" % (a / b)


def summarize(results):
    """(threads, workload, server) -> medians."""
    out = {}
    for key, rs in results.items():
        ok = [r for r in rs if "error" not in r]
        if not ok:
            out[key] = {"failed": len(rs), "rounds": 0, "note": rs[-1].get("error", "") if rs else ""}
            continue
        rps = [r["rps"] for r in ok]
        out[key] = {
            "rps": statistics.median(rps),
            "spread": (max(rps) - min(rps)) / 2 / statistics.median(rps) * 100 if statistics.median(rps) else 0,
            "cpu_us": med(ok, "cpu_us"), "p50_us": med(ok, "p50_us"), "p99_us": med(ok, "p99_us"),
            "rss_kib": med(ok, "rss_kib"),
            "non2xx": sum(r["non2xx"] for r in ok), "socket_errors": sum(r["socket_errors"] for r in ok),
            "rounds": len(ok), "failed": len(rs) - len(ok),
        }
    return out


def workload_table(summ, threads, wl, names):
    rows = ["| server | req/s | ± | req/s vs nginx | req/s vs floor | CPU µs/req | CPU vs nginx | CPU vs floor "
            "| p50 | p99 | RSS MiB | errors |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    ng = summ.get((threads, wl, "nginx"), {})
    fl = summ.get((threads, wl, "floor"), {})
    for n in names:
        s = summ.get((threads, wl, n))
        if s is None:
            continue
        if not s.get("rounds"):
            rows.append("| %s | failed | | | | | | | | | | %s |" % (LABEL[n], s.get("note", "").splitlines()[0][:80]
                                                                  if s.get("note") else ""))
            continue
        errs = []
        if s["non2xx"]:
            errs.append("%d non-2xx" % s["non2xx"])
        if s["socket_errors"]:
            errs.append("%d socket errors" % s["socket_errors"])
        if s["failed"]:
            errs.append("%d rounds failed" % s["failed"])
        rows.append("| %s | %s | %s | %s | %s | %.2f | %s | %s | %s | %s | %.1f | %s |" % (
            LABEL[n], fmt_rps(s["rps"]), "%.1f%%" % s["spread"] if s["rounds"] > 1 else "—", fmt_ratio(s["rps"], ng.get("rps")),
            fmt_ratio(s["rps"], fl.get("rps")), s["cpu_us"], fmt_ratio(s["cpu_us"], ng.get("cpu_us")),
            fmt_ratio(s["cpu_us"], fl.get("cpu_us")), fmt_lat(s["p50_us"]), fmt_lat(s["p99_us"]),
            s["rss_kib"] / 1024.0, ", ".join(errs) or "0"))
    return "\n".join(rows)


def overview_table(summ, threads, wls, names):
    present = [n for n in names if any((threads, wl, n) in summ for wl in wls)]
    rows = ["| workload | " + " | ".join(LABEL[n] for n in present) + " |",
            "|---|" + "--:|" * len(present)]
    for wl in wls:
        cells = []
        for n in present:
            s = summ.get((threads, wl, n))
            if not s:
                cells.append("—")
            elif not s.get("rounds"):
                cells.append("failed")
            else:
                cells.append("%s req/s, %.2f µs CPU" % (fmt_k(s["rps"]), s["cpu_us"]))
        rows.append("| %s | %s |" % (wl, " | ".join(cells)))
    return "\n".join(rows)


def memory_table(mem, n):
    rows = ["| server | RSS at start | RSS with %d idle connections | per connection |" % n, "|---|--:|--:|--:|"]
    for name, (base, grown, per) in mem.items():
        if base is None:
            rows.append("| %s | failed | | %s |" % (LABEL[name], grown))
        else:
            rows.append("| %s | %.1f MiB | %.1f MiB | %.0f bytes |" % (LABEL[name], base / 1024.0, grown / 1024.0, per))
    return "\n".join(rows)


def gnuplot_bars(png, title, ylabel, clusters, names, values, fmt, yfmt):
    """A clustered bar chart, one cluster per thread count, one bar per server,
    each bar labelled with fmt(value)."""
    dat = png[:-4] + ".dat"
    n = len(names)
    with open(dat, "w") as f:
        f.write("# %s\n# x value label; one block per server\n" % title)
        for j, name in enumerate(names):
            f.write("# %s\n" % LABEL[name])
            for k, c in enumerate(clusters):
                v = values.get((c, name))
                if v is not None:
                    f.write('%g %.6g "%s"\n' % (k * (n + 1) + j, v, fmt(v)))
            f.write("\n\n")
    xtics = ", ".join('"%s" %g' % (c, k * (n + 1) + (n - 1) / 2.0) for k, c in enumerate(clusters))
    plot = ", ".join("'%s' index %d using 1:2 with boxes title \"%s\"" % (dat, j, LABEL[name])
                     for j, name in enumerate(names) if any(values.get((c, name)) is not None for c in clusters))
    script = """set terminal pngcairo size 1000,540 font "sans,10" noenhanced
set output '%(png)s'
set title "%(title)s"
set ylabel "%(ylabel)s"
set xlabel "server threads (wrk on the other cores)"
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside right top vertical
set xrange [-1:%(xmax)g]
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set grid ytics
set xtics (%(xtics)s) scale 0
set format y "%(yfmt)s"
plot %(plot)s, for [j=0:%(last)d] '%(dat)s' index j using 1:2:3 with labels offset 0,0.7 font "sans,7" notitle
""" % dict(png=png, title=title, ylabel=ylabel, dat=dat, xmax=len(clusters) * (n + 1) - 1, xtics=xtics,
           yfmt=yfmt, plot=plot, last=n - 1)
    subprocess.run(["gnuplot"], input=script, text=True, check=True, capture_output=True)
    return os.path.basename(png)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="1 round of 2 s, workloads %s, 2,000 idle connections" % ",".join(QUICK_WORKLOADS))
    ap.add_argument("--servers", default=",".join(SERVERS), help="comma list of " + ", ".join(SERVERS))
    ap.add_argument("--workloads", help="comma list of " + ", ".join(WORKLOADS) + " (default: all)")
    ap.add_argument("--threads", default="1,2,4,8", help="thread counts; each kept where cores >= T + 1")
    ap.add_argument("--rounds", type=int, help="rounds (default 5; --quick 1)")
    ap.add_argument("--seconds", type=int, help="seconds per wrk run (default 5; --quick 2)")
    ap.add_argument("--idle", type=int, help="idle connections for the memory figure, 0: skip (default 10000)")
    ap.add_argument("--no-parser", action="store_true", help="skip the parser benchmark")
    ap.add_argument("--out", help="results folder (default bench/results/<YYYY-MM-DD>-<hostname>, with -quick "
                    "appended in quick mode)")
    ap.add_argument("--statico", default=os.path.join(BUILD, "statico-bench"), help="statico binary (built if stale)")
    ap.add_argument("--floor", default=os.path.join(BUILD, "floor"), help="floor binary (built if stale)")
    a = ap.parse_args()
    names = [n.strip() for n in a.servers.split(",") if n.strip()]
    for n in names:
        if n not in SERVERS:
            ap.error("unknown server %r (known: %s)" % (n, ", ".join(SERVERS)))
    names = [n for n in SERVERS if n in names]
    wls = [w.strip() for w in a.workloads.split(",")] if a.workloads else (QUICK_WORKLOADS if a.quick else list(WORKLOADS))
    for w in wls:
        if w not in WORKLOADS:
            ap.error("unknown workload %r (known: %s)" % (w, ", ".join(WORKLOADS)))
    rounds = a.rounds or (1 if a.quick else 5)
    seconds = a.seconds or (2 if a.quick else 5)
    idle = a.idle if a.idle is not None else (2000 if a.quick else 10000)

    need = ["wrk", "taskset", "gcc"] + [n for n in ("nginx", "haproxy") if n in names]
    missing = [t for t in need if not shutil.which(t)]
    if missing:
        sys.exit("bench/report.py: missing %s (bench/run installs them: apt-get install -y nginx haproxy wrk gnuplot-nox)"
                 % ", ".join(missing))
    cpus = sorted(os.sched_getaffinity(0))
    tcounts = [t for t in (int(x) for x in a.threads.split(",")) if len(cpus) >= t + 1]
    if not tcounts:
        sys.exit("bench/report.py: needs at least 2 cores (servers on some, wrk on the rest); this process may use %d"
                 % len(cpus))
    nofile = raise_nofile(max(65536, idle + 4096))
    if idle > nofile - 200:
        idle = max(0, nofile - 200)
        log("RLIMIT_NOFILE is %d: %d idle connections" % (nofile, idle))

    mach = machine()
    date = datetime.date.today().isoformat()
    outdir = os.path.abspath(a.out or os.path.join(ROOT, "bench", "results", "%s-%s%s" % (
        date, mach["host"], "-quick" if a.quick else "")))
    os.makedirs(os.path.join(outdir, "configs"), exist_ok=True)
    for d in (outdir, os.path.join(outdir, "configs")):  # no stale figures from an earlier run
        for f in os.listdir(d):
            if f.endswith((".png", ".dat", ".conf", ".cfg")) or f in ("summary.md", "results.json"):
                os.remove(os.path.join(d, f))

    os.makedirs(BUILD, exist_ok=True)
    statico_src = [os.path.join(ROOT, "statico.h"), os.path.join(ROOT, "examples/cli.c")]
    builds = []
    if "statico" in names or "statico-uring" in names:
        builds.append((a.statico, statico_src, ["gcc", "-O2", "-march=native", "-o", a.statico,
                                                os.path.join(ROOT, "examples/cli.c"), "-lpthread"]))
    if "floor" in names:
        builds.append((a.floor, [os.path.join(ROOT, "bench/floor.c")],
                       ["gcc", "-O2", "-o", a.floor, os.path.join(ROOT, "bench/floor.c")]))
    parser_bin = os.path.join(BUILD, "bench-parser")
    if not a.no_parser:
        builds.append((parser_bin, [os.path.join(ROOT, "statico.h"), os.path.join(ROOT, "bench/parser.c")],
                       ["gcc", "-O3", "-march=native", os.path.join(ROOT, "bench/parser.c"), "-o", parser_bin]))
    for out, srcs, cmd in builds:
        ensure_built(out, srcs, cmd)

    versions = {"gcc": first_line(["gcc", "--version"]), "wrk": first_line(["wrk", "-v"]),
                "statico": first_line([a.statico, "-V"]) if os.path.exists(a.statico) else "—",
                "python": sys.version.split()[0]}
    if "nginx" in names:
        versions["nginx"] = first_line(["nginx", "-v"])
    if "haproxy" in names:
        versions["haproxy"] = first_line(["haproxy", "-v"])
    versions["gnuplot"] = first_line(["gnuplot", "--version"]) if shutil.which("gnuplot") else "not installed"
    for k, v in list(versions.items()):  # "nginx version: nginx/1.22.1" -> "nginx/1.22.1", no URLs or copyright
        v = re.sub(r"^nginx version: ", "", v)
        v = re.sub(r"\s+(Copyright.*|-\s+https?://.*)$", "", v)
        versions[k] = v

    log("machine: %s, %d cores (%s allowed), kernel %s, load %s" % (
        mach["cpu"], mach["cores"], cpulist(cpus), mach["kernel"], loadavg()))
    log("servers: %s; workloads: %s; threads: %s; %d rounds of %d s; %d idle connections" % (
        ", ".join(names), ", ".join(wls), ",".join(map(str, tcounts)), rounds, seconds, idle))
    log("results: " + outdir)
    started = time.time()
    load_start = loadavg()

    parser_out = None
    if not a.no_parser:
        reqdir = os.path.join(os.path.dirname(ROOT), "shared", "bench", "requests")
        if os.path.isdir(reqdir):
            p = subprocess.run(["taskset", "-c", str(cpus[0]), parser_bin], capture_output=True, text=True,
                               env=dict(os.environ, STATICO_REQUESTS=reqdir), cwd=ROOT, timeout=300)
            parser_out = (p.stdout + p.stderr).rstrip()
            log(parser_out)
        else:
            parser_out = "(skipped: the reference requests %s are not there)" % reqdir

    tmp = tempfile.mkdtemp(prefix="statico-report-")
    os.chmod(tmp, 0o755)  # nginx workers (user nobody) read the bodies from here
    # run copies: a rebuild or a clean of build/ during the run changes nothing
    snap = {}
    for name, path in (("statico", a.statico), ("floor", a.floor)):
        if os.path.exists(path):
            snap[name] = os.path.join(tmp, name)
            shutil.copy2(path, snap[name])
    statico_bin, floor_bin = snap.get("statico", a.statico), snap.get("floor", a.floor)
    files = os.path.join(tmp, "files")
    make_files(files)
    specs = []
    for w in wls:
        if WORKLOADS[w][0] not in specs:
            specs.append(WORKLOADS[w][0])

    results = {}
    commands = {}
    notes = []
    mem = {}
    stopping = []

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    servers = []
    try:
        for T in tcounts:
            server_cpus, wrk_cpus = cpus[:T], cpus[T:]
            servers = make_servers(names, specs, T, server_cpus, tmp, files, statico_bin, floor_bin)
            for s in servers:
                commands[(T, s.name, s.spec)] = s
                try:
                    s.start()
                    if s.backend_note and s.backend_note not in notes:
                        notes.append(s.backend_note)
                except RuntimeError as e:
                    s.failed = True
                    log("  " + str(e))
                    notes.append("%s (%s, %d threads) did not start: %s" % (
                        s.name, s.spec, T, str(e).splitlines()[-1] if str(e).splitlines() else ""))
            log("== %d thread%s: servers on CPU %s, wrk -t%d on CPU %s" % (
                T, "" if T == 1 else "s", cpulist(server_cpus), len(wrk_cpus), cpulist(wrk_cpus)))
            for rnd in range(rounds):
                for w in wls:
                    spec, _, _, _, floor_ok, _ = WORKLOADS[w]
                    for s in servers:
                        if s.spec != spec or (s.name == "floor" and not floor_ok):
                            continue
                        key = (T, w, s.name)
                        res = results.setdefault(key, [])
                        if s.p is None or s.failed:
                            res.append({"error": "did not start"})
                            continue
                        if not s.alive():
                            log("  %s (%s) exited; restarting" % (s.name, s.spec))
                            notes.append("%s (%s, %d threads) exited during the run and was restarted" % (s.name, s.spec, T))
                            try:
                                s.start()
                            except RuntimeError as e:
                                res.append({"error": str(e)})
                                continue
                        try:
                            r = measure(s, w, seconds, wrk_cpus)
                        except (ValueError, subprocess.TimeoutExpired, OSError) as e:
                            res.append({"error": str(e)})
                            log("  round %d %-14s %-11s FAILED: %s" % (rnd + 1, s.name, w, str(e).splitlines()[0]))
                            continue
                        res.append(r)
                        log("  round %d %-14s %-11s %9.0f req/s %7.2f µs CPU/req  p50 %-9s p99 %-9s%s" % (
                            rnd + 1, s.name, w, r["rps"], r["cpu_us"], fmt_lat(r["p50_us"]), fmt_lat(r["p99_us"]),
                            ("  non-2xx %d" % r["non2xx"] if r["non2xx"] else "")
                            + ("  " + r["socket_errors_text"] if r["socket_errors"] else "")))
            for s in servers:
                s.stop()
            if idle and T == tcounts[0]:
                log("== memory: %d idle keep-alive connections, fresh servers, %d thread%s" % (idle, T, "" if T == 1 else "s"))
                fresh = [s for s in make_servers([n for n in names if n != "floor"], ["hello"], T, server_cpus, tmp,
                                                 files, statico_bin, floor_bin)]
                for s in fresh:
                    try:
                        s.start()
                        mem[s.name] = idle_growth(s.port, idle, s.rss_kib, s.name)
                        log("  %-14s start %6.1f MiB, with %d idle %6.1f MiB: %5.0f bytes per connection" % (
                            s.name, mem[s.name][0] / 1024.0, idle, mem[s.name][1] / 1024.0, mem[s.name][2]))
                    except (RuntimeError, OSError) as e:
                        mem[s.name] = (None, str(e).splitlines()[0], None)
                        log("  %s: memory FAILED: %s" % (s.name, e))
                    finally:
                        s.stop()
    except KeyboardInterrupt:
        stopping.append(1)
        log("interrupted: writing what was measured")
    finally:
        for s in servers:
            s.stop()
        for (T, name, spec), s in commands.items():
            if s.config and os.path.exists(s.config):
                with open(s.config) as f:
                    text = f.read().replace(files, "FILES").replace(tmp, "TMP")
                with open(os.path.join(outdir, "configs", os.path.basename(s.config)), "w") as f:
                    f.write(text)
        shutil.rmtree(tmp, ignore_errors=True)

    elapsed = time.time() - started
    summ = summarize(results)

    # plots
    plots = []
    if shutil.which("gnuplot"):
        try:
            for w in wls:
                present = [n for n in names if any((T, w, n) in summ for T in tcounts)]
                vals = {(str(T), n): summ.get((T, w, n), {}).get("rps") for T in tcounts for n in present}
                plots.append(("requests/s by thread count, %s" % w, gnuplot_bars(
                    os.path.join(outdir, "rps-%s.png" % w), "requests/s by thread count: %s (%s)" % (w, WORKLOADS[w][5].split(" (")[0]),
                    "requests/s", [str(T) for T in tcounts], present, vals, short, "%.1s%c" if max(filter(None, vals.values()), default=0) >= 1e6 else "%.0s%c")))
            for w in [w for w in ("plain",) if w in wls] or wls[:1]:
                present = [n for n in names if any((T, w, n) in summ for T in tcounts)]
                vals = {(str(T), n): summ.get((T, w, n), {}).get("cpu_us") for T in tcounts for n in present}
                plots.append(("CPU per request by server, %s" % w, gnuplot_bars(
                    os.path.join(outdir, "cpu-%s.png" % w), "server CPU per request by server: %s (lower is better)" % w,
                    "CPU microseconds per request", [str(T) for T in tcounts], present, vals, "{:.2f}".format, "%.1f")))
        except (subprocess.CalledProcessError, OSError) as e:
            notes.append("gnuplot failed: %s" % getattr(e, "stderr", e))
    else:
        notes.append("no plots: gnuplot is not installed (apt-get install -y gnuplot-nox)")

    # summary.md
    L = []
    L.append("# statico benchmark report, %s, %s" % (date, mach["host"]))
    L.append("")
    L.append("%s mode: %d round%s of %d s per server and workload, servers alternating within each round; "
             "figures are medians over the rounds (± is half the spread of requests/s). Took %.0f s%s." % (
                 "Quick" if a.quick else "Full" if not (a.rounds or a.seconds or a.workloads) else "Custom", rounds,
                 "" if rounds == 1 else "s", seconds, elapsed, " (interrupted)" if stopping else ""))
    L.append("")
    L.append("- machine: %s, %d cores (%s usable), %s memory, %s, kernel %s" % (
        mach["cpu"], mach["cores"], cpulist(cpus), mach["memory"], mach["arch"], mach["kernel"]))
    L.append("- load average at start %s, at end %s (other work on the machine shares its cores)" % (load_start, loadavg()))
    L.append("- versions: " + "; ".join("%s: %s" % kv for kv in versions.items()))
    for T in tcounts:
        L.append("- %d thread%s: every server pinned to CPU %s (taskset -c; statico pins each worker, nginx "
                 "worker_cpu_affinity, HAProxy cpu-map); wrk -t%d on CPU %s" % (
                     T, "" if T == 1 else "s", cpulist(cpus[:T]), len(cpus) - T, cpulist(cpus[T:])))
    L.append("- CPU µs/req: utime+stime of all the server's processes (/proc/PID/stat, %d Hz ticks) over the wrk "
             "run, divided by the requests wrk counted. RSS: sum of VmRSS of those processes after the run." % TICK)
    if any(len(cpus) - T == 1 for T in tcounts):
        L.append("- with wrk on a single core the client can set the pace: when servers show about the same "
                 "requests/s, the server CPU per request is the figure that tells them apart")
    for n in notes:
        L.append("- note: " + n)
    L.append("")
    T0 = tcounts[0]
    L.append("## Overview (%d thread%s)" % (T0, "" if T0 == 1 else "s"))
    L.append("")
    L.append("Median requests/s and server CPU microseconds per request.")
    L.append("")
    L.append(overview_table(summ, T0, wls, names))
    L.append("")
    if mem:
        L.append("## Memory: %d idle keep-alive connections" % idle)
        L.append("")
        L.append("A fresh server (%d thread%s, the plain response) gets %d connections that each sent one request and "
                 "read its response; RSS is the sum of VmRSS of its processes (kernel socket buffers are not in it)."
                 % (T0, "" if T0 == 1 else "s", idle))
        L.append("")
        L.append(memory_table(mem, idle))
        L.append("")
    if plots:
        L.append("## Plots")
        L.append("")
        for title, png in plots:
            L.append("![%s](%s)" % (title, png))
            L.append("")
    for w in wls:
        for T in tcounts:
            if not any((T, w, n) in summ for n in names):
                continue
            L.append("## %s, %d thread%s" % (w, T, "" if T == 1 else "s"))
            L.append("")
            L.append(WORKLOADS[w][5] + ".")
            L.append("")
            L.append(workload_table(summ, T, w, names))
            L.append("")
    if parser_out is not None:
        L.append("## Parser (build/bench-parser)")
        L.append("")
        L.append("`gcc -O3 -march=native bench/parser.c -o build/bench-parser && taskset -c %d build/bench-parser`" % cpus[0])
        L.append("")
        L.append("```")
        L.append(parser_out)
        L.append("```")
        L.append("")
    L.append("## Commands")
    L.append("")
    L.append("Reproduce: `%s` (or `%s`). PORT is a free port picked at start, "
             "TMP a temporary folder, FILES its folder of generated bodies (1k.bin, 64k.bin, 1m.bin: a repeated "
             "text line); the configuration files are in [configs/](configs/)." % (
                 shlex.join(["bench/run"] + sys.argv[1:]), shlex.join(["python3", "bench/report.py"] + sys.argv[1:])))
    L.append("")
    L.append("```sh")
    for out, srcs, cmd in builds:
        L.append(shlex.join(os.path.relpath(c, ROOT) if os.path.isabs(c) and c.startswith(ROOT) else c for c in cmd))
    seen = set()
    for (T, name, spec), s in commands.items():
        cmd = []
        for c in s.command():
            c = "PORT" if c == str(s.port) else c
            c = c.replace(files, "FILES")
            if c == statico_bin or c == floor_bin:
                c = a.statico if c == statico_bin else a.floor
            if c.startswith(ROOT + "/"):
                c = os.path.relpath(c, ROOT)
            if s.config and c == s.config:
                c = "configs/" + os.path.basename(c)
            if c.startswith(tmp):
                c = "TMP" + c[len(tmp):]
            cmd.append(c)
        line = shlex.join(cmd)
        if line not in seen:
            seen.add(line)
            L.append("# %s, %s response, %d thread%s" % (LABEL[name], spec, T, "" if T == 1 else "s"))
            L.append(line)
    for w in wls:
        spec, conns, script, path, _, _ = WORKLOADS[w]
        for T in tcounts:
            wc = cpus[T:]
            L.append("# workload %s, %d thread%s" % (w, T, "" if T == 1 else "s"))
            L.append(("DEPTH=16 " if script and "pipeline" in script else "") + shlex.join(
                wrk_argv(wc, len(wc), max(conns, len(wc)), seconds, script, "http://127.0.0.1:PORT" + path)))
    L.append("```")
    L.append("")
    with open(os.path.join(outdir, "summary.md"), "w") as f:
        f.write("\n".join(L))
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump({"date": date, "machine": mach, "versions": versions, "rounds": rounds, "seconds": seconds,
                   "threads": tcounts, "workloads": wls, "servers": names, "elapsed_s": elapsed, "notes": notes,
                   "results": [{"threads": T, "workload": w, "server": n, "runs": rs} for (T, w, n), rs in results.items()],
                   "medians": [dict(threads=T, workload=w, server=n, **v) for (T, w, n), v in summ.items()],
                   "memory": {n: {"start_kib": b, "idle_kib": g, "bytes_per_connection": p} for n, (b, g, p) in mem.items()},
                   "idle_connections": idle, "parser": parser_out}, f, indent=1)
    log("")
    log(overview_table(summ, T0, wls, names))
    if mem:
        log("")
        log(memory_table(mem, idle))
    log("\nwrote %s (%.0f s)" % (os.path.join(outdir, "summary.md"), elapsed))
    return 1 if stopping else 0


if __name__ == "__main__":
    sys.exit(main())
