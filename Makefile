# CouplingLab — the two set-up commands are `make report` and `make test`;
# each installs missing system packages first (scripts/deps.sh).

SWIFT    ?= swift
PROFILE  ?= paper
JOBS     ?=
NAME     ?=
ARCH     := $(shell uname -m)

# The default x86-64 target is SSE2: SIMD code spills and FMA becomes a libm call
# (NOTES-performance.md measured 2–15× on the training step). Build for this CPU.
ifeq ($(ARCH),x86_64)
CPUFLAGS := -Xswiftc -target-cpu -Xswiftc native
endif
RELEASE  := -c release $(CPUFLAGS)
# Tests train models and run report stages, so they run in release too,
# in their own build folder (-enable-testing changes every module's flags).
TESTFLAGS := $(RELEASE) -Xswiftc -enable-testing --scratch-path .build-test
BIN       = $(shell $(SWIFT) build $(RELEASE) --show-bin-path)/couplinglab
JOBSFLAG  = $(if $(JOBS),--jobs $(JOBS),)

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
	$(BIN) report --profile $(PROFILE) $(JOBSFLAG)
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
	bash bench/run.sh

# Example 1 over seeds 1…10: held-out gap to the Theorem 1 minimum per seed.
# TORCH=1 trains PyTorch's version of the same seeds as well (installs PyTorch into bench/.venv if missing).
TORCH    ?=
bench-seeds: deps
	bash bench/seeds.sh $(if $(filter 1 yes true,$(TORCH)),--torch,)

clean:
	rm -rf .build .build-test .couplinglab-cache
	find figures report -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
