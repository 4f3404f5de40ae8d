package graph

import (
	"context"
	"keyward/graph/gqlmodel"
	"keyward/models"

	"gorm.io/gorm"
)

// CreateRisk is the resolver for the createRisk field.
func (r *mutationResolver) CreateRisk(ctx context.Context, input gqlmodel.CreateRiskInput) (*gqlmodel.CreateRiskPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	risk, err := idempotent(ctx, r.DB, p, input.IdempotencyKey.Value(),
		func(tx *gorm.DB) (*models.Risk, string, error) {
			m, err := models.CreateRisk(ctx, tx, p.OrganizationID, riskFields(input), p.Actor())
			if err != nil {
				return nil, "", err
			}
			return m, m.ID, nil
		},
		func(id string) (*models.Risk, error) { return models.GetRisk(ctx, r.DB, p.OrganizationID, id) })
	if err != nil {
		return nil, err
	}
	return &gqlmodel.CreateRiskPayload{Risk: risk}, nil
}

// UpdateRisk is the resolver for the updateRisk field.
func (r *mutationResolver) UpdateRisk(ctx context.Context, input gqlmodel.UpdateRiskInput) (*gqlmodel.UpdateRiskPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	risk, err := models.UpdateRisk(ctx, r.DB, p.OrganizationID, input.ID, riskChanges(input), p.Actor())
	if err != nil {
		return nil, err
	}
	return &gqlmodel.UpdateRiskPayload{Risk: risk}, nil
}

// DeleteRisk is the resolver for the deleteRisk field.
func (r *mutationResolver) DeleteRisk(ctx context.Context, input gqlmodel.DeleteRiskInput) (*gqlmodel.DeleteRiskPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := models.DeleteRisk(ctx, r.DB, p.OrganizationID, input.ID, p.Actor()); err != nil {
		return nil, err
	}
	return &gqlmodel.DeleteRiskPayload{DeletedRiskID: input.ID}, nil
}

// Risk is the resolver for the risk field.
func (r *queryResolver) Risk(ctx context.Context, id string) (*models.Risk, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return models.GetRisk(ctx, r.DB, p.OrganizationID, id)
}

// Risks is the resolver for the risks field.
func (r *queryResolver) Risks(ctx context.Context, first *int, after *string, filter *gqlmodel.RiskFilter, orderBy *models.ListOrder) (*models.Connection[*models.Risk], error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	c, err := models.ListRisks(ctx, r.DB, p.OrganizationID, riskFilter(filter), orderedPage(ctx, first, after, orderBy))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawRisks(c.Nodes)
	return c, nil
}

// Project is the resolver for the project field.
func (r *riskResolver) Project(ctx context.Context, obj *models.Risk) (*models.Project, error) {
	p, err := r.loaders(ctx).projects.load(ctx, obj.ProjectID)
	if err == nil && p == nil {
		err = models.NotFound("Project")
	}
	return p, err
}

// Owner is the resolver for the owner field.
func (r *riskResolver) Owner(ctx context.Context, obj *models.Risk) (*models.User, error) {
	return r.loaders(ctx).user(ctx, obj.OwnerID)
}

// Risk returns RiskResolver implementation.
func (r *Resolver) Risk() RiskResolver { return &riskResolver{r} }

type riskResolver struct{ *Resolver }
