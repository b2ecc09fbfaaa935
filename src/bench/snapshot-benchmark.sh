#!/usr/bin/env bash
# snapshot-benchmark.sh — Cairn's savevm / live checkpoint / loadvm next to QEMU's.
#
# For RAM in 512M and 2G and for mode in idle and dirty, boots the cached Debian trixie images
# (~/.cache/cairn/images/debian-trixie-riscv64: fw_dynamic.bin, Image, initrd.cpio.gz) to the
# busybox prompt and measures, one emulator at a time:
#   cairn  dev.cairn.bench.SnapshotBench MiB [--dirty] (src/test/java): stop-the-world save to a
#          file, a live checkpoint (downtime limit 300 ms), a load into the VM that saved (paused,
#          then running again and answering, as QEMU's loadvm) and a load into a fresh machine
#   qemu   qemu-system-riscv64 -M virt -smp 1 -m RAM ... -nographic with a 64M qcow2 disk (where
#          savevm keeps the snapshot) and an HMP monitor on a unix socket, driven by
#          src/bench/snapshot_qemu.py: "savevm s1" (timed until the monitor prompt is back),
#          "info snapshots" (VM SIZE), "loadvm s1" (timed), then migrate -d "exec:cat > FILE"
#          polled with "info migrate" until completed ("total time", "downtime", file size)
# "dirty" first has the guest's shell fill 16 MiB of /tmp (ramfs) from /dev/urandom and run
# "while :; do cat /tmp/r /tmp/r /tmp/r /tmp/r > /tmp/d; done &" for a few seconds.
# Prints one table (rows: emulator, RAM, mode) and writes target/bench/snapshot-<ts>.csv; the raw
# outputs and console logs sit next to it in target/bench/snapshot-<ts>/.
#
# Usage: src/bench/snapshot-benchmark.sh [-n RUNS] [--images DIR] [--qemu PATH] [--no-qemu]
#            [--no-cairn] [--ram "512M 2G"] [--modes "idle dirty"]
# The host should be otherwise idle (2 cores: never run two emulators at once).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
images="${CAIRN_BENCH_IMAGES:-$HOME/.cache/cairn/images/debian-trixie-riscv64}"
qemu="${QEMU:-qemu-system-riscv64}"
runs=1 with_qemu=1 with_cairn=1 rams="512M 2G" modes="idle dirty"

die() {
  echo "snapshot-benchmark: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--runs) runs="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --qemu) qemu="$2"; shift 2 ;;
    --no-qemu) with_qemu=0; shift ;;
    --no-cairn) with_cairn=0; shift ;;
    --ram) rams="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for f in fw_dynamic.bin Image initrd.cpio.gz; do
  [[ -f "$images/$f" ]] || die "missing $images/$f"
done
if [[ $with_qemu == 1 ]]; then
  command -v "$qemu" >/dev/null || die "$qemu not found"
  command -v qemu-img >/dev/null || die "qemu-img not found (Debian: apt-get install qemu-utils)"
fi
if [[ $with_cairn == 1 ]]; then
  if [[ ! -d "$root/target/lib" ]]; then
    mvn -q -B -Dstyle.color=never -f "$root/pom.xml" -DskipTests package >&2
  fi
  mvn -q -B -o -Dstyle.color=never -f "$root/pom.xml" test-compile >&2
fi

ts="$(date +%Y%m%d-%H%M%S)"
outdir="$root/target/bench/snapshot-$ts"
csv="$root/target/bench/snapshot-$ts.csv"
results="$outdir/results.jsonl"
mkdir -p "$outdir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mib() {
  case "$1" in
    *G) echo $(( ${1%G} * 1024 )) ;;
    *M) echo "${1%M}" ;;
    *) echo "$1" ;;
  esac
}

for run in $(seq 1 "$runs"); do
  for ram in $rams; do
    for mode in $modes; do
      dirty_flag=()
      [[ $mode == dirty ]] && dirty_flag=(--dirty)
      if [[ $with_cairn == 1 ]]; then
        echo "snapshot-benchmark: run $run cairn $ram $mode..." >&2
        log="$outdir/cairn-$ram-$mode-$run.txt"
        if java -cp "$root/target/classes:$root/target/test-classes:$root/target/lib/*" \
            dev.cairn.bench.SnapshotBench "$(mib "$ram")" "${dirty_flag[@]}" >"$log" 2>&1; then
          python3 - "$log" "$ram" "$mode" "$run" >>"$results" <<'PY'
import json, sys
log, ram, mode, run = sys.argv[1:]
line = [l for l in open(log) if l.startswith("SNAPBENCH ")][-1]
r = {"emulator": "cairn", "ram": ram, "mode": mode, "run": int(run), "error": None}
for pair in line.split()[1:]:
    k, _, v = pair.partition("=")
    r[k] = int(v) if v.isdigit() else v
r["save_bytes"] = r.get("save_bytes")
print(json.dumps(r))
PY
        else
          echo "snapshot-benchmark: cairn $ram $mode failed, see $log" >&2
          echo "{\"emulator\": \"cairn\", \"ram\": \"$ram\", \"mode\": \"$mode\", \"run\": $run, \"error\": \"failed\"}" >>"$results"
        fi
      fi
      if [[ $with_qemu == 1 ]]; then
        echo "snapshot-benchmark: run $run qemu $ram $mode..." >&2
        rm -f "$work"/*
        qemu-img create -q -f qcow2 "$work/disk.qcow2" 64M
        python3 "$root/src/bench/snapshot_qemu.py" --monitor "$work/mon.sock" \
            --file "$work/migrate.bin" --ram "$ram" "${dirty_flag[@]}" \
            --log "$outdir/qemu-$ram-$mode-$run.log" -- \
            "$qemu" -M virt -smp 1 -m "$ram" -bios "$images/fw_dynamic.bin" \
            -kernel "$images/Image" -initrd "$images/initrd.cpio.gz" -append console=ttyS0 \
            -nographic -drive "file=$work/disk.qcow2,format=qcow2,if=virtio" \
            -monitor "unix:$work/mon.sock,server,nowait" \
          | python3 -c 'import json,sys; r=json.loads(sys.stdin.read()); r["run"]='"$run"'; print(json.dumps(r))' \
          >>"$results" || echo "snapshot-benchmark: qemu $ram $mode failed" >&2
      fi
    done
  done
done

python3 "$root/src/bench/snapshot_table.py" "$results" "$csv"
