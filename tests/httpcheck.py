"""tests/httpcheck.py - what tests/test_server.py and tests/test_hardening.py
share: the Fail exception and its messages, free ports, sockets with a
timeout, stopping a process, sanitizer reports, and the raw connection that
each script's Conn builds its response parsing on. Standard library only."""
import random
import signal
import socket
import subprocess
import time

HOST4 = "127.0.0.1"
HOST6 = "::1"
TIMEOUT = 5.0  # seconds: every socket and every wait unless a check says otherwise
SANITIZER = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "WARNING: ThreadSanitizer",
             "Sanitizer:DEADLYSIGNAL", "SUMMARY: UndefinedBehaviorSanitizer")
USED_PORTS = set()  # every port free_ports handed out, never handed out again


class Fail(Exception):
    pass


def short(v, n=160):
    s = repr(v)
    if len(s) <= n:
        return s
    return s[:n] + ("...(%d bytes)" % len(v) if isinstance(v, (bytes, bytearray, str)) else "...")


def describe(e):
    return str(e) if isinstance(e, Fail) else "%s: %s" % (type(e).__name__, e)


def need(cond, msg):
    if not cond:
        raise Fail(msg)


# ---------------------------------------------------------------------------
# processes

def stop_process(p, wait, sent_at=None):
    """SIGTERM (unless sent at sent_at), SIGKILL wait s after it.
    Returns (exit status, killed, seconds from SIGTERM to exit)."""
    if sent_at is None:
        sent_at = time.monotonic()
        if p.poll() is None:
            try:
                p.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
    try:
        p.wait(timeout=max(0.0, sent_at + wait - time.monotonic()))
        return p.returncode, False, time.monotonic() - sent_at
    except subprocess.TimeoutExpired:
        p.kill()
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        return p.returncode, True, time.monotonic() - sent_at


def sanitizer_report(text):
    for line in text.splitlines():
        if any(s in line for s in SANITIZER):
            return line.strip()
    return None


def read_text(path):
    """A log file's text ("" when it cannot be read)."""
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def stop_problems(rc, killed, stderr, wait, who=""):
    """What went wrong with a server stopped by stop_process: a list of
    descriptions, empty when it exited 0 in time without a sanitizer report."""
    problems = []
    report = sanitizer_report(stderr)
    if report:
        problems.append("sanitizer report: %s" % report)
    if killed:
        problems.append("%sdid not exit within %.0f s of SIGTERM" % (who, wait))
    elif rc != 0:
        problems.append("%sexit status %s" % (who, rc))
    return problems


# ---------------------------------------------------------------------------
# ports and sockets

def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def port_free(port, host=HOST4):
    s = socket.socket(family(host), socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    try:
        s.bind((host, port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def free_ports(n=1, consecutive=False, step=1, hosts=(HOST4,)):
    """n ports that nothing holds on any of hosts, below the ephemeral range
    (32768-60999) so that no client connection takes them meanwhile:
    consecutive, every step-th, or any."""
    for _ in range(500):
        if consecutive or step > 1:
            base = random.randrange(20000, 32000 - n * step)
            cand = list(range(base, base + n * step, step))
        else:
            cand = random.sample(range(20000, 32000), n)
        if any(p in USED_PORTS for p in cand):
            continue
        if all(port_free(p, h) for p in cand for h in hosts):
            USED_PORTS.update(cand)
            return cand
    raise Fail("no free ports found")


def connect(port, host=HOST4, timeout=TIMEOUT, rcvbuf=0):
    s = socket.socket(family(host), socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        s.connect((host, port))
    except BaseException:
        s.close()
        raise
    return s


def await_ports(proc, ports, host, wait, cmdline):
    """Wait (TIMEOUT s at the most) until each of ports accepts connections
    on host while proc runs: True; False when proc exited (its stderr tells
    why). A proc still running that does not accept is stopped (SIGKILL wait
    s after SIGTERM) and fails."""
    deadline = time.monotonic() + TIMEOUT
    pending = list(ports)
    while pending and time.monotonic() < deadline and proc.poll() is None:
        try:
            connect(pending[0], host, timeout=0.5).close()
            pending.pop(0)
        except OSError:
            time.sleep(0.02)
    if not pending and proc.poll() is None:
        return True
    if proc.poll() is None:
        stop_process(proc, wait)
        raise Fail("server did not accept connections within %.0f s: %s" % (TIMEOUT, cmdline))
    return False


class BaseConn:
    """One client connection: the socket s, what it has read and not yet
    taken (buf), and _more() to read more before a deadline. Each script's
    Conn adds its own response parsing."""

    def __init__(self, port, host=HOST4, timeout=TIMEOUT, rcvbuf=0):
        self.s = connect(port, host, timeout, rcvbuf)
        self.timeout = timeout
        self.buf = bytearray()

    def close(self):
        self.s.close()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()
        return False

    def send(self, data):
        self.s.sendall(data)

    def _more(self, deadline, what):
        have = lambda: short(bytes(self.buf), 200)
        left = deadline - time.monotonic()
        if left <= 0:
            raise Fail("timed out waiting for %s (have %s)" % (what, have()))
        self.s.settimeout(min(left, self.timeout))
        try:
            d = self.s.recv(1 << 20)
        except socket.timeout:
            raise Fail("timed out waiting for %s (have %s)" % (what, have()))
        except ConnectionResetError:
            raise Fail("connection reset while waiting for %s (have %s)" % (what, have()))
        if not d:
            raise Fail("connection closed while waiting for %s (have %s)" % (what, have()))
        self.buf += d
