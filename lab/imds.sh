#!/usr/bin/env bash
# The IMDS simulator of a lab (needs LAB_DIR from lab/lab.sh): one simulator process in the lab's
# switch namespace, one VM listener per node on the switch (10.77.0.254:8000+K), the admin API on
# the switch namespace's loopback. Node K reaches its VM as imds_url=$(lab/imds.sh url K), and
# the Python agents reach it at 169.254.169.254:80 inside node K (lab/imds-forward.py).
#
#   lab/imds.sh start [--time-factor N] [--scope availability-set|standalone] [--vm K=NAME]...
#   lab/imds.sh stop
#   lab/imds.sh url K                      metadata URL of node K's VM
#   lab/imds.sh vm K                       VM name of node K (default vmK)
#   lab/imds.sh admin METHOD PATH [JSON]   call the admin API (curl inside the switch namespace)
set -euo pipefail

readonly SWITCH_ADDR=10.77.0.254
readonly IMDS_PORT_BASE=8000   # shared with node-init.sh
readonly ADMIN_PORT=7999
readonly START_TIMEOUT_S=60
readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly repo=$(cd "$here/.." && pwd)

die() { echo "imds: $*" >&2; exit 1; }
[ -n "${LAB_DIR:-}" ] && [ -f "$LAB_DIR/id" ] || die "no lab: set LAB_DIR (lab/lab.sh up)"
ID=$(cat "$LAB_DIR/id")
NODES=$(cat "$LAB_DIR/nodes")
NET="$ID-net"

vm_name() {
    if [ -f "$LAB_DIR/imds/vm$1" ]; then cat "$LAB_DIR/imds/vm$1"; else echo "vm$1"; fi
}

admin() {
    local method=$1 path=$2 body=${3:-}
    local args=(-sS --max-time 10 -X "$method" -w '\n%{http_code}\n')
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
    ip netns exec "$NET" curl "${args[@]}" "http://127.0.0.1:$ADMIN_PORT$path"
}

start() {
    local factor=10 scope=availability-set
    mkdir -p "$LAB_DIR/imds"
    while [ $# -gt 0 ]; do
        case "$1" in
            --time-factor) factor=$2; shift 2 ;;
            --scope) scope=$2; shift 2 ;;
            --vm) printf '%s' "${2#*=}" > "$LAB_DIR/imds/vm${2%%=*}"; shift 2 ;;
            *) die "start: unknown option '$1'" ;;
        esac
    done
    [ ! -f "$LAB_DIR/imds/pid" ] || die "already started (pid $(cat "$LAB_DIR/imds/pid"))"
    local jar="$repo/target/azevents.jar" k args=()
    [ -f "$jar" ] || (cd "$repo" && mvn -q -o -B -DskipTests package) >&2
    for k in $(seq 1 "$NODES"); do
        args+=(--vm "$(vm_name "$k")=$SWITCH_ADDR:$((IMDS_PORT_BASE + k))")
    done
    setsid ip netns exec "$NET" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m \
        -jar "$jar" imds-sim "${args[@]}" --admin "127.0.0.1:$ADMIN_PORT" \
        --scope "$scope" --time-factor "$factor" \
        >>"$LAB_DIR/imds/sim.log" 2>&1 </dev/null &
    echo $! > "$LAB_DIR/imds/pid"
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until admin GET /admin/events >/dev/null 2>&1; do
        [ -d "/proc/$(cat "$LAB_DIR/imds/pid")" ] || die "simulator exited: $LAB_DIR/imds/sim.log"
        [ $SECONDS -lt $deadline ] || die "simulator not answering after ${START_TIMEOUT_S}s"
        sleep 0.3
    done
    echo "imds: simulator up (pid $(cat "$LAB_DIR/imds/pid"), time factor $factor)" >&2
}

stop() {
    local f="$LAB_DIR/imds/pid" pid
    [ -f "$f" ] || return 0
    pid=$(cat "$f")
    # The PID we started is `ip netns exec`, which exec'd java: still the same process.
    if [ -d "/proc/$pid" ] && grep -q java "/proc/$pid/cmdline" 2>/dev/null; then
        kill "$pid"
        local i
        for i in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
        [ ! -d "/proc/$pid" ] || kill -9 "$pid"
    fi
    rm -f "$f"
}

cmd=${1:-}; shift || true
case "$cmd" in
    start) start "$@" ;;
    stop) stop ;;
    url) echo "http://$SWITCH_ADDR:$((IMDS_PORT_BASE + $1))/metadata" ;;
    vm) vm_name "$1" ;;
    admin) admin "$@" ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$cmd" ] || exit 2 ;;
esac
