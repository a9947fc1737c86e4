### sleep takes fractions and suffixes
sleep 0.05
sleep 0.001s 0.001m
echo "status $?"
--- stdout
status 0

### sleep rejects bad durations
sleep abc
echo "status $?"
sleep
echo "status $?"
sleep -1
echo "status $?"
--- stdout
status 2
status 2
status 2
--- stderr
jobsh: sleep: abc: invalid time interval
usage: sleep DURATION...
jobsh: sleep: missing operand
usage: sleep DURATION...
jobsh: sleep: -1: invalid time interval
usage: sleep DURATION...

### sleep is a timer job with no process
sleep 5 &
jobs -l | grep -c 'sleep 5'
kill %1
wait %1
echo "status $?"
--- stdout
1
status 143

### a stopped sleep keeps its remaining time
sleep 0.3 &
kill -STOP %1
sleep 0.5
jobs
kill -CONT %1
wait %1
echo "status $?"
--- stdout
[1]+  Stopped (signal)        sleep 0.3
status 0

### many builtin sleeps end together
sleep 0.2 & sleep 0.2 & sleep 0.2 & sleep 0.2 & sleep 0.2 &
wait
echo "status $?"
--- stdout
status 0

### kill by the virtual PID of a sleep job
sleep 5 &
kill $!
wait $!
echo "status $?"
--- stdout
status 143

### sleep and wait -t count from their start, after a slow builtin in the line
mkfifo ff ff2
/bin/sh -c 'sleep 0.5; cat ff >/dev/null' &
/bin/date +%s%N > t0; echo x > ff; sleep 0.5; /bin/date +%s%N > t1
/bin/sh -c 'test $(( $(cat t1) - $(cat t0) )) -ge 950000000 && echo slept in full'
/bin/sh -c 'sleep 0.5; cat ff2 >/dev/null' &
/bin/sleep 5 &
/bin/date +%s%N > t0; echo x > ff2; wait -t 0.5 %3; echo "wait: $?"; /bin/date +%s%N > t1
kill %3
/bin/sh -c 'test $(( $(cat t1) - $(cat t0) )) -ge 950000000 && echo waited in full'
--- stdout
slept in full
wait: 124
waited in full
