package graph

import (
	"context"
	"errors"
	"keyward/auth"
	"keyward/graph/gqlmodel"
	"keyward/models"
	"time"

	"gorm.io/gorm"
)

// LastUsedAt is the resolver for the lastUsedAt field.
func (r *apiKeyResolver) LastUsedAt(ctx context.Context, obj *models.APIKey) (*time.Time, error) {
	at, _, _ := r.Keys.LastUsed.Newest(obj)
	return at, nil
}

// LastUsedIP is the resolver for the lastUsedIp field.
func (r *apiKeyResolver) LastUsedIP(ctx context.Context, obj *models.APIKey) (*string, error) {
	_, ip, _ := r.Keys.LastUsed.Newest(obj)
	return ip, nil
}

// LastUsedUserAgent is the resolver for the lastUsedUserAgent field.
func (r *apiKeyResolver) LastUsedUserAgent(ctx context.Context, obj *models.APIKey) (*string, error) {
	_, _, ua := r.Keys.LastUsed.Newest(obj)
	return ua, nil
}

// CreatedBy is the resolver for the createdBy field.
func (r *apiKeyResolver) CreatedBy(ctx context.Context, obj *models.APIKey) (*models.User, error) {
	if obj.CreatedBy != nil {
		return obj.CreatedBy, nil
	}
	return r.loaders(ctx).user(ctx, obj.CreatedByID)
}

// Usage is the resolver for the usage field.
func (r *apiKeyResolver) Usage(ctx context.Context, obj *models.APIKey, days *int) ([]*models.UsageDay, error) {
	n := models.DefaultUsageDays // only an explicit null reaches here as nil
	if days != nil {
		n = *days
	}
	return r.loaders(ctx).usageOf(ctx, obj.ID, n)
}

// Insights is the resolver for the insights field.
func (r *apiKeyResolver) Insights(ctx context.Context, obj *models.APIKey) ([]*models.Insight, error) {
	days, err := r.loaders(ctx).usageOf(ctx, obj.ID, models.DefaultUsageDays)
	if err != nil {
		return nil, err
	}
	lastUsed, _, _ := r.Keys.LastUsed.Newest(obj)
	return models.KeyInsights(obj, lastUsed, days, time.Now()), nil
}

// CreateAPIKey is the resolver for the createApiKey field.
func (r *mutationResolver) CreateAPIKey(ctx context.Context, input gqlmodel.CreateAPIKeyInput) (*gqlmodel.CreateAPIKeyPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	key, secret, err := idempotentSecret(ctx, r.DB, p, input.IdempotencyKey.Value(),
		func(tx *gorm.DB) (*models.APIKey, string, error) {
			return models.CreateAPIKey(ctx, tx, p.OrganizationID, p.User,
				models.CreateAPIKeyInput{Name: input.Name, ExpiresInDays: input.ExpiresInDays.Value(), Scope: input.Scope.Value(), Max: r.MaxAPIKeys}, p.Actor())
		})
	if err != nil {
		return nil, err
	}
	return &gqlmodel.CreateAPIKeyPayload{APIKey: key, Secret: secret}, nil
}

// DeleteAPIKey is the resolver for the deleteApiKey field.
func (r *mutationResolver) DeleteAPIKey(ctx context.Context, input gqlmodel.DeleteAPIKeyInput) (*gqlmodel.DeleteAPIKeyPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	key, err := models.DeleteAPIKey(ctx, r.DB, p.OrganizationID, input.ID, p.Actor())
	if err != nil {
		return nil, err
	}
	if key != nil {
		r.Keys.ForgetAll(key.SecretHashes())
	}
	return &gqlmodel.DeleteAPIKeyPayload{DeletedAPIKeyID: input.ID}, nil
}

// RotateAPIKey is the resolver for the rotateApiKey field.
func (r *mutationResolver) RotateAPIKey(ctx context.Context, input gqlmodel.RotateAPIKeyInput) (*gqlmodel.RotateAPIKeyPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	var stale []string
	key, secret, err := idempotentSecret(ctx, r.DB, p, input.IdempotencyKey.Value(),
		func(tx *gorm.DB) (key *models.APIKey, secret string, err error) {
			key, secret, stale, err = models.RotateAPIKey(ctx, tx, p.OrganizationID, input.ID, rotateInput(input), p.Actor())
			return key, secret, err
		})
	if err != nil {
		return nil, err
	}
	r.Keys.ForgetAll(stale)
	return &gqlmodel.RotateAPIKeyPayload{APIKey: key, Secret: secret}, nil
}

// UpdateAPIKey is the resolver for the updateApiKey field.
func (r *mutationResolver) UpdateAPIKey(ctx context.Context, input gqlmodel.UpdateAPIKeyInput) (*gqlmodel.UpdateAPIKeyPayload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	key, stale, err := models.UpdateAPIKey(ctx, r.DB, p.OrganizationID, input.ID,
		models.UpdateAPIKeyInput{Name: input.Name.Value(), Scope: input.Scope.Value()}, p.Actor())
	if err != nil {
		return nil, err
	}
	r.Keys.ForgetAll(stale)
	return &gqlmodel.UpdateAPIKeyPayload{APIKey: key}, nil
}

// RevokeLeakedAPIKey is the resolver for the revokeLeakedApiKey field.
func (r *mutationResolver) RevokeLeakedAPIKey(ctx context.Context, input gqlmodel.RevokeLeakedAPIKeyInput) (*gqlmodel.RevokeLeakedAPIKeyPayload, error) {
	verdicts, err := r.Leaked.Report(ctx, auth.ClientIP(ctx), []models.LeakReport{{Secret: input.Secret, URL: optString(input.URL)}})
	var blocked *auth.ErrTooManyReports
	if errors.As(err, &blocked) {
		return nil, tooManyReports(blocked.Wait)
	}
	if err != nil {
		return nil, err
	}
	return &gqlmodel.RevokeLeakedAPIKeyPayload{Revoked: verdicts[0] == models.LeakTruePositive}, nil
}

// APIKeys is the resolver for the apiKeys field.
func (r *queryResolver) APIKeys(ctx context.Context) ([]*models.APIKey, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := models.ListAPIKeys(ctx, r.DB, p.OrganizationID)
	r.loaders(ctx).sawAPIKeys(keys)
	return keys, err
}

// APIKeyConnection is the resolver for the apiKeyConnection field.
func (r *queryResolver) APIKeyConnection(ctx context.Context, first *int, after *string) (*models.Connection[*models.APIKey], error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	c, err := models.PageAPIKeys(ctx, r.DB, p.OrganizationID, page(ctx, first, after))
	if err != nil {
		return nil, err
	}
	r.loaders(ctx).sawAPIKeys(c.Nodes)
	return c, nil
}

// APIKeyLimit is the resolver for the apiKeyLimit field.
func (r *queryResolver) APIKeyLimit(ctx context.Context) (int, error) {
	return r.MaxAPIKeys, nil
}

// ApiKey returns ApiKeyResolver implementation.
func (r *Resolver) ApiKey() ApiKeyResolver { return &apiKeyResolver{r} }

type apiKeyResolver struct{ *Resolver }
