package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/ratelimit"
)

// writeOutcome is one key-authenticated write sent during the outage test.
type writeOutcome struct {
	title      string
	sent, done time.Time
	status     int
	code       string
	retryAfter string
	acked      bool // 200, no errors, and the project's id came back
	body       string
}

// disruption is when the database went away (from) and came back (to).
type disruption struct {
	name     string
	from, to time.Time
}

// The database goes away and comes back under a steady stream of
// key-authenticated writes, twice: the network path drops for 2 s (every
// connection cut, new ones refused), then PostgreSQL ends every connection
// of the server, as a restart does. No acknowledged write is lost, every
// failed write says UNAVAILABLE (503 + Retry-After: the whole operation
// failed), and writes succeed again within 2 s of the database coming back.
func TestWritesAcrossADatabaseRestart(t *testing.T) {
	dbURL := postgresURL(t)
	proxy, viaProxy := proxyDatabase(t, dbURL)
	appName := "keyward-outage-" + randomID()
	// The stream is faster than the default per-key budget; limits are not what this tests.
	s := newServer(t, withParam(viaProxy, "application_name", appName), func(c *config) { c.RateLimit = ratelimit.Limit{} })
	direct := newServer(t, dbURL) // a second replica, past the proxy, to check and to restart
	_, secret := s.admin().createKey("steady writer")
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok() // verified, so the key itself needs no database

	stop := streamWrites(s, secret, 3)
	var events []disruption
	time.Sleep(time.Second)

	from := time.Now()
	proxy.down()
	time.Sleep(2 * time.Second)
	proxy.up()
	events = append(events, disruption{"the network path dropped for 2 s", from, time.Now()})
	time.Sleep(3 * time.Second)

	from = time.Now()
	var ended int
	if err := direct.app.db.Raw("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?", appName).Scan(&ended).Error; err != nil || ended == 0 {
		t.Fatalf("end the server's connections: %d, %v", ended, err)
	}
	events = append(events, disruption{fmt.Sprintf("PostgreSQL ended the server's %d connections", ended), from, time.Now()})
	time.Sleep(3 * time.Second)

	all := stop()
	var stored []string
	if err := direct.app.db.WithContext(context.Background()).Raw("SELECT title FROM projects").Scan(&stored).Error; err != nil {
		t.Fatal(err)
	}
	checkWritesAcross(t, all, stored, events)
	if log := s.log.String(); strings.Contains(log, `msg="internal error"`) {
		t.Errorf("the outage was logged as an internal error:\n%s", log)
	}
}

// A database that accepts connections and never answers (a hung host, a
// network dropping packets) must not hang requests: they fail UNAVAILABLE
// within seconds, and work again once it answers.
func TestUnansweringDatabaseIsUnavailable(t *testing.T) {
	dbURL := postgresURL(t)
	proxy, viaProxy := proxyDatabase(t, dbURL)
	s := newServer(t, viaProxy)
	_, secret := s.admin().createKey("stalled")
	key := s.bearer(secret)
	key.gql(`{ whoami { kind } }`, nil).ok() // verified, so the key itself needs no database
	key.http.Timeout = time.Minute

	proxy.down()
	proxy.stalled()
	// The first writes may fail at once on pooled connections the stall
	// cut; the later ones need a new connection, which gets no answer.
	for i := range 3 {
		start := time.Now()
		r := key.gql(`mutation($t:String!){ createProject(input:{title:$t}) { project { id } } }`, vars{"t": fmt.Sprintf("while stalled %d", i)})
		took := time.Since(start)
		if r.status != http.StatusServiceUnavailable || r.code() != "UNAVAILABLE" || r.header.Get("Retry-After") == "" {
			t.Fatalf("write %d to a database that does not answer, after %s: %d %s", i, took.Round(time.Millisecond), r.status, r.body)
		}
		if took > 10*time.Second {
			t.Fatalf("write %d waited %s for a database that does not answer", i, took.Round(time.Millisecond))
		}
		t.Logf("write %d to a database that does not answer failed UNAVAILABLE after %s", i, took.Round(time.Millisecond))
	}

	proxy.down()
	proxy.up()
	waitFor(t, 2*time.Second, func() bool {
		return key.gql(`mutation{ createProject(input:{title:"after the stall"}) { project { id } } }`, nil).status == http.StatusOK
	})
}

// A network partition under open connections: the database's answers stop
// arriving and TCP would wait many minutes. The request deadline
// (KEYWARD_REQUEST_TIMEOUT) ends such a request with UNAVAILABLE, and
// writes work again once the path is back.
func TestPartitionedConnectionIsUnavailable(t *testing.T) {
	dbURL := postgresURL(t)
	proxy, viaProxy := proxyDatabase(t, dbURL)
	s := newServer(t, viaProxy, func(c *config) { c.RequestTimeout = 2 * time.Second })
	_, secret := s.admin().createKey("partitioned")
	key := s.bearer(secret)
	key.gql(`mutation{ createProject(input:{title:"before"}) { project { id } } }`, nil).ok()
	key.http.Timeout = time.Minute

	proxy.freeze()
	start := time.Now()
	r := key.gql(`mutation{ createProject(input:{title:"partitioned"}) { project { id } } }`, nil)
	took := time.Since(start)
	if r.status != http.StatusServiceUnavailable || r.code() != "UNAVAILABLE" || r.header.Get("Retry-After") == "" {
		t.Fatalf("write across a partition, after %s: %d %s", took.Round(time.Millisecond), r.status, r.body)
	}
	if took > 6*time.Second {
		t.Fatalf("the write waited %s with a 2 s request timeout", took.Round(time.Millisecond))
	}
	t.Logf("a write across a partition failed UNAVAILABLE after %s (request timeout 2 s)", took.Round(time.Millisecond))

	proxy.down()
	proxy.up()
	waitFor(t, 2*time.Second, func() bool {
		return key.gql(`mutation{ createProject(input:{title:"after"}) { project { id } } }`, nil).status == http.StatusOK
	})
}

// streamWrites sends createProject with the key from n clients, one after
// another each, until stop, which returns every outcome in order sent.
func streamWrites(s *testServer, secret string, n int) (stop func() []writeOutcome) {
	var (
		mu       sync.Mutex
		outcomes []writeOutcome
		done     = make(chan struct{})
		wg       sync.WaitGroup
	)
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := s.bearer(secret)
			c.http.Timeout = 10 * time.Second
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				o := writeOutcome{title: fmt.Sprintf("w%d-%04d", w, i), sent: time.Now()}
				r := c.gql(`mutation($t:String!){ createProject(input:{title:$t}) { project { id } } }`, vars{"t": o.title})
				o.done, o.status, o.code, o.retryAfter, o.body = time.Now(), r.status, r.code(), r.header.Get("Retry-After"), r.body
				o.acked = r.status == http.StatusOK && len(r.Errors) == 0 && strings.Contains(r.body, `"project":{"id":"`)
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				time.Sleep(25 * time.Millisecond)
			}
		}()
	}
	return func() []writeOutcome {
		close(done)
		wg.Wait()
		sort.Slice(outcomes, func(i, j int) bool { return outcomes[i].sent.Before(outcomes[j].sent) })
		return outcomes
	}
}

// checkWritesAcross checks the outcomes against what the database stored.
// A write may fail only while a disruption lasts or within 2 s after it.
func checkWritesAcross(t *testing.T, outcomes []writeOutcome, stored []string, events []disruption) {
	t.Helper()
	inDB := map[string]bool{}
	for _, title := range stored {
		inDB[title] = true
	}
	problems := 0
	report := func(format string, args ...any) {
		if problems++; problems <= 10 {
			t.Errorf(format, args...)
		}
	}
	excused := func(o writeOutcome) bool {
		for _, e := range events {
			if o.done.After(e.from) && o.sent.Before(e.to.Add(2*time.Second)) {
				return true
			}
		}
		return false
	}
	var acked, failed, failedButStored int
	for _, o := range outcomes {
		if o.acked {
			acked++
			if !inDB[o.title] {
				report("write %s was acknowledged at %s but is not in the database", o.title, o.done.Format(time.StampMilli))
			}
			continue
		}
		failed++
		if o.code != "UNAVAILABLE" || o.status != http.StatusServiceUnavailable || o.retryAfter == "" {
			report("write %s failed without UNAVAILABLE, 503 and Retry-After: %d %q Retry-After=%q %s", o.title, o.status, o.code, o.retryAfter, o.body)
		}
		if strings.Contains(o.body, "dial") || strings.Contains(o.body, "5432") || strings.Contains(o.body, "SQLSTATE") {
			report("write %s: the cause leaked to the client: %s", o.title, o.body)
		}
		if inDB[o.title] {
			failedButStored++ // committed, but the answer was lost with the connection: the client retries
		}
		if !excused(o) {
			report("write %s, sent %s, failed more than 2 s after the database came back", o.title, o.sent.Format(time.StampMilli))
		}
	}
	if problems > 10 {
		t.Errorf("… and %d more problems", problems-10)
	}
	t.Logf("%d writes: %d acknowledged (all stored), %d failed with UNAVAILABLE (%d of those stored anyway)", len(outcomes), acked, failed, failedButStored)
	for _, e := range events {
		var failedIn int
		var firstOK time.Time
		for _, o := range outcomes {
			if !o.acked && o.done.After(e.from) && o.sent.Before(e.to.Add(2*time.Second)) {
				failedIn++
			}
			if o.acked && o.sent.After(e.to) && firstOK.IsZero() {
				firstOK = o.done
			}
		}
		t.Logf("%s: %d writes failed; the first success came %s after it was back", e.name, failedIn, firstOK.Sub(e.to).Round(time.Millisecond))
		if firstOK.IsZero() || firstOK.Sub(e.to) > 2*time.Second {
			t.Errorf("%s: no write succeeded within 2 s of the database coming back (first at %v)", e.name, firstOK)
		}
	}
	if failed == 0 {
		t.Error("no write failed: the disruptions did not happen")
	}
}

// proxyDatabase puts a TCP proxy in front of the PostgreSQL server of
// dbURL (wherever it is) and returns it with the URL that goes through it.
func proxyDatabase(t *testing.T, dbURL string) (*tcpProxy, string) {
	u, err := url.Parse(dbURL)
	if err != nil || u.Host == "" {
		t.Fatalf("TEST_DATABASE_URL must be a postgres://host:port/… URL to proxy it: %v", err)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "5432")
	}
	proxy := newTCPProxy(t, target)
	u.Host = proxy.addr
	return proxy, u.String()
}
