#!/usr/bin/env bash
# Stream decoding speed against `cat` (both reading the same capture from the page cache, in the
# same run), for a byte-aligned and a bit-misaligned capture, and live capture from the
# simulated source paced at 1000 frames/s.
#
#   bench/stream.sh [SIZE_MIB] [RUNS]      (defaults: 256 MiB, 5 runs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SIZE_MIB="${1:-256}"
RUNS="${2:-5}"
WORK="${TMPDIR:-/tmp}/scopeio-bench"
mkdir -p "$WORK"
FRAMES=$(( SIZE_MIB * 1048576 / 40960 ))   # wireless-200px: 8 buffers of 5120 bytes a frame


echo "| capture (${SIZE_MIB} MiB, ${FRAMES} frames of 200x200, median of ${RUNS}) | cat | Scopeio decode (1 thread) | vs cat |"
echo "|---|---|---|---|"
for kind in aligned misaligned; do
  CAP="$WORK/stream-${kind}-${SIZE_MIB}MiB.bin"
  if [[ ! -f "$CAP" ]]; then
    FAULT=""
    [[ "$kind" == misaligned ]] && FAULT="--fault misaligned"
    "$ROOT/scopeio" simulate stream "$CAP" --frames "$FRAMES" $FAULT --force >&2
  fi
  BYTES=$(stat -c %s "$CAP")
  cat "$CAP" > /dev/null
  CAT_NS=()
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); cat "$CAP" > /dev/null; t1=$(date +%s%N); CAT_NS+=($(( t1 - t0 )))
  done
  OUT="$(java -Xmx256m -cp "$(benchmarks_jar)" org.scopeio.benchmarks.StreamBenchmark decode "$CAP" wireless-200px "$RUNS")"
  mapfile -t DEC_NS < <(awk '/^run/ {print $3}' <<<"$OUT")
  awk -v k="$kind" -v b="$BYTES" -v c="$(median "${CAT_NS[@]}")" -v d="$(median "${DEC_NS[@]}")" 'BEGIN {
    mb = b / 1e6
    printf "| %s | %.0f MB/s | %.0f MB/s | %.2f |\n", k, mb/(c/1e9), mb/(d/1e9), c/d }'
done
echo
LIVE="$(java -cp "$(benchmarks_jar)" org.scopeio.benchmarks.StreamBenchmark live wireless-200px 1000 5000)"
awk '/^live/ {printf "live capture from the simulated source at 1000 frames/s of 200x200: %d frames in %.2f s (%.0f frames/s), %d dropped, %d buffers missing\n", $3, $9, $11, $5, $7}' <<<"$LIVE"
