package main

import (
	"context"
	"net/http"
	"time"
)

// deadline gives every request at most d. Its context ends then, so a query
// stuck on a connection to a database that stopped answering (a hung host,
// a network dropping packets: TCP would wait many minutes) is cancelled and
// the request answers UNAVAILABLE instead of hanging. Zero is no deadline.
func deadline(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
