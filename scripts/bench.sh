#!/usr/bin/env bash
# Keyward benchmarks (`make bench`): Go micro-benchmarks, then an HTTP load
# run against the built server on a temporary SQLite database.
# The figures are a report, never a pass/fail test.
#
# Settings (environment):
#   BENCH_DURATION  measured time per load scenario (default 10s)
#   BENCH_CONC      concurrent load workers (default 16)
#   BENCH_TIME      go test -benchtime (default 1s)
#   BENCH_PKGS      packages with Go benchmarks (default: ./models ./auth ./server)
set -euo pipefail

cd "$(dirname "$0")/.."

results=bench/results
mkdir -p "$results" bin

echo "==> building the server (without requiring the SPA build): bin/keyward"
go build -o bin/keyward ./server

echo "==> Go benchmarks"
# shellcheck disable=SC2086
go test -run '^$' -bench . -benchmem -benchtime "${BENCH_TIME:-1s}" ${BENCH_PKGS:-./models ./auth ./server} \
	| tee "$results/go-bench.txt"

echo "==> HTTP load (go run ./bench/load)"
go run ./bench/load -bin bin/keyward \
	-duration "${BENCH_DURATION:-10s}" -c "${BENCH_CONC:-16}" \
	-out "$results/load.md"

echo
echo "Results: $results/go-bench.txt (Go benchmarks) and $results/load.md (HTTP load)."
echo "These are reports, not pass/fail tests. See docs/performance.md for what each figure means."
