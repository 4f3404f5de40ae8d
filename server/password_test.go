package main

import (
	"strings"
	"sync"
	"testing"

	"keyward/models"
)

const changePasswordMutation = `mutation($i: ChangePasswordInput!){
  changePassword(input: $i) { user { email } endedSessions }
}`

func changePassword(c *client, current, next string) *response {
	c.s.t.Helper()
	return c.gql(changePasswordMutation, vars{"i": map[string]any{"currentPassword": current, "newPassword": next}})
}

// meEmail is the signed-in user's email, or "" when the session is gone.
func meEmail(c *client) string {
	c.s.t.Helper()
	r := c.gql(`{ me { email } }`, nil).ok()
	if r.get("me") == nil {
		return ""
	}
	return r.str("me", "email")
}

func TestChangePasswordEndsOtherSessionsOnEveryReplica(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		a := newServer(t, dbURL)
		b := newServer(t, dbURL) // a second replica on the same database
		here := a.admin()
		laptop := b.admin() // the same person, signed in elsewhere, served by the other replica
		phone := a.admin()
		editor := a.admin().createUser("editor@example.com", "EDITOR")
		_ = editor
		other := b.login("editor@example.com", "password-EDITOR")

		const next = "a-new-passphrase"
		r := changePassword(here, adminPassword, next).ok()
		if r.str("changePassword", "user", "email") != adminEmail {
			t.Fatalf("payload: %s", r.body)
		}
		// The admin() call that created the editor is a fourth session of the admin.
		if got := r.get("changePassword", "endedSessions"); got != float64(3) {
			t.Fatalf("endedSessions = %v, want 3: %s", got, r.body)
		}
		if meEmail(here) != adminEmail {
			t.Fatal("the session that changed the password was signed out")
		}
		for name, c := range map[string]*client{"other replica": laptop, "same replica": phone} {
			if got := meEmail(c); got != "" {
				t.Fatalf("%s: the admin's other session still works (%s)", name, got)
			}
		}
		if meEmail(other) != "editor@example.com" {
			t.Fatal("another user's session was ended")
		}
		a.anon().gql(`mutation($e:String!,$p:String!){ login(input:{email:$e, password:$p}) { user { id } } }`,
			vars{"e": adminEmail, "p": adminPassword}).wantCode("UNAUTHENTICATED")
		b.login(adminEmail, next)

		// Audited, without the password anywhere.
		events := here.gql(`{ auditEvents { action actorName targetName } }`, nil).ok()
		if !strings.Contains(events.body, `"USER_PASSWORD_CHANGED"`) {
			t.Fatalf("no audit event: %s", events.body)
		}
		for _, where := range []string{events.body, a.log.String(), b.log.String()} {
			if strings.Contains(where, next) || strings.Contains(where, adminPassword) {
				t.Fatal("a password leaked into the audit log or the server log")
			}
		}
		var u models.User
		a.app.db.Where("email = ?", adminEmail).Take(&u)
		if strings.Contains(u.PasswordHash, next) || !strings.HasPrefix(u.PasswordHash, "$2") {
			t.Fatalf("stored hash looks wrong: %q", u.PasswordHash)
		}
	})
}

func TestChangePasswordRejectsBadInputAndWritesNothing(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		c := s.admin()
		elsewhere := s.admin()
		cases := []struct {
			name, current, next, field, message string
		}{
			{"wrong current password", "not-my-password", "a-new-passphrase", "currentPassword", "current password is wrong"},
			{"empty current password", "", "a-new-passphrase", "currentPassword", "current password"},
			{"too short", adminPassword, "short", "newPassword", "at least 8"},
			{"seven emoji are seven characters", adminPassword, "🔑🔑🔑🔑🔑🔑🔑", "newPassword", "at least 8"},
			{"over 72 bytes", adminPassword, strings.Repeat("é", 37), "newPassword", "72 bytes"},
			{"only spaces", adminPassword, "          ", "newPassword", "only spaces"},
			{"same as current", adminPassword, adminPassword, "newPassword", "different"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := changePassword(c, tc.current, tc.next).wantCode("BAD_USER_INPUT")
				if f := r.field(); f != "input."+tc.field {
					t.Errorf("field = %q, want %q: %s", f, tc.field, r.body)
				}
				if !strings.Contains(r.Errors[0].Message, tc.message) {
					t.Errorf("message %q lacks %q", r.Errors[0].Message, tc.message)
				}
				if r.get("changePassword") != nil {
					t.Errorf("payload on failure: %s", r.body)
				}
			})
		}
		// Nothing changed: the old password still signs in, the other session lives, no audit event.
		s.login(adminEmail, adminPassword)
		if meEmail(elsewhere) != adminEmail {
			t.Fatal("a rejected change ended another session")
		}
		if ev := c.gql(`{ auditEvents { action } }`, nil).ok(); strings.Contains(ev.body, "USER_PASSWORD_CHANGED") {
			t.Fatalf("a rejected change was audited: %s", ev.body)
		}

		// Eight emoji are eight characters (32 bytes): accepted.
		changePassword(c, adminPassword, "🔑🔑🔑🔑🔑🔑🔑🔑").ok()
		s.login(adminEmail, "🔑🔑🔑🔑🔑🔑🔑🔑")
	})
}

func TestChangePasswordNeedsAUserSession(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, secret := admin.createKey("password key")
		changePassword(s.bearer(secret), adminPassword, "a-new-passphrase").wantCode("FORBIDDEN")
		changePassword(s.anon(), adminPassword, "a-new-passphrase").wantCode("UNAUTHENTICATED")
		// Every role may change its own password.
		admin.createUser("viewer@example.com", "VIEWER")
		viewer := s.login("viewer@example.com", "password-VIEWER")
		changePassword(viewer, "password-VIEWER", "viewer-passphrase").ok()
		s.login("viewer@example.com", "viewer-passphrase")
		s.login(adminEmail, adminPassword) // the admin's password is untouched
	})
}

// Two sessions race to change the password from the same current one:
// exactly one wins, and the password is the winner's.
func TestChangePasswordConcurrentChangesOneWins(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		const n = 4
		clients := make([]*client, n)
		for i := range clients {
			clients[i] = s.admin()
		}
		results := make([]*response, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range clients {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				results[i] = changePassword(clients[i], adminPassword, "racer-password-"+string(rune('a'+i)))
			}(i)
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, r := range results {
			switch r.code() {
			case "":
				if winner >= 0 {
					t.Fatalf("two changes won: %d and %d", winner, i)
				}
				winner = i
			case "BAD_USER_INPUT", "UNAUTHENTICATED":
				// lost the race: its session may already be ended by the winner
			default:
				t.Fatalf("racer %d: %s", i, r.body)
			}
		}
		if winner < 0 {
			t.Fatal("no change won")
		}
		s.login(adminEmail, "racer-password-"+string(rune('a'+winner)))
		if n := countRows(t, s, &models.AuditEvent{}); n < 1 {
			t.Fatal("no audit event")
		}
		var audited int64
		s.app.db.Model(&models.AuditEvent{}).Where("action = ?", models.AuditUserPasswordChanged).Count(&audited)
		if audited != 1 {
			t.Fatalf("%d password changes audited, want 1", audited)
		}
	})
}

func TestChangePasswordWrongCurrentCountsAsFailedSignIn(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	c := s.admin()
	for i := 0; i < 10; i++ {
		changePassword(c, "guess-number-"+string(rune('a'+i)), "a-new-passphrase").wantCode("BAD_USER_INPUT")
	}
	// Even the right current password is refused now, so guessing cannot continue.
	changePassword(c, adminPassword, "a-new-passphrase").wantCode("RATE_LIMITED")
}
