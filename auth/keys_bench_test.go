package auth_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"keyward/auth"
	"keyward/models"
)

// keyFixture is a real SQLite database in a temporary directory holding one
// organisation, its admin and one API key.
type keyFixture struct {
	db     *gorm.DB
	admin  *models.User
	key    *models.APIKey
	secret string
}

func newKeyFixture(tb testing.TB) *keyFixture {
	tb.Helper()
	prev := models.BcryptCost
	models.BcryptCost = bcrypt.MinCost
	tb.Cleanup(func() { models.BcryptCost = prev })

	ctx := context.Background()
	db, _, err := models.Open(ctx, "sqlite:"+filepath.Join(tb.TempDir(), "keys.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	admin, err := models.CreateOrganizationWithAdmin(ctx, db, models.NewOrganizationInput{
		OrgName: "Bench", Email: "bench@example.com", Name: "Bench Admin", Password: "bench-password-1",
	})
	if err != nil {
		tb.Fatal(err)
	}
	key, secret, err := models.CreateAPIKey(ctx, db, admin.OrganizationID, admin,
		models.CreateAPIKeyInput{Name: "bench", Max: 20},
		models.Actor{Kind: "USER", ID: admin.ID, Name: admin.Name})
	if err != nil {
		tb.Fatal(err)
	}
	return &keyFixture{db: db, admin: admin, key: key, secret: secret}
}

func (f *keyFixture) verifier(ttl time.Duration) *auth.KeyVerifier {
	return auth.NewKeyVerifier(f.db, ttl, auth.NewLastUsed(f.db, slog.New(slog.NewTextHandler(io.Discard, nil))))
}

// BenchmarkVerifyCacheHit is the steady state of an integrator's traffic:
// checksum, SHA-256, an LRU lookup and an in-memory last-used note.
func BenchmarkVerifyCacheHit(b *testing.B) {
	f := newKeyFixture(b)
	v := f.verifier(time.Hour)
	ctx := context.Background()
	if _, err := v.Verify(ctx, f.secret, nil); err != nil { // fill the cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, f.secret, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyCacheMiss is a key this process has not seen (or has
// forgotten): the same work plus one indexed SQLite lookup by hash.
func BenchmarkVerifyCacheMiss(b *testing.B) {
	f := newKeyFixture(b)
	v := f.verifier(time.Hour)
	ctx := context.Background()
	hash := models.HashKey(f.secret)
	b.ReportAllocs()
	for b.Loop() {
		v.Forget(hash) // every iteration goes to the database
		if _, err := v.Verify(ctx, f.secret, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyMalformed is a mistyped key: rejected by the checksum
// without touching the cache or the database.
func BenchmarkVerifyMalformed(b *testing.B) {
	f := newKeyFixture(b)
	v := f.verifier(time.Hour)
	ctx := context.Background()
	bad := []byte(f.secret)
	// Still base62, but the checksum no longer matches.
	if bad[len(bad)-1] == 'A' {
		bad[len(bad)-1] = 'B'
	} else {
		bad[len(bad)-1] = 'A'
	}
	badKey := string(bad)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, badKey, nil); !errors.Is(err, auth.ErrInvalidKey) {
			b.Fatalf("Verify(mistyped key) = %v, want ErrInvalidKey", err)
		}
	}
}

// TestVerifyDeletedKeyAfterForget: with a long cache TTL, a key that was
// verified (and so cached) stops working as soon as it is deleted and
// forgotten, which is what deleteApiKey does on this process.
func TestVerifyDeletedKeyAfterForget(t *testing.T) {
	f := newKeyFixture(t)
	v := f.verifier(time.Hour)
	ctx := context.Background()

	id, err := v.Verify(ctx, f.secret, nil)
	if err != nil {
		t.Fatalf("Verify(new key) = %v", err)
	}
	if id.ID != f.key.ID || id.OrganizationID != f.admin.OrganizationID {
		t.Fatalf("Verify resolved key %s of org %s, want %s of org %s",
			id.ID, id.OrganizationID, f.key.ID, f.admin.OrganizationID)
	}
	if _, err := models.DeleteAPIKey(ctx, f.db, f.admin.OrganizationID, f.key.ID,
		models.Actor{Kind: "USER", ID: f.admin.ID, Name: f.admin.Name}); err != nil {
		t.Fatal(err)
	}
	v.Forget(f.key.SecretHash)
	if _, err := v.Verify(ctx, f.secret, nil); !errors.Is(err, auth.ErrInvalidKey) {
		t.Fatalf("Verify(deleted key) after Forget = %v, want ErrInvalidKey", err)
	}
	// A failed lookup must not leave the key usable from the cache either.
	if _, err := v.Verify(ctx, f.secret, nil); !errors.Is(err, auth.ErrInvalidKey) {
		t.Fatalf("second Verify(deleted key) = %v, want ErrInvalidKey", err)
	}
}

// TestVerifyCachedKeyExpiresOnTime: the cache holds the expiry instant, so a
// cached key is refused from the moment it expires, without waiting for the TTL.
func TestVerifyCachedKeyExpiresOnTime(t *testing.T) {
	f := newKeyFixture(t)
	v := f.verifier(time.Hour)
	ctx := context.Background()

	expiresAt := time.Now().UTC().Add(300 * time.Millisecond)
	if err := f.db.Model(&models.APIKey{}).Where("id = ?", f.key.ID).
		UpdateColumn("expires_at", expiresAt).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(ctx, f.secret, nil); err != nil {
		t.Fatalf("Verify before expiry = %v", err)
	}
	time.Sleep(time.Until(expiresAt) + 10*time.Millisecond)
	if _, err := v.Verify(ctx, f.secret, nil); !errors.Is(err, auth.ErrExpiredKey) {
		t.Fatalf("Verify of cached key after its expiry = %v, want ErrExpiredKey", err)
	}
}
