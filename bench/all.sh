#!/usr/bin/env bash
# The whole performance suite, from a fresh clone, in one command: generates its inputs with the
# simulator, measures Scopeio and the physical baselines (cat for reading, dd for writing) in the
# same run, and prints one report: machine, tables, and the targets with their ratios.
#
#   bench/all.sh [DIR]      (DIR: where the inputs go, default $TMPDIR or /tmp; needs ~6 GB free)
#
# Takes about ten minutes on two cores.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/common.sh"
export TMPDIR="${1:-${TMPDIR:-/tmp}}"
WORK="$TMPDIR/scopeio-bench"
mkdir -p "$WORK"

echo "# Scopeio performance report"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
echo "- java: $(java -version 2>&1 | head -1)"
echo "- folder: $WORK ($(df -h "$WORK" | awk 'NR==2 {print $1}'))"
echo

echo "## SD card"
"$HERE/sdcard.sh" 1024 5
IMG="$WORK/card-1024MiB.img"
echo
# conversion with raw output against reading and writing the same bytes with dd, and peak memory
DD_NS=(); SC_NS=()
for _ in 1 2 3; do
  t0=$(date +%s%N); dd if="$IMG" of="$WORK/copy.bin" bs=1M conv=fdatasync status=none; t1=$(date +%s%N)
  DD_NS+=($(( t1 - t0 ))); rm -f "$WORK/copy.bin"
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$WORK/time.txt" java -Xmx64m -cp "$JAR" org.scopeio.cli.Main sdcard convert "$IMG" \
    --out "$WORK/conv" --format raw -W sync=none --force >/dev/null 2>&1
  t1=$(date +%s%N); SC_NS+=($(( t1 - t0 )))
  rm -f "$WORK"/conv.*
done
RSS=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")
BYTES=$(stat -c %s "$IMG")
awk -v b="$BYTES" -v d="$(median "${DD_NS[@]}")" -v s="$(median "${SC_NS[@]}")" -v r="$RSS" 'BEGIN {
  printf "| SD image -> raw frames (1024 MiB, median of 3) | time | MB/s | vs dd |\n|---|---|---|---|\n"
  printf "| `dd if=image of=copy bs=1M conv=fdatasync` | %.2f s | %.0f | 1.00 |\n", d/1e9, b/1e6/(d/1e9)
  printf "| `scopeio sdcard convert --format raw` (-Xmx64m, JVM start included) | %.2f s | %.0f | %.2f |\n", s/1e9, b/1e6/(s/1e9), d/s
  printf "\npeak resident memory of the conversion (/usr/bin/time -v): %.0f MiB\n", r/1024 }'
echo

echo "## Streams"
"$HERE/stream.sh" 256 5
java -cp "$(benchmarks_jar)" org.scopeio.benchmarks.StreamBenchmark live wireless-200px 60 1200 608 608 |
  awk '/^live/ {printf "live capture from the simulated source at 60 frames/s of 608x608: %d frames in %.2f s (%.1f frames/s), %d dropped, %d buffers missing; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", $3, $9, $11, $5, $7, $13, $15, $17}'
java -cp "$(benchmarks_jar)" org.scopeio.benchmarks.StreamBenchmark live wireless-200px 1000 5000 |
  awk '/^live/ {printf "latency at 1000 frames/s of 200x200 (last byte received to subscriber): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", $13, $15, $17}'
echo

echo "## Writers"
"$HERE/writers.sh" 1024 5 "$TMPDIR"
echo

echo "## Compressed video (ffmpeg)"
if command -v ffmpeg >/dev/null; then "$HERE/video.sh" 1200 3 "$TMPDIR"; else echo "ffmpeg not installed: skipped"; fi
echo

echo "## Hot paths (JMH)"
"$HERE/hotpaths.sh" 2>/dev/null
echo

echo "## Telemetry (JMH)"
"$HERE/telemetry.sh" 2>/dev/null
rm -f "$WORK/time.txt"
