package graph

import (
	"context"
	"keyward/auth"
	"keyward/graph/model"
	"keyward/models"
)

// Whoami is the resolver for the whoami field.
func (r *queryResolver) Whoami(ctx context.Context) (*model.Principal, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	org, err := models.GetOrganization(ctx, r.DB, p.OrganizationID)
	if err != nil {
		return nil, err
	}
	out := &model.Principal{Kind: model.PrincipalKind(p.Kind), Organization: org, User: p.User}
	if p.Kind == auth.KindAPIKey {
		if out.APIKey, err = models.GetAPIKey(ctx, r.DB, p.OrganizationID, p.APIKey.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Query returns QueryResolver implementation.
func (r *Resolver) Query() QueryResolver { return &queryResolver{r} }

type queryResolver struct{ *Resolver }
