package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/models"
)

// persistedQueries is gqlgen's extension with documented codes: its
// PersistedQueryNotFound keeps PERSISTED_QUERY_NOT_FOUND, and its other
// refusals (a hash that does not match the query, an unknown version) are
// the client's mistake, BAD_USER_INPUT, not INTERNAL.
type persistedQueries struct {
	extension.AutomaticPersistedQuery
}

var _ graphql.OperationParameterMutator = persistedQueries{}

func (p persistedQueries) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	err := p.AutomaticPersistedQuery.MutateOperationParameters(ctx, raw)
	if err != nil && err.Extensions["code"] == nil {
		if err.Extensions == nil {
			err.Extensions = map[string]any{}
		}
		err.Extensions["code"] = string(models.CodeBadUserInput)
	}
	return err
}

// Automatic persisted queries (docs/api.md): a client registers a query by
// sending it once with its SHA-256, then sends only the hash. The query
// cache (parsed documents) is keyed by the query text, so a known hash also
// skips parsing and validation.
const (
	maxPersistedQueries = 1000
	maxPersistedLength  = 16 << 10
)

// persistedQueryCache is an LRU of query texts by hash that refuses to keep
// a query over maxPersistedLength, so the cache holds at most about 16 MB
// whatever clients register. A longer query still runs; its hash alone is
// then answered PERSISTED_QUERY_NOT_FOUND and the client sends it in full.
type persistedQueryCache struct{ lru *lru.LRU[string] }

func newPersistedQueryCache() persistedQueryCache {
	return persistedQueryCache{lru: lru.New[string](maxPersistedQueries)}
}

func (c persistedQueryCache) Get(ctx context.Context, hash string) (string, bool) {
	return c.lru.Get(ctx, hash)
}

func (c persistedQueryCache) Add(ctx context.Context, hash, query string) {
	if len(query) <= maxPersistedLength {
		c.lru.Add(ctx, hash, query)
	}
}
