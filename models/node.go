package models

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Node is an object with identity, as GraphQL's node(id) returns it. Every
// table's primary key is a random UUID, so an id alone names one object
// across the whole database: ids stay plain UUIDs (no typed global ids),
// which the audit log, URLs and clients already store.
type Node interface{ NodeID() string }

func (o *Organization) NodeID() string { return o.ID }
func (u *User) NodeID() string         { return u.ID }
func (k *APIKey) NodeID() string       { return k.ID }
func (p *Project) NodeID() string      { return p.ID }
func (m *AIModel) NodeID() string      { return m.ID }
func (r *Risk) NodeID() string         { return r.ID }
func (e *AuditEvent) NodeID() string   { return e.ID }

// MaxNodeIDs is the most ids one nodes(ids:) call may ask for.
const MaxNodeIDs = 100

// nodeFinders look ids up in one table each, scoped to the organisation, in
// the order ids are most often asked for: a lookup stops at the first table
// that leaves no id unfound, so node(id) of a project is one query.
var nodeFinders = []func(ctx context.Context, db *gorm.DB, orgID string, ids []string) ([]Node, error){
	findNodes[Project]("organization_id", ""),
	findNodes[Risk]("organization_id", ""),
	findNodes[AIModel]("organization_id", ""),
	findNodes[User]("organization_id", ""),
	findNodes[APIKey]("organization_id", "CreatedBy"),
	findNodes[AuditEvent]("organization_id", ""),
	// The organisation is its own scope: only the caller's is found.
	findNodes[Organization]("id", ""),
}

// NodesByIDs finds the organisation's objects with these ids: one IN query
// per table, never one per id. Ids of other organisations, ids that are no
// UUID and ids of nothing are absent from the map; deciding who may see
// which kind is the caller's job.
func NodesByIDs(ctx context.Context, db *gorm.DB, orgID string, ids []string) (map[string]Node, error) {
	out := map[string]Node{}
	want := map[string]bool{}
	for _, id := range ids {
		if _, err := uuid.Parse(id); err == nil {
			want[id] = true
		}
	}
	for _, find := range nodeFinders {
		if len(want) == 0 {
			break
		}
		rest := make([]string, 0, len(want))
		for id := range want {
			rest = append(rest, id)
		}
		found, err := find(ctx, db, orgID, rest)
		if err != nil {
			return nil, err
		}
		for _, n := range found {
			out[n.NodeID()] = n
			delete(want, n.NodeID())
		}
	}
	return out, nil
}

// findNodes is a finder for table T, whose column orgColumn holds the
// organisation's id; preload names a relation the type's fields read.
func findNodes[T any, PT interface {
	*T
	Node
}](orgColumn, preload string) func(context.Context, *gorm.DB, string, []string) ([]Node, error) {
	return func(ctx context.Context, db *gorm.DB, orgID string, ids []string) ([]Node, error) {
		var rows []PT
		q := db.WithContext(ctx).Where(orgColumn+" = ? AND id IN ?", orgID, ids)
		if preload != "" {
			q = q.Preload(preload)
		}
		if err := q.Find(&rows).Error; err != nil {
			return nil, err
		}
		out := make([]Node, len(rows))
		for i, r := range rows {
			out[i] = r
		}
		return out, nil
	}
}

// byIDs loads the rows of one table with these ids that scope (a query
// narrowed to the caller's organisation, or db itself) lets through, in one
// query, keyed by id: the loaders' batch fetch.
func byIDs[S any, T interface {
	*S
	Node
}](ctx context.Context, scope *gorm.DB, ids []string) (map[string]T, error) {
	out := map[string]T{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := findAll[S, T](scope.WithContext(ctx).Where("id IN ?", ids))
	for _, r := range rows {
		out[r.NodeID()] = r
	}
	return out, err
}
