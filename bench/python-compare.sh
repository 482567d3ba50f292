#!/usr/bin/env bash
# An idle monitor of our two agents and of the Python agents (Debian's resource-agents), same
# machine, same run, offline: each agent on its own copy of a 2-node CIB file (CIB_file), IMDS
# simulated at 169.254.169.254:80 inside a network namespace this script creates (the Python
# agents hard-code that address; it never exists in the machine's own namespace), hostname node1
# in a private UTS namespace (the Python agents use gethostname()).
#   bench/python-compare.sh [runs]      (root; hyperfine, strace, Pacemaker's CLI tools)
# Prints per agent: median wall, CPU (user+sys), processes started per pass (strace), CIB
# changes per pass (epoch/num_updates before and after), and the ratios to the Python agents.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-20}
[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespace)" >&2; exit 2; }
work=$(mktemp -d /tmp/azevents-pycmp.XXXXXX)
ns=azocf-bench-$$
sim_pid=
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$here/bin/azevents" --version >/dev/null
cp "$here/target/azevents.jar" "$work/sim.jar"      # the simulator keeps its own copy
java -jar "$here/target/azevents.jar" install --prefix "$work/root" >/dev/null

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 169.254.169.254/32 dev lo
ip netns exec "$ns" java -jar "$work/sim.jar" imds-sim --vm vm1=169.254.169.254:80 \
    --requests-per-second 0 >"$work/sim.out" 2>/dev/null &
sim_pid=$!
for _ in $(seq 50); do grep -q '^vm vm1' "$work/sim.out" 2>/dev/null && break; sleep 0.2; done

unzip -p "$here/target/azevents.jar" dev/azevents/cli/training-cib.xml >"$work/cib.xml"
ours=$work/root/usr/lib/ocf/resource.d/azevents
theirs=/usr/lib/ocf/resource.d/heartbeat
agents=("$ours/azure-events" "$ours/azure-events-az" "$theirs/azure-events"
    "$theirs/azure-events-az")
names=(ours:azure-events ours:azure-events-az python:azure-events python:azure-events-az)

# Runs "$@" in the namespace as node1, with agent i's CIB file and state directory.
in_node() {
    local i=$1
    shift
    ip netns exec "$ns" unshare --uts sh -c 'hostname node1; exec "$@"' sh \
        env CIB_file="$work/cib$i.xml" HA_RSCTMP="$work/rsc$i" OCF_ROOT=/usr/lib/ocf \
        OCF_RESOURCE_INSTANCE=bench OCF_RESKEY_CRM_meta_on_node=node1 \
        OCF_RESKEY_CRM_meta_interval=10000 "$@"
}
# "epoch num_updates" of agent i's CIB file.
version() {
    CIB_file="$work/cib$1.xml" cibadmin --query | grep -o 'epoch="[0-9]*" num_updates="[0-9]*"' \
        | head -1 | tr -dc '0-9 '
}

hf=(hyperfine -N -i --warmup 2 --runs "$runs" --style none --export-json "$work/runs.json")
for i in 0 1 2 3; do
    cp "$work/cib.xml" "$work/cib$i.xml"
    # The health strategy's documented setup (our start checks it), harmless for standby.
    CIB_file="$work/cib$i.xml" crm_attribute --type crm_config --name node-health-strategy \
        --update custom
    CIB_file="$work/cib$i.xml" cibadmin --create --scope constraints --xml-text \
        '<rsc_location id="loc_azure_health" rsc-pattern="!health-.*"><rule id="loc_azure_health-r"
 score-attribute="#health-azure"><expression id="loc_azure_health-e" attribute="#uname"
 operation="defined"/></rule></rsc_location>'
    mkdir -p "$work/rsc$i"
    in_node "$i" "${agents[$i]}" start >/dev/null 2>&1 || true
    in_node "$i" "${agents[$i]}" monitor >/dev/null 2>&1 || true   # records identities
    before=$(version "$i")
    rc=0
    in_node "$i" strace -f -qq -e trace=execve -o "$work/exec$i.txt" "${agents[$i]}" monitor \
        >/dev/null 2>"$work/stderr$i" || rc=$?
    echo "$rc" >"$work/rc$i"
    after=$(version "$i")
    echo "$before $after" | awk '{d = $3 - $1; print d ? d " (epoch)" : $4 - $2}' \
        >"$work/cibchanges$i"
    awk -f "$here/bench/execs.awk" "$work/exec$i.txt" >"$work/paths$i"
    wc -l <"$work/paths$i" >"$work/procs$i"
    grep -cE '/(cibadmin|crm_[a-z_]+)$' "$work/paths$i" >"$work/tools$i" || true
    hf+=(-n "${names[$i]}" "ip netns exec $ns unshare --uts sh -c 'hostname node1; exec env \
CIB_file=$work/cib$i.xml HA_RSCTMP=$work/rsc$i OCF_ROOT=/usr/lib/ocf OCF_RESOURCE_INSTANCE=bench \
OCF_RESKEY_CRM_meta_on_node=node1 OCF_RESKEY_CRM_meta_interval=10000 ${agents[$i]} monitor'")
done
"${hf[@]}" >/dev/null 2>&1
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
rs = json.load(open(work + "/runs.json"))["results"]
def f(name, i):
    return open("%s/%s%d" % (work, name, i)).read().strip()
cpu = [r["user"] + r["system"] for r in rs]
wall = [r["median"] for r in rs]
print("| agent | exit | median wall ms | CPU ms | wall vs python | CPU vs python | processes"
      " | Pacemaker tools | CIB changes |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for i, r in enumerate(rs):
    ref = i + 2 if i < 2 else i
    print("| %s | %s | %.0f | %.0f | %.2f | %.2f | %s | %s | %s |" % (r["command"], f("rc", i),
          wall[i] * 1000,
          cpu[i] * 1000, wall[i] / wall[ref], cpu[i] / cpu[ref], f("procs", i), f("tools", i),
          f("cibchanges", i)))
PY
for i in 0 1 2 3; do
    if [ "$(cat "$work/rc$i")" != 0 ]; then
        echo "${names[$i]} exited $(cat "$work/rc$i"): $(tail -2 "$work/stderr$i" | tr '\n' ' ')"
    fi
done
echo "(processes: successful execve in one idle pass, the namespace entry excluded;"
echo " wall includes 'ip netns exec' and 'unshare' for every agent alike)"
