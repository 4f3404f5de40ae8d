package main

import (
	"context"
	"strings"
	"testing"

	"keyward/models"
)

// "Ignoring case" means Unicode NFC plus full case folding, the same on
// both databases: search, API key names and the model identity.
func TestIdentityIgnoresCaseAndNormalisation(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		pid := admin.createProject("ΣΊΣΥΦΟΣ")
		admin.createProject("Straße planning")
		admin.createProject("IŞIK")
		admin.createRisk(pid, "Cafe\u0301 leak", 1, 1) // decomposed é
		for _, c := range []struct{ query, search, want string }{
			{`query($s:String){ projects(filter:{search:$s}) { nodes { title } } }`, "σίσυφος", "ΣΊΣΥΦΟΣ"},  // final sigma
			{`query($s:String){ projects(filter:{search:$s}) { nodes { title } } }`, "STRASSE", "Straße"},   // ß
			{`query($s:String){ projects(filter:{search:$s}) { nodes { title } } }`, "ışık", "IŞIK"},        // dotless ı
			{`query($s:String){ risks(filter:{search:$s}) { nodes { name } } }`, "CAFÉ", "Cafe\u0301 leak"}, // composed é
		} {
			r := admin.gql(c.query, vars{"s": c.search}).ok()
			if !strings.Contains(r.body, strings.TrimSuffix(c.want, " leak")) {
				t.Errorf("search %q did not find %q: %s", c.search, c.want, r.body)
			}
		}

		// One model, however its identity is spelled.
		first := admin.gql(upsertModel, vars{"i": map[string]any{"provider": "Modèle AG", "model": "Straße", "version": "Σ1"}}).ok()
		again := admin.gql(upsertModel, vars{"i": map[string]any{"provider": "MODE\u0300LE ag", "model": "STRASSE", "version": "ς1"}}).ok()
		if again.get("upsertAiModel", "created") != false || again.str("upsertAiModel", "aiModel", "id") != first.str("upsertAiModel", "aiModel", "id") {
			t.Fatalf("a second spelling of the same identity made a new entry: %s", again.body)
		}
		admin.gql(`mutation{ createAiModel(input:{provider:"modèle ag", model:"strasse", version:"σ1"}) { aiModel { id } } }`, nil).wantCode("DUPLICATE_NAME")
		r := admin.gql(`query($p:String){ aiModels(filter:{provider:$p}) { totalCount } }`, vars{"p": "MODE\u0300LE AG"}).ok()
		if n, _ := r.get("aiModels", "totalCount").(float64); n != 1 {
			t.Fatalf("provider filter: %s", r.body)
		}

		// API key names are unique by the same key.
		admin.createKey("Straße key")
		admin.gql(`mutation{ createApiKey(input:{name:"STRASSE KEY"}) { secret } }`, nil).wantCode("DUPLICATE_NAME")
		admin.createKey("Işık")
		admin.gql(`mutation{ createApiKey(input:{name:"ışık"}) { secret } }`, nil).wantCode("DUPLICATE_NAME")
	})
}

// Keys stored by the previous release (plain lower-casing) are rewritten at
// start; names that become one are reported, not merged and not fatal.
func TestIdentityKeyMigration(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		pid := admin.createProject("Straße")
		k1, _ := admin.createKey("Maße")
		k2, _ := admin.createKey("Other")
		mid := admin.gql(upsertModel, vars{"i": map[string]any{"provider": "Cafe\u0301", "model": "m", "version": "1"}}).ok().str("upsertAiModel", "aiModel", "id")
		db := s.app.db
		// What the previous release stored: strings.ToLower of the name.
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE projects SET title_key = ? WHERE id = ?", []any{strings.ToLower("Straße"), pid}},
			{"UPDATE api_keys SET name_key = ? WHERE id = ?", []any{strings.ToLower("Maße"), k1}},
			{"UPDATE api_keys SET name = ?, name_key = ? WHERE id = ?", []any{"MASSE", strings.ToLower("MASSE"), k2}},
			{"UPDATE ai_models SET provider_key = ? WHERE id = ?", []any{strings.ToLower("Cafe\u0301"), mid}},
		} {
			if err := db.Exec(q.sql, q.args...).Error; err != nil {
				t.Fatal(err)
			}
		}
		admin.gql(`{ projects(filter:{search:"STRASSE"}) { totalCount } }`, nil).ok()

		dups, err := models.RewriteIdentityKeys(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if len(dups) != 1 || dups[0].Table != "api_keys" || dups[0].Key != "masse" || len(dups[0].IDs) != 2 {
			t.Fatalf("want the two API keys reported as one name, got %+v", dups)
		}
		var titleKey, providerKey string
		db.Raw("SELECT title_key FROM projects WHERE id = ?", pid).Scan(&titleKey)
		db.Raw("SELECT provider_key FROM ai_models WHERE id = ?", mid).Scan(&providerKey)
		if titleKey != "strasse" || providerKey != models.IdentityKey("CAFÉ") {
			t.Fatalf("keys not rewritten: %q %q", titleKey, providerKey)
		}
		r := admin.gql(`{ projects(filter:{search:"STRASSE"}) { totalCount } }`, nil).ok()
		if n, _ := r.get("projects", "totalCount").(float64); n != 1 {
			t.Fatalf("search after the rewrite: %s", r.body)
		}
		// Idempotent: a second run finds the same duplicate and changes nothing else.
		if again, err := models.RewriteIdentityKeys(context.Background(), db); err != nil || len(again) != 1 {
			t.Fatalf("second run: %v %+v", err, again)
		}
		// A server starting on this database reports it in its log.
		s2 := newServer(t, s.app.cfg.DatabaseURL)
		if log := s2.log.String(); !strings.Contains(log, "api_keys in organisation") || !strings.Contains(log, k1) || !strings.Contains(log, k2) {
			t.Fatalf("start-up did not report the duplicate names:\n%s", log)
		}
	})
}
