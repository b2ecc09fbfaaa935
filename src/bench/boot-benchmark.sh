#!/usr/bin/env bash
# boot-benchmark.sh — how long Cairn takes to boot Linux to a shell, next to QEMU.
#
# Boots the same firmware, kernel and initramfs (default: the cached Debian trixie images in
# ~/.cache/cairn/images/debian-trixie-riscv64) N times (default 5) with each of:
#   qemu   qemu-system-riscv64 -M virt -smp 1 -m 512M -bios ... -kernel ... -initrd ...
#          -append console=ttyS0 -nographic -monitor none
#   cairn  ./cairn run -nographic -m 512M -bios ... -kernel ... -initrd ... -append console=ttyS0
#   mips   dev.cairn.bench.BootMips (src/test/java): the same boot through the Machine API, which
#          reports the guest instructions executed up to the prompt and the MIPS
# alternating qemu, cairn, mips within each round. For every run src/bench/boot_driver.py times,
# from process start, the first "BOOT-OK <uptime>" line and the first "~ # " prompt, keeps the
# guest's own <uptime>, types "poweroff -f" and waits for the exit (a watchdog kills hung runs).
# It prints a table per run, the medians and the ratio Cairn/QEMU, and writes
# target/bench/boot-<timestamp>.csv (the raw JSON lines and console logs sit next to it).
#
# Usage: src/bench/boot-benchmark.sh [-n RUNS] [--images DIR] [--bios F] [--kernel F]
#            [--initrd F] [--qemu PATH] [--no-mips] [--no-qemu] [--max-load L] [--quiet-wait S]
#            [--timeout S]
# Environment: CAIRN_BENCH_RUNS, CAIRN_BENCH_IMAGES, QEMU (same meaning as the flags).
# The host should be otherwise idle (2 cores: never run two emulators at once); before each run
# the script waits up to --quiet-wait seconds (default 60) for the 1-minute load average to fall
# below --max-load (default 1.0), and it records the load and the CPU time other processes used
# during the run. --timeout (default 300 s) is the watchdog for reaching the prompt; a ./cairn
# run that misses it gets a jstack dump next to its console log before it is killed, and BootMips
# prints samples of the hart's pc when the guest hangs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
driver="$root/src/bench/boot_driver.py"

runs="${CAIRN_BENCH_RUNS:-5}"
images="${CAIRN_BENCH_IMAGES:-$HOME/.cache/cairn/images/debian-trixie-riscv64}"
qemu="${QEMU:-qemu-system-riscv64}"
bios="" kernel="" initrd=""
with_mips=1 with_qemu=1 max_load=1.0 quiet_wait=60 timeout=300

die() {
  echo "boot-benchmark: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--runs) runs="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --bios) bios="$2"; shift 2 ;;
    --kernel) kernel="$2"; shift 2 ;;
    --initrd) initrd="$2"; shift 2 ;;
    --qemu) qemu="$2"; shift 2 ;;
    --no-mips) with_mips=0; shift ;;
    --no-qemu) with_qemu=0; shift ;;
    --max-load) max_load="$2"; shift 2 ;;
    --quiet-wait) quiet_wait="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "-n wants a positive number, not '$runs'"
bios="${bios:-$images/fw_dynamic.bin}"
kernel="${kernel:-$images/Image}"
initrd="${initrd:-$images/initrd.cpio.gz}"

# ---- prerequisites ----
command -v python3 >/dev/null || die "python3 is needed for src/bench/boot_driver.py"
for file in "$bios" "$kernel" "$initrd"; do
  [[ -f "$file" ]] || die "missing image $file
  Get the default Debian images with: ./cairn images fetch   (after installer/setup-debian.sh)
  or point the benchmark elsewhere with --images DIR or --bios/--kernel/--initrd."
done
if [[ $with_qemu == 1 ]] && ! command -v "$qemu" >/dev/null; then
  die "$qemu not found. Install QEMU with installer/setup-debian.sh (Debian package
  qemu-system-misc), set QEMU=/path/to/qemu-system-riscv64, or pass --no-qemu."
fi
command -v java >/dev/null || die "java not found; run installer/setup-debian.sh"

# Build now, so that no run pays for it (./cairn rebuilds when sources are newer than its stamp).
stamp="$root/target/.cairn-build-stamp"
sources=("$root/pom.xml")
for dir in src/main resources icons; do [[ -d "$root/$dir" ]] && sources+=("$root/$dir"); done
if [[ ! -d "$root/target/classes" || ! -d "$root/target/lib" || ! -f "$stamp" ]] ||
  [[ -n "$(find "${sources[@]}" -newer "$stamp" -print -quit)" ]]; then
  command -v mvn >/dev/null || die "Maven not found; run installer/setup-debian.sh"
  echo "boot-benchmark: building Cairn (mvn -q -B -DskipTests package)..." >&2
  mvn -q -B -Dstyle.color=never -f "$root/pom.xml" -DskipTests package >&2
  touch "$stamp"
fi
if [[ $with_mips == 1 ]]; then
  mips_class="$root/target/test-classes/dev/cairn/bench/BootMips.class"
  mips_source="$root/src/test/java/dev/cairn/bench/BootMips.java"
  if [[ ! -f "$mips_class" || "$mips_source" -nt "$mips_class" ]]; then
    echo "boot-benchmark: compiling BootMips (mvn -q -B -o test-compile)..." >&2
    mvn -q -B -o -Dstyle.color=never -f "$root/pom.xml" test-compile >&2
  fi
fi

# ---- host ----
stamp_now="$(date +%Y%m%d-%H%M%S)"
outdir="$root/target/bench"
mkdir -p "$outdir/boot-$stamp_now.logs"
results="$outdir/boot-$stamp_now.jsonl"
csv="$outdir/boot-$stamp_now.csv"
: >"$results"

echo "== host"
echo "cpu:     $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "cores:   $(nproc) online ($(grep -c '^processor' /proc/cpuinfo) in /proc/cpuinfo)"
echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "kernel:  $(uname -sr)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "java:    $(java -version 2>&1 | tr '\n' ';' | sed 's/;$//; s/;/ | /g')"
if [[ $with_qemu == 1 ]]; then
  echo "qemu:    $("$qemu" --version | head -n1)"
fi
echo "images:  bios $bios"
echo "         kernel $kernel"
echo "         initrd $initrd"
echo "runs:    $runs per emulator"
echo

wait_for_quiet() {
  local waited=0
  while awk -v max="$max_load" '{ exit !($1 >= max) }' /proc/loadavg; do
    if ((waited >= quiet_wait)); then
      echo "   (load average $(cut -d' ' -f1 /proc/loadavg) >= $max_load after ${waited} s; running anyway)"
      return
    fi
    sleep 5
    waited=$((waited + 5))
  done
}

run_one() { # name run command...
  local name="$1" run="$2"
  shift 2
  local extra=()
  [[ $name == mips ]] && extra=(--no-poweroff --exit-timeout 90)
  [[ $name == cairn ]] && extra+=(--jstack "$outdir/boot-$stamp_now.logs/$name-$run.jstack.txt")
  wait_for_quiet
  echo "-- run $run: $name (load $(cut -d' ' -f1 /proc/loadavg))"
  local line
  line="$(python3 "$driver" --label "$name" --run "$run" --timeout "$timeout" "${extra[@]}" \
    --log "$outdir/boot-$stamp_now.logs/$name-$run.log" -- "$@")" || true
  echo "$line" >>"$results"
  python3 - "$line" <<'EOF'
import json, sys
r = json.loads(sys.argv[1])
msg = "   prompt %s s, BOOT-OK %s s (guest uptime %s s), exit %s" % (
    r["prompt_s"], r["boot_ok_s"], r["guest_uptime_s"], r["exit_status"])
if "bootmips_instret" in r:
    msg += ", %d instructions, %.1f MIPS" % (r["bootmips_instret"], r["bootmips_mips"])
print(msg)
if r.get("error"):
    print("   ERROR: %s; tail of the console:" % r["error"])
    print("   | " + r.get("tail", "").replace("\r", "").replace("\n", "\n   | "))
EOF
}

for ((i = 1; i <= runs; i++)); do
  if [[ $with_qemu == 1 ]]; then
    run_one qemu "$i" "$qemu" -M virt -smp 1 -m 512M -bios "$bios" -kernel "$kernel" \
      -initrd "$initrd" -append "console=ttyS0" -nographic -monitor none
  fi
  run_one cairn "$i" "$root/cairn" run -nographic -m 512M -bios "$bios" -kernel "$kernel" \
    -initrd "$initrd" -append "console=ttyS0"
  if [[ $with_mips == 1 ]]; then
    # BootMips gives up 10 s before the driver would kill it, printing where the hart is.
    run_one mips "$i" java -Xss8m -cp "$root/target/classes:$root/target/test-classes:$root/target/lib/*" \
      dev.cairn.bench.BootMips "$bios" "$kernel" "$initrd" "$((timeout - 10))"
  fi
done

echo
echo "== results (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 "$driver" summarize "$results" "$csv"
