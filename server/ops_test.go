package main

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"keyward/models"
)

func TestInternalErrorsAreMasked(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	s.expectInternal()
	c := s.anon()
	c.gql(`{ setupRequired }`, nil).ok()
	s.app.closeDB() // every query now fails inside the driver
	r := c.gql(`{ setupRequired }`, nil).wantCode("INTERNAL")
	msg := r.Errors[0].Message
	if !strings.Contains(msg, "Something went wrong") || strings.Contains(strings.ToLower(r.body), "sql") || strings.Contains(r.body, "closed") {
		t.Fatalf("internal error leaked details: %s", r.body)
	}
	id := r.header.Get("X-Request-Id")
	if id == "" || !strings.Contains(msg, id) {
		t.Fatalf("message lacks the request id %q: %s", id, msg)
	}
	logs := s.log.String()
	if !strings.Contains(logs, "internal error") || !strings.Contains(logs, "request_id="+id) || !strings.Contains(logs, "closed") {
		t.Fatalf("the cause is not in the log:\n%s", logs)
	}
	// A session lookup that cannot reach the database is a clean 503, not a 401.
	c.headers["Cookie"] = "keyward_session=whatever"
	if r := c.gql(`{ me { id } }`, nil); r.status != http.StatusServiceUnavailable || r.code() != "INTERNAL" {
		t.Fatalf("want 503, got %d %s", r.status, r.body)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		c := s.anon()
		if r := c.do(http.MethodGet, "/healthz", "", nil); r.status != http.StatusOK {
			t.Fatalf("healthz %d", r.status)
		}
		if r := c.do(http.MethodGet, "/readyz", "", nil); r.status != http.StatusOK || !strings.Contains(r.body, "database: ok") {
			t.Fatalf("readyz %d %s", r.status, r.body)
		}
		s.app.closeDB()
		if r := c.do(http.MethodGet, "/readyz", "", nil); r.status != http.StatusServiceUnavailable {
			t.Fatalf("readyz with the database gone: %d", r.status)
		}
		if r := c.do(http.MethodGet, "/healthz", "", nil); r.status != http.StatusOK {
			t.Fatalf("healthz must not depend on the database: %d", r.status)
		}
	})
}

func TestSPAServing(t *testing.T) {
	files := fstest.MapFS{
		"index.html":             {Data: []byte("<html>app</html>")},
		"playground.html":        {Data: []byte("<html>playground</html>")},
		"assets/index-abc123.js": {Data: []byte("console.log(1)")},
		"favicon.svg":            {Data: []byte("<svg/>")},
	}
	h := spaHandler(fs.FS(files))
	cases := []struct {
		path, body, cache string
		status            int
	}{
		{"/", "app", "no-cache", 200},
		{"/settings/api-keys", "app", "no-cache", 200},
		{"/login", "app", "no-cache", 200},
		{"/playground", "playground", "no-cache", 200},
		{"/assets/index-abc123.js", "console.log", "public, max-age=31536000, immutable", 200},
		{"/favicon.svg", "<svg/>", "public, max-age=3600", 200},
		{"/assets/missing.js", "404", "", 404},
		{"/robots.txt", "404", "", 404},
		{"/../../etc/passwd", "app", "no-cache", 200},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, "http://x"+tc.path, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) || rec.Header().Get("Cache-Control") != tc.cache {
				t.Fatalf("%s: %d %q cache=%q", tc.path, rec.Code, rec.Body.String(), rec.Header().Get("Cache-Control"))
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Fatalf("%s: Content-Security-Policy %q", tc.path, csp)
			}
		})
	}
	// Without a built SPA the binary still explains itself.
	rec := httptest.NewRecorder()
	spaHandler(fstest.MapFS{".keep": {Data: []byte("x")}}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/settings", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "make run") {
		t.Fatalf("placeholder: %d %s", rec.Code, rec.Body.String())
	}
}

func TestGraphQLPathIsNeverTheSPA(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	r := s.anon().do(http.MethodGet, "/graphql", "", nil)
	if strings.Contains(r.body, "<html") || r.status == http.StatusOK {
		t.Fatalf("/graphql without a query: %d %s", r.status, r.body)
	}
}

func TestConfig(t *testing.T) {
	for _, env := range []string{"KEYWARD_ADDR", "KEYWARD_DATABASE_URL", "DATABASE_URL", "KEYWARD_MAX_API_KEYS", "KEYWARD_ALLOW_SIGNUP", "KEYWARD_ADMIN_EMAIL", "KEYWARD_ADMIN_PASSWORD"} {
		t.Setenv(env, "")
	}
	c, err := parseConfig(nil)
	if err != nil || c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "sqlite:data/keyward.db" || c.MaxAPIKeys != 20 || c.AllowSignup || c.RequestTimeout != 30*time.Second {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	t.Setenv("DATABASE_URL", "postgres://fallback")
	if c, _ := parseConfig(nil); c.DatabaseURL != "postgres://fallback" {
		t.Fatalf("DATABASE_URL fallback: %s", c.DatabaseURL)
	}
	t.Setenv("KEYWARD_DATABASE_URL", "sqlite:own.db")
	t.Setenv("KEYWARD_MAX_API_KEYS", "7")
	if c, _ := parseConfig([]string{"-max-api-keys", "9"}); c.DatabaseURL != "sqlite:own.db" || c.MaxAPIKeys != 9 {
		t.Fatalf("env and flag precedence: %+v", c)
	}
	for _, bad := range [][]string{
		{"-max-api-keys", "many"}, {"-max-api-keys", "0"}, {"-allow-signup", "perhaps"},
		{"-key-cache-ttl", "forever"}, {"-log-format", "xml"}, {"-admin-email", "a@b.example"},
		{"-request-timeout", "0s"}, {"-request-timeout", "1h"}, {"-request-timeout", "soon"},
	} {
		if _, err := parseConfig(bad); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: want a one-line error, got %v", bad, err)
		}
	}
}

func TestDatabaseURLErrors(t *testing.T) {
	for _, url := range []string{"mysql://x", "sqlite:", "", "postgres://user:secret@127.0.0.1:1/none?connect_timeout=2"} {
		_, _, err := models.Open(context.Background(), url)
		if err == nil {
			t.Fatalf("%q opened", url)
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || strings.Contains(msg, "secret") {
			t.Fatalf("%q: error is not one clean line: %q", url, msg)
		}
	}
}

func TestAPIReferenceIsServed(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	r := s.anon().do(http.MethodGet, "/docs/api.md", "", nil)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/markdown") ||
		!strings.Contains(r.body, "Authorization: Bearer") {
		t.Fatalf("/docs/api.md: %d %s %.100s", r.status, r.header.Get("Content-Type"), r.body)
	}
}
