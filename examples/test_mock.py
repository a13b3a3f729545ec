"""examples/test_mock.py - the statico command line as the mock server of a
pytest suite: a fixture starts it on an ephemeral port, learns its ports from
the ready line, and the tests assert through the admin endpoint.

    cc -O2 examples/cli.c -o statico -lpthread
    STATICO=./statico python3 -m pytest -q examples/test_mock.py

Standard library only (plus pytest). Traffic stays on 127.0.0.1.
"""
import http.client
import json
import os
import re
import subprocess

import pytest

STATICO = os.environ.get("STATICO", "./statico")


class Mock:
    """A running statico: its port, its admin port, and admin calls."""

    def __init__(self, args):
        self.proc = subprocess.Popen([STATICO, "-a", "127.0.0.1", "-p", "0", "-t", "1", "--print-ports",
                                      "--admin", "0"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()  # once every listener listens: no sleep, no polling
        m = re.match(r"ports (\d+) admin (\d+)$", line.strip())
        if not m:
            self.proc.kill()
            raise RuntimeError("statico did not start: %r %r" % (line, self.proc.stderr.read()))
        self.port, self.admin_port = int(m.group(1)), int(m.group(2))

    def admin(self, method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.admin_port, timeout=10)
        c.request(method, "/__statico/" + path, body=body)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, (json.loads(data) if r.getheader("Content-Type", "").startswith("application/json")
                          else data.decode())

    def get(self, path, method="GET", body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def mock():
    m = Mock(["-s", "404",  # the default response: before the routes
              "--route", "GET /flaky", "--name", "flaky", "-s", "503", "--times", "2", "--then", "-b", "ok",
              "--route", "POST /orders", "--name", "orders", "--match-body-contains", '"qty"', "-s", "201",
              "-b", '{"id":1}'])
    yield m
    m.stop()


def test_retries_until_success(mock):
    statuses = [mock.get("/flaky")[0] for _ in range(3)]
    assert statuses == [503, 503, 200]
    status, counts = mock.admin("GET", "counts")
    assert status == 200 and counts["routes"][0] == {"route": "GET /flaky", "name": "flaky", "count": 3}


def test_body_condition_and_journal(mock):
    assert mock.get("/orders", "POST", b'{"qty": 2}')[0] == 201
    assert mock.get("/orders", "POST", b'{"other": 1}')[0] == 404
    status, journal = mock.admin("GET", "journal?from=1")
    assert status == 200 and [x["status"] for x in journal] == [201, 404]
    assert journal[0]["body"] == '{"qty": 2}' and journal[0]["method"] == "POST"
    status, report = mock.admin("GET", "unmatched")
    assert "does not contain" in report


def test_wait_and_live_change(mock):
    status, got = mock.admin("GET", "wait?route=orders&n=1&timeout_ms=100")
    assert status == 408 and got == {"count": 0}  # "never within 100 ms"
    status, _ = mock.admin("PUT", "routes/flaky", b"--fault reset --times 1 --then -s 200 -b back")
    assert status == 200
    with pytest.raises(ConnectionError):
        mock.get("/flaky")
    assert mock.get("/flaky") == (200, b"back")
    assert mock.admin("POST", "reset")[0] == 200
    assert mock.admin("GET", "counts")[1]["any"] == 0
