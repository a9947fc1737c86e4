### command not found is 127
nosuchcommand arg
echo "status $?"
--- stdout
status 127
--- stderr
jobsh: nosuchcommand: command not found

### permission denied is 126
echo 'echo hi' > notexec
chmod -x notexec
./notexec
echo "status $?"
--- stdout
status 126
--- stderr
jobsh: ./notexec: Permission denied

### a missing path is 127
./nosuchfile
echo "status $?"
--- stdout
status 127
--- stderr
jobsh: ./nosuchfile: No such file or directory

### killed by a signal is 128+N
sh -c 'kill -TERM $$'
echo "status $?"
sh -c 'kill -KILL $$'
echo "status $?"
--- stdout
status 143
status 137

### a script without #! runs in jobsh
printf 'echo from script $1\n' > plain
chmod +x plain
./plain arg
--- stdout
from script arg

### syntax error stops the script with status 2
echo before
echo a ) b
echo after
--- status 2
--- stdout
before
--- stderr
jobsh: syntax error near ')'

### nothing from a bad line runs
echo first; echo second |
--- status 2
--- stderr
jobsh: syntax error near end of file

### unexpected operators
echo a && && echo b
--- status 2
--- stderr
jobsh: syntax error near '&&'

### missing redirection target
echo >
--- status 2
--- stderr
jobsh: syntax error near end of line

### control flow is refused clearly
if true; then echo x; fi
--- status 2
--- stderr
jobsh: syntax error near 'if': control flow is not supported

### loops are refused clearly
for i in 1 2; do echo $i; done
--- status 2
--- stderr
jobsh: syntax error near 'for': control flow is not supported

### functions are refused clearly
f() { echo x; }
--- status 2
--- stderr
jobsh: syntax error near '(': functions are not supported

### here-documents are refused clearly
cat <<EOF
--- status 2
--- stderr
jobsh: syntax error near '<<': here-documents are not supported

### reserved words are plain words as arguments
echo if then fi done
--- stdout
if then fi done

### unclosed quote at end of input
echo "abc
--- status 2
--- stderr
jobsh: syntax error near end of file

### unknown builtin option
jobs -z
echo "status $?"
--- stdout
status 2
--- stderr
jobsh: jobs: -z: invalid option
usage: jobs [-lprsna] [spec...]

### exit with a status
exit 42
echo not here
--- status 42

### exit status is the last command's
false
--- status 1

### -e stops at the first failing command
false || true
echo still
false
echo never
--- args -e SCRIPT
--- status 1
--- stdout
still

### set -e inside the script
set -e
true && false
echo not-exempt-so-exits
--- status 1

### set -e ignores failures on the left of && and under !
set -e
false && echo x
! true
echo survived
--- stdout
survived

### -x traces commands
x=1
echo $x
--- args -x SCRIPT
--- stdout
1
--- stderr
+ x=1
+ echo 1

### an expansion error ends a script
echo before
echo ${nothere?}
echo after
--- status 1
--- stdout
before
--- stderr
jobsh: nothere: parameter not set

### an expansion error in a subshell ends only the subshell
(echo ${nothere?}; echo in-sub)
echo "after $?"
--- stdout
after 1
--- stderr
jobsh: nothere: parameter not set

### a syntax error in a sourced file ends only that file
printf 'echo in-file\necho ) bad\necho not-here\n' > bad.sh
. ./bad.sh
echo "status $?"
--- stdout
in-file
status 2
--- stderr
jobsh: syntax error near ')'

### exit with too many arguments does not exit
exit 1 2
echo "still $?"
--- stdout
still 1
--- stderr
jobsh: exit: too many arguments

### -c combined with other flags in one word
--- args -ce 'false; echo no'
--- status 1

### -c without a string is a usage error
--- args -c
--- status 2
--- stderr
jobsh: -c: option requires an argument
usage: jobsh [-iex] [--norc] [-c STRING [NAME [ARG...]] | FILE [ARG...]]
       jobsh --help | --version

### unknown options print usage and exit 2
--- args -Z
--- status 2
--- stderr
jobsh: -Z: invalid option
usage: jobsh [-iex] [--norc] [-c STRING [NAME [ARG...]] | FILE [ARG...]]
       jobsh --help | --version

### --help and --version
--- args --version
--- stdout
jobsh 0.1.0

### a command that cannot start says so on its own standard error
nosuchcommand 2>/dev/null || echo "fallback $?"
./nosuchfile 2>err1
echo "status $?"
nosuchcommand 2>err2 &
wait $!
echo "status $?"
./nosuchfile 2>&1 | sed 's/^/piped: /'
nosuchcommand 2>&-
echo "closed $?"
cat err1 err2
--- stdout
fallback 127
status 127
status 127
piped: jobsh: ./nosuchfile: No such file or directory
closed 127
jobsh: ./nosuchfile: No such file or directory
jobsh: nosuchcommand: command not found

### a command is looked up in the PATH it is given
PATH=/nonexistent ls
echo "status $?"
--- stdout
status 127
--- stderr
jobsh: ls: command not found

### jobsh - reads stdin; an unknown long option is named
echo 'echo from-stdin' | $JOBSH -
$JOBSH --bogus
echo "status $?"
--- stdout
from-stdin
status 2
--- stderr
jobsh: --bogus: invalid option
usage: jobsh [-iex] [--norc] [-c STRING [NAME [ARG...]] | FILE [ARG...]]
       jobsh --help | --version

### export and unset reject options they lack as usage errors
export -n A
echo "export $?"
unset -f x
echo "unset $?"
export -- B=1
unset -- B
echo "[$B]"
--- stdout
export 2
unset 2
[]
--- stderr
jobsh: export: -n: invalid option
usage: export [-p] [NAME[=value]...]
jobsh: unset: -f: invalid option
usage: unset [-v] NAME...

### a builtin that cannot write its output fails
pwd > /dev/full
echo "pwd $?"
kill -l > /dev/full
echo "kill $?"
--- stdout
pwd 1
kill 1
--- stderr
jobsh: pwd: write error: No space left on device
jobsh: kill: write error: No space left on device

### a builtin whose reader went away ends quietly with 141
(/bin/sleep 0.2; echo hi; echo "echo $?" >&2) | /bin/true
--- stderr
echo 141
