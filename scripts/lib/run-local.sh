#!/usr/bin/env bash
# The body of scripts/run-local: a private PostgreSQL under .local/ (reused on the next run), one
# role per service, a release build, the migrations, every service that exists, local stand-ins
# for the WeCom robot and an SMS gateway, and demo data the first time. Ctrl-C stops everything.
#
# The demo is loaded once: `.local/seeding` marks a seed under way, `.local/seeded` one that finished.
# A seed that failed or was interrupted leaves a partly loaded city: that is reported at once, and the
# next run drops the local database and loads the demo again (as `--reset-demo` always does).
set -euo pipefail
source "$(dirname "$0")/requirements.sh"
source "$(dirname "$0")/front-door.sh"
root=$(pwd)
state="$root/.local"
reset_demo=0
for argument in "$@"; do
    case "$argument" in
        --reset-demo) reset_demo=1 ;;
        -h | --help)
            echo "usage: scripts/run-local [--reset-demo]"
            echo "  --reset-demo  drop the local database (.local) and load the demo city again"
            exit 0
            ;;
        *)
            echo "scripts/run-local: unknown argument $argument (try --help)" >&2
            exit 64
            ;;
    esac
done
if [[ -f "$state/seeding" && $reset_demo -eq 0 ]]; then
    # A partly loaded city is never used: nothing but the unfinished seed has written to it.
    echo "scripts/run-local: the last demo seed did not finish (it failed or was interrupted); loading the demo city again from scratch." >&2
    reset_demo=1
fi
port="${LINLI_LOCAL_PG_PORT:-55432}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
services=(registry calendar notifications analytics concerns)
declare -A ports=([registry]=8081 [calendar]=8082 [notifications]=8083 [analytics]=8084 [concerns]=8085)
# The one origin people use (nginx in front of every service); links in messages point at it.
front="${LINLI_LOCAL_FRONT_PORT:-8080}"
public="http://127.0.0.1:$front"

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
    if [[ -f "$state/seeding" ]]; then
        echo "The demo city is only partly loaded (the seed did not finish); the next scripts/run-local loads it again." >&2
    fi
}
# A signal stops everything and ends the script (a trap alone would let it carry on after the seed).
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM

owner_url="host=127.0.0.1 port=$port dbname=linli user=linli"
psql_admin() { psql -h 127.0.0.1 -p "$port" -U linli -v ON_ERROR_STOP=1 -q "$@"; }
if [[ $reset_demo -eq 1 ]]; then
    step "dropping the local database for a fresh demo city"
    psql_admin -d postgres -c "DROP DATABASE IF EXISTS linli WITH (FORCE)"
    rm -f "$state/seeded" "$state/seeding" "$state/sms-gateway" "$state/received-messages.jsonl"
fi
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'linli'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE linli"
fi
step "creating one database role per service"
psql_admin -d linli -v owner=linli -v registry_password=local -v calendar_password=local -v notifications_password=local \
    -v analytics_password=local -v concerns_password=local -f deploy/sql/roles.sql >/dev/null

[[ -f "$state/data-key" ]] || head -c 32 /dev/urandom | base64 | tr -d '\n' > "$state/data-key"

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
        LINLI_HTTP_PORT="${ports[$service]}" LINLI_PUBLIC_URL="$public" LINLI_TRUSTED_PROXIES=127.0.0.1 \
        LINLI_REGISTRY_DATA_KEY=$(cat "$state/data-key") \
        "$binary" >>"$state/$service.log" 2>&1 &
    pids+=($!)
    started+=("$service")
done
for service in "${started[@]}"; do
    ready=0
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:${ports[$service]}/readyz" >/dev/null 2>&1; then ready=1; break; fi
        sleep 0.5
    done
    if [[ $ready -eq 0 ]]; then
        echo "scripts/run-local: $service was not ready on http://127.0.0.1:${ports[$service]} within 60 s; the end of .local/$service.log:" >&2
        tail -n 20 "$state/$service.log" >&2 || true
        exit 1
    fi
    echo "  $service ready on http://127.0.0.1:${ports[$service]}"
done

step "starting the front door (nginx) on $public"
front_door=()
for service in "${services[@]}"; do front_door+=("$service=127.0.0.1:${ports[$service]}"); done
start_front_door "$state/front-door" "127.0.0.1:$front" "${front_door[@]}"

if [[ ! -f "$state/seeded" ]]; then
    step "loading the demo city through the services' APIs"
    touch "$state/seeding"
    # The seed stops at its first failed request; the time limit is only a backstop.
    seed_status=0
    timeout --foreground --kill-after=10s 15m "$release/linli" seed --scale demo --database-url "$owner_url" || seed_status=$?
    if [[ $seed_status -ne 0 ]]; then
        if [[ $seed_status -eq 124 || $seed_status -eq 137 ]]; then
            echo "scripts/run-local: the demo seed did not finish within 15 minutes and was stopped." >&2
        else
            echo "scripts/run-local: the demo seed failed (exit status $seed_status); what failed is named above." >&2
        fi
        echo "The services' logs are in .local/: $(printf '%s.log ' "${started[@]}")" >&2
        exit 1
    fi
    rm -f "$state/seeding"
    touch "$state/seeded"
fi

token=$("$release/linli" token --role admin --subject local-admin --hours 12)
# Sign-in codes go out through the SMS gateway: here the stand-in, registered once.
if [[ ! -f "$state/sms-gateway" && " ${started[*]} " == *" notifications "* ]]; then
    curl -fsS -o /dev/null -X POST "http://127.0.0.1:${ports[notifications]}/v1/webhooks" \
        -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
        -d '{"name": "本地短信网关", "url": "http://127.0.0.1:8090/sms", "purpose": "sms", "secret": "local-sms-stand-in-secret-0123456789abcdef"}' &&
        touch "$state/sms-gateway" || echo "scripts/run-local: could not register the SMS stand-in; sign-in codes will not arrive" >&2
fi
echo
echo "Linli is running: open $public/ (logs in .local/*.log; messages sent to the robot and SMS stand-ins in .local/received-messages.jsonl)"
for service in "${started[@]}"; do
    echo "  $service: http://127.0.0.1:${ports[$service]}  (API /v1, OpenAPI /openapi.yaml; metrics on port $((ports[$service] + 1000)))"
done
echo "  front door: $public  (every page and API through one origin, nginx; its logs in .local/front-door/)"
[[ " ${started[*]} " == *" registry "* ]] && echo "  sign in: $public/auth/sign-in  (a demo resident's phone; the code arrives in .local/received-messages.jsonl)"
[[ " ${started[*]} " == *" analytics "* ]] && echo "  dashboard: $public/dashboard"
echo "  PostgreSQL: postgresql://linli@127.0.0.1:$port/linli"
echo
echo "Admin token (12 h): $token"
echo
echo "Press Ctrl-C to stop."
wait
