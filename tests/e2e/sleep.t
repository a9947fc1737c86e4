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
