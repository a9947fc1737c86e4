#!/usr/bin/env bash
# make valgrind: every e2e case (tests/e2e/*.t) with jobsh under
#   valgrind --leak-check=full --errors-for-leak-kinds=definite
#            --error-exitcode=99
# Fails when a case's jobsh (or a jobsh it starts) reports a memory error
# or a definite leak: valgrind's report goes to that jobsh's stderr, so it
# shows in the case's stderr diff, and the status is 99.  Cases that
# differ only because valgrind is slow or spawns differently (a failed
# exec reports 127) are listed but not counted.
#
#   JOBSH=./jobsh bash tests/fault/valgrind.sh [FILTER]
set -u
JOBSH=${JOBSH:-./jobsh}
JOBSH=$(cd "$(dirname "$JOBSH")" && pwd)/$(basename "$JOBSH")
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind >/dev/null || {
	echo "valgrind: not installed (apt-get install valgrind)"
	exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Valgrind's own descriptors stay out of the shell's children: it writes
# to the shell's stderr, and only what it finds.
cat > "$work/jobsh" <<EOF
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite \\
    --errors-for-leak-kinds=definite --error-exitcode=99 \\
    --child-silent-after-fork=yes "$JOBSH" "\$@"
EOF
chmod +x "$work/jobsh"
echo "valgrind: e2e cases with $JOBSH under valgrind (slow)"
JOBSH=$work/jobsh bash "$here/../e2e/run.sh" "${1:-}" > "$work/out" 2>&1
total=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
    "$work/out")
# Failure blocks: "FAIL: ..." up to the next one or the summary.
awk -v bad="$work/bad" -v other="$work/other" '
	function flush() {
		if (block == "") return
		if (block ~ /==[0-9]+==/ || block ~ /status: got 99,/)
			printf "%s", block >> bad
		else
			print head >> other
		block = ""
	}
	/^FAIL: / { flush(); head = $0; block = $0 "\n"; next }
	/^e2e: / { flush(); next }
	block != "" { block = block $0 "\n" }
	END { flush() }
' "$work/out"
n_bad=$(grep -c '^FAIL: ' "$work/bad" 2>/dev/null)
n_other=$(grep -c '^FAIL: ' "$work/other" 2>/dev/null)
if [ -s "$work/other" ]; then
	echo "valgrind: not counted (differ under valgrind for other reasons):"
	sed 's/^FAIL: /  /' "$work/other"
fi
[ -s "$work/bad" ] && cat "$work/bad"
if [ -z "$total" ]; then
	echo "valgrind: the e2e run did not finish:"
	tail -n 20 "$work/out"
	exit 1
fi
set -- $total
echo "valgrind: $(($1 + $2)) cases, ${n_bad:-0} with memory errors or" \
    "definite leaks, ${n_other:-0} others not counted"
[ "${n_bad:-0}" = 0 ]
