#!/usr/bin/env bash
# The netboot stage boots real firmware (QEMU + iPXE option ROM, SeaBIOS then OVMF) against
# `wild pxe serve`. This installs Debian's packages it needs when missing and fetches a small
# Debian kernel into a cache outside the repo. Prints the kernel path on its last line.
set -euo pipefail
cache="${WILD_NETBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wild-central-netboot}"

# dnsmasq-base is Debian's dnsmasq binary without the system service: the test runs it by hand
# in a namespace, and a service started by apt would grab port 53/67 on the host.
need=()
for pair in qemu-system-x86:/usr/bin/qemu-system-x86_64 ipxe-qemu:/usr/lib/ipxe/qemu/efi-e1000.rom \
  ipxe:/usr/lib/ipxe/undionly.kpxe ovmf:/usr/share/OVMF/OVMF_CODE.fd dnsmasq-base:/usr/sbin/dnsmasq \
  busybox-static:/bin/busybox iproute2:/usr/sbin/ip; do
  [ -e "${pair#*:}" ] || need+=("${pair%%:*}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "The netboot tests need these Debian packages: ${need[*]} (run as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "Installing ${need[*]} for the netboot tests (one-off)…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The cloud flavour: the smallest Debian kernel that boots under both SeaBIOS and OVMF with a
# serial console; only its vmlinuz is kept.
mkdir -p "$cache"
if ! ls "$cache"/vmlinuz-* >/dev/null 2>&1; then
  pkg="$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/{print $2; exit}')"
  [ -n "$pkg" ] || { echo "No linux-image-cloud-amd64 in the apt sources (run apt-get update)." >&2; exit 1; }
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  chmod 755 "$work" # apt downloads as its _apt user
  (cd "$work" && apt-get download -qq "$pkg" >&2)
  dpkg-deb -x "$work"/*.deb "$work/root"
  cp "$work"/root/boot/vmlinuz-* "$cache/"
fi
ls "$cache"/vmlinuz-* | head -n1
