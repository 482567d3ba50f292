#!/usr/bin/env bash
# The IMDS simulator of a lab (needs LAB_DIR from lab/lab.sh), for shell use (the benchmark, by
# hand); the JUnit scenarios run the same simulator in-process. The simulator listens on the
# machine's loopback, one port per VM; lab/imds-relay.py listens inside each node's network
# namespace, on that node's lo, at 169.254.169.254:80 (the Python agents hard-code it) and at
# 127.0.0.1:8080 (our agents' imds_url), and relays to that node's VM.
#
#   lab/imds.sh start [--time-factor N] [--scope availability-set|standalone] [--vm K=NAME]...
#                     [--requests-per-second N]   (Azure's per-VM limit is about 5)
#   lab/imds.sh stop
#   lab/imds.sh vm K                       VM name of node K (default vmK)
#   lab/imds.sh admin METHOD PATH [JSON]   call the admin API
set -euo pipefail

readonly OUR_URL=http://127.0.0.1:8080/metadata   # inside every node: see lab/agent.sh
readonly START_TIMEOUT_S=60
readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly repo=$(cd "$here/.." && pwd)

die() { echo "imds: $*" >&2; exit 1; }
[ -n "${LAB_DIR:-}" ] && [ -f "$LAB_DIR/id" ] || die "no lab: set LAB_DIR (lab/lab.sh up)"
ID=$(cat "$LAB_DIR/id")
NODES=$(cat "$LAB_DIR/nodes")

port_base() { cat "$LAB_DIR/imds/port-base"; }

vm_name() {
    if [ -f "$LAB_DIR/imds/vm$1" ]; then cat "$LAB_DIR/imds/vm$1"; else echo "vm$1"; fi
}

admin() {
    local method=$1 path=$2 body=${3:-}
    local args=(-sS --max-time 10 -X "$method" -w '\n%{http_code}\n')
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
    curl "${args[@]}" "http://127.0.0.1:$(port_base)$path"
}

start() {
    local factor=10 scope=availability-set rps=5
    mkdir -p "$LAB_DIR/imds"
    while [ $# -gt 0 ]; do
        case "$1" in
            --time-factor) factor=$2; shift 2 ;;
            --scope) scope=$2; shift 2 ;;
            --requests-per-second) rps=$2; shift 2 ;;
            --vm) printf '%s' "${2#*=}" > "$LAB_DIR/imds/vm${2%%=*}"; shift 2 ;;
            *) die "start: unknown option '$1'" ;;
        esac
    done
    [ ! -f "$LAB_DIR/imds/pid" ] || die "already started (pid $(cat "$LAB_DIR/imds/pid"))"
    local jar="$repo/target/azevents.jar" k args=() relay=() base
    [ -f "$jar" ] || (cd "$repo" && mvn -q -o -B -DskipTests package) >&2
    # Ports: admin at base, VM K at base+K; a random base so that labs side by side never meet.
    base=$((20000 + RANDOM % 20000))
    echo "$base" > "$LAB_DIR/imds/port-base"
    for k in $(seq 1 "$NODES"); do
        args+=(--vm "$(vm_name "$k")=127.0.0.1:$((base + k))")
        relay+=("/run/netns/$ID-n$k,169.254.169.254,80,$((base + k))"
                "/run/netns/$ID-n$k,127.0.0.1,8080,$((base + k))")
    done
    setsid java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m \
        -jar "$jar" imds-sim "${args[@]}" --admin "127.0.0.1:$base" \
        --scope "$scope" --time-factor "$factor" --requests-per-second "$rps" \
        >>"$LAB_DIR/imds/sim.log" 2>&1 </dev/null &
    echo $! > "$LAB_DIR/imds/pid"
    setsid "$here/imds-relay.py" "${relay[@]}" >>"$LAB_DIR/imds/relay.log" 2>&1 </dev/null &
    echo $! > "$LAB_DIR/imds/relay.pid"
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until admin GET /admin/events >/dev/null 2>&1; do
        [ -d "/proc/$(cat "$LAB_DIR/imds/pid")" ] || die "simulator exited: $LAB_DIR/imds/sim.log"
        [ $SECONDS -lt $deadline ] || die "simulator not answering after ${START_TIMEOUT_S}s"
        sleep 0.3
    done
    echo "imds: simulator up (pid $(cat "$LAB_DIR/imds/pid"), time factor $factor)" >&2
}

stop() {
    stop_pid "$LAB_DIR/imds/relay.pid" imds-relay
    stop_pid "$LAB_DIR/imds/pid" java
}

# Ends the process whose PID we recorded in $1, if it still is what we started ($2 in its
# command line): a recycled PID is never killed.
stop_pid() {
    local f=$1 pid
    [ -f "$f" ] || return 0
    pid=$(cat "$f")
    if [ -d "/proc/$pid" ] && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null; then
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
    url) echo "$OUR_URL" ;;
    vm) vm_name "$1" ;;
    admin) admin "$@" ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$cmd" ] || exit 2 ;;
esac
