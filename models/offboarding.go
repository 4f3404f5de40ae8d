package models

import "gorm.io/gorm"

// deleteKeysCreatedBy deletes, inside tx, every key the user created in the
// organisation: each is announced to every replica's cache and audited as
// API_KEY_DELETED, like deleteApiKey. It returns the keys' secret hashes
// (current and, during a rotation's grace period, previous)
// for the caller to drop from this process's cache after commit.
//
// Why: a key acts with its own scope, not its creator's role. When a person
// leaves or stops being an Admin, the READ_WRITE keys they made would keep
// Editor rights unnoticed; offboarding lets the Admin end them in the same
// step. note: the caller holds the organisation lock, which createApiKey
// takes too, so no key of this user can appear between the read and the
// deletes.
func deleteKeysCreatedBy(tx *gorm.DB, orgID, userID string, actor Actor) ([]string, error) {
	var keys []APIKey
	err := tx.Where("organization_id = ? AND created_by_id = ?", orgID, userID).Order("created_at, id").Find(&keys).Error
	if err != nil {
		return nil, err
	}
	hashes := make([]string, 0, len(keys))
	for i := range keys {
		if err := removeKey(tx, orgID, &keys[i], actor); err != nil {
			return nil, err
		}
		hashes = append(hashes, keys[i].secretHashes()...)
	}
	return hashes, nil
}
