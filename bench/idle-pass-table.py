#!/usr/bin/python3
"""Prints bench/idle-pass.sh's table from its JSON files.

usage: idle-pass-table.py RESULTS_DIR AGENT...

Ratios compare each agent with every Python agent (any provider but azevents) of the same
strategy, i.e. the same type: azure-events with azure-events, azure-events-az with
azure-events-az. DESIGN.md section 6's target is at most 0.5 for wall and CPU.
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
            "cpu": c["cpu_median_ms"], "rss": c.get("peak_rss_median_kib", 0) / 1024.0,
            "procs": c["processes_started"],
            "tools": sum(c["pacemaker_tools"].values()), "tool_names": c["pacemaker_tools"],
            "epoch": c["cib_epoch_changes_per_pass"], "upd": c["cib_num_updates_per_pass"],
            "failed": c["failed_runs"], "minute": per_minute(load(d, name, "minute")),
        }
    print("| agent | wall median (mean) | CPU median | peak RSS | processes started"
          " | Pacemaker tools | CIB changes per pass (epoch / num_updates)"
          " | whole cluster per minute (epoch / num_updates) | wall, CPU, RSS vs Python agents"
          " of the same strategy |")
    print("|---|---|---|---|---|---|---|---|---|")
    for a, r in rows.items():
        kind = a.split(":", 1)[1]
        ratios = ["%s %.2f, %.2f, %.2f" % (b.split(":")[0], r["wall"] / o["wall"],
                                           r["cpu"] / o["cpu"], r["rss"] / o["rss"] if o["rss"]
                                           else float("nan"))
                  for b, o in rows.items()
                  if b != a and not b.startswith("azevents:") and b.split(":", 1)[1] == kind]
        tools = ", ".join("%d %s" % (n, t) for t, n in sorted(r["tool_names"].items()))
        print("| `%s` | %.0f ms (%.0f) | %.0f ms | %.0f MiB | %d | %d (%s) | %.1f / %.1f"
              " | %.0f / %.0f | %s |%s"
              % (a, r["wall"], r["wall_mean"], r["cpu"], r["rss"], r["procs"], r["tools"],
                 tools or "none", r["epoch"], r["upd"], r["minute"][0], r["minute"][1],
                 "; ".join(ratios) or "-",
                 " (%d failed runs)" % r["failed"] if r["failed"] else ""))

    full_passes(d, rows)


SHORTCUTS_PER_FULL = 5


def full_passes(d, rows):
    """Our agents' full idle pass (hyperfine only: CPU is its mean user+sys, not a median)."""
    for a, r in rows.items():
        path = os.path.join(d, "%s.full.hyperfine.json" % a.replace(":", "-"))
        if not a.startswith("azevents:") or not os.path.exists(path):
            continue
        with open(path) as f:
            h = json.load(f)["results"][0]
        wall, cpu = h["median"] * 1000, (h["user"] + h["system"]) * 1000
        kind = a.split(":", 1)[1]
        ratios = ["%s %.2f, %.2f" % (b.split(":")[0], wall / o["wall"], cpu / o["cpu"])
                  for b, o in rows.items()
                  if not b.startswith("azevents:") and b.split(":", 1)[1] == kind]
        print("| `%s` full pass (once a minute, or the document changed) | %.0f ms (%.0f)"
              " | %.0f ms (mean) | | | | | | %s |"
              % (a, wall, h["mean"] * 1000, cpu, "; ".join(ratios) or "-"))
        # What a node pays on average at the 10 s interval: five shortcut passes and one full
        # pass a minute (IdleMemory.FULL_READ_BOUND), against a Python agent's every pass.
        avg_wall = (SHORTCUTS_PER_FULL * r["wall"] + wall) / (SHORTCUTS_PER_FULL + 1)
        avg_cpu = (SHORTCUTS_PER_FULL * r["cpu"] + cpu) / (SHORTCUTS_PER_FULL + 1)
        ratios = ["%s %.2f, %.2f" % (b.split(":")[0], avg_wall / o["wall"], avg_cpu / o["cpu"])
                  for b, o in rows.items()
                  if not b.startswith("azevents:") and b.split(":", 1)[1] == kind]
        print("| `%s` mean over a minute (%d shortcut passes, 1 full) | %.0f ms | %.0f ms"
              " | | | | | | %s |"
              % (a, SHORTCUTS_PER_FULL, avg_wall, avg_cpu, "; ".join(ratios) or "-"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
