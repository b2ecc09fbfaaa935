#!/usr/bin/env bash
# migration-benchmark.sh — Cairn's live migration next to QEMU's, over loopback.
#
# For RAM in 512M (and 2G with --ram "512M 2G") and mode in idle and dirty, boots the cached
# Debian trixie images (~/.cache/cairn/images/debian-trixie-riscv64: fw_dynamic.bin, Image,
# initrd.cpio.gz) to the busybox prompt in one emulator, then migrates the running guest over
# tcp:127.0.0.1 into a second process of the same emulator started with -incoming, once per
# bandwidth (default "1T 100M": unlimited, then 100 MiB/s), with a fresh boot for each
# (QEMU 7.2 hung after back-to-back migrations). src/bench/migration_driver.py drives both emulators through the same HMP commands
# (migrate_set_parameter max-bandwidth, migrate -d, info migrate) and checks that the guest
# answers on the destination. Defaults of both: downtime-limit 300 ms, auto-converge off.
#   cairn  java dev.cairn.cli.Main run -M virt -smp 1 -m RAM -bios ... -nographic
#   qemu   qemu-system-riscv64 -M virt -smp 1 -m RAM -bios ... -nographic
# "dirty" first has the guest's shell fill 16 MiB of /tmp (ramfs) from /dev/urandom and run
# "while :; do cat /tmp/r /tmp/r /tmp/r /tmp/r > /tmp/d; done &" (64 MiB rewritten per round).
# A migration that has not completed after --give-up seconds (default 60) is cancelled and
# reported as not converged.
# Prints one table and writes target/bench/migration-<ts>.csv; raw JSON lines and console logs sit
# in target/bench/migration-<ts>/.
#
# Usage: src/bench/migration-benchmark.sh [--images DIR] [--qemu PATH] [--no-qemu] [--no-cairn]
#            [--ram "512M 2G"] [--modes "idle dirty"] [--bandwidths "1T 100M"] [--give-up S]
# The host should be otherwise idle: each emulator runs two processes at once during a migration.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
images="${CAIRN_BENCH_IMAGES:-$HOME/.cache/cairn/images/debian-trixie-riscv64}"
qemu="${QEMU:-qemu-system-riscv64}"
with_qemu=1 with_cairn=1 rams="512M" modes="idle dirty" bandwidths="1T 100M" give_up=60

die() {
  echo "migration-benchmark: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --images) images="$2"; shift 2 ;;
    --qemu) qemu="$2"; shift 2 ;;
    --no-qemu) with_qemu=0; shift ;;
    --no-cairn) with_cairn=0; shift ;;
    --ram) rams="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --bandwidths) bandwidths="$2"; shift 2 ;;
    --give-up) give_up="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
for f in fw_dynamic.bin Image initrd.cpio.gz; do
  [[ -f "$images/$f" ]] || die "missing $images/$f"
done
if [[ $with_qemu == 1 ]]; then
  command -v "$qemu" >/dev/null || die "$qemu not found"
fi
if [[ $with_cairn == 1 ]]; then
  if [[ ! -d "$root/target/lib" ]]; then
    mvn -q -B -Dstyle.color=never -f "$root/pom.xml" -DskipTests package >&2
  fi
  mvn -q -B -o -Dstyle.color=never -f "$root/pom.xml" compile >&2
fi

ts="$(date +%Y%m%d-%H%M%S)"
outdir="$root/target/bench/migration-$ts"
csv="$root/target/bench/migration-$ts.csv"
results="$outdir/results.jsonl"
mkdir -p "$outdir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

boot=(-M virt -smp 1 -bios "$images/fw_dynamic.bin" -kernel "$images/Image"
      -initrd "$images/initrd.cpio.gz" -append console=ttyS0 -nographic)
for ram in $rams; do
  for mode in $modes; do
    dirty_flag=()
    [[ $mode == dirty ]] && dirty_flag=(--dirty)
    for emulator in cairn qemu; do
      if [[ $emulator == cairn ]]; then
        [[ $with_cairn == 1 ]] || continue
        cmd=(java -Xss8m -cp "$root/target/classes:$root/target/lib/*" dev.cairn.cli.Main run)
      else
        [[ $with_qemu == 1 ]] || continue
        cmd=("$qemu")
      fi
      echo "migration-benchmark: $emulator $ram $mode ($bandwidths)..." >&2
      rm -f "$work"/*
      (cd "$root/src/bench" && python3 migration_driver.py --emulator "$emulator" --ram "$ram" \
          "${dirty_flag[@]}" --bandwidths "$bandwidths" --give-up "$give_up" \
          --workdir "$work" --log "$outdir/$emulator-$ram-$mode.log" -- \
          "${cmd[@]}" "${boot[@]}" -m "$ram") >>"$results" \
        || echo "migration-benchmark: $emulator $ram $mode had a failure (see $results)" >&2
    done
  done
done

python3 "$root/src/bench/migration_table.py" "$results" "$csv"
