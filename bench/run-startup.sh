#!/usr/bin/env bash
# Start-up benchmark of the packaged jar: RUNS times, start `java -jar target/quarkus-app/quarkus-run.jar`
# against an EMPTY schema (Flyway creates and migrates it), poll GET /api/health every 50 ms until it answers
# 200, then report the wall time to health UP, Quarkus' own "started in", the CPU time the JVM used by then,
# and the resident memory after 3 s idle. The schema is dropped after each run.
#
#   bench/run-startup.sh                 # from the repository root; packages the jar first if missing
#
# Environment (defaults): BENCH_PORT=3333  RUNS=5  JAVA_OPTS (extra JVM options, e.g. -XX:AOTCache=app.aot)
#   JAR=target/quarkus-app/quarkus-run.jar  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
# Needs: java 25, psql, curl.
set -euo pipefail
# A benchmark stops the jar at once: no graceful-shutdown delay (there is no ingress to drain).
export FESTIVAL_SHUTDOWN_DELAY=${FESTIVAL_SHUTDOWN_DELAY:-0s}

cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3333}
RUNS=${RUNS:-5}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=${BENCH_OUT:-target/bench-startup}
mkdir -p "$OUT"
for tool in psql curl "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
if curl -s -o /dev/null "http://127.0.0.1:$PORT/api/health"; then
  echo "port $PORT is busy; set BENCH_PORT" >&2; exit 2
fi
[ -f "$JAR" ] || { echo "== packaging"; ./mvnw -B -q package -DskipTests; }

TICK=$(getconf CLK_TCK)
PAGE_KB=$(( $(getconf PAGESIZE) / 1024 ))
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
echo "run  health UP  Quarkus started in  CPU by then  idle RSS"
for run in $(seq 1 "$RUNS"); do
  schema="festival_startup_$$_$run"
  t0=$(now_ms)
  FESTIVAL_DB_SCHEMA=$schema QUARKUS_HTTP_PORT=$PORT "$JAVA" ${JAVA_OPTS:-} -jar "$JAR" > "$OUT/app-$run.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/health")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the jar exited, see $OUT/app-$run.log" >&2; exit 1; }
    [ $(( $(now_ms) - t0 )) -lt 60000 ] || { kill "$pid"; echo "no health UP within 60 s" >&2; exit 1; }
    sleep 0.05
  done
  up=$(( $(now_ms) - t0 ))
  cpu=$(awk -v t="$TICK" '{printf "%.1f s", ($14 + $15) / t}' "/proc/$pid/stat")
  started=$(grep -o 'started in [0-9.]*s' "$OUT/app-$run.log" | head -1 | cut -d' ' -f3)
  sleep 3
  rss=$(awk -v p="$PAGE_KB" '{printf "%d MB", $2 * p / 1024}' "/proc/$pid/statm")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  psql -X -q -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
  printf '%-4s %-10s %-19s %-12s %s\n' "$run" "$up ms" "$started" "$cpu" "$rss"
done
