package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"keyward/usage"
)

// recordUsage tells the key's usage counter what each request ran and
// whether it failed (see package usage). It only marks the request; the
// counting happens in memory when the request ends.
func recordUsage(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	failed := resp == nil || len(resp.Errors) > 0
	var op *ast.OperationDefinition
	if graphql.HasOperationContext(ctx) {
		op = graphql.GetOperationContext(ctx).Operation
	}
	if op == nil || resp == nil || resp.Data == nil {
		// note: no data means the operation never ran (a request error,
		// or a budget spent before it started).
		usage.Failed(ctx)
	} else {
		usage.Executed(ctx, op.Operation == ast.Mutation, failed)
	}
	return resp
}
