package models

import "testing"

// Benchmarks for the API key format. They are reports, not pass/fail tests:
// run them with `make bench` or
// `go test -run '^$' -bench . -benchmem ./models`.

// sink keeps the compiler from optimising the benchmarked calls away.
var (
	sinkString string
	sinkBool   bool
)

// BenchmarkGenerateKey measures creating one secret (crypto/rand + base62 +
// CRC32 checksum) together with its display prefix and SHA-256 hash.
func BenchmarkGenerateKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		secret, _, _, err := GenerateKey()
		if err != nil {
			b.Fatal(err)
		}
		sinkString = secret
	}
}

// BenchmarkWellFormedKey measures the database-free check (length, alphabet,
// checksum) that every presented Bearer key goes through first.
func BenchmarkWellFormedKey(b *testing.B) {
	secret, _, _, err := GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	// A mistyped key of the right length: the checksum must reject it.
	bad := []byte(secret)
	if bad[5] == 'A' {
		bad[5] = 'B'
	} else {
		bad[5] = 'A'
	}
	b.Run("valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = WellFormedKey(secret)
		}
		if !sinkBool {
			b.Fatal("a freshly generated key is not well formed")
		}
	})
	b.Run("bad-checksum", func(b *testing.B) {
		badKey := string(bad)
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = WellFormedKey(badKey)
		}
		if sinkBool {
			b.Fatal("a mistyped key passed the checksum")
		}
	})
}

// BenchmarkHashKey measures the SHA-256 hash looked up on every verification.
func BenchmarkHashKey(b *testing.B) {
	secret, _, _, err := GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkString = HashKey(secret)
	}
}
