#!/usr/bin/python3
"""Cost of one agent action, measured inside a lab node (run there by bench/idle-pass.sh).

usage: pass-cost.py RUNS WARMUP OUT.json -- COMMAND...

Per run: wall time (monotonic clock around the process) and CPU (user+system of the process and
every descendant it waited for, from getrusage(RUSAGE_CHILDREN) deltas). Then one run under
strace -f -e trace=execve: the processes the pass started (distinct PIDs with a successful
execve; `sh` exec'ing `java` is one process), with Pacemaker's tools counted apart. Then CIB
changes: epoch and num_updates of `cibadmin --query` before and after each of 5 passes. Peak RSS:
the largest resident set of any process of one pass (getrusage's ru_maxrss of the children of a
fresh interpreter that runs the pass, so earlier passes do not count), median of RSS_RUNS.
"""
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PACEMAKER_TOOLS = {
    "cibadmin", "crm_mon", "crm_attribute", "crm_node", "crm_resource", "crm_simulate",
    "attrd_updater", "crm_diff", "crm_verify", "crm_shadow", "crm_ticket", "crm_failcount",
    "crm_standby", "crm_master", "stonith_admin",
}
CIB_PASSES = 5
RSS_RUNS = 5
PEAK_RSS = ("import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def one_run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return rc, wall, cpu


def processes(cmd):
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as trace:
        subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve", "-o", trace.name] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pids, tools = {}, {}
        for line in trace:
            m = re.match(r'(\d+)\s+execve\("([^"]+)".*= 0$', line.strip())
            if m:
                pids[m.group(1)] = os.path.basename(m.group(2))
        for name in pids.values():
            if name in PACEMAKER_TOOLS:
                tools[name] = tools.get(name, 0) + 1
        # The first process is the agent itself, not something it started.
        return max(len(pids) - 1, 0), tools, sorted(pids.values())


def cib_version():
    cib = subprocess.run(["cibadmin", "--query"], capture_output=True, text=True).stdout
    root = re.search(r"<cib\b[^>]*>", cib).group(0)
    return tuple(int(re.search(r'\b%s="(\d+)"' % a, root).group(1))
                 for a in ("epoch", "num_updates"))


def cib_changes(cmd):
    epochs, updates = [], []
    for _ in range(CIB_PASSES):
        e0, u0 = cib_version()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)  # let attrd and the CIB settle before reading again
        e1, u1 = cib_version()
        epochs.append(e1 - e0)
        updates.append(u1 - u0 if e1 == e0 else u1)
    return statistics.mean(epochs), statistics.mean(updates)


def peak_rss_kib(cmd):
    """Median over RSS_RUNS passes of the largest RSS (KiB) of any process of the pass."""
    peaks = []
    for _ in range(RSS_RUNS):
        out = subprocess.run([sys.executable, "-c", PEAK_RSS] + cmd, capture_output=True,
                             text=True).stdout
        peaks.append(int(out.strip()))
    return statistics.median(peaks)


def main(argv):
    sep = argv.index("--")
    runs, warmup, out = int(argv[1]), int(argv[2]), argv[3]
    cmd = argv[sep + 1:]
    for _ in range(warmup):
        one_run(cmd)
    results = [one_run(cmd) for _ in range(runs)]
    failed = [r for r in results if r[0] != 0]
    walls = [r[1] for r in results]
    cpus = [r[2] for r in results]
    procs, tools, names = processes(cmd)
    epoch, updates = cib_changes(cmd)
    rss = peak_rss_kib(cmd)
    data = {
        "runs": runs, "failed_runs": len(failed), "exit_codes": sorted({r[0] for r in results}),
        "wall_median_ms": statistics.median(walls) * 1000,
        "wall_mean_ms": statistics.mean(walls) * 1000,
        "cpu_median_ms": statistics.median(cpus) * 1000,
        "cpu_mean_ms": statistics.mean(cpus) * 1000,
        "processes_started": procs, "pacemaker_tools": tools, "executables": names,
        "cib_epoch_changes_per_pass": epoch, "cib_num_updates_per_pass": updates,
        "peak_rss_median_kib": rss,
    }
    with open(out, "w") as f:
        json.dump(data, f, indent=1)
    print(json.dumps(data))


if __name__ == "__main__":
    main(sys.argv)
