#!/usr/bin/python3
"""Prints bench/idle-pass.sh's table from its JSON files.

usage: idle-pass-table.py RESULTS_DIR AGENT...
"""
import json
import os
import re
import sys


def load(d, name, kind):
    path = os.path.join(d, "%s.%s.json" % (name, kind))
    with open(path) as f:
        return json.load(f)


def per_minute(m):
    get = lambda s, k: int(re.search(r"%s=(\d+)" % k, s).group(1))
    e = get(m["after"], "epoch") - get(m["before"], "epoch")
    u = get(m["after"], "num_updates") if e else (
        get(m["after"], "num_updates") - get(m["before"], "num_updates"))
    scale = 60.0 / m["seconds"]
    return e * scale, u * scale


def main(d, agents):
    rows = {}
    for a in agents:
        name = a.replace(":", "-")
        h = load(d, name, "hyperfine")["results"][0]
        c = load(d, name, "cost")
        rows[a] = {
            "wall": h["median"] * 1000, "wall_mean": h["mean"] * 1000,
            "cpu": c["cpu_median_ms"], "procs": c["processes_started"],
            "tools": sum(c["pacemaker_tools"].values()), "tool_names": c["pacemaker_tools"],
            "epoch": c["cib_epoch_changes_per_pass"], "upd": c["cib_num_updates_per_pass"],
            "failed": c["failed_runs"], "minute": per_minute(load(d, name, "minute")),
        }
    az = rows.get("heartbeat:azure-events-az")
    sb = rows.get("heartbeat:azure-events")
    print("| agent | wall median (mean) | CPU median | processes started | Pacemaker tools"
          " | CIB changes per pass (epoch / num_updates) | whole cluster per minute (epoch /"
          " num_updates) | wall, CPU vs azure-events-az | wall, CPU vs azure-events |")
    print("|---|---|---|---|---|---|---|---|---|")
    for a, r in rows.items():
        ratio = lambda base: ("%.2f, %.2f" % (r["wall"] / base["wall"], r["cpu"] / base["cpu"])
                              if base else "-")
        tools = ", ".join("%d %s" % (n, t) for t, n in sorted(r["tool_names"].items()))
        print("| `%s` | %.0f ms (%.0f) | %.0f ms | %d | %d (%s) | %.1f / %.1f | %.0f / %.0f |"
              " %s | %s |%s" % (a, r["wall"], r["wall_mean"], r["cpu"], r["procs"], r["tools"],
                               tools or "none", r["epoch"], r["upd"], r["minute"][0],
                               r["minute"][1], ratio(az), ratio(sb),
                               " (%d failed runs)" % r["failed"] if r["failed"] else ""))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
