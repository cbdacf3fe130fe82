# SPDX-License-Identifier: GPL-2.0-or-later
#
# The side-by-side benchmark against LTP (doc/performance.md):
#
#   make bench-ltp [LTP=dir] [ROUNDS=5] [RUNTIME=3] [SELFTEST_DEADLINE=90] [QUICK=1]
#
# builds LTP's three fuzzy-sync self-tests and bench/fzshape against LTP
# and against the project, unchanged, and runs them alternately. LTP is
# any LTP tree with include/ and lib/libltp.a (the self-tests in tests/
# or lib/newlib_tests/); the default is ../shared/ltp-anchor beside the
# source tree, or beside the main checkout when this is a git worktree.
#
# check-bench-ltp (part of make check) builds everything and runs one
# short case on each side.

BENCH_LTP_DIR := build/bench-ltp

# Settings of the project's side only, none by default: the loop keeps
# LTP's contract (e.g. BENCH_LTP_PROJECT_ENV="FZSYNC_COVERAGE=6" would
# measure quick mode, which ends loops before their runtime).
BENCH_LTP_PROJECT_ENV ?=

ifeq ($(QUICK),1)
ROUNDS ?= 2
RUNTIME ?= 1
SELFTEST_DEADLINE ?= 30
endif
ROUNDS ?= 5
RUNTIME ?= 3
SELFTEST_DEADLINE ?= 90

ifeq ($(origin LTP),undefined)
bench_ltp_main_tree := $(patsubst %/.git,%,$(shell git rev-parse --path-format=absolute --git-common-dir 2>/dev/null))
BL_TREE := $(firstword $(foreach d,$(CURDIR)/../shared/ltp-anchor $(bench_ltp_main_tree)/../shared/ltp-anchor,$(if $(wildcard $(d)/lib/libltp.a),$(abspath $(d)))))
else
BL_TREE := $(abspath $(LTP))
endif

# What is missing from $(BL_TREE), empty when it is usable
BENCH_LTP_SELFTESTS := tst_fuzzy_sync01 tst_fuzzy_sync02 tst_fuzzy_sync03
bench_ltp_src_dir := $(firstword $(foreach d,tests lib/newlib_tests,$(if $(wildcard $(BL_TREE)/$(d)/tst_fuzzy_sync01.c),$(BL_TREE)/$(d))))
bl_missing := $(strip \
	$(if $(wildcard $(BL_TREE)/include/tst_fuzzy_sync.h),,include/tst_fuzzy_sync.h) \
	$(if $(wildcard $(BL_TREE)/lib/libltp.a),,lib/libltp.a) \
	$(if $(bench_ltp_src_dir),,(tests|lib/newlib_tests)/tst_fuzzy_sync01.c) \
	$(if $(wildcard $(BL_TREE)/include/lapi/syscalls.h $(BL_TREE)/include/lapi/syscalls/generate_syscalls.sh),,include/lapi/syscalls.h))
BENCH_LTP_PROBLEM := $(strip \
	$(if $(BL_TREE),$(if $(wildcard $(BL_TREE)/.),$(if $(bl_missing),LTP=$(BL_TREE) is not a built LTP tree: missing $(bl_missing)),LTP=$(BL_TREE): no such directory),no LTP tree found: pass LTP=DIR (an LTP tree with include/ and lib/libltp.a)))

BL_LTP := $(BENCH_LTP_DIR)/ltp
BL_PRJ := $(BENCH_LTP_DIR)/project

# LTP's side as LTP builds these tests (its own flags, its warnings off).
# An LTP tree that has not generated lapi/syscalls.h gets it from LTP's
# generator, into the build directory.
BL_GEN := $(BENCH_LTP_DIR)/ltp-include
BL_NEED_SYSCALLS_H := $(if $(wildcard $(BL_TREE)/include/lapi/syscalls.h),,$(BL_GEN)/lapi/syscalls.h)
BL_LTP_CPPFLAGS = -D_GNU_SOURCE -D_FORTIFY_SOURCE=2 -I$(BL_TREE)/include -I$(BL_TREE)/include/old \
	$(if $(BL_NEED_SYSCALLS_H),-I$(BL_GEN))
BL_LTP_CFLAGS = -g -O2 -fno-strict-aliasing -Wall -W -std=gnu99 -pthread
BL_LTP_LIBS = $(BL_TREE)/lib/libltp.a -lrt -lutil -lm

$(BL_GEN)/lapi/syscalls.h:
	@mkdir -p $(@D)
	sh $(BL_TREE)/include/lapi/syscalls/generate_syscalls.sh $(CURDIR)/$@.tmp
	mv $@.tmp $@

$(BENCH_LTP_SELFTESTS:%=$(BL_LTP)/%): $(BL_LTP)/%: $(BL_NEED_SYSCALLS_H)
	@mkdir -p $(@D)
	$(CC) $(BL_LTP_CPPFLAGS) -I$(bench_ltp_src_dir) $(BL_LTP_CFLAGS) -w -o $@ \
		$(bench_ltp_src_dir)/$*.c $(BL_LTP_LIBS)

$(BL_LTP)/fzshape: bench/fzshape.c bench/shapes.h $(BL_NEED_SYSCALLS_H)
	@mkdir -p $(@D)
	$(CC) $(BL_LTP_CPPFLAGS) -Ibench $(BL_LTP_CFLAGS) -o $@ $< $(BL_LTP_LIBS)

# The project's side: the same sources, the project's headers and library
$(BENCH_LTP_SELFTESTS:%=$(BL_PRJ)/%): $(BL_PRJ)/%: $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -I$(bench_ltp_src_dir) $(ALL_CFLAGS) -o $@ \
		$(bench_ltp_src_dir)/$*.c $(LIB) $(LDFLAGS) $(LDLIBS)

$(BL_PRJ)/fzshape: bench/fzshape.c bench/shapes.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DFZSYNC_BENCH_PROJECT $(ALL_CFLAGS) -o $@ $< $(LIB) \
		$(LDFLAGS) $(LDLIBS)

# Reproducers, for iterations per second at equal runtime: the
# catalogue's race loops and LTP's inotify09 and cve-2016-7117, each
# built against both libraries with bench/loop_count.h forced in (it
# counts the loop's iterations the same way on both sides). On LTP's
# side the catalogue's project-only calls come from bench/ltp_shim.h;
# on the project's side LTP's tests take the headers the project does
# not have (config.h, lapi/socket.h) from LTP's tree, after its own.
# Reproducers whose race is ordered by the project's stall (tst_stall.h,
# a test-side technique with no library state of its own) take it on
# LTP's side too: lib/stall built with LTP's headers, the shim's pause,
# and the project's include/ searched last, for tst_stall.h alone.
BL_CAT_SRCS := $(shell grep -l 'tst_fzsync_run_a' $(filter testcases/kernel/%,$(TC_SRCS)) 2>/dev/null)
# LTP's flags, and the project's include/ last, for tst_stall.h alone
BL_LTP_STALL_CPPFLAGS = $(BL_LTP_CPPFLAGS) -idirafter include
BL_STALL_SRCS := $(wildcard lib/stall/*.c)
BL_STALL_OBJS := $(BL_STALL_SRCS:lib/stall/%.c=$(BL_LTP)/stall/%.o)

$(BL_STALL_OBJS): $(BL_LTP)/stall/%.o: lib/stall/%.c bench/ltp_shim.h $(BL_NEED_SYSCALLS_H)
	@mkdir -p $(@D)
	$(CC) $(BL_LTP_STALL_CPPFLAGS) -DBENCH_LTP_HELPER \
		-include bench/ltp_shim.h $(BL_LTP_CFLAGS) -w -c -o $@ $<
BL_CAT := $(notdir $(BL_CAT_SRCS:.c=))
bl_cat_src = $(filter %/$(1).c,$(BL_CAT_SRCS))
bl_cat_helpers = $(filter $(dir $(call bl_cat_src,$(1)))lib%.c,$(TC_HELPER_SRCS))
bl_ltp_loop_src = $(firstword $(wildcard $(foreach d,tests testcases/kernel/syscalls/inotify testcases/cve,$(BL_TREE)/$(d)/$(1).c)))
BL_LTP_LOOPS := $(foreach t,inotify09 cve-2016-7117,$(if $(call bl_ltp_loop_src,$(t)),$(t)))
BL_LOOPS := $(BL_CAT) $(BL_LTP_LOOPS)

$(BL_CAT:%=$(BL_LTP)/loops/%): $(BL_LTP)/loops/%: $$(call bl_cat_src,$$*) \
		$$(call bl_cat_helpers,$$*) bench/ltp_shim.h bench/loop_count.h \
		$(BL_STALL_OBJS) $(BL_NEED_SYSCALLS_H)
	@mkdir -p $(@D)/$*.o
	@for h in $(call bl_cat_helpers,$*); do \
		$(CC) $(BL_LTP_STALL_CPPFLAGS) -I$(dir $<) -DBENCH_LTP_HELPER \
			-include bench/ltp_shim.h -include bench/loop_count.h \
			$(BL_LTP_CFLAGS) -w -c \
			-o $(@D)/$*.o/$$(basename $$h .c).o $$h || exit 1; \
	done
	$(CC) $(BL_LTP_STALL_CPPFLAGS) -I$(dir $<) -include bench/ltp_shim.h \
		-include bench/loop_count.h $(BL_LTP_CFLAGS) -w -o $@ $< \
		$(foreach h,$(call bl_cat_helpers,$*),$(@D)/$*.o/$(notdir $(h:.c=.o))) \
		$(BL_STALL_OBJS) $(BL_LTP_LIBS)

$(BL_CAT:%=$(BL_PRJ)/loops/%): $(BL_PRJ)/loops/%: $$(call bl_cat_src,$$*) \
		$$(call bl_cat_helpers,$$*) bench/loop_count.h $(LIB)
	@mkdir -p $(@D)/$*.o
	@for h in $(call bl_cat_helpers,$*); do \
		$(CC) $(CPPFLAGS) -I$(dir $<) -DTST_NO_DEFAULT_MAIN= \
			-include bench/loop_count.h $(ALL_CFLAGS) -c \
			-o $(@D)/$*.o/$$(basename $$h .c).o $$h || exit 1; \
	done
	$(CC) $(CPPFLAGS) -I$(dir $<) -include bench/loop_count.h $(ALL_CFLAGS) \
		-o $@ $< \
		$(foreach h,$(call bl_cat_helpers,$*),$(@D)/$*.o/$(notdir $(h:.c=.o))) \
		$(LIB) $(LDFLAGS) $(LDLIBS)

$(BL_LTP_LOOPS:%=$(BL_LTP)/loops/%): $(BL_LTP)/loops/%: bench/loop_count.h $(BL_NEED_SYSCALLS_H)
	@mkdir -p $(@D)
	$(CC) $(BL_LTP_CPPFLAGS) -I$(dir $(call bl_ltp_loop_src,$*)) \
		-include bench/loop_count.h $(BL_LTP_CFLAGS) -w -o $@ \
		$(call bl_ltp_loop_src,$*) $(BL_LTP_LIBS)

$(BL_LTP_LOOPS:%=$(BL_PRJ)/loops/%): $(BL_PRJ)/loops/%: bench/loop_count.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -I$(dir $(call bl_ltp_loop_src,$*)) -idirafter $(BL_TREE)/include \
		-include bench/loop_count.h $(ALL_CFLAGS) -w -o $@ \
		$(call bl_ltp_loop_src,$*) $(LIB) $(LDFLAGS) $(LDLIBS)

BL_BINS := $(BL_PRJ)/fzshape
ifeq ($(BENCH_LTP_PROBLEM),)
BL_BINS += $(BL_LTP)/fzshape $(BENCH_LTP_SELFTESTS:%=$(BL_LTP)/%) \
	$(BENCH_LTP_SELFTESTS:%=$(BL_PRJ)/%) \
	$(BL_LOOPS:%=$(BL_LTP)/loops/%) $(BL_LOOPS:%=$(BL_PRJ)/loops/%)
endif

BL_RUN = python3 bench/bench_ltp.py --project-bin $(BL_PRJ) \
	--project-env "$(BENCH_LTP_PROJECT_ENV)" --source-tree $(CURDIR) \
	$(if $(BENCH_LTP_PROBLEM),,--ltp-bin $(BL_LTP) --ltp-tree $(BL_TREE) \
		$(foreach t,$(BL_LOOPS),--loop $(t)))

# A comma inside $(if ...)
BL_COMMA := ,

.PHONY: bench-ltp check-bench-ltp bench-ltp-python

bench-ltp-python:
	@command -v python3 >/dev/null 2>&1 || { echo "bench-ltp: needs python3 (apt-get install python3)" >&2; exit 1; }

ifeq ($(BENCH_LTP_PROBLEM),)
bench-ltp: $(BL_BINS) bench-ltp-python
	$(BL_RUN) --out $(BENCH_LTP_DIR) --rounds $(ROUNDS) --runtime $(RUNTIME) \
		--selftest-deadline $(SELFTEST_DEADLINE) \
		--command "$(strip make bench-ltp $(MAKEOVERRIDES))" \
		$(BENCH_LTP_ARGS)
else
bench-ltp:
	@echo "bench-ltp: $(BENCH_LTP_PROBLEM)" >&2; exit 2
endif

# Builds everything and runs one short shape (blind, and with feedback on
# the project's side) and the empty loop, one round of 1 s per run
check-bench-ltp: $(BL_BINS) bench-ltp-python
	$(if $(BENCH_LTP_PROBLEM),@echo "check-bench-ltp: skipping the LTP side: $(BENCH_LTP_PROBLEM)")
	$(BL_RUN) --out $(BENCH_LTP_DIR)/smoke --rounds 1 --runtime 1 --no-selftests \
		--case tiny-short --case empty --mode blind --mode feedback >/dev/null
	$(if $(BENCH_LTP_PROBLEM),,@grep -q '"work_ns"' $(BENCH_LTP_DIR)/smoke/results.json || { \
		echo "check-bench-ltp: no reproducer run reported its own code's time (bench/loop_count.h)" >&2; exit 1; })
	$(if $(BENCH_LTP_PROBLEM),,@grep -q '"path_ns"' $(BENCH_LTP_DIR)/smoke/results.json || { \
		echo "check-bench-ltp: no reproducer run reported its own code stretch by stretch (bench/loop_count.h)" >&2; exit 1; })
	@# Thread B's loop in a helper (libperf_mmap.c) is counted too
	$(if $(BENCH_LTP_PROBLEM),,@grep -q '^bench-loop-b: ' $(BENCH_LTP_DIR)/smoke/logs/round1/loop-perf_mmap_split01-project.log || { \
		echo "check-bench-ltp: perf_mmap_split01 did not count thread B's own code (its loop is in a helper)" >&2; exit 1; })
	@# The blind bound at every position of tiny-short's 10 ns window
	$(if $(BENCH_LTP_PROBLEM),,@grep -q 'at every position of a 10 ns window in the range \[-1000$(BL_COMMA) 1000\]' $(BENCH_LTP_DIR)/smoke/results.md || { \
		echo "check-bench-ltp: no blind bound over every position of tiny-short's window" >&2; exit 1; })
	@# Counted pair by pair: 190,900 of the 1000 x 1000 jitter draws of
	@# both-jitter put the parts within 201 ns, 301 of 500 for jitter
	@$(BL_PRJ)/fzshape -c list | grep -q 'case=both-jitter .*hit_chance_max=0.1909' && \
	 $(BL_PRJ)/fzshape -c list | grep -q 'case=jitter .*hit_chance_max=0.6020' || { \
		echo "check-bench-ltp: fzshape's best chance per iteration of the jitter shapes is wrong" >&2; exit 1; }
	@# Counted draw by draw at every offset: both-jitter hits best at
	@# -987 ns, 0.191 over a mean 7.5 us iteration; entry-exit's window
	@# needs iterations of at least 19.45 us
	@$(BL_PRJ)/fzshape -c list | grep -q 'case=both-jitter .*hits_s_max=25476.7' && \
	 $(BL_PRJ)/fzshape -c list | grep -q 'case=entry-exit .*hits_s_max=51413.9' || { \
		echo "check-bench-ltp: fzshape's most hits per second a library can reach are wrong" >&2; exit 1; }
	@echo "check-bench-ltp: fzshape ran on $(if $(BENCH_LTP_PROBLEM),the project's side,both sides), results in $(BENCH_LTP_DIR)/smoke"
