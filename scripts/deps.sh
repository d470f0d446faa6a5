#!/bin/sh
# scripts/deps.sh - installs what building and testing sluice needs on
# Debian 12, with apt-get, when it is missing. Safe to run again.
set -eu

packages="build-essential autoconf automake libtool libltdl-dev pkg-config
  libjansson-dev libutf8proc-dev libxml2-dev zlib1g-dev libzstd-dev
  libsqlite3-dev libcld2-dev libxxhash-dev libcriterion-dev python3"
if [ "${1:-}" = "--test" ]; then
  packages="$packages valgrind clang cppcheck clang-tidy clang-format
    shellcheck sqlite3 zstd time chromium"
fi

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "deps.sh: missing packages:$missing (run as root to install them)" >&2
  exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
