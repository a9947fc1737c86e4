#!/bin/sh
# Installs what `make fuzz` needs on Debian when it is missing: clang-14,
# its sanitizer and libFuzzer runtime (libclang-rt-14-dev), and jobsh's
# build dependencies (pkg-config, libev-dev, libedit-dev).
set -e
CC=${FUZZ_CC:-clang-14}
missing=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A compiler for the header checks even before clang is there.
if command -v "$CC" >/dev/null 2>&1; then
	probe=$CC
else
	missing="$missing clang-14"
	probe=cc
fi
have_header() { printf '#include <%s>\n' "$1" | "$probe" -E -x c - >/dev/null 2>&1; }
# The runtime: a fuzz target that links with every sanitizer we use.
have_runtime() {
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$tmp/t.c"
	"$CC" -fsanitize=fuzzer,address,undefined -o "$tmp/t" "$tmp/t.c" >/dev/null 2>&1
}

command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
have_header ev.h || missing="$missing libev-dev"
{ have_header histedit.h && pkg-config --exists libedit 2>/dev/null; } || missing="$missing libedit-dev"
if [ -z "$missing" ] && ! have_runtime; then
	missing="$missing libclang-rt-14-dev"
fi
case $missing in *clang-14*) missing="$missing libclang-rt-14-dev" ;; esac
[ -z "$missing" ] && exit 0

sh "$(dirname "$0")/../apt-install.sh" fuzz $missing
if ! have_runtime; then
	echo "jobsh: $CC cannot link -fsanitize=fuzzer,address,undefined" >&2
	exit 1
fi
