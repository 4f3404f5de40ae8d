package graph

import (
	"context"
	"errors"
	"log/slog"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/httplog"
	"keyward/models"
)

// unavailableRetrySeconds is the Retry-After for UNAVAILABLE: connections
// are re-established on the next request once the database is back.
const unavailableRetrySeconds = 2

// errorPresenter gives every error one of the documented codes (enum
// ErrorCode in errors.graphqls):
//   - our typed errors keep their code; extensions.field is the path of the
//     offending value from the field's argument (["input","projectIds",2]);
//   - errors gqlgen produced from the request keep its parse or validation
//     code, except variables that cannot be coerced, which are
//     BAD_USER_INPUT on ["variables", name, ...];
//   - errors our own request checks produced (depth, cost) keep their code;
//   - an unreachable database or a dropped connection is UNAVAILABLE;
//   - everything else is INTERNAL, with a generic message; the cause goes to
//     the log only.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		// A resolver that found several problems (models.Errors) gets one
		// GraphQL error per problem, each with its own extensions.field, in
		// order: all but the last are added here, the last is returned.
		// note: here rather than in a field middleware, which would wrap
		// every field of every response.
		var many models.Errors
		if errors.As(err, &many) && len(many) > 1 {
			var wrapper *gqlerror.Error
			errors.As(err, &wrapper)
			for i, e := range many {
				one := gqlerror.WrapPath(graphql.GetPath(ctx), e)
				if wrapper != nil {
					one.Locations = wrapper.Locations
				}
				if i == len(many)-1 {
					err = one
					break
				}
				graphql.AddError(ctx, one)
			}
		}
		var typed *models.Error
		if errors.As(err, &typed) {
			gerr := gqlerror.WrapPath(graphql.GetPath(ctx), err)
			gerr.Message = typed.Message
			gerr.Extensions = map[string]any{"code": typed.Code}
			for k, v := range typed.Extensions {
				gerr.Extensions[k] = v
			}
			path := fieldPath(ctx, typed.Path)
			var input *gqlerror.Error
			if len(path) == 0 && typed.Code == models.CodeBadUserInput && errors.As(err, &input) && len(input.Path) > 0 {
				// An input value a scalar refused: its path already starts at
				// the argument; the message names the innermost field (a list
				// element by its list).
				path = astPath(trimPrefix(input.Path, graphql.GetPath(ctx)))
				if name := lastName(input.Path); name != "" {
					gerr.Message = name + " " + typed.Message
				}
			}
			if len(path) > 0 {
				gerr.Extensions["field"] = path
			}
			if typed.RetryAfter > 0 {
				gerr.Extensions["retryAfter"] = int(math.Ceil(typed.RetryAfter.Seconds()))
			}
			if errors.As(err, &input) && len(input.Locations) > 0 {
				gerr.Locations = input.Locations
			}
			return gerr
		}
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Unwrap() == nil {
			return requestError(gerr)
		}
		if models.IsUnavailable(err) {
			log.WarnContext(ctx, "database unavailable", "request_id", httplog.RequestID(ctx), "err", err)
			return &gqlerror.Error{
				Message:    "The service cannot reach its database right now. Retry in a few seconds.",
				Path:       graphql.GetPath(ctx),
				Extensions: map[string]any{"code": models.CodeUnavailable, "retryAfter": unavailableRetrySeconds},
			}
		}
		log.ErrorContext(ctx, "internal error", "request_id", httplog.RequestID(ctx), "err", err)
		return &gqlerror.Error{
			Message:    "Something went wrong on our side. Try again; if it persists, contact support with request id " + httplog.RequestID(ctx) + ".",
			Path:       graphql.GetPath(ctx),
			Extensions: map[string]any{"code": models.CodeInternal},
		}
	}
}

// lastName is the innermost field name of an input path such as
// [input projectIds 2] → projectIds.
func lastName(path ast.Path) string {
	for i := len(path) - 1; i >= 0; i-- {
		if name, ok := path[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return ""
}

// requestError codes an error gqlgen or one of our request checks produced.
func requestError(gerr *gqlerror.Error) *gqlerror.Error {
	out := *gerr
	code, _ := gerr.Extensions["code"].(string)
	out.Extensions = map[string]any{}
	for k, v := range gerr.Extensions {
		out.Extensions[k] = v
	}
	switch {
	case code == errcode.ValidationFailed && len(gerr.Path) > 0 && gerr.Path[0] == ast.PathName("variable"):
		// note: gqlparser reports a variable's bad value as a validation
		// failure at path variable.<name>...; for the client it is bad input,
		// located in the request body's "variables".
		out.Extensions["code"] = models.CodeBadUserInput
		out.Extensions["field"] = append([]any{"variables"}, astPath(gerr.Path[1:])...)
		out.Path = nil
	case code == errcode.ParseFailed || code == errcode.ValidationFailed || knownCode(code):
		out.Extensions["code"] = code
	default:
		// gqlgen's own execution errors (a non-null field without a value)
		// are ours to fix.
		out.Extensions["code"] = models.CodeInternal
	}
	return &out
}

func knownCode(code string) bool {
	for _, c := range models.Codes {
		if string(c.Code) == code {
			return true
		}
	}
	return false
}

// fieldPath turns a models path into one that starts at an argument of the
// current field: a path relative to the input object gets the input
// argument's name in front.
func fieldPath(ctx context.Context, path []any) []any {
	fc := graphql.GetFieldContext(ctx)
	if len(path) == 0 || fc == nil || fc.Field.Definition == nil {
		return path
	}
	args := fc.Field.Definition.Arguments
	if name, ok := path[0].(string); ok && args.ForName(name) != nil {
		return path
	}
	if args.ForName("input") != nil {
		return append([]any{"input"}, path...)
	}
	return path
}

// trimPrefix drops the response path (the field) from an input value's
// path, which gqlgen writes as field, argument, input fields.
func trimPrefix(p, prefix ast.Path) ast.Path {
	if len(p) < len(prefix) {
		return p
	}
	for i := range prefix {
		if p[i] != prefix[i] {
			return p
		}
	}
	return p[len(prefix):]
}

func astPath(p ast.Path) []any {
	out := make([]any, len(p))
	for i, el := range p {
		switch v := el.(type) {
		case ast.PathIndex:
			out[i] = int(v)
		case ast.PathName:
			out[i] = string(v)
		}
	}
	return out
}
