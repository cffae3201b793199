# Claimdesk. `make run` opens the app on the default project; `make test`
# runs every check CI runs.
GO ?= go
BIN := claimdesk

.PHONY: run build deps test vet fmt gotest smoke bench fuzz clean

run: build
	./$(BIN)

build: deps
	$(GO) build -o $(BIN) .

deps:
	@./.ci/debdeps

test: fmt vet gotest smoke

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

# Every benchmark, with the lab-sized corpus (store.BenchmarkCorpus:
# CLAIMDESK_CORPUS_DOCS=10000,100000 by default; 0 leaves it out), as one
# table (scripts/benchtable); the raw output is kept in $(BENCH_OUT). One
# package at a time (-p 1): two benchmarks writing at once skew both.
BENCH_OUT ?= $${TMPDIR:-/tmp}/claimdesk-bench.txt
bench:
	@$(GO) test -p 1 -run '^$$' -bench . -benchmem -timeout 90m ./... > $(BENCH_OUT) 2>&1; status=$$?; \
	./scripts/benchtable $(BENCH_OUT); echo "raw output: $(BENCH_OUT)"; exit $$status

# One fuzz target per run (go test allows no more): every importer is
# fuzzed, JSONL lines by FuzzJSONLReader, every format by FuzzReadFile.
fuzz:
	for t in FuzzJSONLReader FuzzReadFile; do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime 30s ./annotate/format/ || exit 1; \
	done

clean:
	rm -f $(BIN)
