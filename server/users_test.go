package main

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"keyward/models"
)

func TestLoginSessionLogout(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		c := s.anon()
		r := c.gql(`mutation{ login(input:{email:"ADMIN@example.com", password:"correct-horse-1"}) { user { email role } } }`, nil).ok()
		if r.str("login", "user", "email") != adminEmail || r.str("login", "user", "role") != "ADMIN" {
			t.Fatalf("login returned %s", r.body)
		}
		cookie := r.header.Get("Set-Cookie")
		for _, want := range []string{"keyward_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("cookie %q lacks %s", cookie, want)
			}
		}
		token := strings.TrimPrefix(strings.Split(cookie, ";")[0], "keyward_session=")

		// Only a hash of the token is stored.
		var sessions []models.Session
		s.app.db.Find(&sessions)
		if len(sessions) != 1 || sessions[0].TokenHash == token || strings.Contains(sessions[0].TokenHash, token) {
			t.Fatalf("sessions table holds %+v", sessions)
		}

		me := c.gql(`{ me { email } whoami { kind organization { name } user { email } } }`, nil).ok()
		if me.str("me", "email") != adminEmail || me.str("whoami", "kind") != "USER" || me.str("whoami", "organization", "name") != "Acme" {
			t.Fatalf("me/whoami: %s", me.body)
		}

		c.gql(`mutation{ logout { user { id } } }`, nil).ok()
		if got := c.gql(`{ me { email } }`, nil).ok(); got.get("me") != nil {
			t.Fatalf("me after logout: %s", got.body)
		}
		if n := countRows(t, s, &models.Session{}); n != 0 {
			t.Fatalf("%d sessions remain after logout", n)
		}
		// A replayed cookie is dead too.
		replay := s.anon()
		replay.headers["Cookie"] = "keyward_session=" + token
		if got := replay.gql(`{ me { email } }`, nil).ok(); got.get("me") != nil {
			t.Fatalf("replayed cookie still works: %s", got.body)
		}
	})
}

func TestLoginFailuresLookTheSame(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	wrongPw := s.anon().gql(`mutation{ login(input:{email:"admin@example.com", password:"nope-nope-nope"}) { user { id } } }`, nil).wantCode("UNAUTHENTICATED")
	noUser := s.anon().gql(`mutation{ login(input:{email:"ghost@example.com", password:"nope-nope-nope"}) { user { id } } }`, nil).wantCode("UNAUTHENTICATED")
	if wrongPw.Errors[0].Message != noUser.Errors[0].Message {
		t.Fatalf("messages differ: %q vs %q", wrongPw.Errors[0].Message, noUser.Errors[0].Message)
	}
	if strings.Contains(s.log.String(), "nope-nope-nope") {
		t.Fatal("a password reached the log")
	}
}

func TestLoginRateLimited(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	c := s.anon()
	for i := 0; i < 10; i++ {
		c.gql(`mutation{ login(input:{email:"admin@example.com", password:"wrong-password"}) { user { id } } }`, nil).wantCode("UNAUTHENTICATED")
	}
	// Even the right password is refused now, so guessing cannot continue.
	r := c.gql(`mutation{ login(input:{email:"admin@example.com", password:"correct-horse-1"}) { user { id } } }`, nil).wantCode("RATE_LIMITED")
	if !strings.Contains(r.Errors[0].Message, "Try again in") {
		t.Fatalf("message does not say when: %s", r.body)
	}
}

func TestCreateUserValidation(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		admin.createUser("taken@example.com", "VIEWER")
		long := strings.Repeat("a", 101)
		cases := []struct {
			name                   string
			email, uname, password string
			role                   string
			code, field            string
		}{
			{"invalid email", "not-an-email", "X", "password-1", "VIEWER", "BAD_USER_INPUT", "email"},
			{"email without domain dot", "a@localhost", "X", "password-1", "VIEWER", "BAD_USER_INPUT", "email"},
			{"email with display name", "Bob <bob@example.com>", "X", "password-1", "VIEWER", "BAD_USER_INPUT", "email"},
			{"empty email", "   ", "X", "password-1", "VIEWER", "BAD_USER_INPUT", "email"},
			{"short password", "p@example.com", "X", "short", "VIEWER", "BAD_USER_INPUT", "password"},
			{"password over 72 bytes", "p@example.com", "X", strings.Repeat("é", 40), "VIEWER", "BAD_USER_INPUT", "password"},
			{"blank password", "p@example.com", "X", "          ", "VIEWER", "BAD_USER_INPUT", "password"},
			{"empty name", "p@example.com", " ", "password-1", "VIEWER", "BAD_USER_INPUT", "name"},
			{"long name", "p@example.com", long, "password-1", "VIEWER", "BAD_USER_INPUT", "name"},
			{"control char in name", "p@example.com", "a\x00b", "password-1", "VIEWER", "BAD_USER_INPUT", "name"},
			{"duplicate email other case", "TAKEN@Example.com", "X", "password-1", "VIEWER", "DUPLICATE_NAME", "email"},
			{"unknown role", "p@example.com", "X", "password-1", "OWNER", "BAD_USER_INPUT", ""},
		}
		var scenarios []scenario
		for _, tc := range cases {
			scenarios = append(scenarios, scenario{name: tc.name, as: admin, code: tc.code, field: tc.field, after: noData,
				query: `mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
				vars:  vars{"i": map[string]any{"email": tc.email, "name": tc.uname, "password": tc.password, "role": tc.role}}})
		}
		runScenarios(t, scenarios)
		if n := countRows(t, s, &models.User{}); n != 2 {
			t.Fatalf("want 2 users after rejected creates, have %d", n)
		}
		// Wrong JSON types are refused before any resolver runs.
		admin.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
			vars{"i": map[string]any{"email": 42, "name": true, "password": []int{1}, "role": "VIEWER"}}).wantCode("BAD_USER_INPUT")
	})
}

func TestLastAdminRule(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		me := admin.gql(`{ me { id } }`, nil).ok().str("me", "id")
		r := admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:EDITOR}) { user { id } } }`, vars{"id": me}).wantCode("BAD_USER_INPUT")
		if !strings.Contains(r.Errors[0].Message, "last Admin") {
			t.Fatalf("message: %s", r.body)
		}
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": me}).wantCode("BAD_USER_INPUT")

		second := admin.createUser("second@example.com", "EDITOR")
		admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:ADMIN}) { user { role } } }`, vars{"id": second}).ok()
		admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:VIEWER}) { user { role } } }`, vars{"id": me}).ok()
		// The demoted user's live session now carries the new role.
		admin.gql(`{ users { nodes { id } } }`, nil).wantCode("FORBIDDEN")
		other := s.login("second@example.com", "password-EDITOR")
		other.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": second}).wantCode("BAD_USER_INPUT")
		other.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": me}).ok()
		if got := admin.gql(`{ me { id } }`, nil).ok(); got.get("me") != nil {
			t.Fatal("a deleted user's session still works")
		}
	})
}

func TestOtherOrganisationIsNotFound(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL, func(c *config) { c.AllowSignup = true })
		acme := s.admin()
		acmeUser := acme.createUser("worker@acme.example", "EDITOR")
		acmeKey, _ := acme.createKey("acme key")

		globex := s.otherOrg()
		for _, q := range []struct{ query, id, want string }{
			{`mutation($id:ID!){ updateUserRole(input:{id:$id, role:VIEWER}) { user { id } } }`, acmeUser, "NOT_FOUND"},
			// Deletes are idempotent: another organisation's id answers like
			// an id that is already gone, and nothing is deleted (checked below).
			{`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, acmeUser, ""},
			{`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, acmeKey, ""},
			{`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, "00000000-0000-0000-0000-000000000000", ""},
		} {
			r := globex.gql(q.query, vars{"id": q.id})
			if q.want == "" {
				r.ok()
			} else {
				r.wantCode(q.want)
			}
			if strings.Contains(r.body, "acme") {
				t.Fatalf("leaked: %s", r.body)
			}
		}
		still := acme.gql(`{ users { nodes { email } } apiKeys { name } }`, nil).ok()
		if !strings.Contains(still.body, "worker@acme.example") || !strings.Contains(still.body, "acme key") {
			t.Fatalf("another organisation's delete removed our rows: %s", still.body)
		}
		lists := globex.gql(`{ users { nodes { email } } apiKeys { name } auditEvents { targetName } }`, nil).ok()
		if strings.Contains(lists.body, "acme") {
			t.Fatalf("another organisation's data is visible: %s", lists.body)
		}
		acme.gql(`{ users { nodes { email } } }`, nil).ok()
	})
}

func TestSignupSwitch(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	s.anon().gql(`mutation{ signup(input:{orgName:"Initech", email:"p@initech.example", name:"P", password:"password-1"}) { user { id } } }`, nil).wantCode("FORBIDDEN")
	on := newServer(t, sqliteURL(t), func(c *config) { c.AllowSignup = true })
	c := on.anon()
	c.gql(`mutation{ signup(input:{orgName:"I", email:"p@initech.example", name:"P", password:"password-1"}) { user { id } } }`, nil).wantCode("BAD_USER_INPUT")
	c.gql(`mutation{ signup(input:{orgName:"Initech", email:"p@initech.example", name:"P", password:"password-1"}) { user { role } } }`, nil).ok()
	who := c.gql(`{ whoami { organization { name } user { role } } }`, nil).ok()
	if who.str("whoami", "organization", "name") != "Initech" || who.str("whoami", "user", "role") != "ADMIN" {
		t.Fatalf("signup did not sign in as the new admin: %s", who.body)
	}
	if orgs := countRows(t, on, &models.Organization{}); orgs != 2 {
		t.Fatalf("want 2 organisations (failed signups leave none), have %d", orgs)
	}
}

func TestSetupFlow(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL, func(c *config) { c.AdminEmail, c.AdminPassword = "", "" })
		if s.app.setup == nil {
			t.Fatal("no setup token without bootstrap settings")
		}
		var banner strings.Builder
		s.app.banner(&banner, "http://x")
		token := s.app.setup.Value()
		if !strings.Contains(banner.String(), "http://x/setup?token="+token) {
			t.Fatalf("banner lacks the setup link: %s", banner.String())
		}
		c := s.anon()
		if c.gql(`{ setupRequired }`, nil).ok().get("setupRequired") != true {
			t.Fatal("setupRequired should be true")
		}
		q := `mutation($t:String!,$p:String!){ setup(input:{token:$t, orgName:"Acme", email:"first@example.com", name:"First", password:$p}) { user { role } } }`
		c.gql(q, vars{"t": "wrong", "p": "password-1"}).wantCode("BAD_USER_INPUT")
		// Bad input does not spend the token.
		c.gql(q, vars{"t": token, "p": "short"}).wantCode("BAD_USER_INPUT")
		if r := c.gql(q, vars{"t": token, "p": "password-1"}).ok(); r.str("setup", "user", "role") != "ADMIN" {
			t.Fatalf("setup: %s", r.body)
		}
		if c.gql(`{ me { email } }`, nil).ok().str("me", "email") != "first@example.com" {
			t.Fatal("setup did not sign in")
		}
		s.anon().gql(q, vars{"t": token, "p": "password-2"}).wantCode("BAD_USER_INPUT")
		if n := countRows(t, s, &models.User{}); n != 1 {
			t.Fatalf("want 1 user, have %d", n)
		}
	})
}

func TestBootstrapRunsOnce(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		first := newServer(t, dbURL)
		if first.app.bootstrapped != adminEmail || first.app.setup != nil {
			t.Fatal("bootstrap from environment did not run")
		}
		first.admin()
		second := newServer(t, dbURL, func(c *config) { c.AdminEmail, c.AdminPassword = "other@example.com", "other-pass-1" })
		if second.app.bootstrapped != "" || second.app.setup != nil {
			t.Fatal("bootstrap ran again on a database with users")
		}
		second.anon().gql(`mutation{ login(input:{email:"other@example.com", password:"other-pass-1"}) { user { id } } }`, nil).wantCode("UNAUTHENTICATED")
		second.admin()
	})
}

func TestMembersForChoosingOwners(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		admin.createUser("viewer@example.com", "VIEWER")
		r := admin.gql(`mutation{ createApiKey(input:{name:"reader", scope: READ_ONLY}) { secret } }`, nil).ok()
		s.otherOrg() // its people must not show

		for who, c := range map[string]*client{
			"READ_ONLY key": s.bearer(r.str("createApiKey", "secret")),
			"viewer":        s.login("viewer@example.com", "password-VIEWER"),
		} {
			list := c.gql(`{ members { totalCount nodes { id name email role } } }`, nil).ok()
			if got := len(list.get("members", "nodes").([]any)); got != 2 || list.get("members", "totalCount") != float64(2) ||
				strings.Contains(list.body, "globex") || !strings.Contains(list.body, `"role":"VIEWER"`) {
				t.Fatalf("%s sees: %s", who, list.body)
			}
		}
		s.anon().gql(`{ members { nodes { id } } }`, nil).wantCode("UNAUTHENTICATED")
		// One person type: members, owners and approvers are all User.
		if r := admin.gql(`{ __type(name: "Member") { name } }`, nil).ok(); r.get("__type") != nil {
			t.Fatalf("Member type still exists: %s", r.body)
		}
	})
}

func TestSessionExpiry(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		for name, age := range map[string]func(*models.Session){
			"idle":     func(ss *models.Session) { ss.LastSeenAt = ss.LastSeenAt.Add(-models.SessionIdle - time.Minute) },
			"absolute": func(ss *models.Session) { ss.ExpiresAt = time.Now().UTC().Add(-time.Second) },
		} {
			t.Run(name, func(t *testing.T) {
				c := s.admin()
				var ss models.Session
				if err := s.app.db.Order("created_at DESC").Take(&ss).Error; err != nil {
					t.Fatal(err)
				}
				age(&ss)
				if err := s.app.db.Save(&ss).Error; err != nil {
					t.Fatal(err)
				}
				if r := c.gql(`{ me { id } }`, nil).ok(); r.get("me") != nil {
					t.Fatalf("an %s-expired session still works: %s", name, r.body)
				}
				if err := s.app.db.Where("id = ?", ss.ID).Take(&models.Session{}).Error; err == nil {
					t.Fatal("the expired session row was not deleted")
				}
			})
		}
		// A session in use stays alive and records the use.
		c := s.admin()
		var ss models.Session
		s.app.db.Order("created_at DESC").Take(&ss)
		ss.LastSeenAt = ss.LastSeenAt.Add(-time.Hour)
		s.app.db.Save(&ss)
		c.gql(`{ me { id } }`, nil).ok()
		var after models.Session
		s.app.db.Where("id = ?", ss.ID).Take(&after)
		if !after.LastSeenAt.After(ss.LastSeenAt.Add(59 * time.Minute)) {
			t.Fatalf("last seen not moved on use: %s", after.LastSeenAt)
		}
	})
}

func TestSessionCookieIsSecureOverTLS(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	tlsServer := httptest.NewTLSServer(s.app.handler)
	defer tlsServer.Close()
	body := strings.NewReader(`{"query":"mutation{ login(input:{email:\"admin@example.com\", password:\"correct-horse-1\"}) { user { id } } }"}`)
	res, err := tlsServer.Client().Post(tlsServer.URL+"/graphql", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if cookie := res.Header.Get("Set-Cookie"); !strings.Contains(cookie, "Secure") || !strings.Contains(cookie, "HttpOnly") {
		t.Fatalf("cookie over TLS: %q", cookie)
	}
	// And over plain HTTP (local development) it is not marked Secure, or the browser would drop it.
	r := s.anon().gql(`mutation{ login(input:{email:"admin@example.com", password:"correct-horse-1"}) { user { id } } }`, nil).ok()
	if strings.Contains(r.header.Get("Set-Cookie"), "Secure") {
		t.Fatalf("cookie over HTTP: %q", r.header.Get("Set-Cookie"))
	}
}
