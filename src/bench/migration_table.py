#!/usr/bin/env python3
"""Table of src/bench/migration-benchmark.sh results: JSON lines in, a CSV and a text table out."""

import csv
import json
import sys

COLUMNS = ("emulator", "ram", "mode", "bandwidth", "status", "total_ms", "downtime_ms",
           "setup_ms", "transferred_kb", "iterations", "mbps", "wall_ms", "error")


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    with open(sys.argv[2], "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    print("| emulator | RAM | guest | max-bandwidth | status | total time ms | downtime ms |"
          " MiB sent | iterations | throughput mbps |")
    print("| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        kb = r.get("transferred_kb")
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r.get("emulator"), r.get("ram"), r.get("mode"),
            {"1T": "unlimited"}.get(r.get("bandwidth"), (r.get("bandwidth") or "") + "/s"),
            r.get("status") or r.get("error"), r.get("total_ms", ""),
            r.get("downtime_ms", ""), "" if kb is None else "%.1f" % (kb / 1024),
            r.get("iterations", ""), r.get("mbps", "")))
    print("csv: " + sys.argv[2])


if __name__ == "__main__":
    main()
