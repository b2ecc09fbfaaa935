#!/usr/bin/env bash
# Host-side qcow2 figures, Cairn's driver beside QEMU's on the same kind of file: a 10 GiB image,
# 2 GiB written sequentially in 1 MiB requests, read back, then internal snapshot create / apply /
# delete. Cairn also measures random 4 KiB I/O (qemu-img bench has no random mode).
# Usage: src/bench/block-benchmark.sh [DIR]   (DIR needs about 5 GiB free; default /tmp)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-/tmp}/cairn-block-bench.$$"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
cd "$root"
[[ -d target/test-classes ]] || mvn -q -B -o test-compile
[[ -d target/lib ]] || mvn -q -B -o dependency:copy-dependencies -DoutputDirectory=target/lib

echo "== Cairn"
java -cp "target/classes:target/test-classes:target/lib/*" dev.cairn.bench.BlockBench "$dir" 2

now() { date +%s.%N; }
ms() { echo "$1 $2" | awk '{printf "%.1f", ($2 - $1) * 1000}'; }
mbps() { echo "$1 $2 $3" | awk '{printf "%.1f", $3 / 1e6 / ($2 - $1)}'; }

echo "== QEMU $(qemu-img --version | head -1 | cut -d' ' -f3)"
f="$dir/qemu.qcow2"
qemu-img create -q -f qcow2 "$f" 10G
bytes=$((2048 * 1024 * 1024))
t0=$(now); qemu-img bench -q -w -t writeback -s 1M -S 1M -c 2048 -f qcow2 "$f"; sync -f "$f"; t1=$(now)
w=$(mbps "$t0" "$t1" "$bytes")
t0=$(now); qemu-img bench -q -t writeback -s 1M -S 1M -c 2048 -f qcow2 "$f"; t1=$(now)
r=$(mbps "$t0" "$t1" "$bytes")
echo "  sequential 1 MiB write $w MB/s   read $r MB/s   (whole qemu-img runs, start-up included)"
t0=$(now); qemu-img snapshot -c bench "$f"; sync -f "$f"; t1=$(now); c=$(ms "$t0" "$t1")
qemu-io -f qcow2 -c "write 0 64M" "$f" >/dev/null
t0=$(now); qemu-img snapshot -a bench "$f"; sync -f "$f"; t1=$(now); a=$(ms "$t0" "$t1")
t0=$(now); qemu-img snapshot -d bench "$f"; sync -f "$f"; t1=$(now); d=$(ms "$t0" "$t1")
echo "  snapshot create $c ms, apply $a ms, delete $d ms   (whole qemu-img runs)"
echo "QEMUBENCH seq_write_mbps=$w seq_read_mbps=$r snap_create_ms=$c snap_apply_ms=$a snap_delete_ms=$d"
