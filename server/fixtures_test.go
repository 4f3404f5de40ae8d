package main

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"keyward/models"
)

// The test fixtures: objects made through the real API as a client, and
// counts read straight from the database.

// createKey makes an API key as the client and returns (id, secret).
func (c *client) createKey(name string) (string, string) {
	c.s.t.Helper()
	r := c.gql(`mutation($n:String!){ createApiKey(input:{name:$n}) { secret apiKey { id } } }`, vars{"n": name}).ok()
	return r.str("createApiKey", "apiKey", "id"), r.str("createApiKey", "secret")
}

// createUser adds a user with the role as the (admin) client and returns its id.
func (c *client) createUser(email, role string) string {
	c.s.t.Helper()
	r := c.gql(`mutation($i:CreateUserInput!){ createUser(input:$i) { user { id } } }`,
		vars{"i": map[string]any{"email": email, "name": "Test " + role, "password": "password-" + role, "role": role}}).ok()
	return r.str("createUser", "user", "id")
}

// createProject adds a project as the client and returns its id.
func (c *client) createProject(title string, extra ...vars) string {
	c.s.t.Helper()
	in := map[string]any{"title": title}
	for _, e := range extra {
		for k, v := range e {
			in[k] = v
		}
	}
	r := c.gql(`mutation($i:CreateProjectInput!){ createProject(input:$i) { project { id } } }`, vars{"i": in}).ok()
	return r.str("createProject", "project", "id")
}

// createRisk adds a risk to the project as the client and returns its id.
func (c *client) createRisk(projectID, name string, likelihood, severity int) string {
	c.s.t.Helper()
	r := c.gql(`mutation($i:CreateRiskInput!){ createRisk(input:$i) { risk { id } } }`, vars{"i": map[string]any{
		"projectId": projectID, "name": name, "likelihood": likelihood, "severity": severity}}).ok()
	return r.str("createRisk", "risk", "id")
}

// fixture is one object of each kind, made fresh for every call.
type fixture struct{ project, model, risk string }

const secretTitle = "Confidential project"

func (c *client) fixture() fixture {
	c.s.t.Helper()
	p := c.createProject(secretTitle)
	m := c.gql(`mutation($p:ID!,$v:String!){ createAiModel(input:{provider:"Secret", model:"internal-model", version:$v, projectIds:[$p]}) { aiModel { id } } }`,
		vars{"p": p, "v": uuid.NewString()}).ok().str("createAiModel", "aiModel", "id")
	return fixture{project: p, model: m, risk: c.createRisk(p, "Confidential risk", 2, 3)}
}

func (s *testServer) adminOrg(t *testing.T) string {
	var u models.User
	if err := s.app.db.Where("email = ?", adminEmail).Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	return u.OrganizationID
}

// signupAs creates an organisation with its admin and returns the signed-in client.
func signupAs(s *testServer, org, email, password string) *client {
	s.t.Helper()
	c := s.anon()
	c.gql(`mutation($o:String!,$e:String!,$p:String!){ signup(input:{orgName:$o, email:$e, name:"Founder", password:$p}) { user { id } } }`,
		vars{"o": org, "e": email, "p": password}).ok()
	return c
}

// countRows counts a model's rows across all organisations.
func countRows(t *testing.T, s *testServer, model any) int64 {
	t.Helper()
	var n int64
	if err := s.app.db.Model(model).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func countKeys(t *testing.T, s *testServer) int64 { return countRows(t, s, &models.APIKey{}) }

// otherOrg signs up a second organisation, Globex, and returns its admin
// (the server needs AllowSignup).
func (s *testServer) otherOrg() *client {
	s.t.Helper()
	return signupAs(s, "Globex", "boss@globex.example", "globex-pass-1")
}

// setKey changes a key's stored columns behind the server's back.
func (s *testServer) setKey(id string, col string, v any) {
	s.t.Helper()
	if err := s.app.db.Model(&models.APIKey{}).Where("id = ?", id).Update(col, v).Error; err != nil {
		s.t.Fatal(err)
	}
}

// daysAgo is the time n days before now, in UTC.
func daysAgo(n int) time.Time { return time.Now().UTC().Add(-time.Duration(n) * 24 * time.Hour) }

// flushUsage writes the counted usage and last uses now, as the periodic flush would.
func (s *testServer) flushUsage() {
	s.t.Helper()
	if err := s.app.usage.Flush(context.Background()); err != nil {
		s.t.Fatal(err)
	}
	if err := s.app.lastUsed.Flush(context.Background()); err != nil {
		s.t.Fatal(err)
	}
}

// addUsage stores daily counts as a flush would.
func (s *testServer) addUsage(rows ...models.APIKeyUsage) {
	s.t.Helper()
	if err := models.AddUsage(context.Background(), s.app.db, uuid.NewString(), rows); err != nil {
		s.t.Fatal(err)
	}
}

// expireKey moves a key's expiry into the past behind the server's back;
// the key must not be cached yet.
func (s *testServer) expireKey(id string) {
	s.t.Helper()
	s.setKey(id, "expires_at", time.Now().UTC().Add(-time.Hour))
}
