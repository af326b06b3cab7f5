#!/usr/bin/env bash
# Benchmark of `pinpipe dataset generate`: rows/s, CPU time and peak RSS at several sizes, against a baseline
# measured in the same run on the same disk: `cat` of the generated files into one new file (the same bytes written,
# with no generating). The ratio generate/cat says how far the generator is from the disk's own speed.
#
# Usage: benchmarks/dataset-generate.sh [ROWS...]      (default: 1000000 10000000)
# Needs GNU time (/usr/bin/time, Debian package `time`) and ~1 KB of free disk per row, twice.
# BENCH_DIR (default: a new folder under /tmp) holds the files; it is deleted at the end.
# The JVM heap is capped (PINPIPE_JAVA_OPTS, default -Xmx256m) to show that memory does not grow with rows.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
((${#sizes[@]})) || sizes=(1000000 10000000)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
export PINPIPE_JAVA_OPTS="${PINPIPE_JAVA_OPTS:--Xmx256m}"
work="${BENCH_DIR:-$(mktemp -d /tmp/pinpipe-dataset-bench.XXXXXX)}"
trap 'rm -rf "$work"' EXIT

./pinpipe dataset generate --rows 1000 --out "$work/warmup" >/dev/null 2>&1   # builds the launcher's jar if needed
rm -rf "$work/warmup"

field() { grep -F "$1" "$2" | sed 's/.*: //'; }
seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), java: $(java -version 2>&1 | head -1)"
echo "JVM options: $PINPIPE_JAVA_OPTS"
echo
echo -n "| rows | bytes | generate wall s | rows/s | CPU s (user+sys) | rows per CPU s | peak RSS MB"
echo " | cat wall s | generate/cat |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for rows in "${sizes[@]}"; do
    out="$work/out-$rows"
    /usr/bin/time -v ./pinpipe dataset generate --rows "$rows" --seed 1 --out "$out" \
        >"$work/summary-$rows.txt" 2>"$work/time-$rows.txt"
    wall=$(seconds "$(field 'Elapsed (wall clock)' "$work/time-$rows.txt")")
    cpu=$(awk -v u="$(field 'User time' "$work/time-$rows.txt")" -v s="$(field 'System time' "$work/time-$rows.txt")" \
        'BEGIN { print u + s }')
    rss=$(field 'Maximum resident set size' "$work/time-$rows.txt")
    bytes=$(cat "$out"/*.jsonl | wc -c)
    /usr/bin/time -v sh -c "cat '$out'/*.jsonl > '$work/copy' && sync '$work/copy'" 2>"$work/cat-$rows.txt"
    cat_wall=$(seconds "$(field 'Elapsed (wall clock)' "$work/cat-$rows.txt")")
    rm -rf "$out" "$work/copy"
    awk -v r="$rows" -v b="$bytes" -v w="$wall" -v c="$cpu" -v m="$rss" -v cw="$cat_wall" 'BEGIN {
        printf "| %d | %d | %.1f | %.0f | %.1f | %.0f | %.0f | %.1f | %.1f |\n", r, b, w, r / w, c, r / c, m / 1024, cw,
            w / (cw > 0 ? cw : 0.01) }'
done
