package main

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The governance lists as a sync job reads them: orderBy and
// filter.updatedSince, with the update that moves a row's updatedAt.
var syncLists = []struct {
	list, update string
}{
	{"projects", `mutation($id:ID!,$v:String!){ updateProject(input:{id:$id, title:$v}) { project { id } } }`},
	{"aiModels", `mutation($id:ID!,$v:String!){ updateAiModel(input:{id:$id, capabilities:$v}) { aiModel { id } } }`},
	{"risks", `mutation($id:ID!,$v:String!){ updateRisk(input:{id:$id, name:$v}) { risk { id } } }`},
}

// listIDs reads one page of list with orderBy and filter and returns its ids.
func (c *client) listIDs(list string, order, filter vars, after any) ([]string, *response) {
	c.s.t.Helper()
	q := fmt.Sprintf(`query($o:ListOrder,$f:%sFilter,$a:String){ l: %s(first: 100, orderBy:$o, filter:$f, after:$a) {
	  nodes { id updatedAt } pageInfo { endCursor } } }`, filterType(list), list)
	r := c.gql(q, vars{"o": order, "f": filter, "a": after})
	if len(r.Errors) > 0 {
		return nil, r
	}
	var ids []string
	for _, n := range r.get("l", "nodes").([]any) {
		ids = append(ids, n.(map[string]any)["id"].(string))
	}
	return ids, r
}

func filterType(list string) string {
	return map[string]string{"projects": "Project", "aiModels": "AiModel", "risks": "Risk"}[list]
}

func TestListOrderByAndUpdatedSince(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		var made []fixture
		for range 4 {
			made = append(made, admin.fixture())
		}
		idsOf := map[string]func(f fixture) string{
			"projects": func(f fixture) string { return f.project },
			"aiModels": func(f fixture) string { return f.model },
			"risks":    func(f fixture) string { return f.risk },
		}
		for _, l := range syncLists {
			t.Run(l.list, func(t *testing.T) {
				var created []string
				for _, f := range made {
					created = append(created, idsOf[l.list](f))
				}
				// Change the second, then the first: by updatedAt they come last.
				admin.gql(l.update, vars{"id": created[1], "v": "changed once"}).ok()
				admin.gql(l.update, vars{"id": created[0], "v": "changed twice"}).ok()
				byUpdate := []string{created[2], created[3], created[1], created[0]}

				got, _ := admin.listIDs(l.list, nil, nil, nil)
				if !slices.Equal(got, created) {
					t.Fatalf("default order: %v, want %v", got, created)
				}
				got, _ = admin.listIDs(l.list, vars{"field": "UPDATED_AT"}, nil, nil)
				if !slices.Equal(got, byUpdate) {
					t.Fatalf("UPDATED_AT: %v, want %v", got, byUpdate)
				}
				got, _ = admin.listIDs(l.list, vars{"field": "UPDATED_AT", "direction": "DESC"}, nil, nil)
				if !slices.Equal(got, []string{created[0], created[1], created[3], created[2]}) {
					t.Fatalf("UPDATED_AT DESC: %v", got)
				}
				got, _ = admin.listIDs(l.list, vars{"field": "CREATED_AT", "direction": "DESC"}, nil, nil)
				if !slices.Equal(got, []string{created[3], created[2], created[1], created[0]}) {
					t.Fatalf("CREATED_AT DESC: %v", got)
				}

				// updatedSince is inclusive: the row changed at that instant is in.
				_, r := admin.listIDs(l.list, vars{"field": "UPDATED_AT"}, nil, nil)
				nodes := r.get("l", "nodes").([]any)
				mark := nodes[2].(map[string]any)["updatedAt"]
				got, _ = admin.listIDs(l.list, vars{"field": "UPDATED_AT"}, vars{"updatedSince": mark}, nil)
				if !slices.Equal(got, []string{created[1], created[0]}) {
					t.Fatalf("updatedSince %v: %v", mark, got)
				}

				// A cursor belongs to its order: another order refuses it.
				_, first := admin.listIDs(l.list, vars{"field": "CREATED_AT"}, nil, nil)
				cur := first.str("l", "pageInfo", "endCursor")
				for _, other := range []vars{{"field": "UPDATED_AT"}, {"field": "CREATED_AT", "direction": "DESC"}} {
					_, r := admin.listIDs(l.list, other, nil, cur)
					if r.code() != "BAD_USER_INPUT" || r.field() != "after" {
						t.Fatalf("a CREATED_AT ASC cursor in %v: %s", other, r.body)
					}
				}
				if _, r := admin.listIDs(l.list, vars{"field": "CREATED_AT", "direction": "ASC"}, nil, cur); len(r.Errors) > 0 {
					t.Fatalf("the same order refused its cursor: %s", r.body)
				}
			})
		}
	})
}

// A sync job pages with orderBy UPDATED_AT ASC and filter.updatedSince
// while other clients keep changing rows, and must end up holding the final
// version of every row.
//
// How it cannot miss a row:
//   - ties: many rows can share an updatedAt (same microsecond, or the same
//     instant set in one statement). The order is (updatedAt, id) and a
//     cursor resumes strictly after its (updatedAt, id), so within one pass
//     no row is skipped or repeated, ties included.
//   - a row changed while a pass runs moves to the end of the order (its new
//     updatedAt is later than the cursor), so the same pass reads it again.
//   - a write takes its updatedAt before its transaction commits, so a slow
//     write can become visible with an updatedAt older than rows a pass has
//     already read. Each pass therefore starts from the newest updatedAt the
//     previous one saw minus a lag longer than any write transaction
//     (updatedSince is inclusive, >=); rows read twice are harmless.
//
// The test makes both last cases happen for sure: every writer's last write
// waits until the passes that ran during the writes are over, so only a pass
// after the writers stopped can read it; and one of those late writes
// becomes visible stamped at exactly the instant that pass starts from, as
// a slow write would, so only an inclusive updatedSince reads it.
func TestSyncLoopSeesFinalVersionsUnderConcurrentWrites(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		const rows, writers, writesEach, lag = 20, 3, 20, 2 * time.Second
		var ids []string
		for i := range rows {
			ids = append(ids, admin.createProject(fmt.Sprintf("p%02d v0", i)))
		}

		var version atomic.Int64
		errs := make(chan string, writers*writesEach+1)
		write := func(id string) {
			r := admin.gql(`mutation($id:ID!,$v:String!){ updateProject(input:{id:$id, title:$v}) { project { id } } }`,
				vars{"id": id, "v": fmt.Sprintf("%s v%d", id[:8], version.Add(1))})
			if r.status != 200 || len(r.Errors) > 0 {
				errs <- r.body
			}
		}
		var done atomic.Bool
		var wg, early sync.WaitGroup
		late := make(chan struct{})
		for w := range writers {
			wg.Add(1)
			early.Add(1)
			go func() {
				defer wg.Done()
				for i := range writesEach {
					if i == writesEach-1 {
						early.Done()
						<-late
					}
					write(ids[(w*7+i*3)%rows])
				}
			}()
		}
		go func() { early.Wait(); done.Store(true) }()

		seen := map[string]string{} // id → title as last read
		var since *time.Time
		pass := func() {
			var after any
			var newest time.Time
			filter := vars{}
			if since != nil {
				filter["updatedSince"] = since.Format(time.RFC3339Nano)
			}
			for {
				r := admin.gql(`query($f:ProjectFilter,$a:String){ projects(first: 7, after:$a, filter:$f, orderBy:{field: UPDATED_AT, direction: ASC}) {
				  nodes { id title updatedAt } pageInfo { hasNextPage endCursor } } }`, vars{"f": filter, "a": after}).ok()
				for _, n := range r.get("projects", "nodes").([]any) {
					m := n.(map[string]any)
					seen[m["id"].(string)] = m["title"].(string)
					at, err := time.Parse(time.RFC3339Nano, m["updatedAt"].(string))
					if err != nil {
						t.Fatal(err)
					}
					if at.After(newest) {
						newest = at
					}
				}
				if r.get("projects", "pageInfo", "hasNextPage") != true {
					break
				}
				after = r.str("projects", "pageInfo", "endCursor")
			}
			if !newest.IsZero() {
				from := newest.Add(-lag)
				since = &from
			}
		}
		passes := 0
		for passes < 2 || !done.Load() {
			pass()
			passes++
		}
		// The late writes, then a slow one: committed now, stamped at the
		// very instant the next pass starts from.
		close(late)
		wg.Wait()
		slow := ids[rows-1]
		write(slow)
		if err := s.app.db.Exec("UPDATE projects SET updated_at = ? WHERE id = ?", since.UTC(), slow).Error; err != nil {
			t.Fatal(err)
		}
		pass() // the run after the writers stopped
		close(errs)
		for e := range errs {
			t.Errorf("write failed: %s", e)
		}

		final := admin.gql(`{ projects(first: 100) { nodes { id title } } }`, nil).ok()
		changed := 0
		for _, n := range final.get("projects", "nodes").([]any) {
			m := n.(map[string]any)
			if seen[m["id"].(string)] != m["title"] {
				t.Errorf("%s: the sync holds %q, the final version is %q", m["id"], seen[m["id"].(string)], m["title"])
			}
			if m["title"] != fmt.Sprintf("p%02d v0", slices.Index(ids, m["id"].(string))) {
				changed++
			}
		}
		if len(seen) != rows || changed == 0 || passes < 2 {
			t.Fatalf("sync saw %d rows over %d passes, %d rows changed: the test did not exercise the race", len(seen), passes, changed)
		}
		t.Logf("%d passes while %d writes ran", passes, writers*writesEach)
	})
}
