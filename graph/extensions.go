package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// gqlgen takes a handler extension as a type with a name and a Validate
// step. Most of ours are one function, so these two adapters make a named
// extension of a function, and each extension's file holds only what it does.

// operationCheck refuses an operation before anything runs when check
// returns an error.
type operationCheck struct {
	name  string
	check func(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error
}

// responseHook runs hook around each operation's response.
type responseHook struct {
	name string
	hook func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response
}

var (
	_ interface {
		graphql.HandlerExtension
		graphql.OperationContextMutator
	} = operationCheck{}
	_ interface {
		graphql.HandlerExtension
		graphql.ResponseInterceptor
	} = responseHook{}
)

func (e operationCheck) ExtensionName() string                 { return e.name }
func (operationCheck) Validate(graphql.ExecutableSchema) error { return nil }
func (e operationCheck) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	return e.check(ctx, op)
}

func (e responseHook) ExtensionName() string                 { return e.name }
func (responseHook) Validate(graphql.ExecutableSchema) error { return nil }
func (e responseHook) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	return e.hook(ctx, next)
}
