package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"keyward/auth"
	"keyward/httplog"
	"keyward/models"
)

// recoverPanics turns a panic outside GraphQL into a logged 500. GraphQL has
// its own recover (graph's error presenter); this catches the rest: routes,
// middlewares, the SPA.
func recoverPanics(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					log.ErrorContext(r.Context(), "panic", "request_id", httplog.RequestID(r.Context()), "panic", fmt.Sprint(v))
					auth.WriteError(w, http.StatusInternalServerError, models.CodeInternal, "Something went wrong on our side.")
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}
