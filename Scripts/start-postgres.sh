#!/usr/bin/env bash
# Installs PostgreSQL from apt when it is missing, starts it on loopback and makes the role the tests use:
#   boomerang / boomerang, allowed to create databases (each test makes its own).
# Prints the URL to put in BOOMERANG_TEST_POSTGRES.
set -euo pipefail
# Only the URL goes to stdout; everything the tools say (e.g. pg_ctlcluster's "Removed stale pid file.") goes to stderr.
exec 3>&1 1>&2

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "Installing PostgreSQL with apt-get…" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$VERSION main$"; then
    $SUDO pg_createcluster "$VERSION" main >/dev/null 3>&-
fi
if ! pg_lsclusters -h | awk '$1=="'"$VERSION"'" && $2=="main" {print $4}' | grep -q online; then
    $SUDO pg_ctlcluster "$VERSION" main start 3>&-   # the server must not hold the caller's pipe open
fi

for _ in $(seq 1 30); do
    if $SUDO -u postgres psql -qAtc "SELECT 1" >/dev/null 2>&1 || su postgres -c "psql -qAtc 'SELECT 1'" >/dev/null 2>&1; then break; fi
    sleep 1
done

run_sql() {
    if [ -n "$SUDO" ]; then sudo -u postgres psql -qAtc "$1"; else su postgres -c "psql -qAtc \"$1\""; fi
}
if [ "$(run_sql "SELECT 1 FROM pg_roles WHERE rolname = 'boomerang'")" != "1" ]; then
    run_sql "CREATE ROLE boomerang LOGIN CREATEDB PASSWORD 'boomerang'" >/dev/null
fi
echo "postgres://boomerang:boomerang@127.0.0.1:5432/postgres" >&3
