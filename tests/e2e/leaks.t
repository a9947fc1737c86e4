### a foreground child inherits only 0 1 2
ls /proc/self/fd
fdcheck foreground
--- stdout
0
1
2
3

### a background child inherits only 0 1 2
ls /proc/self/fd > bg.txt &
fdcheck background &
wait
cat bg.txt
--- stdout
0
1
2
3

### every member of a pipeline inherits only 0 1 2
ls /proc/self/fd | cat
echo x | ls /proc/self/fd | cat
fdcheck first | fdcheck middle | fdcheck last
fdcheck bg-first | fdcheck bg-last &
wait
--- stdout
0
1
2
3
0
1
2
3

### children with redirections inherit only 0 1 2
ls /proc/self/fd > out.txt 2> err.txt < /dev/null
cat out.txt err.txt
ls /proc/self/fd 2>&1 >> out.txt
fdcheck redirected > f < f 2>&1
fdcheck dup 2>&1 1>&2
fdcheck rw 1<> rw.txt
fdcheck closed 2>&-
echo builtin > b.txt
fdcheck after-builtin-redirection
jobs > j.txt 2>&1
fdcheck after-jobs-redirection
--- stdout
0
1
2
3

### children in subshells inherit only 0 1 2
(ls /proc/self/fd)
(cd / && fdcheck subshell)
(fdcheck nested-a; (fdcheck nested-b | cat)) > sub.txt
(fdcheck bg-subshell; ls /proc/self/fd > bgsub.txt) &
wait
cat bgsub.txt
true && fdcheck and-or-bg &
wait
--- stdout
0
1
2
3
0
1
2
3

### children after source inherit only 0 1 2
echo 'ls /proc/self/fd; fdcheck in-source' > lib.sh
. ./lib.sh
source lib.sh > sourced.txt
ls /proc/self/fd
fdcheck after-source
--- stdout
0
1
2
3
0
1
2
3

### children after failed redirections and pipes inherit only 0 1 2
fdcheck never < nosuch
cat nosuch | fdcheck after-bad-input
fdcheck after-failures
nosuchcommand | fdcheck after-not-found
ls /proc/self/fd
--- stdout
0
1
2
3
--- stderr
jobsh: nosuch: No such file or directory
cat: nosuch: No such file or directory
jobsh: nosuchcommand: command not found

### children of a script file and of -c inherit only 0 1 2
ls /proc/self/fd
fdcheck script-file
"$JOBSH" -c 'fdcheck dash-c; ls /proc/self/fd | fdcheck dash-c-pipe'
--- args SCRIPT
--- stdout
0
1
2
3

### finished children are reaped at once
/bin/true &
/bin/true | /bin/true &
sh -c 'exit 3' &
(/bin/true; /bin/false) &
/bin/sleep 5 &
kill %5
/bin/true
sleep 0.7
echo waited
--- stdout
waited

### children of a stopped and killed job are reaped
/bin/sleep 5 | /bin/sleep 5 &
kill -STOP %1
sleep 0.1
kill %1
sleep 0.7
wait
echo done
--- stdout
done
