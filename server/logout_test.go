package main

import (
	"net/http"
	"testing"

	"keyward/models"
)

// logout with both a Bearer key and the session cookie ends that session:
// answering true while the session lives on would be a broken promise.
func TestLogoutWithBearerAndCookieEndsTheSession(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, secret := admin.createKey("logout key")
		var cookie string
		for _, c := range admin.http.Jar.Cookies(mustURL(s.url)) {
			if c.Name == "keyward_session" {
				cookie = c.Value
			}
		}
		if cookie == "" {
			t.Fatal("no session cookie after sign-in")
		}
		both := s.bearer(secret)
		both.headers["Cookie"] = "keyward_session=" + cookie
		r := both.gql(`mutation{ logout { user { id } } }`, nil).ok()
		if r.get("logout") == nil {
			t.Fatalf("logout: %s", r.body)
		}
		if n := countRows(t, s, &models.Session{}); n != 0 {
			t.Fatalf("%d sessions remain after logout with Bearer and cookie", n)
		}
		if got := admin.gql(`{ me { email } }`, nil).ok(); got.get("me") != nil {
			t.Fatalf("the session still works after logout: %s", got.body)
		}
		// The key itself is untouched: logout ends sessions, not keys.
		if r := s.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusOK {
			t.Fatalf("the key stopped working after logout: %d", r.status)
		}
	})
}
