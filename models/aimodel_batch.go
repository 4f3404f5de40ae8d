package models

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"gorm.io/gorm"
)

// MaxUpsertBatch bounds the entries of one upsertAiModels call.
const MaxUpsertBatch = 100

// UpsertOutcome is what happened to one entry of a batch upsert.
type UpsertOutcome struct {
	Model   *AIModel
	Created bool
	// Err refuses this entry for its input (an *Error or Errors, with paths
	// relative to the entry); Model is nil then.
	Err error
}

// UpsertAIModels upserts many models in one transaction, each entry as
// UpsertAIModel would, in a savepoint of its own: an entry refused for its
// input writes nothing and leaves the others. Any other failure (the
// database) rolls back the whole batch and is returned, so the caller can
// retry it as a whole; every entry is an upsert, so a retry is safe.
//
// note: entries run in the order of their identity, not as sent, so two
// concurrent batches lock the same rows in the same order and never
// deadlock on PostgreSQL. Entries with one identity keep their relative
// order: the last one's fields win.
func UpsertAIModels(ctx context.Context, db *gorm.DB, orgID string, entries []AIModelFields, actor Actor) ([]UpsertOutcome, error) {
	if len(entries) == 0 || len(entries) > MaxUpsertBatch {
		return nil, Invalid("models", "Send 1–%d models per call (got %d); split a longer list into several calls.", MaxUpsertBatch, len(entries))
	}
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(lockOrder(entries[a]), lockOrder(entries[b])) })
	out := make([]UpsertOutcome, len(entries))
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, i := range order {
			m, created, err := UpsertAIModel(ctx, tx, orgID, entries[i], actor)
			if err != nil && !isUserError(err) {
				return err
			}
			out[i] = UpsertOutcome{Model: m, Created: created, Err: err}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lockOrder is an entry's identity as the unique index compares it.
func lockOrder(f AIModelFields) string {
	key := func(o Opt[string]) string { return IdentityKey(TrimText(deref(o.Value))) }
	return key(f.Provider) + "\x00" + key(f.Model) + "\x00" + key(f.Version)
}

// isUserError tells an error about the input (shown to the client as it
// is) from a failure of ours.
func isUserError(err error) bool {
	var one *Error
	var many Errors
	return errors.As(err, &many) || (errors.As(err, &one) && one.Code != CodeUnavailable && one.Code != CodeInternal)
}
