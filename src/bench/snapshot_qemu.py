#!/usr/bin/env python3
"""QEMU side of src/bench/snapshot-benchmark.sh: savevm, loadvm and migrate-to-file timings.

Starts QEMU (the command after "--", which must include "-monitor unix:SOCK,server,nowait" for the
--monitor SOCK given here and a qcow2 drive for savevm) with its serial console on pipes, waits for
the "BOOT-OK" line and the busybox prompt "~ # " like boot_driver.py, optionally types the same
memory-dirtying loop as dev.cairn.bench.SnapshotBench --dirty, waits a few seconds, then over the
HMP monitor:

  * times "savevm s1" (HMP blocks until the snapshot is written) and reads the VM SIZE of s1 from
    "info snapshots";
  * times "loadvm s1";
  * starts "migrate -d exec:cat > FILE", polls "info migrate" until "completed", and reads
    "total time" and "downtime" from it, and the file's size;
  * types "quit".

Prints one JSON object on stdout; the console output goes to --log. Exit status 0 on success.
"""

import argparse
import json
import os
import re
import select
import socket
import subprocess
import sys
import time

from boot_driver import PROMPT, kill_group

# Keep in step with dev.cairn.bench.SnapshotBench.DIRTY_LOOP.
DIRTY_LOOP = (b"head -c 16777216 /dev/urandom > /tmp/r;"
              b" while :; do cat /tmp/r /tmp/r /tmp/r /tmp/r > /tmp/d; done &\n")
HMP_PROMPT = b"(qemu) "


class Console:
    """The guest's serial console on the QEMU process's pipes."""

    def __init__(self, proc, log):
        self.proc = proc
        self.fd = proc.stdout.fileno()
        self.log = log
        self.out = bytearray()

    def pump(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise RuntimeError("QEMU closed its output (exited?)")
            self.out += chunk
            if self.log:
                self.log.write(chunk)
                self.log.flush()

    def wait_for(self, needle, start, timeout):
        deadline = time.monotonic() + timeout
        while self.out.find(needle, start) < 0:
            if time.monotonic() > deadline:
                raise RuntimeError("no %r on the console within %.0f s; tail: %r"
                                   % (needle, timeout, bytes(self.out[-500:])))
            self.pump(0.05)
        return self.out.find(needle, start)

    def type(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(0.05)


class Hmp:
    """The human monitor on a unix socket; commands return their output (prompt stripped)."""

    def __init__(self, path, console, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.console = console
        self.buf = bytearray()
        self._until_prompt(timeout)

    def _until_prompt(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            i = self.buf.find(HMP_PROMPT)
            if i >= 0:
                text = bytes(self.buf[:i])
                del self.buf[:i + len(HMP_PROMPT)]
                return text.decode("utf-8", "replace")
            if time.monotonic() > deadline:
                raise RuntimeError("monitor prompt not back within %.0f s" % timeout)
            # Keep the serial pipe drained too, so a chatty guest never blocks QEMU.
            ready, _, _ = select.select([self.sock, self.console.fd], [], [], 0.05)
            if self.sock in ready:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise RuntimeError("monitor closed")
                self.buf += chunk
            if self.console.fd in ready:
                self.console.pump(0)

    def cmd(self, line, timeout=600):
        """Sends one command; returns (output, seconds until the prompt came back)."""
        t0 = time.monotonic()
        self.sock.sendall(line.encode() + b"\n")
        text = self._until_prompt(timeout)
        elapsed = time.monotonic() - t0
        # The monitor echoes the command line (with terminal escapes) before its output.
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text).replace("\r", "")
        lines = text.split("\n")
        if lines and line in lines[0]:
            lines = lines[1:]
        return "\n".join(lines), elapsed


def parse_size(text):
    m = re.match(r"([0-9.]+)\s*([KMGT]?)i?B?", text.strip())
    if not m:
        return None
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30,
                                     "T": 1 << 40}[m.group(2)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--monitor", required=True, help="the unix socket of -monitor")
    ap.add_argument("--file", required=True, help="where migrate exec:cat writes the stream")
    ap.add_argument("--dirty", action="store_true", help="start the dirtying loop first")
    ap.add_argument("--ram", default="", help="label for the result")
    ap.add_argument("--log", help="file to copy the console output to")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds to reach the prompt")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command given")

    result = {"emulator": "qemu", "ram": args.ram, "mode": "dirty" if args.dirty else "idle",
              "error": None}
    log = open(args.log, "wb") if args.log else None
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    con = Console(proc, log)
    try:
        t0 = time.monotonic()
        ok = con.wait_for(b"BOOT-OK", 0, args.timeout)
        con.wait_for(PROMPT, ok, args.timeout - (time.monotonic() - t0))
        result["prompt_s"] = round(time.monotonic() - t0, 3)
        con.drain(1.0)
        if args.dirty:
            mark = len(con.out)
            con.type(DIRTY_LOOP)
            con.drain(1.0)
            con.type(b"ls -l /tmp/d; echo DIRTY-$((40+2))\n")
            con.wait_for(b"DIRTY-42\r\n", mark, 60)
            reply = con.out[mark:].decode("utf-8", "replace")
            if "-rw" not in reply:
                raise RuntimeError("dirtying loop did not start: %r" % reply)
            result["dirty_check"] = " ".join(reply[reply.find("ls -l"):].split())[:160]
            con.drain(3.0)

        hmp = Hmp(args.monitor, con, 30)
        out, secs = hmp.cmd("savevm s1")
        if out.strip():
            result["savevm_output"] = out.strip()
        result["save_ms"] = round(secs * 1000)
        out, _ = hmp.cmd("info snapshots")
        for line in out.splitlines():
            fields = line.split()
            # ID TAG VM-SIZE DATE TIME VM-CLOCK ICOUNT; VM SIZE may be "123 MiB"
            if len(fields) >= 3 and fields[1] == "s1":
                m = re.match(r"\s*\S+\s+s1\s+([0-9.]+\s*[KMGT]?i?B?)\s", line)
                result["save_size_text"] = m.group(1).strip() if m else fields[2]
                result["save_bytes"] = parse_size(result["save_size_text"])
        out, secs = hmp.cmd("loadvm s1")
        if out.strip():
            result["loadvm_output"] = out.strip()
        result["load_ms"] = round(secs * 1000)
        if args.dirty:
            con.drain(2.0)  # let the loop dirty memory again after the load

        if os.path.exists(args.file):
            os.unlink(args.file)
        t_mig = time.monotonic()
        hmp.cmd('migrate -d "exec:cat > %s"' % args.file)
        info = ""
        while True:
            info, _ = hmp.cmd("info migrate")
            status = re.search(r"Migration status:\s*(\S+)", info)
            if status and status.group(1) in ("completed", "failed", "cancelled"):
                break
            if time.monotonic() - t_mig > 600:
                raise RuntimeError("migration not finished in 600 s")
            time.sleep(0.02)
        result["migrate_wall_ms"] = round((time.monotonic() - t_mig) * 1000)
        result["migrate_status"] = status.group(1)
        for key, name in (("live_total_ms", "total time"), ("live_pause_ms", "downtime"),
                          ("migrate_setup_ms", "setup"), ("migrate_dirty_sync_count",
                                                          "dirty sync count"),
                          ("migrate_duplicate_pages", "duplicate"),
                          ("migrate_normal_pages", "normal")):
            m = re.search(r"^%s:\s*([0-9]+)" % name, info, re.M)
            if m:
                result[key] = int(m.group(1))
        m = re.search(r"^total ram:\s*([0-9]+) kbytes", info, re.M)
        if m and "migrate_normal_pages" in result and "migrate_duplicate_pages" in result:
            # Pages sent beyond one copy of every RAM page: the dirty pages sent again.
            result["live_resent_pages"] = max(0, result["migrate_normal_pages"]
                                              + result["migrate_duplicate_pages"]
                                              - int(m.group(1)) // 4)
        result["migrate_info"] = info.strip()
        # exec:cat may still be flushing when the status flips; give it a moment.
        size = -1
        for _ in range(50):
            new = os.path.getsize(args.file) if os.path.exists(args.file) else -1
            if new == size and new > 0:
                break
            size = new
            time.sleep(0.1)
        result["live_bytes"] = size
        if status.group(1) != "completed":
            result["error"] = "migration " + status.group(1)
        try:
            hmp.sock.sendall(b"quit\n")
        except OSError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    except Exception as e:  # pylint: disable=broad-except
        result["error"] = str(e)
    finally:
        if proc.poll() is None:
            kill_group(proc)
            proc.wait()
        if log:
            log.close()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0 if result["error"] is None else 1


if __name__ == "__main__":
    sys.exit(main())
