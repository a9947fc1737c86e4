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
# libev and libedit (with its terminfo and libbsd) are linked statically
# when their archives exist: six shared libraries cost a script's shell
# more at start-up than everything else it does.  STATIC_DEPS=0 links
# them dynamically.
STATIC_DEPS ?= 1
EDIT_LIBS = $(shell pkg-config --libs --static libedit 2>/dev/null || \
	      echo -ledit -ltinfo -lbsd)
ifeq ($(STATIC_DEPS)$(SAN),1)
LIBS	= -Wl,-Bstatic -lev $(EDIT_LIBS) -lmd -Wl,-Bdynamic -lm
else
LIBS	= -lev $(shell pkg-config --libs libedit 2>/dev/null || echo -ledit) -lm
endif
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
BENCH_TOOLS = bench/bin/floor bench/bin/runner bench/bin/mark bench/bin/ptylat

.PHONY: bench bench-check

bench/bin/%: bench/%.c
	@mkdir -p bench/bin
	@echo "  CC      $<"
	@$(CC) -O2 -Wall -Wextra -Werror -o $@ $< $(if $(filter ptylat,$*),-lutil)

bench: jobsh $(BENCH_TOOLS)
	@sh bench/deps.sh
	bash bench/bench.sh

bench-check: jobsh $(BENCH_TOOLS)
	@sh bench/deps.sh
	bash bench/check.sh
