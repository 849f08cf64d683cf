#!/usr/bin/env bash
# Part of make bench: time and peak RSS of `gwr inspect` on one file whose hard part grows 4x a
# step: a long report of 1, 4 and 16 MB, and one that never ends a sentence; a plan listing 2,000 to
# 32,000 figures joined by 、 or by commas; as many growth rates; as many 一、 headings; a tag of
# 62,500 to 1,000,000 attributes. Linear costs show as a steady time per unit (the last column, once
# the fixed start-up cost is small beside the work); a square one would grow 4x a step. Then
# `gwr load` on a corpus of long reports (16 of 4 MB, 40 of 1 MB): its time and peak memory.
# Nothing is asserted: timing is read, not tested.
set -euo pipefail
cd "$(dirname "$0")/.."

GWR=${GWR:-target/release/gwr}
DIR=bench/cache/scaling
if [ ! -f "$DIR/.done" ]; then
  python3 bench/scaling_inputs.py "$DIR"
  touch "$DIR/.done"
fi

echo
echo "== scaling: gwr inspect on one file (time and peak RSS should grow in proportion)"
printf '  %-26s %10s %8s %9s %14s\n' file units seconds "RSS MB" "ms per unit"
for f in "$DIR"/*; do
  name=$(basename "$f")
  case "$name" in
    report-* | sentence-*) units=$(echo "$name" | sed 's/.*-0*\([0-9]*\)MB.txt/\1/'); unit=MB ;;
    .done | .time) continue ;;
    *) units=$(echo "$name" | sed 's/.*-0*\([0-9]*\)\.[a-z]*$/\1/'); units=$((units / 1000)); unit=k ;;
  esac
  /usr/bin/time -f '%e %M' -o "$DIR/.time" "$GWR" inspect "$f" >/dev/null 2>&1 || true
  out=$(tail -n 1 "$DIR/.time")
  secs=$(echo "$out" | awk '{print $1}')
  rss=$(echo "$out" | awk '{printf "%.0f", $2 / 1024}')
  printf '  %-26s %8s %s %8.2f %9s %14.1f\n' "$name" "$units" "$unit" "$secs" "$rss" \
    "$(awk -v s="$secs" -v u="$units" 'BEGIN { printf "%.1f", 1000 * s / u }')"
done

# A corpus of long reports, loaded as a corpus: planning holds each report many times its size,
# two at a time on 2 cores, while the writer stores the batches before them.
LONG=bench/cache/long-reports
if [ ! -f "$LONG/.done" ]; then
  rm -rf "$LONG" && mkdir -p "$LONG"
  for i in $(seq 1 16); do { cat "$DIR/report-04MB.txt"; echo "附件${i}"; } >"$LONG/r4-$i.txt"; done
  for i in $(seq 1 40); do { cat "$DIR/report-01MB.txt"; echo "附件${i}"; } >"$LONG/r1-$i.txt"; done
  touch "$LONG/.done"
fi
rm -f bench/cache/long-reports.db*
/usr/bin/time -f '%e %M' -o "$DIR/.time" "$GWR" load "$LONG" --db bench/cache/long-reports.db -q >/dev/null 2>&1 || true
out=$(tail -n 1 "$DIR/.time")
echo
printf '  corpus of long reports (16 of 4 MB, 40 of 1 MB): gwr load %.2f s, peak RSS %.0f MB\n' \
  "$(echo "$out" | awk '{print $1}')" "$(echo "$out" | awk '{print $2 / 1024}')"
rm -f bench/cache/long-reports.db*
