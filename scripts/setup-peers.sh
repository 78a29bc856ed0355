#!/usr/bin/env bash
# Installs the real peers the tests and benchmarks talk to, when missing (Debian/Ubuntu, as root or
# with sudo), and extracts kubectl 1.20 from Debian's kubernetes-client into .cache/peers (the
# machine may have a different kubectl on PATH). Every package a test or benchmark names in
# requirePeer() (test/support/peers.ts) must be in this list; test/unit/peers.test.ts checks it.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  dbus dbus-daemon dbus-bin gnome-keyring libsecret-1-0 # keychain: a private session bus + Secret Service
  nginx curl aria2                                      # download mirror; reference downloaders for the benchmarks
  ignition                                              # ignition-validate
  openssh-server openssh-client                         # SSH tab: sshd, ssh, ssh-keygen
  chromium fonts-noto-cjk                               # end-to-end tests (zh-CN pages need CJK fonts)
  xz-utils gzip cpio tar openssl                        # ISO areas, installer archives, test PKI
  util-linux mount e2fsprogs coreutils                  # loop devices (losetup, mount, mkfs.ext4, lsblk, findmnt, blockdev), setpriv
  apparmor                                              # apparmor_parser checks the shipped profiles; nothing is loaded
  pkexec                                                # USB helper elevation (no polkit daemon runs in tests)
  time                                                  # GNU time for the terminal benchmark
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test peers: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

peers=.cache/peers
mkdir -p "$peers"
if ! "$peers/kubectl" version --client 2>/dev/null | grep -q 'v1\.20\.'; then
  echo "Extracting kubectl 1.20 from Debian's kubernetes-client into $peers"
  tmp=$(mktemp -d)
  (cd "$tmp" && { apt-get download kubernetes-client >/dev/null 2>&1 || { $SUDO apt-get update -qq && apt-get download kubernetes-client >/dev/null; }; })
  dpkg -x "$tmp"/kubernetes-client_*.deb "$tmp/x"
  cp "$tmp/x/usr/bin/kubectl" "$peers/kubectl"
  rm -rf "$tmp"
fi
"$peers/kubectl" version --client --short 2>/dev/null | head -1 || true
