package graph

import (
	"context"
	"fmt"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/models"
)

// costLimit prices each operation before it runs (see complexity.go) and
// refuses one over max with COST_LIMIT_EXCEEDED.
type costLimit struct {
	es  graphql.ExecutableSchema
	max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &costLimit{}

func (*costLimit) ExtensionName() string { return "CostLimit" }

func (c *costLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *costLimit) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	requested := gqlcomplexity.Calculate(ctx, c.es, op.Operation, op.Variables)
	if requested > c.max {
		return &gqlerror.Error{
			Message: fmt.Sprintf("The query costs %d; the limit is %d. Select fewer fields, or ask for smaller pages with first.",
				requested, c.max),
			Extensions: map[string]any{"code": string(models.CodeCostLimit), "cost": map[string]any{"requested": requested, "limit": c.max}},
		}
	}
	return nil
}
