# Linli's front door on this machine: nginx from Debian with deploy/nginx/linli.conf.template, run as
# the current user in a work directory. Sourced by scripts/run-local and the browser tests.
#
#   start_front_door WORKDIR LISTEN registry=HOST:PORT calendar=… notifications=… analytics=… concerns=…
# starts it in the background (its pid appended to the caller's `pids` array) and waits until it answers.
start_front_door() {
    local work=$1 listen=$2
    shift 2
    local nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    mkdir -p "$work"
    # Started as root, nginx's workers run as nobody: they write their temporary files here.
    [[ $(id -u) -ne 0 ]] || chmod 0777 "$work"
    local conf="$work/nginx.conf"
    local script="s|@WORK@|$work|g; s|@LISTEN@|$listen|g"
    local pair
    for pair in "$@"; do
        local name=${pair%%=*} address=${pair#*=}
        script+="; s|@${name^^}@|$address|g"
    done
    sed -e "$script" "$(dirname "${BASH_SOURCE[0]}")/../../deploy/nginx/linli.conf.template" >"$conf"
    if grep -q '@[A-Z]*@' "$conf"; then
        echo "front door: no address for $(grep -o '@[A-Z]*@' "$conf" | sort -u | tr '\n' ' ')" >&2
        return 1
    fi
    "$nginx" -p "$work" -c "$conf" -e "$work/nginx-error.log" &
    pids+=($!)
    local _
    for _ in $(seq 1 50); do
        curl -sS -o /dev/null "http://$listen/healthz" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "front door: nginx did not answer on $listen; its log:" >&2
    cat "$work/nginx-error.log" >&2 || true
    return 1
}
