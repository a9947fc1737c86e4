# jobsh — a job-control shell on libev and libedit.
#
#   make            build ./jobsh
#   make run        install missing build dependencies, build, start jobsh
#   make check      unit, end-to-end and pty tests, then all again under
#                   AddressSanitizer + UndefinedBehaviorSanitizer (SAN=1)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc

WARNINGS = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wwrite-strings -Wpointer-arith -Wundef -Werror
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 $(WARNINGS) -Iinclude \
	      $(shell pkg-config --cflags libedit 2>/dev/null) -MMD -MP

ifeq ($(SAN),1)
BUILD	= build/san
OPT	= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	  -fno-sanitize-recover=undefined
BIN	= jobsh-san
else
BUILD	= build/release
OPT	= -O2 -g
BIN	= jobsh
endif

CFLAGS	?=
ALL_CFLAGS = $(BASE_CFLAGS) $(OPT) $(CFLAGS)
# libev is linked statically when its archive exists: a shared library
# costs a script's start-up more than most of what the script does.
# STATIC_DEPS=0 links it dynamically.  libedit is not linked at all:
# src/editline.c loads it with dlopen when a person is at the keyboard,
# under the soname of the library its headers came with.
STATIC_DEPS ?= 1
ifeq ($(STATIC_DEPS)$(SAN),1)
LIBS	= -Wl,-Bstatic -lev -Wl,-Bdynamic -lm -ldl
else
LIBS	= -lev -lm -ldl
endif
LIBEDIT_SONAME := $(or $(shell objdump -p "$$($(CC) -print-file-name=libedit.so)" \
		  2>/dev/null | sed -n 's/^ *SONAME *//p'),libedit.so.2)
BASE_CFLAGS += -DLIBEDIT_SONAME='"$(LIBEDIT_SONAME)"'
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

SRCS	= $(wildcard src/*.c)
OBJS	= $(SRCS:src/%.c=$(BUILD)/%.o)
LIB_OBJS = $(filter-out $(BUILD)/main.o,$(OBJS))
TEST_SRCS = $(wildcard tests/check_*.c)
TEST_OBJS = $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.o)

.PHONY: all run check check-one deps install clean

all: $(BIN)

$(BIN): $(OBJS)
	@echo "  LD      $@"
	@$(CC) $(OPT) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags check 2>/dev/null) \
	    -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)/tests

$(BUILD)/check_unit: $(TEST_OBJS) $(LIB_OBJS)
	@echo "  LD      $@"
	@$(CC) $(OPT) -o $@ $(TEST_OBJS) $(LIB_OBJS) $(LIBS) $(CHECK_LIBS)

# Installs what a fresh Debian machine lacks, when it can (root, apt-get).
deps:
	@sh tests/deps.sh

run: deps
	@$(MAKE) --no-print-directory jobsh
	./jobsh

check-one: $(BIN) $(BUILD)/check_unit
	JOBSH=./$(BIN) $(BUILD)/check_unit
	JOBSH=./$(BIN) bash tests/e2e/run.sh
	JOBSH=./$(BIN) bash tests/fault/run.sh

check: deps
	@$(MAKE) --no-print-directory check-one
	@$(MAKE) --no-print-directory SAN=1 check-one

install: jobsh
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 jobsh $(DESTDIR)$(PREFIX)/bin/jobsh
	install -m 644 man/jobsh.1 $(DESTDIR)$(PREFIX)/share/man/man1/jobsh.1

clean:
	rm -rf build jobsh jobsh-san

-include $(OBJS:.o=.d) $(TEST_OBJS:.o=.d)

# Benchmarks (bench/README.md): `make bench` reports, `make bench-check`
# compares jobsh with the targets of issue #4. Neither is part of `make check`.
BENCH_TOOLS = bench/bin/floor bench/bin/runner bench/bin/mark bench/bin/ptylat \
	      bench/bin/spawnways

.PHONY: bench bench-check

bench/bin/%: bench/%.c
	@mkdir -p bench/bin
	@echo "  CC      $<"
	@$(CC) -O2 -Wall -Wextra -Werror -o $@ $< $(if $(filter ptylat,$*),-lutil) \
	    $(if $(filter spawnways,$*),-pthread)

bench: jobsh $(BENCH_TOOLS)
	@sh bench/deps.sh
	bash bench/bench.sh

bench-check: jobsh $(BENCH_TOOLS)
	@sh bench/deps.sh
	bash bench/check.sh

# Fuzzing with libFuzzer + ASan + UBSan (clang-14; tests/fuzz/deps.sh
# installs it).  Targets: fuzz_parse, fuzz_expand, fuzz_script, described
# at the top of tests/fuzz/*.c; seeds in tests/fuzz/corpus/TARGET, inputs
# that once crashed in tests/fuzz/regressions.  Neither is part of
# `make check`.
#
#   make fuzz [FUZZ_SECONDS=60]  build into build/fuzz, run every
#                                regression input through every target,
#                                then fuzz each target for FUZZ_SECONDS on
#                                build/fuzz/corpus-TARGET (the seeds are
#                                copied there); fails on the first crash
#   make fuzz-smoke              the same with 10 s per target (CI); a
#                                timeout (an input slower than 10 s: the
#                                language can double a string a line, so
#                                4 KiB of script can take minutes) is
#                                printed with its input, not a failure
FUZZ_CC		?= clang-14
FUZZ_SECONDS	?= 60
FUZZ_DIR	= build/fuzz
FUZZ_TARGETS	= fuzz_parse fuzz_expand fuzz_script
FUZZ_OPT	= -O1 -g -fno-omit-frame-pointer \
		  -fsanitize=address,undefined -fno-sanitize-recover=undefined
# clang's -Wformat=2 also flags vfprintf(fmt, ap) in printf-like wrappers.
FUZZ_WARN	= -Wno-format-nonliteral
FUZZ_LIBS	= -lev -lm -ldl
FUZZ_LIB_OBJS	= $(filter-out $(FUZZ_DIR)/obj/main.o,$(SRCS:src/%.c=$(FUZZ_DIR)/obj/%.o))
FUZZ_FLAGS	= -max_len=4096 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3
FUZZ_REGRESSIONS = $(wildcard tests/fuzz/regressions/*)
# From a libFuzzer log: the input that crashed and the head of the report.
FUZZ_REPORT	= awk '/^Running: / { r = $$0 } \
		  /ERROR: |HARNESS FINDING|Test unit written/ && !p { \
		  if (r != "") print r; p = 1 } p && n++ < 50'

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-regressions fuzz-run

fuzz: fuzz-build
	@$(MAKE) --no-print-directory fuzz-regressions
	@$(MAKE) --no-print-directory fuzz-run

fuzz-smoke: fuzz-build
	@$(MAKE) --no-print-directory fuzz-regressions
	@$(MAKE) --no-print-directory fuzz-run FUZZ_SECONDS=10 FUZZ_SLOW_OK=1

fuzz-build:
	@FUZZ_CC=$(FUZZ_CC) sh tests/fuzz/deps.sh
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)

# Each regression input, once, through every target.
fuzz-regressions:
	@for t in $(FUZZ_TARGETS); do \
		[ -z "$(FUZZ_REGRESSIONS)" ] && break; \
		echo "  REGRESS $$t"; \
		$(FUZZ_DIR)/$$t -close_fd_mask=3 -timeout=10 \
		    $(FUZZ_REGRESSIONS) >$(FUZZ_DIR)/$$t-regressions.log 2>&1 || { \
			$(FUZZ_REPORT) $(FUZZ_DIR)/$$t-regressions.log; \
			echo "$$t: a regression input crashes" \
			    "(log: $(FUZZ_DIR)/$$t-regressions.log)"; \
			exit 1; }; \
	done

fuzz-run:
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/artifacts; \
		cp tests/fuzz/corpus/$$t/* $(FUZZ_DIR)/corpus-$$t/; \
		echo "  FUZZ    $$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_DIR)/$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
		    -print_final_stats=1 \
		    -artifact_prefix=$(CURDIR)/$(FUZZ_DIR)/artifacts/$$t- \
		    $(FUZZ_DIR)/corpus-$$t >$(FUZZ_DIR)/$$t.log 2>&1; \
		rc=$$?; \
		if [ $$rc = 70 ] && [ -n "$(FUZZ_SLOW_OK)" ]; then \
			grep -h 'Test unit written' $(FUZZ_DIR)/$$t.log; \
			echo "$$t: an input took over 10 s (not a failure" \
			    "here; log: $(FUZZ_DIR)/$$t.log)"; \
		elif [ $$rc != 0 ]; then \
			$(FUZZ_REPORT) $(FUZZ_DIR)/$$t.log; \
			echo "$$t: crash (log: $(FUZZ_DIR)/$$t.log)"; \
			exit 1; fi; \
		grep -h '^Done\|stat::number_of_executed_units\|stat::average_exec_per_sec' \
		    $(FUZZ_DIR)/$$t.log | sed 's/^/          /'; \
	done

$(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_WARN) $(FUZZ_OPT) \
	    -fsanitize=fuzzer-no-link \
	    -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_WARN) $(FUZZ_OPT) \
	    -fsanitize=fuzzer-no-link \
	    -c -o $@ $<

$(FUZZ_DIR)/libjobsh.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_DIR)/fuzz_parse: $(FUZZ_DIR)/obj/fuzz/fuzz_parse.o $(FUZZ_DIR)/libjobsh.a
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_OPT) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

$(FUZZ_DIR)/fuzz_expand $(FUZZ_DIR)/fuzz_script: $(FUZZ_DIR)/%: \
    $(FUZZ_DIR)/obj/fuzz/%.o $(FUZZ_DIR)/obj/fuzz/sandbox.o \
    $(FUZZ_DIR)/libjobsh.a
	@echo "  LD      $@"
	@$(FUZZ_CC) $(FUZZ_OPT) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LIBS)

-include $(wildcard $(FUZZ_DIR)/obj/*.d $(FUZZ_DIR)/obj/fuzz/*.d)

# Reliability tests (tests/fault/run.sh describes them): process and
# descriptor limits, closed and broken output, SIGCHLD and signal storms,
# hang-ups of interactive shells, concurrent history, huge input, memory
# across many jobs.  The scripts build their helpers (tests/fault/*.c).
#
#   make fault      check size, on ./$(BIN) (under a minute); check-one
#                   runs it too
#   make stress     longer: 20000 SIGCHLD children, 50000 jobs, longer
#                   storms and sessions (a few minutes)
#   make valgrind   every e2e case with ./jobsh under valgrind; fails on
#                   memory errors and definite leaks (slow; not in check)
.PHONY: fault stress valgrind

fault: $(BIN)
	JOBSH=./$(BIN) bash tests/fault/run.sh

stress: $(BIN)
	FAULT_MODE=stress JOBSH=./$(BIN) bash tests/fault/run.sh

valgrind: jobsh
	JOBSH=./jobsh bash tests/fault/valgrind.sh
