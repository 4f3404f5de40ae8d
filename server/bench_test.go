package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"keyward/internal/testdb"
	"keyward/ratelimit"
)

// Benchmarks of one request through the whole handler (middleware, auth,
// GraphQL), without the network. Compare them in one run:
//
//	go test -run '^$' -bench Request -benchmem ./server
func benchmarkRequest(b *testing.B, header func(s *testServer) (string, string), query string, change ...func(*config)) {
	benchmarkRequestOn(b, sqliteURL(b), header, query, change...)
}

func benchmarkRequestOn(b *testing.B, dbURL string, header func(s *testServer) (string, string), query string, change ...func(*config)) {
	// A budget no benchmark exhausts: every request pays for the limiter check.
	unlimited := func(c *config) { c.RateLimit = ratelimit.Limit{Rate: 1_000_000, Period: time.Second} }
	s := newServer(b, dbURL, append([]func(*config){unlimited}, change...)...)
	name, value := header(s)
	body, _ := json.Marshal(map[string]string{"query": query})
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

// listQuery is issue 17's measured integrator read: 20 projects with owners.
const listQuery = `{ projects(first: 20){ totalCount nodes{ id title goal status riskClassification createdAt owner{ id name } } } }`

// benchmarkList seeds 100 owned projects and reads a page of them by key.
func benchmarkList(b *testing.B, dbURL func(testing.TB) string, query string) {
	seeded := func(s *testServer) (string, string) {
		admin := s.admin()
		owner := admin.gql(`{ me { id } }`, nil).ok().str("me", "id")
		for i := range 100 {
			admin.createProject(fmt.Sprintf("Bench project %d", i), vars{"goal": "Measure the list path", "ownerId": owner})
		}
		return bearerHeader(s)
	}
	benchmarkRequestOn(b, dbURL(b), seeded, query)
}

func BenchmarkProjectList20SQLite(b *testing.B) {
	benchmarkList(b, testdb.SQLiteURL, listQuery)
}

func BenchmarkProjectList20Postgres(b *testing.B) {
	benchmarkList(b, testdb.PostgresURL, listQuery)
}

func BenchmarkProjectList100Postgres(b *testing.B) {
	benchmarkList(b, testdb.PostgresURL, strings.Replace(listQuery, "first: 20", "first: 100", 1))
}
