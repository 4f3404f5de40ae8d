package main

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// pauseLookups makes the next key lookup on s stop between its database read
// and its cache add, the window in which an invalidation can be lost. It
// returns a channel closed once a lookup is paused, and the function that
// lets it go on.
func pauseLookups(s *testServer) (paused <-chan struct{}, resume func()) {
	p, r := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s.app.keys.SetAfterLookup(func() { once.Do(func() { close(p); <-r }) })
	return p, sync.OnceFunc(func() { close(r) })
}

// whoamiInBackground sends one key-authenticated request and returns a
// channel with its HTTP status.
func whoamiInBackground(s *testServer, secret string) <-chan int {
	status := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, s.url+"/graphql", strings.NewReader(`{"query":"{ whoami { kind } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			status <- 0
			return
		}
		res.Body.Close()
		status <- res.StatusCode
	}()
	return status
}

// whoamiPausedInLookup sends a request with the key on s and returns once
// its lookup is paused before the cache fill; resume lets it go on.
func whoamiPausedInLookup(t *testing.T, s *testServer, secret string) (resume func(), inFlight <-chan int) {
	t.Helper()
	paused, resume := pauseLookups(s)
	t.Cleanup(resume)
	inFlight = whoamiInBackground(s, secret)
	<-paused
	return resume, inFlight
}

// The request that was paused read the key before it was deleted, so either
// answer is fine for it. What must not happen is that its late cache fill
// undoes the deletion for every later request.
func wantRefusedAfterResume(t *testing.T, s *testServer, secret string, resume func(), inFlight <-chan int) {
	t.Helper()
	resume()
	if st := <-inFlight; st == 0 {
		t.Fatal("paused request failed to complete")
	}
	if r := s.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
		t.Fatalf("deleted key still accepted after a raced cache fill: %d %s", r.status, r.body)
	}
}

// deletedWhileLookupPaused starts a server whose cache only invalidation
// can empty in time (an hour-long TTL), sends a request with a new key that
// stops in its lookup, and deletes the key meanwhile. Later lookups do not
// pause.
func deletedWhileLookupPaused(t *testing.T, dbURL string) (s *testServer, secret string, resume func(), inFlight <-chan int) {
	t.Helper()
	s = newServer(t, dbURL, func(c *config) { c.KeyCacheTTL = time.Hour })
	admin := s.admin()
	id, secret := admin.createKey("raced key")
	resume, inFlight = whoamiPausedInLookup(t, s, secret)
	s.app.keys.SetAfterLookup(func() {})
	admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
	return s, secret, resume, inFlight
}

func TestDeletionDuringCacheFillIsNotLost(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s, secret, resume, inFlight := deletedWhileLookupPaused(t, dbURL)
		wantRefusedAfterResume(t, s, secret, resume, inFlight)
	})
}

func TestNotifiedDeletionDuringCacheFillIsNotLost(t *testing.T) {
	dbURL := postgresURL(t)
	slowTTL := func(c *config) { c.KeyCacheTTL = time.Hour }
	a := newServer(t, dbURL, slowTTL)
	b := newServer(t, dbURL, slowTTL)
	waitFor(t, 5*time.Second, func() bool { return a.app.listener.Healthy() && b.app.listener.Healthy() })
	admin := a.admin()

	t.Run("notification", func(t *testing.T) {
		id, secret := admin.createKey("raced on B")
		resume, inFlight := whoamiPausedInLookup(t, b, secret)
		before := b.app.keys.Invalidations()
		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": id}).ok()
		// B's listener has run Forget while B's lookup is still paused.
		waitFor(t, 5*time.Second, func() bool { return b.app.keys.Invalidations() > before })
		wantRefusedAfterResume(t, b, secret, resume, inFlight)
	})

	t.Run("purge on reconnect", func(t *testing.T) {
		id, secret := admin.createKey("raced during reconnect")
		resume, inFlight := whoamiPausedInLookup(t, b, secret)
		// Deleted behind the listener's back: only the purge on reconnect covers it.
		if err := a.app.db.Exec("DELETE FROM api_keys WHERE id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		connects := b.app.listener.Connects()
		appName := b.app.listener.DSN[strings.Index(b.app.listener.DSN, "application_name=")+len("application_name="):]
		if err := a.app.db.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?", appName).Error; err != nil {
			t.Fatal(err)
		}
		waitFor(t, 10*time.Second, func() bool { return b.app.listener.Connects() > connects })
		wantRefusedAfterResume(t, b, secret, resume, inFlight)
	})
}

// Requests with one uncached key share its lookup, but a request that starts
// after the key was deleted never shares a lookup that read it before: it
// is refused at once, while the earlier lookup is still paused.
func TestRequestAfterDeletionDoesNotShareAnEarlierLookup(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s, secret, resume, inFlight := deletedWhileLookupPaused(t, dbURL)
		after := whoamiInBackground(s, secret)
		select {
		case st := <-after:
			if st != http.StatusUnauthorized {
				t.Errorf("request after the deletion: %d, want 401", st)
			}
		case <-time.After(3 * time.Second):
			resume()
			t.Errorf("request after the deletion waited for the lookup from before it (then answered %d)", <-after)
		}
		resume()
		<-inFlight
	})
}
