#!/usr/bin/env bash
# Gateway benchmark: raw Kafka producer records/s (Kafka's ProducerPerformance, acks=all) against the gateway with
# 1 and 100 records per request at 8 and 64 connections (wrk), on one machine, one broker, one run.
# Usage: benchmarks/gateway.sh [seconds-per-wrk-run]   (needs Java 17, Maven, wrk; run from anywhere)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${1:-15}"
work="$(mktemp -d)"
source "$root/benchmarks/lib.sh"
trap 'bench_stop_stack; rm -rf "$work"' EXIT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

bench_gateway_classpath
bench_payloads
bench_start_stack
raw_producer() { # $1 = records; prints records/s
    bench_raw_producer "$1" bench-raw
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
