#!/usr/bin/env bash
# PID 1 of a lab node (started by lab.sh inside fresh network/mount/PID/UTS/IPC namespaces):
# mounts the node's private directories, starts corosync and pacemakerd, then reaps orphans
# until the harness kills it (a crash: every process of the node dies with it).
#   node-init.sh K NODE_DIR LAB_DIR
set -euo pipefail
k=$1 d=$2 lab=$3

hostname "node$k"
mount --bind "$d/etc-corosync" /etc/corosync
mount --bind "$d/var-lib-corosync" /var/lib/corosync
mount --bind "$d/var-lib-pacemaker" /var/lib/pacemaker
mount --bind "$d/log-corosync" /var/log/corosync
mount --bind "$d/log-pacemaker" /var/log/pacemaker
# /run is volatile: a reboot starts with an empty one (agents' state files live there).
find "$d/run" -mindepth 1 -delete
mount --bind "$d/run" /run
mkdir -p /run/crm /run/resource-agents
# Pacemaker's IPC lives in /dev/shm: without a private one the nodes see each other's daemons.
mount -t tmpfs -o size=64m tmpfs /dev/shm
# Our OCF agents as installed (lab.sh up --ocf-dir DIR) become this node's
# /usr/lib/ocf/resource.d/azevents, without touching the machine's /usr.
if [ -f "$lab/ocf-dir" ]; then
    ocf=$(cat "$lab/ocf-dir") rd=/usr/lib/ocf/resource.d
    if [ ! -d "$rd/azevents" ]; then
        # No mount point on the machine: a private resource.d with the originals bound back.
        mkdir -p "$d/rd-orig"
        mount --bind "$rd" "$d/rd-orig"
        mount -t tmpfs -o size=1m tmpfs "$rd"
        for p in "$d"/rd-orig/*; do
            mkdir "$rd/${p##*/}"
            mount --bind "$p" "$rd/${p##*/}"
        done
        mkdir "$rd/azevents"
    fi
    mount --bind "$ocf" "$rd/azevents"
fi


echo "node$k: starting corosync $(date -u +%T)"
corosync
echo "node$k: starting pacemakerd $(date -u +%T)"
pacemakerd &

sleep infinity &
while true; do wait || true; done
