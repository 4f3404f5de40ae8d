package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"keyward/models"
	"keyward/ratelimit"
)

const loginQ = `mutation($e:String!,$p:String!,$o:ID){ login(input:{email:$e, password:$p, organizationId:$o}) { user { id organization { name } } } }`

func TestEmailIdentifiesAUserWithinOneOrganisation(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL, func(c *config) { c.AllowSignup, c.SignupLimit = true, ratelimit.Limit{} })
		acme := s.admin()
		acme.createUser("viewer@example.com", "VIEWER")

		// Anonymous sign-up with an email Acme uses: a new organisation, no hint.
		globex := signupAs(s, "Globex", "ADMIN@example.com", "globex-pass-1")
		// Globex's admin adds a person Acme already has: no hint either.
		r := globex.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id email } } }`,
			vars{"i": map[string]any{"email": "Viewer@Example.com", "name": "V", "password": "globex-viewer-1", "role": "EDITOR"}}).ok()
		if r.str("createUser", "user", "email") != "viewer@example.com" {
			t.Fatalf("email not normalised: %s", r.body)
		}
		// Within one organisation the email is still unique, whatever its case.
		dup := globex.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
			vars{"i": map[string]any{"email": "VIEWER@example.com", "name": "V2", "password": "password-2", "role": "VIEWER"}}).wantCode("DUPLICATE_NAME")
		if !strings.Contains(dup.Errors[0].Message, "in this organisation") {
			t.Fatalf("duplicate message: %s", dup.body)
		}

		// The password decides which account signs in.
		for pw, org := range map[string]string{adminPassword: "Acme", "globex-pass-1": "Globex"} {
			r := s.anon().gql(loginQ, vars{"e": adminEmail, "p": pw}).ok()
			if got := r.str("login", "user", "organization", "name"); got != org {
				t.Fatalf("password for %s signed in to %s", org, got)
			}
		}
		wrong := s.anon().gql(loginQ, vars{"e": adminEmail, "p": "neither-password"}).wantCode("UNAUTHENTICATED")
		if strings.Contains(wrong.body, "Globex") || strings.Contains(wrong.body, "organizations") {
			t.Fatalf("a failed sign-in names organisations: %s", wrong.body)
		}

		// One password for two accounts: the caller must choose, and only
		// now, with the password proven, are the organisations named.
		acme.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
			vars{"i": map[string]any{"email": "both@example.com", "name": "B", "password": "same-pass-1", "role": "VIEWER"}}).ok()
		globex.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
			vars{"i": map[string]any{"email": "both@example.com", "name": "B", "password": "same-pass-1", "role": "EDITOR"}}).ok()
		c := s.anon()
		choose := c.gql(loginQ, vars{"e": "Both@example.com", "p": "same-pass-1"}).wantCode("BAD_USER_INPUT")
		if choose.field() != "input.organizationId" {
			t.Fatalf("choice not on organizationId: %s", choose.body)
		}
		orgs, _ := choose.Errors[0].Extensions["organizations"].([]any)
		names := map[string]string{}
		for _, o := range orgs {
			m := o.(map[string]any)
			names[m["name"].(string)] = m["id"].(string)
		}
		if len(names) != 2 || names["Acme"] == "" || names["Globex"] == "" {
			t.Fatalf("organisations to choose from: %s", choose.body)
		}
		if c.gql(`{ me { id } }`, nil).ok().get("me") != nil {
			t.Fatal("a sign-in that asked for a choice started a session")
		}
		r = c.gql(loginQ, vars{"e": "both@example.com", "p": "same-pass-1", "o": names["Globex"]}).ok()
		if r.str("login", "user", "organization", "name") != "Globex" {
			t.Fatalf("chose Globex, got %s", r.body)
		}
		if role := c.gql(`{ me { role } }`, nil).ok().str("me", "role"); role != "EDITOR" {
			t.Fatalf("signed in as %s, want Globex's EDITOR", role)
		}
		// Naming an organisation where the password does not match is a plain failure.
		s.anon().gql(loginQ, vars{"e": adminEmail, "p": "globex-pass-1", "o": names["Acme"]}).wantCode("UNAUTHENTICATED")
	})
}

// Sign-in compares at most MaxSignInAccounts passwords; an account beyond
// them is reached by naming its organisation.
func TestSignInCostIsBounded(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) { c.AllowSignup, c.SignupLimit = true, ratelimit.Limit{} })
	var lastOrg string
	for i := range models.MaxSignInAccounts + 1 {
		c := signupAs(s, fmt.Sprintf("Org %d", i), "many@example.com", fmt.Sprintf("password-%d", i))
		lastOrg = c.gql(`{ me { organization { id } } }`, nil).ok().str("me", "organization", "id")
	}
	newest := fmt.Sprintf("password-%d", models.MaxSignInAccounts)
	s.anon().gql(loginQ, vars{"e": "many@example.com", "p": "password-0"}).ok()
	s.anon().gql(loginQ, vars{"e": "many@example.com", "p": newest}).wantCode("UNAUTHENTICATED")
	s.anon().gql(loginQ, vars{"e": "many@example.com", "p": newest, "o": lastOrg}).ok()
}

// Two admins adding the same email at once: one per organisation wins.
func TestConcurrentUsersWithOneEmail(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL, func(c *config) { c.AllowSignup = true })
		acme := s.admin()
		globex := signupAs(s, "Globex", "boss@globex.example", "globex-pass-1")
		add := func(c *client) *response {
			return c.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
				vars{"i": map[string]any{"email": "race@example.com", "name": "R", "password": "password-1", "role": "VIEWER"}})
		}
		counts := parallel(8, func(i int) *response {
			if i%2 == 0 {
				return add(acme)
			}
			return add(globex)
		})
		if counts[""] != 2 || counts["DUPLICATE_NAME"] != 6 {
			t.Fatalf("8 parallel adds of one email to two organisations: %v; want 2 created, 6 duplicates", counts)
		}
	})
}

// An existing database, made before emails were per organisation (release
// cd78cde's fixture, two organisations), keeps every user and loses only the
// global unique index.
func TestEmailPerOrganisationMigrationKeepsEveryUser(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		ctx := context.Background()
		loadFixture(t, dbURL)
		db, _, err := models.Connect(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		if !db.Migrator().HasIndex("users", "idx_users_email") {
			t.Fatal("the fixture should have the global unique email index")
		}
		var before []models.User
		db.Order("id").Find(&before)
		models.Close(db)

		for run := 1; run <= 2; run++ { // a second start changes nothing
			db, _, err = models.Open(ctx, dbURL)
			if err != nil {
				t.Fatalf("start %d on the old schema: %v", run, err)
			}
			var after []models.User
			db.Order("id").Find(&after)
			if len(after) != len(before) {
				t.Fatalf("start %d: %d users before, %d after", run, len(before), len(after))
			}
			for i := range before {
				if after[i].ID != before[i].ID || after[i].Email != before[i].Email || after[i].PasswordHash != before[i].PasswordHash || after[i].OrganizationID != before[i].OrganizationID {
					t.Fatalf("start %d: user changed: %+v → %+v", run, before[i], after[i])
				}
			}
			if db.Migrator().HasIndex("users", "idx_users_email") {
				t.Fatalf("start %d: the global unique email index is still there", run)
			}
			if run == 1 {
				models.Close(db)
			}
		}
		defer models.Close(db)
		var acme models.User
		if err := db.Where("email = ?", "admin@acme.test").Take(&acme).Error; err != nil {
			t.Fatal(err)
		}
		actor := models.Actor{Kind: "USER", ID: acme.ID, Name: acme.Email}
		if _, err := models.CreateUser(ctx, db, acme.OrganizationID, models.NewUserInput{Email: "hank@globex.test", Name: "H", Password: "password-1", Role: models.RoleViewer}, actor); err != nil {
			t.Fatalf("after migrating, Acme cannot add Globex's admin: %v", err)
		}
		if _, err := models.CreateUser(ctx, db, acme.OrganizationID, models.NewUserInput{Email: "Hank@globex.test", Name: "H", Password: "password-1", Role: models.RoleViewer}, actor); !models.HasCode(err, models.CodeDuplicateName) {
			t.Fatalf("after migrating, an email is no longer unique within one organisation: %v", err)
		}
	})
}
