#!/usr/bin/env bash
# SD card decoding speed against `cat`, both reading the same image from the page cache, in the
# same run. The decoder runs single-threaded in a JVM limited to a 64 MiB heap.
#
#   bench/sdcard.sh [SIZE_MIB] [RUNS]      (defaults: 1024 MiB, 5 runs)
#
# Prints a Markdown table with the median of each and their ratio.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SIZE_MIB="${1:-1024}"
RUNS="${2:-5}"
WORK="${TMPDIR:-/tmp}/scopeio-bench"
IMG="$WORK/card-${SIZE_MIB}MiB.img"
mkdir -p "$WORK"


# 304x304 frames of the basic layout occupy 181 sectors (92672 bytes) each
FRAMES=$(( SIZE_MIB * 1048576 / 92672 ))
if [[ ! -f "$IMG" ]]; then
  echo "simulating a ${SIZE_MIB} MiB card ($FRAMES frames of 304x304)..." >&2
  "$ROOT/scopeio" simulate sdcard "$IMG" --frames "$FRAMES" --neurons 20 --force >&2
fi
BYTES=$(stat -c %s "$IMG")

cat "$IMG" > /dev/null   # into the page cache
CAT_NS=()
for _ in $(seq "$RUNS"); do
  t0=$(date +%s%N); cat "$IMG" > /dev/null; t1=$(date +%s%N)
  CAT_NS+=($(( t1 - t0 )))
done

DECODE_OUT="$(java -Xmx64m -cp "$(benchmarks_jar)" org.scopeio.benchmarks.SdCardBenchmark "$IMG" wirefree-sd-layout "$RUNS")"
mapfile -t DEC_NS < <(awk '/^run/ {print $3}' <<<"$DECODE_OUT")
DEC_FRAMES=$(awk '/^run/ {print $4; exit}' <<<"$DECODE_OUT")
PEAK=$(awk '/^peak_heap/ {print $2}' <<<"$DECODE_OUT")

CAT_MED=$(median "${CAT_NS[@]}")
DEC_MED=$(median "${DEC_NS[@]}")

awk -v b="$BYTES" -v c="$CAT_MED" -v d="$DEC_MED" -v f="$DEC_FRAMES" -v p="$PEAK" -v r="$RUNS" 'BEGIN {
  mib = b / 1048576
  printf "| reader (%.0f MiB image, %d frames, median of %d) | time | throughput | vs cat |\n", mib, f, r
  printf "|---|---|---|---|\n"
  printf "| `cat image > /dev/null` | %.3f s | %.0f MiB/s | 1.00 |\n", c/1e9, mib/(c/1e9)
  printf "| Scopeio scan + decode every frame (1 thread, -Xmx64m) | %.3f s | %.0f MiB/s | %.2f |\n", d/1e9, mib/(d/1e9), c/d
  printf "\npeak heap used by the decoder: %.1f MiB\n", p/1048576
}'
