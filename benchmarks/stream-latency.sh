#!/usr/bin/env bash
# Stream latency benchmark: embedded broker + gateway + `pinpipe stream` (its own JVM, local[2], trigger interval
# stated), a load generator feeding the streams API (PutRecords, 100 records each) at fixed rates; per record the
# time from the gateway's acknowledgment to the Delta commit that made its row visible; p50/p95/p99 and the rate;
# under each steady part the job's lag trend and the median and p95 of each phase of its micro-batches.
# Usage: benchmarks/stream-latency.sh [--throughput] [rates] [steady seconds per rate, default 60]
#        [trigger, default 1s] [warm-up seconds at the first rate, not measured, default 120]
#        [seconds per rate measured apart before its steady part: the step from the previous rate, default 30]
# Rates default to 1000,10000 records/s. With --throughput (or BENCH_THROUGHPUT=true) they default to
# 10000,20000,30000,50000,70000,100000 and are raised one after another without a pause until the job's lag keeps
# growing (or is over 10 s) or the load generator cannot reach the rate; the report ends with the highest rate the
# job sustained (lag steady, p95 under 10 s), e.g. benchmarks/stream-latency.sh --throughput 10000,20000,30000,50000
# BENCH_JOB_JVM="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=/tmp/ev" adds settings to the job's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
throughput="${BENCH_THROUGHPUT:-false}"
if [[ "${1:-}" == "--throughput" ]]; then
    throughput=true
    shift
fi
default_rates=1000,10000
if [[ "$throughput" == true ]]; then
    default_rates=10000,20000,30000,50000,70000,100000
fi
# One reactor run builds what the benchmark needs and runs it (nothing installed to ~/.m2, nothing read from there).
uptime
mvn -B -q -pl pinpipe-spark,pinpipe-cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=StreamLatencyBench -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.throughput="$throughput" \
    -Dbench.rates="${1:-$default_rates}" -Dbench.seconds="${2:-60}" -Dbench.trigger="${3:-1s}" \
    -Dbench.warmup="${4:-120}" -Dbench.settle="${5:-30}" -Dbench.jobJvm="${BENCH_JOB_JVM:-}"
uptime
cat pinpipe-cli/target/benchmarks/stream-latency.txt
