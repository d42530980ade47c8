#!/usr/bin/env bash
# The body of scripts/run-local: a private PostgreSQL under .local/ (reused on the next run), one
# role per service, a release build, the migrations, every service that exists, local stand-ins
# for the WeCom robot and an SMS gateway, and demo data the first time. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/requirements.sh"
root=$(pwd)
state="$root/.local"
port="${LINLI_LOCAL_PG_PORT:-55432}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
services=(registry calendar notifications analytics concerns)
declare -A ports=([registry]=8081 [calendar]=8082 [notifications]=8083 [analytics]=8084 [concerns]=8085)

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
        -o "-p $port -k $state -c listen_addresses=127.0.0.1 -c autovacuum_naptime=10s" start >/dev/null
fi
pids=()
stop_all() {
    trap - EXIT INT TERM
    step "stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$state/pg" -m fast stop >/dev/null 2>&1 || true
}
trap stop_all EXIT INT TERM

owner_url="host=127.0.0.1 port=$port dbname=linli user=linli"
psql_admin() { psql -h 127.0.0.1 -p "$port" -U linli -v ON_ERROR_STOP=1 -q "$@"; }
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'linli'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE linli"
fi
step "creating one database role per service"
psql_admin -d linli -v owner=linli -v registry_password=local -v calendar_password=local -v notifications_password=local \
    -v analytics_password=local -v concerns_password=local -f deploy/sql/roles.sql >/dev/null

[[ -f "$state/jwt-secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '\n' > "$state/jwt-secret"
[[ -f "$state/data-key" ]] || head -c 32 /dev/urandom | base64 | tr -d '\n' > "$state/data-key"
export LINLI_JWT_SECRET=$(cat "$state/jwt-secret")

step "building (release; the first build takes several minutes)"
swift build -c release 2>&1 | grep -E "^\[[0-9]+/[0-9]+\] (Compiling|Linking)|error|Build complete" | awk '{ printf "\r%-100s", substr($0, 1, 100) } END { print "" }'
release=$(swift build -c release --show-bin-path)

step "migrating"
"$release/linli" migrate --database-url "$owner_url"

step "starting the local WeCom robot and SMS gateway stand-ins on 127.0.0.1:8090"
python3 scripts/lib/fake_receivers.py 8090 "$state/received-messages.jsonl" &
pids+=($!)

started=()
for service in "${services[@]}"; do
    binary="$release/linli-$service"
    [[ -x "$binary" ]] || continue
    LINLI_DATABASE_URL="host=127.0.0.1 port=$port dbname=linli user=linli_$service" \
        LINLI_HTTP_PORT="${ports[$service]}" LINLI_PUBLIC_URL="http://127.0.0.1:${ports[$service]}" \
        LINLI_REGISTRY_DATA_KEY=$(cat "$state/data-key") \
        "$binary" >>"$state/$service.log" 2>&1 &
    pids+=($!)
    started+=("$service")
done
for service in "${started[@]}"; do
    for _ in $(seq 1 120); do
        curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1 && break
        sleep 0.5
    done
    echo "  $service ready on http://127.0.0.1:${ports[$service]}"
done

if [[ ! -f "$state/seeded" ]]; then
    step "loading the demo city through the services' APIs"
    "$release/linli" seed --scale demo
    touch "$state/seeded"
fi

token=$("$release/linli" token --role admin --subject local-admin --hours 12)
echo
echo "Linli is running (logs in .local/*.log; messages sent to the robot stand-in in .local/received-messages.jsonl)"
for service in "${started[@]}"; do
    echo "  $service: http://127.0.0.1:${ports[$service]}  (API /v1, OpenAPI /openapi.yaml, metrics /metrics)"
done
[[ " ${started[*]} " == *" analytics "* ]] && echo "  dashboard: http://127.0.0.1:${ports[analytics]}/dashboard"
echo "  PostgreSQL: postgresql://linli@127.0.0.1:$port/linli"
echo
echo "Admin token (12 h): $token"
echo
echo "Press Ctrl-C to stop."
wait
