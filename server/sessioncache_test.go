package main

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// On PostgreSQL a session is served from memory after its first request.
// Every change that ends it or changes what it grants reaches the cache on
// the replica that made it at once, and the other replica through the
// notification channel, well before the cache TTL: sign-out, role change,
// password change and user deletion.
func TestSessionCacheFollowsEveryChangeOnEveryReplica(t *testing.T) {
	a, b := twoReplicas(t)
	admin := a.admin()
	isAdmin := func(c *client) bool { return c.gql(`{ users { nodes { id } } }`, nil).code() == "" }
	signedIn := func(c *client) bool { return c.gql(`{ whoami { kind } }`, nil).code() == "" }

	// Role change: a demoted admin loses admin rights on the next request,
	// on the replica that demoted it and on the other one.
	id := admin.createUser("second@example.com", "ADMIN")
	onA, onB := a.login("second@example.com", "password-ADMIN"), b.login("second@example.com", "password-ADMIN")
	for range 3 { // cached now
		if !isAdmin(onA) || !isAdmin(onB) {
			t.Fatal("a fresh admin is not admin")
		}
	}
	before := b.app.sessions.Invalidations()
	admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:VIEWER}) { user { role } } }`, vars{"id": id}).ok()
	if isAdmin(onA) {
		t.Fatal("replica A: the demoted admin kept admin rights on the next request")
	}
	lag := within(t, "role change", time.Second, func() bool { return b.app.sessions.Invalidations() > before })
	if isAdmin(onB) {
		t.Fatal("replica B: the demoted admin kept admin rights after the notification")
	}
	t.Logf("role change reached replica B in %s", lag)

	// Sign-out on A ends that session on B, where it was cached.
	cookie := onA.http.Jar.Cookies(mustURL(a.url))
	sameOnB := b.anon()
	sameOnB.http.Jar.SetCookies(mustURL(b.url), cookie)
	if !signedIn(sameOnB) || !signedIn(sameOnB) {
		t.Fatal("the session does not work on replica B")
	}
	before = b.app.sessions.Invalidations()
	onA.gql(`mutation{ logout { user { id } } }`, nil).ok()
	within(t, "logout", time.Second, func() bool { return b.app.sessions.Invalidations() > before })
	if signedIn(sameOnB) {
		t.Fatal("replica B: a signed-out session still works")
	}
	if !signedIn(onB) {
		t.Fatal("the user's other session ended with the one signed out")
	}

	// Password change on B ends the other sessions on A at once.
	viewerA := a.login("second@example.com", "password-ADMIN")
	signedIn(viewerA)
	before = a.app.sessions.Invalidations()
	onB.gql(`mutation{ changePassword(input:{currentPassword:"password-ADMIN", newPassword:"another-pass-9"}) { endedSessions } }`, nil).ok()
	within(t, "password change", time.Second, func() bool { return a.app.sessions.Invalidations() > before })
	if signedIn(viewerA) {
		t.Fatal("replica A: a session ended by a password change still works")
	}
	if !signedIn(onB) {
		t.Fatal("the session that changed the password stays signed in")
	}

	// Deletion on A ends the user's sessions on B.
	signedIn(onB)
	before = b.app.sessions.Invalidations()
	admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": id}).ok()
	within(t, "deletion", time.Second, func() bool { return b.app.sessions.Invalidations() > before })
	if signedIn(onB) {
		t.Fatal("replica B: a deleted user's session still works")
	}
}

// The fill-versus-invalidation race: a request reads the session (still an
// admin), pauses before it fills the cache, the role changes, and then it
// fills. The late fill must not bring the old role back for later requests.
func TestSessionCacheFillLosesToAConcurrentRoleChange(t *testing.T) {
	s := newServer(t, postgresURL(t))
	admin := s.admin()
	id := admin.createUser("racer@example.com", "ADMIN")
	racer := s.login("racer@example.com", "password-ADMIN")
	s.app.sessions.ForgetSessions() // racer's next request is a miss

	paused, resume := make(chan struct{}), make(chan struct{})
	var first atomic.Bool // note: only the first lookup pauses; the admin's own go on
	s.app.sessions.SetAfterLookup(func() {
		if first.CompareAndSwap(false, true) {
			close(paused)
			<-resume
		}
	})
	done := make(chan int, 1)
	go func() { done <- racer.gql(`{ whoami { kind } }`, nil).status }()
	<-paused
	before := s.app.sessions.Invalidations()
	admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:VIEWER}) { user { role } } }`, vars{"id": id}).ok()
	// Both invalidations (this process's, then the notification's echo
	// from the listener) are done before the paused fill goes on, so only
	// the generation check can keep the stale entry out.
	waitFor(t, 5*time.Second, func() bool { return s.app.sessions.Invalidations() >= before+2 })
	close(resume)
	if st := <-done; st != http.StatusOK {
		t.Fatalf("paused request: %d", st)
	}
	if r := racer.gql(`{ users { nodes { id } } }`, nil); r.code() != "FORBIDDEN" {
		t.Fatalf("after the race the demoted admin is still admin: %s", r.body)
	}
}
