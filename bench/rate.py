#!/usr/bin/env python3
"""rate.py - how close --fault rate=N keeps to N: a body sent at 1 MB/s and at
100 MB/s (and dribble at 10 KB every 10 ms), timed from the client, over a few
rounds; prints the achieved rate and its ratio to the one asked.

    python3 bench/rate.py [build/statico] [--rounds 3]

Builds examples/cli.c when no binary is given. Traffic stays on 127.0.0.1.
"""
import os, socket, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import ROOT, BUILD, free_port, sh, wait_port  # noqa: E402


def fetch(port, path):
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.settimeout(60)
    t0 = time.time()
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += s.recv(65536)
    head, rest = buf.split(b"\r\n\r\n", 1)
    n = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
    got = len(rest)
    while got < n:
        d = s.recv(1 << 20)
        if not d:
            break
        got += len(d)
    took = time.time() - t0
    s.close()
    return got + len(head) + 4, took


def main():
    argv = sys.argv[1:]
    rounds = 3
    if "--rounds" in argv:
        k = argv.index("--rounds")
        rounds = int(argv[k + 1])
        del argv[k:k + 2]
    args = argv
    exe = args[0] if args else os.path.join(BUILD, "statico-rate")
    if not args:
        os.makedirs(BUILD, exist_ok=True)
        sh(["gcc", "-O2", "-march=native", "-o", exe, os.path.join(ROOT, "examples/cli.c"), "-lpthread"])
    cases = [("rate=1000000", 4 << 20, 1e6), ("rate=100000000", 200 << 20, 1e8), ("dribble=10000/10ms", 4 << 20, 1e6)]
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [exe, "-t", "1", "-a", "127.0.0.1", "--no-date"]
        for i, (fault, size, _) in enumerate(cases):
            path = os.path.join(tmp, "b%d" % i)
            with open(path, "wb") as f:
                f.write(b"x" * size)
            cmd += ["--route", "GET /%d" % i, "-b", "@" + path, "--fault", fault]
        port = free_port()
        p = subprocess.Popen(cmd + ["-p", str(port)], stderr=subprocess.DEVNULL)
        try:
            wait_port(port)
            print("%-22s %10s %12s %12s %8s" % ("fault", "bytes", "seconds", "bytes/s", "ratio"))
            for i, (fault, size, want) in enumerate(cases):
                runs = [fetch(port, b"/%d" % i) for _ in range(rounds)]
                rate = statistics.median(n / t for n, t in runs)
                print("%-22s %10d %12.3f %12.0f %8.3f" % (fault, runs[0][0], statistics.median(t for _, t in runs),
                                                           rate, rate / want))
        finally:
            p.terminate()
            p.wait()


if __name__ == "__main__":
    main()
