#!/usr/bin/env bash
# Size and speed of one hour of recording in uncompressed AVI, lossless FFV1 and H.264 MP4, from a
# simulated 608x608 8-bit miniscope at 20 frames/s (the UCLA Miniscope V4 sensor size). Each
# format records the same frames (same seed) as fast as the simulator makes them, with sync=none;
# sizes and times are scaled from FRAMES frames to one hour (72,000 frames). The AVI run is the
# baseline of the same run: it writes the frames as they are.
#
#   bench/video.sh [FRAMES] [RUNS] [DIR]      (defaults: 1200 frames = 1 minute, 3 runs, /tmp)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
FRAMES="${1:-1200}"
RUNS="${2:-3}"
WORK="${3:-${TMPDIR:-/tmp}}/scopeio-bench-video"
mkdir -p "$WORK"
HOUR=72000
SIM=(-O width=608 -O height=608 -O "frames=$FRAMES" -O pacing=as-fast-as-possible -O seed=5)

echo "ffmpeg: $(ffmpeg -version | head -1)"
echo
echo "| format (608x608 uint8, $FRAMES frames, median of $RUNS) | encode fps | x real time (20 fps) | one hour takes | size per hour | vs AVI size |"
echo "|---|---|---|---|---|---|"
AVI_BYTES=""
for job in "avi avi" "ffv1 ffv1" "ffv1-avi ffv1 -W ffv1.container=avi" "mp4 mp4" "mp4-crf23 mp4 -W mp4.crf=23"; do
  read -r NAME FMT EXTRA <<<"$job"
  NS=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/$NAME"
    t0=$(date +%s%N)
    java -jar "$JAR" record --out "$WORK/$NAME/run" --format "$FMT" "${SIM[@]}" -W sync=none $EXTRA >/dev/null 2>&1
    t1=$(date +%s%N); NS+=($(( t1 - t0 )))
  done
  T=$(median "${NS[@]}")
  BYTES=$(find "$WORK/$NAME" -name 'run*' ! -name '*.json' ! -name '*.csv' -printf '%s\n' | awk '{s+=$1} END {print s}')
  [[ -z "$AVI_BYTES" ]] && AVI_BYTES=$BYTES
  awk -v n="$NAME" -v t="$T" -v f="$FRAMES" -v b="$BYTES" -v a="$AVI_BYTES" -v h="$HOUR" 'BEGIN {
    fps = f / (t / 1e9); hour_s = h / fps; gb = b * h / f / 1e9
    printf "| %s | %.0f | %.1f | %d min %02d s | %.1f GB | %.2f |\n", n, fps, fps / 20, hour_s / 60, hour_s % 60, gb, b / a }'
done
rm -rf "$WORK"
