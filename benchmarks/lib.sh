# Shell shared by the benchmarks (sourced, never run): the gateway's class path, the payloads, the benchmark stack,
# Kafka's raw producer, wrk runs and the load average. Each function says what it sets or prints.
# The sourcing script sets `root` (the repository) and `work` (its temporary folder) first.

# Builds the gateway module and its test classes in one reactor run (nothing installed to ~/.m2); sets `cp`.
bench_gateway_classpath() {
    echo "building..." >&2
    mvn -f "$root/pom.xml" -B -q -pl pinpipe-gateway -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log" >&2; return 1; }
    cp="$root/pinpipe-gateway/target/test-classes:$root/pinpipe-gateway/target/classes:$(cat "$work/cp.txt")"
}

# ~500-byte JSON records from the real sample, so the raw producer and the gateway send the same data: writes
# payloads.txt (one record a line) and, for wrk, one.lua (v2, 1 record), hundred.lua (v2, 100 records) and
# stream-record.lua (streams API PutRecord of the first record).
bench_payloads() {
    python3 - "$root/testdata/real-sample/pinterest_data.jsonl.gz" "$work" <<'PY'
import gzip, json, sys
rows = [l.strip() for l in gzip.open(sys.argv[1], "rt", encoding="utf-8") if 400 <= len(l.strip().encode()) <= 600]
rows = [json.dumps(json.loads(r), separators=(",", ":")) for r in rows][:200]
work = sys.argv[2]
open(work + "/payloads.txt", "w").write("\n".join(rows) + "\n")
v2 = "application/vnd.kafka.json.v2+json"
bodies = {
    "one": ("POST", v2, '{"records":[{"value":' + rows[0] + '}]}'),
    "hundred": ("POST", v2, '{"records":[' + ",".join('{"value":' + r + '}' for r in rows[:100]) + ']}'),
    "stream-record": ("PUT", "application/json", '{"Data":' + rows[0] + ',"PartitionKey":"bench"}'),
}
for name, (method, media, body) in bodies.items():
    open(f"{work}/{name}.json", "w").write(body)
    open(f"{work}/{name}.lua", "w").write(
        f'wrk.method = "{method}"\nwrk.headers["Content-Type"] = "{media}"\n'
        f'local f = io.open("{work}/{name}.json", "r")\nwrk.body = f:read("*a")\nf:close()\n')
print(f"payload records: {len(rows)}, avg {sum(len(r) for r in rows) // len(rows)} bytes", file=sys.stderr)
PY
}

# Starts io.pinpipe.gateway.bench.BenchmarkStack (broker + gateway, until fd 3 closes) with JVM options "$@"; sets
# `stack_pid`, `bootstrap` and `url`. Stop it with bench_stop_stack.
bench_start_stack() {
    echo "starting broker + gateway..." >&2
    mkfifo "$work/stdin"
    java -Xmx2g "$@" -cp "$cp" io.pinpipe.gateway.bench.BenchmarkStack "$work/info" <"$work/stdin" \
        >"$work/stack.log" 2>&1 &
    stack_pid=$!
    exec 3>"$work/stdin"
    for _ in $(seq 1 180); do [[ -s "$work/info" ]] && break; sleep 1; done
    [[ -s "$work/info" ]] || { tail -30 "$work/stack.log" >&2; return 1; }
    bootstrap="$(sed -n 's/^bootstrap=//p' "$work/info")"
    url="$(sed -n 's/^url=//p' "$work/info")"
}

bench_stop_stack() {
    exec 3>&-
    [[ -n "${stack_pid:-}" ]] && wait "$stack_pid" 2>/dev/null || true
    stack_pid=""
}

# Kafka's own producer (ProducerPerformance) with the gateway's producer defaults: $1 records to topic $2.
# Prints records/s; appends its summary line to raw-lines.txt.
bench_raw_producer() {
    java -Xmx1g -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic "$2" --num-records "$1" \
        --payload-file "$work/payloads.txt" --throughput -1 --producer-props bootstrap.servers="$bootstrap" \
        acks=all enable.idempotence=true linger.ms=5 batch.size=65536 compression.type=lz4 >"$work/raw.txt" 2>&1
    grep 'records sent' "$work/raw.txt" | tail -1 >>"$work/raw-lines.txt"
    grep 'records sent' "$work/raw.txt" | tail -1 | sed -E 's/.*records sent, ([0-9.]+) records\/sec.*/\1/'
}

# One wrk run: $1 connections, $2 seconds, $3 lua script, $4 URL. Prints "requests/s p50 p99 non-2xx".
bench_wrk() {
    wrk -t2 -c"$1" -d"$2s" --latency -s "$3" "$4" | awk '
        /Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} /Non-2xx/ {bad = $5}
        END {printf "%.0f %s %s %d\n", rps, p50, p99, bad}'
}

bench_load_average() {
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
}

# The emulator's source: the real sample, unpacked from the repository's gzipped copy (the loader reads plain table
# files), loaded into the data folder $1 with the CLI (which the launcher builds on first use).
bench_emulator_source() {
    mkdir -p "$work/sample"
    for packed in "$root"/testdata/real-sample/*.jsonl.gz; do
        gunzip -c "$packed" >"$work/sample/$(basename "$packed" .gz)"
    done
    "$root/pinpipe" --data-dir "$1" dataset load --from "$work/sample" >"$work/load.log" 2>/dev/null
}

# The best (largest) of the numbers given and their spread: prints "best min-max".
bench_best() {
    printf '%s\n' "$@" | awk 'NR == 1 {min = max = $1} {min = $1 < min ? $1 : min; max = $1 > max ? $1 : max}
        END {printf "%.0f %.0f-%.0f\n", max, min, max}'
}
