package graph

import (
	"context"
	"keyward/graph/model"
)

// RateLimit is the resolver for the rateLimit field.
func (r *queryResolver) RateLimit(ctx context.Context, dryRun bool) (*model.RateLimit, error) {
	return rateLimitStatus(ctx), nil
}
