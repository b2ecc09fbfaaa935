#!/usr/bin/env python3
"""One emulator's side of src/bench/migration-benchmark.sh: live migration over loopback.

Boots the guest (the command after "--", without -monitor and -incoming, which are added here) to
the busybox prompt with its serial console on pipes, optionally starts the same memory-dirtying
loop as snapshot_qemu.py (16 MiB of random data copied four times into /tmp/d, over and over:
64 MiB rewritten per round), then for every bandwidth given:

  * starts a second process of the same command with "-incoming tcp:127.0.0.1:PORT" and an HMP
    monitor on a unix socket;
  * on the source's monitor: "migrate_set_parameter max-bandwidth BW", then "migrate -d
    tcp:127.0.0.1:PORT", polling "info migrate" every 50 ms until completed or failed (after
    --give-up seconds: migrate_cancel, recorded as "not converged");
  * checks that the guest answers on the destination's console ("echo ALIVE-$((40+2))"), quits
    the source, and carries on with the destination as the next source (ping-pong: one boot
    serves every bandwidth).

Prints one JSON object per migration on stdout; console output goes to --log.
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time

from boot_driver import PROMPT, kill_group
from snapshot_qemu import DIRTY_LOOP, Console, Hmp

FIELDS = (("total_ms", r"total time:\s*([0-9]+) ms"),
          ("downtime_ms", r"^downtime:\s*([0-9]+) ms"),
          ("setup_ms", r"^setup:\s*([0-9]+) ms"),
          ("transferred_kb", r"^transferred ram:\s*([0-9]+) kbytes"),
          ("mbps", r"^throughput:\s*([0-9.]+) mbps"),
          ("iterations", r"^dirty sync count:\s*([0-9]+)"),
          ("duplicate_pages", r"^duplicate:\s*([0-9]+) pages"),
          ("normal_pages", r"^normal:\s*([0-9]+) pages"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Vm:
    def __init__(self, cmd, sock, log, incoming_port=None):
        full = list(cmd) + ["-monitor", "unix:%s,server,nowait" % sock]
        if incoming_port is not None:
            full += ["-incoming", "tcp:127.0.0.1:%d" % incoming_port]
        if os.path.exists(sock):
            os.unlink(sock)
        self.proc = subprocess.Popen(full, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.con = Console(self.proc, log)
        self.sock = sock
        self.hmp = None

    def monitor(self):
        if self.hmp is None:
            self.hmp = Hmp(self.sock, self.con, 60)
        return self.hmp

    def kill(self):
        if self.proc.poll() is None:
            kill_group(self.proc)
            self.proc.wait()


def migrate(src, dst_port, bandwidth, give_up):
    hmp = src.monitor()
    out, _ = hmp.cmd("migrate_set_parameter max-bandwidth %s" % bandwidth)
    if out.strip():
        raise RuntimeError("max-bandwidth %s: %s" % (bandwidth, out.strip()))
    t0 = time.monotonic()
    out, _ = hmp.cmd("migrate -d tcp:127.0.0.1:%d" % dst_port)
    if out.strip():
        raise RuntimeError("migrate: %s" % out.strip())
    while True:
        info, _ = hmp.cmd("info migrate")
        status = re.search(r"Migration status:\s*(\S+)", info)
        status = status.group(1) if status else "?"
        if status in ("completed", "failed", "cancelled"):
            break
        if time.monotonic() - t0 > give_up:
            hmp.cmd("migrate_cancel")
            time.sleep(1)
            info, _ = hmp.cmd("info migrate")
            status = "not converged in %d s" % give_up
            break
        time.sleep(0.05)
    r = {"status": status, "wall_ms": round((time.monotonic() - t0) * 1000)}
    for key, pattern in FIELDS:
        m = re.search(pattern, info, re.M)
        if m:
            r[key] = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
    r["info"] = info.strip()
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--emulator", required=True)
    ap.add_argument("--ram", required=True)
    ap.add_argument("--dirty", action="store_true")
    ap.add_argument("--bandwidths", default="1T 100M",
                    help="max-bandwidth values (HMP units: MiB/s by default); 1T = unlimited")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds to reach the prompt")
    ap.add_argument("--give-up", type=float, default=60.0, help="seconds before migrate_cancel")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    log = open(args.log, "wb")
    base = {"emulator": args.emulator, "ram": args.ram,
            "mode": "dirty" if args.dirty else "idle"}
    vms = []
    status = 0
    try:
        src = Vm(cmd, os.path.join(args.workdir, "mon-0.sock"), log)
        vms.append(src)
        t0 = time.monotonic()
        ok = src.con.wait_for(b"BOOT-OK", 0, args.timeout)
        src.con.wait_for(PROMPT, ok, args.timeout - (time.monotonic() - t0))
        src.con.drain(1.0)
        if args.dirty:
            mark = len(src.con.out)
            src.con.type(DIRTY_LOOP)
            src.con.drain(1.0)
            src.con.type(b"ls -l /tmp/d; echo DIRTY-$((40+2))\n")
            src.con.wait_for(b"DIRTY-42\r\n", mark, 120)
            src.con.drain(3.0)
        for n, bandwidth in enumerate(args.bandwidths.split(), start=1):
            port = free_port()
            dst = Vm(cmd, os.path.join(args.workdir, "mon-%d.sock" % n), log, port)
            vms.append(dst)
            dst.monitor()  # its monitor answers once the process is up
            time.sleep(0.5)  # and -incoming listens right after the monitors
            r = dict(base, bandwidth=bandwidth, error=None)
            try:
                r.update(migrate(src, port, bandwidth, args.give_up))
                if r["status"] == "completed":
                    # busybox may read the first typed byte as the answer to its cursor query
                    dst.con.type(b"\n")
                    dst.con.drain(1.0)
                    mark = len(dst.con.out)
                    dst.con.type(b"echo ALIVE-$((40+2))\n")
                    dst.con.wait_for(b"ALIVE-42", mark, 120)
                else:
                    r["error"] = r["status"]
            except Exception as e:  # pylint: disable=broad-except
                r["error"] = str(e)
            print(json.dumps(r), flush=True)
            if r["error"] is not None:
                status = 1
                break
            try:
                src.monitor().sock.sendall(b"quit\n")
                src.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                pass
            src.kill()
            src = dst
    except Exception as e:  # pylint: disable=broad-except
        print(json.dumps(dict(base, error=str(e))), flush=True)
        status = 1
    finally:
        for vm in vms:
            vm.kill()
        log.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
