package models

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

func duplicateModel(m *AIModel) error {
	return &Error{Code: CodeDuplicateName, Path: []any{"version"}, Message: fmt.Sprintf(
		"The inventory already has %s %s version %s. Update that entry, or use upsertAiModel to create-or-update by provider, model and version.",
		m.Provider, m.Model, m.Version)}
}

func newAIModel(orgID string, actor Actor) *AIModel {
	at := nowUTC()
	return &AIModel{ID: uuid.NewString(), OrganizationID: orgID, Status: AIModelPending,
		Provenance: provenance(actor), CreatedAt: at, UpdatedAt: at}
}

// CreateAIModel adds a model to the inventory; an existing
// (provider, model, version) is DUPLICATE_NAME.
func CreateAIModel(ctx context.Context, db *gorm.DB, orgID string, f AIModelFields, actor Actor) (*AIModel, error) {
	return aiModels.create(ctx, db, newAIModel(orgID, actor), f, actor)
}

// UpsertAIModel creates the model or, when (provider, model, version)
// exists, updates the fields that are set. It is safe to repeat and to run
// concurrently: the insert relies on the unique index (ON CONFLICT DO
// NOTHING), never on a check before it, so racing callers end with one row.
func UpsertAIModel(ctx context.Context, db *gorm.DB, orgID string, f AIModelFields, actor Actor) (*AIModel, bool, error) {
	m := newAIModel(orgID, actor)
	created := false
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := aiModels.applyNew(tx, m, f); err != nil {
			return err
		}
		res := tx.Omit(clause.Associations).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "organization_id"}, {Name: "provider_key"}, {Name: "model_key"}, {Name: "version_key"}},
			DoNothing: true,
		}).Create(m)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			created = true
			return aiModels.finish(tx, m, f, actor, aiModels.created)
		}
		// The entry exists (perhaps committed a moment ago by a racing
		// upsert): update it with the fields that were set.
		q := tx.Where("organization_id = ? AND provider_key = ? AND model_key = ? AND version_key = ?",
			orgID, m.ProviderKey, m.ModelKey, m.VersionKey)
		if tx.Dialector.Name() == "postgres" {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		var existing AIModel
		if err := q.Take(&existing).Error; err != nil {
			return err
		}
		m = &existing
		return aiModels.save(tx, m, f, actor)
	})
	if err != nil {
		return nil, false, err
	}
	return m, created, nil
}

// UpdateAIModel changes the set fields of one of the organisation's models.
func UpdateAIModel(ctx context.Context, db *gorm.DB, orgID, id string, f AIModelFields, actor Actor) (*AIModel, error) {
	return aiModels.update(ctx, db, orgID, id, f, actor)
}

// DeleteAIModel removes a model from the inventory, with its project links.
func DeleteAIModel(ctx context.Context, db *gorm.DB, orgID, id string, actor Actor) error {
	return aiModels.delete(ctx, db, orgID, id, actor)
}
