package main

import (
	"net/http"

	"keyward/auth"
	"keyward/models"
)

// noSuchEndpoint is the answer for any unknown path under /graphql/ or /api/:
// an integrator with a typo gets a JSON error naming the endpoint, never the
// SPA's HTML with 200.
const noSuchEndpoint = "No such API endpoint. The GraphQL API is at /graphql."

// graphqlSubpaths serves /graphql/ as /graphql, because clients and proxies
// add the slash, and answers every deeper path with a JSON 404.
func graphqlSubpaths(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/graphql/" {
			auth.WriteError(w, http.StatusNotFound, models.CodeNotFound, noSuchEndpoint)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath = "/graphql", ""
		api.ServeHTTP(w, r2)
	})
}

// unknownAPI answers every path under /api/ that no endpoint claims.
func unknownAPI(w http.ResponseWriter, _ *http.Request) {
	auth.WriteError(w, http.StatusNotFound, models.CodeNotFound, noSuchEndpoint)
}
