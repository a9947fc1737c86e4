#!/bin/sh
# Installs what the bench compares jobsh with, when it is missing: bash and
# dash (Debian: apt-get, as root or with sudo).
set -e
missing=
for p in bash dash; do
	command -v "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
	echo "bench: missing:$missing (install them with apt-get)" >&2
	exit 1
fi
SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "bench: installing:$missing"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
