### a background job sets $! and prints nothing in script mode
sleep 0.1 &
echo "$!" | grep -q '^[0-9][0-9]*$' && echo has-pid
wait
--- stdout
has-pid

### $! of an external command is its PID
sh -c 'echo $$ > pid' &
wait $!
echo $! > bang
cmp -s pid bang && echo same
--- stdout
same

### jobs lists running jobs in bash format
sleep 5 &
sleep 5 | cat &
jobs
kill %1 %2
--- stdout
[1]-  Running                 sleep 5 &
[2]+  Running                 sleep 5 | cat &

### finished jobs are listed once, then forgotten
sh -c 'exit 3' &
true &
sleep 0.2
jobs
echo --
jobs
--- stdout
[1]-  Exit 3                  sh -c 'exit 3'
[2]+  Done                    true
--

### job numbers are one more than the highest in the table
sleep 5 &
sleep 5 &
sleep 5 &
kill %2
wait %2
jobs
sleep 5 &
jobs
kill %1 %3 %4
--- stdout
[1]-  Running                 sleep 5 &
[3]+  Running                 sleep 5 &
[1]   Running                 sleep 5 &
[3]-  Running                 sleep 5 &
[4]+  Running                 sleep 5 &

### wait returns a job's status, again and again
sh -c 'exit 5' &
wait %1
echo "first $?"
wait %1
echo "again $?"
wait $!
echo "by pid $?"
fg %1
echo "fg $?"
--- stdout
first 5
again 5
by pid 5
sh -c 'exit 5'
fg 5

### wait with no operands waits for all and returns 0
sh -c 'sleep 0.2; exit 4' &
sh -c 'sleep 0.1; exit 2' &
wait
echo "status $?"
jobs
--- stdout
status 0

### wait with several operands returns the last one's status
sh -c 'exit 4' &
sh -c 'sleep 0.1; exit 2' &
wait %1 %2
echo "status $?"
--- stdout
status 2

### wait -n returns the first job to finish, -p names it
sleep 2 &
sh -c 'sleep 0.1; exit 6' &
wait -n -p which
echo "status $? job $which"
kill %1
--- stdout
status 6 job %2

### wait -n with operands
sleep 3 &
sh -c 'exit 9' &
wait -n %1 %2
echo "status $?"
kill %1
--- stdout
status 9

### wait -t gives up with 124 and leaves the jobs running
sleep 3 &
wait -t 0.2 %1
echo "status $?"
jobs
kill %1
--- stdout
status 124
[1]+  Running                 sleep 3 &

### wait -t returns early when the job ends
sh -c 'sleep 0.1; exit 3' &
wait -t 5 %1
echo "status $?"
--- stdout
status 3

### wait -t takes fractions and rejects junk
wait -t abc
echo "status $?"
--- stdout
status 2
--- stderr
jobsh: wait: -t: invalid number
usage: wait [-n] [-t SECS] [-p VAR] [spec|PID...]

### wait on unknown jobs and PIDs is 127
wait %7
echo "status $?"
wait 999999
echo "status $?"
--- stdout
status 127
status 127
--- stderr
jobsh: wait: %7: no such job
jobsh: wait: pid 999999 is not a child of this shell

### fg awaits a background job in script mode
sh -c 'sleep 0.1; echo from-job; exit 3' &
fg
echo "status $?"
--- stdout
sh -c 'sleep 0.1; echo from-job; exit 3'
from-job
status 3

### fg and bg on unknown jobs
fg %4
echo "status $?"
bg
echo "status $?"
--- stdout
status 1
status 1
--- stderr
jobsh: fg: %4: no such job
jobsh: bg: current: no such job

### kill terminates a job's whole pipeline
sleep 5 | sleep 6 &
kill %1
wait %1
echo "status $?"
jobs
--- stdout
status 143

### kill with signal names and numbers
sleep 5 &
kill -s INT %1
wait %1; echo "int $?"
sleep 5 &
kill -9 %1
wait %1; echo "kill $?"
sleep 5 &
kill -n 1 %1
wait %1; echo "hup $?"
sleep 5 &
kill -SIGUSR1 $!
wait $!; echo "usr1 $?"
--- stdout
int 130
kill 137
hup 129
usr1 138

### kill -l lists and translates signals
kill -l 15
kill -l 137
kill -l KILL
kill -l | grep -q 'HUP INT QUIT' && echo listed
--- stdout
TERM
KILL
9
listed

### kill errors
kill -s NOPE %1
echo "status $?"
kill %3
echo "status $?"
kill
echo "status $?"
--- stdout
status 1
status 1
status 2
--- stderr
jobsh: kill: NOPE: invalid signal specification
jobsh: kill: %3: no such job
jobsh: kill: not enough arguments
usage: kill [-s SIG | -SIG | -n N] spec|PID...  or  kill -l [N]

### a stopped job is listed as stopped and continues with bg
sleep 0.3 &
kill -STOP %1
sleep 0.1
jobs
bg %1
wait %1
echo "status $?"
--- stdout
[1]+  Stopped (signal)        sleep 0.3
status 0

### TERM to a stopped job is followed by CONT
sleep 5 &
kill -STOP %1
sleep 0.1
kill %1
wait %1
echo "status $?"
--- stdout
status 143

### disown forgets a job
sleep 5 &
sleep 5 &
disown %1
jobs
disown -a
jobs
echo done
--- stdout
[2]+  Running                 sleep 5 &
done

### disown -h keeps the job listed
sleep 5 &
disown -h %1
jobs
kill %1
--- stdout
[1]+  Running                 sleep 5 &

### job specs by prefix, substring, current and previous
sleep 5 &
sh -c 'sleep 5' &
jobs %sl
jobs %?-c
jobs %+
jobs %-
jobs %%
jobs %
kill %1 %2
--- stdout
[1]-  Running                 sleep 5 &
[2]+  Running                 sh -c 'sleep 5' &
[2]+  Running                 sh -c 'sleep 5' &
[1]-  Running                 sleep 5 &
[2]+  Running                 sh -c 'sleep 5' &
[2]+  Running                 sh -c 'sleep 5' &

### ambiguous and unknown job specs
sleep 5 &
sleep 6 &
jobs %sleep
echo "status $?"
jobs %zzz
echo "status $?"
kill %1 %2
--- stdout
status 1
status 1
--- stderr
jobsh: jobs: %sleep: ambiguous job spec
jobsh: jobs: %zzz: no such job

### jobs -p, -r, -s, -l
sleep 5 &
sleep 5 &
kill -STOP %2
sleep 0.1
jobs -p | grep -c '^[0-9]'
jobs -r
jobs -s
jobs -l %1 | grep -q '^\[1\]- *[0-9][0-9]* Running  *sleep 5 &$' && echo long-ok
kill %1 %2
--- stdout
2
[1]-  Running                 sleep 5 &
[2]+  Stopped (signal)        sleep 5
long-ok

### jobs -n shows only changes since the last report
sleep 5 &
jobs -n
jobs -n
kill -STOP %1
sleep 0.1
jobs -n
kill %1
--- stdout
[1]+  Running                 sleep 5 &
[1]+  Stopped (signal)        sleep 5

### jobs -a remembers finished jobs with their duration
sh -c 'exit 2' &
wait %1
jobs -a | sed 's/([0-9.]*s)/(T)/'
--- stdout
[1]   Exit 2                  sh -c 'exit 2' (T)

### a background job's stdin is /dev/null
echo typed | (cat &)
cat < /dev/null &
wait
sh -c 'cat; echo "read done"' &
wait
--- stdout
read done

### background jobs run in a copy of the shell state
cd / &
x=changed &
exit 5 &
wait
pwd | grep -qv '^/$' && echo cwd-kept
echo "[$x]"
echo still here
--- stdout
cwd-kept
[]
still here

### and-or lists and groups in the background are one job
false && echo never &
wait $!
echo "status $?"
(sleep 0.1; exit 4) &
wait %1
echo "status $?"
sleep 0.1 && echo after-sleep &
wait
--- stdout
status 1
status 4
after-sleep

### kill ends a composite background job as a whole
sleep 5 || echo should-not-run &
kill %1
wait %1
echo "status $?"
--- stdout
status 143

### end of input leaves background jobs running
"$JOBSH" -c "sh -c 'sleep 0.3; echo late > late.txt' &"
echo "exited $?"
cat late.txt
sleep 0.6
cat late.txt
--- stdout
exited 0
late
--- stderr
cat: late.txt: No such file or directory

### a background item inside a subshell sets $!
(sleep 0.1 & echo "[$!]") | grep -c '^\[[0-9][0-9]*\]$'
--- stdout
1

### work the shell owes a finished script is carried on
"$JOBSH" -c 'sleep 0.2 && echo carried-on > owed.txt &'
echo "exited $?"
cat owed.txt 2>/dev/null || echo not-yet
sleep 0.6
cat owed.txt
--- stdout
exited 0
not-yet
carried-on

### a script waits for a process whose job still needs the shell
"$JOBSH" -c '/bin/sleep 0.2 && echo after-process &'
echo "exited"
--- stdout
after-process
exited

### fg prints the command line
sh -c 'exit 3' &
sleep 0.1
fg %1
echo "status $?"
--- stdout
sh -c 'exit 3'
status 3

### a background group with a process is carried on at the end of a script
"$JOBSH" -c '(/bin/sleep 0.2; echo rest-ran > rest.txt) &'
sleep 0.6
cat rest.txt
--- stdout
rest-ran

### a plain wait inside a background job does not wait for that job
(sleep 0.1; wait; echo "inner $?") &
sleep 0.2 &
wait
echo "done $?"
--- stdout
inner 0
done 0

### wait and fg refuse the job they run in
(sleep 0.05; wait %1; echo "wait $?"; fg %1; echo "fg $?") &
wait
echo "done $?"
--- stdout
wait 127
fg 1
done 0
--- stderr
jobsh: wait: %1: is the job this wait runs in
jobsh: fg: %1: is the job fg runs in

### a wait that would close a cycle of waits fails at once
(sleep 0.1; wait %2; echo "a $?") &
(sleep 0.2; wait %1; echo "b $?") &
wait
echo "done $?"
--- stdout
b 127
a 0
done 0
--- stderr
jobsh: wait: %1: waits for the job this wait runs in

### a plain wait skips jobs that wait for it
(sleep 0.1; wait; echo "a $?") &
(sleep 0.15; wait; echo "b $?") &
wait
echo "done $?"
--- stdout
b 0
a 0
done 0

### fg in a background job awaits like wait, so a cycle through it fails at once
(sleep 0.1; fg %2; echo "a $?") &
(sleep 0.2; wait %1; echo "b $?") &
wait
echo "done $?"
--- stdout
(sleep 0.2; wait %1; echo "b $?")
b 127
a 0
done 0
--- stderr
jobsh: wait: %1: waits for the job this wait runs in

### fg in a background job and fg in the foreground both await the job
sleep 0.2 &
fg %1 &
fg %1
echo "fg $?"
wait %2
echo "background fg $?"
sh -c 'sleep 0.2; exit 3' &
fg %sh &
fg %sh | cat
echo "fg $?"
wait %fg
echo "background fg $?"
--- stdout
sleep 0.2
sleep 0.2
fg 0
background fg 0
sh -c 'sleep 0.2; exit 3'
sh -c 'sleep 0.2; exit 3'
fg 0
background fg 3

### fg in a background job ends when the job is killed
sleep 5 &
fg %1 &
kill %2
wait %2
echo "fg $?"
jobs
kill %1
--- stdout
sleep 5
fg 143
[1]+  Running                 sleep 5 &

### one job has one foreground fg
sleep 0.2 &
fg %1 | fg %1
echo "status $?"
--- stderr
jobsh: fg: %1: already in the foreground
--- stdout
status 1

### a line of builtins reaps children between its commands
mkfifo ff
/bin/sh -c 'sleep 0.25; cat ff >/dev/null' &
/bin/true; /bin/true & echo x > ff; jobs %2
wait
--- stdout
[2]+  Done                    /bin/true

### a line of builtins sees a background pipeline that ended as done
mkfifo ff
/bin/sh -c 'sleep 0.25; cat ff >/dev/null' &
/bin/true | /bin/true & echo x > ff; jobs %2
wait
--- stdout
[2]+  Done                    /bin/true | /bin/true

### a file the shell sources starts jobs of the shell, which its wait waits for
echo '/bin/echo s2 & wait; echo s3' > s.sh
. ./s.sh
echo back
echo '/bin/sleep 5 &' > t.sh
. ./t.sh
jobs
kill %1
--- stdout
s2
s3
back
[1]+  Running                 /bin/sleep 5 &

### a subshell's wait waits for the jobs the subshell started, also by $!
( /bin/sleep 0.2 & wait $!; echo "pid $?"; /bin/echo two & wait; echo "all $?" )
( /bin/sh -c 'exit 3' & wait $!; echo "st $?" )
( /bin/sleep 0.3 & /bin/sleep 0.1 & wait -n; echo "n $?"; wait; echo "rest $?" )
--- stdout
pid 0
two
all 0
st 3
n 0
rest 0

### kill takes -- after a signal, and a missing signal is a usage error
/bin/sleep 5 &
kill -TERM -- $!
echo "kill $?"
wait $!
echo "wait $?"
kill -s
echo "usage $?"
--- stdout
kill 0
wait 143
usage 2
--- stderr
jobsh: kill: -s: option requires an argument
usage: kill [-s SIG | -SIG | -n N] spec|PID...  or  kill -l [N]

### a job spec as a command is fg, or bg with &
/bin/sleep 0.3 &
%1
echo "fg $?"
sh -c 'kill -STOP $$; exit 3' &
/bin/sleep 0.2
%1 &
wait %1
echo "bg $?"
%9
echo "none $?"
--- stdout
/bin/sleep 0.3
fg 0
bg 3
none 1
--- stderr
jobsh: fg: %9: no such job

### jobs marks finished jobs as the whole listing stands
sh -c 'kill -STOP $$' &
sh -c 'kill -STOP $$' &
/bin/sleep 0.5
kill %1 %2
/bin/sleep 0.5
jobs
--- stdout
[1]-  Terminated              sh -c 'kill -STOP $$'
[2]+  Terminated              sh -c 'kill -STOP $$'

### wait -n collects one result at a time and leaves the others listed
exit 1 &
exit 2 &
exit 3 &
wait -n
echo "first $?"
jobs
wait -n
echo "second $?"
wait -n
echo "third $?"
--- stdout
first 1
[2]-  Exit 2                  exit 2
[3]+  Exit 3                  exit 3
second 127
third 127

### wait -n one by one gives every finished job's status
exit 1 &
exit 2 &
exit 3 &
wait -n
echo "first $?"
wait -n
echo "second $?"
wait -n
echo "third $?"
wait -n
echo "fourth $?"
--- stdout
first 1
second 2
third 3
fourth 127

### jobs and wait in a subshell or background job leave the shell's table alone
exit 3 &
jobs >/dev/null &
wait %1
echo "wait $?"
exit 4 &
(jobs >/dev/null; wait)
jobs
exit 5 &
(wait -n) &
wait -n -p v %1
echo "wait -n $? $v"
--- stdout
wait 3
[2]-  Done                    jobs >/dev/null
[3]+  Exit 4                  exit 4
wait -n 5 %1

### a builtin in a pipeline holds its pipe ends until it ends, as a process
(/bin/sleep 0.1; echo before-the-end) &
sleep 1 | sh -c 'cat; echo reader-saw-eof'
wait
sh -c 'echo a; /bin/sleep 0.1; echo writer-survived >&2' | sleep 0.5
sleep 5 | cat &
kill -9 %1
wait %1
echo "killed $?"
--- stdout
before-the-end
reader-saw-eof
killed 137
--- stderr
writer-survived

### wait -p checks its name and unsets it when no job ended the wait
v=old
exit 3 &
wait -n -p "a b"
echo "bad name $?"
wait -n -p v
echo "rc=$? v=$v"
wait -n -p v
echo "rc=$? v=${v-unset}"
--- stdout
bad name 1
rc=3 v=%1
rc=127 v=unset
--- stderr
jobsh: wait: `a b': not a valid identifier

### fg and bg take no options: -x is a usage error, not a job spec
sleep 0.05 &
fg -Q
echo "fg $?"
bg -x %1
echo "bg $?"
wait
--- stdout
fg 2
bg 2
--- stderr
jobsh: fg: -Q: invalid option
usage: fg [spec]
jobsh: bg: -x: invalid option
usage: bg [spec...]
