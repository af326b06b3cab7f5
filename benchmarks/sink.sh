#!/usr/bin/env bash
# Lake sink benchmark: Kafka's raw consumer vs the lake sink into a local folder and into S3Proxy on a topic of N
# (default 1,000,000) ~500-byte JSON records, all in one run on this machine. After a warm-up it runs R rounds
# (default 5), each the raw consumer then each sink at flush.size 10000 (S3: 200,000 records), and prints per path
# the best records/s, the spread, and the ratio to its round's raw consumer, with the load average.
# Usage: benchmarks/sink.sh [records] [mode] [rounds]
#   mode full (default): the rounds, then flush.size 1000 and 1 once each (flush.size 1: 20,000 records)
#        quick: the rounds only;  local | s3: the rounds with that store only (for profiling one of them)
set -euo pipefail
cd "$(dirname "$0")/.."
# Built in one reactor run (nothing installed to ~/.m2): target/worker-classpath.txt names the sibling modules' jars.
mvn -B -q -pl pinpipe-connect -am package -DskipTests
cd pinpipe-connect
exec java -Xms1g -Xmx3g -cp "target/test-classes:target/classes:$(cat target/worker-classpath.txt)" \
    ${JAVA_OPTS:-} io.pinpipe.connect.SinkBenchmark "${1:-1000000}" "${2:-full}" "${3:-5}"
