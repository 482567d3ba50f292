#!/usr/bin/env bash
# Configures the agent under test on a lab cluster (needs LAB_DIR), as its documentation tells an
# administrator to: a primitive cloned on every node, monitor every few seconds (the lab runs fast).
#
#   lab/agent.sh configure AGENT [--interval 3s] [--param NAME=VALUE]...
#   lab/agent.sh remove AGENT
#
# AGENT is provider:type, one of azevents:azure-events, azevents:azure-events-az,
# heartbeat:azure-events, heartbeat:azure-events-az; any other provider (an agent file the
# benchmark installed, e.g. upstream:azure-events-az) is configured as the heartbeat one.
#   standby strategy (azure-events):  primitive rsc_azure-events, clone cln_azure-events.
#   health strategy (azure-events-az): node-health-strategy=custom, #health-azure=0 on every node,
#     the location rule on '!health-.*' scored by #health-azure, primitive health-azure-events in
#     clone health-azure-events-cln with allow-unhealthy-nodes=true (the documented names: the rule
#     must not apply to the agent's own clone).
# Our agents get imds_url=http://127.0.0.1:8080/metadata: inside each node that is its own VM.
set -euo pipefail
readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "agent: $*" >&2; exit 1; }
[ -n "${LAB_DIR:-}" ] && [ -f "$LAB_DIR/id" ] || die "no lab: set LAB_DIR (lab/lab.sh up)"
NODES=$(cat "$LAB_DIR/nodes")
readonly IMDS_URL=http://127.0.0.1:8080/metadata

lab() { "$here/lab.sh" "$@"; }

# XML attribute value escaping for values we put in the CIB.
xml_escape() {
    local s=$1
    s=${s//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; s=${s//\"/&quot;}; s=${s//\'/&apos;}
    printf '%s' "$s"
}

names() {
    case "$1" in
        *:azure-events) RSC=rsc_azure-events; CLONE=cln_azure-events ;;
        *:azure-events-az) RSC=health-azure-events; CLONE=health-azure-events-cln ;;
        *) die "unknown agent '$1'" ;;
    esac
    PROVIDER=${1%%:*}
    TYPE=${1#*:}
    [[ "$PROVIDER" =~ ^[a-z][a-z0-9_-]*$ ]] || die "bad provider '$PROVIDER'"
}

nvpair() {
    echo "    <nvpair id=\"$1\" name=\"$2\" value=\"$3\"/>"
}

primitive_xml() {
    local interval=$1; shift
    local i=0 p
    echo "<primitive id=\"$RSC\" class=\"ocf\" provider=\"$PROVIDER\" type=\"$TYPE\">"
    echo "  <instance_attributes id=\"$RSC-ia\">"
    for p in "$@"; do
        i=$((i + 1))
        echo "    <nvpair id=\"$RSC-ia-$i\" name=\"$(xml_escape "${p%%=*}")\"" \
            "value=\"$(xml_escape "${p#*=}")\"/>"
    done
    echo "  </instance_attributes>"
    if [ "$PROVIDER" = azevents ]; then
        # Every node's own lo:8080 is its VM's metadata endpoint (lab/imds-relay.py).
        echo "  <instance_attributes id=\"$RSC-imds\">"
        echo "    <nvpair id=\"$RSC-imds-url\" name=\"imds_url\" value=\"$IMDS_URL\"/>"
        echo "  </instance_attributes>"
    fi
    if [ "$TYPE" = azure-events-az ]; then
        echo "  <meta_attributes id=\"$RSC-meta\">"
        nvpair "$RSC-meta-unhealthy" allow-unhealthy-nodes true
        nvpair "$RSC-meta-failure-timeout" failure-timeout 120s
        echo "  </meta_attributes>"
    fi
    echo "  <operations>"
    echo "    <op id=\"$RSC-monitor\" name=\"monitor\" interval=\"$interval\" timeout=\"240s\"/>"
    echo "    <op id=\"$RSC-start\" name=\"start\" interval=\"0s\" timeout=\"60s\"/>"
    echo "    <op id=\"$RSC-stop\" name=\"stop\" interval=\"0s\" timeout=\"60s\"/>"
    echo "  </operations>"
    echo "</primitive>"
}

clone_xml() {
    echo "<clone id=\"$CLONE\">"
    if [ "$TYPE" = azure-events-az ]; then
        echo "  <meta_attributes id=\"$CLONE-meta\">"
        nvpair "$CLONE-meta-unhealthy" allow-unhealthy-nodes true
        echo "  </meta_attributes>"
    fi
    primitive_xml "$@"
    echo "</clone>"
}

health_setup() {
    local k
    lab exec 1 crm_attribute --type crm_config --name node-health-strategy --update custom
    for k in $(seq 1 "$NODES"); do
        lab exec 1 crm_attribute --node "node$k" --name '#health-azure' --update 0 \
            --lifetime forever
    done
    # Idempotent: several agents may be configured one after the other (the benchmark).
    lab exec 1 cibadmin --query --scope constraints \
        --xpath "//rsc_location[@id='loc_azure_health']" >/dev/null 2>&1 && return 0
    lab exec 1 cibadmin --create --scope constraints --xml-text \
        '<rsc_location id="loc_azure_health" rsc-pattern="!health-.*">
           <rule id="loc_azure_health-rule" score-attribute="#health-azure">
             <expression id="loc_azure_health-expr" attribute="#uname" operation="defined"/>
           </rule>
         </rsc_location>'
}

configure() {
    names "$1"; shift
    local interval=3s params=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --interval) interval=$2; shift 2 ;;
            --param) params+=("$2"); shift 2 ;;
            *) die "configure: unknown option '$1'" ;;
        esac
    done
    [ "$TYPE" = azure-events-az ] && health_setup
    lab exec 1 cibadmin --create --scope resources --xml-text "$(clone_xml "$interval" \
        ${params[@]+"${params[@]}"})"
}

remove() {
    names "$1"
    lab exec 1 cibadmin --delete --xml-text "<clone id=\"$CLONE\"/>"
}

cmd=${1:-}; shift || true
case "$cmd" in
    configure) configure "$@" ;;
    remove) remove "$@" ;;
    *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; [ -z "$cmd" ] || exit 2 ;;
esac
