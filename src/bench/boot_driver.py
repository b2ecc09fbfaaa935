#!/usr/bin/env python3
"""Boot driver for src/bench/boot-benchmark.sh: runs one emulator boot and times it.

Starts COMMAND with its stdin and stdout on pipes (stderr merged into stdout), reads the guest's
serial console as it arrives, and timestamps (wall clock, from just before the process is started):

  * the first "BOOT-OK <uptime>" line the initramfs's /init prints (and keeps <uptime>, the guest
    kernel's own view of the time since it started);
  * the first busybox prompt "~ # " after it.

At the prompt it types "poweroff -f" (unless --no-poweroff: the command powers off on its own)
and waits for the process to exit. If the shell does not react it types the command again a few
times; a watchdog kills the whole process group if there is no prompt within --timeout seconds or
no exit within --exit-timeout seconds after the prompt.

Prints one JSON object on stdout with the results (times in seconds, null when not reached), and
copies the full console output to --log. Any line of the form "BOOTMIPS key=value ..." in the
output (printed by dev.cairn.bench.BootMips) is parsed into the result as well.

"boot_driver.py summarize RESULTS.jsonl OUT.csv" reads the JSON lines of several runs, prints a
table and the medians per emulator, and writes them as CSV.

Exit status: 0 if the prompt was reached and the process exited with status 0, 1 otherwise.
"""

import argparse
import json
import os
import resource
import re
import select
import signal
import subprocess
import sys
import time

BOOT_OK = re.compile(rb"BOOT-OK ([0-9]+(?:\.[0-9]+)?)\s")
PROMPT = b"~ # "
BOOTMIPS = re.compile(rb"BOOTMIPS ((?:[a-z_]+=\S+ ?)+)")


def cpu_ticks():
    """Busy and total jiffies of the whole host, from the first line of /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="seconds to wait for the prompt (default 600)")
    ap.add_argument("--exit-timeout", type=float, default=60.0,
                    help="seconds to wait for exit after the prompt (default 60)")
    ap.add_argument("--no-poweroff", action="store_true",
                    help="do not type 'poweroff -f' at the prompt")
    ap.add_argument("--log", help="file to copy the console output to")
    ap.add_argument("--jstack", help="if there is no prompt in time, save jstack's dump of the"
                    " (Java) process here before killing it")
    ap.add_argument("--label", default="", help="emulator name to put in the result")
    ap.add_argument("--run", type=int, default=0, help="run number to put in the result")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command given")

    log = open(args.log, "wb") if args.log else None
    out = bytearray()
    result = {"emulator": args.label, "run": args.run,
              "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "command": cmd, "boot_ok_s": None, "guest_uptime_s": None, "prompt_s": None,
              "exit_s": None, "exit_status": None, "poweroff_attempts": 0, "error": None}

    result["load1_before"] = loadavg()
    busy0, _ = cpu_ticks()
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    fd = proc.stdout.fileno()
    prompt_at = None
    next_poweroff = None
    eof = False
    try:
        while not eof:
            now = time.monotonic()
            if prompt_at is None and now - t0 > args.timeout:
                result["error"] = "no prompt within %.0f s" % args.timeout
                if args.jstack:
                    with open(args.jstack, "wb") as f:
                        subprocess.run(["jstack", str(proc.pid)], stdout=f,
                                       stderr=subprocess.STDOUT, timeout=60, check=False)
                break
            if prompt_at is not None and now - prompt_at > args.exit_timeout:
                result["error"] = "no exit within %.0f s after the prompt" % args.exit_timeout
                break
            if next_poweroff is not None and now >= next_poweroff:
                if result["poweroff_attempts"] >= 4:
                    next_poweroff = None
                else:
                    try:
                        # A fresh line first on retries, in case a partial line is pending.
                        text = b"poweroff -f\n" if result["poweroff_attempts"] == 0 \
                            else b"\npoweroff -f\n"
                        proc.stdin.write(text)
                        proc.stdin.flush()
                    except (BrokenPipeError, OSError):
                        next_poweroff = None
                    else:
                        result["poweroff_attempts"] += 1
                        next_poweroff = now + 10.0
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            stamp = time.monotonic()
            if not chunk:
                eof = True
                break
            if log:
                log.write(chunk)
                log.flush()
            start = max(0, len(out) - 16)
            out += chunk
            if result["boot_ok_s"] is None:
                m = BOOT_OK.search(out, max(0, start - 16))
                if m:  # the trailing \s means the number is complete
                    result["boot_ok_s"] = round(stamp - t0, 3)
                    result["guest_uptime_s"] = float(m.group(1))
            if prompt_at is None and result["boot_ok_s"] is not None:
                i = out.find(PROMPT, out.find(b"BOOT-OK"))
                if i >= 0:
                    prompt_at = stamp
                    result["prompt_s"] = round(stamp - t0, 3)
                    if not args.no_poweroff:
                        next_poweroff = stamp
        if eof:
            try:
                status = proc.wait(timeout=max(1.0, args.exit_timeout))
            except subprocess.TimeoutExpired:
                result["error"] = "output closed but the process did not exit"
            else:
                result["exit_status"] = status
                result["exit_s"] = round(time.monotonic() - t0, 3)
                if prompt_at is None:
                    result["error"] = "exited (status %d) before the prompt" % status
    finally:
        if proc.poll() is None:
            kill_group(proc)
            proc.wait()
            if result["exit_status"] is None:
                result["exit_status"] = "killed"
        if log:
            log.close()
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy1, _ = cpu_ticks()
    # CPU seconds the emulator process used, and what the rest of the host used meanwhile: a
    # measure of how much the run had to share the machine.
    own = (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
    hz = os.sysconf("SC_CLK_TCK")
    result["wall_s"] = round(time.monotonic() - t0, 3)
    result["proc_cpu_s"] = round(own, 2)
    result["other_cpu_s"] = round(max(0.0, (busy1 - busy0) / hz - own), 2)
    result["load1_after"] = loadavg()

    for m in BOOTMIPS.finditer(out):
        for pair in m.group(1).decode().split():
            key, _, value = pair.partition("=")
            try:
                result["bootmips_" + key] = float(value) if "." in value or "nan" in value.lower() \
                    else int(value)
            except ValueError:
                result["bootmips_" + key] = value
    if result["error"]:
        tail = out[-2000:].decode("utf-8", "replace")
        result["tail"] = tail
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    ok = result["error"] is None and result["exit_status"] == 0
    return 0 if ok else 1


CSV_COLUMNS = [
    ("run", "run"), ("emulator", "emulator"), ("started", "started"),
    ("prompt_s", "prompt_s"), ("boot_ok_s", "boot_ok_s"), ("guest_uptime_s", "guest_uptime_s"),
    ("exit_s", "exit_s"), ("exit_status", "exit_status"),
    ("instret", "bootmips_instret"), ("mips", "bootmips_mips"),
    ("vcpu_cpu_s", "bootmips_vcpu_cpu_s"), ("mips_per_vcpu_cpu_s", "bootmips_mips_per_cpu_s"),
    ("inproc_prompt_s", "bootmips_elapsed_s"),
    ("proc_cpu_s", "proc_cpu_s"), ("other_cpu_s", "other_cpu_s"),
    ("load1_before", "load1_before"), ("load1_after", "load1_after"),
    ("poweroff_attempts", "poweroff_attempts"), ("error", "error"),
]


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def fmt(value, digits=2):
    if value is None:
        return "-"
    if isinstance(value, float):
        return "%.*f" % (digits, value)
    return str(value)


def summarize(jsonl, csv_path):
    """Prints the per-run table and the medians, and writes the CSV."""
    import csv
    with open(jsonl) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([name for name, _ in CSV_COLUMNS])
        for r in rows:
            w.writerow(["" if r.get(key) is None else r.get(key) for _, key in CSV_COLUMNS])

    print("%-4s %-9s %9s %9s %9s %9s %8s %8s %7s %6s  %s" % (
        "run", "emulator", "prompt_s", "bootok_s", "guest_up", "instret/M", "MIPS", "MIPS/cpu",
        "others", "load1", "status"))
    for r in rows:
        instret = r.get("bootmips_instret")
        status = r.get("error") or "exit %s" % r.get("exit_status")
        if r.get("poweroff_attempts", 0) > 1:
            status += " (poweroff typed %d times)" % r["poweroff_attempts"]
        print("%-4s %-9s %9s %9s %9s %9s %8s %8s %7s %6s  %s" % (
            r["run"], r["emulator"], fmt(r.get("prompt_s")), fmt(r.get("boot_ok_s")),
            fmt(r.get("guest_uptime_s")), fmt(instret / 1e6 if instret else None, 1),
            fmt(r.get("bootmips_mips"), 1), fmt(r.get("bootmips_mips_per_cpu_s"), 1),
            fmt(r.get("other_cpu_s"), 1), fmt(r.get("load1_before")), status))

    print()
    print("Medians over the runs that reached the prompt (prompt_s, bootok_s: wall clock from")
    print("process start; guest_up: the guest kernel's uptime printed with BOOT-OK; others: CPU")
    print("seconds the rest of the host used during the whole run, power-off included):")
    med = {}
    for emulator in sorted({r["emulator"] for r in rows}):
        ok = [r for r in rows if r["emulator"] == emulator and r.get("prompt_s") is not None]
        m = {key: median([r.get(key) for r in ok]) for key in (
            "prompt_s", "boot_ok_s", "guest_uptime_s", "bootmips_instret", "bootmips_mips",
            "bootmips_mips_per_cpu_s", "bootmips_elapsed_s", "other_cpu_s")}
        med[emulator] = m
        line = "  %-9s n=%d  prompt %s s  BOOT-OK %s s  guest uptime %s s" % (
            emulator, len(ok), fmt(m["prompt_s"]), fmt(m["boot_ok_s"]),
            fmt(m["guest_uptime_s"]))
        if m["bootmips_instret"] is not None:
            line += "  in-process prompt %s s  instret %.0f M  %s MIPS (%s per vCPU CPU-s)" % (
                fmt(m["bootmips_elapsed_s"]), m["bootmips_instret"] / 1e6,
                fmt(m["bootmips_mips"], 1), fmt(m["bootmips_mips_per_cpu_s"], 1))
        print(line)
    q, c = med.get("qemu"), med.get("cairn")
    if q and c and q["prompt_s"] and c["prompt_s"]:
        print("  ratio Cairn/QEMU: boot-to-prompt %.2f x, guest uptime at BOOT-OK %s x" % (
            c["prompt_s"] / q["prompt_s"],
            fmt(c["guest_uptime_s"] / q["guest_uptime_s"]) if q["guest_uptime_s"] else "-"))
    print("CSV: %s" % csv_path)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "summarize":
        summarize(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(main())
