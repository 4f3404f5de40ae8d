package graph

import (
	"context"
	"keyward/graph/gqlmodel"
)

// RateLimit is the resolver for the rateLimit field.
func (r *queryResolver) RateLimit(ctx context.Context, dryRun bool) (*gqlmodel.RateLimit, error) {
	return rateLimitStatus(ctx), nil
}
