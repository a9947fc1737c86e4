#!/usr/bin/env python3
# Regenerates the seed corpus tests/fuzz/corpus/TARGET (run it from the
# repository root): every script of tests/e2e/*.t, and the hand-written
# seeds below (job control builtins, wait -n -t, kill, sleep, syntax
# errors, quoting, deep nesting, NUL bytes, invalid UTF-8).  The same
# scripts seed every target; fuzz_expand's get a configuration byte first.
import os, re, glob, hashlib

scripts = []   # (name, bytes)
for t in sorted(glob.glob('tests/e2e/*.t')):
    base = os.path.basename(t)[:-2]
    name = None; body = []; in_script = False
    def flush():
        if name is not None and body:
            scripts.append(('%s-%s' % (base, name), ''.join(body).encode()))
    for line in open(t, encoding='utf-8', errors='surrogateescape'):
        if line.startswith('### '):
            flush()
            name = re.sub(r'[^a-z0-9]+', '-', line[4:].strip().lower()).strip('-')[:48]
            body = []; in_script = True
        elif line.startswith('---'):
            in_script = False
        elif in_script:
            body.append(line)
    flush()

hand = {
 'jobs-builtins': b'sleep 0.01 &\nsleep 5 &\nsleep 3 | sleep 4 &\njobs\njobs -l\njobs -p\njobs %1 %+ %- %?ee %sl\nfg %1\nbg %2\ndisown %2\njobs\nkill %3\nwait\n',
 'wait-n-t': b'sleep 0.01 &\nsleep 2 &\nwait -n -t 1 -p j; echo $? $j\nwait -t 0.5 %2; echo $?\nwait -n; echo $?\nwait %1 %2 $!; echo $?\nwait 12345; wait %9; wait -x\n',
 'kill-signals': b'sleep 10 &\nkill -STOP %1\njobs\nkill -CONT %1\nkill -s TERM %1\nkill -n 9 %1\nkill -l\nkill -l 9 137 HUP\nkill -0 $$\nkill %1 %2 %%\nkill -QUUX %1\nkill\nwait\n',
 'stop-continue': b'sleep 1 &\nkill -TSTP %1\nsleep 0.5\njobs\nbg\nfg %1\necho $?\nsleep 2 & kill -STOP $!; kill -TERM %2; wait %2; echo $?\n',
 'sleep-forms': b'sleep 0.01 &\nsleep 1s 2m 0.5h 0.001d &\nsleep 1e300 1e300 &\nsleep -1; sleep +1; sleep 1x; sleep; sleep inf; sleep nan\nsleep 0\nwait\n',
 'background-and-or': b'true && sleep 0.01 || echo no &\nfalse || (sleep 0.02; echo sub) &\n(sleep 1; sleep 1) &\n( sleep 5 & ) ; jobs\nkill %1 %2 %3\nwait\necho done $!\n',
 'source-self': b'echo "sleep 0.01; echo level" > f\n. ./f\nsource f a b c\necho \'. ./g\' > g\necho $#\n',
 'set-options': b'set -e -x -f -m -b\nset +e +x +f\nset -o errexit\nset +o errexit\nset -o\nset -- a "b c" d\necho $# "$@" "$*"\nset -Z\nset -o nope\n',
 'exit-status': b'(exit 300); echo $?\nexit 3 4\nexit abc\n( exit ) ; echo $?\nfalse\nexit\n',
 'cd-pwd': b'cd; pwd; cd -; cd /nonexistent; cd .; pwd -P; pwd -L; OLDPWD=/x cd -; cd ""; cd a b; HOME= cd\n',
 'export-unset': b'export A=1 B C=3\nexport -p\nexport 1x=3\nunset A B\nunset -v C\nunset 2bad\nA=1 B=2 echo $A\nset\n',
 'redirections': b'echo a > f; echo b >> f; echo c >| f; cat < f\necho x 2>&1 1>&2 3>&- 4<>f 5<&0 >&-\necho y 2>/dev/null 1>&9\necho z >/dev/full >/nonexistent/x\n: > $HOME/g < g\n(echo sub) >out 2>&1 &\nwait\n',
 'quoting': b"echo 'a  $x' \"b  $x\" c\\ \\ d \"\\$x\" 'it'\\''s' \"\\\"\" '' \"\" \\\n  cont\necho \"${x:-\"in\\\"ner\"}\" ${y:=z} ${u?} ${#x} ${x%y}\n",
 'params': b'x=hello\necho ${x} ${#x} ${x:-d} ${x-d} ${x:+a} ${x+a} ${n:=v} $n ${n:?e}\necho ${u:?unset var}\necho $? $$ $! $# $- $0 $1 $@ $* "$@" "$*" ${10}\n',
 'ifs-split': b'IFS=:; x=a:b::c; echo $x; IFS=; echo $x; unset IFS; echo $x\nIFS=" :"; x=" a : b "; set -- $x; echo $#\n',
 'glob': b'echo * .* ? [a-c]* \\* "*" *[ [!a]* dir/* */ ~ ~/x ~root ~nobody\nset -f; echo *; set +f\n',
 'tilde': b'echo ~ ~/a ~+ ~- ~fuzz ~root/x a=~ x=~/a:~/b\nHOME=/h; echo ~\n',
 'deep-nesting': b'(' * 200 + b'echo deep' + b')' * 200 + b'\n',
 'deep-nesting-unclosed': b'(' * 1200 + b'echo deep\n',
 'deep-brace': b'echo ' + b'${x:-' * 300 + b'a' + b'}' * 300 + b'\n',
 'deep-dquote': b'echo "' + b'${x:-"' * 150 + b'a' + b'"}' * 150 + b'"\n',
 'syntax-errors': b'echo (\n)\n&& a\n| b\na ||\n;;\nfi\nif true; then :; fi\necho a >\necho ${\necho "unclosed\n',
 'syntax-reserved': b'while true; do :; done\nfor i in 1; do :; done\ncase x in x) ;; esac\n{ echo; }\nf() { :; }\n',
 'incomplete-eof': b'echo a &&\n',
 'incomplete-quote': b"echo 'abc\ndef\n",
 'nul-bytes': b'echo a\x00b\nec\x00ho c\n\x00\x00\n(\x00echo d)\n',
 'invalid-utf8': b'echo \xff\xfe \xc3 \xe2\x82\nx=\xc3\xa9\xff; echo ${#x}\n\xc0\xaf=1\n',
 'many-jobs': b''.join(b'sleep 0.0%d &\n' % (i % 10) for i in range(40)) + b'jobs\nwait\n',
 'pipeline-builtins': b'echo a | echo b | : | true | false; echo $?\n! echo x | false; echo $?\nsleep 0.01 | sleep 0.02 &\nwait\n',
 'help-history': b'help\nhelp sleep wait nope\nhistory\nhistory -c\nhistory 5\nhistory x y\n',
 'errexit': b'set -e\nfalse || true\n! false\nfalse && true\necho still\n(false; echo no)\necho $?\nfalse\necho unreachable\n',
 'xtrace': b'set -x\na=1 b=$a echo "$a" \'q\' > /dev/null\n(echo sub)\n',
 'comments': b'echo a # c\n# whole\necho b#c \\#d\n  # indented\n',
 'crlf': b'echo a\r\necho b\r\n',
 'empty': b'',
 'only-newlines': b'\n\n\n',
 'continuation': b'echo a \\\n  b\necho c |\n  cat\nfalse ||\n\n  echo d\n',
 'redir-fd-numbers': b'echo a 9>f 10>g 2147483647>h 99999999999>i\necho b >&2147483647\necho c <&-\n',
 'wait-stopped': b'sleep 1 & kill -STOP %1; wait %1; echo never\n',
 'fg-bg-errors': b'fg; bg; fg %5; bg %x; disown %3; jobs %9; fg %%; jobs -z\n',
}

def write(target, name, data):
    d = 'tests/fuzz/corpus/%s' % target
    os.makedirs(d, exist_ok=True)
    with open('%s/%s' % (d, name), 'wb') as f:
        f.write(data)

for d in glob.glob('tests/fuzz/corpus/*/*'):
    os.remove(d)
allseeds = scripts + sorted(hand.items())
for i, (name, data) in enumerate(allseeds):
    write('fuzz_parse', name, data)
    write('fuzz_script', name, data)
    # fuzz_expand: a configuration byte first (IFS, $#, $!)
    write('fuzz_expand', name, bytes([(i * 37) & 0xff]) + data)
print(len(allseeds), 'seeds per target')
