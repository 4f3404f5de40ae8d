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
#   BENCH_PAIRS     interleaved anonymous/Bearer pairs (default 9)
#   BENCH_PAIR_DURATION  measured time per side of a pair (default 3s)
#   TEST_DATABASE_URL  when set: list scenarios on PostgreSQL too, and the
#                   million-key verification benchmark (loads 1,000,000 rows)
set -euo pipefail

cd "$(dirname "$0")/.."

results=bench/results
mkdir -p "$results" bin

echo "==> building the server (without requiring the SPA build): bin/keyward"
go build -o bin/keyward ./server

echo "==> Go benchmarks"
# shellcheck disable=SC2086
go test -run '^$' -bench . -skip VerifyMillionKeys -benchmem -benchtime "${BENCH_TIME:-1s}" ${BENCH_PKGS:-./models ./auth ./server} \
	| tee "$results/go-bench.txt"

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
	echo "==> key verification with 1,000,000 keys in PostgreSQL"
	go test -run '^$' -bench VerifyMillionKeys -benchtime 1x -timeout 30m ./auth | tee "$results/million-keys.txt"
fi

echo "==> HTTP load (go run ./bench/load)"
go run ./bench/load -bin bin/keyward \
	-duration "${BENCH_DURATION:-10s}" -c "${BENCH_CONC:-16}" -pairs "${BENCH_PAIRS:-9}" -pair-duration "${BENCH_PAIR_DURATION:-3s}" \
	-out "$results/load.md"

echo
echo "Results: $results/go-bench.txt (Go benchmarks) and $results/load.md (HTTP load)."
echo "These are reports, not pass/fail tests. See docs/performance.md for what each figure means."
