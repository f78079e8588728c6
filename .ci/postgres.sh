#!/usr/bin/env bash
# Start a PostgreSQL server for the store tests and print its URL on stdout (logs go to stderr).
#
# Debian 12, as root: installs Debian's postgresql if its server is missing, creates the
# cluster if the image has none, makes it listen on 127.0.0.1 only, starts it, and creates the
# test role and database.  Safe to run again: every step checks before it acts.
#
#   export ELECTORAL_TEST_POSTGRES_URL="$(.ci/postgres.sh)"
set -euo pipefail

PG_USER="${ELECTORAL_PG_USER:-electoral}"
PG_PASSWORD="${ELECTORAL_PG_PASSWORD:-electoral}"
PG_DB="${ELECTORAL_PG_DB:-electoral_test}"
CLUSTER=main

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it installs packages and manages the cluster)"

have_server() {
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null &&
        command -v pg_ctlcluster >/dev/null && command -v pg_createcluster >/dev/null &&
        command -v psql >/dev/null
}

if ! have_server; then
    log "installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o Acquire::Retries=3 update -q >&2 </dev/null
    apt-get -o Acquire::Retries=3 install -y -q postgresql >&2 </dev/null
    have_server || die "postgresql installed, but its server binaries are still missing"
fi

# The major version: the newest one with a 'main' cluster, else the newest server installed.
VER=""
for dir in /etc/postgresql/*/"$CLUSTER"; do
    [ -f "$dir/postgresql.conf" ] && VER="$(basename "$(dirname "$dir")")"
done
if [ -z "$VER" ]; then
    VER="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)"
    log "no cluster configured: creating $VER/$CLUSTER"
    pg_createcluster "$VER" "$CLUSTER" >&2
fi
[ -n "$VER" ] || die "cannot tell the PostgreSQL version"

# Loopback only, password logins over TCP from 127.0.0.1.
CONF="/etc/postgresql/$VER/$CLUSTER"
# (pg_conftool would write 127.0.0.1 unquoted, which the server rejects: append the line.)
if [ "$(pg_conftool -s "$VER" "$CLUSTER" show listen_addresses 2>/dev/null)" != 127.0.0.1 ]; then
    pg_conftool "$VER" "$CLUSTER" remove listen_addresses 2>/dev/null || true
    echo "listen_addresses = '127.0.0.1'  # set by electoral's .ci/postgres.sh" \
        >>"$CONF/postgresql.conf"
fi
grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' \
    "$CONF/pg_hba.conf" || echo "host all all 127.0.0.1/32 scram-sha-256" >>"$CONF/pg_hba.conf"
PORT="$(pg_conftool -s "$VER" "$CLUSTER" show port 2>/dev/null || echo 5432)"

install -d -o postgres -g postgres -m 2775 /var/run/postgresql
status="$(pg_lsclusters -h | awk -v v="$VER" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')"
if [ "$status" = online ]; then
    now="$(cd /tmp && runuser -u postgres -- psql -X -At -p "$PORT" -d postgres \
        -c 'SHOW listen_addresses')"
    if [ "$now" != 127.0.0.1 ]; then
        log "restarting $VER/$CLUSTER to listen on 127.0.0.1 only (was '$now')"
        (cd /tmp && runuser -u postgres -- psql -X -q -p "$PORT" -d postgres \
            -c 'ALTER SYSTEM RESET listen_addresses') >&2
        pg_ctlcluster "$VER" "$CLUSTER" restart >&2
    fi
else
    log "starting $VER/$CLUSTER on 127.0.0.1:$PORT"
    pg_ctlcluster "$VER" "$CLUSTER" start >&2
fi

for _ in $(seq 60); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2 || die "the server does not answer on 127.0.0.1:$PORT"

# The role and the database, created or brought up to date.
(cd /tmp && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres \
    -v user="$PG_USER" -v pass="$PG_PASSWORD" -v db="$PG_DB") >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'user', :'pass') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'user') \gexec
SQL

URL="postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/$PG_DB"
PGPASSWORD="$PG_PASSWORD" psql -X -q -At -h 127.0.0.1 -p "$PORT" -U "$PG_USER" -d "$PG_DB" \
    -c 'SELECT 1' >/dev/null || die "cannot log in as $PG_USER over TCP"
listen="$(PGPASSWORD="$PG_PASSWORD" psql -X -At -h 127.0.0.1 -p "$PORT" -U "$PG_USER" \
    -d "$PG_DB" -c 'SHOW listen_addresses')"
[ "$listen" = 127.0.0.1 ] || die "the server listens on '$listen', not on loopback only"
log "ready: PostgreSQL $VER on 127.0.0.1:$PORT, database $PG_DB"
echo "$URL"
