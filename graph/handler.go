package graph

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/httplog"
	"keyward/models"
)

// Query limits. Complexity counts one per field (aliases included), more
// for top-level fields and lists (see complexity.go); depth counts nested
// selections outside introspection, which GraphiQL needs deep.
// note: 3000 lets one query read a full page of 100 rows with about 25
// fields each (nested owner and project included), and still refuses 300
// aliased top-level fields; it was 250 before lists existed.
const (
	MaxComplexity = 3000
	MaxDepth      = 10
)

// NewHandler builds the GraphQL HTTP handler: JSON POST and GET for queries
// only. note: no multipart or form transports, so a cross-site HTML form
// cannot post a mutation with an admin's cookie.
func NewHandler(r *Resolver, log *slog.Logger) http.Handler {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: r, Directives: DirectiveRoot{HasRole: hasRole}, Complexity: complexity(r.MaxAPIKeys)}))
	srv.AddTransport(httpTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(persistedQueries{extension.AutomaticPersistedQuery{Cache: newPersistedQueryCache()}})
	srv.Use(operationCheck{"GetQueriesOnly", getQueriesOnly})
	srv.Use(&costLimit{max: MaxComplexity})
	srv.Use(operationCheck{"DepthLimit", depthLimit(MaxDepth)})
	srv.Use(responseHook{"OperationMetrics", recordOperationMetrics})
	srv.Use(responseHook{"UsageRecorder", recordUsage})
	srv.Use(responseHook{"KeyWarnings", addKeyWarnings})
	srv.SetErrorPresenter(errorPresenter(log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "request_id", httplog.RequestID(ctx), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return fmt.Errorf("panic: %v", v)
	})
	return withLoaders(r.DB, srv)
}

// depthLimit refuses operations nested deeper than max.
func depthLimit(max int) func(context.Context, *graphql.OperationContext) *gqlerror.Error {
	return func(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
		if op.Operation == nil {
			return nil
		}
		if depth := selectionDepth(op.Operation.SelectionSet, 0); depth > max {
			return &gqlerror.Error{
				Message:    fmt.Sprintf("The query is nested %d levels deep; the limit is %d.", depth, max),
				Extensions: map[string]any{"code": string(models.CodeValidationFailed)},
			}
		}
		return nil
	}
}

func selectionDepth(set ast.SelectionSet, depth int) int {
	deepest := depth
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
			d = selectionDepth(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, depth)
			}
		}
		if d > deepest {
			deepest = d
		}
	}
	return deepest
}
