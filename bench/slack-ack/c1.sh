#!/usr/bin/env bash
# Latency at one connection, the bot vs Bolt, timed by c1-latency: each request from its first write to the read that
# completes its response (CLOCK_MONOTONIC), and the same samples with wrk's coordinated-omission correction, which
# wrk applies to every figure it prints (see "The tail at one connection, measured two ways" in README.md).
#
#   bench/slack-ack/c1.sh
#
# Settings (environment): KINDS ("command event"), ROUNDS (3), WARMUP_S (5), DURATION_S (8), POOL (200000 distinct
# requests per measured run), WARMUP_POOL (100000), BUILD (1: build this checkout in Release first), BOT_ENV (extra
# environment for the bot), BOT_PORT (5000), BOLT_PORT (3000), STATS_PORT (3001), RUN_BOLT (1), WORK.
# Each round measures, for each kind, a fresh bot process on a fresh database and then the same Bolt process (Bolt
# keeps nothing), each after a wrk warm-up with requests of their own. Needs node, wrk and a C compiler (cc).
# Per run it prints the C1LAT line (requests/s, mean and p50…p99.9 in µs, as measured and as corrected) and the
# server's CPU µs per request; last, the median p99s of each server and kind over the rounds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PEER="${PEER:-$REPO/../shared/bench/bolt-peer}"
KINDS="${KINDS:-command event}"
ROUNDS="${ROUNDS:-3}"
WARMUP_S="${WARMUP_S:-5}"
DURATION_S="${DURATION_S:-8}"
POOL="${POOL:-200000}"
WARMUP_POOL="${WARMUP_POOL:-100000}"
BUILD="${BUILD:-1}"
BOT_ENV="${BOT_ENV:-}"
BOT_PORT="${BOT_PORT:-5000}"
BOLT_PORT="${BOLT_PORT:-3000}"
STATS_PORT="${STATS_PORT:-3001}"
SINK_PORT="${SINK_PORT:-3002}"   # nothing listens there: these rows (events, commands answered in the 200) send nothing
RUN_BOLT="${RUN_BOLT:-1}"
PM_ARTIFACTS="${PM_ARTIFACTS:-${TMPDIR:-/tmp}/pm-slack-ack}"
BOT_DLL="${BOT_DLL:-$PM_ARTIFACTS/bin/Postmortem.Host/release/Postmortem.Host.dll}"
WORK="${WORK:-${TMPDIR:-/tmp}/slack-ack-c1}"
BOLT_DIR="${BOLT_DIR:-${TMPDIR:-/tmp}/slack-ack-bench/bolt-app}"   # where bolt-peer's run.sh installs Bolt
export SLACK_SIGNING_SECRET="${SLACK_SIGNING_SECRET:-8f742231b10e8888abcd99yyyzzz85a5}"

log() { printf '[c1 %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ -x "$PEER/run.sh" ]] || die "bolt-peer not found at $PEER"
command -v node >/dev/null || die "node not found"
command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v cc >/dev/null || die "no C compiler (Debian: apt-get install gcc)"
mkdir -p "$WORK"
cc -O2 -Wall -o "$WORK/c1-latency" "$HERE/c1-latency.c" || die "c1-latency did not compile"
# shellcheck source=bot.sh
source "$HERE/bot.sh"
if [[ "$BUILD" == "1" ]]; then
  bot_build "$REPO" "$PM_ARTIFACTS" "$WORK/build.log" || die "build failed"
fi
BOLT_PID=""
cleanup() {
  bot_stop
  [[ -n "$BOLT_PID" ]] && kill -TERM "$BOLT_PID" 2>/dev/null && wait "$BOLT_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "$RUN_BOLT" == "1" ]]; then
  mkdir -p "$BOLT_DIR"
  cp "$PEER/bolt-app.js" "$BOLT_DIR/"
  if ! { [[ -d "$BOLT_DIR/node_modules/@slack/bolt" ]] && cmp -s "$PEER/package-lock.json" "$BOLT_DIR/package-lock.json"; }; then
    cp "$PEER/package.json" "$PEER/package-lock.json" "$BOLT_DIR/"
    log "npm ci (bolt-peer's pinned @slack/bolt) in $BOLT_DIR"
    (cd "$BOLT_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
  fi
  (cd "$BOLT_DIR" && BOLT_HOST=127.0.0.1 BOLT_PORT="$BOLT_PORT" STATS_PORT="$STATS_PORT" PID_FILE="$WORK/bolt.pid" \
    exec node bolt-app.js) >"$WORK/bolt.log" 2>&1 &
  BOLT_PID=$!
  for _ in $(seq 1 300); do grep -q '^READY' "$WORK/bolt.log" && break; kill -0 "$BOLT_PID" 2>/dev/null || break; sleep 0.1; done
  grep -q '^READY' "$WORK/bolt.log" || { cat "$WORK/bolt.log" >&2; die "Bolt did not start"; }
  log "$(grep '^READY' "$WORK/bolt.log")"
fi

RESULTS="$WORK/results.txt"
: >"$RESULTS"

# measure SERVER KIND URL PID: warm-up by wrk, then one c1-latency run on requests nobody has sent yet.
measure() {
  local server="$1" kind="$2" url="$3" pid="$4" t0 t1 line
  warmup_requests "$kind" "$WARMUP_POOL" "$WORK/warm.txt"
  SLACK_REQS="$WORK/warm.txt" wrk -t1 -c1 -d"${WARMUP_S}s" -s "$PEER/slack-signed.lua" "$url" >/dev/null 2>&1
  node "$PEER/make-requests.js" --kind "$kind" --count "$POOL" --out "$WORK/requests.txt" 2>/dev/null
  sleep 1
  t0=$(bot_ticks "$pid")
  line="$("$WORK/c1-latency" "$WORK/requests.txt" "$url" "$DURATION_S" "$server-$kind-c1")"
  t1=$(bot_ticks "$pid")
  line="$line cpu_us_per_req=$(node -e '
    const [line, t0, t1, hz] = process.argv.slice(1);
    const j = JSON.parse(line.slice(line.indexOf("{")));
    console.log(((t1 - t0) / hz * 1e6 / j.requests).toFixed(1));' "$line" "$t0" "$t1" "$(getconf CLK_TCK)")"
  echo "$line" | tee -a "$RESULTS"
}

for round in $(seq 1 "$ROUNDS"); do
  for kind in $KINDS; do
    # shellcheck disable=SC2086
    bot_start "$BOT_DLL" "$WORK/db" "$WORK/bot.log" $BOT_ENV || die "the bot did not start"
    printf '[round %s] ' "$round"; measure bot "$kind" "http://127.0.0.1:$BOT_PORT/slack/events" "$BOT_PID"
    bot_stop
    if [[ "$RUN_BOLT" == "1" ]]; then
      printf '[round %s] ' "$round"; measure bolt "$kind" "http://127.0.0.1:$BOLT_PORT/slack/events" "$BOLT_PID"
    fi
  done
done

node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(l => ({
    ...JSON.parse(l.slice(l.indexOf("{"), l.lastIndexOf("}") + 1)), cpu: Number(l.split("cpu_us_per_req=")[1]) }));
  const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
  for (const label of [...new Set(rows.map(r => r.label))]) {
    const rs = rows.filter(r => r.label === label);
    const ms = us => (us / 1000).toFixed(2);
    console.log(`${label}: p99 median ${ms(median(rs.map(r => r.p99_us)))} ms (${rs.map(r => ms(r.p99_us)).join(", ")}),` +
      ` as wrk corrects it ${ms(median(rs.map(r => r.corrected_p99_us)))} ms (${rs.map(r => ms(r.corrected_p99_us)).join(", ")}),` +
      ` p50 ${ms(median(rs.map(r => r.p50_us)))} ms, ${median(rs.map(r => r.rps)).toFixed(0)} req/s,` +
      ` CPU ${median(rs.map(r => r.cpu)).toFixed(0)} µs/req, n ${rs.length}` +
      (rs.some(r => r.wrapped || r.non200) ? " (some runs repeated requests or had non-200 answers)" : ""));
  }' "$RESULTS"
