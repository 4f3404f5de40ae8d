package main

import (
	"fmt"
	"slices"
	"testing"
)

const auditLogQuery = `query($n:Int, $a:String, $f:AuditFilter){ auditLog(first:$n, after:$a, filter:$f) {
  nodes { id action actorKind actorId actorName targetId targetName createdAt }
  pageInfo { hasNextPage endCursor } totalCount } }`

// auditPage is one auditLog page: event ids, actions, the cursor and whether more follow.
type auditPage struct {
	ids, actions []string
	cursor       string
	more         bool
	total        int
}

func (c *client) auditLog(n any, after any, filter vars) auditPage {
	c.s.t.Helper()
	r := c.gql(auditLogQuery, vars{"n": n, "a": after, "f": filter}).ok()
	var p auditPage
	for _, e := range r.get("auditLog", "nodes").([]any) {
		m := e.(map[string]any)
		p.ids = append(p.ids, m["id"].(string))
		p.actions = append(p.actions, m["action"].(string))
	}
	p.cursor = r.str("auditLog", "pageInfo", "endCursor")
	p.more = r.get("auditLog", "pageInfo", "hasNextPage").(bool)
	p.total = int(r.get("auditLog", "totalCount").(float64))
	return p
}

func TestAuditLogPagesNewestFirst(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		goneID, _ := admin.createKey("short-lived key")
		keyID, secret := admin.createKey("writer key")
		admin.gql(`mutation($id:ID!){ deleteApiKey(input:{id:$id}) { deletedApiKeyId } }`, vars{"id": goneID}).ok()
		admin.createUser("ed@example.com", "EDITOR")
		s.bearer(secret).createProject("Made with a key")
		for i := 0; i < 4; i++ {
			admin.createProject(fmt.Sprintf("Admin project %d", i))
		}

		// Walking pages of 3 gives exactly auditEvents' order, no row twice.
		r := admin.gql(`{ auditEvents(limit: 100) { id } }`, nil).ok()
		var want []string
		for _, e := range r.get("auditEvents").([]any) {
			want = append(want, e.(map[string]any)["id"].(string))
		}
		if len(want) != 9 {
			t.Fatalf("want 9 events, got %d", len(want))
		}
		var got []string
		var after any
		for pages := 0; ; pages++ {
			p := admin.auditLog(3, after, nil)
			if p.total != 9+min(pages, 1) {
				t.Fatalf("page %d: totalCount %d, want %d", pages, p.total, 9+min(pages, 1))
			}
			got = append(got, p.ids...)
			if pages == 0 {
				// An event written between pages is newer: it never shifts the next page.
				admin.createProject("Written while paging")
			}
			if !p.more {
				break
			}
			after = p.cursor
		}
		if !slices.Equal(got, want) {
			t.Fatalf("paged ids %v, want %v", got, want)
		}
		if p := admin.auditLog(3, nil, nil); p.actions[0] != "PROJECT_CREATED" || p.total != 10 {
			t.Fatalf("the newest event is not first: %+v", p)
		}

		// Filters: by action, by actor (a key), by target (one key's lifecycle).
		if p := admin.auditLog(nil, nil, vars{"action": []string{"API_KEY_DELETED", "USER_CREATED"}}); !slices.Equal(p.actions, []string{"USER_CREATED", "API_KEY_DELETED"}) || p.total != 2 {
			t.Fatalf("by action: %+v", p)
		}
		if p := admin.auditLog(nil, nil, vars{"actorId": keyID}); !slices.Equal(p.actions, []string{"PROJECT_CREATED"}) || p.total != 1 {
			t.Fatalf("by actor key: %+v", p)
		}
		if p := admin.auditLog(nil, nil, vars{"targetId": goneID}); !slices.Equal(p.actions, []string{"API_KEY_DELETED", "API_KEY_CREATED"}) {
			t.Fatalf("by target: %+v", p)
		}
		if p := admin.auditLog(nil, nil, vars{"actorId": "6f1c4a7e-0000-4000-8000-000000000000"}); len(p.ids) != 0 || p.more || p.total != 0 {
			t.Fatalf("unknown actor: %+v", p)
		}
	})
}

func TestAuditLogInputAndAccess(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	for i := 0; i < 55; i++ {
		admin.createProject(fmt.Sprintf("Project %02d", i))
	}
	if p := admin.auditLog(nil, nil, nil); len(p.ids) != 50 || !p.more {
		t.Fatalf("default page: %d events, more %v; want 50 and more", len(p.ids), p.more)
	}
	if r := admin.gql(`{ auditLog(first: null) { nodes { id } } }`, nil).ok(); len(r.get("auditLog", "nodes").([]any)) != 50 {
		t.Fatalf("first: null is not the default 50: %s", r.body)
	}
	for _, n := range []int{0, -1, 101} {
		r := admin.gql(auditLogQuery, vars{"n": n}).wantCode("BAD_USER_INPUT")
		if r.field() != "first" {
			t.Fatalf("first %d: %s", n, r.body)
		}
	}
	r := admin.gql(auditLogQuery, vars{"a": "not-a-cursor"}).wantCode("BAD_USER_INPUT")
	if r.field() != "after" {
		t.Fatalf("bad cursor: %s", r.body)
	}
	admin.gql(auditLogQuery, vars{"f": vars{"action": []string{"NO_SUCH_ACTION"}}}).wantCode("BAD_USER_INPUT")

	// Admins only, and never an API key.
	admin.createUser("ed@example.com", "EDITOR")
	s.login("ed@example.com", "password-EDITOR").gql(`{ auditLog { totalCount } }`, nil).wantCode("FORBIDDEN")
	_, secret := admin.createKey("reader")
	s.bearer(secret).gql(`{ auditLog { totalCount } }`, nil).wantCode("FORBIDDEN")
	s.anon().gql(`{ auditLog { totalCount } }`, nil).wantCode("UNAUTHENTICATED")
}
