#!/usr/bin/env bash
# Stream latency benchmark: embedded broker + gateway + `pinpipe stream` (its own JVM, local[2], trigger interval
# stated), a load generator feeding the streams API (PutRecords, 100 records each) at fixed rates; per record the
# time from the gateway's acknowledgment to the Delta commit that made its row visible; p50/p95/p99 and the rate.
# Usage: benchmarks/stream-latency.sh [rates, default 1000,10000] [steady seconds per rate, default 60]
#        [trigger, default 1s] [warm-up seconds at the first rate, not measured, default 120]
#        [seconds per rate measured apart before its steady part: the step from the previous rate, default 30]
# BENCH_JOB_JVM="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=/tmp/ev" adds settings to the job's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run builds what the benchmark needs and runs it (nothing installed to ~/.m2, nothing read from there).
uptime
mvn -B -q -pl pinpipe-spark,pinpipe-cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=StreamLatencyBench -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.rates="${1:-1000,10000}" -Dbench.seconds="${2:-60}" -Dbench.trigger="${3:-1s}" \
    -Dbench.warmup="${4:-120}" -Dbench.settle="${5:-30}" -Dbench.jobJvm="${BENCH_JOB_JVM:-}"
uptime
cat pinpipe-cli/target/benchmarks/stream-latency.txt
