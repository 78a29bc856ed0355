#!/usr/bin/env bash
# Installs the real peers the tests talk to, when missing (Debian/Ubuntu, as root or with sudo):
# keychain (gnome-keyring + dbus), nginx, ignition-validate, OpenSSH server, Chromium, xz, cpio,
# util-linux (loop devices, setpriv), apparmor (apparmor_parser checks the shipped profiles; nothing
# is loaded), and kubectl 1.20 from Debian's kubernetes-client extracted into
# .cache/peers (the machine may have a different kubectl on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(dbus dbus-bin gnome-keyring libsecret-1-0 nginx ignition openssh-server openssh-client chromium xz-utils cpio util-linux apparmor fonts-noto-cjk openssl tar time)
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
if [ ! -x "$peers/kubectl" ]; then
  echo "Extracting kubectl from Debian's kubernetes-client into $peers"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download kubernetes-client >/dev/null 2>&1 || { $SUDO apt-get update -qq && apt-get download kubernetes-client >/dev/null; })
  dpkg -x "$tmp"/kubernetes-client_*.deb "$tmp/x"
  cp "$tmp/x/usr/bin/kubectl" "$peers/kubectl"
  rm -rf "$tmp"
fi
"$peers/kubectl" version --client --short 2>/dev/null | head -1 || true
