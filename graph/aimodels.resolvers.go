package graph

import (
	"context"
	"keyward/auth"
	"keyward/graph/model"
	"keyward/models"
)

// Approver is the resolver for the approver field.
func (r *aIModelResolver) Approver(ctx context.Context, obj *models.AIModel) (*models.User, error) {
	return r.loaders(ctx).user(ctx, obj.ApproverID)
}

// Projects is the resolver for the projects field.
func (r *aIModelResolver) Projects(ctx context.Context, obj *models.AIModel) ([]*models.Project, error) {
	ps, err := r.loaders(ctx).modelProjects.load(ctx, obj.ID)
	if ps == nil {
		ps = []*models.Project{}
	}
	return ps, err
}

// CreateAIModel is the resolver for the createAIModel field.
func (r *mutationResolver) CreateAIModel(ctx context.Context, input model.AIModelInput) (*models.AIModel, error) {
	p := auth.FromContext(ctx)
	return models.CreateAIModel(ctx, r.DB, p.OrganizationID, aiModelFields(input, true), p.Actor())
}

// UpsertAIModel is the resolver for the upsertAIModel field.
func (r *mutationResolver) UpsertAIModel(ctx context.Context, input model.AIModelInput) (*model.UpsertAIModelPayload, error) {
	p := auth.FromContext(ctx)
	m, created, err := models.UpsertAIModel(ctx, r.DB, p.OrganizationID, aiModelFields(input, false), p.Actor())
	if err != nil {
		return nil, err
	}
	return &model.UpsertAIModelPayload{AiModel: m, Created: created}, nil
}

// UpdateAIModel is the resolver for the updateAIModel field.
func (r *mutationResolver) UpdateAIModel(ctx context.Context, id string, input model.UpdateAIModelInput) (*models.AIModel, error) {
	p := auth.FromContext(ctx)
	return models.UpdateAIModel(ctx, r.DB, p.OrganizationID, id, aiModelChanges(input), p.Actor())
}

// DeleteAIModel is the resolver for the deleteAIModel field.
func (r *mutationResolver) DeleteAIModel(ctx context.Context, id string) (bool, error) {
	p := auth.FromContext(ctx)
	err := models.DeleteAIModel(ctx, r.DB, p.OrganizationID, id, p.Actor())
	return err == nil, err
}

// AiModel is the resolver for the aiModel field.
func (r *queryResolver) AiModel(ctx context.Context, id string) (*models.AIModel, error) {
	return models.GetAIModel(ctx, r.DB, auth.FromContext(ctx).OrganizationID, id)
}

// AiModels is the resolver for the aiModels field.
func (r *queryResolver) AiModels(ctx context.Context, first *int, after *string, filter *model.AIModelFilter) (*models.Connection[*models.AIModel], error) {
	c, err := models.ListAIModels(ctx, r.DB, auth.FromContext(ctx).OrganizationID, aiModelFilter(filter), page(first, after))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawAIModels(c.Nodes)
	return c, nil
}

// AIModel returns AIModelResolver implementation.
func (r *Resolver) AIModel() AIModelResolver { return &aIModelResolver{r} }

type aIModelResolver struct{ *Resolver }
