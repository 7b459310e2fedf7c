#!/usr/bin/env bash
# Refreshes resources/ipxe from Debian's `ipxe` package: the maintained, signed source of the
# iPXE builds `wild pxe serve` hands to network-booting firmware. Run after a Debian update
# (apt-get install --only-upgrade ipxe) and commit the result with the package version.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/lib/ipxe
dest=resources/ipxe
[ -e "$src/undionly.kpxe" ] || { echo "Debian's ipxe package is not installed (apt-get install ipxe)." >&2; exit 1; }
mkdir -p "$dest"
cp -L "$src/undionly.kpxe" "$src/ipxe.efi" "$src/snponly.efi" "$dest/"
# The licence: Debian's copyright file names the GPL-2.0 (with the UBDL exception) and the
# authors; the GPL text itself comes from common-licenses.
cp /usr/share/doc/ipxe/copyright "$dest/COPYRIGHT"
cp /usr/share/common-licenses/GPL-2 "$dest/COPYING"
version="$(dpkg-query -W -f='${Version}' ipxe)"
# Debian ships no arm64 EFI build of iPXE (the package is built on amd64 for x86 only), so
# ipxe-arm64.efi stays absent and the server reports it as missing rather than faking one.
{
  echo "Source: Debian package ipxe $version (https://packages.debian.org/source/ipxe)"
  echo "Refreshed with scripts/refresh-ipxe.sh"
  echo
  (cd "$dest" && sha256sum undionly.kpxe ipxe.efi snponly.efi)
} > "$dest/SOURCE"
echo "resources/ipxe refreshed from ipxe $version" >&2
