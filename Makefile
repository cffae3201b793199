# Claimdesk. `make run` opens the app on the default project; `make test`
# runs every check CI runs.
GO ?= go
BIN := claimdesk

.PHONY: run build deps test vet fmt gotest smoke bench fuzz fuzz-short fuzz-run clean

run: build
	./$(BIN)

build: deps
	$(GO) build -o $(BIN) .

deps:
	@./.ci/debdeps

test: fmt vet gotest smoke fuzz-short

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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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

clean:
	rm -f $(BIN)
