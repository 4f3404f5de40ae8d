package graph

import (
	"context"
	"fmt"
	"keyward/graph/model"
	"keyward/models"
	"time"
)

// LastUsedAt is the resolver for the lastUsedAt field.
func (r *apiKeyResolver) LastUsedAt(ctx context.Context, obj *models.APIKey) (*time.Time, error) {
	panic(fmt.Errorf("not implemented: LastUsedAt - lastUsedAt"))
}

// CreatedBy is the resolver for the createdBy field.
func (r *apiKeyResolver) CreatedBy(ctx context.Context, obj *models.APIKey) (*models.User, error) {
	panic(fmt.Errorf("not implemented: CreatedBy - createdBy"))
}

// ActorKind is the resolver for the actorKind field.
func (r *auditEventResolver) ActorKind(ctx context.Context, obj *models.AuditEvent) (model.PrincipalKind, error) {
	panic(fmt.Errorf("not implemented: ActorKind - actorKind"))
}

// CreateAPIKey is the resolver for the createApiKey field.
func (r *mutationResolver) CreateAPIKey(ctx context.Context, input model.CreateAPIKeyInput) (*model.CreateAPIKeyPayload, error) {
	panic(fmt.Errorf("not implemented: CreateAPIKey - createApiKey"))
}

// DeleteAPIKey is the resolver for the deleteApiKey field.
func (r *mutationResolver) DeleteAPIKey(ctx context.Context, id string) (bool, error) {
	panic(fmt.Errorf("not implemented: DeleteAPIKey - deleteApiKey"))
}

// APIKeys is the resolver for the apiKeys field.
func (r *queryResolver) APIKeys(ctx context.Context) ([]*models.APIKey, error) {
	panic(fmt.Errorf("not implemented: APIKeys - apiKeys"))
}

// AuditEvents is the resolver for the auditEvents field.
func (r *queryResolver) AuditEvents(ctx context.Context, limit *int) ([]*models.AuditEvent, error) {
	panic(fmt.Errorf("not implemented: AuditEvents - auditEvents"))
}

// ApiKey returns ApiKeyResolver implementation.
func (r *Resolver) ApiKey() ApiKeyResolver { return &apiKeyResolver{r} }

// AuditEvent returns AuditEventResolver implementation.
func (r *Resolver) AuditEvent() AuditEventResolver { return &auditEventResolver{r} }

// Mutation returns MutationResolver implementation.
func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }

type (
	apiKeyResolver     struct{ *Resolver }
	auditEventResolver struct{ *Resolver }
	mutationResolver   struct{ *Resolver }
)
