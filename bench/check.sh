#!/usr/bin/env bash
# check.sh: compares jobsh's figures in bench/out/summary.tsv with the
# targets of issue #4, with generous margins; exits 1 when any is missed.
# Runs bench.sh first when there is no summary or ./jobsh is newer than it
# (or BENCH_FRESH=1).  `make bench-check` runs this.
#
#   BENCH_MARGIN     factor on the absolute targets              (1.3)
#   BENCH_VS_MARGIN  factor on "no slower than dash/bash"        (1.1)
#   BENCH_FLAT       largest per-job cost ratio, N = 4000 vs 250 (2.0)
#   BENCH_RSS_KB     W7 peak RSS limit, KiB                      (65536)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
OUT=${BENCH_OUT:-$here/out}
S=$OUT/summary.tsv
JOBSH=${JOBSH:-$root/jobsh}
M=${BENCH_MARGIN:-1.3}
VS=${BENCH_VS_MARGIN:-1.1}
FLAT=${BENCH_FLAT:-2.0}
RSS=${BENCH_RSS_KB:-65536}

if [ "${BENCH_FRESH:-0}" = 1 ] || [ ! -s "$S" ] || [ "$JOBSH" -nt "$S" ]; then
	echo "bench-check: no up-to-date results: running the bench first" >&2
	bash "$here/bench.sh" >/dev/null || { echo "bench-check: FAIL: the bench did not run" >&2; exit 1; }
fi

passed=0 failed=0
get() { awk -F'\t' -v k="$1" '$1 == k { print $2; exit }' "$S"; }
result() {	# result PASS|FAIL text
	if [ "$1" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	printf '%s  %s\n' "$1" "$2"
}
# le NAME VALUE LIMIT: VALUE <= LIMIT (missing value: FAIL)
le() {
	if [ -z "$2" ] || [ -z "$3" ]; then
		result FAIL "$1: not measured (value '${2}', limit '${3}')"
	elif awk -v v="$2" -v l="$3" 'BEGIN { exit !(v + 0 <= l + 0) }'; then
		result PASS "$1: $(num "$2") <= $(num "$3")"
	else
		result FAIL "$1: $(num "$2") > $(num "$3")"
	fi
}
num() { awk -v v="$1" 'BEGIN { printf (v >= 1000 || v <= -1000) ? "%.0f" : "%.3g", v }'; }
mul() { [ -n "$1" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6g", a * b }'; }

echo "bench-check: $S (margins: targets x$M, vs other shells x$VS, flatness $FLAT)"

le "verification failures (jobsh)" "$(get verify_failures.jobsh)" 0
le "anomalies in timed runs (jobsh)" "$(get anomalies.jobsh)" 0

le "W1 file: ratio to floor" "$(get ratio.W1.file.jobsh)" "$(mul 1.05 "$M")"
le "W1 pipe: ratio to floor" "$(get ratio.W1.pipe.jobsh)" "$(mul 1.10 "$M")"
le "W2: ratio to floor" "$(get ratio.W2.file.jobsh)" "$(mul 1.3 "$M")"
le "W3: ratio to floor" "$(get ratio.W3.file.jobsh)" "$(mul 1.2 "$M")"
le "W6: ratio to floor" "$(get ratio.W6.file.jobsh)" "$(mul 1.2 "$M")"
le "W5: start-up vs dash" "$(get ratio.W5.file.jobsh)" "$(mul "$(get ratio.W5.file.dash)" "$VS")"

for w in W1.file W1.pipe W2.file W3.file W4.file W5.file W6.file; do
	le "$w: jobsh vs bash" "$(get "ratio.$w.jobsh")" "$(mul "$(get "ratio.$w.bash")" "$VS")"
done
for w in W2.file W3.file W4.file W6.file; do
	le "$w: jobsh vs dash" "$(get "ratio.$w.jobsh")" "$(mul "$(get "ratio.$w.dash")" "$VS")"
done

le "W4 listing ns/job vs dash" "$(get list_ns.W4.jobsh)" "$(mul "$(get list_ns.W4.dash)" "$VS")"
for n in $(awk -F'\t' '$1 ~ /^scale\.W4\.ns_per_line\..*\.jobsh$/ { split($1, a, "."); print a[4] }' "$S"); do
	le "W4 listing ns/job vs dash, N=$n" "$(get "scale.W4.ns_per_line.$n.jobsh")" \
	    "$(mul "$(get "scale.W4.ns_per_line.$n.dash")" "$VS")"
done
le "W4 listing cost flat in N (last/first)" "$(get flat.W4.jobsh)" "$FLAT"
le "W2 per-job cost flat in N (last/first)" "$(get flat.W2.jobsh)" "$FLAT"

n7=$(awk -F'\t' '$1 ~ /^w7\.wall_s\..*\.jobsh$/ { split($1, a, "."); if (a[3] + 0 > m) m = a[3] + 0 } END { print m }' "$S")
if [ -n "$n7" ] && [ "$n7" != 0 ]; then
	le "W7 N=$n7: wall seconds" "$(get "w7.wall_s.$n7.jobsh")" "$(awk -v m="$M" 'BEGIN { print 1 + 1.5 * m }')"
	le "W7 N=$n7: peak RSS KiB" "$(get "w7.rss_kb.$n7.jobsh")" "$RSS"
	le "W7 N=$n7: PIDs used (no children)" "$(get "w7.pids.$n7.jobsh")" $((n7 / 100 + 20))
	le "W7 N=$n7: runs with errors" "$(get "w7.bad.$n7.jobsh")" 0
else
	result FAIL "W7: not measured"
fi

le "pty: notification latency median (us)" "$(get pty.median_us.jobsh)" "$(mul 10000 "$M")"
le "pty: notification time-outs" "$(get pty.timeouts.jobsh)" 0

echo "bench-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || { echo "bench-check: FAILED: jobsh misses $failed target(s)" >&2; exit 1; }
