package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"keyward/internal/testdb"
	"keyward/models"
	"keyward/ratelimit"
)

func TestMain(m *testing.M) {
	// Real bcrypt, cheaper work factor: the tests log in hundreds of times.
	models.BcryptCost = bcrypt.MinCost
	code := m.Run()
	removeBinary()
	os.Exit(code)
}

// forEachDB runs fn on a fresh SQLite file and, when TEST_DATABASE_URL is
// set, on a fresh PostgreSQL schema.
func forEachDB(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Helper()
	testdb.ForEach(t, fn)
}

// onEachDB starts the product on each database (forEachDB), change
// adjusting its config when not nil, and runs fn signed in as its admin.
func onEachDB(t *testing.T, change func(*config), fn func(t *testing.T, s *testServer, admin *client)) {
	t.Helper()
	forEachDB(t, func(t *testing.T, dbURL string) {
		var changes []func(*config)
		if change != nil {
			changes = append(changes, change)
		}
		s := newServer(t, dbURL, changes...)
		fn(t, s, s.admin())
	})
}

func sqliteURL(t testing.TB) string { return testdb.SQLiteURL(t) }

func postgresURL(t *testing.T) string { return testdb.PostgresURL(t) }

// syncBuffer collects the server's log for secret-leak checks.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is the real router behind a real HTTP listener.
type testServer struct {
	t    testing.TB
	app  *app
	ts   *httptest.Server
	log  *syncBuffer
	url  string
	stop context.CancelFunc
	once sync.Once
	// internalExpected is set by tests that cause an internal error on
	// purpose; every other test fails when one is logged.
	internalExpected bool
}

// expectInternal marks a test that breaks the server on purpose.
func (s *testServer) expectInternal() { s.internalExpected = true }

// shutdown stops the server the way SIGTERM does; safe to call twice.
func (s *testServer) shutdown() {
	s.once.Do(func() {
		s.ts.Close()
		s.stop()
		s.app.close(context.Background())
	})
}

const adminEmail, adminPassword = "admin@example.com", "correct-horse-1"

func testConfig(dbURL string) config {
	return config{
		DatabaseURL: dbURL, AdminEmail: adminEmail, AdminPassword: adminPassword, OrgName: "Acme",
		MaxAPIKeys: 20, LogFormat: "text", KeyCacheTTL: 30 * time.Second, LastUsedFlush: time.Minute, RequestTimeout: 30 * time.Second,
		RateLimit:      ratelimit.Limit{Rate: 600, Period: time.Minute},
		AuthFailLimit:  ratelimit.Limit{Rate: 20, Period: time.Minute},
		LoginFailLimit: ratelimit.Limit{Rate: 10, Period: 15 * time.Minute},
		SignupLimit:    ratelimit.Limit{Rate: 5, Period: time.Hour},
	}
}

// newServer starts the product on dbURL; change adjusts the config.
func newServer(t testing.TB, dbURL string, change ...func(*config)) *testServer {
	t.Helper()
	cfg := testConfig(dbURL)
	for _, c := range change {
		c(&cfg)
	}
	return startServer(t, cfg, nil)
}

// startServer builds the app from cfg, lets adjust change it before its
// background work starts, and serves it.
func startServer(t testing.TB, cfg config, adjust func(*app)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	a, err := newApp(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	if adjust != nil {
		adjust(a)
	}
	ts := httptest.NewServer(a.handler)
	bg, stop := context.WithCancel(context.Background())
	a.start(bg)
	s := &testServer{t: t, app: a, ts: ts, log: logs, url: ts.URL, stop: stop}
	t.Cleanup(s.shutdown)
	// A client's mistake or a race must never be an internal error: any
	// test that logs one fails unless it caused it on purpose.
	t.Cleanup(func() {
		if log := logs.String(); !s.internalExpected && (strings.Contains(log, `msg="internal error"`) || strings.Contains(log, "msg=panic")) {
			t.Errorf("the server logged an internal error:\n%s", log)
		}
	})
	return s
}

// client is one caller: it keeps cookies and may send fixed headers.
type client struct {
	s       *testServer
	http    *http.Client
	headers map[string]string
}

func (s *testServer) anon() *client {
	jar, _ := cookiejar.New(nil)
	return &client{s: s, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, headers: map[string]string{}}
}

// login signs in and fails the test if it does not work.
func (s *testServer) login(email, password string) *client {
	s.t.Helper()
	c := s.anon()
	r := c.gql(`mutation($e:String!,$p:String!){ login(input:{email:$e, password:$p}) { user { id } } }`, vars{"e": email, "p": password})
	r.ok()
	return c
}

func (s *testServer) admin() *client { return s.login(adminEmail, adminPassword) }

// bearer is a client that sends an API key.
func (s *testServer) bearer(secret string) *client {
	c := s.anon()
	c.headers["Authorization"] = "Bearer " + secret
	return c
}

type vars map[string]any

// response is a GraphQL response plus its HTTP envelope.
type response struct {
	t      testing.TB
	status int
	header http.Header
	body   string
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Extensions map[string]any `json:"extensions"`
}

// extensions is the response's extensions (cost, warnings), never nil.
func (r *response) extensions() map[string]any {
	if r.Extensions == nil {
		return map[string]any{}
	}
	return r.Extensions
}

func (c *client) gql(query string, v vars) *response {
	c.s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": v})
	return c.do(http.MethodPost, "/graphql", "application/json", bytes.NewReader(body))
}

func (c *client) do(method, path, contentType string, body io.Reader) *response {
	c.s.t.Helper()
	req, err := http.NewRequest(method, c.s.url+path, body)
	if err != nil {
		c.s.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range c.headers {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := &response{t: c.s.t, status: res.StatusCode, header: res.Header, body: string(raw)}
	_ = json.Unmarshal(raw, r)
	return r
}

// ok fails unless the response is 200 without errors.
func (r *response) ok() *response {
	r.t.Helper()
	if r.status != http.StatusOK || len(r.Errors) > 0 {
		r.t.Fatalf("want success, got %d: %s", r.status, r.body)
	}
	return r
}

// code returns the first error's extensions.code, or "" when there is none.
func (r *response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	s, _ := r.Errors[0].Extensions["code"].(string)
	return s
}

// field is the first error's extensions.field as a dotted path, like
// "input.projectIds[2]".
func (r *response) field() string {
	if len(r.Errors) == 0 {
		return ""
	}
	path, _ := r.Errors[0].Extensions["field"].([]any)
	for i, el := range path {
		if f, ok := el.(float64); ok {
			path[i] = int(f)
		}
	}
	return models.PathString(path)
}

// wantCode fails unless the first error has the code.
func (r *response) wantCode(code string) *response {
	r.t.Helper()
	if r.code() != code {
		r.t.Fatalf("want error %s, got status %d: %s", code, r.status, r.body)
	}
	return r
}

// fieldName is the innermost field an error's extensions.field names,
// whether a name or a path such as ["input","projectIds",2].
func fieldName(v any) string {
	switch f := v.(type) {
	case string:
		return f
	case []any:
		for i := len(f) - 1; i >= 0; i-- {
			if s, ok := f[i].(string); ok {
				return s
			}
		}
	}
	return ""
}

// get walks the data by path, e.g. get("createApiKey", "secret").
func (r *response) get(path ...string) any {
	r.t.Helper()
	var cur any = r.Data
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			r.t.Fatalf("no %v in %s", path, r.body)
		}
		cur = m[p]
	}
	return cur
}

func (r *response) str(path ...string) string {
	r.t.Helper()
	s, _ := r.get(path...).(string)
	return s
}

func mustURL(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	return u
}
