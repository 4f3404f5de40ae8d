package main

import (
	"net/http"
	"slices"
	"testing"
)

func TestOffboardingDeletesTheKeysAPersonCreated(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		_, adminKey := admin.createKey("admin's own key")
		works := func(secret string) bool {
			return s.bearer(secret).gql(`{ whoami { kind } }`, nil).status == http.StatusOK
		}
		// newAdmin is a second Admin who signs in and makes two keys, now cached.
		newAdmin := func(email string) (id string, keys []string) {
			id = admin.createUser(email, "ADMIN")
			c := s.login(email, "password-ADMIN")
			for _, name := range []string{email + " ci", email + " etl"} {
				keyID, secret := c.createKey(name)
				keys = append(keys, secret)
				if name == email+" ci" {
					// Rotated with a grace period: the previous secret works too, and must go with the key.
					r := c.gql(`mutation($id:ID!){ rotateApiKey(input:{id:$id, graceHours:24}) { secret } }`, vars{"id": keyID}).ok()
					keys = append(keys, r.str("rotateApiKey", "secret"))
				}
			}
			for _, k := range keys {
				if !works(k) {
					t.Fatalf("a new key of %s does not work", email)
				}
			}
			return id, keys
		}
		audit := func() []string {
			r := admin.gql(`{ auditEvents(limit: 100) { action targetName } }`, nil).ok()
			var out []string
			for _, e := range r.get("auditEvents").([]any) {
				m := e.(map[string]any)
				out = append(out, m["action"].(string)+" "+m["targetName"].(string))
			}
			return out
		}

		// Removing a person with deleteApiKeys: their keys stop at once, and
		// the audit trail names each one.
		leaverID, leaverKeys := newAdmin("leaver@example.com")
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id, deleteApiKeys:true}) { deletedUserId } }`, vars{"id": leaverID}).ok()
		for _, k := range leaverKeys {
			if works(k) {
				t.Fatal("a removed person's key still works")
			}
		}
		if !works(adminKey) {
			t.Fatal("another person's key was deleted")
		}
		events := audit()
		for _, want := range []string{"API_KEY_DELETED leaver@example.com ci", "API_KEY_DELETED leaver@example.com etl", "USER_DELETED leaver@example.com"} {
			if !slices.Contains(events, want) {
				t.Fatalf("audit lacks %q: %v", want, events)
			}
		}

		// Without it, the keys stay, with no creator: the documented default.
		stayerID, stayerKeys := newAdmin("stayer@example.com")
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id}) { deletedUserId } }`, vars{"id": stayerID}).ok()
		if !works(stayerKeys[0]) {
			t.Fatal("deleteUser without deleteApiKeys deleted keys")
		}
		r := admin.gql(`{ apiKeys { name createdBy { id } } }`, nil).ok()
		for _, k := range r.get("apiKeys").([]any) {
			m := k.(map[string]any)
			if m["name"] == "stayer@example.com ci" && m["createdBy"] != nil {
				t.Fatalf("a removed creator is still named: %s", r.body)
			}
		}

		// Demoting an Admin with deleteApiKeys ends their keys too.
		demotedID, demotedKeys := newAdmin("demoted@example.com")
		r = admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:VIEWER, deleteApiKeys:true}) { user { role } } }`, vars{"id": demotedID}).ok()
		if r.str("updateUserRole", "user", "role") != "VIEWER" || slices.ContainsFunc(demotedKeys, works) {
			t.Fatalf("demotion with deleteApiKeys: %s", r.body)
		}
		if !slices.Contains(audit(), "API_KEY_DELETED demoted@example.com ci") {
			t.Fatal("the demotion's key deletions are not audited")
		}

		// A refused removal deletes no key: one transaction.
		var adminID string
		for _, u := range admin.gql(`{ users(first: 100) { nodes { id email } } }`, nil).ok().get("users", "nodes").([]any) {
			if m := u.(map[string]any); m["email"] == adminEmail {
				adminID = m["id"].(string)
			}
		}
		admin.gql(`mutation($id:ID!){ deleteUser(input:{id:$id, deleteApiKeys:true}) { deletedUserId } }`, vars{"id": adminID}).wantCode("BAD_USER_INPUT")
		admin.gql(`mutation($id:ID!){ updateUserRole(input:{id:$id, role:EDITOR, deleteApiKeys:true}) { user { id } } }`, vars{"id": adminID}).wantCode("BAD_USER_INPUT")
		s.app.keys.Purge() // ask the database, not the cache
		if !works(adminKey) {
			t.Fatal("a refused removal of the last Admin deleted their key")
		}
	})
}
