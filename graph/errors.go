package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/httplog"
	"keyward/models"
)

// errorPresenter passes our typed errors with their code, turns GraphQL
// parse and validation errors into BAD_USER_INPUT, and masks everything else
// as INTERNAL. The cause of an internal error goes to the log only.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var typed *models.Error
		if errors.As(err, &typed) {
			gerr := gqlerror.WrapPath(graphql.GetPath(ctx), err)
			gerr.Message = typed.Message
			gerr.Extensions = map[string]any{"code": typed.Code}
			for k, v := range typed.Extensions {
				gerr.Extensions[k] = v
			}
			field := typed.Field
			var input *gqlerror.Error
			if field == "" && typed.Code == models.CodeBadUserInput && errors.As(err, &input) {
				// An input value a scalar refused: name it by its path, the
				// innermost field name (a list element is named by its list).
				field = lastName(input.Path)
				if field != "" {
					gerr.Message = field + " " + typed.Message
				}
			}
			if field != "" {
				gerr.Extensions["field"] = field
			}
			return gerr
		}
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Unwrap() == nil {
			// Produced by gqlgen itself from the request: parse, validation,
			// variable coercion, complexity. The message is about the query.
			out := *gerr
			out.Extensions = map[string]any{"code": models.CodeBadUserInput}
			return &out
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
