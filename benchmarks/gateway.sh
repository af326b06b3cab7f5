#!/usr/bin/env bash
# Gateway benchmark: raw Kafka producer records/s (Kafka's ProducerPerformance, acks=all) against the gateway with
# 1 and 100 records per request at 8 and 64 connections (wrk), on one machine, one broker, one run.
# Usage: benchmarks/gateway.sh [seconds-per-wrk-run]   (needs Java 17, Maven, wrk; run from anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-15}"
work="$(mktemp -d)"
trap 'exec 3>&- 2>/dev/null || true; [[ -n "${stack_pid:-}" ]] && wait "$stack_pid" 2>/dev/null; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

echo "building..." >&2
mvn -f "$root/pom.xml" -B -q -pl pinpipe-gateway -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
cp="$root/pinpipe-gateway/target/test-classes:$root/pinpipe-gateway/target/classes:$(cat "$work/cp.txt")"

# ~500-byte JSON records from the real sample: the raw producer and the gateway send the same data.
python3 - "$root/testdata/real-sample/pinterest_data.jsonl.gz" "$work" <<'PY'
import gzip, json, sys
rows = [l.strip() for l in gzip.open(sys.argv[1], "rt", encoding="utf-8") if 400 <= len(l.strip().encode()) <= 600]
rows = [json.dumps(json.loads(r), separators=(",", ":")) for r in rows][:200]
open(sys.argv[2] + "/payloads.txt", "w").write("\n".join(rows) + "\n")
one = '{"records":[{"value":' + rows[0] + '}]}'
hundred = '{"records":[' + ",".join('{"value":' + r + '}' for r in rows[:100]) + ']}'
for name, body in (("one", one), ("hundred", hundred)):
    open(f"{sys.argv[2]}/{name}.json", "w").write(body)
    open(f"{sys.argv[2]}/{name}.lua", "w").write(
        'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/vnd.kafka.json.v2+json"\n'
        f'local f = io.open("{sys.argv[2]}/{name}.json", "r")\nwrk.body = f:read("*a")\nf:close()\n')
print(f"payload records: {len(rows)}, avg {sum(len(r) for r in rows) // len(rows)} bytes", file=sys.stderr)
PY

echo "starting broker + gateway..." >&2
mkfifo "$work/stdin"
java -Xmx2g -cp "$cp" io.pinpipe.gateway.bench.BenchmarkStack "$work/info" <"$work/stdin" >"$work/stack.log" 2>&1 &
stack_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 1 120); do [[ -s "$work/info" ]] && break; sleep 1; done
[[ -s "$work/info" ]] || { tail -30 "$work/stack.log"; exit 1; }
bootstrap="$(sed -n 's/^bootstrap=//p' "$work/info")"
url="$(sed -n 's/^url=//p' "$work/info")"

raw_producer() { # $1 = records; prints records/s
    java -Xmx1g -cp "$cp" org.apache.kafka.tools.ProducerPerformance --topic bench-raw --num-records "$1" \
        --payload-file "$work/payloads.txt" --throughput -1 --producer-props bootstrap.servers="$bootstrap" \
        acks=all enable.idempotence=true linger.ms=5 batch.size=65536 compression.type=lz4 >"$work/raw.txt" 2>&1
    grep 'records sent' "$work/raw.txt" | tail -1 >>"$work/raw-lines.txt"
    grep 'records sent' "$work/raw.txt" | tail -1 | sed -E 's/.*records sent, ([0-9.]+) records\/sec.*/\1/'
}
echo "warming up the broker..." >&2
raw_producer 300000 >/dev/null
echo "raw producer (ProducerPerformance), before the gateway runs..." >&2
raw_before="$(raw_producer 1500000)"

# warm-up so the JIT and the producer's batches are in steady state
wrk -t2 -c8 -d5s -s "$work/hundred.lua" "$url/topics/bench" >/dev/null

printf '\n| run | connections | requests/s | records/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|---|---|\n'
declare -A rps_of
for per in one hundred; do
    for conns in 8 64; do
        out="$(wrk -t2 -c"$conns" -d"${duration}s" --latency -s "$work/$per.lua" "$url/topics/bench")"
        rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
        p50="$(echo "$out" | awk '$1=="50%" {print $2}')"
        p99="$(echo "$out" | awk '$1=="99%" {print $2}')"
        non2xx="$(echo "$out" | awk '/Non-2xx/ {print $5}')"
        records=$([[ $per == one ]] && echo 1 || echo 100)
        recs="$(awk -v r="$rps" -v n="$records" 'BEGIN {printf "%.0f", r * n}')"
        rps_of["$per-$conns"]="$recs"
        printf '| gateway, %s record(s)/request | %s | %.0f | %s | %s | %s | %s |\n' "$records" "$conns" "$rps" \
            "$recs" "$p50" "$p99" "${non2xx:-0}"
    done
done
echo "raw producer again, after the gateway runs..." >&2
raw_after="$(raw_producer 1500000)"
# The baseline is the better of the two raw runs: the ratio never flatters the gateway.
raw_rps="$(awk -v a="$raw_before" -v b="$raw_after" 'BEGIN {print (a > b ? a : b)}')"
printf '| raw producer before / after the gateway runs | - | - | %.0f / %.0f | - | - | - |\n' "$raw_before" "$raw_after"
best100=$(( ${rps_of[hundred-8]} > ${rps_of[hundred-64]} ? ${rps_of[hundred-8]} : ${rps_of[hundred-64]} ))
awk -v g="$best100" -v r="$raw_rps" 'BEGIN {printf "\nratio gateway (100 records/request, best of 8/64 connections) / raw producer: %.2f\n", g / r}'
echo "raw producer (ProducerPerformance, acks=all, idempotent, lz4, linger.ms=5, batch.size=65536):"
cat "$work/raw-lines.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
