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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzJSONLReader -fuzztime 30s ./annotate/format/

clean:
	rm -f $(BIN)
