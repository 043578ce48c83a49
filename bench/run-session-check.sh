#!/usr/bin/env bash
# Cost of the per-request session (revocation) check: GET /api/auth/me with the check on and off
# (festival.account.session-check.enabled), same jar, alternating runs (ABBA). Prints req/s and the
# application's CPU time per request (from /proc/<pid>/stat), and the difference.
#
#   bench/run-session-check.sh        # from the repository root; packages the jar first if missing
#
# Environment (defaults): BENCH_PORT=3333 BENCH_SCHEMA=festival_bench_session ROUNDS=2 WARMUP=15s
#   DURATION=20s CONNECTIONS=16 THREADS=2 QUARKUS_REDIS_HOSTS (the app's default) JAVA_HOME JAVA_OPTS
# Needs: java 25, wrk, curl, jq, psql.
set -euo pipefail
cd "$(dirname "$0")/.."
# rate limits (on in production) would refuse a benchmark that sends everything from one address; a
# benchmark stops the jar at once (no ingress to drain)
export FESTIVAL_RATE_LIMIT_ENABLED=${FESTIVAL_RATE_LIMIT_ENABLED:-false}
export FESTIVAL_SHUTDOWN_DELAY=${FESTIVAL_SHUTDOWN_DELAY:-0s}
PORT=${BENCH_PORT:-3333}
SCHEMA=${BENCH_SCHEMA:-festival_bench_session}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-15s}
DURATION=${DURATION:-20s}
CONN=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BASE="http://127.0.0.1:${PORT}"
OUT=${BENCH_OUT:-target/bench-session}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
mkdir -p "$OUT"
for tool in wrk curl jq psql "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
case "$SCHEMA" in festival|public|"") echo "refusing to wipe schema '$SCHEMA'" >&2; exit 2;; esac
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
curl -fs "$BASE/api" >/dev/null 2>&1 && { echo "port $PORT is busy (BENCH_PORT)" >&2; exit 2; }
psql -X -q -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null

APP_PID=""
stop() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; fi; }
trap stop EXIT
ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
HZ=$(getconf CLK_TCK)

run() { # $1 = true|false
  FESTIVAL_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT FESTIVAL_ACCOUNT_SESSION_CHECK_ENABLED=$1 \
    "$JAVA" ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$OUT/app-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/api" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$BASE/api" >/dev/null || { echo "app did not start, see $OUT/app-$1.log" >&2; exit 1; }
  local email="bench-me-$(date +%s%N)@bench.test"
  curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"BenchMe2026!\",\"firstName\":\"B\",\"lastName\":\"M\"}" \
    "$BASE/api/auth/register" >/dev/null
  local token
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"BenchMe2026!\"}" \
    "$BASE/api/auth/login" | jq -r .accessToken)
  wrk -t"$THREADS" -c"$CONN" -d"$WARMUP" -H "Authorization: Bearer $token" "$BASE/api/auth/me" >/dev/null
  local before after
  before=$(ticks)
  wrk -t"$THREADS" -c"$CONN" -d"$DURATION" -H "Authorization: Bearer $token" "$BASE/api/auth/me" > "$OUT/wrk-$1.txt"
  after=$(ticks)
  local requests rps non2xx
  requests=$(awk '/requests in/ {print $1}' "$OUT/wrk-$1.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk-$1.txt"); non2xx=${non2xx:-0}
  local us
  us=$(awk -v d=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')
  printf '%-6s %10s req/s %6s us app CPU/request  (%s requests, %s non-2xx)\n' "$1" "$rps" "$us" "$requests" "$non2xx"
  echo "$1 $rps $us" >> "$OUT/results.txt"
  stop
  [ "$non2xx" = 0 ] || { echo "$non2xx answers were not 2xx: the figures are not those of GET /api/auth/me" >&2; exit 1; }
}

: > "$OUT/results.txt"
# ABBA order (on off, off on, ...): a drift in the machine's load does not favour one side
for i in $(seq 1 "$ROUNDS"); do
  if [ $((i % 2)) = 1 ]; then run true; run false; else run false; run true; fi
done
cat "$OUT/results.txt"
awk '{n[$1]++; r[$1]+=$2; c[$1]+=$3} END {
  printf "mean: check on %.0f req/s %.1f us/req; off %.0f req/s %.1f us/req; added %.1f us app CPU per request\n",
    r["true"]/n["true"], c["true"]/n["true"], r["false"]/n["false"], c["false"]/n["false"],
    c["true"]/n["true"] - c["false"]/n["false"] }' "$OUT/results.txt"
