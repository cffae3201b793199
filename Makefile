# Claimdesk. `make run` opens the app on the default project; `make test`
# runs every check CI runs.
GO ?= go
BIN := claimdesk

.PHONY: run build deps test vet fmt gotest smoke smoke-soak screenshots diskfull vulncheck crossvet bench fuzz fuzz-short fuzz-run bench-vs bench-startup bench-suggest package clean

run: build
	./$(BIN)

build: deps
	$(GO) build -o $(BIN) .

deps:
	@./.ci/debdeps

test: fmt vet vulncheck crossvet gotest smoke diskfull fuzz-short

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet: deps
	$(GO) vet ./...

# No module older than a version known to fix a published vulnerability
# (scripts/vulns.txt, with the CVE of each).
vulncheck:
	./scripts/vulncheck

# The plain-Go packages (annotate, store: no cgo) build and vet for Windows
# and macOS as well; the window (Fyne, GLFW) needs cgo and is not tried there.
CROSS := windows/amd64 windows/arm64 darwin/amd64 darwin/arm64
crossvet:
	@for p in $(CROSS); do echo "vet ./annotate/... ./store/... for $$p"; \
	  GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 $(GO) vet ./annotate/... ./store/... || exit 1; done

gotest: deps
	$(GO) test -race -count=1 ./...

smoke: build
	@./.ci/debdeps smoke
	./.ci/smoke ./$(BIN)

# The smoke test SOAK times in a row (10 by default), each run's output in
# $(SOAK_OUT)-N.log: it says how many passed, and fails unless all did.
SOAK ?= 10
SOAK_OUT ?= $${TMPDIR:-/tmp}/claimdesk-smoke
smoke-soak: build
	@./.ci/debdeps smoke
	@pass=0; for i in $$(seq $(SOAK)); do \
	  if ./.ci/smoke ./$(BIN) >$(SOAK_OUT)-$$i.log 2>&1; then pass=$$((pass + 1)); echo "smoke-soak: run $$i passed"; \
	  else echo "smoke-soak: run $$i FAILED: $$(grep -m1 'FAIL' $(SOAK_OUT)-$$i.log)"; fi; \
	done; echo "smoke-soak: $$pass of $(SOAK) runs passed (logs: $(SOAK_OUT)-N.log)"; test $$pass = $(SOAK)

# The real window under Xvfb at 800x600, 1024x768 and 1400x900, light and
# dark, both panes showing (scripts/screenshots): PNGs in build/screenshots
# (SCREENSHOTS_OUT), checked that the window fits its screen and that every
# toolbar action is on the bar or behind "…"; the README's pictures are
# copied to docs/screenshots.
screenshots: build
	@./.ci/debdeps smoke
	./scripts/screenshots ./$(BIN)

# A full disk (a file-size limit) and read-only folders during export,
# backup and import: clear errors, nothing lost.
diskfull: build
	./.ci/diskfull ./$(BIN)


# Every benchmark, with the lab-sized corpus (store.BenchmarkCorpus:
# CLAIMDESK_CORPUS_DOCS=10000,100000 by default; 0 leaves it out), as one
# table (scripts/benchtable) headed by how the figures were taken: the
# machine, the disk of the temporary folder the benchmarks write to, Go and
# GOMAXPROCS. The raw output is kept in $(BENCH_OUT). One package at a time
# (-p 1): two benchmarks writing at once skew both. BENCH selects
# benchmarks (-bench), BENCHCOUNT runs each that many times (-count: the
# table gives the median and the range), BENCHPKG the packages.
BENCH_OUT ?= $${TMPDIR:-/tmp}/claimdesk-bench.txt
BENCH ?= .
BENCHCOUNT ?= 1
BENCHPKG ?= ./...
bench:
	@{ echo "# machine: $$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $$(nproc) cores, $$(awk '/^MemTotal/ { printf "%.1f GiB", $$2 / 1048576 }' /proc/meminfo), $$(uname -sr)"; \
	  echo "# disk: $$(df -T "$${TMPDIR:-/tmp}" | awk 'NR == 2 { print $$2 " (" $$1 " on " $$7 ")" }') holds $${TMPDIR:-/tmp}, where the benchmarks write"; \
	  echo "# go: $$($(GO) version | cut -d' ' -f3-), GOMAXPROCS=$${GOMAXPROCS:-$$(nproc)}, go test -p 1 -bench '$(BENCH)' -count $(BENCHCOUNT) $(BENCHPKG), $$(date -u '+%Y-%m-%d %H:%M UTC'), load $$(cut -d' ' -f1-3 /proc/loadavg)"; \
	} > $(BENCH_OUT); \
	$(GO) test -p 1 -run '^$$' -bench '$(BENCH)' -count $(BENCHCOUNT) -benchmem -timeout 180m $(BENCHPKG) >> $(BENCH_OUT) 2>&1; status=$$?; \
	./scripts/benchtable $(BENCH_OUT); echo "raw output: $(BENCH_OUT)"; exit $$status

# Import and export of the 32 MB JSONL benchmark file (BenchmarkReadJSONL's
# 10,000 documents) by the claimdesk command, against a plain Python
# json.loads/json.dumps loop over the same file (scripts/pyjsonloop.py),
# each timed as a whole process, BENCHVS_RUNS pairs, the order alternating
# (scripts/benchvs): medians and ranges of each, and of claimdesk's time
# as a multiple of Python's, pair by pair.
BENCHDIR ?= /tmp/claimdesk-bench-vs
BENCHVS_RUNS ?= 11

bench-vs: build
	@command -v python3 >/dev/null || { echo "bench-vs: no python3 to compare with"; exit 1; }
	mkdir -p $(BENCHDIR)
	$(GO) test -run '^$$' -bench '^BenchmarkReadJSONL$$' -benchtime 1x ./annotate/format/ -benchjsonl $(BENCHDIR)/bench.jsonl
	@ls -l $(BENCHDIR)/bench.jsonl
	@./scripts/benchvs import $(BENCHVS_RUNS) 'rm -f $(BENCHDIR)/p.claimdesk' \
		'./$(BIN) import -annotator bench $(BENCHDIR)/p.claimdesk $(BENCHDIR)/bench.jsonl' \
		'python3 scripts/pyjsonloop.py $(BENCHDIR)/bench.jsonl $(BENCHDIR)/py.jsonl'
	@./scripts/benchvs export $(BENCHVS_RUNS) true \
		'./$(BIN) export $(BENCHDIR)/p.claimdesk -o $(BENCHDIR)/export.jsonl' \
		'python3 scripts/pyjsonloop.py $(BENCHDIR)/export.jsonl $(BENCHDIR)/py-export.jsonl'
	@ls -l $(BENCHDIR)/export.jsonl

# Start-up of the binary to its first frame under Xvfb (scripts/startup):
# 5 runs each creating the default project in a new HOME, then 5 on that
# project; min/median/max of each.
bench-startup: build
	./scripts/startup ./$(BIN)

# Keys and seconds to code the test article with and without suggestions,
# in the real window under Xvfb (scripts/suggest-savings).
bench-suggest: build
	@./.ci/debdeps smoke
	./scripts/suggest-savings ./$(BIN)

# One fuzz target per run (go test allows no more), each found by go test
# -list, so that a new target is fuzzed without a change here: every
# reader has its own, and FuzzReadFile takes every format through the
# registry; store's damages real project files (FuzzDamagedProject).
# fuzz runs each for FUZZTIME; fuzz-short, part of test and so of CI, for
# 3 s.
FUZZPKG := ./annotate/format/ ./store/ ./annotate/suggest/
FUZZTIME ?= 30s

fuzz:
	@$(MAKE) --no-print-directory fuzz-run FUZZTIME=$(FUZZTIME)

fuzz-short:
	@$(MAKE) --no-print-directory fuzz-run FUZZTIME=3s

fuzz-run:
	@for pkg in $(FUZZPKG); do \
	targets=$$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); \
	test -n "$$targets" || { echo "no fuzz targets in $$pkg"; exit 1; }; \
	for t in $$targets; do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done; done

# The Linux desktop archive (binary, .desktop file, icon) from FyneApp.toml,
# with the fyne tool pinned in go.mod (go tool): nothing to install by hand.
package: deps
	$(GO) tool fyne package --os linux --release --name $(BIN)

clean:
	rm -f $(BIN) $(BIN).tar.xz
