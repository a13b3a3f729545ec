#!/usr/bin/env bash
# tests/test_bench.sh - keeps the benchmark report harness (bench/report.py,
# tools/mix.lua, tools/pipeline.lua) from rotting: runs it on statico alone
# for a few seconds (no nginx, HAProxy or gnuplot needed) and checks that it
# parsed wrk's output and wrote its tables. Timings are never asserted.
#
#   bash tests/test_bench.sh [OUTDIR]      (needs gcc, wrk and python3)
#
# The last line is "N passed, N failed"; the exit status is 0 only when
# nothing failed.
set -u

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
out=${1:-build/test-bench}
rm -rf "$out"
mkdir -p "$out"

passed=0
failed=0
if [ "$(python3 -c 'import os; print(len(os.sched_getaffinity(0)))')" -lt 2 ]; then
    echo "  skip  the harness needs 2 cores (servers on one, wrk on another)"
    echo "0 passed, 0 failed"
    exit 0
fi
check() { # NAME COMMAND...: one result line
    local name=$1
    shift
    if "$@" >>"$out/checks.log" 2>&1; then
        passed=$((passed + 1))
        echo "  ok    $name"
    else
        failed=$((failed + 1))
        echo "  FAIL  $name"
    fi
}

# wrk's output parser on a fixed sample, pipelined percentiles included
check "parse_wrk reads a wrk --latency report" python3 - <<'PY'
import sys
sys.path.insert(0, "bench")
import report
sample = """Running 2s test @ http://127.0.0.1:8080/
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   197.56us   71.71us   2.67ms   95.39%
    Req/Sec   168.76k     1.77k  171.91k    70.00%
  Latency Distribution
     50%  189.00us
     75%  204.00us
     90%    1.21ms
     99%    0.00us
  335327 requests in 2.00s, 25.58MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec: 167569.58
Transfer/sec:     12.78MB
"""
r = report.parse_wrk(sample)
assert r["requests"] == 335327, r
assert r["rps"] == 167569.58, r
assert r["p50_us"] == 189.0, r
assert r["p99_us"] is None, r  # 0.00us: not measured
assert r["non2xx"] == 7 and r["socket_errors"] == 3, r
try:
    report.parse_wrk("wrk: connection refused")
    raise SystemExit("garbage parsed")
except ValueError:
    pass
PY

bin=$out/statico
check "statico builds (gcc -O2 -march=native)" gcc -O2 -march=native examples/cli.c -o "$bin" -lpthread

echo "+ python3 bench/report.py --servers statico --seconds 2 --rounds 1 --workloads plain,mix --idle 200 --no-parser --out $out/results" \
    >"$out/report.log"
timeout 120 python3 bench/report.py --servers statico --seconds 2 --rounds 1 --workloads plain,mix --idle 200 \
    --no-parser --statico "$bin" --out "$out/results" >>"$out/report.log" 2>&1
rc=$?
check "bench/report.py exits 0 (log: $out/report.log)" test $rc -eq 0
summary=$out/results/summary.md
check "summary.md written" test -s "$summary"
check "summary names the machine" grep -q '^- machine: .*kernel' "$summary"
check "summary gives the commands" grep -q '^## Commands' "$summary"

# the plain table: the statico row's req/s column is a number > 0, no errors
check "plain table: statico req/s > 0" python3 - "$summary" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
sec = text.split("## plain, 1 thread", 1)[1].split("\n## ", 1)[0]
assert "| server | req/s |" in sec, sec
row = [l for l in sec.splitlines() if l.startswith("| statico (epoll) |")][0]
cells = [c.strip() for c in row.strip("|").split("|")]
assert float(cells[1]) > 0, row      # req/s
assert float(cells[5]) > 0, row      # CPU µs/req
assert re.match(r"[\d.]+ (µs|ms)$", cells[8]), row  # p50
assert cells[-1] == "0", row         # no non-2xx, no socket errors
PY
check "mix table: every route answered 2xx (tools/mix.lua)" python3 - "$summary" <<'PY'
import sys
text = open(sys.argv[1]).read()
sec = text.split("## mix, 1 thread", 1)[1].split("\n## ", 1)[0]
row = [l for l in sec.splitlines() if l.startswith("| statico (epoll) |")][0]
cells = [c.strip() for c in row.strip("|").split("|")]
assert float(cells[1]) > 0 and cells[-1] == "0", row
PY
check "memory table: statico's idle-connection figure" grep -q '^| statico (epoll) | [0-9.]* MiB | [0-9.]* MiB | -\?[0-9]* bytes |' "$summary"
check "results.json holds the raw wrk runs" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
runs = [r for x in d["results"] for r in x["runs"]]
assert runs and all("rps" in r and r["requests"] > 0 for r in runs), runs
' "$out/results/results.json"

if [ "$failed" -ne 0 ]; then
    echo "--- last lines of $out/report.log"
    tail -n 20 "$out/report.log"
    echo "--- last lines of $out/checks.log"
    tail -n 20 "$out/checks.log"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
