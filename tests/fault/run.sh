#!/usr/bin/env bash
# Fault injection, storms and leak checks for jobsh (spec §5, §6).
#
#   JOBSH=./jobsh bash tests/fault/run.sh [NAME]       make fault
#   FAULT_MODE=stress JOBSH=./jobsh bash tests/fault/run.sh   make stress
#
# Each test runs in a directory of its own (also $HOME) and prints one
# line, "ok   NAME (TIME)" or "FAIL NAME (TIME)" followed by what was
# expected and what was seen for every check that failed.  NAME, when
# given, runs only the tests whose name contains it.  Every jobsh runs
# under a time limit (tests/fault/jwatch -t or ptyrun -t) and under a
# subreaper that reports and kills what it leaves behind; after each
# test, any process still carrying the test's tag in its environment is a
# failure too, and is killed.  The last line is "fault: N passed, N
# failed"; the status is 1 when anything failed.
#
# Needs: a C compiler (helpers are built into a temporary directory),
# util-linux (setpriv, prlimit), coreutils.  Runs as root or not; the
# process-limit test needs root (to become an unprivileged user) and is
# skipped, and counted as passed with a note, without it.
set -u
# CI may start us with no stdin at all: jobsh must not find 0 closed.
exec < /dev/null
JOBSH=${JOBSH:-./jobsh}
JOBSH=$(cd "$(dirname "$JOBSH")" && pwd)/$(basename "$JOBSH")
MODE=${FAULT_MODE:-check}
here=$(cd "$(dirname "$0")" && pwd)
filter=${1:-}
passed=0
failed=0
work=$(mktemp -d /tmp/jobsh-fault.XXXXXX)
chmod 755 "$work"
bin=$work/bin
tag=jobsh_fault_$$
export JOBSH_FAULT_TAG=$tag

# Processes started by this run (tagged in their environment) that are
# still alive; with "kill", they are killed.
tagged_processes() {
	local f pid line found=""
	for f in $(grep -lsz "^JOBSH_FAULT_TAG=$tag\$" /proc/[0-9]*/environ); do
		pid=${f#/proc/}
		pid=${pid%/environ}
		[ "$pid" = $$ ] || [ "$pid" = "$BASHPID" ] && continue
		read -r line 2>/dev/null < "/proc/$pid/stat" || continue
		found+="$pid ${line#* }"$'\n'
		[ "${1:-}" = kill ] && kill -KILL "$pid" 2>/dev/null
	done
	printf '%s' "$found"
}

cleanup() {
	tagged_processes kill > /dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir "$bin"
${CC:-cc} -O2 -o "$bin/ptyrun" "$here/ptyrun.c" -lutil &&
${CC:-cc} -O2 -o "$bin/jwatch" "$here/jwatch.c" &&
${CC:-cc} -O2 -o "$bin/fdcheck" "$here/fdcheck.c" || {
	echo "fault: cannot build the helpers in tests/fault"
	echo "fault: 0 passed, 1 failed"
	exit 1
}
export PATH="$bin:$PATH"
# Interactive shells see a known terminal and no start-up file.
export TERM=xterm
unset JOBSHRC HISTFILE ENV

if [ "$MODE" = stress ]; then
	N_CHLD=20000 N_RSS=50000 STORM_LINES=2000 ISTORM_ROUNDS=300
	HIST_LINES=1000 PROMPT_LINE=20000 NPROC_ROUNDS=5
else
	N_CHLD=5000 N_RSS=10000 STORM_LINES=300 ISTORM_ROUNDS=40
	HIST_LINES=200 PROMPT_LINE=4000 NPROC_ROUNDS=1
fi

# ---------------------------------------------------------------------
# Checks: each failing one adds a line to $problems.

problems=""
note() { problems+="    $*"$'\n'; }
info=""
say() { info+="    $*"$'\n'; }

# expect_eq WHAT SEEN WANTED
expect_eq() {
	[ "$2" = "$3" ] && return 0
	note "$1: expected \"$(printf '%s' "$3" | cat -v)\"," \
	    "seen \"$(printf '%s' "$2" | head -c 2000 | cat -v)\""
	return 1
}

# expect_file WHAT FILE WANTFILE: exact contents, with a short diff.
expect_file() {
	cmp -s "$2" "$3" && return 0
	note "$1: differs from what was expected (- expected, + seen):"
	problems+=$(diff "$3" "$2" | grep '^[<>]' | head -n 12 |
	    sed 's/^</      -/; s/^>/      +/')$'\n'
	return 1
}

# expect_lines WHAT FILE REGEX: every line of FILE matches REGEX.
expect_lines() {
	local bad
	bad=$(grep -Ev -- "$3" "$2" | head -n 5)
	[ -z "$bad" ] && return 0
	note "$1: expected only lines like /$3/, seen:"
	problems+=$(printf '%s\n' "$bad" | sed 's/^/      /')$'\n'
	return 1
}

# A watched jobsh: jwatch with a time limit, zombie watch and subreaper.
# Writes zombies to $dir/zombies and strays to $dir/report.
watched() {
	echo "${LIMIT:-60}" > "$dir/limit"
	jwatch -c -k -t "${LIMIT:-60}" -g "${GRACE:-1000}" -z "$dir/zombies" \
	    -r "$dir/report" "$@"
}

# After a watched run: status 124 is a hang; zombies and strays fail.
check_watch() {
	local what=$1 status=$2
	if [ "$status" = 124 ]; then
		note "$what: still running after $(cat "$dir/limit") s" \
		    "(hang), killed"
	elif [ "$status" -gt 128 ] && [ "$status" != "${3:-none}" ]; then
		note "$what: jobsh died of signal $((status - 128))"
	fi
	if [ -s "$dir/zombies" ]; then
		note "$what: children left as zombies while the shell ran" \
		    "($(wc -l < "$dir/zombies") of them), first:"
		problems+="      $(head -n 1 "$dir/zombies")"$'\n'
	fi
	if grep -q '^stray' "$dir/report" 2>/dev/null; then
		note "$what: processes left behind:" \
		    "$(grep '^stray' "$dir/report" | head -n 5 | tr '\n' ' ')"
	fi
	rm -f "$dir/zombies" "$dir/report"
}

run_test() {
	local name=$1 start end status stray
	if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then
		return
	fi
	dir=$work/$name
	mkdir -p "$dir"
	problems="" info=""
	start=$(date +%s%N)
	(cd "$dir" && HOME=$dir "t_$name")
	status=$?
	if [ -s "$dir/.problems" ]; then
		problems=$(cat "$dir/.problems")$'\n'
	fi
	[ -s "$dir/.info" ] && info=$(cat "$dir/.info")$'\n'
	[ "$status" = 0 ] || [ -n "$problems" ] ||
		problems="    the test itself failed (status $status)"$'\n'
	sleep 0.1
	stray=$(tagged_processes kill)
	if [ -n "$stray" ]; then
		problems+="    processes left after the test (killed):"$'\n'
		problems+=$(printf '%s' "$stray" | head -n 5 |
		    sed 's/^/      /')$'\n'
	fi
	end=$(date +%s%N)
	local took=$(( (end - start) / 100000000 ))
	took="$((took / 10)).$((took % 10))s"
	if [ -z "$problems" ]; then
		passed=$((passed + 1))
		echo "ok   $name ($took)"
		printf '%s' "$info"
	else
		failed=$((failed + 1))
		echo "FAIL $name ($took)"
		printf '%s' "$info$problems"
	fi
}

# Tests run in a subshell: they hand their findings back in files.
finish() {
	printf '%s' "$problems" > .problems
	printf '%s' "$info" > .info
}

# ---------------------------------------------------------------------
# The process limit: spawns fail with EAGAIN, then work again.

nproc_uid() {
	local uid
	for uid in 59999 59998 59997 59996; do
		if ! grep -qs "^Uid:[[:space:]]*$uid[[:space:]]" \
		    /proc/[0-9]*/status; then
			echo $uid
			return
		fi
	done
	echo 59995
}

t_nproc() {
	local uid slots=4 limit status out
	if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
		say "skipped: needs root and setpriv (util-linux)"
		finish
		return
	fi
	uid=$(nproc_uid)
	limit=$((slots + 1))	# the shell itself is one
	chmod 777 .
	cp "$JOBSH" ./jobsh
	chmod 755 ./jobsh
	{
		# Spawns at the limit are retried for JOBSH_SPAWN_RETRY
		# seconds; the holders outlast that, so these fail.
		echo "JOBSH_SPAWN_RETRY=0.3"
		for i in $(seq 1 $((slots + 3))); do
			echo "/bin/sleep 3 &"
		done
		echo "wait %$((slots + 1)) %$((slots + 2)) %$((slots + 3))"
		echo 'echo "failed-bg $?"'
		echo "echo --bg-done >&2"
		echo "/bin/true"
		echo 'echo "failed-fg $?"'
		echo "echo --fg-done >&2"
		echo "/bin/echo a | /bin/cat"
		echo 'echo "failed-pipe $?"'
		echo "echo --pipe-done >&2"
		echo "wait"
		echo "/bin/echo a | /bin/cat"
		echo 'echo "pipe $?"'
		for i in $(seq 1 "$slots"); do
			echo "/bin/sleep 0.2 &"
			echo "p$i=\$!"
		done
		for i in $(seq 1 "$slots"); do
			echo "wait \$p$i"
			echo 'echo "later $?"'
		done
	} > script
	chmod 644 script
	LIMIT=30 watched setpriv --reuid="$uid" --regid="$uid" --clear-groups \
	    -- bash -c "ulimit -u $limit && exec ./jobsh script" \
	    > out 2> err
	status=$?
	check_watch "under a limit of $slots processes" "$status"
	expect_eq "shell status" "$status" 0
	{
		echo "failed-bg"
		echo "failed-fg"
		echo "failed-pipe"
		echo "a"
		echo "pipe 0"
		for i in $(seq 1 "$slots"); do echo "later 0"; done
	} > want
	sed 's/^\(failed-[a-z]*\) [1-9][0-9]*$/\1/' out > seen
	expect_file "stdout (failed-* need a non-zero status)" seen want
	{
		for i in 1 2 3; do
			echo "jobsh: /bin/sleep: Resource temporarily unavailable"
		done
		echo "--bg-done"
		echo "jobsh: /bin/true: Resource temporarily unavailable"
		echo "--fg-done"
	} > want
	# The pipeline: one line per member that could not start.
	sed -n '/^--fg-done$/,/^--pipe-done$/p' err | sed '1d;$d' > pipe-err
	sed '/^--fg-done$/q' err > seen
	expect_file "stderr" seen want
	expect_lines "stderr of the failed pipeline" pipe-err \
	    '^jobsh: /bin/(echo|cat): Resource temporarily unavailable$'
	[ -s pipe-err ] || note "the failed pipeline said nothing"
	sed -n '/^--pipe-done$/,$p' err | sed '1d' > late-err
	[ -s late-err ] && note "stderr after the limit allowed again:" \
	    "$(head -n 3 late-err | tr '\n' ' ')"

	# Short background jobs do not pile up as zombies against the limit.
	local n=$((200 * NPROC_ROUNDS))
	{
		for i in $(seq 1 "$n"); do echo "/bin/true &"; done
		echo "wait"
		echo "echo done"
	} > script2
	chmod 644 script2
	limit=20
	LIMIT=60 watched setpriv --reuid="$uid" --regid="$uid" --clear-groups \
	    -- bash -c "ulimit -u $limit && exec ./jobsh script2" \
	    > out2 2> err2
	status=$?
	check_watch "$n short background jobs under a limit of $limit" \
	    "$status"
	expect_eq "$n short background jobs, limit $limit: stdout" \
	    "$(cat out2)" "done"
	if [ -s err2 ]; then
		note "$n finished background jobs (one at a time alive)" \
		    "under a limit of $limit processes: expected no error," \
		    "seen $(grep -c . err2) lines like: $(head -n 1 err2)"
	fi
	finish
}

# ---------------------------------------------------------------------
# The descriptor limit.

t_nofile() {
	local status soft
	# (a) Started under ulimit -n 20: subshells with redirections hold
	# descriptors until they end; when none is left, starting one more
	# fails cleanly, and works again once they are freed.
	{
		for i in $(seq 1 12); do echo "(sleep 1) > h$i &"; done
		echo "/bin/echo --held >&2"
		echo "/bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true"
		echo 'echo "long-pipeline $?"'
		echo "/bin/echo --long >&2"
		for i in $(seq 1 12); do
			echo "wait %$i"
			echo "echo \"h$i \$?\""
		done
		echo "/bin/echo ok > r1"
		echo 'echo "r1 $?"'
		echo "echo a | cat"
		echo 'echo "pipe $?"'
		echo "(sleep 0.1; echo again) > h13 &"
		echo 'wait $!'
		echo 'echo "h13 $?"'
		echo "cat r1 h13"
	} > script
	LIMIT=30 watched bash -c 'ulimit -n 20 && exec "$0" script' "$JOBSH" \
	    > out 2> err
	status=$?
	check_watch "ulimit -n 20" "$status"
	expect_eq "ulimit -n 20: shell status" "$status" 0
	local held failed_jobs f
	held=$(grep -cE '^h([0-9]|1[0-2]) 0$' out)
	failed_jobs=$(grep -E '^h([0-9]|1[0-2]) [1-9]' out | cut -d' ' -f1)
	say "ulimit -n 20: $held of 12 subshells held a descriptor," \
	    "$(echo "$failed_jobs" | grep -c .) failed"
	[ -n "$failed_jobs" ] ||
		note "ulimit -n 20: 12 subshells holding descriptors: expected" \
		    "some to fail, seen none fail"
	[ "$held" -gt 0 ] ||
		note "ulimit -n 20: expected some subshells to start, seen none"
	# One line per failed "(sleep 1) > hN &", naming hN.
	sed '/^--held$/q' err | sed '$d' | sort > seen
	for f in $failed_jobs; do
		echo "jobsh: $f: Too many open files"
	done | sort > want
	expect_file "ulimit -n 20: messages of the subshells that failed" \
	    seen want
	expect_eq "ulimit -n 20: a 12-command pipeline" \
	    "$(sed -n '/^--held$/,/^--long$/p' err | sed '1d;$d')" \
	    "jobsh: pipe: Too many open files"
	grep -q '^long-pipeline [1-9]' out ||
		note "ulimit -n 20: the failed pipeline's status: expected" \
		    "non-zero, seen $(grep '^long-pipeline' out)"
	expect_eq "ulimit -n 20: after the descriptors were freed" \
	    "$(sed -n '/^r1 /,$p' out | tr '\n' '|')" \
	    "r1 0|a|pipe 0|h13 0|ok|again|"

	# (b) The limit lowered under a running shell (prlimit) to 10: no
	# descriptor is left above the user's range 0-9, where the shell
	# keeps what it opens: each command that needs a file of its own
	# fails alone, cleanly, with EMFILE; what only needs a copy or a
	# pipe (echo x >&2, echo a | cat) falls back to 3-9 and works;
	# raised again, everything works.
	soft=$(ulimit -n)
	cat > script <<EOF
/bin/echo ok > r0
prlimit --pid \$\$ --nofile=10:
/bin/echo --A >&2
/bin/echo ok > r1
echo "r1 \$?"
/bin/echo --B >&2
echo x > r2
echo "r2 \$?"
/bin/echo --C >&2
(echo sub) > r3
echo "r3 \$?"
/bin/echo --D >&2
/bin/true | /bin/true | /bin/true | /bin/true | /bin/true | /bin/true
echo "long \$?"
/bin/echo --E >&2
/bin/echo y < r0
echo "in \$?"
/bin/echo --F >&2
echo x >&2
echo "dup \$?"
/bin/echo --G >&2
echo a | cat
/bin/echo --H >&2
/bin/echo b | /bin/cat
echo "ext-pipe \$?"
prlimit --pid \$\$ --nofile=$soft:
/bin/echo --I >&2
/bin/echo ok > r1
echo a | cat
(echo sub) > r3
echo x > r2
cat r1 r2 r3
echo "end \$?"
EOF
	LIMIT=30 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "prlimit" "$status"
	expect_eq "prlimit: shell status" "$status" 0
	expect_eq "prlimit: stdout" "$(tr '\n' '|' < out)" \
	    "r1 1|r2 1|r3 1|long 1|in 1|dup 0|a|b|ext-pipe 0|a|ok|x|sub|end 0|"
	local want
	want="--A|jobsh: r1: Too many open files|--B|jobsh: r2: Too many open files|--C|jobsh: r3: Too many open files|--D|jobsh: pipe: Too many open files|--E|jobsh: r0: Too many open files|--F|"
	expect_eq "prlimit: stderr of file redirections and pipes" \
	    "$(sed '/^--F$/q' err | tr '\n' '|')" "$want"
	expect_eq "prlimit: echo x >&2 and echo a | cat: stderr" \
	    "$(sed -n '/^--F$/,/^--H$/p' err | tr '\n' '|')" "--F|x|--G|--H|"
	expect_eq "prlimit: stderr once raised again" \
	    "$(sed -n '/^--I$/,$p' err | tr '\n' '|')" "--I|"

	# (c) Under ulimit -n 16, a burst of background commands, every
	# other one with two redirections, as bash and dash run it: every
	# one starts (spawns that wait their turn hold their files open;
	# out of descriptors, the shell waits for them).
	mkdir burst
	{
		for i in $(seq 1 40); do
			echo "/bin/true &"
			echo "/bin/echo $i > burst/o$i 2> burst/e$i &"
		done
		echo "wait"
		echo "cat burst/o*"
	} > script
	LIMIT=30 watched bash -c 'ulimit -n 16 && exec "$0" script' "$JOBSH" \
	    > out 2> err
	status=$?
	check_watch "ulimit -n 16" "$status"
	expect_eq "ulimit -n 16: shell status" "$status" 0
	expect_eq "ulimit -n 16: stderr" "$(cat err)" ""
	expect_eq "ulimit -n 16: commands that ran" "$(grep -c . out)" 40

	# (d) Under ulimit -n 16, a pipeline's pipes fill 10 and up: a
	# builtin in it still saves its descriptors (in 3-9).
	LIMIT=10 watched bash -c 'ulimit -n 16 && exec "$0" -c "$1"' "$JOBSH" \
	    'echo b | cat | cat | cat | cat' > out 2> err
	status=$?
	check_watch "ulimit -n 16, pipeline" "$status"
	expect_eq "ulimit -n 16: echo b | cat | cat | cat | cat" \
	    "$(cat out)|$(cat err)" "b|"
	finish
}

# ---------------------------------------------------------------------
# Closed and broken standard output.

t_closed_output() {
	local status big
	# Builtin output larger than a pipe buffer into a reader that quits
	# at once, or reads it all.
	{
		for i in $(seq 1 3000); do echo "sleep 30 &"; done
		echo "jobs | head -0"
		echo 'echo "jobs-head $?"'
		echo "jobs | head -n 1"
		echo 'echo "jobs-head1 $?"'
		printf 'kill'
		printf ' %%%s' $(seq 1 3000)
		echo
	} > script
	LIMIT=8 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "jobs (3000 jobs, 120 kB) | head -0" "$status"
	expect_eq "jobs (3000 jobs, 120 kB) | head -0; jobs | head -n 1: stdout" \
	    "$(tr '\n' '|' < out)" \
	    "jobs-head 0|[1]   Running                 sleep 30 &|jobs-head1 0|"
	expect_eq "... status" "$status" 0
	printf 'echo %s | /usr/bin/wc -c\necho end\n' "$(head -c 100000 \
	    /dev/zero | tr '\0' x)" > script
	LIMIT=8 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "echo (100 kB) | wc -c" "$status"
	expect_eq "echo (100 kB) | wc -c: stdout" "$(tr '\n' '|' < out)" \
	    "100001|end|"
	expect_eq "... status" "$status" 0

	# echo with its stdout closed, and a builtin whose pipe reader left
	# (quietly 141, as a process that SIGPIPE ended).
	cat > script <<'EOF'
echo x >&-
echo "closed $?"
(sleep 0.2; echo hi; echo "after-echo $?" >&2) | /bin/true
echo "sub-pipe $?"
jobs >&-
echo "jobs-closed $?"
echo still-here
EOF
	LIMIT=15 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "closed stdout of builtins" "$status"
	expect_eq "echo x >&-; ( ... echo) | true: stdout" \
	    "$(tr '\n' '|' < out)" "closed 1|sub-pipe 0|jobs-closed 0|still-here|"
	expect_eq "... stderr" "$(tr '\n' '|' < err)" \
	    "jobsh: echo: write error: Bad file descriptor|after-echo 141|"
	expect_eq "... status" "$status" 0

	# The whole shell started with stdout closed: writes fail with
	# EBADF, children see it closed, and nothing of the shell's own
	# takes its place, before or after a builtin redirects stdout.
	LIMIT=15 watched "$JOBSH" -c 'echo hi; echo "st $?" >&2; /bin/echo ext
echo "st2 $?" >&2; echo a >&2; /bin/echo ext2; echo "st3 $?" >&2; echo b
echo "st4 $?" >&2; fdcheck closed-stdout' >&- 2> err
	status=$?
	check_watch "jobsh -c ... >&-" "$status"
	expect_eq "jobsh -c 'echo hi; /bin/echo ext; echo a >&2; /bin/echo ext2; echo b' >&-: stderr" \
	    "$(tr '\n' '|' < err)" \
	    "jobsh: echo: write error: Bad file descriptor|st 1|/bin/echo: write error: Bad file descriptor|st2 1|a|/bin/echo: write error: Bad file descriptor|st3 1|jobsh: echo: write error: Bad file descriptor|st4 1|"
	expect_eq "... status" "$status" 0

	# The shell's stdout a pipe whose reader is gone: no SIGPIPE death.
	LIMIT=15 watched "$JOBSH" -c 'sleep 0.3; echo hi; echo "st $?" >&2
help; jobs; /bin/echo ext; echo "ext $?" >&2; echo end >&2' 2> err | true
	status=${PIPESTATUS[0]}
	check_watch "jobsh -c ... | true" "$status"
	expect_eq "jobsh -c 'sleep 0.3; echo hi; help; /bin/echo ext' | true: stderr" \
	    "$(grep -v '^jobsh: help: write error' err | tr '\n' '|')" \
	    "st 141|ext 141|end|"
	expect_eq "... status" "$status" 0

	# A script printing a lot into head -n 1.
	{
		for i in $(seq 1 20000); do echo "echo line-$i"; done
		echo "echo end >&2"
	} > script
	LIMIT=15 watched "$JOBSH" script 2> err | head -n 1 > out
	status=${PIPESTATUS[0]}
	check_watch "a script writing 20000 lines into head -n 1" "$status"
	expect_eq "a script writing 20000 lines into head -n 1: stdout" \
	    "$(cat out)" "line-1"
	expect_eq "... last line of stderr" "$(tail -n 1 err)" "end"
	[ "$status" -lt 128 ] ||
		note "... status: expected an exit, seen $status"
	finish
}

# ---------------------------------------------------------------------
# SIGCHLD storm: waves of 1000 background children released at once.

t_sigchld_storm() {
	local n=$N_CHLD wave=1000 job=0 status i k g
	local gates=$((n / wave)) total
	total=$((n + gates))
	# Job j is a holder when (j - 1) % (wave + 1) == 0; child j exits
	# with (j * 7) % 256.
	{
		for g in $(seq 1 "$gates"); do
			mkfifo "gate$g"
			# Holds the FIFO open for writing until it is killed:
			# then every reader sees end of file at once.
			echo "/bin/sleep 300 0<> gate$g &"
			echo "h$g=\$!"
			job=$((job + 1))
			for i in $(seq 1 "$wave"); do
				job=$((job + 1))
				k=$(( (job * 7) % 256 ))
				echo "/bin/sh -c 'read x; exit $k' < gate$g &"
				if [ "$job" -gt $((total - 1000)) ] &&
				    [ $((job % 10)) = 0 ]; then
					echo "p$job=\$!"
				fi
			done
			echo "kill \$h$g"
		done
		echo "sleep 1"
		echo "/bin/sh ./zombies.sh"
		for job in $(seq 1 "$total"); do
			echo "wait %$job"
			echo "echo \"$job \$?\""
		done
		# Again, and by PID, for the last thousand.
		for job in $(seq $((total - 999)) "$total"); do
			[ $((job % 10)) = 0 ] || continue
			[ $(( (job - 1) % (wave + 1) )) = 0 ] && continue
			echo "wait %$job"
			echo "echo \"again $job \$?\""
			echo "wait \$p$job"
			echo "echo \"pid $job \$?\""
		done
		echo "wait"
		echo "/bin/sh ./zombies.sh"
		echo "echo end"
	} > script
	{
		echo "zombies 0"
		for job in $(seq 1 "$total"); do
			if [ $(( (job - 1) % (wave + 1) )) = 0 ]; then
				echo "$job 143"
			else
				echo "$job $(( (job * 7) % 256 ))"
			fi
		done
		for job in $(seq $((total - 999)) "$total"); do
			[ $((job % 10)) = 0 ] || continue
			[ $(( (job - 1) % (wave + 1) )) = 0 ] && continue
			echo "again $job $(( (job * 7) % 256 ))"
			echo "pid $job $(( (job * 7) % 256 ))"
		done
		echo "zombies 0"
		echo "end"
	} > want
	# Zombie children of the shell ($PPID) now; the shell keeps reaping
	# while this runs, so a few more looks within two seconds.
	cat > zombies.sh <<'EOF'
for try in 1 2 3 4 5 6 7 8 9 10; do
	n=0
	for c in $(cat /proc/$PPID/task/*/children); do
		{ read -r line < /proc/$c/stat; } 2>/dev/null || continue
		state=${line##*) }
		[ "${state%% *}" = Z ] && n=$((n + 1))
	done
	[ $n = 0 ] && break
	sleep 0.2
done
echo "zombies $n"
EOF
	LIMIT=$((n / 100 + 60)) watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "$n children" "$status"
	expect_eq "status" "$status" 0
	expect_file "zombie counts and every status" out want
	expect_eq "stderr" "$(head -n 3 err)" ""
	say "$n children in waves of $wave released at once:" \
	    "$(grep -c '^[0-9]* ' out) statuses checked," \
	    "$(grep -c '^again ' out) again and by PID$(cmp -s out want &&
	    echo ', nothing lost')"
	finish
}

# ---------------------------------------------------------------------
# Signal storm on a script-mode shell.

t_script_storm() {
	local lines=$STORM_LINES status i sent
	{
		for i in $(seq 1 "$lines"); do
			echo "echo line-$i"
			echo "/bin/echo ext-$i"
			echo "x=v$i; echo \"\$x\" | /bin/cat"
			echo "/bin/sh -c 'exit $((i % 7))' & wait \$!; echo st-\$?"
			echo "sleep 0.001"
			echo "(echo sub-$i) &"
			echo "true && /bin/true | sleep 0.001 &"
			echo "wait"
		done
		echo "exit 7"
	} > script
	for i in $(seq 1 "$lines"); do
		printf 'line-%s\next-%s\nv%s\nst-%s\nsub-%s\n' "$i" "$i" "$i" \
		    $((i % 7)) "$i"
	done > want
	local how
	for how in file pipe; do
		if [ $how = file ]; then
			LIMIT=120 watched -s CHLD,WINCH,CONT,URG -u 300 \
			    "$JOBSH" script > out 2> err
			status=$?
		else
			cat script | LIMIT=120 watched -s CHLD,WINCH,CONT,URG \
			    -u 300 "$JOBSH" > out 2> err
			status=${PIPESTATUS[1]}
		fi
		sent=$(sed -n 's/^signals //p' "$dir/report")
		check_watch "script from a $how" "$status"
		expect_eq "script from a $how: status" "$status" 7
		expect_file "script from a $how: stdout" out want
		expect_eq "script from a $how: stderr" "$(head -n 3 err)" ""
		say "script from a $how: survived ${sent:-0} signals" \
		    "(CHLD WINCH CONT URG) over $lines rounds," \
		    "$(grep -c . out) lines out$(cmp -s out want &&
		    echo ', nothing lost')"
		[ "${sent:-0}" -gt 100 ] ||
			note "script from a $how: only ${sent:-0} signals sent"
	done
	finish
}

# ---------------------------------------------------------------------
# Interactive shells on a pty.

# An sh wrapper in the pty: modes before and after jobsh, its status.
write_wrapper() {
	cat > wrap.sh <<EOF
stty -g > before
PS1='P> ' HISTFILE=\$HOME/hist "$JOBSH" -i --norc
echo "jobsh-status \$?"
stty -g > after
sleep 0.3
for f in *.pid; do
	[ -e "\$f" ] || continue
	if kill -0 "\$(cat "\$f")" 2>/dev/null; then
		echo "\${f%.pid}-alive"
	else
		echo "\${f%.pid}-gone"
	fi
done
echo wrapper-done
EOF
}

# What the wrapper printed once jobsh was gone.
wrapper_saw() {
	grep -ao 'jobsh-status [0-9]*\|[a-z]*-alive\|[a-z]*-gone\|wrapper-done' \
	    log | tr '\n' '|'
}

# check_pty WHAT STATUS: ptyrun's own verdict and the terminal modes.
check_pty() {
	if [ "$2" != 0 ]; then
		note "$1: the session failed:"
		problems+=$(grep -v '^status\|^signals' ptyrun.err | head -n 8 |
		    sed 's/^/      /')$'\n'
	fi
	if [ -e before ]; then
		[ -e after ] && cmp -s before after ||
			note "$1: terminal modes: before $(cat before), after" \
			    "$(cat after 2>/dev/null)"
	fi
}

t_interactive_storm() {
	local rounds=$ISTORM_ROUNDS status i sent
	write_wrapper
	{
		echo 'expect P> '
		echo 'send echo $$ > shell\r'
		echo 'pidfile shell'
		echo 'expect P> '
		echo 'storm 2000 INT TSTP WINCH CHLD CONT'
		for i in $(seq 1 "$rounds"); do
			echo 'send /bin/sleep 0.02\r'
			echo "send echo \"ab\"\"c-$i\" | /bin/cat\\r"
			echo 'send /bin/true &\r'
			echo 'send sh -c "exit 3" | /bin/cat & wait\r'
			echo 'send echo partial li'
			echo 'sleep 5'
			echo "send ne-$i\\r"
			echo "send x=$i; echo \$x; ( /bin/true; sleep 0.001 )\\r"
			echo 'sleep 20'
		done
		echo 'storm off'
		echo 'sleep 300'
		echo 'send \x03'
		echo 'sleep 100'
		echo 'send echo "fi""nal-ok"\r'
		echo 'expect final-ok'
		echo 'send exit 0\r'
		echo 'trysend exit 0\r'
		echo 'expect wrapper-done'
		echo 'exit'
	} > session
	ptyrun -t 120 -o log session sh wrap.sh > ptyrun.out 2> ptyrun.err
	status=$?
	sent=$(sed -n 's/^signals //p' ptyrun.out)
	check_pty "interactive storm" "$status"
	expect_eq "jobsh's status" "$(grep '^jobsh-status' log | tr -d '\r')" \
	    "jobsh-status 0"
	say "survived ${sent:-0} signals (INT TSTP WINCH CHLD CONT) over" \
	    "$rounds rounds of typing, jobs and waits;" \
	    "$(grep -c 'Stopped' log) stops reported"
	[ "${sent:-0}" -gt 50 ] || note "only ${sent:-0} signals sent"
	finish
}

t_term_hup_quit() {
	local status
	write_wrapper
	# At the prompt, with a background job and a half-typed line.
	cat > session <<'EOF'
expect P> 
send echo $$ > shell\r
pidfile shell
expect P> 
send echo "first"-line\r
expect first-line
send /bin/sleep 100 &\r
expect P> 
send echo $! > bg.pid\r
expect P> 
kill TERM
sleep 100
kill QUIT
sleep 100
send echo "al""ive"\r
expect alive
expect P> 
send echo partial typing
sleep 100
kill HUP
expect wrapper-done
exit
EOF
	ptyrun -t 30 -o log session sh wrap.sh > ptyrun.out 2> ptyrun.err
	status=$?
	check_pty "HUP at the prompt" "$status"
	expect_eq "TERM, QUIT, then HUP at the prompt: what the wrapper saw" \
	    "$(wrapper_saw)" "jobsh-status 129|bg-gone|wrapper-done|"
	expect_eq "history file" "$(tr '\n' '|' < hist 2>/dev/null)" \
	    'echo $$ > shell|echo "first"-line|/bin/sleep 100 &|echo $! > bg.pid|echo "al""ive"|'
	rm -f before after ./*.pid hist shell

	# During a foreground job, with a stopped one.
	cat > session <<'EOF'
expect P> 
send echo $$ > shell\r
pidfile shell
expect P> 
send sh -c 'echo $$ > stopped.pid; exec /bin/sleep 100'\r
sleep 300
send \x1a
expect Stopped
expect P> 
send sh -c 'echo $$ > foreground.pid; exec /bin/sleep 100'\r
sleep 300
kill TERM
kill QUIT
sleep 100
kill HUP
expect wrapper-done
exit
EOF
	ptyrun -t 30 -o log session sh wrap.sh > ptyrun.out 2> ptyrun.err
	status=$?
	check_pty "HUP during a foreground job" "$status"
	expect_eq "TERM, QUIT, then HUP during a foreground job, with a stopped one: what the wrapper saw" \
	    "$(wrapper_saw)" \
	    "jobsh-status 129|foreground-gone|stopped-gone|wrapper-done|"
	finish
}

t_history_race() {
	local n=$HIST_LINES s status pad
	# Lines that fit on the 80-column screen after the prompt.
	pad=$(printf '%040d' 0)
	for s in A B; do
		for i in $(seq 1 "$n"); do
			echo "true session-$s-line-$i-${pad//0/$s}"
		done > "lines$s"
		printf 'expect P> \nlines %s\nsend exit\\r\nexit\n' \
		    "$PWD/lines$s" > "session$s"
	done
	local pids=() st
	for s in A B; do
		PS1='P> ' HISTFILE=$PWD/hist ptyrun -t 60 -o "log$s" \
		    "session$s" "$JOBSH" -i --norc \
		    > "ptyrun$s.out" 2> "ptyrun$s.err" &
		pids+=($!)
	done
	for s in A B; do
		wait "${pids[0]}"
		st=$?
		pids=("${pids[@]:1}")
		cp "ptyrun$s.err" ptyrun.err
		check_pty "session $s" "$st"
	done
	cat linesA linesB | sort > want
	grep -v '^exit$' hist | sort > seen
	expect_file "the history file (sorted) after two shells each entered $n lines at once" \
	    seen want
	expect_eq "lines in the history file" "$(wc -l < hist)" $((2 * n + 2))
	say "$((2 * n)) lines from two shells at once: $(grep -c session hist)" \
	    "in the file$(cmp -s seen want && echo ', nothing lost or torn')"
	finish
}

# ---------------------------------------------------------------------
# Huge and strange input.

t_huge_input() {
	local status
	# A 10 MB word for the builtin echo, from a file and from a pipe.
	{
		printf 'echo '
		head -c 10485760 /dev/zero | tr '\0' a
		printf ' > /dev/null\necho "st $?"\n'
		printf 'x='
		head -c 1048576 /dev/zero | tr '\0' b
		printf '\necho "${#x}"\n'
	} > script
	LIMIT=60 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "a 10 MB line (file)" "$status"
	expect_eq "a 10 MB line (file): stdout, status" \
	    "$(tr '\n' '|' < out)$status" "st 0|1048576|0"
	cat script | LIMIT=60 watched "$JOBSH" > out 2> err
	status=${PIPESTATUS[1]}
	check_watch "a 10 MB line (pipe)" "$status"
	expect_eq "a 10 MB line (pipe): stdout, status" \
	    "$(tr '\n' '|' < out)$status" "st 0|1048576|0"

	# 100000 lines.
	seq 1 100000 | sed 's/.*/x=&; echo "l$x"/' > script
	echo 'echo done' >> script
	LIMIT=60 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "a 100000-line script" "$status"
	expect_eq "a 100000-line script: lines out, last, status" \
	    "$(wc -l < out) $(tail -n 1 out) $status" "100001 done 0"
	seq 1 100000 | sed 's/.*/echo "l&"/' | LIMIT=60 watched "$JOBSH" \
	    > out 2> err
	status=${PIPESTATUS[2]}
	check_watch "a 100000-line script (pipe)" "$status"
	expect_eq "a 100000-line script (pipe): lines out, status" \
	    "$(wc -l < out) $status" "100000 0"

	# 100000 nested parentheses, and as many open ones.
	local open close
	open=$(head -c 100000 /dev/zero | tr '\0' '(')
	close=$(head -c 100000 /dev/zero | tr '\0' ')')
	printf '%secho deep%s\n' "$open" "$close" > script
	LIMIT=60 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "100000 nested parentheses" "$status" none
	{ [ "$status" = 0 ] && [ "$(cat out)" = deep ]; } ||
	{ [ "$status" = 2 ] && [ "$(grep -c . err)" = 1 ] &&
	    grep -q '^jobsh: syntax error' err; } ||
		note "100000 nested parentheses: expected 'deep' or one" \
		    "syntax error (status 2), seen status $status:" \
		    "$(head -c 200 err)"
	printf '%secho open\n' "$open" > script
	LIMIT=60 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "100000 open parentheses" "$status"
	{ [ "$status" = 2 ] && [ "$(grep -c . err)" = 1 ]; } ||
		note "100000 unclosed parentheses: expected one syntax error" \
		    "(status 2), seen status $status: $(head -c 200 err)"
	printf 'echo %s\n' "$(head -c 100000 /dev/zero | tr '\0' '"')" \
	    > script
	LIMIT=60 watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "100000 quotes" "$status"
	[ "$status" -lt 128 ] ||
		note "100000 quotes: status $status"

	# Invalid UTF-8 and NUL bytes in a script.
	printf 'echo \377\376\303 bad\necho a\000b\necho "st $?"\n\000\000\necho "\342\202" "\360\237\230" ${#x}\nx=\303\251\377; echo ${#x}\n/bin/echo \300\257\necho end\n' \
	    > script
	# An error or a result: bytes pass through, and a script that
	# succeeds runs to its end.
	printf '\377\376\303 bad\n' > want
	local how
	for how in file stdin; do
		if [ $how = file ]; then
			LIMIT=30 watched "$JOBSH" script > out 2> err
		else
			LIMIT=30 watched "$JOBSH" < script > out 2> err
		fi
		status=$?
		check_watch "invalid UTF-8 and NUL ($how)" "$status"
		head -n 1 out > seen
		expect_file "invalid UTF-8 and NUL ($how): first line" seen want
		[ "$status" != 0 ] || [ "$(tail -n 1 out)" = end ] ||
			note "invalid UTF-8 and NUL ($how): status 0 but the" \
			    "last line is $(tail -n 1 out | od -c | head -n 1)"
	done

	# The same, and a long line, at the prompt.
	local long
	long=$(head -c "$PROMPT_LINE" /dev/zero | tr '\0' x)
	{
		echo 'expect P> '
		echo 'send echo \xff\xfe\xc3 bad-utf8\r'
		echo 'expect bad-utf8'
		echo 'send echo a\x00b nul-byte\r'
		echo 'expect nul-byte'
		echo 'send \x00\x00\xff\xc0\r'
		echo 'send echo \xe2\x82 \xf0\x9f\x98 cut-utf8\r'
		echo 'expect cut-utf8'
		echo "send echo $long | /usr/bin/wc -c\\r"
		echo "expect $((PROMPT_LINE + 1))"
		echo 'send echo "fi""nal"\r'
		echo 'expect final'
		echo 'send exit\r'
		echo 'exit'
	} > session
	PS1='P> ' HISTFILE=$PWD/hist ptyrun -t 90 -e 60 -o log session \
	    "$JOBSH" -i --norc > ptyrun.out 2> ptyrun.err
	status=$?
	check_pty "invalid UTF-8, NUL and a $PROMPT_LINE-byte line at the prompt" \
	    "$status"
	finish
}

# ---------------------------------------------------------------------
# Memory across many jobs.

t_memory() {
	local n=$N_RSS batch=200 status before after
	{
		# Warm up: the table of kept results fills (1000 jobs).  Small
		# batches: no long burst of spawns without a wait.
		for r in $(seq 1 $((2000 / batch))); do
			for i in $(seq 1 $((batch / 2))); do
				echo "/bin/true &"
				echo "true &"
			done
			echo "wait"
		done
		echo "sh -c 'grep VmRSS /proc/\$PPID/status'"
		for r in $(seq 1 $((n / batch))); do
			for i in $(seq 1 $((batch / 2))); do
				echo "/bin/true &"
				echo "true &"
			done
			echo "wait"
		done
		echo "sh -c 'grep VmRSS /proc/\$PPID/status'"
	} > script
	# Freed memory goes back to malloc, not to ASan's quarantine.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0 \
	    LIMIT=$((n / 100 + 60)) watched "$JOBSH" script > out 2> err
	status=$?
	check_watch "$n jobs" "$status"
	expect_eq "status" "$status" 0
	before=$(sed -n '1s/[^0-9]//gp' out)
	after=$(sed -n '2s/[^0-9]//gp' out)
	if [ -z "$before" ] || [ -z "$after" ]; then
		note "VmRSS not read: $(head -c 200 out)"
	else
		say "VmRSS $before kB after 2000 jobs, $after kB after $n more"
		[ $((after - before)) -le 2048 ] ||
			note "VmRSS grew by $((after - before)) kB over $n jobs" \
			    "(expected at most 2048 kB)"
	fi
	expect_eq "stderr" "$(head -n 3 err)" ""
	finish
}

echo "fault: jobsh is $JOBSH ($MODE)"
run_test nproc
run_test nofile
run_test closed_output
run_test sigchld_storm
run_test script_storm
run_test interactive_storm
run_test term_hup_quit
run_test history_race
run_test huge_input
run_test memory
echo "fault: $passed passed, $failed failed"
[ "$failed" = 0 ]
