package models

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
	"unicode"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// IdempotencyWindow is how long a create's idempotency key is remembered.
const IdempotencyWindow = 24 * time.Hour

// MaxIdempotencyKey bounds a key's length (Stripe's limit; a UUID fits).
const MaxIdempotencyKey = 255

// IdempotencyRecord remembers that a caller's create with one idempotency
// key made one object, so a retry answers that object instead of making a
// second. It holds a fingerprint of the input (SHA-256 of its canonical
// JSON, secrets left out) and the object's id, never the response: secrets
// shown once (createApiKey, rotateApiKey) are not stored anywhere.
//
// note: the primary key (caller, key) is what makes concurrent retries safe:
// the first insert claims the key, the others wait on the index until it
// commits and then find it (see Idempotent).
type IdempotencyRecord struct {
	// CallerID is the API key's id, or the signed-in user's id.
	CallerID  string    `gorm:"type:varchar(36);primaryKey"`
	ClientKey string    `gorm:"type:varchar(255);primaryKey"`
	Operation string    `gorm:"type:varchar(50);not null"`
	InputHash string    `gorm:"type:varchar(64);not null"`
	ResultID  string    `gorm:"type:varchar(36);not null"`
	CreatedAt time.Time `gorm:"not null"`
	ExpiresAt time.Time `gorm:"not null;index"`
}

func (IdempotencyRecord) TableName() string { return "idempotency_keys" }

// Idempotency identifies one create made with an idempotency key.
type Idempotency struct {
	CallerID string
	// Key is the client's idempotency key.
	Key string
	// Operation is the mutation's name; a key belongs to one operation.
	Operation string
	// InputHash fingerprints the input, so that reusing a key for another
	// input is refused instead of silently answering the first result.
	InputHash string
}

// afterIdempotencyClaim, when set by a test, runs between claiming a key and
// creating the object: the window in which a check-then-insert would race.
var afterIdempotencyClaim func()

// PauseAfterIdempotencyClaim makes every claim wait d before its create, for
// tests that prove concurrent retries still make one object. It returns the
// function that removes the pause.
func PauseAfterIdempotencyClaim(d time.Duration) (restore func()) {
	afterIdempotencyClaim = func() { time.Sleep(d) }
	return func() { afterIdempotencyClaim = nil }
}

// lastPrune is when this process last deleted expired records (unix seconds).
var lastPrune atomic.Int64

// Idempotent runs create at most once per (caller, key) within
// IdempotencyWindow. The first call claims the key and creates the object in
// one transaction, so a failed create leaves no record and can be retried.
// A repeat with the same input answers the first call's object id with
// replayed true; with another input it is BAD_USER_INPUT on idempotencyKey.
// Without a key (in == nil), create simply runs.
//
// create receives the transaction; the models' own Transaction calls nest
// in it as savepoints.
func Idempotent(ctx context.Context, db *gorm.DB, in *Idempotency, create func(tx *gorm.DB) (string, error)) (id string, replayed bool, err error) {
	if in == nil {
		id, err = create(db)
		return id, false, err
	}
	if err := checkIdempotencyKey(in.Key); err != nil {
		return "", false, err
	}
	pruneIdempotencyKeys(ctx, db)
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := nowUTC()
		mine := tx.Where("caller_id = ? AND client_key = ?", in.CallerID, in.Key)
		// A record past its window no longer counts: the key may be reused.
		if err := mine.Session(&gorm.Session{}).Where("expires_at <= ?", now).Delete(&IdempotencyRecord{}).Error; err != nil {
			return err
		}
		rec := IdempotencyRecord{CallerID: in.CallerID, ClientKey: in.Key, Operation: in.Operation,
			InputHash: in.InputHash, CreatedAt: now, ExpiresAt: now.Add(IdempotencyWindow)}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rec)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			// Claimed before (on PostgreSQL the insert waited for that
			// transaction to commit): answer what it made.
			var got IdempotencyRecord
			if err := mine.Session(&gorm.Session{}).Take(&got).Error; err != nil {
				return err
			}
			if got.Operation != in.Operation || got.InputHash != in.InputHash {
				return Invalid("idempotencyKey", "This idempotency key was used at %s for a different %s request. Send a new key with a new request; a retry must repeat the input unchanged.",
					got.CreatedAt.Format(humanTime), got.Operation)
			}
			id, replayed = got.ResultID, true
			return nil
		}
		if afterIdempotencyClaim != nil {
			afterIdempotencyClaim()
		}
		var err error
		if id, err = create(tx); err != nil {
			return err
		}
		return mine.Session(&gorm.Session{}).Model(&IdempotencyRecord{}).Update("result_id", id).Error
	})
	if err != nil {
		return "", false, err
	}
	return id, replayed, nil
}

// checkIdempotencyKey accepts 1–255 printable characters without spaces,
// e.g. a UUID or "sync-2026-05-01-project-42".
func checkIdempotencyKey(k string) error {
	if k == "" || len(k) > MaxIdempotencyKey {
		return Invalid("idempotencyKey", "An idempotency key is 1–%d characters, e.g. a UUID", MaxIdempotencyKey)
	}
	for _, r := range k {
		if r > unicode.MaxASCII || !unicode.IsPrint(r) || r == ' ' {
			return Invalid("idempotencyKey", "An idempotency key uses printable ASCII characters without spaces, e.g. a UUID")
		}
	}
	return nil
}

// pruneIdempotencyKeys deletes expired records, at most once a minute per
// process, in its own statement: the request's transaction stays short and
// a failure here only delays the cleanup.
func pruneIdempotencyKeys(ctx context.Context, db *gorm.DB) {
	now := time.Now()
	last := lastPrune.Load()
	if now.Unix()-last < 60 || !lastPrune.CompareAndSwap(last, now.Unix()) {
		return
	}
	_, _ = PruneIdempotencyKeys(ctx, db, now)
}

// PruneIdempotencyKeys deletes the records that expired before now and says
// how many.
func PruneIdempotencyKeys(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&IdempotencyRecord{})
	if res.Error != nil {
		return 0, fmt.Errorf("prune idempotency keys: %w", res.Error)
	}
	return res.RowsAffected, nil
}
