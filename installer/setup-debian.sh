#!/usr/bin/env bash
# Installs what Cairn needs on a fresh Debian machine: the JDK and Maven to build and run it, and
# the tools its tests compare against (dtc, QEMU, a RISC-V cross toolchain, a virtual X server).
# Safe to run again: packages already installed are left alone.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless
  maven
  device-tree-compiler
  qemu-system-misc
  qemu-utils
  gcc-riscv64-linux-gnu
  binutils-riscv64-linux-gnu
  xvfb
  libgtk-3-0
  fakeroot
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-debian: all packages are installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup-debian: run as root or install sudo; missing: ${missing[*]}" >&2
  exit 1
fi

echo "setup-debian: installing ${missing[*]}"
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  "${missing[@]}"
