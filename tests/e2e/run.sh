#!/usr/bin/env bash
# End-to-end tests: pipe scripts into jobsh and compare what comes out.
#
# A *.t file holds cases:
#   ### name            starts a case; the lines up to the first --- are the
#                       script, fed to jobsh on stdin
#   --- args ARG...     run `jobsh ARG...` instead of reading stdin; the
#                       word SCRIPT stands for a file holding the script
#   --- stdout          expected standard output, exactly (the lines below)
#   --- stderr          expected standard error, exactly
#   --- status N        expected exit status (default 0)
# Each case runs in a fresh directory that is also $HOME.
#
# Leak checks, in every case: jobsh starts with no descriptor above 2 and
# runs under tests/fault/jwatch, and the case fails if a child of the
# shell stays a zombie for half a second; a case may run `fdcheck LABEL`
# (on $PATH), and fails if that child inherited a descriptor above 2.
set -u
JOBSH=${JOBSH:-./jobsh}
JOBSH=$(cd "$(dirname "$JOBSH")" && pwd)/$(basename "$JOBSH")
export JOBSH
here=$(cd "$(dirname "$0")" && pwd)
filter=${1:-}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
for tool in jwatch fdcheck; do
	${CC:-cc} -O2 -o "$work/bin/$tool" "$here/../fault/$tool.c" || {
		echo "e2e: cannot build tests/fault/$tool.c"
		exit 1
	}
done
export PATH="$work/bin:$PATH" FDCHECK_LOG="$work/fdleaks"

run_case() {
	local file=$1 name=$2 script=$3 args=$4 want_out=$5 want_err=$6
	local want_status=$7 check_out=$8 check_err=$9
	local dir="$work/case" status out err
	local watch=("$work/bin/jwatch" -c -z "$work/zombies")
	rm -rf "$dir" && mkdir -p "$dir"
	rm -f "$work/zombies" "$work/fdleaks"
	printf '%s' "$script" > "$work/script"
	if [ -n "$args" ]; then
		local argv=()
		eval "argv=($args)"
		for i in "${!argv[@]}"; do
			[ "${argv[$i]}" = SCRIPT ] && argv[$i]="$work/script"
		done
		(cd "$dir" && HOME=$dir timeout 30 "${watch[@]}" "$JOBSH" "${argv[@]}" \
		    </dev/null >"$work/out" 2>"$work/err")
	else
		(cd "$dir" && HOME=$dir timeout 30 "${watch[@]}" "$JOBSH" <"$work/script" \
		    >"$work/out" 2>"$work/err")
	fi
	status=$?
	out=$(cat "$work/out"; echo x); out=${out%x}
	err=$(cat "$work/err"; echo x); err=${err%x}
	local ok=1
	[ "$status" = "$want_status" ] || ok=0
	[ "$check_out" = 0 ] || [ "$out" = "$want_out" ] || ok=0
	[ "$check_err" = 0 ] || [ "$err" = "$want_err" ] || ok=0
	[ -s "$work/zombies" ] && ok=0
	[ -s "$work/fdleaks" ] && ok=0
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		return
	fi
	failed=$((failed + 1))
	echo "FAIL: $(basename "$file"): $name"
	echo "  status: got $status, want $want_status"
	if [ "$check_out" = 1 ] && [ "$out" != "$want_out" ]; then
		echo "  stdout differs:"
		diff <(printf '%s' "$want_out") <(printf '%s' "$out") | sed 's/^/    /'
	fi
	if [ "$check_err" = 1 ] && [ "$err" != "$want_err" ]; then
		echo "  stderr differs:"
		diff <(printf '%s' "$want_err") <(printf '%s' "$err") | sed 's/^/    /'
	fi
	if [ -s "$work/zombies" ]; then
		echo "  zombie children left:"
		sed 's/^/    /' "$work/zombies"
	fi
	if [ -s "$work/fdleaks" ]; then
		echo "  descriptors inherited by children:"
		sed 's/^/    /' "$work/fdleaks"
	fi
}

run_file() {
	local file=$1 line name="" script="" args="" out="" err="" status=0
	local section="" check_out=0 check_err=1 have=0
	flush() {
		[ $have = 1 ] || return 0
		# Blank lines between cases are not part of the expectations.
		while [[ "$out" == *$'\n\n' ]]; do out=${out%$'\n'}; done
		while [[ "$err" == *$'\n\n' ]]; do err=${err%$'\n'}; done
		[ "$out" = $'\n' ] && out=""
		[ "$err" = $'\n' ] && err=""
		if [ -z "$filter" ] || [[ "$name" == *"$filter"* ]]; then
			run_case "$file" "$name" "$script" "$args" "$out" "$err" \
			    "$status" "$check_out" "$check_err"
		fi
	}
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'### '*)
			flush
			name=${line#'### '} script="" args="" out="" err=""
			status=0 section=script check_out=0 check_err=1 have=1
			;;
		'--- args '*) args=${line#'--- args '} section="" ;;
		'--- stdout') section=stdout check_out=1 ;;
		'--- stderr') section=stderr check_err=1 ;;
		'--- stderr any') section="" check_err=0 ;;
		'--- status '*) status=${line#'--- status '} section="" ;;
		*)
			case $section in
			script) script+=$line$'\n' ;;
			stdout) out+=$line$'\n' ;;
			stderr) err+=$line$'\n' ;;
			esac
			;;
		esac
	done < "$file"
	flush
}

for f in "$here"/*.t; do
	run_file "$f"
done
echo "e2e: $passed passed, $failed failed"
[ $failed = 0 ]
