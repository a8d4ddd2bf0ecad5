#!/usr/bin/env bash
# JMH microbenchmarks of the hot paths (benchmarks/HotPathBenchmark), printed as MB/s.
#
#   bench/hotpaths.sh [JMH OPTIONS...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
JMH_JAR="$(benchmarks_jar)"
OUT="$(mktemp)"
java -jar "$JMH_JAR" HotPathBenchmark -rf json -rff "$OUT" "$@" >&2
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print("| hot path (JMH, median of the iterations) | parameter | operations/s | MB/s |")
print("|---|---|---|---|")
for b in rows:
    name = b["benchmark"].rsplit(".", 1)[1]
    params = ", ".join(b.get("params", {}).values()) or "-"
    def median(metric):
        raw = [x for fork in metric["rawData"] for x in fork]
        return sorted(raw)[len(raw) // 2]
    ops = median(b["primaryMetric"])
    rate = median(b["secondaryMetrics"]["bytes"])
    print(f"| {name} | {params} | {ops:.0f} | {rate / 1e6:.0f} |")
PY
rm -f "$OUT"
