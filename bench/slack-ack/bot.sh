# Shared by run.sh, ab.sh and c1.sh (source it): building the bot in Release, starting and stopping one bot process on
# its own database, a process's CPU ticks, and warm-up requests whose event ids a measured run does not use.
# Needs: HERE, PEER, BOT_PORT, SINK_PORT, SLACK_SIGNING_SECRET. Sets BOT_PID.

BOT_PID=""

# bot_build REPO PM_ARTIFACTS LOG: builds src/Postmortem.Host in Release into PM_ARTIFACTS; on failure prints the log's
# tail and returns 1.
bot_build() {
  (cd "$1" && PM_ARTIFACTS="$2" dotnet build -c Release src/Postmortem.Host -nologo -v q >"$3" 2>&1) \
    || { tail -30 "$3" >&2; return 1; }
}

# bot_start DLL DB_DIR LOG [VAR=value …]: a fresh process on DB_DIR/pm.db; returns once /healthz answers 200.
bot_start() {
  local dll="$1" db="$2" log="$3"
  shift 3
  if curl -s -o /dev/null "http://127.0.0.1:$BOT_PORT/healthz"; then
    echo "something already answers on port $BOT_PORT: stop it first, or every figure would be that process's" >&2
    return 1
  fi
  rm -rf "$db"; mkdir -p "$db"
  (cd "$(dirname "$dll")" && exec env "$@" \
    Slack__SigningSecret="$SLACK_SIGNING_SECRET" \
    Slack__BotToken=benchmark-bot-token \
    Slack__ApiBaseUrl="http://127.0.0.1:$SINK_PORT/api/" \
    ConnectionStrings__Postmortem="Data Source=$db/pm.db" \
    Diagnostics__Enabled=true \
    dotnet "$dll" --urls "http://127.0.0.1:$BOT_PORT") >"$log" 2>&1 &
  BOT_PID=$!
  for _ in $(seq 1 150); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$BOT_PORT/healthz")" == "200" ]] && return 0
    kill -0 "$BOT_PID" 2>/dev/null || break
    sleep 0.2
  done
  tail -20 "$log" >&2
  echo "bot did not start (log: $log)" >&2
  return 1
}

bot_stop() {
  [[ -n "$BOT_PID" ]] || return 0
  kill -TERM "$BOT_PID" 2>/dev/null || true
  wait "$BOT_PID" 2>/dev/null || true
  BOT_PID=""
}

# bot_ticks PID: user + system CPU of the process so far, in clock ticks.
bot_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

# warmup_requests KIND COUNT FILE: signed requests with event ids of their own (resign.js), so a warm-up does not turn
# the measured run's events into duplicates.
warmup_requests() {
  node "$PEER/make-requests.js" --kind "$1" --count "$2" --out "$3.raw" 2>/dev/null
  node "$HERE/resign.js" "$3.raw" "$3"
  rm -f "$3.raw"
}
