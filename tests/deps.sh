#!/bin/sh
# Installs jobsh's build dependencies on Debian when they are missing.
set -e
missing=
have_header() { printf '#include <%s>\n' "$1" | cc -E -x c - >/dev/null 2>&1; }
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
have_header ev.h || missing="$missing libev-dev"
have_header histedit.h || have_header editline/readline.h && pkg-config --exists libedit 2>/dev/null || missing="$missing libedit-dev"
pkg-config --exists check 2>/dev/null || missing="$missing check"
[ -z "$missing" ] && exit 0
sh "$(dirname "$0")/apt-install.sh" jobsh $missing
