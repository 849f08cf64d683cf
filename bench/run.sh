#!/usr/bin/env bash
# make bench: loads synthetic corpora of 2,000 and 40,000 reports and prints wall time, MB/s,
# reports/s, rows/s, peak RSS and the unchanged re-run, beside two references measured on the same
# files in the same run: the stock sqlite3 shell storing the raw files (readfile(): the floor for any
# loader) and JioNLP's extract_money (what a user would otherwise reach for). Each warehouse's
# checksum by content (`gwr checksum`) is printed beside the one recorded in bench/checksum.expected
# for the same synthetic corpus (seed 42): a change that makes loading faster must not change what
# is stored. Then the cost curve over the sizes (BENCH_SIZES, 2,000 to 40,000 reports: time and CPU
# per 1,000 reports should stay flat), the time of every view on the largest warehouse, and the
# per-file scaling check (bench/scaling.sh). Corpora are generated once and cached in bench/cache.
# CPU time (user + system) is printed beside wall time: on a shared machine it is the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."

GWR=${GWR:-target/release/gwr}
CACHE=bench/cache
SIZES=${BENCH_SIZES:-"2000 10000 20000 40000"}
EXPECTED=bench/checksum.expected
JIONLP_FILES=${BENCH_JIONLP_FILES:-200}
PY=.venv/bin/python

mkdir -p "$CACHE"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
echo "gwr $($GWR --version | awk '{print $2}'), sqlite3 shell $(sqlite3 --version | awk '{print $1}')"
# What one more GB of page cache costs here: every load writes its warehouse (and the floor its raw
# store) into new file pages. On a virtual machine whose memory the host hands over lazily, the
# first touch of a page costs far more than the copy (the same file written again takes a fraction
# of it), and the figures below move with it from one hour to the next.
probe="$CACHE/.write-probe"
t0=$(date +%s.%N)
dd if=/dev/zero of="$probe" bs=1M count=1024 status=none
first=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
t0=$(date +%s.%N)
dd if=/dev/zero of="$probe" bs=1M count=1024 conv=notrunc status=none
again=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
rm -f "$probe"
echo "page cache: 1 GB written to a new file in $first s, written again in $again s"

now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.3f", a - b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

curve=""
jionlp_ready=0
if [ -x "$PY" ] && "$PY" -c "import jionlp" 2>/dev/null; then jionlp_ready=1; fi

for n in $SIZES; do
  dir="$CACHE/$n"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    $GWR synth --reports "$n" --out "$dir" --seed 42 >/dev/null
    touch "$dir/.done"
  fi
  mb=$(du -sb --exclude=.done "$dir" | awk '{printf "%.1f", $1/1e6}')
  db="$CACHE/bench-$n${BENCH_TAG:-}.db"
  rm -f "$db" "$db-wal" "$db-shm"
  sync
  t0=$(now)
  stats=$(/usr/bin/time -f 'cpu: %U %S' $GWR load "$dir" --db "$db" --stats 2>&1 >/dev/null | grep -E '^(stats|cpu):' || true)
  load_s=$(elapsed "$t0")
  cpu_s=$(echo "$stats" | awk '/^cpu:/ { printf "%.2f", $2 + $3 }')
  cpu_split=$(echo "$stats" | awk '/^cpu:/ { printf "user %.2f s + system %.2f s", $2, $3 }')
  rss=$(echo "$stats" | sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p')
  reports=$(sqlite3 "$db" "SELECT count(*) FROM reports")
  rows=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM sections) + (SELECT count(*) FROM indicators) + (SELECT count(*) FROM targets) + (SELECT count(*) FROM projects)")
  t0=$(now)
  $GWR load "$dir" --db "$db" >/dev/null 2>&1 || true
  rerun_s=$(elapsed "$t0")
  sum=$($GWR checksum --db "$db" 2>/dev/null || echo "unavailable (this gwr has no checksum command)")
  expected=$(awk -v n="$n" '$1 == n { print $2 }' "$EXPECTED" 2>/dev/null || true)
  if [ "${sum#unavailable}" != "$sum" ]; then verdict="not compared"
  elif [ -z "$expected" ]; then verdict="no reference recorded for $n reports in $EXPECTED"
  elif [ "$expected" = "$sum" ]; then verdict="equal to the recorded reference"
  else verdict="DIFFERS from the recorded reference $expected"; fi
  curve="$curve$(printf '  %6s reports  %8.2f s  %6.2f s per 1,000 reports  CPU %8.2f s  %6.2f s per 1,000 reports' \
    "$reports" "$load_s" "$(awk -v s="$load_s" -v r="$reports" 'BEGIN { printf "%.2f", 1000 * s / r }')" \
    "$cpu_s" "$(awk -v s="$cpu_s" -v r="$reports" 'BEGIN { printf "%.2f", 1000 * s / r }')")
"

  floor_db="$CACHE/floor-$n${BENCH_TAG:-}.db"
  rm -f "$floor_db"
  t0=$(now)
  floor_cpu=$(/usr/bin/time -f 'user %U s + system %S s' sqlite3 "$floor_db" "PRAGMA journal_mode=WAL; CREATE TABLE f(name TEXT, body BLOB); INSERT INTO f SELECT name, readfile(name) FROM fsdir('$dir') WHERE mode & 0x8000;" 2>&1 >/dev/null | tail -n 1)
  floor_s=$(elapsed "$t0")
  rm -f "$floor_db" "$floor_db-wal" "$floor_db-shm"

  echo
  echo "== $n reports ($mb MB)"
  printf '  gwr load          %8.2f s  %7.1f MB/s  %8.0f reports/s  %9.0f rows/s  peak RSS %s MB\n' \
    "$load_s" "$(ratio "$mb" "$load_s")" "$(ratio "$reports" "$load_s")" "$(ratio "$rows" "$load_s")" "${rss:-?}"
  printf '                    CPU %.2f s (%s, all threads)\n' "$cpu_s" "$cpu_split"
  echo "$stats" | sed -n 's/^stats: [^;]*; /                    /p' | fold -s -w 100 | sed '2,$s/^/                    /'
  printf '  unchanged re-run  %8.2f s  (%s%% of the load)\n' "$rerun_s" "$(awk -v a="$rerun_s" -v b="$load_s" 'BEGIN { printf "%.1f", 100 * a / b }')"
  printf '  sqlite3 raw store %8.2f s  %7.1f MB/s  gwr takes %sx the floor  (CPU %s)\n' \
    "$floor_s" "$(ratio "$mb" "$floor_s")" "$(ratio "$load_s" "$floor_s")" "$floor_cpu"
  if [ "$jionlp_ready" = 1 ]; then
    jio=$("$PY" bench/jionlp_money.py "$dir" "$JIONLP_FILES" | tail -n 1)
    printf '  JioNLP extract_money on %s files: %s MB/s; gwr is %sx faster\n' \
      "$JIONLP_FILES" "$jio" "$(ratio "$(ratio "$mb" "$load_s")" "$jio")"
  else
    echo "  JioNLP: not installed (make bench-deps installs it into .venv)"
  fi
  echo "  rows: $reports reports, $rows rows in all"
  echo "  checksum $sum: $verdict"
done

echo
echo "== cost curve: the same corpus generator at each size (flat per 1,000 reports is linear)"
printf '%s' "$curve"

last=$(echo $SIZES | awk '{print $NF}')
db="$CACHE/bench-$last${BENCH_TAG:-}.db"
echo
echo "== views on the $last-report warehouse: count(*), and every row read (as a BI tool pulling the view)"
for v in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"); do
  t0=$(now)
  c=$(sqlite3 "$db" "SELECT count(*) FROM $v")
  count_s=$(elapsed "$t0")
  t0=$(now)
  sqlite3 "$db" "SELECT * FROM $v" > /dev/null
  printf '  %-22s count %7.3f s  all rows %7.3f s  %9s rows\n' "$v" "$count_s" "$(elapsed "$t0")" "$c"
done
bench/scaling.sh
