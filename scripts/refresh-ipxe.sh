#!/usr/bin/env bash
# Refreshes resources/ipxe from Debian's `ipxe` package: the maintained, signed source of the
# iPXE builds `wild pxe serve` hands to network-booting firmware. Debian 13 (trixie) and later
# ship the arm64 EFI build beside the x86 ones; older releases have no arm64 build at all, so
# the package is fetched from the archive of SUITE (default: stable) rather than taken from
# whatever this machine has installed.
#
# Trust: the suite's InRelease is checked with gpgv against Debian's archive keyring; it gives
# the SHA-256 of the Packages index, which gives the SHA-256 of the .deb. A mismatch anywhere
# stops the refresh before resources/ipxe is touched. Commit the result with the version.
#
# Usage: scripts/refresh-ipxe.sh [--accept-unverified-index] [SUITE]   (needs curl, gpgv, xz, dpkg-deb, debian-archive-keyring)
set -euo pipefail
cd "$(dirname "$0")/.."
accept_unverified_index=0
if [ "${1:-}" = --accept-unverified-index ]; then accept_unverified_index=1; shift; fi
suite="${1:-stable}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
dest=resources/ipxe
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in curl gpgv xz dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || { echo "refresh-ipxe: $tool is needed (apt-get install $tool)." >&2; exit 1; }
done
[ -r "$keyring" ] || { echo "refresh-ipxe: $keyring is missing (apt-get install debian-archive-keyring)." >&2; exit 1; }

fetch() { curl -fsS --retry 3 --max-time 300 -o "$2" "$mirror/$1"; }
sha_of() { sha256sum "$1" | cut -d' ' -f1; }

fetch "dists/$suite/InRelease" "$work/InRelease"
gpgv --keyring "$keyring" --output "$work/Release" "$work/InRelease" 2>/dev/null \
  || { echo "refresh-ipxe: the signature of $suite's InRelease does not verify." >&2; exit 1; }

index=main/binary-all/Packages.xz
want="$(awk -v f="$index" '/^SHA256:/{s=1; next} /^[A-Za-z]/{s=0} s && $3==f {print $1}' "$work/Release")"
[ -n "$want" ] || { echo "refresh-ipxe: $index is not listed in $suite's Release." >&2; exit 1; }
# A mirror behind a cache may serve a Packages.xz older or newer than this InRelease: try the
# by-hash path first (exactly the named file), then the plain one.
fetch "dists/$suite/main/binary-all/by-hash/SHA256/$want" "$work/Packages.xz" 2>/dev/null \
  || fetch "dists/$suite/$index" "$work/Packages.xz"
index_note="checked against the signed InRelease"
if [ "$(sha_of "$work/Packages.xz")" != "$want" ]; then
  if [ "$accept_unverified_index" != 1 ]; then
    echo "refresh-ipxe: $index from $mirror does not match the signed Release (a stale mirror or cache)." >&2
    echo "Try another mirror (DEBIAN_MIRROR=...), or pass --accept-unverified-index to trust the index as served." >&2
    exit 1
  fi
  index_note="index NOT verified against InRelease (--accept-unverified-index)"
fi

# The ipxe stanza: its Version, Filename and SHA256.
read -r version filename debsha < <(xz -dc "$work/Packages.xz" | awk '
  /^Package: /{p=($2=="ipxe")} p&&/^Version: /{v=$2} p&&/^Filename: /{f=$2} p&&/^SHA256: /{s=$2}
  /^$/{if(p&&f){print v, f, s; exit} p=0}')
[ -n "${filename:-}" ] || { echo "refresh-ipxe: $suite has no ipxe package." >&2; exit 1; }
fetch "$filename" "$work/ipxe.deb"
[ "$(sha_of "$work/ipxe.deb")" = "$debsha" ] || { echo "refresh-ipxe: $filename does not match its Packages checksum." >&2; exit 1; }

dpkg-deb -x "$work/ipxe.deb" "$work/root"
lib="$work/root/usr/lib/ipxe"
# Newer packages name the x86-64 build ipxe-amd64.efi (ipxe.efi is a link to it).
efi="$lib/ipxe-amd64.efi"; [ -e "$efi" ] || efi="$lib/ipxe.efi"
for f in "$lib/undionly.kpxe" "$efi" "$lib/snponly.efi" "$lib/ipxe-arm64.efi"; do
  [ -s "$f" ] || { echo "refresh-ipxe: ipxe $version has no $(basename "$f")." >&2; exit 1; }
done

mkdir -p "$dest"
cp -L "$lib/undionly.kpxe" "$lib/snponly.efi" "$lib/ipxe-arm64.efi" "$dest/"
cp -L "$efi" "$dest/ipxe.efi"
# The licence: Debian's copyright file names the GPL-2.0 (with the UBDL exception) and the
# authors; the GPL text itself is Debian's common-licenses copy.
cp "$work/root/usr/share/doc/ipxe/copyright" "$dest/COPYRIGHT"
if [ -r /usr/share/common-licenses/GPL-2 ]; then cp /usr/share/common-licenses/GPL-2 "$dest/COPYING"; fi
{
  echo "Source: Debian package ipxe $version from $suite (https://packages.debian.org/source/ipxe)"
  echo "Fetched: $mirror/$filename (SHA-256 $debsha; $index_note)"
  echo "Refreshed with scripts/refresh-ipxe.sh"
  echo
  (cd "$dest" && sha256sum undionly.kpxe ipxe.efi snponly.efi ipxe-arm64.efi)
} > "$dest/SOURCE"
echo "resources/ipxe refreshed from ipxe $version ($suite)" >&2
