package graph

import (
	"context"
	"keyward/auth"
	"keyward/graph/gqlmodel"
	"keyward/models"
)

// User is the resolver for the user field.
func (r *actorResolver) User(ctx context.Context, obj *models.Actor) (*models.User, error) {
	if obj.Kind != models.PrincipalUser {
		return nil, nil
	}
	return r.loaders(ctx).user(ctx, &obj.ID)
}

// Whoami is the resolver for the whoami field.
func (r *queryResolver) Whoami(ctx context.Context) (*gqlmodel.Principal, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	org, err := models.GetOrganization(ctx, r.DB, p.OrganizationID)
	if err != nil {
		return nil, err
	}
	out := &gqlmodel.Principal{Kind: p.Kind, Organization: org, User: p.User}
	if p.Kind == auth.KindAPIKey {
		if out.APIKey, err = models.GetAPIKey(ctx, r.DB, p.OrganizationID, p.APIKey.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Actor returns ActorResolver implementation.
func (r *Resolver) Actor() ActorResolver { return &actorResolver{r} }

// Mutation returns MutationResolver implementation.
func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }

// Query returns QueryResolver implementation.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }

type (
	actorResolver    struct{ *Resolver }
	mutationResolver struct{ *Resolver }
	queryResolver    struct{ *Resolver }
)
