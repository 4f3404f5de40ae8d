package graph

import (
	"context"
	"keyward/graph/gqlmodel"
	"keyward/models"

	"gorm.io/gorm"
)

// Approver is the resolver for the approver field.
func (r *aiModelResolver) Approver(ctx context.Context, obj *models.AIModel) (*models.User, error) {
	return r.loaders(ctx).user(ctx, obj.ApproverID)
}

// Projects is the resolver for the projects field.
func (r *aiModelResolver) Projects(ctx context.Context, obj *models.AIModel) ([]*models.Project, error) {
	ps, err := r.loaders(ctx).modelProjects.load(ctx, obj.ID)
	if ps == nil {
		ps = []*models.Project{}
	}
	return ps, err
}

// CreateAiModel is the resolver for the createAiModel field.
func (r *mutationResolver) CreateAiModel(ctx context.Context, input gqlmodel.CreateAiModelInput) (*gqlmodel.CreateAiModelPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	m, err := idempotent(ctx, r.DB, p, input.IdempotencyKey.Value(),
		func(tx *gorm.DB) (*models.AIModel, string, error) {
			m, err := models.CreateAIModel(ctx, tx, p.OrganizationID, aiModelFields(input), p.Actor())
			if err != nil {
				return nil, "", err
			}
			return m, m.ID, nil
		},
		func(id string) (*models.AIModel, error) { return models.GetAIModel(ctx, r.DB, p.OrganizationID, id) })
	if err != nil {
		return nil, err
	}
	return &gqlmodel.CreateAiModelPayload{AiModel: m}, nil
}

// UpsertAiModel is the resolver for the upsertAiModel field.
func (r *mutationResolver) UpsertAiModel(ctx context.Context, input gqlmodel.UpsertAiModelInput) (*gqlmodel.UpsertAiModelPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	m, created, err := models.UpsertAIModel(ctx, r.DB, p.OrganizationID, aiModelUpsert(input), p.Actor())
	if err != nil {
		return nil, err
	}
	return &gqlmodel.UpsertAiModelPayload{AiModel: m, Created: created}, nil
}

// UpdateAiModel is the resolver for the updateAiModel field.
func (r *mutationResolver) UpdateAiModel(ctx context.Context, input gqlmodel.UpdateAiModelInput) (*gqlmodel.UpdateAiModelPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	m, err := models.UpdateAIModel(ctx, r.DB, p.OrganizationID, input.ID, aiModelChanges(input), p.Actor())
	if err != nil {
		return nil, err
	}
	return &gqlmodel.UpdateAiModelPayload{AiModel: m}, nil
}

// DeleteAiModel is the resolver for the deleteAiModel field.
func (r *mutationResolver) DeleteAiModel(ctx context.Context, input gqlmodel.DeleteAiModelInput) (*gqlmodel.DeleteAiModelPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := models.DeleteAIModel(ctx, r.DB, p.OrganizationID, input.ID, p.Actor()); err != nil {
		return nil, err
	}
	return &gqlmodel.DeleteAiModelPayload{DeletedAiModelID: input.ID}, nil
}

// AiModel is the resolver for the aiModel field.
func (r *queryResolver) AiModel(ctx context.Context, id string) (*models.AIModel, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return models.GetAIModel(ctx, r.DB, p.OrganizationID, id)
}

// AiModels is the resolver for the aiModels field.
func (r *queryResolver) AiModels(ctx context.Context, first *int, after *string, filter *gqlmodel.AiModelFilter, orderBy *models.ListOrder) (*models.Connection[*models.AIModel], error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	c, err := models.ListAIModels(ctx, r.DB, p.OrganizationID, aiModelFilter(filter), orderedPage(ctx, first, after, orderBy))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawAIModels(c.Nodes)
	return c, nil
}

// AiModel returns AiModelResolver implementation.
func (r *Resolver) AiModel() AiModelResolver { return &aiModelResolver{r} }

type aiModelResolver struct{ *Resolver }
