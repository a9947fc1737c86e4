### output, append and input redirection
echo one > f
echo two >> f
cat < f
--- stdout
one
two

### redirection anywhere in the command
> f echo first
echo second >> f
cat f
--- stdout
first
second

### clobber and read-write forms
echo x >| f
cat f
echo y 1<> g
cat g
--- stdout
x
y

### stderr to a file and duplicated descriptors
sh -c 'echo out; echo err >&2' > both 2>&1
cat both
sh -c 'echo err >&2' 2> errfile
cat errfile
--- stdout
out
err
err

### builtins honour redirections
echo to-stderr >&2
jobs > jobs.txt
echo hidden > hidden.txt
cat hidden.txt
--- stdout
hidden
--- stderr
to-stderr

### closing a descriptor
echo closed >&-
echo "status $?"
--- stdout
status 1
--- stderr
jobsh: echo: write error: Bad file descriptor

### descriptor numbers above 2
sh -c 'echo three >&3' 3> f3
cat f3
--- stdout
three

### a missing input file fails the command only
cat < nosuch
echo "status $?"
--- stdout
status 1
--- stderr
jobsh: nosuch: No such file or directory

### a failed redirection does not run the command
echo hi > /nonexistent/dir/file
echo "status $?"
--- stdout
status 1
--- stderr
jobsh: /nonexistent/dir/file: No such file or directory

### redirection of a builtin leaves the shell's own descriptors alone
echo a > f1
echo b
cat f1
--- stdout
b
a

### variable in a redirection target
name=out.txt
echo v > $name
cat "$name"
--- stdout
v

### input duplication
echo data > in
cat 0<in
exec_fd_test=1
sh -c 'cat <&4' 4< in
--- stdout
data
data

### relative paths are the line's own while a subshell job is elsewhere
mkdir dd
touch dd/x1 y1
( cd dd; sleep 0.3 ) &
echo hi > out
echo *1
( sleep 0.2; echo there > out2; echo *1 > globbed ) &
cd dd
wait
cd ..
find . -name 'out*' | sort
cat globbed
--- stdout
y1
./out
./out2
y1

### a pipeline inside a group redirected on 3-9 keeps its pipes
(echo hi | cat) 3>/dev/null
(/bin/echo two | /bin/cat) 4>/dev/null
(printf 'a\nb\n' | sort -r | head -1) 5>/dev/null 6>/dev/null
--- stdout
hi
two
b

### the shell's own descriptors stay out of the user's 3-9
/bin/sleep 0.1 &
/bin/echo a | /bin/cat
echo x >&3
echo x >&4
echo x >&5
ls /proc/$$/fd > fds
grep -c '^[3-9]$' fds
wait
--- stdout
a
0
--- stderr
jobsh: 3: Bad file descriptor
jobsh: 4: Bad file descriptor
jobsh: 5: Bad file descriptor

### an external command copying a closed descriptor fails as a builtin does
/bin/true 6<&7
echo "dup $?"
ls 2>&9
echo "stderr $?"
ls 6<&7 2>/dev/null
echo "in order $?"
/bin/echo fine 3>/dev/null 4>&3
--- stdout
dup 1
stderr 1
in order 1
fine
--- stderr
jobsh: 7: Bad file descriptor
jobsh: 9: Bad file descriptor
jobsh: 7: Bad file descriptor
