### simple command and arguments
echo hello   world
--- stdout
hello world

### sequential list runs every item
echo a; echo b ; echo c
--- stdout
a
b
c

### and-or lists follow POSIX precedence
false && echo no || echo yes
true || echo no && echo yes2
false || false || echo third
--- stdout
yes
yes2
third

### status of an and-or list is the last pipeline that ran
false && echo x
echo $?
true || false
echo $?
--- stdout
1
0

### pipeline connects stdout to stdin
echo one two | tr a-z A-Z | cat
--- stdout
ONE TWO

### pipeline status is the last command's
false | true
echo $?
true | false
echo $?
--- stdout
0
1

### bang negates a pipeline
! false
echo $?
! true
echo $?
! echo hi | grep -q hi
echo $?
--- stdout
0
1
1

### subshell keeps its own cwd and variables
x=outer
(x=inner; cd /; echo $x; pwd)
echo $x
pwd | grep -q "$HOME" && echo same-dir
--- stdout
inner
/
outer
same-dir

### subshell output can be redirected and piped
(echo a; echo b) > out.txt
cat out.txt
(echo c; echo d) | tr a-z A-Z
--- stdout
a
b
C
D

### nested subshells across lines
(
  echo one
  (echo two; (echo three))
)
--- stdout
one
two
three

### exit in a subshell leaves only the subshell
(exit 7); echo "status $?"
--- stdout
status 7

### comments
echo a # comment here
# whole line comment
echo b#c
--- stdout
a
b#c

### single and double quotes
x=world
echo 'a  $x' "b  $x" c\ \ d "\$x" 'it'\''s'
--- stdout
a  $x b  world c  d $x it's

### backslash escapes inside double quotes
echo "a\"b\\c\$d\e"
--- stdout
a"b\c$d\e

### continuation lines
echo a \
  b
echo c |
  tr c C
true &&
  echo d
echo "e
f"
--- stdout
a b
C
d
e
f

### assignment alone sets a shell variable, not exported
v=1
echo $v
sh -c 'echo "[$v]"'
export v
sh -c 'echo "[$v]"'
--- stdout
1
[]
[1]

### prefix assignment only for that command
w=1 sh -c 'echo $w'
echo "[$w]"
--- stdout
1
[]

### export with a value and unset
export E1=hello
sh -c 'echo $E1'
unset E1
sh -c 'echo "[$E1]"'
echo "[$E1]"
--- stdout
hello
[]
[]

### parameter expansion forms
unset u
e=
s=set
echo ${u:-def} ${e:-empty} ${s:-no}
echo ${u-def} "[${e-def}]"
echo ${s:+alt} "[${u:+alt}]"
echo ${#s}
echo ${u:=assigned} $u
--- stdout
def empty set
def []
alt []
3
assigned assigned

### error from ${var:?} ends the script
echo ${nope:?is required}
echo after
--- status 1
--- stderr
jobsh: nope: is required

### special parameters
echo $#
true; echo $?
false; echo $?
echo $$ | grep -q '^[0-9][0-9]*$' && echo pid-ok
--- stdout
0
0
1
pid-ok

### positional parameters from -c
echo "$0" "$1" "$2" $#
for_word="$@"
echo "$for_word"
--- args -c 'echo "$0" "$1" "$2" $#; echo "$@"; echo "$*"' name a 'b c'
--- stdout
name a b c 2
a b c
a b c

### script file arguments
echo "$#:$1:$2"
--- args SCRIPT one two
--- stdout
2:one:two

### field splitting on IFS
x='a  b   c'
printf '<%s>' $x; echo
printf '<%s>' "$x"; echo
IFS=:
y='1:2::3'
printf '<%s>' $y; echo
--- stdout
<a><b><c>
<a  b   c>
<1><2><><3>

### empty unquoted expansion vanishes, quoted stays
e=
printf '<%s>' $e x "$e"; echo
--- stdout
<x><>

### pathname expansion
touch b.txt a.txt c.log
echo *.txt
echo "*.txt"
echo nomatch*.zzz
echo [ab].txt
--- stdout
a.txt b.txt
*.txt
nomatch*.zzz
a.txt b.txt

### set -f turns globbing off
touch a.txt
set -f
echo *.txt
set +f
echo *.txt
--- stdout
*.txt
a.txt

### tilde expansion
echo ~ | grep -q "^$HOME\$" && echo home
echo ~/x | grep -q "^$HOME/x\$" && echo home-x
echo "~"
echo ~root
--- stdout
home
home-x
~
/root

### prefix assignments reach builtins for their duration only
mkdir d
HOME=$PWD/d cd
pwd | grep -q '/d$' && echo moved
x=1
x=2 true
echo $x
--- stdout
moved
1

### source searches PATH for readable files and passes arguments
mkdir bin
printf 'echo sourced $1 $#\n' > bin/lib.sh
PATH=$PWD/bin:$PATH
. lib.sh one two
source ./bin/lib.sh
echo "after $#"
--- stdout
sourced one 2
sourced 0
after 0

### source of a missing file
source nosuch.sh
echo "status $?"
--- stdout
status 1
--- stderr
jobsh: source: nosuch.sh: No such file or directory

### prefix assignments stay for the whole of a sourced file
printf 'echo "in: $FOO"\nsleep 0.05\necho "after: $FOO"\n' > f.sh
FOO=x . ./f.sh
echo "out: [$FOO]"
--- stdout
in: x
after: x
out: []

### ${#x} counts UTF-8 characters, ASCII and not
x=héllo; y=plain; z=日本
echo ${#x} ${#y} ${#z}
--- stdout
5 5 2

### a glob's ? matches one UTF-8 character
: > a1; : > é1; : > 日本1
echo ?1
--- stdout
a1 é1

### a glob of thousands of directory levels matches nothing
mkdir -p d/e
: > d/e/f
echo */*/f
awk 'BEGIN { s = "echo "; for (i = 0; i < 5000; i++) s = s "*/"; print s "f" }' > deep.sh
"$JOBSH" deep.sh > deep.out
echo "status $?"
wc -c < deep.out
--- stdout
d/e/f
status 0
10002

### a command's assignments see the ones before them, its words do not
x=1 y=$x sh -c 'echo "$x $y"'
x=1 y=${x:-d} sh -c 'echo "$y"'
HOME=/q P=~/a sh -c 'echo "$P"'
z=5 echo "[$z]"
--- stdout
1 1
1
/q/a
[]

### ${ nests as deep as the parser allows
echo ${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-${x:-deep}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}
--- stdout
deep

### set -x quotes the words that need it, as bash, one line at a time
set -x
echo 'a b' "" x=y "it's" -n > /dev/null
v='p q' w= true
set +x
--- stderr
+ echo 'a b' '' x=y 'it'\''s' -n
+ v='p q' w= true
+ set +x

### set takes -o NAME among grouped letters
set -xo noglob
echo *
set +xo noglob
echo "[$-]"
--- stdout
*
[]
--- stderr
+ echo '*'
+ set +xo noglob

### builtins without options take -- before their operands, as bash
cd -- /
pwd
sleep -- 0.01 && echo slept
echo -- a
set -- p q
echo "$#"
sleep 0.05 &
fg -- %1
echo "fg $?"
exit -- 3
--- stdout
/
slept
-- a
2
sleep 0.05
fg 0
--- status 3

### a pattern never matches . or .., as in bash 5.2
echo x > .hidden
echo .*
echo .?
echo ./.h*
--- stdout
.hidden
.?
./.hidden
