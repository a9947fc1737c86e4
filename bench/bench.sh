#!/usr/bin/env bash
# bench.sh: runs the workloads on jobsh, dash and bash, each paired with the
# floor program, then writes bench/out/results.md and the results section of
# bench/RESULTS.md.  See bench/README.md.  `make bench` builds the tools and
# runs this.
#
# Settings (environment):
#   BENCH_N           size of W1-W6 in the main table          (500)
#   BENCH_REPS        repetitions of each pair in the main table (5)
#   BENCH_SCALE_NS    sizes of the W2/W4 scaling run  ("250 500 1000 2000 4000")
#   BENCH_SCALE_REPS  repetitions of the scaling run              (3)
#   BENCH_W7_NS       sizes of W7 ("10000 100000"); dash and bash run only
#                     the first, once (for them `sleep` is a process)
#   BENCH_W7_REPS     repetitions of W7 on jobsh                  (3)
#   BENCH_W5_K        shell start-ups per W5 measurement          (200)
#   BENCH_W5_REPS     repetitions of W5 in the main table        (15): a
#                     start-up is short and noisy, so it gets more
#   BENCH_W1_REPS     repetitions of W1 (file and pipe) in the main
#                     table (15): W1's target is within a few per cent
#                     of the floor, and one pair can be 15 % off
#   BENCH_PTY_N       notification samples in the pty             (20)
#   BENCH_SPAWN_N     children per bench/bin/spawnways run       (2000)
#   BENCH_SPAWN_REPS  runs of each way of spawning                (5)
#   BENCH_SHELLS      shells to compare                    ("jobsh dash bash")
#   BENCH_OUT         output folder                         (bench/out)
#   BENCH_NO_UPDATE   1: leave bench/RESULTS.md alone
#   JOBSH             the jobsh binary                          (./jobsh)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BIN=$here/bin
OUT=${BENCH_OUT:-$here/out}
N=${BENCH_N:-500}
REPS=${BENCH_REPS:-5}
SCALE_NS=${BENCH_SCALE_NS:-"250 500 1000 2000 4000"}
SCALE_REPS=${BENCH_SCALE_REPS:-3}
W7_NS=${BENCH_W7_NS:-"10000 100000"}
W7_REPS=${BENCH_W7_REPS:-3}
W5_K=${BENCH_W5_K:-200}
W5_REPS=${BENCH_W5_REPS:-15}
W1_REPS=${BENCH_W1_REPS:-15}
PTY_N=${BENCH_PTY_N:-20}
SPAWN_N=${BENCH_SPAWN_N:-2000}
SPAWN_REPS=${BENCH_SPAWN_REPS:-5}
SHELLS=${BENCH_SHELLS:-"jobsh dash bash"}
JOBSH=${JOBSH:-$root/jobsh}
case $JOBSH in /*) ;; *) JOBSH=$root/$JOBSH ;; esac

for t in floor runner mark ptylat spawnways; do
	[ -x "$BIN/$t" ] || { echo "bench: $BIN/$t missing: run make bench" >&2; exit 2; }
done
[ -x "$JOBSH" ] || { echo "bench: $JOBSH missing: run make" >&2; exit 2; }

mkdir -p "$OUT/work" "$OUT/tmp"
OUT=$(cd "$OUT" && pwd)
RAW=$OUT/raw.tsv
VER=$OUT/verify.tsv
W7T=$OUT/w7.tsv
PTY=$OUT/pty.tsv
ERRLOG=$OUT/errors.log
STAMPS=$OUT/tmp/stamps
ERR=$OUT/tmp/err
: >"$ERRLOG"

# Every run gets the same small, clean environment.
CLEANENV=(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="${HOME:-/root}"
	LANG=C.UTF-8 TERM=dumb)

shell_argv() {		# shell_argv NAME -> the command words in SH_ARGV
	case $1 in
	jobsh) SH_ARGV=("$JOBSH") ;;
	dash) SH_ARGV=("$(command -v dash)") ;;
	bash) SH_ARGV=("$(command -v bash)") ;;
	*) echo "bench: unknown shell $1" >&2; exit 2 ;;
	esac
}

floor_argv() {		# floor_argv [-f] WORK N -> FL_ARGV
	local f=()
	if [ "$1" = -f ]; then f=(-f); shift; fi
	case $1 in
	W4) FL_ARGV=("$BIN/floor" "${f[@]}" W4 "$2" "$BIN/mark -t $STAMPS") ;;
	W5) FL_ARGV=("$BIN/floor" W5) ;;
	*) FL_ARGV=("$BIN/floor" "${f[@]}" "$1" "$2") ;;
	esac
}

workload() {		# workload WORK N -> path of the file (generated once)
	local f=$OUT/work/$1-$2.sh
	[ -s "$f" ] || sh "$here/gen.sh" -m "$BIN/mark" -d "$OUT/tmp" "$1" "$2" >"$f"
	echo "$f"
}

# measure LABEL RUNNER-ARGS... -- CMD...: runs once; prints the runner's 10
# figures, the W4 listing cost (ns a job, or -) and stderr's line count; with
# runner -a, a second line of the base's figures (stderr: 0 lines).
measure() {
	local label=$1 line vals list=- errn n
	shift
	: >"$STAMPS"
	: >"$ERR"
	line=$("${CLEANENV[@]}" "$BIN/runner" -e "$ERR" "$@")
	vals=$(printf '%s\n' "$line" | sed 's/[a-z_]*=//g' | tr ' ' '\t')
	if [ -s "$STAMPS" ] && [ "$(wc -l <"$STAMPS")" -eq 3 ]; then
		n=$(cat "$OUT/tmp/n")
		list=$(awk -v n="$n" '{ t[NR] = $1 } END {
			printf "%.1f", ((t[3] - t[2]) - (t[2] - t[1])) / (100 * n) }' "$STAMPS")
	fi
	errn=$(wc -l <"$ERR")
	if [ "$errn" -gt 0 ]; then
		{ echo "== $label: $errn lines on stderr, the first 5:"; head -5 "$ERR"; } >>"$ERRLOG"
	fi
	printf '%s\n' "$vals" | awk -v list="$list" -v errn="$errn" \
	    '{ print $0 "\t" list "\t" (NR == 1 ? errn : 0) }'
}

# pair PHASE REP WORK N MODE WHO: one shell run and one floor run, back to
# back, the order alternating with REP; one row of raw.tsv.
pair() {
	local phase=$1 rep=$2 work=$3 n=$4 mode=$5 who=$6 file s f rflag=()
	file=$(workload "$work" "$n")
	echo "$n" >"$OUT/tmp/n"
	[ "$work" = W5 ] && rflag=(-r "$W5_K")
	floor_argv "$work" "$n"
	local floorcmd=("${FL_ARGV[@]}")
	local shcmd input=()
	if [ "$who" = floor-fork ]; then
		floor_argv -f "$work" "$n"
		shcmd=("${FL_ARGV[@]}")
	else
		shell_argv "$who"
		shcmd=("${SH_ARGV[@]}")
		if [ "$mode" = pipe ]; then input=(-p "$file"); else input=(-i "$file"); fi
	fi
	if [ "$work" = W5 ]; then
		# Start-ups pair one by one (runner -a): a block of 200 of them
		# is as long as the machine's slow and fast spells.
		s=$(measure "$phase $work $mode $who" -a "${rflag[@]}" \
		    "${input[@]}" -- "${floorcmd[@]}" -- "${shcmd[@]}")
		f=${s#*$'\n'}
		s=${s%%$'\n'*}
	elif [ $((rep % 2)) -eq 1 ]; then
		f=$(measure "$phase $work/$n floor" "${rflag[@]}" -- "${floorcmd[@]}")
		s=$(measure "$phase $work/$n $mode $who" "${rflag[@]}" "${input[@]}" -- "${shcmd[@]}")
	else
		s=$(measure "$phase $work/$n $mode $who" "${rflag[@]}" "${input[@]}" -- "${shcmd[@]}")
		f=$(measure "$phase $work/$n floor" "${rflag[@]}" -- "${floorcmd[@]}")
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$rep" "$work" "$n" \
	    "$mode" "$who" "$s" "$f" >>"$RAW"
}

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# in_turn REP: $SHELLS rotated by REP, so that no shell always runs right
# after the same one (whose traces in the caches it would inherit).
in_turn() {
	local shells=($SHELLS) i
	for ((i = 0; i < ${#shells[@]}; i++)); do
		printf '%s\n' "${shells[$(( (i + $1 - 1) % ${#shells[@]} ))]}"
	done
}

start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "jobsh: $JOBSH; shells: $SHELLS; N=$N reps=$REPS; output in $OUT"
printf 'phase\trep\twork\tn\tmode\twho' >"$RAW"
for side in s f; do
	for k in wall_ns cpu_ns utime_ms stime_ms cpu_all_ns maxrss_kb status pids leftover maxkids list_ns err_lines; do
		printf '\t%s_%s' "$side" "$k" >>"$RAW"
	done
done
echo >>"$RAW"

# --- main table -----------------------------------------------------------
for rep in $(seq 1 "$REPS"); do
	log "main: repetition $rep of $REPS"
	for sh in $(in_turn "$rep"); do
		pair main "$rep" W1 "$N" file "$sh"
		pair main "$rep" W1 "$N" pipe "$sh"
		pair main "$rep" W2 "$N" file "$sh"
		pair main "$rep" W3 "$N" file "$sh"
		pair main "$rep" W4 "$N" file "$sh"
		pair main "$rep" W5 1 file "$sh"
		pair main "$rep" W6 "$N" file "$sh"
	done
	for w in W1 W2 W3 W6; do
		pair main "$rep" "$w" "$N" - floor-fork
	done
done
# The short and noisy workloads get more pairs: W5, and W1, whose target
# sits within a few per cent of the floor while one pair of 0.3 s runs can
# be 15 % off either way.
for rep in $(seq $((REPS + 1)) $((W1_REPS > W5_REPS ? W1_REPS : W5_REPS))); do
	for sh in $(in_turn "$rep"); do
		if [ "$rep" -le "$W1_REPS" ]; then
			pair main "$rep" W1 "$N" file "$sh"
			pair main "$rep" W1 "$N" pipe "$sh"
		fi
		[ "$rep" -gt "$W5_REPS" ] || pair main "$rep" W5 1 file "$sh"
	done
done

# --- scaling of W2 and W4 -------------------------------------------------
for rep in $(seq 1 "$SCALE_REPS"); do
	log "scaling: repetition $rep of $SCALE_REPS ($SCALE_NS)"
	for n in $SCALE_NS; do
		for sh in $(in_turn "$rep"); do
			pair scale "$rep" W2 "$n" file "$sh"
			pair scale "$rep" W4 "$n" file "$sh"
		done
	done
done

# --- W7: builtin timers ---------------------------------------------------
printf 'rep\tn\twho\twall_ns\tcpu_ns\tutime_ms\tstime_ms\tcpu_all_ns\tmaxrss_kb\tstatus\tpids\tleftover\tmaxkids\tlist_ns\terr_lines\n' >"$W7T"
first_w7=${W7_NS%% *}
for n in $W7_NS; do
	for sh in $SHELLS; do
		reps=$W7_REPS
		if [ "$sh" != jobsh ]; then
			[ "$n" = "$first_w7" ] || continue
			reps=1
		fi
		for rep in $(seq 1 "$reps"); do
			log "W7: $sh N=$n ($rep/$reps)"
			shell_argv "$sh"
			file=$(workload W7 "$n")
			r=$(measure "W7/$n $sh" -i "$file" -- "${SH_ARGV[@]}")
			printf '%s\t%s\t%s\t%s\n' "$rep" "$n" "$sh" "$r" >>"$W7T"
		done
	done
done

# --- verification: did every job run? -----------------------------------
# Separate, untimed runs of the -v workloads (each job leaves a countable
# mark), sampled every 2 ms for live children.
log "verification"
printf 'work\tn\twho\tresult\tdetail\n' >"$VER"
vdir=$OUT/tmp/verify
verify_one() {		# verify_one SHELL WORK N
	local sh=$1 work=$2 n=$3 f line ok=ok detail="" count=0 jobsn=0 \
	    wall status pids leftover maxkids errn
	rm -rf "$vdir"
	mkdir -p "$vdir"
	f=$vdir/$work.sh
	sh "$here/gen.sh" -v -m "$BIN/mark" -d "$vdir" "$work" "$n" >"$f"
	shell_argv "$sh"
	: >"$ERR"
	line=$("${CLEANENV[@]}" "$BIN/runner" -s -e "$ERR" -i "$f" -- "${SH_ARGV[@]}")
	eval "$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^\(wall_ns\|status\|pids\|leftover\|maxkids\)=\(-\{0,1\}[0-9]*\)$/\1=\2/p')"
	wall=$wall_ns
	errn=$(wc -l <"$ERR")
	[ -f "$vdir/count" ] && count=$(wc -c <"$vdir/count")
	[ -f "$vdir/jobs.out" ] && jobsn=$(wc -l <"$vdir/jobs.out")
	fail() { ok=FAIL; detail="$detail $*;"; }
	[ "$status" -eq 0 ] || fail "exit status $status"
	[ "$errn" -eq 0 ] || fail "$errn lines on stderr: $(head -1 "$ERR" | cut -c1-80)"
	case $work in
	W1|W2) [ "$count" -eq "$n" ] || fail "$count of $n jobs left their mark" ;;
	W3) [ "$count" -eq "$n" ] || fail "$count of $n jobs had finished when the shell exited"
	    [ "$wall" -ge 1000000000 ] || fail "done in under 1 s" ;;
	W6) [ "$count" -eq $((3 * n)) ] || fail "$count of $((3 * n)) bytes went through the pipes" ;;
	W4) [ "$jobsn" -eq "$n" ] || fail "jobs listed $jobsn of $n jobs"
	    [ "$pids" -ge "$n" ] || fail "only $pids processes started" ;;
	W7) [ "$wall" -ge 1000000000 ] || fail "done in under 1 s"
	    if [ "$sh" = jobsh ]; then
		    # other activity on the machine uses a few PIDs: allow N/100
		    [ "$maxkids" -eq 0 ] && [ "$pids" -le $((n / 100 + 20)) ] ||
			    fail "child processes: $maxkids live at once, $pids PIDs used"
	    fi ;;
	esac
	case $work in W2|W3|W7) [ "$leftover" -eq 0 ] || fail "$leftover children still alive after wait" ;; esac
	detail="wall=$((wall / 1000000))ms pids=$pids maxkids=$maxkids leftover=$leftover count=$count jobs=$jobsn;$detail"
	printf '%s\t%s\t%s\t%s\t%s\n' "$work" "$n" "$sh" "$ok" "$detail" >>"$VER"
	[ "$ok" = ok ] || log "verification FAILED: $sh $work N=$n:$detail"
}
last_w7=${W7_NS##* }
for sh in $SHELLS; do
	for w in W1 W2 W3 W4 W5 W6; do
		verify_one "$sh" "$w" "$N"
	done
	if [ "$sh" = jobsh ]; then verify_one "$sh" W7 "$last_w7"; else verify_one "$sh" W7 "$first_w7"; fi
done

# --- interactive: background job's end to the terminal -------------------
log "pty notification latency"
printf 'who\tresult\n' >"$PTY"
: >"$OUT/pty.log"
for sh in $SHELLS; do
	case $sh in
	jobsh) cmd=("$JOBSH" -i --norc); setup=() ;;
	bash) cmd=("$(command -v bash)" --norc --noprofile -i); setup=(-c 'set -b') ;;
	*) printf '%s\t%s\n' "$sh" "no asynchronous notification (reports at the next prompt)" >>"$PTY"; continue ;;
	esac
	r=$(cd "$OUT/tmp" && "${CLEANENV[@]}" "$BIN/ptylat" -m "$BIN/mark" -d "$OUT/tmp" \
	    -n "$PTY_N" "${setup[@]}" -- "${cmd[@]}" 2>>"$OUT/pty.log" || true)
	printf '%s\t%s\n' "$sh" "${r:-error=ptylat-failed}" >>"$PTY"
done

# --- ways of starting background children (no shell) ----------------------
log "ways of spawning"
SPW=$OUT/spawnways.tsv
: >"$SPW"
for rep in $(seq 1 "$SPAWN_REPS"); do
	for way in spawn clone fork threads2; do
		printf '%s\t%s\n' "$way" "$("$BIN/spawnways" "$way" "$SPAWN_N")" >>"$SPW"
	done
done

# The medians of spawnways.tsv as a section of results.md.
spawnways_section() {
	echo
	echo "### Ways of starting background children (bench/bin/spawnways)"
	echo
	echo "$SPAWN_N x /bin/true, each in a new process group, reaped at the"
	echo "end; no shell.  Median of $SPAWN_REPS runs, µs per child, and the ratio"
	echo "to posix_spawn as jobsh calls it."
	echo
	echo "| way | µs/child | ratio |"
	echo "|---|---:|---:|"
	awk -F '\t' '{ v[$1] = v[$1] " " $2 } END {
		split("spawn clone fork threads2", order, " ")
		name["spawn"] = "posix_spawn (as jobsh)"
		name["clone"] = "clone (CLONE_VM, CLONE_VFORK), 10 signals reset"
		name["fork"] = "fork + execve (as dash)"
		name["threads2"] = "posix_spawn from 2 threads"
		for (i = 1; i <= 4; i++) {
			n = split(v[order[i]], x, " ")
			for (a = 1; a <= n; a++)
				for (b = a + 1; b <= n; b++)
					if (x[b] + 0 < x[a] + 0) { t = x[a]; x[a] = x[b]; x[b] = t }
			med[i] = n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
		}
		for (i = 1; i <= 4; i++)
			printf "| %s | %.0f | %.2f |\n", name[order[i]], med[i], med[i] / med[1]
	}' "$SPW"
}

# --- report ---------------------------------------------------------------
end=$(date +%s)
{
	echo "date	$(date '+%Y-%m-%d %H:%M:%S %Z')"
	echo "host	$(uname -n)"
	echo "nproc	$(nproc)"
	echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
	echo "kernel	$(uname -sr)"
	echo "jobsh	$("$JOBSH" --version 2>/dev/null | head -1) ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo ?)$(cd "$root" && git diff --quiet -- src include 2>/dev/null || echo ', with uncommitted changes'))"
	echo "dash	$(dpkg-query -W -f '${Version}' dash 2>/dev/null || echo ?)"
	echo "bash	$(bash -c 'echo $BASH_VERSION')"
	echo "settings	N=$N reps=$REPS scale=[$SCALE_NS]x$SCALE_REPS W7=[$W7_NS]x$W7_REPS W5_K=$W5_K W5_reps=$W5_REPS W1_reps=$W1_REPS"
	echo "duration	$((end - start)) s"
	echo "load average	$load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
} >"$OUT/meta.tsv"
awk -f "$here/summarize.awk" -v out_md="$OUT/results.md" -v out_tsv="$OUT/summary.tsv" \
    "$OUT/meta.tsv" "$RAW" "$W7T" "$VER" "$PTY"
spawnways_section >>"$OUT/results.md"

if [ "${BENCH_NO_UPDATE:-0}" != 1 ]; then
	res=$here/RESULTS.md
	[ -f "$res" ] || printf '# jobsh benchmark results\n\n<!-- bench:begin -->\n<!-- bench:end -->\n' >"$res"
	awk -v gen="$OUT/results.md" '
		/^<!-- bench:begin -->/ { print; while ((getline l < gen) > 0) print l; skip = 1; next }
		/^<!-- bench:end -->/ { skip = 0 }
		!skip' "$res" >"$res.tmp" && mv "$res.tmp" "$res"
	log "results in $OUT/results.md and bench/RESULTS.md"
fi
cat "$OUT/results.md"
if [ -s "$ERRLOG" ]; then log "some runs wrote to stderr: see $ERRLOG"; fi
log "done in $((end - start)) s"
