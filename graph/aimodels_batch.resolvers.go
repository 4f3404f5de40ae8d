package graph

import (
	"context"
	"keyward/graph/gqlmodel"
	"keyward/models"
)

// UpsertAiModels is the resolver for the upsertAiModels field.
func (r *mutationResolver) UpsertAiModels(ctx context.Context, input gqlmodel.UpsertAiModelsInput) (*gqlmodel.UpsertAiModelsPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	entries := make([]models.AIModelFields, len(input.Models))
	for i, m := range input.Models {
		entries[i] = aiModelUpsert(*m)
	}
	outcomes, err := models.UpsertAIModels(ctx, r.DB, p.OrganizationID, entries, p.Actor())
	if err != nil {
		return nil, err
	}
	return batchPayload(ctx, outcomes), nil
}
