# Claimdesk. `make run` opens the app on the default project; `make test`
# runs every check CI runs.
GO ?= go
BIN := claimdesk

.PHONY: run build deps test vet fmt gotest smoke diskfull bench fuzz package clean

run: build
	./$(BIN)

build: deps
	$(GO) build -o $(BIN) .

deps:
	@./.ci/debdeps

test: fmt vet gotest smoke diskfull

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

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# One fuzz target per run (go test allows no more): every importer is
# fuzzed, JSONL lines by FuzzJSONLReader, every format by FuzzReadFile.
fuzz:
	for t in FuzzJSONLReader FuzzReadFile; do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime 30s ./annotate/format/ || exit 1; \
	done

# The Linux desktop archive (binary, .desktop file, icon) from FyneApp.toml,
# with the fyne tool pinned in go.mod (go tool): nothing to install by hand.
package: deps
	$(GO) tool fyne package --os linux --release --name $(BIN)

clean:
	rm -f $(BIN) $(BIN).tar.xz
