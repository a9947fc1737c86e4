#!/bin/sh
# Installs what the bench compares jobsh with, when it is missing: bash and
# dash (Debian: apt-get, as root or with sudo).
set -e
missing=
for p in bash dash; do
	command -v "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sh "$(dirname "$0")/../tests/apt-install.sh" bench $missing
