#!/usr/bin/env bash
# The ingest benchmark (issue 16): every path of the ingest side against its baseline, in one run on one stack (one
# broker and one gateway in one JVM, benchmarks' BenchmarkStack), printed as one table with ratios and the load
# average. Each path and its baseline alternate for several rounds after a warm-up; a row gives each one's best and
# its spread (min-max), and the ratio of the bests, because single runs on a shared 2-core machine vary by up to 2x.
#
#   v2, 1 record/request, 64 conns (wrk)        vs nginx `return 200` to the same requests (wrk)
#   v2, 100 records/request (wrk)               vs Kafka's ProducerPerformance, same records, gateway's settings
#   streams PUT /streams/{s}/record (wrk)       vs v2, 1 record/request
#   pinpipe emulate --batch-size 1 -c 64        vs wrk, 1 record/request, on the same gateway
#   consumer API GET .../records, binary, json  vs a plain KafkaConsumer (ConsumerReadBench)
#   lake sink, flush.size 10000                 vs the raw consumer (benchmarks/sink.sh, after the stack stops)
#
# Usage: benchmarks/ingest.sh [seconds-per-run (10)] [rounds (3)]
#   INGEST_SINK=0            leaves out the sink rows (they take a few minutes)
#   INGEST_EMULATOR=0        leaves out the emulator row (its first run builds the CLI)
#   INGEST_READ_RECORDS=N    records each consumer read pass reads (100000)
#   INGEST_STACK_OPTS=...    JVM options for the stack, e.g. -XX:StartFlightRecording=filename=/tmp/gw.jfr
# Needs Java 17, Maven, wrk, python3; installs Debian's nginx-light when nginx is missing (bound to 127.0.0.1 only,
# its own configuration in a temporary folder, stopped at the end).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
rounds="${2:-3}"
work="$(mktemp -d)"
nginx_pid=""
source "$root/benchmarks/lib.sh"
cleanup() {
    [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    bench_stop_stack
    rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

# nginx answering every request at once with a v2-shaped 200: the most any HTTP server in front of this machine's
# loopback and wrk could give. As many workers as the gateway has event loops (one per core).
start_nginx() {
    if ! command -v nginx >/dev/null; then
        echo "installing nginx-light..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >"$work/apt.log" 2>&1 \
            || { tail -5 "$work/apt.log" >&2; return 1; }
    fi
    local port
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    mkdir -p "$work/nginx"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$port;
        default_type application/vnd.kafka.v2+json;
        location / {
            return 200 '{"offsets":[{"partition":0,"offset":0,"error_code":null,"error":null}],"key_schema_id":null,"value_schema_id":null}';
        }
    }
}
CONF
    # 3>&-: nginx must not hold the stack's stdin pipe open, or the stack would never see it close.
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>"$work/nginx/stderr" 3>&- &
    nginx_pid=$!
    nginx_url="http://127.0.0.1:$port"
    for _ in $(seq 1 50); do curl -sf -o /dev/null -X POST "$nginx_url/topics/bench" && return 0; sleep 0.1; done
    cat "$work/nginx/stderr" "$work/nginx/error.log" >&2
    return 1
}

# Runs "wrk" for a shape $1 (a name for the table) with $2 conns, $3 lua, $4 URL; appends to $work/<name>.runs.
measure_wrk() {
    bench_wrk "$2" "$seconds" "$3" "$4" >>"$work/$1.runs"
}

# Prints a table row: path, what was measured, baseline, its measure, ratio of the bests (times $6, the records per
# request or 1), target.
row() { # $1 path $2 runs-file $3 baseline name $4 baseline runs-file $5 target $6 multiplier of the path's figure
    local now base
    [[ -s "$work/$2.runs" && -s "$work/$4.runs" ]] || { echo "| $1 | not measured | $3 | - | $5 |"; return 0; }
    now="$(bench_best $(awk -v m="${6:-1}" '{print $1 * m}' "$work/$2.runs"))"
    base="$(bench_best $(awk '{print $1}' "$work/$4.runs"))"
    awk -v path="$1" -v now="$now" -v base="$base" -v bname="$3" -v target="$5" -v p99="$(p99_of_best "$2")" 'BEGIN {
        split(now, n, " "); split(base, b, " ")
        printf "| %s | %\047d (%s)%s | %s: %\047d (%s) | %.2f | %s |\n", path, n[1], n[2], p99, bname, b[1], b[2],
            n[1] / b[1], target }'
}

# ", p99 X" of the run with the most requests/s, when the runs are wrk's.
p99_of_best() {
    sort -k1,1nr "$work/$1.runs" | awk 'NR == 1 && NF >= 3 {printf ", p99 %s", $3}'
}

bench_gateway_classpath
bench_payloads
bench_start_stack ${INGEST_STACK_OPTS:-}
start_nginx
v2="$url/topics/bench"
stream="$url/streams/streaming-bench/record"
echo "stack: $url (broker $bootstrap), nginx: $nginx_url; $rounds rounds of ${seconds}s; $(bench_load_average)" >&2
loads=("$(bench_load_average)")

echo "warming up..." >&2
bench_raw_producer 300000 bench-raw >/dev/null
for target in "$nginx_url/topics/bench" "$v2"; do wrk -t2 -c64 -d5s -s "$work/one.lua" "$target" >/dev/null; done
wrk -t2 -c64 -d5s -s "$work/stream-record.lua" "$stream" >/dev/null
wrk -t2 -c8 -d5s -s "$work/hundred.lua" "$v2" >/dev/null

for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds: single-record shapes, then 100 records/request and the raw producer..." >&2
    measure_wrk nginx 64 "$work/one.lua" "$nginx_url/topics/bench"
    measure_wrk v2-one 64 "$work/one.lua" "$v2"
    measure_wrk stream-one 64 "$work/stream-record.lua" "$stream"
    measure_wrk v2-hundred 8 "$work/hundred.lua" "$v2"
    bench_raw_producer 1000000 bench-raw >>"$work/raw.runs"
    loads+=("$(bench_load_average)")
done

for round in $(seq 1 "$rounds"); do
    [[ "${INGEST_EMULATOR:-1}" != 0 ]] || break
    [[ -d "$work/data" ]] || { echo "emulator: loading the real sample..." >&2; bench_emulator_source "$work/data"; }
    echo "round $round/$rounds: emulator and wrk on the same gateway..." >&2
    measure_wrk wrk-emulator 64 "$work/one.lua" "$url/test/topics/pinpipe.pin"
    "$root/pinpipe" --data-dir "$work/data" emulate --gateway "$url" --duration "${seconds}s" --batch-size 1 \
        --concurrency 64 2>/dev/null | tee -a "$work/emulate.log" \
        | awk '/records\/s acknowledged/ {gsub(",", "", $1); print $1}' >>"$work/emulator.runs"
done
loads+=("$(bench_load_average)")

echo "consumer API reads..." >&2
java -Xmx1g -cp "$cp" io.pinpipe.gateway.bench.ConsumerReadBench "$bootstrap" "$url" "$work/payloads.txt" \
    "${INGEST_READ_RECORDS:-100000}" "$rounds" >"$work/reads.txt"
for shape in kafka-consumer binary json; do
    awk -v s="$shape" '$1 == s {for (i = 2; i <= NF; i++) print $i}' "$work/reads.txt" >"$work/read-$shape.runs"
done
loads+=("$(bench_load_average)")
bench_stop_stack
kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
nginx_pid=""

printf '\n| path | records/s: best (spread over %s rounds) | baseline: best (spread) | ratio | target |\n' "$rounds"
printf '|---|---:|---|---:|---:|\n'
row "gateway v2, 1 record/request, 64 conns" v2-one 'nginx `return 200`, req/s' nginx "≥ 0.55"
row "gateway v2, 100 records/request, 8 conns" v2-hundred "raw producer (ProducerPerformance)" raw "≥ 1.0" 100
row "streams \`PUT /streams/{s}/record\`, 64 conns" stream-one "v2, 1 record/request" v2-one "≥ 0.9"
row "\`pinpipe emulate --batch-size 1 --concurrency 64\`" emulator "wrk, same gateway, req/s" wrk-emulator "≥ 0.5"
row "consumer API \`GET …/records\`, binary" read-binary "plain KafkaConsumer" read-kafka-consumer "≥ 0.5"
row "consumer API \`GET …/records\`, json" read-json "plain KafkaConsumer" read-kafka-consumer "≥ 0.5"

if [[ "${INGEST_SINK:-1}" != 0 ]]; then
    echo "lake sink (benchmarks/sink.sh)..." >&2
    "$root/benchmarks/sink.sh" "${INGEST_SINK_RECORDS:-1000000}" quick >"$work/sink.txt" 2>"$work/sink.log" \
        || { tail -20 "$work/sink.log" >&2; exit 1; }
    echo
    echo "lake sink, flush.size 10000 (benchmarks/sink.sh, its table's rows):"
    grep -E 'raw consumer|\| 10000 \|' "$work/sink.txt" || cat "$work/sink.txt"
    loads+=("$(bench_load_average)")
fi

echo
echo "v2 requests with failures (non-2xx) over all runs: $(cat "$work"/v2-*.runs "$work"/stream-one.runs \
    | awk '{s += $4} END {print s + 0}')"
echo "raw producer runs:"
cat "$work/raw-lines.txt"
printf 'load: %s\n' "${loads[@]}"
