#!/usr/bin/env bash
# The lab: a real N-node Corosync + Pacemaker cluster on this machine, each node a set of network,
# mount, PID, UTS and IPC namespaces (see /work/shared/reference/lab-notes.md for the recipe).
#
#   lab/lab.sh run [-n N] -- CMD...   bring a lab up, run CMD with LAB_DIR set, always tear down
#   lab/lab.sh up [-n N] [--ocf-dir D] bring a lab up; prints LAB_DIR=... (export it for the rest);
#                                     D (our agents as installed) is resource.d/azevents in nodes
#   lab/lab.sh exec NODE CMD...       run CMD inside node NODE (1..N) with nsenter
#   lab/lab.sh crash NODE             kill the node's namespace init: every process dies at once
#   lab/lab.sh boot NODE              start a crashed node again (its CIB on "disk" is kept)
#   lab/lab.sh reboot NODE [DELAY]    crash, wait DELAY seconds (default 0), boot
#   lab/lab.sh wait-online NODE...    wait until Pacemaker sees these nodes online (default all)
#   lab/lab.sh status                 crm_mon -1 from the first live node
#   lab/lab.sh down                   tear everything down (idempotent; safe after failures)
#
# Everything it creates is named after a run id (azl + 6 hex digits): namespaces
# "<id>-net" (the switch) and "<id>-n<K>" (node K), and the state directory LAB_DIR
# (/var/tmp/azl/<id>; not under /run, which each node replaces with its own). Only processes
# whose PIDs it recorded are ever killed. Nothing is configured in the machine's own network
# namespace: the node addresses (10.77.0.K), the switch and
# 169.254.169.254 exist only inside the lab's namespaces.
set -euo pipefail

readonly LAB_ROOT=/var/tmp/azl
readonly SUBNET=10.77.0
readonly SWITCH_ADDR="$SUBNET.254"
readonly MAX_NODES=8
readonly QUORUM_TIMEOUT_S=120
readonly CRASH_TIMEOUT_S=20
readonly BOOT_SETTLE_S=3
readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "lab: $*" >&2; exit 1; }
log() { echo "lab: $(date -u +%H:%M:%S) $*" >&2; }

need_lab() {
    [ -n "${LAB_DIR:-}" ] && [ -f "$LAB_DIR/id" ] \
        || die "no lab: set LAB_DIR (printed by 'lab/lab.sh up') or use 'lab/lab.sh run'"
    ID=$(cat "$LAB_DIR/id")
    NODES=$(cat "$LAB_DIR/nodes")
}

node_ns() { echo "$ID-n$1"; }
node_dir() { echo "$LAB_DIR/node$1"; }
check_node() {
    [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$NODES" ] \
        || die "node '$1' is not one of 1..$NODES"
}

# The host PID of node K's namespace init, or nothing when the node is down. Derived each time
# from the unshare we started (its child running node-init.sh), never from a stored PID alone:
# unshare may fork a short-lived helper first, and a PID may be reused.
init_pid() {
    local f; f="$(node_dir "$1")/unshare.pid"
    [ -f "$f" ] || return 0
    local u c cmd; u=$(cat "$f")
    [ -r "/proc/$u/cmdline" ] && tr '\0' ' ' <"/proc/$u/cmdline" \
        | grep -q "^unshare .*node-init.sh $1 " || return 0
    for c in $(cat "/proc/$u/task/$u/children" 2>/dev/null || true); do
        cmd=$(tr '\0' ' ' <"/proc/$c/cmdline" 2>/dev/null || true)
        case "$cmd" in
            "bash "*node-init.sh" $1 "*) echo "$c"; return 0 ;;
        esac
    done
}

write_corosync_conf() {
    local k
    {
        echo "totem {"
        echo "  version: 2"
        echo "  cluster_name: $ID"
        echo "  transport: knet"
        echo "  crypto_cipher: none"
        echo "  crypto_hash: none"
        echo "  token: 3000"
        echo "}"
        echo "nodelist {"
        for k in $(seq 1 "$NODES"); do
            printf '  node {\n    ring0_addr: %s\n    name: node%s\n    nodeid: %s\n  }\n' \
                "$SUBNET.$k" "$k" "$k"
        done
        echo "}"
        printf 'quorum {\n  provider: corosync_votequorum\n}\n'
        echo "logging {"
        echo "  to_logfile: yes"
        echo "  logfile: /var/log/corosync/corosync.log"
        echo "  to_syslog: no"
        echo "  to_stderr: no"
        echo "  timestamp: on"
        echo "}"
    } > "$1"
}

# The node's private "disk" and "/run". Its CIB under var-lib-pacemaker survives reboots.
make_node_tree() {
    local d; d=$(node_dir "$1")
    mkdir -p "$d"/{etc-corosync,var-lib-corosync,log-corosync,log-pacemaker,run}
    mkdir -p "$d"/var-lib-pacemaker/{cib,pengine,blackbox,cores}
    chown -R hacluster:haclient "$d"/var-lib-pacemaker "$d"/log-pacemaker
    chmod 750 "$d"/var-lib-pacemaker/*
    write_corosync_conf "$d/etc-corosync/corosync.conf"
    write_first_cib "$d/var-lib-pacemaker/cib/cib.xml"
    chown hacluster:haclient "$d/var-lib-pacemaker/cib/cib.xml"
}

# The CIB every node starts with (no signature file: Pacemaker accepts an unsigned first CIB),
# so that the cluster is configured before its first election: no fencing (there is no fencing
# device here), a short dc-deadtime (the default 20 s wait for a DC is most of the start-up),
# and the Dummies.
write_first_cib() {
    cat > "$1" <<XML
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0"
     admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="opt-stonith-enabled" name="stonith-enabled" value="false"/>
        <nvpair id="opt-dc-deadtime" name="dc-deadtime" value="5s"/>
        <nvpair id="opt-recheck" name="cluster-recheck-interval" value="30s"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    $(sed '1!b' "$here/dummies.xml")
    <constraints/>
  </configuration>
  <status/>
</cib>
XML
}

make_network() {
    local net="$ID-net" k
    ip netns add "$net"
    ip -n "$net" link set lo up
    ip -n "$net" link add "${ID}br" type bridge
    ip -n "$net" addr add "$SWITCH_ADDR/24" dev "${ID}br"
    ip -n "$net" link set "${ID}br" up
    for k in $(seq 1 "$NODES"); do
        ip netns add "$(node_ns "$k")"
        ip -n "$net" link add "${ID}v$k" type veth peer name eth0 netns "$(node_ns "$k")"
        ip -n "$net" link set "${ID}v$k" master "${ID}br" up
        ip -n "$(node_ns "$k")" link set lo up
        ip -n "$(node_ns "$k")" addr add "$SUBNET.$k/24" dev eth0
        ip -n "$(node_ns "$k")" link set eth0 up
        # Azure's metadata address, for the Python agents, which hard-code it: on this node's lo
        # only, never in the machine's namespace. lab/imds.sh serves it.
        ip -n "$(node_ns "$k")" addr add 169.254.169.254/32 dev lo
    done
}

boot() {
    local k=$1 d pid upid i
    d=$(node_dir "$k")
    [ -z "$(init_pid "$k")" ] || die "node$k is already up"
    # setsid: the node outlives the command that booted it; it ends only by crash/down.
    setsid ip netns exec "$(node_ns "$k")" unshare --mount --pid --uts --ipc --fork \
        --mount-proc --propagation private \
        bash "$here/node-init.sh" "$k" "$d" "$LAB_DIR" >>"$d/init.log" 2>&1 </dev/null &
    upid=$!
    echo "$upid" > "$d/unshare.pid"
    for i in $(seq 1 100); do
        pid=$(init_pid "$k")
        [ -n "$pid" ] && break
        sleep 0.05
    done
    [ -n "$pid" ] || die "node$k did not start (see $d/init.log)"
    echo "$pid" > "$d/init.pid"
    log "node$k booted (init pid $pid)"
}

crash() {
    local k=$1 pid upid i
    pid=$(init_pid "$k")
    [ -n "$pid" ] || { log "node$k is already down"; return 0; }
    upid=$(cat "$(node_dir "$k")/unshare.pid")
    kill -9 "$pid"
    for i in $(seq 1 $((CRASH_TIMEOUT_S * 10))); do
        [ -d "/proc/$upid" ] || break
        sleep 0.1
    done
    [ ! -d "/proc/$upid" ] || die "node$k: unshare $upid still alive after its init was killed"
    rm -f "$(node_dir "$k")/init.pid"
    log "node$k crashed (init pid $pid killed)"
}

node_exec() {
    local k=$1; shift
    check_node "$k"
    local pid; pid=$(init_pid "$k")
    [ -n "$pid" ] || die "node$k is down"
    # -w/-r: the node's own root and cwd, so paths resolve as inside the node.
    nsenter -t "$pid" -n -m -p -u -i -r -w -- "$@"
}

first_live_node() {
    local k
    for k in $(seq 1 "$NODES"); do
        [ -n "$(init_pid "$k")" ] && { echo "$k"; return 0; }
    done
    die "no node is up"
}

# A node whose init died while booting (seen once under heavy load) is booted again, once,
# after its log is shown: a lab that comes up is worth more than a lab that fails at start.
revive_dead_nodes() {
    local k
    sleep "$BOOT_SETTLE_S"
    for k in $(seq 1 "$NODES"); do
        if [ -z "$(init_pid "$k")" ]; then
            log "node$k died while booting; its log:"
            tail -n 20 "$(node_dir "$k")/init.log" >&2 || true
            tail -n 20 "$(node_dir "$k")/log-corosync/corosync.log" >&2 2>/dev/null || true
            boot "$k"
        fi
    done
}

# Waits until node $1 sees quorum and every node in the rest of the arguments online.
wait_online() {
    local from=$1; shift
    local deadline=$((SECONDS + QUORUM_TIMEOUT_S)) xml n ok
    while [ $SECONDS -lt $deadline ]; do
        ok=true
        xml=$(node_exec "$from" crm_mon -1 --output-as=xml 2>/dev/null) || ok=false
        if $ok; then
            grep -q 'with_quorum="true"' <<<"$xml" || ok=false
            for n in "$@"; do
                grep -q "<node name=\"node$n\" [^>]*online=\"true\"" <<<"$xml" || ok=false
            done
        fi
        $ok && return 0
        sleep 1
    done
    die "node$from: no quorum with nodes $* online after ${QUORUM_TIMEOUT_S}s"
}

cmd_up() {
    local n=3 ocf_dir=
    while [ $# -gt 0 ]; do
        case "$1" in
            -n) n=$2; shift 2 ;;
            --ocf-dir) ocf_dir=$(cd "$2" && pwd); shift 2 ;;
            *) die "up: unknown option '$1'" ;;
        esac
    done
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le $MAX_NODES ] \
        || die "-n must be 1..$MAX_NODES"
    ID="azl$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
    NODES=$n
    LAB_DIR="$LAB_ROOT/$ID"
    mkdir -p "$LAB_DIR"
    echo "$ID" > "$LAB_DIR/id"
    echo "$n" > "$LAB_DIR/nodes"
    [ -z "$ocf_dir" ] || echo "$ocf_dir" > "$LAB_DIR/ocf-dir"
    export LAB_DIR
    # First on stdout, so that a caller can tear down even an 'up' that fails later.
    echo "LAB_DIR=$LAB_DIR"
    log "lab $ID: $n nodes, state in $LAB_DIR"
    make_network
    local k
    for k in $(seq 1 "$n"); do make_node_tree "$k"; done
    for k in $(seq 1 "$n"); do boot "$k"; done
    revive_dead_nodes
    wait_online 1 $(seq 1 "$n")
    log "lab $ID: quorate, ${n} nodes online"
}

cmd_down() {
    [ -n "${LAB_DIR:-}" ] && [ -f "$LAB_DIR/id" ] || { log "down: no lab"; return 0; }
    need_lab
    local k ns
    [ -x "$here/imds.sh" ] && "$here/imds.sh" stop || true
    # All nodes at once (each crash waits for its node's processes to be gone).
    for k in $(seq 1 "$NODES"); do crash "$k" & done
    wait
    for ns in "$ID-net" $(for k in $(seq 1 "$NODES"); do node_ns "$k"; done); do
        [ -e "/run/netns/$ns" ] && ip netns del "$ns"
    done
    rm -rf "$LAB_DIR"
    log "lab $ID: down"
}

cmd_run() {
    local up_args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do up_args+=("$1"); shift; done
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || die "run: missing command after --"
    # The trap owns teardown: a failed or interrupted run leaves nothing behind.
    trap 'cmd_down' EXIT
    trap 'exit 130' INT TERM
    cmd_up "${up_args[@]}" >&2
    "$@"
}

main() {
    [ "$(id -u)" = 0 ] || die "needs root (namespaces, mounts)"
    local cmd=${1:-}; shift || true
    case "$cmd" in
        run) cmd_run "$@" ;;
        up)
            # A failed `up` leaves nothing behind either.
            trap 'cmd_down' EXIT
            cmd_up "$@"
            trap - EXIT ;;
        down) cmd_down ;;
        exec) need_lab; node_exec "$@" ;;
        crash) need_lab; check_node "$1"; crash "$1" ;;
        boot) need_lab; check_node "$1"; boot "$1" ;;
        reboot) need_lab; check_node "$1"; crash "$1"; sleep "${2:-0}"; boot "$1" ;;
        wait-online)
            need_lab
            if [ $# -eq 0 ]; then set -- $(seq 1 "$NODES"); fi
            local k
            # Every live node must agree: right after a reboot the survivors may not have
            # noticed the crash yet, and the rebooted node must have rejoined by its own view.
            for k in $(seq 1 "$NODES"); do
                [ -z "$(init_pid "$k")" ] || wait_online "$k" "$@"
            done ;;
        status) need_lab; node_exec "$(first_live_node)" crm_mon -1 ;;
        -h|--help|help|"") sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' ;;
        *) die "unknown command '$cmd' (try --help)" ;;
    esac
}

main "$@"
