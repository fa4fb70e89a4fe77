#!/usr/bin/env bash
# Makes sure the outside tools the tests use are here: Debian's chromium and
# GDAL's ogrinfo. As root with apt-get it installs them; otherwise it stops
# with the exact command to run.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "the tests need ${missing[*]}: run  sudo apt-get install -y ${missing[*]}" >&2
exit 1
