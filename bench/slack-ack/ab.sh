#!/usr/bin/env bash
# A/B comparison of bot variants under the same signed load, interleaved (A B A B …) so that both share the
# machine's mood, with the figures that do not depend on how busy the VM was printed next to the noisy ones.
#
#   bench/slack-ack/ab.sh "A-environment" "B-environment" [more variants…]
#
# A variant is extra environment for the bot ("X=1" for none), optionally with its own build:
#   "BOT_DLL=<another build>/bin/Postmortem.Host/release/Postmortem.Host.dll DOTNET_gcServer=0"
# Settings (environment): KIND (event|command, default event), CONNS (32), DURATION_S (6), WARMUP_S (2),
# WARMUP_POOL (100000: warm-up requests with event ids of their own), ROUNDS (3),
# POOL (450000 at 32 connections, 200000 at 1), BOT_PORT (5000), BUILD (1: build this checkout in Release first).
#
# Per run it prints req/s, p99, CPU µs per request (noisy on a shared VM: ±10 % run to run), and per request:
# context switches, bytes the bot wrote to files (WAL, checkpoints: /proc/PID/io wchar), bytes it allocated and the
# GC pause and gen0 collections (GET /diagnostics/runtime). The last three move only when the code's work changes.
# Last on the line, the latency percentiles from p50 to p99.5 (percentiles.lua), which show where a tail begins.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PEER="${PEER:-$REPO/../shared/bench/bolt-peer}"
KIND="${KIND:-event}"
CONNS="${CONNS:-32}"
DURATION_S="${DURATION_S:-6}"
WARMUP_S="${WARMUP_S:-2}"
WARMUP_POOL="${WARMUP_POOL:-100000}"
ROUNDS="${ROUNDS:-3}"
POOL="${POOL:-$([[ "$CONNS" -ge 2 ]] && echo 450000 || echo 200000)}"
BOT_PORT="${BOT_PORT:-5000}"
SINK_PORT="${SINK_PORT:-3002}"   # nothing listens there: ab.sh's rows (events, or commands answered in the 200) send nothing
BUILD="${BUILD:-1}"
PM_ARTIFACTS="${PM_ARTIFACTS:-${TMPDIR:-/tmp}/pm-slack-ack}"
DEFAULT_DLL="$PM_ARTIFACTS/bin/Postmortem.Host/release/Postmortem.Host.dll"
WORK="${WORK:-${TMPDIR:-/tmp}/slack-ack-ab}"
export SLACK_SIGNING_SECRET="${SLACK_SIGNING_SECRET:-8f742231b10e8888abcd99yyyzzz85a5}"
URL="http://127.0.0.1:$BOT_PORT"

(( $# >= 1 )) || { sed -n '2,16p' "$0" >&2; exit 2; }
[[ -x "$PEER/run.sh" ]] || { echo "bolt-peer not found at $PEER" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }
mkdir -p "$WORK"
# shellcheck source=bot.sh
source "$HERE/bot.sh"
if [[ "$BUILD" == "1" ]]; then
  bot_build "$REPO" "$PM_ARTIFACTS" "$WORK/build.log" || exit 1
fi
trap bot_stop EXIT

ctxsw() { local sum=0 n; for f in /proc/"$1"/task/*/status; do n=$(awk '/ctxt_switches/{s+=$2} END{print s+0}' "$f" 2>/dev/null || echo 0); sum=$((sum + n)); done; echo "$sum"; }
wchar() { awk '/^wchar/{print $2}' "/proc/$1/io"; }

run_one() { # variant -> one result line (runs in a subshell: stops its own bot however it ends)
  trap bot_stop EXIT
  local variant="$1" dll="$DEFAULT_DLL" env=() word
  for word in $variant; do
    if [[ "$word" == BOT_DLL=* ]]; then dll="${word#BOT_DLL=}"; else env+=("$word"); fi
  done
  bot_start "$dll" "$WORK/db" "$WORK/bot.log" "${env[@]}" || exit 1
  node "$PEER/make-requests.js" --kind "$KIND" --count "$POOL" --out "$WORK/requests.txt" 2>/dev/null
  warmup_requests "$KIND" "$WARMUP_POOL" "$WORK/warm.txt"
  local threads=$(( CONNS < 2 ? CONNS : 2 ))
  SLACK_REQS="$WORK/warm.txt" wrk -t"$threads" -c"$CONNS" -d"${WARMUP_S}s" -s "$PEER/slack-signed.lua" "$URL/slack/events" >/dev/null 2>&1
  sleep 1
  local t0 s0 w0 r0 t1 s1 w1 r1
  t0=$(bot_ticks "$BOT_PID"); s0=$(ctxsw "$BOT_PID"); w0=$(wchar "$BOT_PID"); r0=$(curl -s "$URL/diagnostics/runtime")
  SLACK_REQS="$WORK/requests.txt" PEER_LUA="$PEER/slack-signed.lua" wrk -t"$threads" -c"$CONNS" -d"${DURATION_S}s" \
    --latency -s "$HERE/percentiles.lua" "$URL/slack/events" >"$WORK/wrk.txt" 2>&1
  t1=$(bot_ticks "$BOT_PID"); s1=$(ctxsw "$BOT_PID"); w1=$(wchar "$BOT_PID"); r1=$(curl -s "$URL/diagnostics/runtime")
  bot_stop
  node -e '
    const [wrkLine, pLine, t0, t1, s0, s1, w0, w1, r0, r1, hz] = process.argv.slice(1);
    const j = JSON.parse(wrkLine), p = JSON.parse(pLine), n = j.requests, a = JSON.parse(r0), b = JSON.parse(r1);
    const ms = us => (us / 1000).toFixed(2);
    const cpu = (t1 - t0) / hz * 1e6 / n;
    console.log([`rps=${j.rps.toFixed(0)}`, `p99_ms=${(j.p99_us / 1000).toFixed(2)}`, `cpu_us_per_req=${cpu.toFixed(1)}`,
      `ctxsw_per_req=${((s1 - s0) / n).toFixed(2)}`, `file_kb_per_req=${((w1 - w0) / 1024 / n).toFixed(2)}`,
      `alloc_kb_per_req=${((b.allocatedBytes - a.allocatedBytes) / 1024 / n).toFixed(2)}`,
      `gc_pause_ms=${(b.gcPauseMs - a.gcPauseMs).toFixed(0)}`, `gen0_gcs=${b.gen0Collections - a.gen0Collections}`,
      `p999_ms=${(j.p999_us / 1000).toFixed(2)}`, `non2xx=${j.non2xx3xx}`,
      `p50/90/95/97/98/99.5_ms=${[p.p50_us, p.p90_us, p.p95_us, p.p97_us, p.p98_us, p.p995_us].map(ms).join("/")}`].join(" "));
  ' "$(sed -n 's/^WRKJSON //p' "$WORK/wrk.txt")" "$(sed -n 's/^PERCENTILES //p' "$WORK/wrk.txt")" "$t0" "$t1" "$s0" "$s1" "$w0" "$w1" "$r0" "$r1" "$(getconf CLK_TCK)"
}

declare -A cpus
for round in $(seq 1 "$ROUNDS"); do
  for variant in "$@"; do
    line="$(run_one "$variant")"
    echo "[$variant] round $round: $line"
    cpus["$variant"]+="$(sed -nE 's/.*cpu_us_per_req=([0-9.]+).*/\1/p' <<<"$line") "
  done
done
for variant in "$@"; do
  echo "[$variant] CPU us/req median $(tr ' ' '\n' <<<"${cpus[$variant]}" | grep . | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)] " (min " v[1] ", max " v[NR] ", n " NR ")"}')"
done
