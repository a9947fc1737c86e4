#!/bin/sh
# gen.sh: prints one flat benchmark workload (no control flow, so the same
# file runs on jobsh, bash and dash).
#
#   gen.sh [-v] [-m MARK] [-d DIR] WORKLOAD N
#
#   W1  N x /bin/true                        sequential foreground spawns
#   W2  N x /bin/true &, wait                launch and reap throughput
#   W3  N x /bin/sleep 1 &, wait             many live children
#   W4  N x /bin/sleep 60 &, 2 stamps, 100 x jobs >/dev/null, 1 stamp
#                                            job-table cost; the stamps
#                                            (MARK -t DIR/stamps) time the
#                                            listings, the first two the
#                                            cost of a stamp itself
#   W5  exit                                 start-up (N is ignored)
#   W6  N x /bin/echo hi | /bin/cat >/dev/null   pipelines
#   W7  N x sleep 1 &, wait                  builtin timers in jobsh
#                                            (/bin/sleep in bash and dash)
#
#   -m MARK  the bench's mark program (W4 and -v need it)
#   -d DIR   where stamps and counters go (default: the current directory)
#   -v       the verification variant: every job leaves a countable trace
#            in DIR/count (W1, W2: one byte; W3: one byte after its second;
#            W6: the 3 bytes that went through the pipe; W4: the listing
#            is also written once to DIR/jobs.out); W5 and W7 are unchanged
set -eu

verify=0
mark=
dir=.
while getopts vm:d: opt; do
	case $opt in
	v) verify=1 ;;
	m) mark=$OPTARG ;;
	d) dir=$OPTARG ;;
	*) echo "usage: gen.sh [-v] [-m MARK] [-d DIR] WORKLOAD N" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { echo "usage: gen.sh [-v] [-m MARK] [-d DIR] WORKLOAD N" >&2; exit 2; }
w=$1 n=$2
case $n in ''|*[!0-9]*) echo "gen.sh: N must be a number" >&2; exit 2 ;; esac
if [ -z "$mark" ] && { [ "$w" = W4 ] || [ $verify -eq 1 ]; }; then
	echo "gen.sh: $w needs -m MARK" >&2
	exit 2
fi

# awk writes the lines: fast for N = 100000.
gen() {
	awk -v n="$n" -v line="$1" -v tail="$2" \
	    'BEGIN { for (i = 0; i < n; i++) print line; if (tail != "") print tail }'
}

if [ $verify -eq 0 ]; then
	case $w in
	W1) gen '/bin/true' '' ;;
	W2) gen '/bin/true &' 'wait' ;;
	W3) gen '/bin/sleep 1 &' 'wait' ;;
	W4)
		gen '/bin/sleep 60 &' ''
		echo "$mark -t $dir/stamps"
		echo "$mark -t $dir/stamps"
		n=100 gen 'jobs >/dev/null' ''
		echo "$mark -t $dir/stamps"
		;;
	W5) echo exit ;;
	W6) gen '/bin/echo hi | /bin/cat >/dev/null' '' ;;
	W7) gen 'sleep 1 &' 'wait' ;;
	*) echo "gen.sh: unknown workload $w" >&2; exit 2 ;;
	esac
else
	case $w in
	W1) gen "$mark $dir/count" '' ;;
	W2) gen "$mark $dir/count &" 'wait' ;;
	W3) gen "$mark -s 1 $dir/count &" 'wait' ;;
	W4)
		gen '/bin/sleep 60 &' ''
		n=100 gen 'jobs >/dev/null' ''
		echo "jobs >$dir/jobs.out"
		;;
	W5) echo exit ;;
	W6) gen "/bin/echo hi | $mark -c $dir/count" '' ;;
	W7) gen 'sleep 1 &' 'wait' ;;
	*) echo "gen.sh: unknown workload $w" >&2; exit 2 ;;
	esac
fi
