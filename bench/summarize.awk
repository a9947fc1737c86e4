# summarize.awk: medians of the bench's raw measurements -> results.md and
# summary.tsv.  Called by bench.sh as
#   awk -f summarize.awk -v out_md=F -v out_tsv=F meta.tsv raw.tsv w7.tsv \
#       verify.tsv pty.tsv
# POSIX awk (mawk works): medians by insertion sort of a few values.

BEGIN { FS = "\t" }

function push(key, v) { vals[key, ++cnt[key]] = v }

function median(key,    n, i, j, t, a) {
	n = cnt[key]
	if (n == 0)
		return ""
	for (i = 1; i <= n; i++)
		a[i] = vals[key, i] + 0
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

function maxof(key,    n, i, m) {
	n = cnt[key]
	if (n == 0)
		return ""
	m = vals[key, 1] + 0
	for (i = 2; i <= n; i++)
		if (vals[key, i] + 0 > m)
			m = vals[key, i] + 0
	return m
}

function fmt(v, f) { return v == "" ? "–" : sprintf(f, v) }

function metric(k, v) { if (v != "") printf "%s\t%s\n", k, v > out_tsv }

# Processes a workload starts: a floor on the PID count.
function procs(work, n) {
	if (work == "W1" || work == "W2" || work == "W3") return n
	if (work == "W6") return 2 * n
	if (work == "W4") return n + 3
	return 0
}

FILENAME ~ /meta\.tsv$/ { meta[$1] = $2; metaorder[++nmeta] = $1; next }

FILENAME ~ /raw\.tsv$/ {
	if (FNR == 1)
		next
	phase = $1; work = $3; n = $4; mode = $5; who = $6
	k = phase SUBSEP work SUBSEP n SUBSEP mode SUBSEP who
	if (!(k in seen)) { seen[k] = 1 }
	if (!((phase, n) in seen_n)) { seen_n[phase, n] = 1; ns[phase, ++nns[phase]] = n }
	if (!(who in seen_who) && who != "floor-fork") { seen_who[who] = 1; shells[++nshells] = who }
	push(k SUBSEP "ratio", $7 / $19)
	push(k SUBSEP "wall", $7)
	push(k SUBSEP "fwall", $19)
	push(k SUBSEP "cpu", $8)
	push(k SUBSEP "fcpu", $20)
	push(k SUBSEP "rss", $12)
	push(k SUBSEP "frss", $24)
	# A listing figure of 0 or less is a broken sample: the empty pair of
	# stamps took longer than 100 listings (a stamp process held up by
	# the CPU the just-started sleeps still use); it is left out.
	if ($17 != "-" && $17 > 0) push(k SUBSEP "list", $17)
	if ($29 != "-" && $29 > 0) push(k SUBSEP "flist", $29)
	bad = ""
	if ($13 != 0) bad = bad " status " $13
	if ($18 != 0) bad = bad " stderr"
	if ($14 < procs(work, n)) bad = bad " pids " $14 "<" procs(work, n)
	if ((work == "W2" || work == "W3") && $15 != 0) bad = bad " leftover " $15
	if (work == "W3" && $7 < 1e9) bad = bad " under 1 s"
	if (bad != "") { anomalies[phase, who]++; anomaly_note[phase, who] = work "/" mode ":" bad }
	next
}

FILENAME ~ /w7\.tsv$/ {
	if (FNR == 1)
		next
	n = $2; who = $3
	k = n SUBSEP who
	if (!(k in w7seen)) { w7seen[k] = 1; w7keys[++nw7] = k }
	push("w7" SUBSEP k SUBSEP "wall", $4)
	push("w7" SUBSEP k SUBSEP "cpu", $5)
	push("w7" SUBSEP k SUBSEP "rss", $9)
	push("w7" SUBSEP k SUBSEP "pids", $11)
	if ($10 != 0 || $15 != 0) w7bad[k] = w7bad[k] "status " $10 ", " $15 " stderr lines; "
	next
}

FILENAME ~ /verify\.tsv$/ {
	if (FNR == 1)
		next
	ver[$3, $1] = $4
	verdetail[$3, $1] = $5
	if ($4 != "ok") verfail[$3]++
	if (!(($3, "any") in ver)) { ver[$3, "any"] = 1; vshells[++nvshells] = $3 }
	next
}

FILENAME ~ /pty\.tsv$/ {
	if (FNR == 1)
		next
	pty[$1] = $2
	ptyorder[++npty] = $1
	next
}

function key(work, mode, who) { return "main" SUBSEP work SUBSEP (work == "W5" ? 1 : N) SUBSEP mode SUBSEP who }

function row(label, work, mode, target,    i, s, line, r) {
	line = "| " label " | " target " |"
	for (i = 1; i <= nshells; i++) {
		r = median(key(work, mode, shells[i]) SUBSEP "ratio")
		line = line " " fmt(r, "%.2f") " |"
		metric("ratio." work "." mode "." shells[i], r)
	}
	r = mode == "file" ? median(key(work, "-", "floor-fork") SUBSEP "ratio") : ""
	line = line " " fmt(r, "%.2f") " |"
	metric("ratio." work ".floor-fork", r)
	s = median(key(work, mode, shells[1]) SUBSEP "fwall")
	line = line " " fmt(s / 1e6, "%.0f") " ms |"
	print line > out_md
}

function perjob(work, n) { return work == "W5" ? K : n }

function cpurow(label, work, mode,    i, k, line, c, m) {
	line = "| " label " |"
	for (i = 1; i <= nshells; i++) {
		k = key(work, mode, shells[i])
		c = median(k SUBSEP "cpu")
		line = line " " fmt(c == "" ? "" : c / 1000 / perjob(work, N), "%.1f") " |"
		metric("cpu_us." work "." mode "." shells[i], c == "" ? "" : c / 1000 / perjob(work, N))
	}
	c = median(key(work, mode, shells[1]) SUBSEP "fcpu")
	line = line " " fmt(c == "" ? "" : c / 1000 / perjob(work, N), "%.1f") " |"
	for (i = 1; i <= nshells; i++) {
		m = maxof(key(work, mode, shells[i]) SUBSEP "rss")
		line = line " " fmt(m == "" ? "" : m / 1024, "%.1f") " |"
		metric("rss_kb." work "." mode "." shells[i], m)
	}
	m = maxof(key(work, mode, shells[1]) SUBSEP "frss")
	line = line " " fmt(m == "" ? "" : m / 1024, "%.1f") " |"
	print line > out_md
}

END {
	split(meta["settings"], st, " ")
	for (i in st) {
		if (st[i] ~ /^N=/) N = substr(st[i], 3)
		if (st[i] ~ /^W5_K=/) K = substr(st[i], 6)
		if (st[i] ~ /^W5_reps=/) K_REPS = substr(st[i], 9)
		if (st[i] ~ /^W1_reps=/) W1_REPS = substr(st[i], 9)
		if (st[i] ~ /^reps=/) REPS = substr(st[i], 6)
	}
	print "## Results of `make bench`" > out_md
	print "" > out_md
	print "Generated by bench/bench.sh; everything between the bench markers is" > out_md
	print "rewritten by each run." > out_md
	print "" > out_md
	for (i = 1; i <= nmeta; i++)
		print "- " metaorder[i] ": " meta[metaorder[i]] > out_md
	print "" > out_md

	hdr = "|"; sep = "|"
	for (i = 1; i <= nshells; i++) { hdr = hdr " " shells[i] " |"; sep = sep "---:|" }

	print "### Wall time: medians of paired ratios to the floor (N = " N ")" > out_md
	print "" > out_md
	print "Each shell run is paired with a floor run right before or after it" > out_md
	print "(alternating); the figure is the median of the per-pair ratios." > out_md
	print "\"floor (fork)\" is the floor with fork+execve instead of posix_spawn," > out_md
	print "against the posix_spawn floor. W5 is " K " start-ups (`exit`) against " K > out_md
	print "start-ups of the floor program, paired one by one" (K_REPS != "" ? ", in " K_REPS " pairs." : ".") > out_md
	if (W1_REPS != "")
		print "W1 (file and pipe) has " W1_REPS " pairs a shell, the others " REPS \
		    " (floor (fork): " REPS ")." > out_md
	print "" > out_md
	print "| workload | jobsh target |" substr(hdr, 2) " floor (fork) | floor wall |" > out_md
	print "|---|---|" substr(sep, 2) "---:|---:|" > out_md
	row("W1 `/bin/true`, file", "W1", "file", "≤ 1.05")
	row("W1 `/bin/true`, pipe", "W1", "pipe", "≤ 1.10")
	row("W2 `/bin/true &` + wait", "W2", "file", "≤ 1.3")
	row("W3 `/bin/sleep 1 &` + wait", "W3", "file", "≤ 1.2")
	row("W4 `sleep 60 &` + 100 jobs", "W4", "file", "(listing below)")
	row("W5 start-up", "W5", "file", "≤ dash")
	row("W6 `echo hi \\| cat`", "W6", "file", "≤ 1.2")
	print "" > out_md

	print "### The shell's own CPU (µs a job) and peak RSS (MiB)" > out_md
	print "" > out_md
	print "CPU: the shell process alone, all its threads (not its children)," > out_md
	print "from its CPU-time clock while it is a zombie; median over repetitions," > out_md
	print "divided by N (W5: by the number of start-ups). RSS: ru_maxrss from" > out_md
	print "wait4, the maximum over the shell and the children it reaped; an" > out_md
	print "exec'd utility is 1-2 MiB, so small figures are the children's" > out_md
	print "(see the floor's)." > out_md
	print "" > out_md
	h = "| workload |"; s2 = "|---|"
	for (i = 1; i <= nshells; i++) { h = h " " shells[i] " CPU |"; s2 = s2 "---:|" }
	h = h " floor CPU |"; s2 = s2 "---:|"
	for (i = 1; i <= nshells; i++) { h = h " " shells[i] " RSS |"; s2 = s2 "---:|" }
	h = h " floor RSS |"; s2 = s2 "---:|"
	print h > out_md
	print s2 > out_md
	cpurow("W1 file", "W1", "file")
	cpurow("W1 pipe", "W1", "pipe")
	cpurow("W2", "W2", "file")
	cpurow("W3", "W3", "file")
	cpurow("W4", "W4", "file")
	cpurow("W5", "W5", "file")
	cpurow("W6", "W6", "file")
	print "" > out_md

	# --- scaling ---
	print "### Scaling: W2 and W4 against N" > out_md
	print "" > out_md
	print "W2: wall time per job (µs), and the median paired ratio to the floor." > out_md
	print "W4: the cost of one job's line in one `jobs` listing (ns): the time" > out_md
	print "between two stamps around the 100 listings, less the time between" > out_md
	print "two stamps with nothing between them, over 100 x N (samples of 0 or" > out_md
	print "less, where the empty pair took longer, are left out). Floor: formatting" > out_md
	print "the same lines into one write(2) to /dev/null." > out_md
	print "" > out_md
	h = "| N |"; s2 = "|---:|"
	for (i = 1; i <= nshells; i++) { h = h " W2 " shells[i] " µs/job (ratio) |"; s2 = s2 "---:|" }
	h = h " W2 floor µs/job |"; s2 = s2 "---:|"
	for (i = 1; i <= nshells; i++) { h = h " W4 " shells[i] " ns/line |"; s2 = s2 "---:|" }
	h = h " W4 floor ns/line |"; s2 = s2 "---:|"
	print h > out_md
	print s2 > out_md
	for (j = 1; j <= nns["scale"]; j++) {
		n = ns["scale", j]
		line = "| " n " |"
		for (i = 1; i <= nshells; i++) {
			k = "scale" SUBSEP "W2" SUBSEP n SUBSEP "file" SUBSEP shells[i]
			w = median(k SUBSEP "wall"); r = median(k SUBSEP "ratio")
			line = line " " fmt(w == "" ? "" : w / 1000 / n, "%.0f") " (" fmt(r, "%.2f") ") |"
			metric("scale.W2.us_per_job." n "." shells[i], w == "" ? "" : w / 1000 / n)
			metric("scale.W2.ratio." n "." shells[i], r)
			if (j == 1) w2first[i] = w / n
			if (j == nns["scale"]) w2last[i] = w / n
		}
		w = median(k SUBSEP "fwall")
		line = line " " fmt(w == "" ? "" : w / 1000 / n, "%.0f") " |"
		for (i = 1; i <= nshells; i++) {
			k = "scale" SUBSEP "W4" SUBSEP n SUBSEP "file" SUBSEP shells[i]
			l = median(k SUBSEP "list")
			line = line " " fmt(l, "%.0f") " |"
			metric("scale.W4.ns_per_line." n "." shells[i], l)
			if (j == 1) w4first[i] = l
			if (j == nns["scale"]) w4last[i] = l
		}
		l = median(k SUBSEP "flist")
		line = line " " fmt(l, "%.0f") " |"
		print line > out_md
	}
	if (nns["scale"] > 1) {
		line = "| last/first |"
		for (i = 1; i <= nshells; i++) {
			f = w2first[i] > 0 ? w2last[i] / w2first[i] : ""
			line = line " " fmt(f, "%.2f") " |"
			metric("flat.W2." shells[i], f)
		}
		line = line " |"
		for (i = 1; i <= nshells; i++) {
			f = w4first[i] > 0 ? w4last[i] / w4first[i] : ""
			line = line " " fmt(f, "%.2f") " |"
			metric("flat.W4." shells[i], f)
		}
		print line " |" > out_md
	}
	print "" > out_md
	for (i = 1; i <= nshells; i++)
		metric("list_ns.W4." shells[i], median(key("W4", "file", shells[i]) SUBSEP "list"))

	# --- W7 ---
	print "### W7: N x `sleep 1 &`, then `wait`" > out_md
	print "" > out_md
	print "Absolute figures (no floor: there is no process work). `sleep` is a" > out_md
	print "builtin timer in jobsh and /bin/sleep in dash and bash. PIDs: process" > out_md
	print "IDs allocated during the run (other activity on the machine adds a few)." > out_md
	print "Target for jobsh at N = 100000: wall ≤ 2.5 s, RSS < 64 MiB, no children." > out_md
	print "" > out_md
	print "| N | shell | runs | wall (s) | own CPU (s) | peak RSS (MiB) | PIDs used | problems |" > out_md
	print "|---:|---|---:|---:|---:|---:|---:|---|" > out_md
	for (j = 1; j <= nw7; j++) {
		split(w7keys[j], kk, SUBSEP)
		k = "w7" SUBSEP w7keys[j]
		wl = median(k SUBSEP "wall"); c = median(k SUBSEP "cpu")
		m = maxof(k SUBSEP "rss"); p = median(k SUBSEP "pids")
		printf "| %s | %s | %d | %.2f | %.2f | %.1f | %d | %s |\n", kk[1], kk[2], cnt[k SUBSEP "wall"],
		    wl / 1e9, c / 1e9, m / 1024, p, (w7keys[j] in w7bad) ? w7bad[w7keys[j]] : "" > out_md
		metric("w7.wall_s." kk[1] "." kk[2], wl / 1e9)
		metric("w7.rss_kb." kk[1] "." kk[2], m)
		metric("w7.pids." kk[1] "." kk[2], p)
		metric("w7.bad." kk[1] "." kk[2], (w7keys[j] in w7bad) ? 1 : 0)
	}
	print "" > out_md

	# --- verification ---
	print "### Did every job run?" > out_md
	print "" > out_md
	print "Untimed runs of the `gen.sh -v` variants: each job leaves a mark that is" > out_md
	print "counted after the shell exits (W1/W2: one byte; W3: one byte after its" > out_md
	print "second, so `wait` must have waited; W6: the bytes that crossed each pipe;" > out_md
	print "W4: the lines of one more `jobs`; W7: ≥ 1 s and, for jobsh, no child" > out_md
	print "process, sampled every 2 ms and by PIDs used); also exit status 0, empty" > out_md
	print "stderr, and no child left alive after `wait`. The timed runs are checked" > out_md
	print "too: exit status, empty stderr, PIDs used ≥ processes the workload starts." > out_md
	print "" > out_md
	print "| shell | W1 | W2 | W3 | W4 | W5 | W6 | W7 | timed runs |" > out_md
	print "|---|---|---|---|---|---|---|---|---|" > out_md
	for (i = 1; i <= nvshells; i++) {
		sh = vshells[i]
		line = "| " sh " |"
		for (w = 1; w <= 7; w++)
			line = line " " (((sh, "W" w) in ver) ? ver[sh, "W" w] : "–") " |"
		a = anomalies["main", sh] + anomalies["scale", sh]
		line = line " " (a ? a " anomalies (" anomaly_note["main", sh] anomaly_note["scale", sh] ")" : "ok") " |"
		print line > out_md
		metric("verify_failures." sh, verfail[sh] + 0)
		metric("anomalies." sh, a + 0)
	}
	print "" > out_md
	for (i = 1; i <= nvshells; i++)
		for (w = 1; w <= 7; w++)
			if (((vshells[i], "W" w) in ver) && ver[vshells[i], "W" w] != "ok")
				print "- " vshells[i] " W" w ": " verdetail[vshells[i], "W" w] > out_md
	print "" > out_md

	# --- pty ---
	print "### Interactive: a background job's end on the terminal" > out_md
	print "" > out_md
	print "bench/bin/ptylat: the shell on a pty; a job sleeps 0.2 s, stamps" > out_md
	print "CLOCK_MONOTONIC and exits; latency = arrival of \"Done\" on the pty" > out_md
	print "master less the stamp. bash runs with `set -b`. Target: ≤ 10 ms." > out_md
	print "" > out_md
	print "| shell | result |" > out_md
	print "|---|---|" > out_md
	for (i = 1; i <= npty; i++) {
		print "| " ptyorder[i] " | " pty[ptyorder[i]] " |" > out_md
		nf = split(pty[ptyorder[i]], kv, " ")
		for (j = 1; j <= nf; j++)
			if (split(kv[j], p2, "=") == 2)
				metric("pty." p2[1] "." ptyorder[i], p2[2])
	}
	print "" > out_md
}
