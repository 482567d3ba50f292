#!/usr/bin/env bash
# The cost of an idle monitor pass (no events) of our two agents and of Debian's two Python
# agents, in the same run, on the same node of a live 3-node cluster (issues 5 and 13, DESIGN.md
# §6): wall and CPU (median of RUNS), peak RSS, processes started per pass (Pacemaker tools
# apart), CIB changes per pass, the ratios to the Python agent of the same strategy, and CIB
# changes per minute of the whole cluster with each agent cloned and idle (monitor every 10 s).
# Our agents are measured twice: the common idle pass (the shortcut: the cluster was read less
# than a minute ago and the document is the same empty one) and the full pass (wall, CPU mean).
#
#   bench/idle-pass.sh [--runs N] [--window SECONDS] [--agents A,B,...]
#                      [--extra PROVIDER=FILE]...
#
# --agents: measure only these (provider:type); default our two and Debian's two.
# --extra: also measure an agent file given here, e.g. a copy of ClusterLabs' current upstream
#   heartbeat/azure-events-az.in with @PYTHON@ replaced (never committed):
#   --extra upstream=/tmp/upstream/azure-events-az. Its type is the file's name (azure-events or
#   azure-events-az); it is installed as /usr/lib/ocf/resource.d/PROVIDER/TYPE for the run only
#   (the lab's nodes share /usr with the machine) and configured as the heartbeat one.
#
# Without LAB_DIR it builds, installs our agents with `bin/azevents install --prefix
# target/bench-install`, brings up a lab (lab/lab.sh run), measures and tears the lab down.
# With LAB_DIR (a lab started with --ocf-dir) it measures on that lab. Results: target/bench/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=20 window=60
readonly WARMUP=2
readonly NODE=1
AGENTS=(azevents:azure-events azevents:azure-events-az
        heartbeat:azure-events heartbeat:azure-events-az)
EXTRAS=()
readonly START_TIMEOUT_S=120
readonly OUR_IMDS_URL=http://127.0.0.1:8080/metadata   # each node's lo: lab/imds-relay.py

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --window) window=$2; shift 2 ;;
        --agents) IFS=, read -r -a AGENTS <<< "$2"; shift 2 ;;
        --extra) EXTRAS+=("$2"); shift 2 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "idle-pass: unknown option '$1'" >&2; exit 2 ;;
    esac
done

die() { echo "idle-pass: $*" >&2; exit 2; }

# Extra agent files: installed on the machine before the lab starts (each node builds its private
# /usr/lib/ocf/resource.d from the machine's at boot), removed on exit (only what we created).
installed=()
cleanup_extras() {
    local f
    for f in ${installed[@]+"${installed[@]}"}; do
        rm -f "$f"
        rmdir "$(dirname "$f")" 2>/dev/null || true
    done
}
install_extras() {
    local e provider file type target
    for e in ${EXTRAS[@]+"${EXTRAS[@]}"}; do
        provider=${e%%=*} file=${e#*=} type=$(basename "${e#*=}")
        case "$provider" in
            azevents|heartbeat|pacemaker) die "provider '$provider' is taken" ;;
        esac
        case "$type" in
            azure-events|azure-events-az) ;;
            *) die "'$file' must be named azure-events or azure-events-az" ;;
        esac
        target=/usr/lib/ocf/resource.d/$provider/$type
        [ ! -e "$target" ] || die "$target exists; not overwriting it"
        install -D -m 0755 "$file" "$target"
        installed+=("$target")
        AGENTS+=("$provider:$type")
    done
}

if [ -z "${LAB_DIR:-}" ]; then
    # bin/azevents builds the jar first when it is missing or older than the sources.
    prefix="$repo/target/bench-install"
    "$repo/bin/azevents" install --prefix "$prefix" >&2
    trap cleanup_extras EXIT
    install_extras
    "$repo/lab/lab.sh" run --ocf-dir "$prefix/usr/lib/ocf/resource.d/azevents" -- \
        "$0" --runs "$runs" --window "$window" --agents "$(IFS=,; echo "${AGENTS[*]}")"
    exit
fi
[ ${#EXTRAS[@]} -eq 0 ] || die "--extra needs a lab of its own (run without LAB_DIR)"

lab() { "$repo/lab/lab.sh" "$@"; }
log() { echo "idle-pass: $(date -u +%T) $*" >&2; }
out="$repo/target/bench"
mkdir -p "$out"
rm -f "$out/notes.txt"

version() {
    lab exec "$NODE" cibadmin --query | sed -n 1p \
        | grep -o '<cib [^>]*>' | grep -oE ' (epoch|num_updates)="[0-9]+"' | tr -d ' "' \
        | sort | tr '\n' ' '
}

clone_of() { case "$1" in *-az) echo health-azure-events-cln ;; *) echo cln_azure-events ;; esac; }
rsc_of() { case "$1" in *-az) echo health-azure-events ;; *) echo rsc_azure-events ;; esac; }

wait_running() {
    local rsc=$1 deadline=$((SECONDS + START_TIMEOUT_S)) n
    while [ $SECONDS -lt $deadline ]; do
        n=$(lab exec "$NODE" crm_resource --locate --resource "$rsc" 2>/dev/null \
            | grep -c "is running on" || true)
        [ "$n" -ge "$(cat "$LAB_DIR/nodes")" ] && return 0
        sleep 1
    done
    echo "idle-pass: $rsc not running on every node after ${START_TIMEOUT_S}s" >&2
    lab status >&2
    return 1
}

agent_env() {
    local agent=$1
    echo "env OCF_ROOT=/usr/lib/ocf OCF_RESOURCE_INSTANCE=$(rsc_of "$agent")" \
        "OCF_RESKEY_CRM_meta_interval=10000 OCF_RESKEY_CRM_meta_on_node=node$NODE" \
        "HA_RSCTMP=/run/resource-agents" \
        "$([ "${agent%%:*}" = azevents ] && echo "OCF_RESKEY_imds_url=$OUR_IMDS_URL")" \
        "/usr/lib/ocf/resource.d/${agent%%:*}/${agent#*:} monitor"
}

measure() {
    local agent=$1 name=${1/:/-} clone rsc cmd v0 v1
    clone=$(clone_of "$agent") rsc=$(rsc_of "$agent")
    log "$agent: configuring the clone"
    "$repo/lab/agent.sh" configure "$agent" --interval 10s
    wait_running "$rsc"
    sleep 12   # the first monitors after start
    log "$agent: CIB changes of the whole idle cluster over ${window}s"
    v0=$(version); sleep "$window"; v1=$(version)
    printf '{"before": "%s", "after": "%s", "seconds": %s}\n' "$v0" "$v1" "$window" \
        > "$out/$name.minute.json"
    # Only our own passes from here: Pacemaker stops monitoring a resource in maintenance.
    lab exec "$NODE" crm_resource --resource "$clone" --meta --set-parameter maintenance \
        --parameter-value true >/dev/null
    sleep 3
    # A pass of the originals' azure-events that Pacemaker cancelled when the clone went into
    # maintenance can leave its pull lock PULLING forever (DESIGN.md §3): every later pass then
    # waits 2 x 1 s and gives up without pulling. Measure the idle pass, not that wedge.
    local pull="${agent#*:}_globalPullState" state
    state=$(lab exec "$NODE" crm_attribute --type crm_config --name "$pull" --query --quiet \
        2>/dev/null || true)
    if [ "$state" = PULLING ]; then
        log "$agent: $pull left PULLING; set back to IDLE before measuring"
        echo "$agent: $pull was left PULLING (reset to IDLE before measuring)" >> "$out/notes.txt"
        lab exec "$NODE" crm_attribute --type crm_config --name "$pull" --update IDLE
    fi
    cmd=$(agent_env "$agent")
    log "$agent: hyperfine, $runs runs"
    # shellcheck disable=SC2086
    lab exec "$NODE" hyperfine -N --warmup "$WARMUP" --runs "$runs" --style basic \
        --export-json "$out/$name.hyperfine.json" "$cmd" >&2
    if [ "${agent%%:*}" = azevents ]; then
        # Our agents skip the cluster for a minute after a full idle pass (IdleMemory): the
        # runs above are such shortcut passes. The full pass (once a minute, and whenever the
        # document changes) is measured too, its memory dropped from the state file before
        # each run (not timed).
        log "$agent: hyperfine, $runs full passes"
        # shellcheck disable=SC2086
        lab exec "$NODE" hyperfine -N --warmup "$WARMUP" --runs "$runs" --style basic \
            --prepare "sed -i /^idle/d /run/resource-agents/azevents-$rsc.state" \
            --export-json "$out/$name.full.hyperfine.json" "$cmd" >&2
    fi
    log "$agent: CPU, processes, CIB changes per pass"
    # shellcheck disable=SC2086
    lab exec "$NODE" "$here/pass-cost.py" "$runs" "$WARMUP" "$out/$name.cost.json" -- $cmd \
        >/dev/null
    "$repo/lab/agent.sh" remove "$agent"
    sleep 5
}

{
    echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
    echo "java: $(lab exec "$NODE" java -version 2>&1 | head -1)"
    echo "python: $(lab exec "$NODE" python3 --version 2>&1)"
    echo "pacemaker: $(lab exec "$NODE" pacemakerd --version 2>&1 | head -1)"
} | tee "$out/environment.txt" >&2

# Passes run back to back here, far faster than any monitor interval: without a higher limit
# the simulator answers 429 as Azure would (about 5 requests per second per VM), and every agent
# would be measured waiting for its retries.
"$repo/lab/imds.sh" start --requests-per-second 1000
for a in "${AGENTS[@]}"; do measure "$a"; done
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
    >> "$out/environment.txt"
{ cat "$out/environment.txt"; echo
  python3 "$here/idle-pass-table.py" "$out" "${AGENTS[@]}"; } | tee "$out/idle-pass.md"
[ ! -f "$out/notes.txt" ] || cat "$out/notes.txt"
