package main

import (
	"net/http"
	"strings"
	"testing"
)

// Paths under /graphql/ and /api/ answer JSON errors with the right status
// and code, never the SPA; /graphql/ is /graphql; client routes keep the SPA.
func TestAPIPathErrors(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	c := s.anon()
	for _, tc := range []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/graphql/x", http.StatusNotFound, "NOT_FOUND", ""},
		{"POST", "/graphql/v1/query", http.StatusNotFound, "NOT_FOUND", ""},
		{"GET", "/graphql/playground.js", http.StatusNotFound, "NOT_FOUND", ""},
		{"GET", "/api/anything", http.StatusNotFound, "NOT_FOUND", ""},
		{"DELETE", "/api/", http.StatusNotFound, "NOT_FOUND", ""},
		{"POST", "/api/leaked-keys/extra", http.StatusNotFound, "NOT_FOUND", ""},
		{"GET", "/api/leaked-keys", http.StatusMethodNotAllowed, "", "POST"},
		{"PUT", "/graphql", http.StatusMethodNotAllowed, "", "GET, POST"},
		{"DELETE", "/graphql/", http.StatusMethodNotAllowed, "", "GET, POST"},
	} {
		r := c.do(tc.method, tc.path, "application/json", strings.NewReader(`{}`))
		if r.status != tc.status || strings.Contains(r.body, "<html") || !strings.HasPrefix(r.header.Get("Content-Type"), "application/") {
			t.Errorf("%s %s: %d %s %s", tc.method, tc.path, r.status, r.header.Get("Content-Type"), r.body)
			continue
		}
		if tc.code != "" && r.code() != tc.code {
			t.Errorf("%s %s: code %q, want %s: %s", tc.method, tc.path, r.code(), tc.code, r.body)
		}
		if r.code() == "" {
			t.Errorf("%s %s: no extensions.code: %s", tc.method, tc.path, r.body)
		}
		if tc.allow != "" && r.header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, r.header.Get("Allow"), tc.allow)
		}
	}

	// Clients that add a slash reach the API, with the same authentication.
	r := c.do(http.MethodPost, "/graphql/", "application/json", strings.NewReader(`{"query":"{ setupRequired }"}`))
	if r.status != http.StatusOK || !strings.Contains(r.body, `"setupRequired":false`) {
		t.Fatalf("POST /graphql/: %d %s", r.status, r.body)
	}
	admin := s.admin()
	if r := admin.do(http.MethodPost, "/graphql/", "application/json", strings.NewReader(`{"query":"{ me { email } }"}`)); !strings.Contains(r.body, adminEmail) {
		t.Fatalf("POST /graphql/ with a session: %d %s", r.status, r.body)
	}
	if r := c.do(http.MethodGet, "/graphql/?query=%7BsetupRequired%7D", "", nil); r.status != http.StatusOK || !strings.Contains(r.body, "setupRequired") {
		t.Fatalf("GET /graphql/?query=: %d %s", r.status, r.body)
	}

	// Client routes of the SPA keep their fallback.
	for _, p := range []string{"/", "/login", "/settings/api-keys", "/graphqlish", "/apis"} {
		if r := c.do(http.MethodGet, p, "", nil); r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Type"), "text/html") {
			t.Errorf("SPA route %s: %d %s", p, r.status, r.header.Get("Content-Type"))
		}
	}
}
