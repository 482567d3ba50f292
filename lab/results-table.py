#!/usr/bin/python3
"""The side-by-side table (scenario x agent) from target/lab/results.tsv, then each verdict's
reason and timeline.

usage: results-table.py RESULTS_TSV
"""
import collections
import sys

SHORT_REASON = 90


def main(path):
    cells = collections.OrderedDict()
    agents = []
    details = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5:
                continue
            scenario, agent, verdict, reason, timeline = parts
            if agent not in agents:
                agents.append(agent)
            cells.setdefault(scenario, {})[agent] = (verdict, reason)
            details.append((scenario, agent, verdict, reason, timeline))
    order = ["azevents:azure-events", "azevents:azure-events-az",
             "heartbeat:azure-events", "heartbeat:azure-events-az"]
    agents.sort(key=lambda a: order.index(a) if a in order else len(order))
    print("| scenario | " + " | ".join("`%s`" % a for a in agents) + " |")
    print("|---" * (len(agents) + 1) + "|")
    for scenario in sorted(cells, key=lambda s: (s.split()[0], s)):
        row = []
        for a in agents:
            if a not in cells[scenario]:
                row.append("n/a")
                continue
            verdict, reason = cells[scenario][a]
            if verdict == "PASS":
                row.append("PASS")
            else:
                short = reason if len(reason) <= SHORT_REASON else reason[:SHORT_REASON] + "…"
                row.append("FAIL: " + short.replace("|", "/"))
        print("| %s | %s |" % (scenario, " | ".join(row)))
    print()
    for scenario, agent, verdict, reason, timeline in sorted(details):
        print("* %s, `%s`: **%s**: %s\n  timeline: %s" % (scenario, agent, verdict, reason,
                                                          timeline))


if __name__ == "__main__":
    main(sys.argv[1])
