#!/usr/bin/env bash
# The body of scripts/run-local: a private PostgreSQL cluster under .local/ that is reused on the
# next run, then every Linli service that exists so far. Ctrl-C stops everything it started.
set -euo pipefail
root=$(pwd)
state="$root/.local"
port="${LINLI_LOCAL_PG_PORT:-55432}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi

mkdir -p "$state"
if [[ ! -f "$state/pg/PG_VERSION" ]]; then
    step "creating a PostgreSQL cluster in .local/pg"
    mkdir -p "$state/pg"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$state" "$state/pg"; fi
    "${as_pg[@]}" "$bindir/initdb" -D "$state/pg" -U linli -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! "${as_pg[@]}" "$bindir/pg_ctl" -D "$state/pg" status >/dev/null 2>&1; then
    step "starting PostgreSQL on 127.0.0.1:$port"
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$state/pg" -l "$state/pg.log" -w \
        -o "-p $port -k $state -c listen_addresses=127.0.0.1" start >/dev/null
fi
stop_all() {
    step "stopping"
    jobs -p | xargs -r kill 2>/dev/null || true
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$state/pg" -m fast stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

database_url="postgresql://linli@127.0.0.1:$port/postgres"
echo
echo "PostgreSQL: $database_url"
echo "Services: none is built yet (registry, calendar, notifications, analytics and concerns are"
echo "still to come); only the database runs. Press Ctrl-C to stop it."
while true; do sleep 3600; done
