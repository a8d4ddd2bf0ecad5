#!/usr/bin/env bash
# Whole jobs as a user runs them (./scopeio, JVM start included), each beside its physical limit
# measured in the same run: SD conversion against dd conv=fdatasync of the same image, stream
# decoding against cat, start-up against java -version, reading a card against a Python read loop
# (bench/read_loop.py). Prints a markdown table of medians.
#
#   bench/wholejob.sh [DIR] [RUNS]   (DIR: a folder on the disk to measure, default /tmp; ~3.5 GB)
#
# The inputs are made by the simulator: a 740 MB card (2000 frames of 608x608, 64000-byte buffers,
# the issue's image) and 82 MB of wireless-200px bytes with the real receiver's filler bit slips,
# and ten times as many of those bytes (820 MB), where the JVM's start and warm-up weigh less; and
# an archive of 4 such cards and 10 such captures, one command per input against one for all.
# Page cache warm (each input is read once before timing), as in the issue's measurements.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/common.sh"
DIR="${1:-/tmp}/scopeio-wholejob"
RUNS="${2:-5}"
mkdir -p "$DIR"
S="${SCOPEIO_BIN:-$ROOT/scopeio}" # another build of the launcher to compare, if set
CARD="$DIR/card740.img"
CAP="$DIR/stream82.bin"
[[ -f "$CARD" ]] || "$S" simulate sdcard "$CARD" --frames 2000 --width 608 --height 608 \
  --buffer-size 64000 --force >/dev/null
[[ -f "$CAP" ]] || "$S" simulate stream "$CAP" --frames 2000 --fault dummy-slip --force >/dev/null
CAP10="$DIR/stream820.bin"
[[ -f "$CAP10" ]] || "$S" simulate stream "$CAP10" --frames 20000 --fault dummy-slip --force >/dev/null
cat "$CARD" "$CAP" "$CAP10" >/dev/null # warm the page cache
# an archive: four cards and ten captures (links to the inputs above, so that the page cache
# holds them all), converted with one command each and with one command for all
ARCHIVE="$DIR/archive"
rm -rf "$ARCHIVE" && mkdir -p "$ARCHIVE"
CARDS=() CAPS=()
for i in 1 2 3 4; do ln -s "$CARD" "$ARCHIVE/card$i.img" && CARDS+=("$ARCHIVE/card$i.img"); done
for i in $(seq 10); do ln -s "$CAP" "$ARCHIVE/cap$i.bin" && CAPS+=("$ARCHIVE/cap$i.bin"); done
each() { # one command per input: each COMMAND SUBCOMMAND INPUT...
  local sub="$1" cmd="$2"
  shift 2
  for input in "$@"; do
    "$S" "$sub" "$cmd" "$input" --out "$DIR/out/$(basename "$input")" --format raw -W sync=none
  done
}

# seconds of one run of the command given (output discarded)
seconds() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  awk -v n=$((t1 - t0)) 'BEGIN {printf "%.3f", n / 1e9}'
}

# median seconds of RUNS runs; $1 is a command run before each (cleanup), the rest is timed
timed() {
  local before="$1"
  shift
  local all=()
  for _ in $(seq "$RUNS"); do
    eval "$before"
    all+=("$(seconds "$@")")
  done
  median "${all[@]}"
}

clean="rm -rf '$DIR/out'; mkdir -p '$DIR/out'"
sync # nothing written before this script (an earlier run's outputs) is still on its way to the disk
JAVA_V=$(timed : java -version)
VERSION=$(timed : "$S" --version)
HELP=$(timed : "$S" --help)
INFO=$(timed : "$S" sdcard info "$CARD")
DD=$(timed "$clean" dd if="$CARD" of="$DIR/out/copy.img" bs=1M conv=fdatasync status=none)
CP=$(timed "$clean" cp "$CARD" "$DIR/out/copy.img")
PY_LOOP=-1 # a Python read loop of every frame into memory (bench/read_loop.py; needs NumPy)
if /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  PY_LOOP=$(timed : /usr/bin/python3 "$HERE/read_loop.py" "$CARD")
fi
CAT_CARD=$(timed : cat "$CARD")
RAW=$(timed "$clean" "$S" sdcard convert "$CARD" --out "$DIR/out/c" --format raw)
RAW_NONE=$(timed "$clean" "$S" sdcard convert "$CARD" --out "$DIR/out/c" --format raw -W sync=none)
TIFF_CSV=$(timed "$clean" "$S" sdcard convert "$CARD" --out "$DIR/out/c" --format ome-tiff,csv)
CSV=$(timed "$clean" "$S" sdcard convert "$CARD" --out "$DIR/out/c" --format csv)
CAT_CAP=$(timed : cat "$CAP")
DECODE=$(timed "$clean" "$S" stream decode "$CAP" --out "$DIR/out/s" --format raw -W sync=none)
DECODE10=$(timed "$clean" "$S" stream decode "$CAP10" --out "$DIR/out/s" --format raw -W sync=none)
CARDS_EACH=$(timed "$clean" each sdcard convert "${CARDS[@]}")
CARDS_ONE=$(timed "$clean" "$S" sdcard convert "${CARDS[@]}" --out "$DIR/out" --format raw -W sync=none)
CAPS_EACH=$(timed "$clean" each stream decode "${CAPS[@]}")
CAPS_ONE=$(timed "$clean" "$S" stream decode "${CAPS[@]}" --out "$DIR/out" --format raw -W sync=none)
rm -rf "$DIR/out" "$ARCHIVE"

CARD_MB=$(awk -v b="$(stat -c %s "$CARD")" 'BEGIN {printf "%.0f", b / 1e6}')
CAP_MB=$(awk -v b="$(stat -c %s "$CAP")" 'BEGIN {printf "%.0f", b / 1e6}')
CAP10_MB=$(awk -v b="$(stat -c %s "$CAP10")" 'BEGIN {printf "%.0f", b / 1e6}')
echo "Whole jobs, medians of $RUNS runs, $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), folder $DIR ($(df -h "$DIR" | awk 'NR==2 {print $1}'))"
echo
echo "| job | time | against its limit |"
echo "|---|---|---|"
awk -v j="$JAVA_V" -v v="$VERSION" -v h="$HELP" -v i="$INFO" -v dd="$DD" -v cp="$CP" -v py="$PY_LOOP" -v cc="$CAT_CARD" \
  -v raw="$RAW" -v none="$RAW_NONE" -v tc="$TIFF_CSV" -v csv="$CSV" -v ccap="$CAT_CAP" \
  -v dec="$DECODE" -v dec10="$DECODE10" -v cmb="$CARD_MB" -v smb="$CAP_MB" -v smb10="$CAP10_MB" \
  -v ce="$CARDS_EACH" -v co="$CARDS_ONE" -v se="$CAPS_EACH" -v so="$CAPS_ONE" 'BEGIN {
  printf "| `dd conv=fdatasync` of the %s MB card image | %.2f s | the limit of a durable copy |\n", cmb, dd
  printf "| `sdcard convert --format raw` (forces its output at close) | %.2f s | %.2fx the speed of dd |\n", raw, dd / raw
  printf "| `cp` of the card image (forces nothing) | %.2f s | the limit of a copy to the page cache |\n", cp
  if (py >= 0) printf "| Python read loop of every frame into memory, nothing written (`bench/read_loop.py`) | %.2f s | |\n", py
  printf "| `sdcard convert --format raw -W sync=none` (forces nothing) | %.2f s | %.0f MB/s, %.2fx the time of cp |\n", none, cmb / none, none / cp
  printf "| `sdcard convert --format ome-tiff,csv` | %.2f s | %.2fx the time of raw |\n", tc, tc / raw
  printf "| `sdcard convert --format csv` (no pixels written) | %.2f s | |\n", csv
  printf "| `cat` of the card image (page cache) | %.2f s | |\n", cc
  printf "| `stream decode` of %s MB of wireless-200px bytes with filler slips | %.2f s | %.0f MB/s with the JVM start (%.2f s) taken out; `cat`: %.2f s |\n", smb, dec, smb / (dec - v), v, ccap
  printf "| `stream decode` of %s MB of the same bytes | %.2f s | %.0f MB/s with the JVM start taken out |\n", smb10, dec10, smb10 / (dec10 - v)
  printf "| 4 cards of %s MB, `sdcard convert --format raw -W sync=none` once per card | %.2f s | %.2f s a card |\n", cmb, ce, ce / 4
  printf "| the same 4 cards in one `sdcard convert` | %.2f s | %.2f s a card, %.2fx the time of one command per card |\n", co, co / 4, co / ce
  printf "| 10 captures of %s MB, `stream decode` once per capture | %.2f s | %.0f MB/s |\n", smb, se, 10 * smb / se
  printf "| the same 10 captures in one `stream decode` | %.2f s | %.0f MB/s (%.0f MB/s with the JVM start taken out), %.2fx the time of one command per capture |\n", so, 10 * smb / so, 10 * smb / (so - v), so / se
  printf "| `scopeio sdcard info` of the card image | %.2f s | |\n", i
  printf "| `scopeio --version` | %.2f s | `java -version`: %.2f s |\n", v, j
  printf "| `scopeio --help` | %.2f s | |\n", h
}'
