#!/usr/bin/env bash
# Ticket benchmarks: QR validation (read path) and free purchase reservation (write path), each through
# the API (wrk) against the same SQL run by pgbench (the ceiling), then the quota invariants.
#
#   bench/run-tickets.sh             # from the repository root; packages the jar first if missing
#
# Environment (defaults): BENCH_PORT=3333  BENCH_SCHEMA=festival_bench  NTICKETS=2000  NBUYERS=200
#   SELLOUT_QUOTA=1000  DURATION=15s  SELLOUT_DURATION=10s  WARMUP=20s (per scenario)  CONNECTIONS=32
#   THREADS=2  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
#   BENCH_USE_RUNNING=1  use an app already listening on BENCH_PORT (it must use FESTIVAL_DB_SCHEMA=$BENCH_SCHEMA)
#   JAVA_HOME            a JDK 25 (else `java` on the PATH)
#   JAVA_OPTS            extra JVM options for the jar the script starts
# Needs: java 25, psql, pgbench, wrk, curl, jq (Debian/Ubuntu: apt-get install -y wrk postgresql-client jq curl).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3333}
SCHEMA=${BENCH_SCHEMA:-festival_bench}
NTIX=${NTICKETS:-2000}
NBUYERS=${NBUYERS:-200}
SELLOUT=${SELLOUT_QUOTA:-1000}
DURATION=${DURATION:-15s}
CONN=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
BASE="http://127.0.0.1:${PORT}"
OUT=${BENCH_OUT:-target/bench-tickets}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# tools (jq too), the application on $PORT (stopped on exit)
BENCH_TOOLS=jq
source bench/lib.sh


# 2. data: wipe the bench schema; a staff member and a template buyer through the API, the rest by SQL
echo "== seeding: festival, staff member, $NBUYERS buyers, 5 free categories"
sql "TRUNCATE users, festivals CASCADE" >/dev/null
STAMP=$(date +%s)
PASSWORD="BenchTickets2026!"
register() { json -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\",\"firstName\":\"Bench\",\"lastName\":\"$2\"}" \
  "$BASE/api/auth/register" >/dev/null; }
login() { json -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login" | jq -r .accessToken; }
STAFF_EMAIL="bench-staff-$STAMP@bench.test"; TEMPLATE_EMAIL="bench-template-$STAMP@bench.test"
register "$STAFF_EMAIL" Staff; register "$TEMPLATE_EMAIL" Template
STAFF=$(sql "SELECT id FROM users WHERE email = '$STAFF_EMAIL'")
HASH=$(sql "SELECT password_hash FROM users WHERE email = '$TEMPLATE_EMAIL'")
sql "UPDATE users SET status = 'ACTIVE', email_verified = true WHERE id = '$STAFF'" >/dev/null
FESTIVAL=$(cat /proc/sys/kernel/random/uuid)
psql -X -q -v ON_ERROR_STOP=1 -v schema="$SCHEMA" -v nbuyers="$NBUYERS" -v festival="$FESTIVAL" \
  -v staff="$STAFF" -v hash="$HASH" -v sellout="$SELLOUT" -f bench/seed-tickets.sql >/dev/null
cat_id() { printf '30000000-0000-4000-8000-%012d' "$1"; }
CAT_VAL=$(cat_id 1); CAT_WARM=$(cat_id 2); CAT_API=$(cat_id 3); CAT_PG=$(cat_id 4); CAT_SELLOUT=$(cat_id 5)
TOKEN=$(login "$STAFF_EMAIL")

# buyers' tokens (logins in parallel: one bcrypt check each)
echo "== signing in $NBUYERS buyers"
export -f json login; export BASE PASSWORD
seq 1 "$NBUYERS" | xargs -P 4 -I{} bash -c 'login bench-buyer-{}@bench.test' > "$OUT/tokens.txt"
[ "$(grep -c . "$OUT/tokens.txt")" = "$NBUYERS" ] || { echo "buyer logins failed" >&2; exit 1; }
{ echo "return {"; sed 's/.*/"&",/' "$OUT/tokens.txt"; echo "}"; } > "$OUT/tokens.lua"

# validation tickets: the staff member buys NTIX free tickets (50 per order) through the API; the answers
# carry the signed QR payloads
echo "== buying $NTIX tickets for the validation run"
: > "$OUT/qr.txt"
for _ in $(seq 1 $(( (NTIX + 49) / 50 ))); do
  json -H "Authorization: Bearer $TOKEN" \
    -d "{\"festivalId\":\"$FESTIVAL\",\"categoryId\":\"$CAT_VAL\",\"quantity\":50}" "$BASE/api/tickets/purchase" \
    | jq -r '.tickets[].qrCode' >> "$OUT/qr.txt"
done
NTIX=$(grep -c '^FT1\.' "$OUT/qr.txt")
{ echo "return {"; sed 's/.*/"&",/' "$OUT/qr.txt"; echo "}"; } > "$OUT/qr.lua"
sql "DROP TABLE IF EXISTS bench_tickets; CREATE TABLE bench_tickets AS
     SELECT CAST(row_number() OVER (ORDER BY id) AS int) AS n, id FROM tickets WHERE category_id = '$CAT_VAL';
     ALTER TABLE bench_tickets ADD PRIMARY KEY (n); ANALYZE" >/dev/null
export TOKEN FESTIVAL_ID=$FESTIVAL QR_FILE="$OUT/qr.lua" TOKENS_FILE="$OUT/tokens.lua"

probe=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"qrCode\":\"$(head -1 "$OUT/qr.txt")\"}" "$BASE/api/tickets/validate")
echo "$probe" | jq -e '.valid == true and .reason == "ok"' >/dev/null || { echo "probe validation: $probe" >&2; exit 1; }

# pgbench scripts: the gate read with a random seeded ticket; the free purchase with a random buyer
printf '\\set n random(1, %s)\n' "$NTIX" > "$OUT/validate.sql"; cat bench/validate-read.sql >> "$OUT/validate.sql"
printf '\\set u random(1, %s)\n' "$NBUYERS" > "$OUT/purchase.sql"; cat bench/purchase-free.sql >> "$OUT/purchase.sql"

run_wrk() { # $1 label, $2 lua script, $3 duration; env passes the rest
  wrk -t"$THREADS" -c"$CONN" -d"$3" --latency -s "bench/$2" "$BASE" > "$OUT/wrk-$1.txt"
}
run_pgbench() { # $1 label (script $OUT/$1.sql)
  PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$CONN" -j "$THREADS" -T "${DURATION%s}" \
    -D fid="$FESTIVAL" -D cat="$CAT_PG" -D sid="$STAFF" -f "$OUT/$1.sql" > "$OUT/pgbench-$1.txt" 2>&1
}

# 3. validation: warm-up, API, ceiling
echo "== validation: warm-up ${WARMUP:-20s}, wrk $DURATION, pgbench $DURATION ($NTIX tickets)"
run_wrk warmup-validate validate.lua "${WARMUP:-20s}"
measure validate-wrk run_wrk validate validate.lua "$DURATION"
measure validate-pg run_pgbench validate

# 4. purchase: warm-up (own category), API (own category), ceiling (own category), all quota 1 000 000
echo "== purchase: warm-up ${WARMUP:-20s}, wrk $DURATION, pgbench $DURATION ($NBUYERS buyers)"
CATEGORY_ID=$CAT_WARM run_wrk warmup-purchase purchase.lua "${WARMUP:-20s}"
export CATEGORY_ID=$CAT_API; measure purchase-wrk run_wrk purchase purchase.lua "$DURATION"
measure purchase-pg run_pgbench purchase

# 5. sell-out: quota SELLOUT, more requests than that in SELLOUT_DURATION; every answer counted
echo "== sell-out: quota $SELLOUT, wrk ${SELLOUT_DURATION:-10s}"
CATEGORY_ID=$CAT_SELLOUT COUNT=1 run_wrk sellout purchase.lua "${SELLOUT_DURATION:-10s}"
S201=$(awk '$1 == "status" && $2 == 201 {print $3}' "$OUT/wrk-sellout.txt"); S201=${S201:-0}
S409=$(awk '$1 == "status" && $2 == 409 {print $3}' "$OUT/wrk-sellout.txt"); S409=${S409:-0}
SOTHER=$(awk '$1 == "status" && $2 != 201 && $2 != 409 {n += $3} END {print n + 0}' "$OUT/wrk-sellout.txt")

# 6. figures
echo
echo "scenario     API req/s   p50        p99        non-2xx   pgbench tps  pg avg lat   ratio  target"
for s in validate purchase; do
  W=$(rps "$OUT/wrk-$s.txt"); P=$(tps "$OUT/pgbench-$s.txt")
  target=0.5; [ "$s" = purchase ] && target=0.8
  printf "%-11s  %-10s  %-9s  %-9s  %-8s  %-11s  %-11s  %-5s  >= %s\n" "$s" "$W" "$(pct "$OUT/wrk-$s.txt" 50%)" \
    "$(pct "$OUT/wrk-$s.txt" 99%)" "$(non2xx "$OUT/wrk-$s.txt")" "$P" "$(pglat "$OUT/pgbench-$s.txt")" \
    "$(ratio "$W" "$P")" "$target"
done
echo "CPU per request (µs):  app JVM   PostgreSQL (API run)   PostgreSQL (pgbench run)"
for s in validate purchase; do
  n=$(reqs "$OUT/wrk-$s.txt"); m=$(pgtx "$OUT/pgbench-$s.txt")
  printf "  %-18s  %-8s  %-21s  %s\n" "$s" "$(us "${CPU_APP[$s-wrk]}" "$n")" "$(us "${CPU_PG[$s-wrk]}" "$n")" \
    "$(us "${CPU_PG[$s-pg]}" "$m")"
done
echo "sell-out: quota $SELLOUT -> $S201 x 201, $S409 x 409 (sold out), $SOTHER other"

# 7. invariants: no category over quota, live tickets = sold + reserved, tickets = ordered quantity,
#    the sell-out category exactly full, validation changed nothing
OVER=$(sql "SELECT count(*) FROM ticket_categories WHERE sold_count + reserved_count > quota")
DRIFT=$(sql "SELECT count(*) FROM ticket_categories c WHERE c.sold_count + c.reserved_count <>
  (SELECT count(*) FROM tickets t WHERE t.category_id = c.id AND t.status IN ('RESERVED','SOLD','USED'))")
ORDERED=$(sql "SELECT (SELECT COALESCE(sum(quantity), 0) FROM ticket_orders) || ' ' || (SELECT count(*) FROM tickets)")
SOLD_OUT=$(sql "SELECT sold_count || ' ' || reserved_count || ' ' || quota || ' '
  || (SELECT count(*) FROM tickets WHERE category_id = c.id) FROM ticket_categories c WHERE id = '$CAT_SELLOUT'")
USED=$(sql "SELECT count(*) FROM tickets WHERE status <> 'SOLD'")
echo "categories over quota: $OVER; categories whose live tickets != sold + reserved: $DRIFT;"
echo "ordered quantity, tickets: $ORDERED; sell-out sold reserved quota tickets: $SOLD_OUT; tickets not SOLD: $USED"
echo "per category (name|sold|reserved|quota|tickets):"
psql -X -q -tA -c "SET search_path = $SCHEMA" -c "SELECT name, sold_count, reserved_count, quota,
  (SELECT count(*) FROM tickets t WHERE t.category_id = c.id) FROM ticket_categories c ORDER BY name" | sed 's/^/  /'
set -- $ORDERED; O1=$1; O2=$2
set -- $SOLD_OUT
if [ "$OVER" = 0 ] && [ "$DRIFT" = 0 ] && [ "$O1" = "$O2" ] && [ "$1" = "$SELLOUT" ] && [ "$2" = 0 ] \
   && [ "$4" = "$SELLOUT" ] && [ "$S201" = "$SELLOUT" ] && [ "$SOTHER" = 0 ] && [ "$USED" = 0 ]; then
  echo "INVARIANTS OK (zero oversell)"
else
  echo "INVARIANTS BROKEN" >&2; exit 1
fi
