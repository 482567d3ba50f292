#!/usr/bin/env bash
# Start-up cost of one idle monitor pass of the azevents OCF agent, JVM option by option.
# Runs offline: a copy of a 2-node CIB file (CIB_file) and the IMDS simulator on loopback.
#   bench/ocf-startup.sh [runs]      (default 20; needs hyperfine, Pacemaker's CLI tools)
# Prints hyperfine's table (mean wall, user and system CPU) for:
#   installed  the installed wrapper: every option below plus the CDS archive
#   no-cds     the same wrapper and options without the archive
#   plain      java -cp jar, JDK defaults
#   plain+X    JDK defaults plus one option
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-20}
command -v hyperfine >/dev/null || {
    echo "bench: hyperfine missing (apt-get install hyperfine)" >&2
    exit 2
}
work=$(mktemp -d /tmp/azevents-bench.XXXXXX)
sim_pid=
cleanup() {
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$here/bin/azevents" --version >/dev/null
jar=$here/target/azevents.jar
java -jar "$jar" install --prefix "$work/root" >/dev/null
lib=$work/root/usr/lib/azevents
mkdir -p "$work/nocds" && cp "$lib/azevents.jar" "$work/nocds/"

java -jar "$jar" imds-sim --vm vm1 --requests-per-second 0 >"$work/sim.out" 2>/dev/null &
sim_pid=$!
for _ in $(seq 50); do grep -q '^vm vm1' "$work/sim.out" 2>/dev/null && break; sleep 0.2; done
url=$(awk '$1 == "vm" && $2 == "vm1" {print $3}' "$work/sim.out")

unzip -p "$jar" dev/azevents/cli/training-cib.xml >"$work/cib.xml"
export CIB_file=$work/cib.xml HA_RSCTMP=$work/rsctmp OCF_RESOURCE_INSTANCE=bench
export OCF_RESKEY_CRM_meta_on_node=node1 OCF_RESKEY_CRM_meta_interval=10000
export OCF_RESKEY_imds_url=$url
agent=$work/root/usr/lib/ocf/resource.d/azevents/azure-events
"$agent" start 2>/dev/null
"$agent" monitor 2>/dev/null   # the first pass records the identity; measured ones are idle
before=$(cibadmin --query | grep -o 'epoch="[0-9]*" num_updates="[0-9]*"' | head -1)

main="dev.azevents.ocf.AgentMain azure-events monitor"
plain="java -cp $lib/azevents.jar"
hyperfine -N --warmup 2 --runs "$runs" --style basic --export-json "$work/runs.json" \
    -n installed "$agent monitor" \
    -n no-cds "env AZEVENTS_LIB=$work/nocds $agent monitor" \
    -n plain "$plain $main" \
    -n plain+cds "$plain -XX:SharedArchiveFile=$lib/azevents.jsa $main" \
    -n plain+C1 "$plain -XX:TieredStopAtLevel=1 $main" \
    -n plain+C1+thresholdx10 \
    "$plain -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 $main" \
    -n plain+SerialGC "$plain -XX:+UseSerialGC $main" \
    -n plain+noPerfData "$plain -XX:-UsePerfData $main" \
    -n plain+vfork "$plain -Djdk.lang.Process.launchMechanism=VFORK $main" \
    >/dev/null
after=$(cibadmin --query | grep -o 'epoch="[0-9]*" num_updates="[0-9]*"' | head -1)
python3 - "$work/runs.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]
print("| variant | median wall ms | mean wall ms | user ms | sys ms | CPU vs installed |")
print("|---|---:|---:|---:|---:|---:|")
for r in results:
    cpu = r["user"] + r["system"]
    print("| %s | %.0f | %.0f | %.0f | %.0f | %.2f |" % (r["command"], r["median"] * 1000,
          r["mean"] * 1000, r["user"] * 1000, r["system"] * 1000,
          cpu / (base["user"] + base["system"])))
PY
echo
echo "CIB before the idle passes above: $before; after them: $after"
echo "processes per idle pass (strace -f, successful execve):"
strace -f -qq -e trace=execve -o "$work/exec.txt" "$agent" monitor
# Only execve calls that returned 0 (the JDK tries every PATH directory in turn).
awk -f "$here/bench/execs.awk" "$work/exec.txt" | sort | uniq -c
