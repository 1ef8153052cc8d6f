#!/bin/sh
# Installs the Debian packages listed in scripts/system-packages/GROUP.txt that are not installed yet.
# Usage: scripts/install-system-packages.sh [GROUP...]   (default: run test bundle; see the .txt files)
# As root it runs apt-get; otherwise through sudo. `apt-get update` runs once, and only when something is missing
# (not at all with APT_UPDATED=1, when the caller has just run it).
# --list prints the packages of the groups and exits; --missing prints only those not installed yet.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mode=install
case "${1:-}" in --list) mode=list; shift ;; --missing) mode=missing; shift ;; esac
[ "$#" -gt 0 ] || set -- run test bundle

python_xy() {  # X.Y of the python3 that `make` will use; from apt's python3 when it is not installed yet
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])'
  else
    apt-cache depends python3 2>/dev/null | sed -n 's/.*Depends: python\([0-9]*\.[0-9]*\)$/\1/p' | head -n 1
  fi
}

for group in "$@"; do
  file="$here/system-packages/$group.txt"
  [ -f "$file" ] || { echo "install-system-packages: no such group: $group ($file)" >&2; exit 2; }
done

packages() {  # the packages of the groups, one a line, {python} replaced
  for group in "$@"; do
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/system-packages/$group.txt" | grep -v '^$' || true
  done | { xy=; while read -r pkg; do
    case "$pkg" in *'{python}'*) [ -n "$xy" ] || xy=$(python_xy); pkg=$(echo "$pkg" | sed "s/{python}/$xy/") ;; esac
    echo "$pkg"; done; } | awk '!seen[$0]++'
}

missing_packages() {  # those not installed, nor provided by an installed package (Ubuntu 24.04's t64 renames)
  have=$(dpkg-query -W -f='${db:Status-Abbrev}|${Package}, ${Provides}\n' 2>/dev/null | sed -n 's/^ii *|//p' \
    | tr ',' '\n' | sed -e 's/^ *//' -e 's/[ :].*//' | sort -u)
  for pkg in "$@"; do echo "$have" | grep -qxF "$pkg" || echo "$pkg"; done
}

if [ "$mode" = list ]; then packages "$@"; exit 0; fi
if ! command -v python3 >/dev/null 2>&1 && [ "$mode" = install ]; then
  needs_python_first=yes  # {python} is resolved from apt's lists, which need an update first
fi
wanted=$(packages "$@")
# shellcheck disable=SC2086 # one package a word
missing=$(missing_packages $wanted)
if [ "$mode" = missing ]; then [ -z "$missing" ] || echo "$missing"; exit 0; fi
if [ -z "$missing" ]; then
  echo "System packages: all $(echo "$wanted" | wc -l) installed ($*)"
  exit 0
fi
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
echo "Installing Debian packages:" $missing
[ "${APT_UPDATED:-}" = 1 ] || $sudo apt-get update -qq  # APT_UPDATED=1: the caller has just run it
if [ "${needs_python_first:-}" = yes ]; then  # now apt knows python3's version: resolve {python} again
  wanted=$(packages "$@")
  # shellcheck disable=SC2086
  missing=$(missing_packages $wanted)
fi
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
