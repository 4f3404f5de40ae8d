package main

import (
	"fmt"
	"net/http"

	"keyward/auth"
	"keyward/models"
)

// maxBodyBytes bounds a GraphQL request body.
const maxBodyBytes = 1 << 20

// limitBody refuses bodies over maxBodyBytes before GraphQL reads them.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			auth.WriteError(w, http.StatusRequestEntityTooLarge, models.CodeBadUserInput,
				fmt.Sprintf("The request body is larger than %d bytes.", maxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}
