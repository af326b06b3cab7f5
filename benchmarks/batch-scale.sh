#!/usr/bin/env bash
# Benchmark of `pinpipe batch` at scale: for each size, a generated lake of N records per topic
# (`pinpipe dataset lake`: draws with repeats over an N-row generated dataset, in the sink's layout), then the whole
# batch job at DEFAULT settings (batch.memory 2g, local[*]): read, check, clean, de-duplicate, Delta MERGE of the
# three tables, eight questions, results and report. Reported per size: lake bytes and files, job wall time,
# records/s (all three topics), time per record relative to the first size (growth; 1.0 = linear), peak RSS of the
# Spark JVM (VmHWM of the child JVM), and two baselines measured in the same run on the same lake just before:
# `cat` of the lake to /dev/null (the disk/page-cache floor) and a Spark JVM with the same heap counting the lake's
# lines once (benchmarks/LakeLineCount.java, the floor any Spark job over the lake pays). Ratio = job / Spark read.
#
# Usage: benchmarks/batch-scale.sh [RECORDS_PER_TOPIC...]      (default: 100000 1000000 10000000)
# BATCH_PROFILE=1 also writes Spark's event log of each job (spark.eventLog.enabled, kept in BATCH_PROFILE_DIR,
# default $work/events) and prints where its time went (benchmarks/EventLogSummary.java): the SQL executions and
# their stages, task time, and how often each lake topic was parsed and each table scanned.
#        benchmarks/batch-scale.sh --daily [BASE [DAY]]           (default: 1000000 100000)
# --daily measures a daily run: a lake of BASE records per topic modified on 2026-01-01 (loaded first into a
# warehouse, untimed) plus DAY records per topic (seed 2, drawn over 10 x BASE rows, so ~90% new ids) modified on
# 2026-01-02; then `batch --since 2026-01-02 --until 2026-01-03` twice on the full warehouse (two copies of it) and
# twice on an empty one. Ratio = full / empty (same run, same files, same command).
# Needs ~1 KB of free disk per record per topic (~9.3 GB at 10M) plus the warehouse (~1/4 of that).
# BENCH_DIR (default: a new folder under /work/tmp-lakes or /tmp) holds lakes and tables; each size's files are
# deleted after it is measured, and the folder at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
((${#sizes[@]})) || sizes=(100000 1000000 10000000)
[[ "${1:-}" == --daily ]] && sizes=()
parent=/tmp
[[ -d /work/tmp-lakes ]] && parent=/work/tmp-lakes
work="${BENCH_DIR:-$(mktemp -d "$parent/pinpipe-batch-scale.XXXXXX")}"
mkdir -p "$work"
# The event logs stay when they were asked to be kept elsewhere.
trap 'rm -rf "$work"' EXIT
# Default settings: no config file and no PINPIPE_* environment may change the job's memory.
unset PINPIPE_BATCH_MEMORY PINPIPE_USER_ID
memory=2g
opens=$(grep -o '<spark.addOpens>.*</spark.addOpens>' pinpipe-spark/pom.xml | sed 's/<[^>]*>//g')

./pinpipe --help >/dev/null   # builds the launcher's jars if needed

now() { date +%s.%N; }

events="${BATCH_PROFILE_DIR:-$work/events}"
# The job JVM's extra options for BATCH_PROFILE=1: Spark's event log, uncompressed, one folder per size.
profile_options() {
    [[ "${BATCH_PROFILE:-}" == 1 ]] || return 0
    mkdir -p "$events/$1"
    echo "-Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=file://$events/$1"
}

# Runs "$@" in the background and prints "<wall seconds> <peak RSS KiB of its java grandchild>" when it ends.
run_sampled() {
    local log=$1
    shift
    local start peak=0 pid child hwm
    start=$(now)
    "$@" >"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        for child in $(pgrep -P "$pid" 2>/dev/null || true); do
            hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$child/status" 2>/dev/null || echo 0)
            ((${hwm:-0} > peak)) && peak=$hwm
        done
        sleep 0.5
    done
    wait "$pid" || { echo "FAILED: $* (log $log):" >&2; tail -n 30 "$log" >&2; return 1; }
    awk -v s="$start" -v e="$(now)" -v p="$peak" 'BEGIN { printf "%.1f %d\n", e - s, p }'
}

# The day's run over a warehouse already holding BASE rows per table, against the same run on an empty one.
daily() {
    local base=$1 day=$2 lake="$work/daily-lake" dayLake="$work/day-lake" t f name run
    ./pinpipe dataset lake --records "$base" --seed 1 --lake "$lake" --user-id bench >/dev/null 2>&1
    find "$lake" -name '*.json' -exec touch -d '2026-01-01 12:00' {} +
    ./pinpipe dataset lake --records "$day" --rows $((base * 10)) --seed 2 --lake "$dayLake" --user-id bench \
        >/dev/null 2>&1
    # The day's files join the lake as partition 1 (the names the sink would give them), modified on the day.
    for t in pin geo user; do
        mkdir -p "$lake/topics/bench.$t/partition=1"
        for f in "$dayLake/topics/bench.$t/partition=0"/*.json; do
            name=$(basename "$f")
            mv "$f" "$lake/topics/bench.$t/partition=1/${name/+0+/+1+}"
        done
    done
    find "$lake" -path '*partition=1*' -name '*.json' -exec touch -d '2026-01-02 12:00' {} +
    ./pinpipe --data-dir "$work/full-1" batch --lake "$lake" --user-id bench --until 2026-01-02 \
        >"$work/base.log" 2>&1 || { echo "the base load failed:" >&2; tail -n 30 "$work/base.log" >&2; exit 1; }
    cp -a "$work/full-1" "$work/full-2"
    echo "| run | warehouse rows per table before | job s | peak RSS MiB | load avg (1 min, start-end) |"
    echo "|---|---:|---:|---:|---|"
    for run in empty-1 full-1 empty-2 full-2; do
        local load job_s peak_kib before=0
        [[ $run == full-* ]] && before=$(grep -oE 'bench\.pin: [0-9]+ files, [0-9]+ rows read, [0-9]+ quarantined,'\
' [0-9]+ duplicates removed, [0-9]+ rows' "$work/base.log" | tail -1 | grep -oE '[0-9]+ rows$' | cut -d' ' -f1)
        load=$(cut -d' ' -f1 /proc/loadavg)
        read -r job_s peak_kib < <(JAVA_TOOL_OPTIONS="$(profile_options "daily-$run")" run_sampled \
            "$work/$run.log" ./pinpipe --data-dir "$work/$run" batch --lake "$lake" --user-id bench \
            --since 2026-01-02 --until 2026-01-03)
        tr '\r' '\n' <"$work/$run.log" | grep -oE 'bench\.(pin|geo|user): .* new' >&2 || true
        printf '| %s | %s | %.1f | %.0f | %s-%s |\n' "$run" "$before" "$job_s" "$((peak_kib / 1024))" "$load" \
            "$(cut -d' ' -f1 /proc/loadavg)"
    done
}

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, java: $(java -version 2>&1 | head -1)"
echo "settings: pinpipe batch defaults (batch.memory $memory, master local[*], shuffle.partitions 8)"
if [[ "${1:-}" == --daily ]]; then
    daily "${2:-1000000}" "${3:-100000}"
    exit 0
fi
echo
echo "| records per topic | distinct ids | lake bytes | files | lake write s | cat s | Spark read s | job s | ratio"\
    "| records/s | growth | peak RSS MiB | load avg (1 min) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
first_per_record=""
for records in "${sizes[@]}"; do
    lake="$work/lake-$records"
    data="$work/data-$records"
    start=$(now)
    ./pinpipe dataset lake --records "$records" --seed 1 --lake "$lake" --user-id bench \
        >"$work/lake-$records.txt" 2>/dev/null
    write_s=$(awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }')
    distinct=$(grep -o 'distinct row ids [0-9,]*' "$work/lake-$records.txt" | sed 's/[^0-9]//g')
    bytes=$(du -sb "$lake" | cut -f1)
    files=$(find "$lake" -name '*.json' | wc -l)

    start=$(now)
    find "$lake" -name '*.json' -print0 | xargs -0 cat >/dev/null
    cat_s=$(awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }')

    # shellcheck disable=SC2086
    read -r read_s _ < <(run_sampled "$work/read-$records.log" java -Xmx$memory $opens \
        -Dlog4j2.configurationFile=classpath:io/pinpipe/spark/log4j2-batch.properties \
        -Dpinpipe.log.file="$work/read-$records-spark.log" \
        -cp "pinpipe-spark/target/pinpipe-spark.jar:pinpipe-spark/target/lib/*" benchmarks/LakeLineCount.java "$lake")
    grep -q "^lines $((records * 3))\$" "$work/read-$records.log" \
        || { echo "baseline read the wrong number of lines:" >&2; cat "$work/read-$records.log" >&2; exit 1; }

    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r job_s peak_kib < <(JAVA_TOOL_OPTIONS="$(profile_options "$records")" run_sampled \
        "$work/job-$records.log" ./pinpipe --data-dir "$data" batch --lake "$lake" --user-id bench)
    load="$load-$(cut -d' ' -f1 /proc/loadavg)"
    grep -q "pinpipe batch: done" "$work/job-$records.log" \
        || { echo "the job did not finish:" >&2; tail -n 30 "$work/job-$records.log" >&2; exit 1; }
    tr '\r' '\n' <"$work/job-$records.log" | grep -oE 'bench\.(pin|geo|user): .* new' >&2 || true

    per_record=$(awk -v t="$job_s" -v n="$records" 'BEGIN { print t / n }')
    first_per_record=${first_per_record:-$per_record}
    awk -v n="$records" -v d="$distinct" -v b="$bytes" -v f="$files" -v w="$write_s" -v c="$cat_s" -v r="$read_s" \
        -v j="$job_s" -v p="$per_record" -v p0="$first_per_record" -v m="$peak_kib" -v l="$load" 'BEGIN {
        printf "| %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.2f | %.0f | %s |\n",
            n, d, b, f, w, c, r, j, j / r, 3 * n / j, p / p0, m / 1024, l }'
    if [[ "${BATCH_PROFILE:-}" == 1 ]]; then
        java -cp "pinpipe-spark/target/lib/*" benchmarks/EventLogSummary.java "$events/$records"/* \
            >"$events/summary-$records.txt"
        echo "where the time went ($records per topic): $events/summary-$records.txt" >&2
        cat "$events/summary-$records.txt" >&2
    fi
    rm -rf "$lake" "$data"
done
