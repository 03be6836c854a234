# CouplingLab — the two set-up commands are `make report` and `make test`;
# each installs missing system packages first (scripts/deps.sh).

SWIFT    ?= swift
PROFILE  ?= paper
# The CPU to build for: native (this machine), x86-64-v3 (AVX2), x86-64-v4 (AVX-512) or a -target-cpu name.
TARGET   ?= native
JOBS     ?=
NAME     ?=
# Stage parameters for one run, e.g. SET="ex7.seeds=12 ex7.toys=moons,rings" (each becomes a --set).
SET      ?=
# Fresh seeds for a confirming run, e.g. SEED_OFFSET=1 (every stage seed + 1·2³²; 0 or empty: the stages' own).
SEED_OFFSET ?=
ARCH     := $(shell uname -m)

# The default x86-64 target is SSE2: SIMD code spills and FMA becomes a libm call
# (2–15× slower training steps; docs/performance.md). Build for this CPU; the kernels pick
# their register tiles from the CPU flag (AVX-512, AVX2 or NEON).
# swiftc knows CPU names, not the x86-64-vN levels: those build as the oldest CPU of each level.
# A TARGET other than native builds in its own folders (.build-<cpu>, .build-test-<cpu>).
CPU      := $(patsubst x86-64-v3,haswell,$(patsubst x86-64-v4,skylake-avx512,$(TARGET)))
SUFFIX   := $(if $(filter native,$(CPU)),,-$(CPU))
ifeq ($(ARCH),x86_64)
CPUFLAGS := -Xswiftc -target-cpu -Xswiftc $(CPU)
endif
RELEASE  := -c release $(CPUFLAGS) $(if $(SUFFIX),--scratch-path .build$(SUFFIX),)
# Tests train models and run report stages, so they run in release too,
# in their own build folder (-enable-testing changes every module's flags).
TESTFLAGS := -c release $(CPUFLAGS) -Xswiftc -enable-testing --scratch-path .build-test$(SUFFIX)
BIN       = $(shell $(SWIFT) build $(RELEASE) --show-bin-path)/couplinglab
JOBSFLAG  = $(if $(JOBS),--jobs $(JOBS),)
SETFLAGS  = $(foreach s,$(SET),--set $(s))$(if $(SEED_OFFSET), --seed-offset $(SEED_OFFSET),)

.PHONY: all deps build test test-cluster report figure gallery bench bench-seeds clean list check-html

all: build

deps:
	@bash scripts/deps.sh

build: deps
	$(SWIFT) build $(RELEASE) --product couplinglab

test: deps
	$(SWIFT) build $(TESTFLAGS) --build-tests
	$(SWIFT) test $(TESTFLAGS) --skip-build --disable-swift-testing

# Opt-in, not in CI: the Slurm array script under a real scheduler started on this host (installs
# Debian's slurm-wlm and munge if missing; needs root), then the assembled report's checks.
test-cluster: build
	bash scripts/test-cluster.sh

report: build
	$(BIN) report --profile $(PROFILE) $(JOBSFLAG) $(SETFLAGS)
	@echo "report: open report/index.html (Markdown: report/index.md, numbers: report/results.json, figures: figures/)"

# The report page in a real browser: images load, equations have a size, no script errors.
# Needs Debian's chromium, installed here only (not in CI). Run after `make report`.
check-html:
	@bash scripts/deps.sh --browser
	bash scripts/check-html.sh report/index.html

figure: build
	@if [ -z "$(NAME)" ]; then echo "usage: make figure NAME=fig4   (see: make list)" >&2; exit 2; fi
	$(BIN) figure $(NAME)

list: build
	$(BIN) list

gallery: build
	$(BIN) gallery --out figures/gallery
	@echo "gallery: figures/gallery/"

bench: deps
	bash bench/run.sh --target $(TARGET)

# Example 1 over seeds 1…10: held-out gap to the Theorem 1 minimum per seed.
# TORCH=1 trains PyTorch's version of the same seeds as well (installs PyTorch into bench/.venv if missing).
TORCH    ?=
bench-seeds: deps
	bash bench/seeds.sh $(if $(filter 1 yes true,$(TORCH)),--torch,)

clean:
	rm -rf .build .build-test .couplinglab-cache
	find figures report -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
