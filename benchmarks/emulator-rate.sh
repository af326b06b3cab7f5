#!/usr/bin/env bash
# Emulator send rate at batch size 1 and concurrency 64, with wrk against the same server as the same-run baseline.
# Usage: bash benchmarks/emulator-rate.sh [SECONDS_PER_RUN] [ROUNDS]   (defaults 20 and 3). Needs wrk
# (apt-get install -y wrk).
#   EMULATOR_GATEWAY=URL   measure against a running gateway (e.g. the one benchmarks/ingest.sh starts; its topics
#                          <user id>.pin|geo|user must exist) instead of the no-op gateway this script starts
#   EMULATOR_ARGS="..."    more emulate options for every run, e.g. "--user-id bench --stage test"
# wrk and the emulator alternate, ROUNDS times each, after a warm-up of both; each prints its best and every run.
# The last lines are machine-readable: "emulator_records_per_s <best>", "wrk_requests_per_s <best>", "ratio <r>".
# The figures go in BENCHMARKS.md under "## Emulator".
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
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
read -r -a extra <<<"${EMULATOR_ARGS:-}"
user_id="pinpipe"
for ((i = 0; i < ${#extra[@]}; i++)); do
    [[ "${extra[$i]}" == "--user-id" ]] && user_id="${extra[$((i + 1))]}"
done

# Baseline: wrk POSTing one pin record (the exact bytes the emulator sends for row 7528) per request.
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vnd.kafka.json.v2+json"
wrk.headers["Accept"] = "application/vnd.kafka.v2+json"
wrk.body = '{"records":[{"value":{"index":7528,"unique_id":"fbe53c66-3442-4773-b19e-d3ec6f54dddf","title":"No Title Data Available","description":"No description available Story format","poster_name":"User Info Error","follower_count":"User Info Error","tag_list":"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e","is_image_or_video":"multi-video(story page format)","image_src":"Image src error.","downloaded":0,"save_location":"Local save in /data/mens-fashion","category":"mens-fashion"}}]}'
LUA
wrk_run() {
    wrk -t1 -c"$connections" -d"$1" -s "$work/post.lua" "$gateway/test/topics/$user_id.pin" \
        | awk '/Requests\/sec/ {printf "%.0f\n", $2}'
}
emulate_run() {
    ./pinpipe --data-dir "$work/data" emulate --gateway "$gateway" --duration "$1" --concurrency "$connections" \
        "${extra[@]}" "${@:2}" 2>/dev/null | tee "$work/emulate.log" \
        | awk '/records\/s acknowledged/ {gsub(",", "", $1); print $1}'
}

wrk_run 3s >/dev/null  # warm the server's JIT
emulate_run 5s --batch-size 1 >/dev/null
wrk_rates=()
emulate_rates=()
for ((round = 1; round <= rounds; round++)); do
    wrk_rates+=("$(wrk_run "${seconds}s")")
    emulate_rates+=("$(emulate_run "${seconds}s" --batch-size 1)")
    echo "round $round: wrk ${wrk_rates[-1]} requests/s, emulate ${emulate_rates[-1]} records/s" \
        "(load average $(cut -d' ' -f1 /proc/loadavg))"
done
grep -E 'failed [1-9]|latency' "$work/emulate.log" || true
rate100="$(emulate_run "${seconds}s" --batch-size 100)"

best() { printf '%s\n' "$@" | sort -n | tail -1; }
wrk_best="$(best "${wrk_rates[@]}")"
emulate_best="$(best "${emulate_rates[@]}")"
echo "wrk (1 record/request, $connections connections): best ${wrk_best} requests/s (runs: ${wrk_rates[*]})"
echo "pinpipe emulate --batch-size 1 --concurrency $connections: best ${emulate_best} records/s" \
    "(runs: ${emulate_rates[*]})"
echo "pinpipe emulate --batch-size 100 --concurrency $connections: ${rate100} records/s"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "emulator_records_per_s ${emulate_best}"
echo "wrk_requests_per_s ${wrk_best}"
awk -v w="$wrk_best" -v a="$emulate_best" 'BEGIN { printf "ratio %.2f\n", a / w }'
