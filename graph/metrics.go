package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"keyward/metrics"
)

// recordOperationMetrics records each operation's count and latency. Operations
// are labelled by type and first root field (e.g. "query:apiKeys"), not by
// the client-chosen operation name, so label values stay bounded by the schema.
func recordOperationMetrics(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	name := operationLabel(ctx)
	outcome := "ok"
	if resp == nil || len(resp.Errors) > 0 {
		outcome = "error"
	}
	metrics.Operations.WithLabelValues(name, outcome).Inc()
	metrics.OperationSeconds.WithLabelValues(name).Observe(time.Since(start).Seconds())
	return resp
}

func operationLabel(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return "invalid"
	}
	op := graphql.GetOperationContext(ctx).Operation
	if op == nil {
		return "invalid"
	}
	for _, sel := range op.SelectionSet {
		if f, ok := sel.(*ast.Field); ok {
			return string(op.Operation) + ":" + f.Name
		}
	}
	return string(op.Operation)
}
