# Keyward: `make run` starts the product on SQLite; `make test` runs every test.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

BIN ?= bin/keyward
GO_TEST_LOG ?= $(or $(TMPDIR),/tmp)/keyward-go-test.log

.PHONY: run build spa deps generate check-generated test test-go test-web test-e2e bench fuzz clean

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.installed

## spa: build the admin SPA into frontend/dist (embedded by go build)
spa: deps
	npm run build

## build: the single binary, SPA included
build: spa
	go build -ldflags "-X main.version=$$(git describe --tags --always --dirty 2>/dev/null || echo dev)" -o $(BIN) ./server

## run: build everything and start on SQLite (data/keyward.db)
run: build
	./$(BIN)

# gqlgen, then its list marshalling pointed at graph.marshalSlice (one
# element after another, no goroutine per element; see graph/slices.go).
GQLGEN = go tool gqlgen generate && sed -i 's/graphql\.MarshalSliceConcurrently(/marshalSlice(/' graph/generated.go

## generate: regenerate gqlgen code and the SPA's typed operations from graph/*.graphqls
generate: deps
	$(GQLGEN)
	npm run codegen

## check-generated: fail when committed generated code (gqlgen, SPA operations) is stale
check-generated: deps
	$(GQLGEN)
	npm run codegen
	git diff --exit-code -- graph go.mod go.sum frontend/src/gql || { echo "generated code is stale: run 'make generate' and commit"; exit 1; }

## test: every test — Go (SQLite, plus PostgreSQL when TEST_DATABASE_URL is set), SPA components, browser
test: test-go test-web test-e2e

test-go: deps
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	go test -race -count=1 -v ./... > $(GO_TEST_LOG) 2>&1 || true
	@grep -E '^(ok|FAIL|panic)|SKIPPED' $(GO_TEST_LOG) | sort -u
	@if grep -qE '^(FAIL|panic)' $(GO_TEST_LOG); then grep -E -A15 -- '--- FAIL|^panic' $(GO_TEST_LOG) | head -300; exit 1; fi
	@echo "PostgreSQL subtests passed: $$(grep -cE -- '--- PASS: .*/postgres' $(GO_TEST_LOG))"
	@echo "Go: $$(grep -cE -- '--- PASS' $(GO_TEST_LOG)) passed, $$(grep -cE -- '--- FAIL' $(GO_TEST_LOG)) failed, $$(grep -cE -- '--- SKIP' $(GO_TEST_LOG)) skipped"

test-web: deps
	npm run typecheck
	npm test

test-e2e: build
	KEYWARD_BIN=$(BIN) npm run e2e

## bench: Go benchmarks plus a whole-server load report (not pass/fail)
bench:
	scripts/bench.sh

## fuzz: run every fuzz target for FUZZTIME each (default 30s), one at a time;
## new crashers land in <package>/testdata/fuzz and become seeds that go test replays
FUZZTIME ?= 30s
FUZZ_TARGETS := models:FuzzKeyFormat models:FuzzDecodeCursor models:FuzzDate models:FuzzCheckInputText \
	auth:FuzzBearerToken ratelimit:FuzzParseLimit graph/gqlmodel:FuzzTimeScalar graph/gqlmodel:FuzzStrictScalars \
	server:FuzzLeakReportsBody
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=./$${t%%:*}; fn=$${t##*:}; \
		echo "== $$fn ($$pkg) for $(FUZZTIME)"; \
		go test $$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

clean:
	rm -rf bin frontend/dist/assets frontend/dist/*.html node_modules
