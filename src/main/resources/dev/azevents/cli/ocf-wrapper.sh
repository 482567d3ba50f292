#!/bin/sh
# OCF resource agent @AGENT@ (azevents, @STRATEGY@ strategy).
# Drop-in for ocf:heartbeat:@AGENT@. Runs dev.azevents.ocf.AgentMain from the azevents jar
# with JVM options for a process that lives about 100 ms (measured: docs/ocf-agents.md):
# C1 only and 10x its compile thresholds (a pass ends before most compilations would pay off:
# -20 ms CPU measured), serial GC, no perf-data file, small heap and stack, the class-data
# sharing archive that 'azevents install' builds next to the jar (skipped when absent), and
# vfork for the Pacemaker tools (JDK 17's default, posix_spawn, adds a jspawnhelper process per
# tool call: 2 more processes per pass).
# AZEVENTS_LIB overrides where the jar is, AZEVENTS_JAVA which java runs it, and
# AZEVENTS_CLASSPATH the class path itself (the tests run the agents from target/classes).
lib=${AZEVENTS_LIB:-@LIB@}
if [ ! -r "$lib/azevents.jar" ]; then
    # Run from a checkout: ocf/../target/azevents.jar.
    lib=$(dirname "$0")/../target
fi
if [ -r "$lib/azevents.jsa" ]; then
    cds="-XX:SharedArchiveFile=$lib/azevents.jsa"
else
    cds=
fi
# -Xlog: a CDS archive that does not match (JDK upgraded, jar replaced) is ignored silently
# instead of printing a warning on stdout, into meta-data's output.
exec "${AZEVENTS_JAVA:-java}" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 \
    -XX:CICompilerCount=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xms8m -Xmx64m \
    -Xshare:auto $cds -Xlog:disable -Xlog:all=error:stderr \
    -Djdk.lang.Process.launchMechanism=VFORK \
    -cp "${AZEVENTS_CLASSPATH:-$lib/azevents.jar}" \
    dev.azevents.ocf.AgentMain @AGENT@ "$@"
