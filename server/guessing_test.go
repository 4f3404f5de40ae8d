package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"keyward/models"
	"keyward/ratelimit"
)

// from sends one GraphQL request through the real handler as if from the
// address remote ("[2001:db8::1]:443"), which a TCP test client cannot fake.
func (s *testServer) from(remote string, headers map[string]string, query string, v vars) *response {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": v})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.RemoteAddr = remote
	req.Header.Set("Content-Type", "application/json")
	for k, val := range headers {
		req.Header.Set(k, val)
	}
	rec := httptest.NewRecorder()
	s.app.handler.ServeHTTP(rec, req)
	r := &response{t: s.t, status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	_ = json.Unmarshal(rec.Body.Bytes(), r)
	return r
}

// freshV6 is a /64 no earlier run has used, so a shared Redis starts empty for it.
func freshV6() string {
	buf := make([]byte, 4)
	_, _ = rand.Read(buf)
	return fmt.Sprintf("2001:db8:%s:%s", hex.EncodeToString(buf[:2]), hex.EncodeToString(buf[2:]))
}

// parallel sends n copies of a request at once and counts the answers by code
// ("" for success, HTTP_<status> for a bare HTTP error).
func parallel(n int, send func(i int) *response) map[string]int {
	var mu sync.Mutex
	counts := map[string]int{}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := send(i)
			mu.Lock()
			counts[r.code()]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return counts
}

const wrongLogin = `mutation{ login(input:{email:"admin@example.com", password:"wrong-password"}) { user { id } } }`

// Parallel wrong passwords from one client: exactly the budget is checked.
func TestParallelSignInGuessesSpendExactlyTheBudget(t *testing.T) {
	run := func(t *testing.T, dbURL string, change ...func(*config)) {
		s := newServer(t, dbURL, change...)
		client := "[" + freshV6() + "::1]:40000"
		counts := parallel(40, func(int) *response { return s.from(client, nil, wrongLogin, nil) })
		if counts["UNAUTHENTICATED"] != 10 || counts["RATE_LIMITED"] != 30 {
			t.Fatalf("40 parallel wrong passwords: %v; want 10 checked and 30 refused", counts)
		}
		// The right password is refused too while the budget is empty.
		s.from(client, nil, `mutation{ login(input:{email:"admin@example.com", password:"correct-horse-1"}) { user { id } } }`, nil).wantCode("RATE_LIMITED")
	}
	onEachLimiter(t, run)
}

// Successful sign-ins give their unit back, so a shared office address is
// not locked out by its own people signing in.
func TestSuccessfulSignInsDoNotUseTheBudget(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) { c.LoginFailLimit = ratelimit.Limit{Rate: 2, Period: time.Hour} })
	client := "[" + freshV6() + "::1]:40000"
	for range 5 {
		s.from(client, nil, `mutation{ login(input:{email:"admin@example.com", password:"correct-horse-1"}) { user { id } } }`, nil).ok()
	}
	s.from(client, nil, wrongLogin, nil).wantCode("UNAUTHENTICATED")
	s.from(client, nil, wrongLogin, nil).wantCode("UNAUTHENTICATED")
	s.from(client, nil, wrongLogin, nil).wantCode("RATE_LIMITED")
}

// Parallel unknown keys from one client: exactly the budget is looked up.
func TestParallelKeyGuessesSpendExactlyTheBudget(t *testing.T) {
	run := func(t *testing.T, dbURL string, change ...func(*config)) {
		change = append(change, func(c *config) { c.AuthFailLimit = ratelimit.Limit{Rate: 5, Period: time.Hour} })
		s := newServer(t, dbURL, change...)
		s.admin().createKey("good key")
		unknown, _, _, _ := models.GenerateKey()
		client := "[" + freshV6() + "::1]:40000"
		counts := parallel(40, func(i int) *response {
			// Well-formed unknown keys reach the database; malformed ones do not.
			secret := "kw_guess"
			if i%2 == 0 {
				secret = unknown
			}
			return s.from(client, map[string]string{"Authorization": "Bearer " + secret}, `{ whoami { kind } }`, nil)
		})
		if counts["UNAUTHENTICATED"] != 5 || counts["RATE_LIMITED"] != 35 {
			t.Fatalf("40 parallel bad keys: %v; want 5 checked and 35 refused", counts)
		}
	}
	onEachLimiter(t, run)
}

// A valid key that is not cached yet gives its unit back once verified.
func TestValidKeysDoNotUseTheFailureBudget(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) {
		c.AuthFailLimit = ratelimit.Limit{Rate: 2, Period: time.Hour}
		c.KeyCacheTTL = 0 // every request is a cache miss and passes the guard
	})
	_, good := s.admin().createKey("good key")
	client := "[" + freshV6() + "::1]:40000"
	for range 5 {
		if r := s.from(client, map[string]string{"Authorization": "Bearer " + good}, `{ whoami { kind } }`, nil); r.status != http.StatusOK {
			t.Fatalf("valid key: %d %s", r.status, r.body)
		}
	}
	bad := map[string]string{"Authorization": "Bearer kw_guess"}
	for _, want := range []int{401, 401, 429} {
		if r := s.from(client, bad, `{ whoami { kind } }`, nil); r.status != want {
			t.Fatalf("bad key: %d, want %d", r.status, want)
		}
	}
}

// A burst of requests with one valid key that this replica has not verified
// yet is one lookup, and spends at most one unit of the client's failure
// budget: it is one credential, checked once, however many requests carry
// it. Before, each request spent its own unit before the lookup and the
// burst was refused as guessing.
func TestColdBurstOfOneValidKeyIsNotGuessing(t *testing.T) {
	run := func(t *testing.T, dbURL string, change ...func(*config)) {
		s := newServer(t, dbURL, change...) // the default budget: 20 a minute
		_, good := s.admin().createKey("busy key")
		var lookups atomic.Int32
		// A slow database: every request of the burst arrives while the
		// first lookup is still running.
		s.app.keys.SetAfterLookup(func() { lookups.Add(1); time.Sleep(100 * time.Millisecond) })
		client := "[" + freshV6() + "::1]:40000"
		auth := map[string]string{"Authorization": "Bearer " + good}
		counts := parallel(50, func(int) *response { return s.from(client, auth, `{ whoami { kind } }`, nil) })
		if counts[""] != 50 {
			t.Fatalf("50 parallel requests with one valid key: %v; want all 50 answered", counts)
		}
		if n := lookups.Load(); n != 1 {
			t.Errorf("%d lookups for one key, want 1", n)
		}
		// The budget is whole: 20 bad keys are still checked, the 21st refused.
		bad := map[string]string{"Authorization": "Bearer kw_guess"}
		for i := range 21 {
			if r := s.from(client, bad, `{ whoami { kind } }`, nil); (i < 20) != (r.status == http.StatusUnauthorized) {
				t.Fatalf("bad key %d after the burst: %d %s", i+1, r.status, r.body)
			}
		}
	}
	onEachLimiter(t, run)
}

// Sharing a lookup does not make a bad key cheaper: requests with one
// unknown key each still spend a unit, so past the budget they are refused.
func TestColdBurstOfOneBadKeySpendsPerRequest(t *testing.T) {
	run := func(t *testing.T, dbURL string, change ...func(*config)) {
		change = append(change, func(c *config) { c.AuthFailLimit = ratelimit.Limit{Rate: 5, Period: time.Hour} })
		s := newServer(t, dbURL, change...)
		s.admin().createKey("good key")
		s.app.keys.SetAfterLookup(func() { time.Sleep(100 * time.Millisecond) })
		client := "[" + freshV6() + "::1]:40000"
		secret, _, _, _ := models.GenerateKey()
		unknown := map[string]string{"Authorization": "Bearer " + secret}
		counts := parallel(40, func(int) *response { return s.from(client, unknown, `{ whoami { kind } }`, nil) })
		if counts["UNAUTHENTICATED"] != 5 || counts["RATE_LIMITED"] != 35 {
			t.Fatalf("40 parallel requests with one unknown key: %v; want 5 answered and 35 refused", counts)
		}
	}
	onEachLimiter(t, run)
}

// A shared lookup that fails for its own reasons (here a panic) does not
// fail the requests waiting for it: each looks the key up on its own.
func TestWaitersOutliveAFailedSharedLookup(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	s.expectInternal() // the panic
	_, good := s.admin().createKey("busy key")
	var first atomic.Bool
	s.app.keys.SetAfterLookup(func() {
		if first.CompareAndSwap(false, true) {
			time.Sleep(100 * time.Millisecond)
			panic("lookup failed")
		}
	})
	client := "[" + freshV6() + "::1]:40000"
	auth := map[string]string{"Authorization": "Bearer " + good}
	counts := parallel(10, func(int) *response { return s.from(client, auth, `{ whoami { kind } }`, nil) })
	if counts[""] != 9 {
		t.Fatalf("10 requests, the first lookup panicking: %v; want the 9 others answered", counts)
	}
}

// Every per-client limit groups IPv6 by /64 and reads IPv4-mapped IPv6 as IPv4.
func TestClientLimitsGroupIPv6By64(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) {
		c.AuthFailLimit = ratelimit.Limit{Rate: 3, Period: time.Hour}
		c.LoginFailLimit = ratelimit.Limit{Rate: 3, Period: time.Hour}
		c.SignupLimit = ratelimit.Limit{Rate: 3, Period: time.Hour}
		c.AllowSignup = true
	})
	bad := map[string]string{"Authorization": "Bearer kw_guess"}
	keyGuess := func(remote string) string {
		return s.from(remote, bad, `{ whoami { kind } }`, nil).code()
	}
	signIn := func(remote string) string { return s.from(remote, nil, wrongLogin, nil).code() }
	n := 0
	signUp := func(remote string) string {
		n++
		return s.from(remote, nil, `mutation($e:String!){ signup(input:{orgName:"Org", email:$e, name:"N", password:"password-1"}) { user { id } } }`,
			vars{"e": fmt.Sprintf("founder%d@example.com", n)}).code()
	}
	limits := map[string]struct {
		try       func(string) string
		firstCode string
	}{"key": {keyGuess, "UNAUTHENTICATED"}, "sign-in": {signIn, "UNAUTHENTICATED"}, "sign-up": {signUp, ""}}
	// note: the three limits reuse the same IPv4 addresses; they pass
	// because each kind keeps its own budget.
	for name, l := range limits {
		t.Run(name, func(t *testing.T) {
			v6 := freshV6()
			groups := map[string][]string{
				"IPv6 /64":    {"[" + v6 + "::1]:1", "[" + v6 + ":ffff::2]:2", "[" + v6 + "::3]:3", "[" + v6 + ":1:2:3:4]:4"},
				"IPv4":        {"192.0.2.10:1", "192.0.2.10:2", "192.0.2.10:3", "192.0.2.10:4"},
				"IPv4-mapped": {"198.51.100.20:1", "[::ffff:198.51.100.20]:2", "[::ffff:c633:6414]:3", "198.51.100.20:4"},
			}
			for group, addrs := range groups {
				var got []string
				for _, a := range addrs {
					got = append(got, l.try(a))
				}
				want := []string{l.firstCode, l.firstCode, l.firstCode, "RATE_LIMITED"}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s %v: %q, want %q", group, addrs, got, want)
				}
			}
			// Another /64 and the neighbouring IPv4 address are other clients.
			if got := l.try("[" + freshV6() + "::1]:1"); got != l.firstCode {
				t.Errorf("another /64: %q", got)
			}
			if got := l.try("192.0.2.11:1"); got != l.firstCode {
				t.Errorf("the next IPv4 address: %q", got)
			}
		})
	}
}

// countingLimiter counts the limiter calls made for each kind of budget.
type countingLimiter struct {
	ratelimit.Limiter
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingLimiter) Allow(ctx context.Context, key string, limit ratelimit.Limit, n int) (ratelimit.Result, error) {
	c.mu.Lock()
	kind, _, _ := strings.Cut(key, ":")
	c.calls[kind]++
	c.mu.Unlock()
	return c.Limiter.Allow(ctx, key, limit, n)
}

func (c *countingLimiter) count(kind string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[kind]
}

// Steady traffic with a valid key this replica has verified pays no
// failed-auth limiter round trip (a Redis call in production); only a key
// that is not cached yet is counted, and given back.
func TestCachedValidKeysSkipTheFailureLimiter(t *testing.T) {
	counter := &countingLimiter{calls: map[string]int{}}
	s := startServer(t, testConfig(sqliteURL(t)), func(a *app) {
		counter.Limiter = a.limiter
		a.limiter = counter
		a.handler = a.routes()
	})
	_, secret := s.admin().createKey("steady key")
	c := s.bearer(secret)
	c.gql(`{ whoami { kind } }`, nil).ok()
	if got := counter.count("keyfail"); got != 2 {
		t.Fatalf("first use of a key: %d failed-auth limiter calls, want 2 (spend, then refund)", got)
	}
	for range 20 {
		c.gql(`{ whoami { kind } }`, nil).ok()
	}
	if got := counter.count("keyfail"); got != 2 {
		t.Fatalf("20 cached uses made %d more failed-auth limiter calls, want none", got-2)
	}
}

// onEachLimiter runs a limiter test with the in-memory limiter on each
// database, then with the Redis one.
func onEachLimiter(t *testing.T, run func(t *testing.T, dbURL string, change ...func(*config))) {
	forEachDB(t, func(t *testing.T, dbURL string) { run(t, dbURL) })
	t.Run("redis", func(t *testing.T) {
		url := redisURL(t)
		run(t, sqliteURL(t), func(c *config) { c.RedisURL = url })
	})
}
