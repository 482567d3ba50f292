#!/usr/bin/env bash
# Start-up cost of an idle monitor pass of the azevents OCF agent: the installed wrapper against
# the archive and JVM-option variants measured for issue 13, one hyperfine run.
# Runs offline: a copy of a 2-node CIB file (CIB_file) and the IMDS simulator on loopback.
#   bench/ocf-startup.sh [runs] [agent]   (default 30, azure-events; needs hyperfine, Pacemaker's
#                                          CLI tools; builds nothing: run mvn package first)
# Each variant is the installed wrapper with one thing changed (sed on its jvm() options):
#   installed      static AppCDS archive of the training passes, G1, mapped where it was dumped
#   relocated      the same archive relocated at every start (JDK 17.0.15's default)
#   static+serial  a static archive dumped and run with SerialGC (no archived heap on JDK 17)
#   dynamic+serial the wrapper before: -XX:ArchiveClassesAtExit of one pass, SerialGC
#   xint           the interpreter only (-Xint) instead of C1 with 10x thresholds
#   no-cds         the installed options without any archive of ours (the JDK's own only)
#   plain          java -cp jar, JDK defaults
# then the full pass (the cluster read: the idle memory taken out of the state file before each
# run) of installed and dynamic+serial, the median peak RSS of 5 shortcut passes per variant,
# and the processes of one pass.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-30}
agent_name=${2:-azure-events}
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

jar=$here/target/azevents.jar
java -jar "$jar" install --prefix "$work/root" >/dev/null
lib=$work/root/usr/lib/azevents
agent=$work/root/usr/lib/ocf/resource.d/azevents/$agent_name

java -jar "$jar" imds-sim --vm vm1 --requests-per-second 0 >"$work/sim.out" 2>/dev/null &
sim_pid=$!
for _ in $(seq 50); do grep -q '^vm vm1' "$work/sim.out" 2>/dev/null && break; sleep 0.2; done
url=$(awk '$1 == "vm" && $2 == "vm1" {print $3}' "$work/sim.out")

# The CIB install trains on: set up for both strategies, one clone of each agent.
unzip -p "$jar" dev/azevents/cli/cds-training-cib.xml >"$work/cib.xml"
case $agent_name in
    azure-events) instance=azure-events-standby ;;
    *) instance=health-azure-events-az ;;
esac
export CIB_file=$work/cib.xml HA_RSCTMP=$work/rsctmp OCF_RESOURCE_INSTANCE=$instance
export OCF_RESKEY_CRM_meta_on_node=node1 OCF_RESKEY_CRM_meta_interval=10000
export OCF_RESKEY_imds_url=$url
mkdir -p "$HA_RSCTMP"
state=$HA_RSCTMP/azevents-$instance.state
"$agent" start 2>/dev/null
"$agent" monitor 2>/dev/null   # the first pass records the identity; measured ones are idle
grep -v '^idle' "$state" >"$work/full.state"   # a state without the idle memory: a full pass
before=$(cibadmin --query | grep -o 'epoch="[0-9]*" num_updates="[0-9]*"' | head -1)

# variant NAME SED-SCRIPT: the installed wrapper with its options edited.
variant() {
    sed "$2" "$agent" >"$work/$1"
    chmod +x "$work/$1"
}
no_map='/ArchiveRelocationMode=0"$/d'
variant relocated "$no_map"
variant xint 's/-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 \\/-Xint \\/;
    s/-XX:CICompilerCount=1 -XX:+UseG1GC/-XX:+UseG1GC/'
variant no-cds 's/^    cds=.*$/    cds=/'
serial='s/-XX:+UseG1GC/-XX:+UseSerialGC/'
variant static+serial "$serial; $no_map; s|\$lib/azevents.jsa|$work/serial.jsa|"
variant dynamic+serial "$serial; $no_map; s|\$lib/azevents.jsa|$work/dynamic.jsa|"
# Their archives. static+serial: the class lists of a full and a shortcut pass, dumped with
# SerialGC. dynamic+serial: as install recorded it before issue 13, one full pass with
# -XX:ArchiveClassesAtExit (dynamic.jsa does not exist yet: that pass runs on the JDK's archive).
cp "$work/full.state" "$state"
JAVA_TOOL_OPTIONS=-XX:DumpLoadedClassList=$work/full.lst "$agent" monitor 2>/dev/null
JAVA_TOOL_OPTIONS=-XX:DumpLoadedClassList=$work/short.lst "$agent" monitor 2>/dev/null
cat "$work/full.lst" "$work/short.lst" | grep -v '^#' | awk '!seen[$0]++' >"$work/classes.lst"
java -XX:+UseSerialGC -Xms8m -Xmx64m -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
    -XX:SharedArchiveFile="$work/serial.jsa" -cp "$lib/azevents.jar" >/dev/null 2>&1
cp "$work/full.state" "$state"
JAVA_TOOL_OPTIONS=-XX:ArchiveClassesAtExit=$work/dynamic.jsa "$work/dynamic+serial" monitor \
    2>/dev/null

main="dev.azevents.ocf.AgentMain $agent_name monitor"
names=(installed relocated static+serial dynamic+serial xint no-cds)
commands=()
for n in "${names[@]}"; do
    [ "$n" = installed ] && commands+=(-n "$n" "$agent monitor") \
        || commands+=(-n "$n" "$work/$n monitor")
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
hyperfine -N --warmup 2 --runs "$runs" --style basic --export-json "$work/runs.json" \
    "${commands[@]}" -n plain "java -cp $lib/azevents.jar $main" >/dev/null
hyperfine -N --warmup 2 --runs "$runs" --style basic --export-json "$work/full.json" \
    --prepare "cp $work/full.state $state" \
    -n "installed, full pass" "$agent monitor" \
    -n "dynamic+serial, full pass" "$work/dynamic+serial monitor" >/dev/null
after=$(cibadmin --query | grep -o 'epoch="[0-9]*" num_updates="[0-9]*"' | head -1)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rss() {   # median peak RSS (MiB) of 5 runs of "$@": the largest process of the pass, java
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
    done | sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1024}'
}
declare -A peak
for n in "${names[@]}"; do
    [ "$n" = installed ] && peak[$n]=$(rss "$agent" monitor) \
        || peak[$n]=$(rss "$work/$n" monitor)
done
peak[plain]=$(rss java -cp "$lib/azevents.jar" $main)
python3 - "$work/runs.json" "$work/full.json" "$(declare -p peak)" <<'PY'
import json, re, statistics, sys
results = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[2]))["results"]
peak = dict(re.findall(r'\[([^]]+)\]="([^"]*)"', sys.argv[3]))
base = results[0]
print("| variant | median wall ms | user ms | sys ms | CPU vs installed | peak RSS MiB |")
print("|---|---:|---:|---:|---:|---:|")
for r in results:
    cpu = r["user"] + r["system"]
    print("| %s | %.0f | %.0f | %.0f | %.2f | %s |" % (r["command"], r["median"] * 1000,
          r["user"] * 1000, r["system"] * 1000, cpu / (base["user"] + base["system"]),
          peak.get(r["command"], "")))
PY
echo
echo "CIB before the idle passes above: $before; after them: $after"
echo "processes per idle pass (strace -f, successful execve):"
strace -f -qq -e trace=execve -o "$work/exec.txt" "$agent" monitor
# Only execve calls that returned 0 (the JDK tries every PATH directory in turn).
awk -f "$here/bench/execs.awk" "$work/exec.txt" | sort | uniq -c
