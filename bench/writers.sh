#!/usr/bin/env bash
# Writing speed of the OME-TIFF, AVI and raw writers against `dd` writing the same number of
# bytes in the same frame-sized blocks to the same folder, in the same run. Both end with the data
# on the disk: dd with conv=fdatasync (the writers force their files on close), or, for the
# writers' default sync=frame, dd with oflag=dsync (one forced write per frame).
#
#   bench/writers.sh [SIZE_MIB] [RUNS] [DIR]      (defaults: 1024 MiB, 5 runs, $TMPDIR or /tmp)
#
# The writers run in a JVM limited to a 64 MiB heap: memory does not grow with the recording.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SIZE_MIB="${1:-1024}"
RUNS="${2:-5}"
WORK="${3:-${TMPDIR:-/tmp}}/scopeio-bench-writers"
mkdir -p "$WORK"


echo "| writer (${SIZE_MIB} MiB of frames, median of ${RUNS}) | frames | dd | Scopeio | vs dd | peak heap |"
echo "|---|---|---|---|---|---|"
# format width height pixel-type sync
for job in "ome-tiff 608 608 uint16 none" "ome-tiff 200 200 uint8 none" "avi 608 608 uint8 none" \
           "avi 200 200 uint8 none" "raw 608 608 uint16 none" "ome-tiff 608 608 uint16 frame" \
           "ome-tiff 200 200 uint8 frame"; do
  read -r FMT W H TYPE SYNC <<<"$job"
  BPP=1; [[ "$TYPE" == uint16 ]] && BPP=2
  FRAME_BYTES=$(( W * H * BPP ))
  FRAMES=$(( SIZE_MIB * 1048576 / FRAME_BYTES ))
  if [[ "$SYNC" == frame ]]; then
    FRAMES=$(( FRAMES / 4 ))   # one forced write per frame: a quarter of the data is enough
    DDFLAGS="oflag=dsync"
  else
    DDFLAGS="conv=fdatasync"
  fi
  DD_NS=()
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    dd if=/dev/zero of="$WORK/dd.bin" bs="$FRAME_BYTES" count="$FRAMES" $DDFLAGS status=none
    t1=$(date +%s%N); DD_NS+=($(( t1 - t0 ))); rm -f "$WORK/dd.bin"
  done
  OUT="$(java -Xmx64m -cp "$(benchmarks_jar)" org.scopeio.benchmarks.WriterBenchmark "$FMT" "$W" "$H" "$TYPE" "$FRAMES" "$SYNC" "$RUNS" "$WORK")"
  mapfile -t W_NS < <(awk '/^run/ {print $3}' <<<"$OUT")
  BYTES=$(awk '/^run/ {print $4; exit}' <<<"$OUT")
  PEAK=$(awk '/^peak_heap/ {print $2}' <<<"$OUT")
  awk -v n="$FMT ${W}x${H} $TYPE, sync=$SYNC" -v f="$FRAMES" -v fb="$FRAME_BYTES" -v b="$BYTES" \
      -v d="$(median "${DD_NS[@]}")" -v s="$(median "${W_NS[@]}")" -v p="$PEAK" -v fl="$DDFLAGS" 'BEGIN {
    printf "| %s | %d | %.0f MB/s (%s) | %.0f MB/s | %.2f | %.0f MiB |\n", n, f, f*fb/1e6/(d/1e9), fl, b/1e6/(s/1e9), (b/1e6/(s/1e9))/(f*fb/1e6/(d/1e9)), p/1048576 }'
done
rm -rf "$WORK"
