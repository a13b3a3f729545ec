#!/usr/bin/env python3
"""compare.py - the working tree's statico against an earlier revision's,
side by side: what a change costs on the hot path.

Both builds (gcc -O2 -march=native examples/cli.c) run one worker pinned to
CPU 0, wrk (-t1, 64 connections) runs on CPU 1; they take turns (A B A B
...) for every backend and workload so drift hits both alike. Reported:
server CPU microseconds per request (utime+stime from /proc, the steadier
figure), requests/s, medians over the rounds, and the ratio new / base.

    python3 bench/compare.py [--base REV] [--rounds 5] [--seconds 5]
                             [--runtimes epoll,io_uring] [--workloads plain,pipelined16]
                             [--new-args '--journal 1024'] [--base-args ...]

--new-args and --base-args add command-line options to one side: the cost
of a feature turned on, with --base HEAD and an unchanged tree.

Needs gcc, git, wrk and taskset. Traffic stays on 127.0.0.1.
"""
import argparse, os, shlex, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import ROOT, BUILD, BODY, Server, free_port, measure, sh  # noqa: E402


def build_rev(rev, out, tmp):
    """examples/cli.c and statico.h of git revision rev, built into out"""
    src = os.path.join(tmp, rev.replace("/", "_"))
    os.makedirs(os.path.join(src, "examples"), exist_ok=True)
    for path in ("statico.h", "examples/cli.c", "examples/admin.h"):
        got = subprocess.run(["git", "-C", ROOT, "show", "%s:%s" % (rev, path)], capture_output=True)
        if got.returncode:
            if path == "examples/admin.h":
                continue  # revisions before the admin endpoint
            got.check_returncode()
        data = got.stdout
        with open(os.path.join(src, path), "wb") as f:
            f.write(data)
    sh(["gcc", "-O2", "-march=native", "-o", out, os.path.join(src, "examples/cli.c"), "-lpthread"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="HEAD", help="the revision to compare with (default: HEAD)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--runtimes", default="epoll,io_uring")
    ap.add_argument("--workloads", default="plain,pipelined16")
    ap.add_argument("--base-args", default="", help="extra options for the base build")
    ap.add_argument("--new-args", default="", help="extra options for the new build")
    a = ap.parse_args()
    for tool in ("gcc", "git", "wrk", "taskset"):
        if not shutil.which(tool):
            sys.exit("bench/compare.py: %s is missing" % tool)
    os.makedirs(BUILD, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="statico-compare-")
    base_bin = os.path.join(BUILD, "statico-base")
    new_bin = os.path.join(BUILD, "statico-new")
    build_rev(a.base, base_bin, tmp)
    sh(["gcc", "-O2", "-march=native", "-o", new_bin, os.path.join(ROOT, "examples/cli.c"), "-lpthread"])
    scripts = {"plain": None, "pipelined16": os.path.join(ROOT, "tools/pipeline.lua")}
    builds = [("base", base_bin), ("new", new_bin)]
    extra = {"base": shlex.split(a.base_args), "new": shlex.split(a.new_args)}
    res = {}
    for rt in a.runtimes.split(","):
        servers = {}
        for name, binary in builds:
            port = free_port()
            servers[name] = Server(name, [binary, "-t", "1", "--no-pin", "-a", "127.0.0.1", "-p", str(port),
                                          "--runtime", rt, "-b", BODY] + extra[name], port)
        try:
            for s in servers.values():
                s.start()
            for wl in a.workloads.split(","):
                for r in range(a.rounds):
                    order = builds if r % 2 == 0 else builds[::-1]
                    for name, _ in order:
                        m = measure(servers[name], a.seconds, a.connections, scripts[wl])
                        res.setdefault((rt, wl, name), []).append(m)
                        print("%-9s %-12s %-5s round %d: %8.0f req/s %6.3f us/req" % (
                            rt, wl, name, r + 1, m["rps"], m["cpu_us"]), flush=True)
        finally:
            for s in servers.values():
                s.stop()
    print("\nmedians over %d rounds of %d s (base = %s)" % (a.rounds, a.seconds, a.base))
    print("%-9s %-12s %12s %12s %12s %12s %8s" % ("runtime", "workload", "base req/s", "new req/s", "base us/req",
                                                   "new us/req", "new/base"))
    for rt in a.runtimes.split(","):
        for wl in a.workloads.split(","):
            b, n = res[(rt, wl, "base")], res[(rt, wl, "new")]
            bc, nc = statistics.median(x["cpu_us"] for x in b), statistics.median(x["cpu_us"] for x in n)
            print("%-9s %-12s %12.0f %12.0f %12.3f %12.3f %8.3f" % (
                rt, wl, statistics.median(x["rps"] for x in b), statistics.median(x["rps"] for x in n), bc, nc,
                nc / bc if bc else 0))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
