#!/usr/bin/env bash
# Socket.IO fan-out: N idle WebSocket connections on /broadcast plus a few broadcasts, delivery latency
# p50/p99 (bench/socketio/fanout.js, official socket.io-client). Starts the packaged jar on BENCH_PORT
# with a disposable schema and a bootstrap ADMIN (or uses a running app with BENCH_USE_RUNNING=1 and
# ADMIN_EMAIL/ADMIN_PASSWORD of an ADMIN or ORGANIZER there).
#
#   ./mvnw -B -q package -DskipTests && N=10000 bench/run-fanout.sh
set -euo pipefail
# A benchmark stops the jar at once: no graceful-shutdown delay (there is no ingress to drain).
export FESTIVAL_SHUTDOWN_DELAY=${FESTIVAL_SHUTDOWN_DELAY:-0s}
# rate limits (on in production) would cap a benchmark that sends everything from one address
export FESTIVAL_RATE_LIMIT_ENABLED=${FESTIVAL_RATE_LIMIT_ENABLED:-false}
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3333}
BASE=http://localhost:$PORT
SCHEMA=${BENCH_SCHEMA:-festival_bench_rt}
OUT=${BENCH_OUT:-target/bench-fanout}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
mkdir -p "$OUT"
for tool in node npm curl psql "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
case "$SCHEMA" in festival|public|"") echo "refusing to wipe schema '$SCHEMA'" >&2; exit 2;; esac
# every connection is a file descriptor on both sides (the server and the client processes)
ulimit -n "${ULIMIT_N:-20000}" 2>/dev/null || echo "warning: ulimit -n stays $(ulimit -n)" >&2

( cd bench/socketio && [ -d node_modules ] || npm ci --no-audit --no-fund )

APP_PID=""
cleanup() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ "${BENCH_USE_RUNNING:-0}" = "1" ]; then
  curl -fs "$BASE/api" >/dev/null || { echo "nothing answers on $BASE" >&2; exit 2; }
  echo "== using the app already on :$PORT"
else
  if curl -fs "$BASE/api" >/dev/null 2>&1; then
    echo "port $PORT is busy; set BENCH_PORT, or BENCH_USE_RUNNING=1 with ADMIN_EMAIL/ADMIN_PASSWORD" >&2; exit 2
  fi
  [ -f "$JAR" ] || { echo "== packaging"; ./mvnw -B -q package -DskipTests; }
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "SET client_min_messages = warning" \
    -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null
  export ADMIN_EMAIL=bench-admin@festival.test ADMIN_PASSWORD=BenchAdmin2026!
  echo "== starting the jar on :$PORT (schema $SCHEMA), log in $OUT/app.log"
  FESTIVAL_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT FESTIVAL_BOOTSTRAP_ADMIN_EMAIL=$ADMIN_EMAIL \
    FESTIVAL_BOOTSTRAP_ADMIN_PASSWORD=$ADMIN_PASSWORD "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" \
    > "$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do curl -fs "$BASE/api/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$BASE/api/health/ready" >/dev/null || { echo "app did not start, see $OUT/app.log" >&2; exit 1; }
fi

echo "== fan-out: N=${N:-1000} connections, ${ROUNDS:-5} broadcasts"
BASE=$BASE APP_PID=$APP_PID node bench/socketio/fanout.js | tee "$OUT/fanout.txt"
status=${PIPESTATUS[0]}
if [ -n "$APP_PID" ]; then
  echo "== server: open connections and messages (GET /metrics)"
  curl -fs "$BASE/metrics" | grep -E '^festival_realtime_(connections|messages_total|disconnects_total|fanout_duration)' \
    | tee -a "$OUT/fanout.txt" || true
  grep -E "^VmHWM|^VmRSS" "/proc/$APP_PID/status" | tee -a "$OUT/fanout.txt" || true
fi
exit "$status"
