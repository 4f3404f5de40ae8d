package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"

	"keyward/graph/gqlmodel"
	"keyward/models"
)

// batchPayload answers a batch upsert: one result per entry, null where the
// entry was refused. Each refusal becomes top-level errors whose
// extensions.field starts at the entry, ["input", "models", 3, "version"],
// so the data of the entries that succeeded stays in the response.
func batchPayload(ctx context.Context, outcomes []models.UpsertOutcome) *gqlmodel.UpsertAiModelsPayload {
	out := &gqlmodel.UpsertAiModelsPayload{Results: make([]*gqlmodel.UpsertAiModelPayload, len(outcomes))}
	for i, o := range outcomes {
		switch {
		case o.Err != nil:
			out.FailedCount++
			for _, e := range problemsOf(o.Err) {
				graphql.AddError(ctx, e.In("models", i))
			}
		case o.Created:
			out.CreatedCount++
		default:
			out.UpdatedCount++
		}
		if o.Err == nil {
			out.Results[i] = &gqlmodel.UpsertAiModelPayload{AiModel: o.Model, Created: o.Created}
		}
	}
	return out
}

// problemsOf lists the user errors in err, one per invalid field.
func problemsOf(err error) models.Errors {
	var many models.Errors
	if errors.As(err, &many) {
		return many
	}
	var one *models.Error
	if errors.As(err, &one) {
		return models.Errors{one}
	}
	return nil
}
