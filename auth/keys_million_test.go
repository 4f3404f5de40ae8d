package auth_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"keyward/auth"
	"keyward/internal/testdb"
	"keyward/models"
)

// BenchmarkVerifyMillionKeys answers "does key verification stay fast at a
// million keys?" on PostgreSQL (TEST_DATABASE_URL; skipped without it):
//
//	go test -run '^$' -bench VerifyMillionKeys -benchtime 1x ./auth
//
// It loads 1,000,000 keys with one INSERT … SELECT over generate_series
// (no round trip per row), plus 500 real keys, then reports:
//   - miss-p50-µs / miss-p99-µs: Verify of a real key that is not cached
//     (forgotten before each call), i.e. one indexed lookup by hash;
//   - unknown-p99-µs: Verify of a well-formed key that is in no row;
//   - hit-ns: Verify of a cached key;
//   - load-s: the time the million rows took to load.
//
// A report, never a pass/fail test.
func BenchmarkVerifyMillionKeys(b *testing.B) {
	ctx := context.Background()
	db, _, err := models.Open(ctx, testdb.PostgresURL(b))
	if err != nil {
		b.Fatal(err)
	}
	defer models.Close(db)
	admin, err := models.CreateOrganizationWithAdmin(ctx, db, models.NewOrganizationInput{
		OrgName: "Million", Email: "million@example.com", Name: "Admin", Password: "bench-password-1"})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := db.Exec(`INSERT INTO api_keys (id, organization_id, name, name_key, prefix, secret_hash, created_at, expires_at, scope)
		SELECT md5('id' || i)::uuid::text, ?, 'bulk ' || i, 'bulk ' || i, 'kw_bulk',
		       encode(sha256(('bulk' || i)::bytea), 'hex'), now(), now() + interval '1 year', 'READ_WRITE'
		FROM generate_series(1, 1000000) AS i`, admin.OrganizationID).Error; err != nil {
		b.Fatal(err)
	}
	secrets := make([]string, 500)
	for i := range secrets {
		secret, prefix, hash, err := models.GenerateKey()
		if err != nil {
			b.Fatal(err)
		}
		secrets[i] = secret
		if err := db.Exec(`INSERT INTO api_keys (id, organization_id, name, name_key, prefix, secret_hash, created_at, expires_at, scope)
			VALUES (gen_random_uuid()::text, ?, ?, ?, ?, ?, now(), now() + interval '1 year', 'READ_WRITE')`,
			admin.OrganizationID, fmt.Sprint("real ", i), fmt.Sprint("real ", i), prefix, hash).Error; err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Exec("ANALYZE api_keys").Error; err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(start)

	v := auth.NewKeyVerifier(db, time.Hour, auth.NewLastUsed(db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	timed := func(n int, call func(i int)) []time.Duration {
		out := make([]time.Duration, n)
		for i := range n {
			t0 := time.Now()
			call(i)
			out[i] = time.Since(t0)
		}
		slices.Sort(out)
		return out
	}
	pct := func(d []time.Duration, p int) float64 { return float64(d[(len(d)*p+99)/100-1]) / 1e3 }
	for _, s := range secrets { // warm the connection pool and PostgreSQL's buffers
		if _, err := v.Verify(ctx, s, nil); err != nil {
			b.Fatal(err)
		}
	}
	miss := timed(5000, func(i int) {
		s := secrets[i%len(secrets)]
		v.Forget(models.HashKey(s))
		if _, err := v.Verify(ctx, s, nil); err != nil {
			b.Fatal(err)
		}
	})
	unknown := timed(2000, func(int) {
		s, _, _, _ := models.GenerateKey()
		if _, err := v.Verify(ctx, s, nil); err != auth.ErrInvalidKey {
			b.Fatalf("unknown key: %v", err)
		}
	})
	if _, err := v.Verify(ctx, secrets[0], nil); err != nil {
		b.Fatal(err)
	}
	const hits = 1_000_000
	t0 := time.Now()
	for range hits {
		if _, err := v.Verify(ctx, secrets[0], nil); err != nil {
			b.Fatal(err)
		}
	}
	hit := float64(time.Since(t0).Nanoseconds()) / hits
	for b.Loop() {
	}
	b.ReportMetric(loaded.Seconds(), "load-s")
	b.ReportMetric(pct(miss, 50), "miss-p50-µs")
	b.ReportMetric(pct(miss, 99), "miss-p99-µs")
	b.ReportMetric(pct(unknown, 99), "unknown-p99-µs")
	b.ReportMetric(hit, "hit-ns")
}
