#!/usr/bin/env bash
# Cashless pay-path benchmark: the API (wrk) against the same SQL statement run by pgbench (the ceiling).
#
#   bench/run-cashless.sh            # from the repository root; packages the jar first if missing
#
# Environment (defaults): BENCH_PORT=3333  BENCH_SCHEMA=festival_bench  NWALLETS=1000  DURATION=15s
#   CONNECTIONS=32  THREADS=2  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
#   BENCH_USE_RUNNING=1  use an app already listening on BENCH_PORT (it must use FESTIVAL_DB_SCHEMA=$BENCH_SCHEMA)
#   JAVA_HOME            a JDK 25 (else `java` on the PATH)
#   JAVA_OPTS            extra JVM options for the jar the script starts
# Needs: java 25, psql, pgbench, wrk (Debian/Ubuntu: apt-get install -y wrk postgresql-client), curl.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-3333}
SCHEMA=${BENCH_SCHEMA:-festival_bench}
N=${NWALLETS:-1000}
DURATION=${DURATION:-15s}
CONN=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-postgres}
BASE="http://127.0.0.1:${PORT}"
OUT=${BENCH_OUT:-target/bench}
mkdir -p "$OUT"

# tools, the application on $PORT (stopped on exit)
source bench/lib.sh


# 2. data: wipe the bench schema, a cashier through the API, wallets and festival by SQL
echo "== seeding $N wallets (+1 hot wallet)"
sql "TRUNCATE cashless_transactions, cashless_qr_tokens, cashless_refund_requests, cashless_festival_settings,
     cashless_accounts, festival_members, festivals, refresh_tokens, auth_sessions, users CASCADE" >/dev/null
EMAIL="bench-cashier-$(date +%s)@bench.test"
PASSWORD="BenchCashier2026!"
curl -fs -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"firstName\":\"Bench\",\"lastName\":\"Cashier\"}" \
  "$BASE/api/auth/register" >/dev/null
CASHIER=$(sql "SELECT id FROM users WHERE email = '$EMAIL'")
sql "UPDATE users SET status = 'ACTIVE', email_verified = true WHERE id = '$CASHIER'" >/dev/null
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" \
  "$BASE/api/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
FESTIVAL=$(cat /proc/sys/kernel/random/uuid)
psql -X -q -v ON_ERROR_STOP=1 -v schema="$SCHEMA" -v nwallets="$N" -v balance=1000000 -v hotbalance=100000000 \
  -v cashier="$CASHIER" -v festival="$FESTIVAL" -f bench/seed.sql >/dev/null
export TOKEN FESTIVAL_ID=$FESTIVAL NWALLETS=$N

probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"amount\":0.10,\"festivalId\":\"$FESTIVAL\",\"accountId\":\"00000000-0000-4000-8000-000000000001\"}" \
  "$BASE/api/cashless/pay")
[ "$probe" = 201 ] || { echo "probe charge answered $probe" >&2; exit 1; }

# pgbench scripts: the same CTE, random wallet or the hot one
printf '\\set aid random(1, %s)\n' "$N" > "$OUT/pay-many.sql"; cat bench/pay-cte.sql >> "$OUT/pay-many.sql"
printf '\\set aid 0\n' > "$OUT/pay-hot.sql"; cat bench/pay-cte.sql >> "$OUT/pay-hot.sql"

# CPU used (clock ticks) by the app and by PostgreSQL during a phase: on a shared 2-core machine the
# throughput moves with other load, CPU time per request much less. PostgreSQL = live server processes
# + what the postmaster reaped from exited backends.
run_wrk() { # $1 label, $2 HOT
  HOT=$2 wrk -t"$THREADS" -c"$CONN" -d"$DURATION" --latency -s bench/pay.lua "$BASE" > "$OUT/wrk-$1.txt"
}
run_pgbench() { # $1 label
  PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$CONN" -j "$THREADS" -T "${DURATION%s}" \
    -D fid="$FESTIVAL" -D cid="$CASHIER" -f "$OUT/pay-$1.sql" > "$OUT/pgbench-$1.txt" 2>&1
}

# 3./4. warm-up, then API and ceiling per scenario
echo "== warm-up (JIT): ${WARMUP:-30s}"
HOT=0 wrk -t"$THREADS" -c"$CONN" -d"${WARMUP:-30s}" -s bench/pay.lua "$BASE" > "$OUT/wrk-warmup.txt"
echo "== many wallets: wrk $DURATION, then pgbench $DURATION"
measure wrk-many run_wrk many 0; measure pg-many run_pgbench many
echo "== hot wallet: wrk $DURATION, then pgbench $DURATION"
measure wrk-hot run_wrk hot 1; measure pg-hot run_pgbench hot

# zero overdraft under contention: 200 charges of 0.10 at once on the seeded 5.00 drain wallet
DRAIN="00000000-0000-4000-8000-999999999999"
DRAIN_OK=$(seq 1 200 | xargs -P 64 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d "{\"amount\":0.10,\"festivalId\":\"$FESTIVAL\",\"accountId\":\"$DRAIN\"}" "$BASE/api/cashless/pay" | grep -c '^201$' || true)
DRAIN_BAL=$(sql "SELECT balance_cents FROM cashless_accounts WHERE id = '$DRAIN'")

# 5. figures
W_MANY=$(rps "$OUT/wrk-many.txt"); P_MANY=$(tps "$OUT/pgbench-many.txt")
W_HOT=$(rps "$OUT/wrk-hot.txt"); P_HOT=$(tps "$OUT/pgbench-hot.txt")
echo
echo "scenario       API req/s   p50        p99        non-2xx   pgbench tps  pg avg lat   ratio"
printf "many wallets   %-10s  %-9s  %-9s  %-8s  %-11s  %-11s  %s\n" "$W_MANY" "$(pct "$OUT/wrk-many.txt" 50%)" \
  "$(pct "$OUT/wrk-many.txt" 99%)" "$(non2xx "$OUT/wrk-many.txt")" "$P_MANY" "$(pglat "$OUT/pgbench-many.txt")" \
  "$(ratio "$W_MANY" "$P_MANY")"
printf "hot wallet     %-10s  %-9s  %-9s  %-8s  %-11s  %-11s  %s\n" "$W_HOT" "$(pct "$OUT/wrk-hot.txt" 50%)" \
  "$(pct "$OUT/wrk-hot.txt" 99%)" "$(non2xx "$OUT/wrk-hot.txt")" "$P_HOT" "$(pglat "$OUT/pgbench-hot.txt")" \
  "$(ratio "$W_HOT" "$P_HOT")"
echo "CPU per charge (µs):     app JVM   PostgreSQL (API run)   PostgreSQL (pgbench run)"
for s in many hot; do
  n=$(reqs "$OUT/wrk-$s.txt"); m=$(pgtx "$OUT/pgbench-$s.txt")
  printf "  %-20s  %-8s  %-21s  %s\n" "$s" "$(us "${CPU_APP[wrk-$s]}" "$n")" "$(us "${CPU_PG[wrk-$s]}" "$n")" \
    "$(us "${CPU_PG[pg-$s]}" "$m")"
done
echo "drain: 200 concurrent 0.10 charges on 5.00 -> $DRAIN_OK succeeded, balance now $DRAIN_BAL cents (expect 50, 0)"

# 6. invariants
NEG=$(sql "SELECT count(*) FROM cashless_accounts WHERE balance_cents < 0")
SUMS=$(sql "SELECT (SELECT sum(balance_cents) FROM cashless_accounts) || ' ' || (SELECT sum(amount_cents) FROM cashless_transactions)")
MISMATCH=$(sql "SELECT count(*) FROM cashless_accounts a WHERE a.balance_cents <>
  (SELECT COALESCE(sum(t.amount_cents), 0) FROM cashless_transactions t WHERE t.account_id = a.id)")
ROWS=$(sql "SELECT count(*) FROM cashless_transactions WHERE type = 'PAYMENT'")
echo "negative balances: $NEG; sum(balances) sum(ledger): $SUMS; wallets whose ledger != balance: $MISMATCH; payments: $ROWS"
set -- $SUMS
if [ "$NEG" = 0 ] && [ "$1" = "$2" ] && [ "$MISMATCH" = 0 ] && [ "$DRAIN_OK" = 50 ] && [ "$DRAIN_BAL" = 0 ]; then
  echo "INVARIANTS OK"
else
  echo "INVARIANTS BROKEN" >&2; exit 1
fi
