#!/usr/bin/env bash
# Lake sink benchmark: Kafka's raw consumer vs the lake sink into a local folder and into S3Proxy, flush.size 1,
# 1,000 and 10,000, on a topic of N (default 1,000,000) ~500-byte JSON records, all in one run on this machine.
# Usage: benchmarks/sink.sh [records] [quick]
#   quick: only the raw consumer vs the local folder at flush.size 10000, three times, each time also with the
#   sink's work kept on the task thread (store.threads=0, check.in.parallel=false) as a before/after check.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built in one reactor run (nothing installed to ~/.m2): target/worker-classpath.txt names the sibling modules' jars.
mvn -B -q -pl pinpipe-connect -am package -DskipTests
cd pinpipe-connect
exec java -Xms1g -Xmx3g -cp "target/test-classes:target/classes:$(cat target/worker-classpath.txt)" \
    ${JAVA_OPTS:-} io.pinpipe.connect.SinkBenchmark "${1:-1000000}" "${2:-full}"
