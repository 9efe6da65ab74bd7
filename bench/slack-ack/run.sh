#!/usr/bin/env bash
# Acknowledging signed Slack requests: the Postmortem bot vs Slack's Bolt for JavaScript under identical load.
# Builds the bot (Release), runs ../shared/bench/bolt-peer/run.sh for Bolt, then the same script with
# TARGET=external against the bot, then c1.sh (both servers at one connection, each request timed by c1-latency),
# and prints the summaries. See README.md next to this file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PEER="${PEER:-$REPO/../shared/bench/bolt-peer}"

POOL="${POOL:-450000}"              # distinct signed requests per run (make-requests.js fails above ~480000 events)
KINDS="${KINDS:-command event}"
CONNS="${CONNS:-32 1}"
WARMUP_S="${WARMUP_S:-5}"
DURATION_S="${DURATION_S:-10}"      # per row; a bot row that would repeat pool requests is measured again, shorter (see bot_row)
WARMUP_POOL="${WARMUP_POOL:-100000}"
RUN_BOLT="${RUN_BOLT:-1}"           # 0: only the bot
BOT_PORT="${BOT_PORT:-5000}"
SINK_PORT="${SINK_PORT:-3002}"      # stand-in for Slack's Web API (the bot's outbox replies go here)
DRAIN_TIMEOUT_S="${DRAIN_TIMEOUT_S:-180}"
C1_ROUNDS="${C1_ROUNDS:-3}"         # rounds of c1.sh (one connection timed per request, both servers) after the rows; 0: none
BOT_ENV="${BOT_ENV:-}"              # extra environment for the bot, e.g. "DOTNET_gcServer=0"
PM_ARTIFACTS="${PM_ARTIFACTS:-${TMPDIR:-/tmp}/pm-slack-ack}"
BOT_DLL="${BOT_DLL:-$PM_ARTIFACTS/bin/Postmortem.Host/release/Postmortem.Host.dll}"
BUILD="${BUILD:-1}"
WORK_DIR="${WORK_DIR:-${TMPDIR:-/tmp}/slack-ack-bench}"
OUT="${OUT:-$WORK_DIR/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
export SLACK_SIGNING_SECRET="${SLACK_SIGNING_SECRET:-8f742231b10e8888abcd99yyyzzz85a5}"

log() { printf '[slack-ack %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ -x "$PEER/run.sh" ]] || die "bolt-peer not found at $PEER"
command -v node >/dev/null || die "node not found"
command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
mkdir -p "$OUT"
log "results -> $OUT"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# shellcheck source=bot.sh
source "$HERE/bot.sh"
if [[ "$BUILD" == "1" ]]; then
  log "building the bot (Release) into $PM_ARTIFACTS"
  bot_build "$REPO" "$PM_ARTIFACTS" "$OUT/build.log" || die "build failed"
fi
[[ -f "$BOT_DLL" ]] || die "bot not built: $BOT_DLL"

SINK_PID=""
cleanup() {
  bot_stop
  [[ -n "$SINK_PID" ]] && kill -TERM "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SINK_PORT="$SINK_PORT" node "$HERE/sink.js" >"$OUT/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 50); do grep -q '^READY' "$OUT/sink.log" && break; kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.1; done
grep -q '^READY' "$OUT/sink.log" || { cat "$OUT/sink.log" >&2; die "Web API sink did not start on port $SINK_PORT"; }

# ------------------------------------------------------------------ Bolt
if [[ "$RUN_BOLT" == "1" ]]; then
  log "Bolt: POOL=$POOL KINDS='$KINDS' CONNS='$CONNS'"
  TARGET=bolt POOL="$POOL" KINDS="$KINDS" CONNS="$CONNS" WARMUP_S="$WARMUP_S" DURATION_S="$DURATION_S" \
    WORK_DIR="$WORK_DIR" RESULTS_DIR="$OUT/bolt" "$PEER/run.sh" >"$OUT/bolt.log" 2>&1 \
    || { tail -20 "$OUT/bolt.log" >&2; die "Bolt run failed"; }
  rm -rf "$OUT/bolt/requests"
fi

# ------------------------------------------------------------------ the bot
# One bot process per (kind, conns) on a fresh database: the generator's event ids depend only on the request
# index, so a second run would only exercise the duplicate path of a bot that deduplicates by event_id.
count_json() { curl -s -m 30 "http://127.0.0.1:$BOT_PORT/diagnostics/inbox-count"; }
runtime_json() { curl -s -m 30 "http://127.0.0.1:$BOT_PORT/diagnostics/runtime"; }
json_num() { sed -nE "s/.*\"$1\":([0-9]+).*/\1/p" <<<"$2"; }
CLK_TCK="$(getconf CLK_TCK)"
: >"$OUT/bot-drain.jsonl"

# bot_row KIND CONNS SECONDS: one row on a fresh bot process and database; its drain line goes to bot-drain-LABEL.json.
bot_row() {
  local kind="$1" conns="$2" row_s="$3"
  label="$kind-c$conns"
  rm -rf "$OUT/bot-$label"
  threads=$(( conns < 2 ? conns : 2 ))
  bot_start "$BOT_DLL" "$OUT/db-$label" "$OUT/bot-$label.log" $BOT_ENV || die "bot $label did not start"
  log "bot $label: pid $BOT_PID, warm-up ${WARMUP_S}s with event ids the measured run does not use"
  warm="$OUT/warmup-$label.txt"
  warmup_requests "$kind" "$WARMUP_POOL" "$warm"
  SLACK_REQS="$warm" STRICT_STATUS=1 WRK_LABEL="$label-warmup" timeout $((WARMUP_S + 60)) \
    wrk -t"$threads" -c"$conns" -d"${WARMUP_S}s" --timeout 5s -s "$PEER/slack-signed.lua" \
    "http://127.0.0.1:$BOT_PORT/slack/events" >"$OUT/wrk-warmup-$label.txt" 2>&1
  rm -f "$warm"
  for _ in $(seq 1 120); do   # let the warm-up's backlog drain before measuring
    [[ "$(json_num inboxPending "$(count_json)")" == "0" ]] && break
    sleep 0.5
  done
  c0="$(bot_ticks "$BOT_PID")"
  rt0="$(runtime_json)"
  TARGET=external TARGET_URL="http://127.0.0.1:$BOT_PORT/slack/events" \
    COUNT_URL="http://127.0.0.1:$BOT_PORT/diagnostics/inbox-count" SERVER_PID="$BOT_PID" \
    POOL="$POOL" KINDS="$kind" CONNS="$conns" WARMUP_S=0 DURATION_S="$row_s" \
    WORK_DIR="$WORK_DIR" RESULTS_DIR="$OUT/bot-$label" "$PEER/run.sh" >"$OUT/bot-run-$label.log" 2>&1 \
    || { tail -20 "$OUT/bot-run-$label.log" >&2; die "bot run $label failed"; }
  rm -rf "$OUT/bot-$label/requests"
  # The inbox processor (facilitator + commit per event) may still be behind: wait for it and count its CPU.
  waited=0
  while (( waited < DRAIN_TIMEOUT_S * 2 )); do
    pending="$(json_num inboxPending "$(count_json)")"
    [[ "$pending" == "0" ]] && break
    sleep 0.5; waited=$((waited + 1))
  done
  c1="$(bot_ticks "$BOT_PID")"
  rt1="$(runtime_json)"
  counts="$(count_json)"
  printf '{"label":"%s","duration_s":%s,"cpu_total_s":%s,"drain_wait_s":%s,"inbox_pending_end":%s,"counts":%s,"runtime_before":%s,"runtime_after":%s}\n' \
    "$label" "$row_s" "$(awk -v a="$c0" -v b="$c1" -v hz="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/hz}')" \
    "$(awk -v w="$waited" 'BEGIN{printf "%.1f", w/2}')" "${pending:-0}" "$counts" "${rt0:-null}" "${rt1:-null}" >"$OUT/bot-drain-$label.json"
  bot_stop
  rm -rf "$OUT/db-$label"
}

# bolt-peer's two wrk threads walk the pool from half a pool apart, so each has POOL/2 fresh requests, and one thread
# may send 60 % of them or more (seen: 74 %); make-requests.js cannot build pools much above 480 000. A row that sent
# more than 60 % of the pool may have repeated requests, which only measure the duplicate path: it is measured again,
# on a fresh process and database, for a window sized to 45 % of the pool at the rate it reached, and again (shorter)
# while that still overruns, down to MIN_ROW_S (every figure is per request or per second, so rows still compare).
MIN_ROW_S="${MIN_ROW_S:-2}"
for kind in $KINDS; do
  for conns in $CONNS; do
    label="$kind-c$conns"
    row_s="$DURATION_S"
    bot_row "$kind" "$conns" "$row_s"
    while :; do
      sent="$(sed -nE 's/.*"requests":([0-9]+).*/\1/p' "$OUT/bot-$label/runs.jsonl" | head -1)"
      (( ${sent:-0} * 10 > POOL * 6 && row_s > MIN_ROW_S )) || break
      shorter="$(awk -v d="$row_s" -v p="$POOL" -v n="$sent" -v m="$MIN_ROW_S" 'BEGIN { s = int(d * 0.45 * p / n); print (s < m ? m : s) }')"
      (( shorter < row_s )) || shorter=$((row_s - 1))
      log "bot $label: $sent requests in ${row_s}s reach into the pool's repeats (pool $POOL); measuring again for ${shorter}s"
      row_s="$shorter"
      bot_row "$kind" "$conns" "$row_s"
    done
    (( ${sent:-0} * 10 > POOL * 6 )) && log "bot $label: still $sent requests in ${row_s}s; its figures include repeats (raise POOL or lower MIN_ROW_S)"
    cat "$OUT/bot-drain-$label.json" >>"$OUT/bot-drain.jsonl"
  done
done

# ------------------------------------------------------------------ summaries
mkdir -p "$OUT/bot"
: >"$OUT/bot/runs.jsonl"
for kind in $KINDS; do for conns in $CONNS; do
  cat "$OUT/bot-$kind-c$conns/runs.jsonl" >>"$OUT/bot/runs.jsonl"
  last="$OUT/bot-$kind-c$conns"
done; done
sed -E "s/\"warmup_s\": [0-9]+/\"warmup_s\": $WARMUP_S/" "$last/meta.json" >"$OUT/bot/meta.json"
node "$HERE/drain-summary.js" "$OUT/bot/runs.jsonl" "$OUT/bot-drain.jsonl" >"$OUT/bot-drain.txt"

# ------------------------------------------------------------------ one connection, timed per request
# wrk's printed latencies include its coordinated-omission correction; c1.sh times each request as it was, and
# prints the corrected view next to it (README.md, "The tail at one connection, measured two ways").
if (( C1_ROUNDS > 0 )) && [[ " $CONNS " == *" 1 "* ]]; then
  log "one connection, timed per request: c1.sh, $C1_ROUNDS rounds"
  BUILD=0 BOT_DLL="$BOT_DLL" BOT_ENV="$BOT_ENV" KINDS="$KINDS" ROUNDS="$C1_ROUNDS" WARMUP_S="$WARMUP_S" RUN_BOLT="$RUN_BOLT" \
    BOT_PORT="$BOT_PORT" WORK="$OUT/c1" BOLT_DIR="$WORK_DIR/bolt-app" "$HERE/c1.sh" >"$OUT/c1.txt" 2>"$OUT/c1.log" \
    || { tail -20 "$OUT/c1.log" >&2; die "c1.sh failed"; }
  rm -f "$OUT/c1/requests.txt" "$OUT/c1/warm.txt"
fi

{
  echo "==================== Bolt (@slack/bolt, default HTTPReceiver) ===================="
  [[ "$RUN_BOLT" == "1" ]] && cat "$OUT/bolt/summary.txt" || echo "(skipped)"
  echo
  echo "==================== Postmortem bot (one fresh process + database per row) ===================="
  node "$PEER/summarize.js" "$OUT/bot"
  echo "(warm-up: ${WARMUP_S}s per row with its own event ids, run by this script, not by run.sh)"
  echo "(measured seconds per row: $(sed -nE 's/.*"label":"([^"]+)","duration_s":([0-9]+).*/\1 \2 s/p' "$OUT/bot-drain.jsonl" | paste -sd, - | sed 's/,/, /g'))"
  echo
  cat "$OUT/bot-drain.txt"
  echo
  if [[ -s "$OUT/c1.txt" ]]; then
    echo "==================== one connection, each request timed by c1-latency (c1.sh) ===================="
    grep -v '^\[round' "$OUT/c1.txt"
    echo
  fi
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/summary.txt"
