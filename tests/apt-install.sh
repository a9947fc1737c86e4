#!/bin/sh
# apt-install.sh WHO PACKAGE...: installs Debian packages with apt-get, as
# root or through sudo; says what is missing (as WHO) when it cannot.
# Shared by tests/deps.sh, tests/fuzz/deps.sh and bench/deps.sh.
set -e
who=$1
shift
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
	echo "$who: missing: $* (install them with apt-get)" >&2
	exit 1
fi
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "$who: installing: $*"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
