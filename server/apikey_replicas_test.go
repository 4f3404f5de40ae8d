package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"keyward/ratelimit"
)

// within polls replica requests until ok holds and fails after limit. It
// returns how long the change took to show.
func within(t *testing.T, what string, limit time.Duration, ok func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !ok() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not visible on the other replica after %s", what, limit)
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Since(start)
}

// twoReplicas starts two servers on one fresh PostgreSQL schema, both
// listening for key changes. The key cache TTL is an hour, so only the
// notification can evict in time; tests poll with keys that fail on
// purpose, so there is no failure limit.
func twoReplicas(t *testing.T) (a, b *testServer) {
	t.Helper()
	dbURL := postgresURL(t)
	slowTTL := func(c *config) { c.KeyCacheTTL, c.AuthFailLimit = time.Hour, ratelimit.Limit{} }
	a, b = newServer(t, dbURL, slowTTL), newServer(t, dbURL, slowTTL)
	waitFor(t, 5*time.Second, func() bool { return a.app.listener.Healthy() && b.app.listener.Healthy() })
	return a, b
}

// Every change to a key reaches a replica that has it cached (TTL an hour)
// in under a second, through the notification sent with the change.
func TestKeyLifecycleReachesEveryReplica(t *testing.T) {
	a, b := twoReplicas(t)
	admin := a.admin()
	whoami := func(s *testServer, secret string) *response { return s.bearer(secret).gql(`{ whoami { kind } }`, nil) }
	var lags []string

	// Rotation: B has the old secret cached as current; it must turn into a
	// previous secret (Sunset) there, and with grace 0 stop at once.
	id, first := admin.createKey("rotated across replicas")
	whoami(b, first).ok()
	start := time.Now()
	_, second := admin.rotate(id, vars{"graceHours": 24})
	lag := within(t, "rotation", time.Second, func() bool { return whoami(b, first).header.Get("Sunset") != "" })
	lags = append(lags, fmt.Sprint("rotation ", lag, " (", time.Since(start), " with the mutation)"))
	whoami(b, second).ok()
	admin.rotate(id, vars{"graceHours": 0})
	lag = within(t, "rotation with grace 0", time.Second, func() bool { return whoami(b, second).status == http.StatusUnauthorized })
	lags = append(lags, fmt.Sprint("grace 0 ", lag))

	// Grace end needs no notification: B caches the exact instant. Here the
	// grace period is shortened behind the servers' backs to 3 s.
	id, old := admin.createKey("grace ends on B")
	admin.rotate(id, vars{"graceHours": 1})
	end := time.Now().Add(3 * time.Second)
	if err := a.app.db.Exec("UPDATE api_keys SET previous_secret_expires_at = ? WHERE id = ?", end, id).Error; err != nil {
		t.Fatal(err)
	}
	if r := whoami(b, old).ok(); r.header.Get("Keyward-Key-Expires-At") != end.UTC().Format(time.RFC3339) {
		t.Fatalf("grace end header on B: %v", r.header)
	}
	time.Sleep(time.Until(end))
	lag = within(t, "grace end", time.Second, func() bool {
		r := whoami(b, old)
		return r.status == http.StatusUnauthorized && strings.Contains(r.body, "rotated on")
	})
	lags = append(lags, fmt.Sprint("grace end ", lag))

	// Narrowing: B has the key cached as READ_WRITE.
	id, secret := admin.createKey("narrowed across replicas")
	b.bearer(secret).gql(`mutation{ createProject(input:{title:"from B"}) { project { id } } }`, nil).ok()
	admin.gql(updateKey, keyInput(id, vars{"scope": "READ_ONLY"})).ok()
	lag = within(t, "narrowing", time.Second, func() bool {
		return b.bearer(secret).gql(`mutation{ createProject(input:{title:"from B"}) { project { id } } }`, nil).code() == "FORBIDDEN"
	})
	lags = append(lags, fmt.Sprint("narrowing ", lag))

	// Leaked-key revocation reported to A.
	_, leaked := admin.createKey("leaked across replicas")
	whoami(b, leaked).ok()
	reportLeak(t, a, leaked)
	lag = within(t, "leaked-key revocation", time.Second, func() bool {
		r := whoami(b, leaked)
		return r.status == http.StatusUnauthorized && strings.Contains(r.body, "revoked")
	})
	lags = append(lags, fmt.Sprint("revocation ", lag))
	t.Log(strings.Join(lags, "; "))
}
