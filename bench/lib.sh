# Shared by the bench scripts: checks the tools, then starts the packaged application on $PORT with
# the disposable schema $SCHEMA (or uses the one already running there with BENCH_USE_RUNNING=1) and
# stops it on exit. Expects PORT, SCHEMA, BASE and OUT to be set; BENCH_TOOLS lists extra commands.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for tool in psql pgbench wrk curl ${BENCH_TOOLS:-} "$JAVA"; do
  if ! command -v "$tool" >/dev/null; then
    echo "missing $tool. Install: apt-get install -y wrk postgresql-client curl ${BENCH_TOOLS:-} (and a JDK 25)" >&2
    exit 2
  fi
done
case "$SCHEMA" in festival|public|"") echo "refusing to wipe schema '$SCHEMA'" >&2; exit 2;; esac

# One SQL statement in $SCHEMA, its last output line; a JSON request with curl (fails on HTTP errors).
sql() { psql -X -q -v ON_ERROR_STOP=1 -tA -c "SET client_min_messages = warning" -c "SET search_path = $SCHEMA" -c "$1" | tail -n 1; }
json() { curl -fs -H 'Content-Type: application/json' "$@"; }

APP_PID=""
cleanup() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

# 1. the application
if curl -fs "$BASE/api" >/dev/null 2>&1; then
  if [ "${BENCH_USE_RUNNING:-0}" != "1" ]; then
    echo "port $PORT is busy; set BENCH_USE_RUNNING=1 to bench that app (schema $SCHEMA) or BENCH_PORT" >&2
    exit 2
  fi
  echo "== using the app already on :$PORT"
else
  if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    echo "== packaging"; ./mvnw -B -q package -DskipTests
  fi
  # the bench schema is disposable: start from the current migrations
  psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null
  echo "== starting the jar on :$PORT (schema $SCHEMA), log in $OUT/app.log"
  # rate limits (on in production) would cap a benchmark that sends everything from one address
  FESTIVAL_RATE_LIMIT_ENABLED=${FESTIVAL_RATE_LIMIT_ENABLED:-false} \
  FESTIVAL_DB_SCHEMA=$SCHEMA QUARKUS_HTTP_PORT=$PORT "$JAVA" ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar \
    > "$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 60); do curl -fs "$BASE/api" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$BASE/api" >/dev/null || { echo "app did not start, see $OUT/app.log" >&2; exit 1; }
fi
