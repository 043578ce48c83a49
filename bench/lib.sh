# Shared by the bench scripts: checks the tools, then starts the packaged application on $PORT with
# the disposable schema $SCHEMA (or uses the one already running there with BENCH_USE_RUNNING=1) and
# stops it on exit. Expects PORT, SCHEMA, BASE and OUT to be set; BENCH_TOOLS lists extra commands.
# A benchmark stops the jar at once: no graceful-shutdown delay (there is no ingress to drain).
export FESTIVAL_SHUTDOWN_DELAY=${FESTIVAL_SHUTDOWN_DELAY:-0s}
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

# CPU used (clock ticks) by the app and by PostgreSQL (every backend plus the reaped ones, via the
# postmaster's children time) around a phase: `measure label command...` fills CPU_APP[label], CPU_PG[label]
TICK=$(getconf CLK_TCK)
app_pid() { if [ -n "$APP_PID" ]; then echo "$APP_PID"; else ss -ltnpH "sport = :$PORT" | sed -E 's/.*pid=([0-9]+).*/\1/' | head -1; fi; }
app_cpu() { awk '{print $14 + $15}' "/proc/$(app_pid)/stat" 2>/dev/null || echo 0; }
pg_cpu() {
  local t=0 p v
  for p in $(pgrep -u postgres -x postgres); do
    v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0); t=$((t + v))
  done
  p=$(pgrep -u postgres -o -x postgres); v=$(awk '{print $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0)
  echo $((t + v))
}
declare -A CPU_APP CPU_PG
measure() { # $1 label, then the command
  local label=$1; shift
  local a0 p0; a0=$(app_cpu); p0=$(pg_cpu)
  "$@"
  CPU_APP[$label]=$(( $(app_cpu) - a0 )); CPU_PG[$label]=$(( $(pg_cpu) - p0 ))
}

# figures out of wrk (--latency) and pgbench outputs
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $5}' "$1" | grep . || echo 0; }
reqs() { awk '/requests in/ {print $1}' "$1"; }
tps() { awk '/^tps/ {print $3; exit}' "$1"; }
pglat() { awk '/latency average/ {print $4 " ms"}' "$1"; }
pgtx() { awk '/number of transactions actually processed/ {print $6}' "$1" | cut -d/ -f1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
us() { awk -v t="$1" -v n="$2" -v hz="$TICK" 'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "n/a" }'; } # ticks/n in µs
