package main

import (
	"fmt"
	"slices"
	"testing"
)

// Every connection has the same shape: edges { cursor node }, nodes,
// pageInfo { hasNextPage hasPreviousPage startCursor endCursor } and
// totalCount, with the same cursor rules.
var connectionLists = []string{"projects", "aiModels", "risks", "auditLog", "users", "members"}

// connPage is one page of a connection as the API answered it.
type connPage struct {
	edgeIDs, nodeIDs, cursors []string
	pageInfo                  map[string]any
}

func (c *client) connPage(list string, first int, after any) connPage {
	c.s.t.Helper()
	q := fmt.Sprintf(`query($f:Int,$a:String){ l: %s(first:$f, after:$a) {
	  edges { cursor node { id } } nodes { id }
	  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, list)
	r := c.gql(q, vars{"f": first, "a": after}).ok()
	var p connPage
	for _, e := range r.get("l", "edges").([]any) {
		e := e.(map[string]any)
		p.cursors = append(p.cursors, e["cursor"].(string))
		p.edgeIDs = append(p.edgeIDs, e["node"].(map[string]any)["id"].(string))
	}
	for _, n := range r.get("l", "nodes").([]any) {
		p.nodeIDs = append(p.nodeIDs, n.(map[string]any)["id"].(string))
	}
	p.pageInfo = r.get("l", "pageInfo").(map[string]any)
	return p
}

func TestConnectionEdgesAndPageInfo(t *testing.T) {
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		for i := range 4 {
			admin.fixture()
			admin.createUser(fmt.Sprintf("member%d@example.com", i), "VIEWER")
		}
		for _, list := range connectionLists {
			t.Run(list, func(t *testing.T) {
				all := admin.connPage(list, 100, nil)
				if len(all.nodeIDs) < 4 || !slices.Equal(all.edgeIDs, all.nodeIDs) {
					t.Fatalf("edges %v, nodes %v", all.edgeIDs, all.nodeIDs)
				}
				first := admin.connPage(list, 2, nil)
				pi := first.pageInfo
				if pi["hasPreviousPage"] != false || pi["hasNextPage"] != true ||
					pi["startCursor"] != first.cursors[0] || pi["endCursor"] != first.cursors[1] {
					t.Fatalf("first page: %+v", first)
				}
				// Every edge's cursor resumes right after its row, and
				// then rows precede the page.
				for i, cur := range all.cursors[:len(all.cursors)-1] {
					next := admin.connPage(list, 1, cur)
					if next.nodeIDs[0] != all.nodeIDs[i+1] || next.pageInfo["hasPreviousPage"] != true {
						t.Fatalf("after edge %d: %+v", i, next)
					}
				}
				// After the last row: an empty page that keeps the cursor.
				last := all.cursors[len(all.cursors)-1]
				end := admin.connPage(list, 5, last)
				if len(end.nodeIDs) != 0 || end.pageInfo["startCursor"] != nil || end.pageInfo["endCursor"] != last ||
					end.pageInfo["hasNextPage"] != false || end.pageInfo["hasPreviousPage"] != true {
					t.Fatalf("empty page: %+v", end)
				}
			})
		}
	})
}

// A cursor is a position only: one from another organisation's list
// resumes within the caller's own rows and shows nothing of the other's.
func TestCursorStaysInItsOrganisation(t *testing.T) {
	onEachDB(t, func(c *config) { c.AllowSignup = true }, func(t *testing.T, s *testServer, admin *client) {
		other := s.otherOrg()
		for range 3 {
			admin.fixture()
			other.fixture()
		}
		for _, list := range connectionLists {
			mine := admin.connPage(list, 100, nil)
			theirs := other.connPage(list, 100, nil)
			for _, cur := range theirs.cursors {
				p := admin.connPage(list, 100, cur)
				for _, id := range p.nodeIDs {
					if !slices.Contains(mine.nodeIDs, id) {
						t.Fatalf("%s: another organisation's cursor gave row %s", list, id)
					}
				}
			}
		}
	})
}
