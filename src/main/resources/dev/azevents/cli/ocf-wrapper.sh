#!/bin/sh
# OCF resource agent @AGENT@ (azevents, @STRATEGY@ strategy).
# Drop-in for ocf:heartbeat:@AGENT@. Runs dev.azevents.ocf.AgentMain from the azevents jar
# with JVM options for a process that lives about 100 ms (measured: docs/ocf-agents.md):
# C1 only and 10x its compile thresholds (a pass ends before most compilations would pay off:
# -20 ms CPU measured), no perf-data file, small heap and stack, the static class-data sharing
# archive that 'azevents install' builds next to the jar (skipped when absent) with G1, the
# collector it was dumped with (on JDK 17 the only one that maps its archived heap objects) and
# mapped where it was dumped for (JDK 17.0.0's default). AgentMain itself asks vfork for the
# Pacemaker tools below Java 25 (where it is not deprecated).
# AZEVENTS_LIB overrides where the jar is, AZEVENTS_JAVA which java runs it, and
# AZEVENTS_CLASSPATH the class path itself (the tests run the agents from target/classes).
#
# stop, and monitor of a stopped instance, need no Java: a failed stop gets the node fenced,
# and a probe that fails makes Pacemaker believe the agent runs. Both only look at the state
# file, found by the rule of dev.azevents.ocf.StateFile.forInstance (a test keeps them equal).
# Any other action without a usable Java 17 or later exits 5 (OCF_ERR_INSTALLED) with a reason:
# the node is not fenced, the clone is kept off this node, and crm_mon says why. meta-data too:
# it comes from the same code, and a failed meta-data call only costs Pacemaker a warning.
agent=@AGENT@
java=${AZEVENTS_JAVA:-java}
min_java=17
fix="install it, or set AZEVENTS_JAVA in the resource's environment"

blank() {
    case $1 in
        *[![:space:]]*) return 1 ;;
        *) return 0 ;;
    esac
}

state_file() {
    if blank "${HA_RSCTMP:-}"; then dir=/run/resource-agents; else dir=$HA_RSCTMP; fi
    if blank "${OCF_RESOURCE_INSTANCE:-}"; then name=$agent; else name=$OCF_RESOURCE_INSTANCE; fi
    case $name in
        # command -p: stop must work whatever PATH pacemaker-execd was started with.
        *[!A-Za-z0-9._-]*) name=$(printf '%s' "$name" | LC_ALL=C command -p tr -c \
            'A-Za-z0-9._-' '_') ;;
    esac
    printf '%s/azevents-%s.state' "${dir%/}" "$name"
}

not_installed() {
    echo "ocf-exit-reason:$1" >&2
    exit 5
}

case ${1:-} in
    stop)
        state=$(state_file)
        command -p rm -f "$state" || echo "cannot remove state file $state" >&2
        exit 0
        ;;
    monitor)
        [ -e "$(state_file)" ] || exit 7
        ;;
esac

lib=${AZEVENTS_LIB:-@LIB@}
if [ ! -r "$lib/azevents.jar" ]; then
    # Run from a checkout: ocf/../target/azevents.jar.
    lib=${0%/*}/../target
fi
if [ -r "$lib/azevents.jsa" ]; then
    # The options of dev.azevents.cli.ArchiveJvm.MAP_OPTIONS (install checks the JDK takes them).
    cds="-XX:SharedArchiveFile=$lib/azevents.jsa"
    cds="$cds -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"
else
    cds=
fi
if ! command -v "$java" >/dev/null 2>&1; then
    not_installed "no '$java' on PATH ($PATH): $agent needs Java $min_java or later ($fix)"
fi
# -Xlog: a CDS archive that does not match (JDK upgraded, jar replaced) is ignored silently
# instead of printing a warning on stdout, into meta-data's output.
jvm() {
    "$java" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 \
        -XX:CICompilerCount=1 -XX:+UseG1GC -XX:-UsePerfData -Xss512k -Xms8m -Xmx64m \
        -Xshare:auto $cds -Xlog:disable -Xlog:all=error:stderr "$@"
}
jvm -cp "${AZEVENTS_CLASSPATH:-$lib/azevents.jar}" \
    dev.azevents.ocf.AgentMain "$agent" "$@"
rc=$?
[ "$rc" -eq 1 ] || exit "$rc"
# 1 is the agent's generic error, but also what a JVM that cannot start, or a Java too old for
# the classes, exits with. Only then (a failure, so rare) ask Java what it is: one more JVM.
version=$("$java" -version 2>&1)
vrc=$?
first=$(printf '%s\n' "$version" | head -n 1)
if [ "$vrc" -ne 0 ]; then
    not_installed "'$java' cannot start (exit $vrc): $first"
fi
quoted=$(printf '%s\n' "$version" | sed -n 's/^[^"]*version "\([^"]*\)".*/\1/p' | head -n 1)
case $quoted in
    1.*) major=${quoted#1.}; major=${major%%.*} ;;
    *) major=${quoted%%[.+-]*} ;;
esac
case $major in
    '' | *[!0-9]*) not_installed "'$java' is not a Java this agent understands: $first" ;;
esac
if [ "$major" -lt "$min_java" ]; then
    not_installed "'$java' is Java $major; $agent needs Java $min_java or later ($fix)"
fi
# With the agent's options (a small heap, CDS) the JVM may still fail where -version starts.
if ! failure=$(jvm -version 2>&1 </dev/null); then
    first=$(printf '%s\n' "$failure" | head -n 1)
    not_installed "'$java' cannot start with the agent's options: $first"
fi
exit 1
