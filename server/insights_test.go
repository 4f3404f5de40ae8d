package main

import (
	"strings"
	"testing"
	"time"

	"keyward/models"
)

type insight struct{ Kind, Message string }

// insights returns a key's insights, by key name.
func (c *client) insights(name string) []insight {
	c.s.t.Helper()
	r := c.gql(`{ apiKeys { name insights { kind message } } }`, nil).ok()
	for _, k := range r.get("apiKeys").([]any) {
		row := k.(map[string]any)
		if row["name"] != name {
			continue
		}
		var out []insight
		for _, i := range row["insights"].([]any) {
			m := i.(map[string]any)
			out = append(out, insight{m["kind"].(string), m["message"].(string)})
		}
		return out
	}
	c.s.t.Fatalf("no key %q in %s", name, r.body)
	return nil
}

// wantInsights fails unless the key's insight kinds are exactly kinds, in
// order, and each message holds the matching text.
func (c *client) wantInsights(name string, kinds []string, texts ...string) []insight {
	c.s.t.Helper()
	got := c.insights(name)
	var gotKinds []string
	for _, i := range got {
		gotKinds = append(gotKinds, i.Kind)
	}
	if strings.Join(gotKinds, ",") != strings.Join(kinds, ",") {
		c.s.t.Fatalf("%s: insights %v, want %v: %+v", name, gotKinds, kinds, got)
	}
	for i, text := range texts {
		if !strings.Contains(got[i].Message, text) {
			c.s.t.Fatalf("%s: %s message %q does not say %q", name, got[i].Kind, got[i].Message, text)
		}
	}
	return got
}

func TestInsightNeverUsed(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		oldID, old := admin.createKey("old unused")
		newID, _ := admin.createKey("new unused")
		s.setKey(oldID, "created_at", daysAgo(12))
		s.setKey(newID, "created_at", daysAgo(6))
		admin.wantInsights("old unused", []string{"NEVER_USED"}, "Created 12 days ago and never used. Delete it")
		admin.wantInsights("new unused", nil) // too new to judge

		s.bearer(old).createProject("First use") // a write, so no scope advice follows
		admin.wantInsights("old unused", nil)    // this replica shows the use before any flush
		s.flushUsage()
		admin.wantInsights("old unused", nil)
	})
}

func TestInsightUnused(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id, secret := admin.createKey("dormant")
		s.setKey(id, "created_at", daysAgo(60))
		s.setKey(id, "last_used_at", daysAgo(31))
		admin.wantInsights("dormant", []string{"UNUSED"}, "Not used for 31 days (last used on "+string(models.DayOf(daysAgo(31)))+")")
		s.setKey(id, "last_used_at", daysAgo(29))
		admin.wantInsights("dormant", nil)

		s.setKey(id, "last_used_at", daysAgo(45))
		s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
		s.flushUsage()
		// Reads and no writes now: that advice remains, but not UNUSED.
		admin.wantInsights("dormant", []string{"READ_ONLY_SUFFICES"})
	})
}

func TestInsightReadOnlySuffices(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		rwID, rw := admin.createKey("reader with rights")
		r := admin.gql(`mutation{ createApiKey(input:{name:"true reader", scope:READ_ONLY}) { secret apiKey { id } } }`, nil).ok()
		roID, ro := r.str("createApiKey", "apiKey", "id"), r.str("createApiKey", "secret")
		for _, id := range []string{rwID, roID} {
			s.setKey(id, "created_at", daysAgo(20))
		}
		for _, secret := range []string{rw, ro} {
			c := s.bearer(secret)
			c.gql(`{ projects { totalCount } }`, nil).ok()
			c.gql(`{ whoami { kind } }`, nil).ok()
		}
		admin.wantInsights("reader with rights", nil) // nothing flushed yet: no evidence
		s.flushUsage()
		admin.wantInsights("reader with rights", []string{"READ_ONLY_SUFFICES"}, "Made 2 reads and no writes in the last 30 days")
		admin.wantInsights("true reader", nil) // already Read only

		s.bearer(rw).createProject("A write")
		s.flushUsage()
		admin.wantInsights("reader with rights", nil)
	})
}

func TestInsightUsedAfterExpiry(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id, secret := admin.createKey("lapsed")
		c := s.bearer(secret)
		c.headers["User-Agent"] = "billing-export/3"
		c.gql(`{ whoami { kind } }`, nil).ok()
		s.flushUsage()
		s.app.keys.Purge()
		s.expireKey(id)
		for i := 0; i < 3; i++ {
			c.gql(`{ whoami { kind } }`, nil)
		}
		s.flushUsage()
		admin.wantInsights("lapsed", []string{"USED_AFTER_EXPIRY"},
			`3 requests were refused in the last 7 days`)
		got := admin.insights("lapsed")
		if !strings.Contains(got[0].Message, `came from 127.0.0.1 with "billing-export/3"`) {
			t.Fatalf("the message does not say where to look: %q", got[0].Message)
		}
		// Refusals older than 7 days are history, not advice.
		if err := s.app.db.Model(&models.APIKeyUsage{}).Where("api_key_id = ? AND refused > 0", id).
			Update("day", models.DayOf(daysAgo(8))).Error; err != nil {
			t.Fatal(err)
		}
		admin.wantInsights("lapsed", nil)
	})
}

func TestInsightHighErrorRate(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		id, secret := admin.createKey("failing")
		small, _ := admin.createKey("small sample")
		c := s.bearer(secret)
		for i := 0; i < 79; i++ {
			c.createProject("P" + string(rune('A'+i/26)) + string(rune('a'+i%26)))
		}
		for i := 0; i < 21; i++ {
			c.gql(`{ apiKeys { id } }`, nil).wantCode("FORBIDDEN")
		}
		s.flushUsage()
		admin.wantInsights("failing", []string{"HIGH_ERROR_RATE"}, "21% of its 100 requests in the last 7 days failed (21 errors)")

		// Five more good requests: 21 of 105 is exactly 20%, not more.
		s.addUsage([]models.APIKeyUsage{
			{APIKeyID: id, Day: models.DayOf(time.Now()), UsageCounts: models.UsageCounts{Requests: 5, Writes: 5}},
			{APIKeyID: small, Day: models.DayOf(time.Now()), UsageCounts: models.UsageCounts{Requests: 99, Reads: 99, Errors: 90}},
		}...)
		admin.wantInsights("failing", nil)
		admin.wantInsights("small sample", nil) // 99 requests are too few to judge
	})
}

func TestInsightExpiresSoon(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		r := admin.gql(`mutation{ createApiKey(input:{name:"short lived", expiresInDays:3}) { apiKey { id expiresAt } } }`, nil).ok()
		id := r.str("createApiKey", "apiKey", "id")
		admin.createKey("long lived")
		admin.wantInsights("short lived", []string{"EXPIRES_SOON"}, "Expires in 3 days, on ")
		admin.wantInsights("long lived", nil)
		s.setKey(id, "expires_at", time.Now().UTC().Add(5*time.Hour))
		admin.wantInsights("short lived", []string{"EXPIRES_SOON"}, "Expires in 5 hours")
		s.setKey(id, "expires_at", time.Now().UTC().Add(-time.Minute))
		admin.wantInsights("short lived", nil) // expired: the status says so
		s.setKey(id, "expires_at", daysAgo(-8))
		admin.wantInsights("short lived", nil)
	})
}

// Several insights on one key come most urgent first.
func TestInsightsMostUrgentFirst(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	r := admin.gql(`mutation{ createApiKey(input:{name:"neglected", expiresInDays:2}) { apiKey { id } } }`, nil).ok()
	id := r.str("createApiKey", "apiKey", "id")
	s.setKey(id, "created_at", daysAgo(40))
	s.addUsage([]models.APIKeyUsage{
		{APIKeyID: id, Day: models.DayOf(time.Now()), UsageCounts: models.UsageCounts{Requests: 200, Reads: 150, Errors: 100, Refused: 50}},
	}...)
	admin.wantInsights("neglected", []string{"USED_AFTER_EXPIRY", "EXPIRES_SOON", "HIGH_ERROR_RATE", "NEVER_USED", "READ_ONLY_SUFFICES"},
		"50 requests were refused", "Expires in 2 days", "50% of its 200 requests", "Created 40 days ago", "Made 150 reads")
}
