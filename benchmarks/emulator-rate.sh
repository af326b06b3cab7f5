#!/usr/bin/env bash
# Emulator send rate at batch size 1 and 64 requests in flight, with wrk (64 connections) against the same server as
# the same-run baseline: issue 16's "emulate vs wrk" row, on its own.
# Usage: bash benchmarks/emulator-rate.sh [SECONDS_PER_RUN] [ROUNDS]   (defaults 10 and 3). Needs wrk
# (apt-get install -y wrk).
#   EMULATOR_GATEWAY=URL   measure against a running gateway (its topics pinpipe.pin|geo|user must exist) instead of
#                          the no-op gateway this script starts (benchmarks/NoopGateway.java)
#   EMULATOR_JFR=DIR       record each emulator run with JFR (settings=profile) into DIR/emulate-<round>.jfr
# After a warm-up of both, wrk and the emulator alternate ROUNDS times; the load average is printed every round (the
# machine may be shared) and each side's best and spread at the end. The figures go in BENCHMARKS.md, "## Emulator".
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${2:-3}"
connections=64
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

if [[ -n "${EMULATOR_GATEWAY:-}" ]]; then
    gateway="${EMULATOR_GATEWAY%/}"
else
    java -Xmx256m -Dsun.net.httpserver.nodelay=true benchmarks/NoopGateway.java "$work/port" &
    server_pid=$!
    for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.2; done
    gateway="http://127.0.0.1:$(cat "$work/port")"
fi

# Baseline: wrk POSTing one pin record (the exact bytes the emulator sends for row 7528) per request.
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vnd.kafka.json.v2+json"
wrk.headers["Accept"] = "application/vnd.kafka.v2+json"
wrk.body = '{"records":[{"value":{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available","description":"No description available Story format","poster_name":"User Info Error","follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e","is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}}]}'
LUA
wrk_run() {
    wrk -t2 -c"$connections" -d"$1" -s "$work/post.lua" "$gateway/test/topics/pinpipe.pin" \
        | awk '/Requests\/sec/ {printf "%.0f\n", $2}'
}
# One emulator run; $1 the duration, $2 a JFR file or "", the rest more emulate options. Prints acknowledged/s.
emulate_run() {
    local opts=""
    [[ -n "$2" ]] && opts="-XX:StartFlightRecording=filename=$2,settings=profile"
    PINPIPE_JAVA_OPTS="$opts" ./pinpipe --data-dir "$work/data" emulate --gateway "$gateway" --duration "$1" \
        --concurrency "$connections" "${@:3}" 2>/dev/null | tee "$work/emulate.log" \
        | awk '/records\/s acknowledged/ {gsub(",", "", $1); print $1}'
}

wrk_run 3s >/dev/null  # warm the server's JIT
emulate_run 5s "" --batch-size 1 >/dev/null
wrk_rates=()
emulate_rates=()
for ((round = 1; round <= rounds; round++)); do
    wrk_rates+=("$(wrk_run "${seconds}s")")
    jfr=""
    [[ -n "${EMULATOR_JFR:-}" ]] && jfr="$(cd "$EMULATOR_JFR" && pwd)/emulate-$round.jfr"
    emulate_rates+=("$(emulate_run "${seconds}s" "$jfr" --batch-size 1)")
    echo "round $round: wrk ${wrk_rates[-1]} requests/s, emulate ${emulate_rates[-1]} records/s;" \
        "$(bench_load_average)"
done
grep -E 'failed|in doubt|latency' "$work/emulate.log" || true
rate100="$(emulate_run "${seconds}s" "" --batch-size 100)"

read -r wrk_best wrk_spread <<<"$(bench_best "${wrk_rates[@]}")"
read -r emulate_best emulate_spread <<<"$(bench_best "${emulate_rates[@]}")"
echo "wrk -t2 -c$connections (1 record/request): best ${wrk_best} requests/s (spread ${wrk_spread})"
echo "pinpipe emulate --batch-size 1 --concurrency $connections: best ${emulate_best} records/s" \
    "(spread ${emulate_spread})"
echo "pinpipe emulate --batch-size 100 --concurrency $connections: ${rate100} records/s"
awk -v w="$wrk_best" -v a="$emulate_best" 'BEGIN { printf "ratio emulate / wrk (best / best): %.2f\n", a / w }'
echo "machine: $(bench_load_average)"
