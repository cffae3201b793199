# Claimdesk. `make run` opens the app on the default project; `make test`
# runs every check CI runs.
GO ?= go
BIN := claimdesk

.PHONY: run build deps test vet fmt gotest smoke diskfull bench fuzz fuzz-short fuzz-run bench-vs package clean

run: build
	./$(BIN)

build: deps
	$(GO) build -o $(BIN) .

deps:
	@./.ci/debdeps

test: fmt vet gotest smoke diskfull fuzz-short

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi

vet: deps
	$(GO) vet ./...

gotest: deps
	$(GO) test -race -count=1 ./...

smoke: build
	@./.ci/debdeps smoke
	./.ci/smoke ./$(BIN)

# A full disk (a file-size limit) and read-only folders during export,
# backup and import: clear errors, nothing lost.
diskfull: build
	./.ci/diskfull ./$(BIN)


# Every benchmark, with the lab-sized corpus (store.BenchmarkCorpus:
# CLAIMDESK_CORPUS_DOCS=10000,100000 by default; 0 leaves it out), as one
# table (scripts/benchtable); the raw output is kept in $(BENCH_OUT). One
# package at a time (-p 1): two benchmarks writing at once skew both.
BENCH_OUT ?= $${TMPDIR:-/tmp}/claimdesk-bench.txt
bench:
	@$(GO) test -p 1 -run '^$$' -bench . -benchmem -timeout 90m ./... > $(BENCH_OUT) 2>&1; status=$$?; \
	./scripts/benchtable $(BENCH_OUT); echo "raw output: $(BENCH_OUT)"; exit $$status

# Import and export of the 32 MB JSONL benchmark file (BenchmarkReadJSONL's
# 10,000 documents) by the claimdesk command, against a plain Python
# json.loads/json.dumps loop over the same file (scripts/pyjsonloop.py),
# each timed as a whole process, in one run.
BENCHDIR ?= /tmp/claimdesk-bench-vs
TIME := /usr/bin/time -f '%C\n  %e s wall, %U s user, %S s sys, %M KB peak'

bench-vs: build
	mkdir -p $(BENCHDIR)
	$(GO) test -run '^$$' -bench '^BenchmarkReadJSONL$$' -benchtime 1x ./annotate/format/ -benchjsonl $(BENCHDIR)/bench.jsonl
	@ls -l $(BENCHDIR)/bench.jsonl
	rm -f $(BENCHDIR)/p.claimdesk
	$(TIME) ./$(BIN) import -annotator bench $(BENCHDIR)/p.claimdesk $(BENCHDIR)/bench.jsonl
	$(TIME) python3 scripts/pyjsonloop.py $(BENCHDIR)/bench.jsonl $(BENCHDIR)/py.jsonl
	$(TIME) ./$(BIN) export $(BENCHDIR)/p.claimdesk -o $(BENCHDIR)/export.jsonl
	$(TIME) python3 scripts/pyjsonloop.py $(BENCHDIR)/export.jsonl $(BENCHDIR)/py-export.jsonl

# One fuzz target per run (go test allows no more), each found by go test
# -list, so that a new target is fuzzed without a change here: every
# reader has its own, and FuzzReadFile takes every format through the
# registry. fuzz runs each for FUZZTIME; fuzz-short, part of test and so
# of CI, for 3 s.
FUZZPKG := ./annotate/format/
FUZZTIME ?= 30s

fuzz:
	@$(MAKE) --no-print-directory fuzz-run FUZZTIME=$(FUZZTIME)

fuzz-short:
	@$(MAKE) --no-print-directory fuzz-run FUZZTIME=3s

fuzz-run:
	@targets=$$($(GO) test -list '^Fuzz' $(FUZZPKG) | grep '^Fuzz'); \
	test -n "$$targets" || { echo "no fuzz targets in $(FUZZPKG)"; exit 1; }; \
	for t in $$targets; do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $(FUZZPKG) || exit 1; \
	done

# The Linux desktop archive (binary, .desktop file, icon) from FyneApp.toml,
# with the fyne tool pinned in go.mod (go tool): nothing to install by hand.
package: deps
	$(GO) tool fyne package --os linux --release --name $(BIN)

clean:
	rm -f $(BIN) $(BIN).tar.xz
