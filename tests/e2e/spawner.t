### $! is each background command's PID, read right after the &
sh -c 'echo $$ > pid1' &
echo $! > bang1
sh -c 'echo $$ > pid2' &
sh -c 'echo $$ > pid3' &
echo $! > bang3
wait
cmp -s pid1 bang1 && echo first
cmp -s pid3 bang3 && echo third
cmp -s pid2 bang3 || echo second-differs
--- stdout
first
third
second-differs

### background commands start in the directory of their line
mkdir a b
cd a
pwd > ../d1 &
cd ../b
pwd > ../d2 &
cd ..
pwd > d3 &
wait
sed 's|.*/||' d1 d2
cmp -s d3 d3 && echo d3
--- stdout
a
b
d3

### background commands get the variables of their line
X=one
export X
sh -c 'echo $X' > x1 &
X=two
sh -c 'echo $X' > x2 &
unset X
sh -c 'echo "${X-unset}"' > x3 &
X=four sh -c 'echo $X' > x4 &
wait
cat x1 x2 x3 x4
--- stdout
one
two
unset
four

### a kill right after the & reaches the process
/bin/sleep 10 &
kill $!
wait $!
echo "by PID $?"
/bin/sleep 10 &
/bin/sleep 10 &
kill %1 %2
wait %1 %2
echo "by job $?"
/bin/sleep 10 &
kill -KILL %1
wait %1
echo "again $?"
--- stdout
by PID 143
by job 143
again 137

### a background command that cannot start says so and fails
./nosuchfile &
wait $!
echo "missing $?"
echo 'echo hi' > notexec
chmod -x notexec
./notexec &
wait $!
echo "not executable $?"
--- stdout
missing 127
not executable 126
--- stderr
jobsh: ./nosuchfile: No such file or directory
jobsh: ./notexec: Permission denied

### each background command keeps its own redirections
echo a > f1 &
echo b > f2 &
echo c > f3 &
echo d 2>&1 > f4 &
echo e > f5 &
echo f > f6 &
wait
cat f1 f2 f3 f4 f5 f6
--- stdout
a
b
c
d
e
f

### a burst of short background commands: every one is reaped once
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
true &
sh -c 'exit 7' &
wait $!
echo "last $?"
sleep 0.5
jobs | grep -c Done
wait
echo "wait $?"
--- stdout
last 7
29
wait 0

### background commands do not inherit each other's descriptors
fdcheck one > o1 &
fdcheck two > o2 &
echo x > o3 &
fdcheck three < o3 &
wait
cat o1 o2
--- stdout

### a queue of background commands longer than the spawner's: each keeps its redirections, descriptors and failure
/bin/echo 1 > f1 &
/bin/echo 2 > f2 &
/bin/echo 3 > f3 &
/bin/echo 4 > f4 &
fdcheck q5 > f5 &
/bin/echo 6 > f6 &
/bin/echo 7 > f7 &
/bin/echo 8 > f8 &
/bin/echo 9 > f9 &
fdcheck q10 > f10 &
/bin/echo 11 > f11 &
/bin/echo 12 > f12 &
./missing13 > f13 &
/bin/echo 14 > f14 &
fdcheck q15 > f15 &
/bin/echo 16 > f16 &
/bin/echo 17 > f17 &
/bin/echo 18 > f18 &
/bin/echo 19 > f19 &
fdcheck q20 > f20 &
/bin/echo 21 > f21 &
/bin/echo 22 > f22 &
/bin/echo 23 > f23 &
/bin/echo 24 > f24 &
fdcheck q25 > f25 &
/bin/echo 26 > f26 &
/bin/echo 27 > f27 &
/bin/echo 28 > f28 &
./missing29 > f29 &
fdcheck q30 > f30 &
/bin/echo 31 > f31 &
/bin/echo 32 > f32 &
/bin/echo 33 > f33 &
/bin/echo 34 > f34 &
fdcheck q35 > f35 &
/bin/echo 36 > f36 &
/bin/echo 37 > f37 &
/bin/echo 38 > f38 &
/bin/echo 39 > f39 &
fdcheck q40 > f40 &
wait
cat f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 f22 f23 f24 f25 f26 f27 f28 f29 f30 f31 f32 f33 f34 f35 f36 f37 f38 f39 f40 | tr '\n' ' '
echo
--- stdout
1 2 3 4 6 7 8 9 11 12 14 16 17 18 19 21 22 23 24 26 27 28 31 32 33 34 36 37 38 39 
--- stderr
jobsh: ./missing13: No such file or directory
jobsh: ./missing29: No such file or directory

### a foreground command starts after every background command before it
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
/bin/sleep 0.5 &
cat /proc/$$/task/*/children > kids
wc -w < kids
wait
--- stdout
21

### a background command that cannot start has a PID that names no process
./nosuchfile &
jobs -l | grep -c '^\[1\]+ *0 '
echo "$!" | grep -c '^[1-9][0-9]*$'
kill -0 $! 2>/dev/null || echo no-process
wait $!
echo "status $?"
--- stdout
0
1
no-process
status 127
--- stderr
jobsh: ./nosuchfile: No such file or directory

### a background . with a redirection sends the file's commands there
echo '/bin/echo one' > s1
echo 'echo two' >> s1
. ./s1 > out &
wait
cat out
--- stdout
one
two

### children start with no signal ignored
grep SigIgn /proc/self/status
grep SigIgn /proc/self/status > bg &
wait
cat bg
--- stdout
SigIgn:	0000000000000000
SigIgn:	0000000000000000
