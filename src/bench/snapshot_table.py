#!/usr/bin/env python3
"""Table and CSV for src/bench/snapshot-benchmark.sh.

"snapshot_table.py RESULTS.jsonl OUT.csv": one row per (emulator, RAM, mode, run) with save ms,
snapshot size, live total ms, final pause ms, live passes, resent pages and load ms (into the VM
that saved, as QEMU's loadvm; Cairn also gives load_fresh_ms, into a fresh machine). For QEMU
"live" is migrate "exec:cat > file" (its "total time" and "downtime" from info migrate, "dirty
sync count" as passes) and the size is info snapshots' VM SIZE (rounded by QEMU to 0.1 MiB).
"""

import csv
import json
import sys

COLUMNS = [("emulator", "emulator"), ("ram", "ram"), ("mode", "mode"), ("run", "run"),
           ("save_ms", "save_ms"), ("save_bytes", "save_bytes"),
           ("live_total_ms", "live_total_ms"), ("live_pause_ms", "live_pause_ms"),
           ("live_passes", "live_passes"), ("live_resent_pages", "live_resent_pages"),
           ("live_bytes", "live_bytes"), ("load_ms", "load_ms"),
           ("load_fresh_ms", "load_fresh_ms"), ("error", "error")]


def main(jsonl, csv_path):
    with open(jsonl) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for r in rows:
        if r.get("emulator") == "qemu" and "migrate_dirty_sync_count" in r:
            r["live_passes"] = r["migrate_dirty_sync_count"]
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([name for name, _ in COLUMNS])
        for r in rows:
            w.writerow(["" if r.get(k) is None else r.get(k) for _, k in COLUMNS])

    def mb(v):
        return "-" if v is None else "%.1f MB" % (v / 1e6)

    def n(v):
        return "-" if v is None else str(v)

    print("%-6s %-5s %-6s %3s %8s %9s %9s %8s %6s %8s %9s %8s %8s  %s" % (
        "emul", "RAM", "mode", "run", "save_ms", "size", "live_ms", "pause_ms", "passes",
        "resent", "live_size", "load_ms", "fresh_ms", "error"))
    key = lambda r: (r.get("ram") != "512M", r.get("mode") != "idle", r.get("emulator"),
                     r.get("run", 0))
    for r in sorted(rows, key=key):
        print("%-6s %-5s %-6s %3s %8s %9s %9s %8s %6s %8s %9s %8s %8s  %s" % (
            r.get("emulator"), r.get("ram"), r.get("mode"), n(r.get("run")), n(r.get("save_ms")),
            mb(r.get("save_bytes")), n(r.get("live_total_ms")), n(r.get("live_pause_ms")),
            n(r.get("live_passes")), n(r.get("live_resent_pages")), mb(r.get("live_bytes")),
            n(r.get("load_ms")), n(r.get("load_fresh_ms")), r.get("error") or ""))
    print("CSV: %s" % csv_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
