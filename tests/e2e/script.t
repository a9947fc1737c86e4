### a child reads the script's next line from a pipe
printf 'cat\nhello from stdin\n' | "$JOBSH"
--- stdout
hello from stdin

### a child reads the script's next line from a file, and the script goes on
printf 'head -n 1\nline for head\necho after head\n' > s.sh
"$JOBSH" < s.sh
--- stdout
line for head
after head

### background jobs read /dev/null, foreground ones the script
printf 'cat &\nwait\ncat\nfor-the-foreground\n' > s.sh
"$JOBSH" < s.sh
--- stdout
for-the-foreground

### a long script from a file runs every line
i=0
printf 'echo 1\necho 2\necho 3\necho 4\necho 5\n' > five.sh
"$JOBSH" < five.sh | tr '\n' ' '
echo
--- stdout
1 2 3 4 5 

### a script file that grows while it runs is read to its new end
printf 'echo one\n/bin/sh -c "seq 1 200 | sed s/^/echo\\ /" >> s.sh\necho end\n' > s.sh
"$JOBSH" < s.sh > out
head -n 3 out | tr '\n' ' '
tail -n 1 out
wc -l < out
--- stdout
one end 1 200
202

### -c runs a string, $0 and arguments follow it
"$JOBSH" -c 'echo "$0|$1|$#"' name arg
--- stdout
name|arg|1

### a script file gets $0 and its arguments
printf 'echo "$0 $@"\n' > args.sh
"$JOBSH" args.sh a b | sed 's|.*/||'
--- stdout
args.sh a b

### a missing script file is 127
"$JOBSH" nosuch.sh
echo "status $?"
--- stdout
status 127
--- stderr
jobsh: nosuch.sh: No such file or directory

### the shell's status is the last command's
"$JOBSH" -c 'true; false'
echo "status $?"
"$JOBSH" -c 'exit 7; echo no'
echo "status $?"
--- stdout
status 1
status 7

### a script's jobs stay in the shell's process group without set -m
"$JOBSH" -c 'sh -c "ps -o pgid= -p \$\$" > pg.txt; ps -o pgid= -p $$ > me.txt'
cmp -s pg.txt me.txt && echo same-group
--- stdout
same-group

### set -m gives each job its own process group
"$JOBSH" -c 'set -m; sh -c "ps -o pgid=,pid= -p \$\$" > pg.txt'
awk '{ print ($1 == $2) ? "own-group" : "shared" }' pg.txt
--- stdout
own-group

### -i without a terminal prints job reports and prompts on stderr
printf 'echo hi\nsleep 0.1 &\n/bin/sleep 0.4\necho a \\\nb\n' | PS1='$ ' PS2='> ' "$JOBSH" -i --norc 2>&1 | sed 's/^\(\$ \[1\]\) [0-9]*$/\1 PID/'
--- stdout
$ hi
$ [1] PID
$ [1]+  Done                    sleep 0.1
$ > a b
$ 

### a backslash at the end of a script's last line ends the command
printf 'echo a \\\n' > s.sh
"$JOBSH" < s.sh
printf 'echo b \\\n' | "$JOBSH"
"$JOBSH" -c 'echo c \
'
printf 'echo d &&\\\n' | "$JOBSH"
echo "status $?"
--- stdout
a
b
c
status 2
--- stderr
jobsh: syntax error near end of file

### a script's end carries on the background jobs of its subshells
"$JOBSH" -c '( ( sleep 0.2; echo inner ) & ); echo after' | cat
--- stdout
after
inner

### set -e is ignored in a subshell left of && or || or after !
set -e
(false; echo a) || echo b
(false; echo c) && echo d
! (false; echo e)
(false; echo never)
echo not-reached
--- stdout
a
c
d
e
--- status 1
