package auth

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"keyward/models"
)

// LeakedKeys revokes keys whose secrets were found in public: the one
// place both POST /api/leaked-keys and the revokeLeakedApiKey mutation go.
type LeakedKeys struct {
	DB   *gorm.DB
	Keys *KeyVerifier
	// Failures is the failed-authentication limiter for keys. A call is one
	// attempt, spent before anything is looked up; each further well-formed
	// secret that is no working key cost a lookup like a wrong Bearer key,
	// and counts the same way. A call that revoked a key gets its unit back.
	Failures FailureLimiter
}

// ErrTooManyReports is returned with the wait when the client is blocked.
type ErrTooManyReports struct{ Wait time.Duration }

func (e *ErrTooManyReports) Error() string { return "too many failed leaked-key reports" }

// Report judges each secret, revoking the keys that still work, and returns
// one verdict per report (models.LeakTruePositive or LeakFalsePositive).
// Every replica drops the revoked keys: this one here, the others through
// the notification sent in the revoking transaction. A report with bad
// text refuses the whole call before anything is revoked.
func (l *LeakedKeys) Report(ctx context.Context, client string, reports []models.LeakReport) ([]string, error) {
	for i, r := range reports {
		if _, err := r.Check(); err != nil {
			if e, ok := err.(*models.Error); ok && len(reports) > 1 {
				e.Message = fmt.Sprintf("Report %d: %s", i+1, e.Message)
			}
			return nil, err
		}
	}
	if l.Failures != nil {
		if ok, wait := l.Failures.Spend(ctx, client); !ok {
			return nil, &ErrTooManyReports{Wait: wait}
		}
	}
	verdicts := make([]string, len(reports))
	found, misses := false, 0
	for i, r := range reports {
		verdict, stale, err := models.RevokeLeakedAPIKey(ctx, l.DB, r)
		if err != nil {
			return nil, err
		}
		l.Keys.ForgetAll(stale)
		found = found || verdict == models.LeakTruePositive
		if verdict == models.LeakFalsePositive && models.WellFormedKey(r.Secret) {
			misses++
		}
		verdicts[i] = verdict
	}
	if l.Failures != nil {
		if found {
			l.Failures.Refund(ctx, client)
		} else {
			misses-- // the call's own unit covers the first
		}
		for range max(misses, 0) {
			l.Failures.Spend(ctx, client)
		}
	}
	return verdicts, nil
}
