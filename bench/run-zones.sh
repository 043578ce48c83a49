#!/usr/bin/env bash
# Zone gate benchmark: REST scans (POST /api/zones/:id/scan, IN/OUT alternating on many distinct tickets,
# every scan admitted) through the API (wrk) against the same SQL statement run by pgbench (the ceiling), in
# two scenarios: "spread" (the tickets spread over NZONES zones, as many gates into a few zones) and "hot"
# (every scan in one zone: one hot row, scans serialised on its lock until COMMIT); the spread walk again over
# Socket.IO (`scan` by acknowledgement on /zones, bench/socketio/scans.js, 32 scanner connections, WebSocket
# transport) against the same ceiling; then two correctness runs
# at full concurrency (one ticket at every connection; a zone of capacity CAPACITY flooded with distinct
# entries) and the occupancy invariants.
#
#   bench/run-zones.sh               # from the repository root; packages the jar first if missing
#
# Environment (defaults): BENCH_PORT=3333  BENCH_SCHEMA=festival_bench  NTICKETS=20000 (per run; 4 runs)
#   NZONES=8  CAPACITY=500  DURATION=15s  WARMUP=20s  RACE_DURATION=5s  CONNECTIONS=32  THREADS=2
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
#   BENCH_USE_RUNNING=1  use an app already listening on BENCH_PORT (it must use FESTIVAL_DB_SCHEMA=$BENCH_SCHEMA)
#   JAVA_HOME            a JDK 25 (else `java` on the PATH)
#   JAVA_OPTS            extra JVM options for the jar the script starts
# Needs: java 25, psql, pgbench, wrk, curl, jq, node + npm (Debian/Ubuntu: apt-get install -y wrk postgresql-client jq
# curl nodejs npm); bench/socketio's socket.io-client is installed with `npm ci` on first use.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3333}
SCHEMA=${BENCH_SCHEMA:-festival_bench}
NT=${NTICKETS:-20000}
CAPACITY=${CAPACITY:-500}
NZONES=${NZONES:-8}
DURATION=${DURATION:-15s}
CONN=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
BASE="http://127.0.0.1:${PORT}"
OUT=${BENCH_OUT:-target/bench-zones}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# tools (jq too), the application on $PORT (stopped on exit)
BENCH_TOOLS="jq node npm"
source bench/lib.sh
( cd bench/socketio && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null )


# 2. data: a SECURITY member through the API, the rest by SQL (4 ranges of NT tickets: warm-up, REST API,
#    pgbench, Socket.IO API)
TOTAL=$((4 * NT))
echo "== seeding: festival, SECURITY member, $TOTAL tickets, $((NZONES + 3)) zones"
sql "TRUNCATE users, festivals CASCADE; TRUNCATE zone_access_logs, zone_presence, zone_traffic, zone_alerts" >/dev/null
STAMP=$(date +%s)
PASSWORD="BenchZones2026!"
EMAIL="bench-security-$STAMP@bench.test"
json -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"firstName\":\"Bench\",\"lastName\":\"Security\"}" \
  "$BASE/api/auth/register" >/dev/null
SECURITY=$(sql "SELECT id FROM users WHERE email = '$EMAIL'")
sql "UPDATE users SET role = 'SECURITY', status = 'ACTIVE', email_verified = true WHERE id = '$SECURITY'" >/dev/null
FESTIVAL=$(cat /proc/sys/kernel/random/uuid)
psql -X -q -v ON_ERROR_STOP=1 -v schema="$SCHEMA" -v festival="$FESTIVAL" -v security="$SECURITY" \
  -v ntickets="$TOTAL" -v capacity="$CAPACITY" -v nzones="$NZONES" -f bench/seed-zones.sql >/dev/null
TOKEN=$(json -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login" | jq -r .accessToken)
zone_id() { printf '50000000-0000-4000-8000-%012d' "$1"; }
ZONE_HOT=$(zone_id 2001); ZONE_CAP=$(zone_id 3001); ZONE_SAME=$(zone_id 4001)
export TOKEN THREADS

probe=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"ticketId":"40000000-0000-4000-8000-000000000001","direction":"IN"}' "$BASE/api/zones/$ZONE_HOT/check")
echo "$probe" | jq -e '.allowed == true and .reason == "ok"' >/dev/null || { echo "probe check: $probe" >&2; exit 1; }

# pgbench: each client walks its own slice of the third range, IN then OUT of each ticket (all admitted);
# ticket t goes to zone zfirst + 1 + t % nz, as in zone-scan.lua
SLICE=$((NT / CONN))
{ printf '\\set n :n + 1\n\\set d (:n + 1) %% 2\n'
  printf '\\set t :base + :client_id * :slice + ((:n - 1) / 2) %% :slice + 1\n\\set zn :zfirst + 1 + :t %% :nz\n'
  grep -v '^--' bench/zone-scan.sql; } > "$OUT/zone-scan.sql"

run_wrk() { # $1 label, $2 duration, $3 first zone number - 1, $4 zones, $5 first ticket - 1, $6 tickets, $7 mode
  ZFIRST=$3 NZONES=$4 FIRST=$5 COUNT=$6 MODE=$7 wrk -t"$THREADS" -c"$CONN" -d"$2" --latency -s bench/zone-scan.lua \
    "$BASE" > "$OUT/wrk-$1.txt"
}
run_pgbench() { # $1 label, $2 first zone number - 1, $3 zones
  PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$CONN" -j "$THREADS" -T "${DURATION%s}" \
    -D zfirst="$2" -D nz="$3" -D sid="$SECURITY" -D base=$((2 * NT)) -D slice="$SLICE" -D n=0 \
    -f "$OUT/zone-scan.sql" > "$OUT/pgbench-$1.txt" 2>&1
}
admitted() { awk '/^scans admitted/ {print $3}' "$1"; }
refused() { awk '/^scans admitted/ {print $5}' "$1"; }

# 3. steady scans: warm-up (tickets 1..NT), API (NT+1..2NT), ceiling (2NT+1..3NT); spread over NZONES
#    unlimited zones, then the same tickets on the one hot zone (presence is per zone: they start outside)
echo "== spread: warm-up ${WARMUP:-20s}, wrk $DURATION, pgbench $DURATION (IN/OUT, $NT tickets each, $NZONES zones)"
run_wrk warmup "${WARMUP:-20s}" 1000 "$NZONES" 0 "$NT" toggle
measure spread-wrk run_wrk spread "$DURATION" 1000 "$NZONES" "$NT" "$NT" toggle
measure spread-pg run_pgbench spread 1000 "$NZONES"
echo "== hot: wrk $DURATION, pgbench $DURATION (IN/OUT, $NT tickets each, 1 zone)"
measure hot-wrk run_wrk hot "$DURATION" 2000 1 "$NT" "$NT" toggle
measure hot-pg run_pgbench hot 2000 1
echo "== Socket.IO: $CONN scanners on /zones, $DURATION, the spread walk on fresh tickets (compared with the spread ceiling)"
run_sio() { # the fourth ticket range, same zones as the spread run
  BASE=$BASE TOKEN=$TOKEN C=$CONN DURATION="${DURATION%s}" WARMUP=3 FIRST=$((3 * NT)) COUNT="$NT" ZFIRST=1000 \
    NZONES="$NZONES" node bench/socketio/scans.js > "$OUT/sio-spread.txt"
}
measure sio-spread run_sio

# 4. races at full concurrency: one ticket everywhere; a zone of CAPACITY flooded with distinct entries
echo "== races: one ticket at $CONN connections, then capacity $CAPACITY ($NT distinct entries), ${RACE_DURATION:-5s} each"
run_wrk same "${RACE_DURATION:-5s}" 4000 1 0 1 same
run_wrk capacity "${RACE_DURATION:-5s}" 3000 1 0 "$NT" in

# 5. figures
echo
echo "scenario   API req/s   p50        p99        non-2xx   admitted  refused   pgbench tps  pg avg lat   ratio  target"
for s in spread hot; do
  W=$(rps "$OUT/wrk-$s.txt"); P=$(tps "$OUT/pgbench-$s.txt")
  printf "%-9s  %-10s  %-9s  %-9s  %-8s  %-8s  %-8s  %-11s  %-11s  %-5s  >= 0.8, p99 < 50 ms\n" "$s" "$W" \
    "$(pct "$OUT/wrk-$s.txt" 50%)" "$(pct "$OUT/wrk-$s.txt" 99%)" "$(non2xx "$OUT/wrk-$s.txt")" \
    "$(admitted "$OUT/wrk-$s.txt")" "$(refused "$OUT/wrk-$s.txt")" "$P" "$(pglat "$OUT/pgbench-$s.txt")" \
    "$(ratio "$W" "$P")"
done
SIO=$(tail -n 1 "$OUT/sio-spread.txt")
sio() { echo "$SIO" | jq -r ".$1"; }
printf "%-9s  %-10s  %-9s  %-9s  %-8s  %-8s  %-8s  %-11s  %-11s  %-5s  >= 0.8, p99 < 50 ms\n" "sio-spread" "$(sio perSecond)" \
  "$(sio p50)ms" "$(sio p99)ms" "$(sio errors)" "$(sio admitted)" "$(sio refused)" "$(tps "$OUT/pgbench-spread.txt")" "" \
  "$(ratio "$(sio perSecond)" "$(tps "$OUT/pgbench-spread.txt")")"
echo "CPU per scan (µs):  app JVM   PostgreSQL (API run)   PostgreSQL (pgbench run)"
for s in spread hot; do
  n=$(reqs "$OUT/wrk-$s.txt"); m=$(pgtx "$OUT/pgbench-$s.txt")
  printf "  %-16s  %-8s  %-21s  %s\n" "$s" "$(us "${CPU_APP[$s-wrk]}" "$n")" "$(us "${CPU_PG[$s-wrk]}" "$n")" \
    "$(us "${CPU_PG[$s-pg]}" "$m")"
done
printf "  %-16s  %-8s  %-21s  %s\n" sio-spread "$(us "${CPU_APP[sio-spread]}" "$(sio scans)")" \
  "$(us "${CPU_PG[sio-spread]}" "$(sio scans)")" "(warm-up scans included in both)"
echo "same ticket: $(reqs "$OUT/wrk-same.txt") scans, $(admitted "$OUT/wrk-same.txt") admitted," \
  "$(non2xx "$OUT/wrk-same.txt") non-2xx, p99 $(pct "$OUT/wrk-same.txt" 99%)"
echo "capacity $CAPACITY: $(reqs "$OUT/wrk-capacity.txt") scans, $(admitted "$OUT/wrk-capacity.txt") admitted," \
  "$(non2xx "$OUT/wrk-capacity.txt") non-2xx, p99 $(pct "$OUT/wrk-capacity.txt" 99%)"

# 6. invariants: every zone's counter = the tickets inside it; the pgbench run admitted every scan; one ticket
#    admitted once; the capacity zone exactly full
DRIFT=$(sql "SELECT count(*) FROM zones z WHERE z.current_occupancy <>
  (SELECT count(*) FROM zone_presence p WHERE p.zone_id = z.id AND p.inside)")
PG_REFUSED=$(sql "SELECT count(*) FROM zone_access_logs WHERE device_id = 'bench-pgbench' AND NOT allowed")
SAME=$(sql "SELECT count(*) FROM zone_access_logs WHERE zone_id = '$ZONE_SAME' AND allowed")
CAP=$(sql "SELECT current_occupancy || ' ' || (SELECT count(*) FROM zone_access_logs l WHERE l.zone_id = z.id AND l.allowed)
  FROM zones z WHERE id = '$ZONE_CAP'")
echo "zones whose counter != tickets inside: $DRIFT; pgbench scans refused: $PG_REFUSED;"
echo "same ticket admitted: $SAME; capacity zone occupancy, admitted: $CAP"
set -- $CAP
if [ "$DRIFT" = 0 ] && [ "$SAME" = 1 ] && [ "$1" = "$CAPACITY" ] && [ "$2" = "$CAPACITY" ] \
   && [ "$(refused "$OUT/wrk-spread.txt")" = 0 ] && [ "$(refused "$OUT/wrk-hot.txt")" = 0 ] \
   && [ "$(sio refused)" = 0 ] && [ "$(sio errors)" = 0 ] && [ "$PG_REFUSED" = 0 ]; then
  echo "INVARIANTS OK (never over capacity, one admission per ticket)"
else
  echo "INVARIANTS BROKEN" >&2; exit 1
fi
