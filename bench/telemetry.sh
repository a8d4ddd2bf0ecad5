#!/usr/bin/env bash
# TelemetryBuffer (telemetry) microbenchmarks with JMH: insert throughput and query latency over a
# full buffer of one million samples with reductions 20, 100, 50. Prints a Markdown table.
#
#   bench/telemetry.sh [JMH OPTIONS...]      (e.g. -wi 5 -i 10 for tighter errors)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
JMH_JAR="$(benchmarks_jar)"
OUT="$(mktemp)"
java -jar "$JMH_JAR" TelemetryBufferBenchmark -rf json -rff "$OUT" "$@" >&2
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("| TelemetryBuffer benchmark (1M samples, reductions 20/100/50) | median | p99 | unit |")
print("|---|---|---|---|")
for b in rows:
    m = b["primaryMetric"]
    name = b["benchmark"].rsplit(".", 1)[1]
    p = m.get("scorePercentiles", {})
    if b["mode"] == "thrpt":
        print(f"| {name} | {p.get('50.0', m['score'])/1e6:.1f} | - | million samples/s |")
    else:
        print(f"| {name} | {p['50.0']:.2f} | {p['99.0']:.2f} | µs per query |")
PY
rm -f "$OUT"
