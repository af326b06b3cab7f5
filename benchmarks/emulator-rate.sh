#!/usr/bin/env bash
# Emulator send rate against a no-op gateway, with wrk against the same server as the same-run baseline.
# Usage: bash benchmarks/emulator-rate.sh [SECONDS_PER_RUN] (default 20). Needs wrk (apt-get install wrk).
# Prints one line per run and the ratios; the figures go in BENCHMARKS.md under "## Emulator".
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
command -v wrk >/dev/null || { echo "emulator-rate: wrk is missing: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The CLI (built by the launcher on first use) and a source holding the real sample.
root="$(pwd)"
source benchmarks/lib.sh
bench_emulator_source "$work/data"

java -Xmx256m -Dsun.net.httpserver.nodelay=true benchmarks/NoopGateway.java "$work/port" &
server_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.2; done
port="$(cat "$work/port")"
gateway="http://127.0.0.1:$port"

# Baseline: wrk POSTing one pin record (the exact bytes the emulator sends for row 7528) per request.
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vnd.kafka.json.v2+json"
wrk.headers["Accept"] = "application/vnd.kafka.v2+json"
wrk.body = '{"records":[{"value":{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available","description":"No description available Story format","poster_name":"User Info Error","follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e","is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}}]}'
LUA
wrk -t1 -c32 -d2s -s "$work/post.lua" "$gateway/test/topics/pinpipe.pin" >/dev/null  # warm the server's JIT
wrk_rps="$(wrk -t1 -c32 -d"${seconds}s" -s "$work/post.lua" "$gateway/test/topics/pinpipe.pin" \
    | awk '/Requests\/sec/ {print $2}')"
echo "wrk (1 record/request, 32 connections): ${wrk_rps} requests/s"

emulate() {
    ./pinpipe --data-dir "$work/data" emulate --gateway "$gateway" --duration "${seconds}s" --concurrency 32 \
        "$@" 2>/dev/null | tee "$work/emulate.log" | awk '/records\/s acknowledged/ {gsub(",", "", $1); print $1}'
}
rate1="$(emulate --batch-size 1)"
echo "pinpipe emulate --batch-size 1: ${rate1} records/s"
rate100="$(emulate --batch-size 100)"
echo "pinpipe emulate --batch-size 100: ${rate100} records/s"
awk -v w="$wrk_rps" -v a="$rate1" -v b="$rate100" 'BEGIN {
    printf "ratio batch-size 1 / wrk: %.2f   batch-size 100 / wrk: %.1f\n", a / w, b / w }'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
