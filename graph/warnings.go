package graph

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"keyward/auth"
)

// addKeyWarnings puts the calling key's warnings (see auth.KeyIdentity.Warnings)
// and those resolvers added (addWarning) at extensions.warnings, beside
// data, so that clients that ignore them keep working. The key's come from
// the verified identity: no database work.
func addKeyWarnings(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	fromResolvers := &responseWarnings{}
	resp := next(context.WithValue(ctx, responseWarningsKey{}, fromResolvers))
	if resp == nil {
		return resp
	}
	var all []any
	if p := auth.FromContext(ctx); p != nil && p.APIKey != nil {
		for _, w := range p.APIKey.Warnings(time.Now()) {
			all = append(all, w)
		}
	}
	fromResolvers.mu.Lock()
	all = append(all, fromResolvers.list...)
	fromResolvers.mu.Unlock()
	if len(all) > 0 {
		addExtension(resp, "warnings", all)
	}
	return resp
}

// Warning codes that resolvers add (the key's own are in auth).
const (
	// WarningIdempotentReplay: a mutation with an idempotency key answered
	// the result of an earlier call instead of running again.
	WarningIdempotentReplay = "IDEMPOTENT_REPLAY"
)

// resolverWarning is a warning about one field of the response.
type resolverWarning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Path is the response field it is about, e.g. ["createProject"].
	Path []any `json:"path"`
}

// responseWarnings collects resolvers' warnings; fields of one request may
// resolve concurrently.
type responseWarnings struct {
	mu   sync.Mutex
	list []any
}

type responseWarningsKey struct{}

// addWarning puts a warning about the current field in the response's
// extensions.warnings.
func addWarning(ctx context.Context, code, message string) {
	c, _ := ctx.Value(responseWarningsKey{}).(*responseWarnings)
	if c == nil {
		return
	}
	w := resolverWarning{Code: code, Message: message, Path: astPath(graphql.GetPath(ctx))}
	c.mu.Lock()
	c.list = append(c.list, w)
	c.mu.Unlock()
}

// addExtension sets one entry of a response's extensions, keeping the others
// (such as the query cost) that other extensions put there.
func addExtension(resp *graphql.Response, name string, value any) {
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions[name] = value
}
