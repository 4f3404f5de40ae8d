package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"keyward/ratelimit"
)

// Benchmarks of one request through the whole handler (middleware, auth,
// GraphQL), without the network. Compare them in one run:
//
//	go test -run '^$' -bench Request -benchmem ./server
func benchmarkRequest(b *testing.B, header func(s *testServer) (string, string), query string, change ...func(*config)) {
	// A budget no benchmark exhausts: every request pays for the limiter check.
	unlimited := func(c *config) { c.RateLimit = ratelimit.Limit{Rate: 1_000_000, Period: time.Second} }
	s := newServer(b, sqliteURL(b), append([]func(*config){unlimited}, change...)...)
	name, value := header(s)
	body := []byte(`{"query":"` + query + `"}`)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if name != "" {
				req.Header.Set(name, value)
			}
			rec := httptest.NewRecorder()
			s.app.handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
			}
			_, _ = io.Copy(io.Discard, rec.Body)
		}
	})
}

func BenchmarkAnonymousRequest(b *testing.B) {
	benchmarkRequest(b, func(*testServer) (string, string) { return "", "" }, "{ __typename }")
}

func bearerHeader(s *testServer) (string, string) {
	_, secret := s.admin().createKey("bench key")
	return "Authorization", "Bearer " + secret
}

func BenchmarkAuthenticatedRequest(b *testing.B) {
	benchmarkRequest(b, bearerHeader, "{ __typename }")
}

func BenchmarkAuthenticatedRequestLimiterOff(b *testing.B) {
	benchmarkRequest(b, bearerHeader, "{ __typename }", func(c *config) { c.RateLimit = ratelimit.Limit{} })
}

func BenchmarkSessionRequest(b *testing.B) {
	benchmarkRequest(b, func(s *testServer) (string, string) {
		c := s.admin()
		cookies := c.http.Jar.Cookies(mustURL(s.url))
		return "Cookie", cookies[0].Name + "=" + cookies[0].Value
	}, "{ apiKeys { id name status lastUsedAt } }")
}
