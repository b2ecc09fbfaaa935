#!/usr/bin/env python3
"""One emulator's side of src/bench/migration-benchmark.sh: live migration over loopback.

For every bandwidth given, boots the guest (the command after "--", without -monitor and
-incoming, which are added here) to the busybox prompt with its serial console on pipes,
optionally starts the same memory-dirtying loop as snapshot_qemu.py (16 MiB of random data copied
four times into /tmp/d, over and over: 64 MiB rewritten per round), then:

  * starts a second process of the same command with "-incoming tcp:127.0.0.1:PORT" and an HMP
    monitor on a unix socket;
  * on the source's monitor: "migrate_set_parameter max-bandwidth BW", then "migrate -d
    tcp:127.0.0.1:PORT", polling "info migrate" every 50 ms until completed or failed (after
    --give-up seconds: migrate_cancel, recorded as "not converged");
  * checks that the guest answers on the destination's console ("echo ALIVE-$((40+2))") and
    kills both.

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
            self.hmp = Hmp(self.sock, self.con, 180)
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


def boot(vm, args):
    """Waits for the busybox prompt; with --dirty starts the dirtying loop."""
    t0 = time.monotonic()
    ok = vm.con.wait_for(b"BOOT-OK", 0, args.timeout)
    vm.con.wait_for(PROMPT, ok, args.timeout - (time.monotonic() - t0))
    vm.con.drain(1.0)
    if args.dirty:
        mark = len(vm.con.out)
        vm.con.type(DIRTY_LOOP)
        vm.con.drain(1.0)
        vm.con.type(b"ls -l /tmp/d; echo DIRTY-$((40+2))\n")
        vm.con.wait_for(b"DIRTY-42\r\n", mark, 600)  # 16 MiB of urandom first
        vm.con.drain(3.0)


def alive(vm):
    """Checks that the migrated guest's shell answers on the destination's console."""
    # busybox may read the first typed byte as the answer to its cursor query
    vm.con.type(b"\n")
    vm.con.drain(1.0)
    mark = len(vm.con.out)
    vm.con.type(b"echo ALIVE-$((40+2))\n")
    vm.con.wait_for(b"ALIVE-42", mark, 120)


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
        for n, bandwidth in enumerate(args.bandwidths.split(), start=1):
            # A fresh boot for every bandwidth: QEMU 7.2's riscv guest hung (shell echoes,
            # runs nothing) after a second migration in a row, so no ping-pong.
            src = Vm(cmd, os.path.join(args.workdir, "src-%d.sock" % n), log)
            vms.append(src)
            boot(src, args)
            port = free_port()
            dst = Vm(cmd, os.path.join(args.workdir, "dst-%d.sock" % n), log, port)
            vms.append(dst)
            dst.monitor()  # its monitor answers once the process is up
            time.sleep(0.5)  # and -incoming listens right after the monitors
            r = dict(base, bandwidth=bandwidth, error=None)
            try:
                r.update(migrate(src, port, bandwidth, args.give_up))
                if r["status"] == "completed":
                    alive(dst)
                else:
                    r["error"] = r["status"]
            except Exception as e:  # pylint: disable=broad-except
                r["error"] = str(e)
            print(json.dumps(r), flush=True)
            if r["error"] is not None:
                status = 1
            for vm in (src, dst):
                vm.kill()
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
