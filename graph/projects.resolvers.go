package graph

import (
	"context"
	"keyward/auth"
	"keyward/graph/model"
	"keyward/models"
)

// Kind is the resolver for the kind field.
func (r *actorResolver) Kind(ctx context.Context, obj *models.Actor) (model.PrincipalKind, error) {
	return model.PrincipalKind(obj.Kind), nil
}

// CreateProject is the resolver for the createProject field.
func (r *mutationResolver) CreateProject(ctx context.Context, input model.CreateProjectInput) (*model.CreateProjectPayload, error) {
	p := auth.FromContext(ctx)
	project, err := models.CreateProject(ctx, r.DB, p.OrganizationID, projectFields(input), p.Actor())
	if err != nil {
		return nil, err
	}
	return &model.CreateProjectPayload{Project: project}, nil
}

// UpdateProject is the resolver for the updateProject field.
func (r *mutationResolver) UpdateProject(ctx context.Context, input model.UpdateProjectInput) (*model.UpdateProjectPayload, error) {
	p := auth.FromContext(ctx)
	project, err := models.UpdateProject(ctx, r.DB, p.OrganizationID, input.ID, projectChanges(input), p.Actor())
	if err != nil {
		return nil, err
	}
	return &model.UpdateProjectPayload{Project: project}, nil
}

// DeleteProject is the resolver for the deleteProject field.
func (r *mutationResolver) DeleteProject(ctx context.Context, input model.DeleteProjectInput) (*model.DeleteProjectPayload, error) {
	p := auth.FromContext(ctx)
	if err := models.DeleteProject(ctx, r.DB, p.OrganizationID, input.ID, p.Actor()); err != nil {
		return nil, err
	}
	return &model.DeleteProjectPayload{DeletedProjectID: input.ID}, nil
}

// Owner is the resolver for the owner field.
func (r *projectResolver) Owner(ctx context.Context, obj *models.Project) (*models.User, error) {
	return r.loaders(ctx).user(ctx, obj.OwnerID)
}

// Project is the resolver for the project field.
func (r *queryResolver) Project(ctx context.Context, id string) (*models.Project, error) {
	return models.GetProject(ctx, r.DB, auth.FromContext(ctx).OrganizationID, id)
}

// Projects is the resolver for the projects field.
func (r *queryResolver) Projects(ctx context.Context, first *int, after *string, filter *model.ProjectFilter) (*models.Connection[*models.Project], error) {
	c, err := models.ListProjects(ctx, r.DB, auth.FromContext(ctx).OrganizationID, projectFilter(filter), page(first, after))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawProjects(c.Nodes)
	return c, nil
}

// Actor returns ActorResolver implementation.
func (r *Resolver) Actor() ActorResolver { return &actorResolver{r} }

// Project returns ProjectResolver implementation.
func (r *Resolver) Project() ProjectResolver { return &projectResolver{r} }

type (
	actorResolver   struct{ *Resolver }
	projectResolver struct{ *Resolver }
)
