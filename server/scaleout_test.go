package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"keyward/ratelimit"
)

func TestPerKeyRateLimit(t *testing.T) {
	// 5 per 5 s: one unit comes back each second, slow enough that the
	// countdown below is exact even on a busy machine.
	s := newServer(t, sqliteURL(t), func(c *config) { c.RateLimit = ratelimit.Limit{Rate: 5, Period: 5 * time.Second} })
	admin := s.admin()
	_, first := admin.createKey("busy key")
	_, second := admin.createKey("quiet key")
	a := s.bearer(first)
	for i := 4; i >= 0; i-- {
		r := a.gql(`{ whoami { kind } }`, nil).ok()
		if got := r.header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(i) {
			t.Fatalf("X-RateLimit-Remaining = %q, want %d", got, i)
		}
		if r.header.Get("RateLimit-Policy") != `"default";q=5;w=5` || !strings.HasPrefix(r.header.Get("RateLimit"), fmt.Sprintf(`"default";r=%d;t=`, i)) ||
			r.header.Get("X-RateLimit-Limit") != "5" || r.header.Get("X-RateLimit-Reset") == "" {
			t.Fatalf("headers: %v", r.header)
		}
	}
	over := a.gql(`{ whoami { kind } }`, nil)
	if over.status != http.StatusTooManyRequests || over.code() != "RATE_LIMITED" {
		t.Fatalf("over budget: %d %s", over.status, over.body)
	}
	retry, err := strconv.Atoi(over.header.Get("Retry-After"))
	if err != nil || retry < 1 || retry > 1 {
		t.Fatalf("Retry-After %q, want 1 s for a budget of 5 per 5 s", over.header.Get("Retry-After"))
	}
	// Another key's budget is its own.
	s.bearer(second).gql(`{ whoami { kind } }`, nil).ok()
	// Sessions are not limited by the key budget.
	admin.gql(`{ apiKeys { id } }`, nil).ok()
	time.Sleep(time.Duration(retry) * time.Second)
	a.gql(`{ whoami { kind } }`, nil).ok()
}

func TestFailedAuthLimitPerClient(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) { c.AuthFailLimit = ratelimit.Limit{Rate: 5, Period: time.Minute} })
	admin := s.admin()
	_, good := admin.createKey("good key")
	_, warm := admin.createKey("warm key")
	s.bearer(warm).gql(`{ whoami { kind } }`, nil).ok() // verified and cached
	guesser := s.anon()
	guesser.headers["Authorization"] = "Bearer kw_guess"
	for i := 0; i < 5; i++ {
		if r := guesser.gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, r.status)
		}
	}
	r := guesser.gql(`{ whoami { kind } }`, nil)
	if r.status != http.StatusTooManyRequests || r.code() != "RATE_LIMITED" {
		t.Fatalf("after 5 failures: %d %s", r.status, r.body)
	}
	if wait, _ := strconv.Atoi(r.header.Get("Retry-After")); wait < 1 || wait > 60 {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	// While blocked, keys from that address are not even checked.
	if r := s.bearer(good).gql(`{ whoami { kind } }`, nil); r.status != http.StatusTooManyRequests {
		t.Fatalf("valid key from a blocked client: %d", r.status)
	}
	// A key this server has already verified skips the check, so steady
	// traffic from a shared address (a NAT, a CI runner) keeps flowing.
	s.bearer(warm).gql(`{ whoami { kind } }`, nil).ok()
	// Browser sessions do not present keys and are unaffected.
	s.admin().gql(`{ me { id } }`, nil).ok()
}

// redisURL returns the shared Redis for tests, or skips loudly.
func redisURL(t *testing.T) string {
	url := os.Getenv("KEYWARD_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("KEYWARD_REQUIRE_REDIS") == "1" {
			t.Fatal("KEYWARD_TEST_REDIS_URL is not set but KEYWARD_REQUIRE_REDIS=1")
		}
		t.Skip("REDIS TESTS SKIPPED: set KEYWARD_TEST_REDIS_URL=redis://127.0.0.1:6379/0 to run them")
	}
	return url
}

func TestReplicasShareOneBudgetInRedis(t *testing.T) {
	url := redisURL(t)
	db := sqliteURL(t)
	limit := func(c *config) {
		c.RedisURL = url
		c.RateLimit = ratelimit.Limit{Rate: 10, Period: time.Minute}
	}
	a := newServer(t, db, limit)
	b := newServer(t, db, limit)
	_, secret := a.admin().createKey("shared budget")
	for i := 0; i < 10; i++ {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		srv.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	}
	for _, srv := range []*testServer{a, b} {
		if r := srv.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusTooManyRequests {
			t.Fatalf("the 11th request across replicas got %d, want 429", r.status)
		}
	}
}

func TestRedisOutageKeepsServing(t *testing.T) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("KEYWARD_REQUIRE_REDIS") == "1" {
			t.Fatal("redis-server is not installed but KEYWARD_REQUIRE_REDIS=1")
		}
		t.Skip("REDIS TESTS SKIPPED: redis-server is not installed (apt-get install redis-server)")
	}
	port := freePort(t)
	redis := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := redis.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = redis.Process.Kill(); _ = redis.Wait() })
	waitFor(t, 5*time.Second, func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})

	s := newServer(t, sqliteURL(t), func(c *config) { c.RedisURL = fmt.Sprintf("redis://127.0.0.1:%d/0", port) })
	_, secret := s.admin().createKey("outage key")
	key := s.bearer(secret)
	key.gql(`{ whoami { kind } }`, nil).ok()
	if r := s.anon().do(http.MethodGet, "/readyz", "", nil); !strings.Contains(r.body, "redis: ok") {
		t.Fatalf("readyz: %s", r.body)
	}
	_ = redis.Process.Kill()
	_ = redis.Wait()
	for i := 0; i < 20; i++ {
		r := key.gql(`{ whoami { kind } }`, nil).ok()
		if r.header.Get("X-RateLimit-Remaining") == "" {
			t.Fatal("limits stopped being reported")
		}
	}
	if v := metricValue(t, s, "keyward_ratelimit_degraded"); v != 1 {
		t.Fatalf("keyward_ratelimit_degraded = %v with Redis down", v)
	}
	if n := strings.Count(s.log.String(), "Redis is unreachable"); n != 1 {
		t.Fatalf("degradation logged %d times, want once", n)
	}
	if r := s.anon().do(http.MethodGet, "/readyz", "", nil); r.status != http.StatusOK || !strings.Contains(r.body, "redis: unavailable") {
		t.Fatalf("readyz with Redis down: %d %s", r.status, r.body)
	}
}

func TestRevocationReachesEveryReplica(t *testing.T) {
	a, b := twoReplicas(t)
	admin := a.admin()
	observedBefore := metricValue(t, b, "keyward_key_revocation_lag_seconds_count")

	const rounds = 20
	var lags []time.Duration
	for i := 0; i < rounds; i++ {
		id, secret := admin.createKey(fmt.Sprintf("revoke %d", i))
		a.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		b.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		start := time.Now()
		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
		onB := b.bearer(secret)
		for {
			if r := onB.gql(`{ whoami { kind } }`, nil); r.status == http.StatusUnauthorized {
				break
			}
			if time.Since(start) > time.Second {
				t.Fatalf("round %d: replica B still accepts the deleted key after 1s", i)
			}
			time.Sleep(2 * time.Millisecond)
		}
		lags = append(lags, time.Since(start))
	}
	slices.Sort(lags)
	fmt.Printf("revocation lag across replicas over %d deletions: median %s, max %s\n", rounds, lags[rounds/2], lags[rounds-1])
	// Both replicas observe every deletion's lag: at least B's 20 are counted.
	if got := metricValue(t, b, "keyward_key_revocation_lag_seconds_count") - observedBefore; got < rounds {
		t.Fatalf("revocation lag observed %v times, want at least %d", got, rounds)
	}

	// Notifications missed while the listener is down are covered by the
	// flush on reconnect. Delete a key behind the listener's back (no
	// notification), so B's cache is stale...
	id, secret := admin.createKey("missed notification")
	b.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	if err := a.app.db.Exec("DELETE FROM api_keys WHERE id = ?", id).Error; err != nil {
		t.Fatal(err)
	}
	b.bearer(secret).gql(`{ __typename }`, nil).ok() // still accepted from the cache
	// ...then cut B's listener connection. On reconnect it empties the cache.
	connects := b.app.listener.Connects()
	appName := b.app.listener.DSN[strings.Index(b.app.listener.DSN, "application_name=")+len("application_name="):]
	var killed int64
	if err := a.app.db.Raw("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?", appName).Scan(&killed).Error; err != nil || killed != 1 {
		t.Fatalf("terminate listener: killed %d, %v", killed, err)
	}
	waitFor(t, 10*time.Second, func() bool { return b.app.listener.Connects() > connects })
	if r := b.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
		t.Fatalf("after the listener reconnected, the stale key still works: %d", r.status)
	}
	// And live notifications work again after the reconnect.
	id, secret = admin.createKey("after reconnect")
	b.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
	waitFor(t, time.Second, func() bool { return b.bearer(secret).gql(`{ whoami { kind } }`, nil).status == http.StatusUnauthorized })
}

func TestDatabaseOutageAndRecovery(t *testing.T) {
	dbURL := postgresURL(t)
	proxy := newTCPProxy(t, "127.0.0.1:5432")
	viaProxy := strings.Replace(dbURL, "127.0.0.1:5432", proxy.addr, 1)
	if viaProxy == dbURL {
		t.Skip("TEST_DATABASE_URL does not point at 127.0.0.1:5432; the outage test needs to proxy it")
	}
	s := newServer(t, viaProxy)
	s.expectInternal() // the database goes away on purpose
	admin := s.admin()
	_, secret := admin.createKey("outage")
	c := s.anon()
	if r := c.do(http.MethodGet, "/readyz", "", nil); r.status != http.StatusOK {
		t.Fatalf("readyz before: %d", r.status)
	}

	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok() // the key is now cached

	proxy.down()
	// A write by a cached key reaches the resolver and fails there: UNAVAILABLE, 503, Retry-After.
	if r := s.bearer(secret).gql(`mutation{ createProject(input:{title:"during outage"}) { project { id } } }`, nil); r.status != http.StatusServiceUnavailable ||
		r.code() != "UNAVAILABLE" || r.header.Get("Retry-After") == "" || strings.Contains(r.body, "dial") {
		t.Fatalf("write with the database down: %d %v %s", r.status, r.header, r.body)
	}
	if r := c.do(http.MethodGet, "/readyz", "", nil); r.status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database down: %d %s", r.status, r.body)
	}
	// As for keys below: a session in the cache (PostgreSQL) is served for
	// its few seconds; one that is not must ask the database and fail well.
	s.app.sessions.ForgetSessions()
	if r := admin.gql(`{ me { email } }`, nil); r.status != http.StatusServiceUnavailable || r.code() != "UNAVAILABLE" || r.header.Get("Retry-After") == "" || strings.Contains(r.body, "dial") {
		t.Fatalf("session request with the database down: %d %s", r.status, r.body)
	}
	s.app.keys.Purge()
	if r := s.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusServiceUnavailable || r.code() != "UNAVAILABLE" || strings.Contains(r.body, "dial") {
		t.Fatalf("key request with the database down: %d %s", r.status, r.body)
	}

	proxy.up()
	waitFor(t, 10*time.Second, func() bool { return c.do(http.MethodGet, "/readyz", "", nil).status == http.StatusOK })
	admin.gql(`{ me { email } }`, nil).ok()
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	if r := admin.gql(`{ projects(filter:{search:"during outage"}) { totalCount } }`, nil).ok(); !strings.Contains(r.body, `"totalCount":0`) {
		t.Fatalf("the refused write left a row: %s", r.body)
	}
}

// tcpProxy forwards to a target and can drop every connection, to simulate
// the database going away without touching the shared server.
type tcpProxy struct {
	t      *testing.T
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
	frozen atomic.Bool
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	p := &tcpProxy{t: t, target: target, addr: fmt.Sprintf("127.0.0.1:%d", freePort(t))}
	p.up()
	t.Cleanup(p.down)
	return p
}

func (p *tcpProxy) up() { p.listen(false) }

// stalled accepts connections and never answers, like a database host that
// hangs or a network that drops packets silently.
func (p *tcpProxy) stalled() { p.listen(true) }

func (p *tcpProxy) listen(stall bool) {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			if stall {
				p.mu.Lock()
				p.conns = append(p.conns, in)
				p.mu.Unlock()
				continue
			}
			out, err := net.Dial("tcp", p.target)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { p.pump(out, in); out.Close() }()
			go func() { p.pump(in, out); in.Close() }()
		}
	}()
}

// pump copies src to dst, dropping what it reads while the proxy is frozen.
func (p *tcpProxy) pump(dst io.Writer, src io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.frozen.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// freeze drops everything in flight on the open connections, which stay
// open: a network partition, as the connections see it.
func (p *tcpProxy) freeze() { p.frozen.Store(true) }

func (p *tcpProxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
	p.frozen.Store(false)
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func waitFor(t *testing.T, limit time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMetrics(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	_, secret := s.admin().createKey("metrics key")
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	bad := s.anon()
	bad.headers["Authorization"] = "Bearer nope"
	bad.gql(`{ whoami { kind } }`, nil)
	r := s.anon().do(http.MethodGet, "/metrics", "", nil)
	if r.status != http.StatusOK {
		t.Fatalf("/metrics: %d", r.status)
	}
	for _, want := range []string{
		`keyward_graphql_operations_total{operation="query:whoami",outcome="ok"}`,
		`keyward_graphql_operation_duration_seconds_bucket{operation="query:whoami"`,
		`keyward_auth_outcomes_total{outcome="ok"}`,
		`keyward_auth_outcomes_total{outcome="invalid"}`,
		`keyward_key_cache_lookups_total{result="hit"}`,
		`keyward_key_cache_lookups_total{result="miss"}`,
		`keyward_key_revocation_lag_seconds_bucket`,
		`keyward_ratelimit_degraded`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(r.body, secret[3:]) {
		t.Fatal("a secret reached /metrics")
	}
}

// metricValue reads one unlabelled sample from the server's /metrics.
func metricValue(t *testing.T, s *testServer, name string) float64 {
	t.Helper()
	body := s.anon().do(http.MethodGet, "/metrics", "", nil).body
	for _, line := range strings.Split(body, "\n") {
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			return v
		}
	}
	t.Fatalf("/metrics has no %s", name)
	return 0
}
