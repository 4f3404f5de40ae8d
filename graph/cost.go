package graph

import (
	"context"
	"fmt"
	"time"

	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/graph/gqlmodel"
	"keyward/models"
	"keyward/ratelimit"
)

// pointsPerComplexity converts complexity to rate-limit points: every
// top-level field costs 1 point plus 1 per 100 of its complexity.
const pointsPerComplexity = 100

// cost is what costLimit found out about an operation.
type cost struct {
	requested int  // complexity, checked against the per-query limit
	points    int  // rate-limit points the operation is worth
	dryRun    bool // rateLimit(dryRun: true): price only, run nothing else
}

const costStats = "Cost"

// costLimit prices each operation before it runs (see complexity.go):
//   - one over max is refused with COST_LIMIT_EXCEEDED;
//   - an API key's budget is charged the operation's points (the meter that
//     ratelimit.PerKey put in the context), and a spent budget refuses it
//     with RATE_LIMITED before anything runs;
//   - rateLimit(dryRun: true) strips every other top-level field, so the
//     request is priced but not run;
//   - every response gets extensions.cost {requested, limit, points}.
type costLimit struct {
	es  graphql.ExecutableSchema
	max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
} = &costLimit{}

func (*costLimit) ExtensionName() string { return "CostLimit" }

func (c *costLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

func (c *costLimit) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	k := cost{}
	for _, f := range rootFields(op.Operation.SelectionSet) {
		single := &ast.OperationDefinition{Operation: op.Operation.Operation, SelectionSet: ast.SelectionSet{f}}
		n := gqlcomplexity.Calculate(ctx, c.es, single, op.Variables)
		k.requested += n
		// A batch of w entries is priced as w single mutations.
		w := batchOf(f, op.Variables)
		k.points += w * (1 + n/w/pointsPerComplexity)
		if f.Name == "rateLimit" && f.ObjectDefinition.Name == "Query" && f.ArgumentMap(op.Variables)["dryRun"] == true {
			k.dryRun = true
		}
	}
	k.points = max(k.points, 1)
	op.Stats.SetExtension(costStats, &k)
	if k.requested > c.max {
		return &gqlerror.Error{
			Message: fmt.Sprintf("The query costs %d; the limit is %d. Select fewer fields, or ask for smaller pages with first.",
				k.requested, c.max),
			Extensions: map[string]any{"code": string(models.CodeCostLimit)},
		}
	}
	charge := k.points
	if k.dryRun {
		op.Operation = onlyRateLimit(op.Operation)
		charge = 1
	}
	if m := ratelimit.MeterFrom(ctx); m != nil {
		if err := m.Charge(ctx, charge); err != nil {
			return asGQLError(err)
		}
	}
	return nil
}

func (c *costLimit) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil || !graphql.HasOperationContext(ctx) {
		return resp
	}
	if k, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(costStats).(*cost); ok {
		addExtension(resp, "cost", map[string]any{"requested": k.requested, "limit": c.max, "points": k.points})
	}
	return resp
}

// rootFields lists an operation's top-level fields, fragments included.
func rootFields(set ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			out = append(out, s)
		case *ast.InlineFragment:
			out = append(out, rootFields(s.SelectionSet)...)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				out = append(out, rootFields(s.Definition.SelectionSet)...)
			}
		}
	}
	return out
}

// onlyRateLimit is a copy of op that selects only its rateLimit fields.
// note: op comes from the query cache and is shared, so it is copied.
func onlyRateLimit(op *ast.OperationDefinition) *ast.OperationDefinition {
	out := *op
	out.SelectionSet = nil
	for _, f := range rootFields(op.SelectionSet) {
		if f.Name == "rateLimit" || f.Name == "__typename" {
			out.SelectionSet = append(out.SelectionSet, f)
		}
	}
	return &out
}

// asGQLError carries a models error through a request check, so that the
// error presenter codes it like a resolver's.
func asGQLError(err error) *gqlerror.Error {
	e := err.(*models.Error)
	ext := map[string]any{"code": string(e.Code)}
	if e.RetryAfter > 0 {
		ext["retryAfter"] = seconds(e.RetryAfter)
	}
	return &gqlerror.Error{Message: e.Message, Extensions: ext}
}

// rateLimitStatus answers the rateLimit field from what costLimit charged:
// no further limiter round trip.
func rateLimitStatus(ctx context.Context) *gqlmodel.RateLimit {
	m := ratelimit.MeterFrom(ctx)
	k, _ := graphql.GetOperationContext(ctx).Stats.GetExtension(costStats).(*cost)
	if m == nil || k == nil {
		return nil
	}
	limit, res, ok := m.Budget()
	if !ok {
		return nil
	}
	return &gqlmodel.RateLimit{Limit: limit.Rate, Cost: k.points, Remaining: res.Remaining,
		ResetAt: time.Now().Add(res.ResetAfter).UTC().Truncate(time.Second)}
}

func seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }
