#!/usr/bin/env bash
# Load benchmark of the returns service: durable POST /v1/returns over loopback, client and server on the
# same machine. Builds boomerang in release mode, starts `boomerang serve` on a fresh database, runs wrk
# with unique parcels, then checks that every acknowledged return was recorded.
#
#   Scripts/load-returns.sh                       # SQLite (a new file under /tmp)
#   Scripts/load-returns.sh postgres://boomerang:boomerang@127.0.0.1:5432/postgres   # PostgreSQL (a new database)
#
# Settings (environment): DURATION (s, 20), CONNECTIONS (64), THREADS (1), SCENARIO (Scenarios/eu-uk-returns.yaml),
# SQLITE_SYNC (full: every acknowledged return synced to disk; normal: safe when the process dies).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-1}
SCENARIO=${SCENARIO:-Scenarios/eu-uk-returns.yaml}
PORT=${PORT:-18080}
WORK=$(mktemp -d /tmp/boomerang-load.XXXXXX)

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product boomerang >/dev/null
BIN=.build/release/boomerang

if [ "${1:-}" = "" ]; then
    DB="$WORK/returns.db"
    KIND="SQLite ($DB)"
else
    NAME="boomerang_load_$(date +%s)"
    psql "$1" -qc "CREATE DATABASE $NAME" >/dev/null
    DB="${1%/*}/$NAME"
    KIND="PostgreSQL ($NAME)"
fi

$BIN plan "$SCENARIO" --format json > "$WORK/plan.json"
$BIN generate parcels --scenario "$SCENARIO" --count 5000 --seed 7 --format jsonl -o "$WORK/parcels.jsonl"
$BIN serve --scenario "$SCENARIO" --plan "$WORK/plan.json" --db "$DB" --no-auth --port "$PORT" --sqlite-sync "${SQLITE_SYNC:-full}" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/serve.log" && break
    sleep 0.1
done
grep "listening on" "$WORK/serve.log"

echo "wrk: $THREADS thread(s), $CONNECTIONS connections, ${DURATION} s, $KIND"
PARCELS="$WORK/parcels.jsonl" RUN="$(date +%s)" REQUESTS=$((DURATION * 15000 / THREADS)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s \
    -s Scripts/load-returns.lua "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"

# Every acknowledged return is recorded: the service's own count against wrk's 2xx count.
sleep 0.5
RECORDED=$(curl -s "http://127.0.0.1:$PORT/v1/metrics/returns" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
ACKED=$(python3 - "$WORK/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
total = int(re.search(r"requests (\d+) in", text).group(1))
failed = int(re.search(r"non-2xx (\d+)", text).group(1))
print(total - failed)
PY
)
echo "recorded $RECORDED returns; wrk saw $ACKED acknowledged (requests still in flight when wrk stopped may add a few)"
