package graph

import (
	"context"
	"keyward/graph/gqlmodel"
	"keyward/models"

	"gorm.io/gorm"
)

// CreateProject is the resolver for the createProject field.
func (r *mutationResolver) CreateProject(ctx context.Context, input gqlmodel.CreateProjectInput) (*gqlmodel.CreateProjectPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	project, err := idempotent(ctx, r.DB, p, input.IdempotencyKey.Value(),
		func(tx *gorm.DB) (*models.Project, string, error) {
			m, err := models.CreateProject(ctx, tx, p.OrganizationID, projectFields(input), p.Actor())
			if err != nil {
				return nil, "", err
			}
			return m, m.ID, nil
		},
		func(id string) (*models.Project, error) { return models.GetProject(ctx, r.DB, p.OrganizationID, id) })
	if err != nil {
		return nil, err
	}
	return &gqlmodel.CreateProjectPayload{Project: project}, nil
}

// UpdateProject is the resolver for the updateProject field.
func (r *mutationResolver) UpdateProject(ctx context.Context, input gqlmodel.UpdateProjectInput) (*gqlmodel.UpdateProjectPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	project, err := models.UpdateProject(ctx, r.DB, p.OrganizationID, input.ID, projectChanges(input), p.Actor())
	if err != nil {
		return nil, err
	}
	return &gqlmodel.UpdateProjectPayload{Project: project}, nil
}

// DeleteProject is the resolver for the deleteProject field.
func (r *mutationResolver) DeleteProject(ctx context.Context, input gqlmodel.DeleteProjectInput) (*gqlmodel.DeleteProjectPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := models.DeleteProject(ctx, r.DB, p.OrganizationID, input.ID, p.Actor()); err != nil {
		return nil, err
	}
	return &gqlmodel.DeleteProjectPayload{DeletedProjectID: input.ID}, nil
}

// Owner is the resolver for the owner field.
func (r *projectResolver) Owner(ctx context.Context, obj *models.Project) (*models.User, error) {
	return r.loaders(ctx).user(ctx, obj.OwnerID)
}

// Project is the resolver for the project field.
func (r *queryResolver) Project(ctx context.Context, id string) (*models.Project, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	return models.GetProject(ctx, r.DB, p.OrganizationID, id)
}

// Projects is the resolver for the projects field.
func (r *queryResolver) Projects(ctx context.Context, first *int, after *string, filter *gqlmodel.ProjectFilter, orderBy *models.ListOrder) (*models.Connection[*models.Project], error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	c, err := models.ListProjects(ctx, r.DB, p.OrganizationID, projectFilter(filter), orderedPage(ctx, first, after, orderBy))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawProjects(c.Nodes)
	return c, nil
}

// Project returns ProjectResolver implementation.
func (r *Resolver) Project() ProjectResolver { return &projectResolver{r} }

type projectResolver struct{ *Resolver }
