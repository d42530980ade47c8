#!/usr/bin/env bash
# The browser tests (Tests/browser): real chromium through Selenium against the real executables
# (debug build) on a throwaway PostgreSQL, with the SMS gateway stand-in (scripts/lib/fake_receivers.py)
# and the front door (nginx, deploy/nginx/linli.conf.template) so that every page shares one origin, as in a deployment.
# Started the way scripts/run-local starts them (roles from deploy/sql/roles.sql, `linli migrate`,
# one process per service), on free ports and a temporary directory. Screenshots: test-artifacts/browser/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/requirements.sh
source scripts/lib/front-door.sh
root=$(pwd)
bin=$(swift build --show-bin-path)
venv="${LINLI_BROWSER_VENV:-/tmp/linli-browser-venv}"
work=$(mktemp -d /tmp/linli-browser.XXXXXX)
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); chown postgres "$work"; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
finish() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap finish EXIT

pg_port=$(free_port)
"${as_pg[@]}" "$bindir/initdb" -D "$work/pg" -U linli -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
owner="host=127.0.0.1 port=$pg_port dbname=linli user=linli"
psql -h 127.0.0.1 -p "$pg_port" -U linli -d postgres -qc "CREATE DATABASE linli"
psql -h 127.0.0.1 -p "$pg_port" -U linli -d linli -q -v ON_ERROR_STOP=1 -v owner=linli -v registry_password=t -v calendar_password=t \
    -v notifications_password=t -v analytics_password=t -v concerns_password=t -f deploy/sql/roles.sql >/dev/null
"$bin/linli" migrate --database-url "$owner" >/dev/null

sms_port=$(free_port)
python3 scripts/lib/fake_receivers.py "$sms_port" "$work/sms.jsonl" &
pids+=($!)
services=(registry calendar notifications analytics concerns)
front_port=$(free_port)
declare -A ports
for service in "${services[@]}"; do
    ports[$service]=$(free_port)
    LINLI_DATABASE_URL="host=127.0.0.1 port=$pg_port dbname=linli user=linli_$service" LINLI_HTTP_PORT="${ports[$service]}" \
        LINLI_METRICS_PORT=$(free_port) LINLI_PUBLIC_URL="http://127.0.0.1:$front_port" LINLI_LOG_LEVEL=warning \
        LINLI_TRUSTED_PROXIES=127.0.0.1 \
        LINLI_REGISTRY_DATA_KEY=$(head -c 32 /dev/urandom | base64) LINLI_NOTIFICATIONS_QUIET_HOURS=off \
        "$bin/linli-$service" >>"$work/$service.log" 2>&1 &
    pids+=($!)
done
front_door=()
for service in "${services[@]}"; do front_door+=("$service=127.0.0.1:${ports[$service]}"); done
start_front_door "$work/front-door" "127.0.0.1:$front_port" "${front_door[@]}"
for service in "${services[@]}"; do
    for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null || { tail -20 "$work/$service.log" >&2; exit 1; }
done
admin=$("$bin/linli" token --database-url "host=127.0.0.1 port=$pg_port dbname=linli user=linli_registry" --role admin --subject browser-tests --hours 1)
curl -fsS -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' "http://127.0.0.1:${ports[notifications]}/v1/webhooks" \
    -d "{\"name\":\"SMS stand-in\",\"url\":\"http://127.0.0.1:$sms_port/sms\",\"purpose\":\"sms\",\"secret\":\"$(head -c 24 /dev/urandom | base64)\"}"

rm -rf "$root/test-artifacts/browser"
status=0
# Each file is its own process: every failure is reported, not only the first.
# LINLI_BROWSER_TESTS picks other scripts (scripts/bench pages runs Tests/browser/bench_pages.py so).
for test in ${LINLI_BROWSER_TESTS:-Tests/browser/test_*.py}; do
    step "browser: $test"
    FRONT="http://127.0.0.1:$front_port" ADMIN_TOKEN="$admin" SMS_LOG="$work/sms.jsonl" ARTIFACTS="$root/test-artifacts/browser" \
        DATABASE_URL="$owner" "$venv/bin/python" "$test" || status=$?
done
if [[ $status -ne 0 ]]; then
    for service in "${services[@]}"; do echo "--- $service.log" >&2; tail -15 "$work/$service.log" >&2; done
fi
exit $status
