package models

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Page sizes shared by every list.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// PageArgs are a list's `first`, `after` and `orderBy` arguments. A nil
// Order is the list's default order.
type PageArgs struct {
	First *int
	After *string
	Order *ListOrder
	// WithTotal says the total will be asked for, so the page's own
	// statement counts it instead of a second one.
	WithTotal bool
}

// PageInfo tells where a page starts and ends and whether rows lie beyond.
type PageInfo struct {
	HasNextPage bool
	StartCursor *string
	EndCursor   *string
	hasPrevious func(ctx context.Context) (bool, error)
}

// HasPreviousPage is true when `after` was given and a row of the list (as
// filtered) comes before the cursor's position. Paging is forward only, so
// without `after` it is false. It costs one indexed query, run only when
// a client selects it.
func (p PageInfo) HasPreviousPage(ctx context.Context) (bool, error) {
	if p.hasPrevious == nil {
		return false, nil
	}
	return p.hasPrevious(ctx)
}

// Connection is one page of a list. The total is counted only when a client
// asks for it, so plain paging costs one query per page.
type Connection[T sortKeyed] struct {
	Nodes    []T
	PageInfo PageInfo
	order    ListOrder
	count    func(ctx context.Context) (int64, error)
}

// Edge is one row of a page with the cursor that resumes after it.
type Edge[T any] struct {
	Cursor string
	Node   T
}

// TotalCount is the number of rows matching the filters, on all pages.
func (c *Connection[T]) TotalCount(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	return int(n), err
}

// Edges are the page's rows, each with its cursor.
func (c *Connection[T]) Edges() []*Edge[T] {
	out := make([]*Edge[T], len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = &Edge[T]{Cursor: rowCursor(c.order, n), Node: n}
	}
	return out
}

// sortKeyed rows give the timestamps a list can be sorted by and their id.
// A table without updated_at (the audit log) gives created_at twice.
type sortKeyed interface {
	sortKey() (createdAt, updatedAt time.Time, id string)
}

func rowCursor[T sortKeyed](o ListOrder, row T) string {
	created, updated, id := row.sortKey()
	at := created
	if o.Field == OrderUpdatedAt {
		at = updated
	}
	return encodeCursor(cursor{order: o, at: at, id: id})
}

// checkPage validates `first`, `orderBy` and `after` before any query runs.
// A cursor made in another order is refused: its position means nothing in
// this one.
func checkPage(p PageArgs, def ListOrder) (int, ListOrder, *cursor, error) {
	n := DefaultPageSize
	if p.First != nil {
		n = *p.First
	}
	if n < 1 || n > MaxPageSize {
		return 0, def, nil, Invalid("first", "first must be between 1 and %d", MaxPageSize)
	}
	o := def
	if p.Order != nil {
		o = *p.Order
	}
	if !o.valid() {
		return 0, o, nil, Invalid("orderBy", "orderBy takes field CREATED_AT or UPDATED_AT and direction ASC or DESC")
	}
	if p.After == nil || *p.After == "" {
		return n, o, nil, nil
	}
	c, err := decodeCursor(*p.After)
	if err != nil {
		return 0, o, nil, err
	}
	if c.order != o {
		return 0, o, nil, Invalid("after", "This cursor belongs to the order %s %s, not %s %s. Page with the orderBy the cursor came from, or leave out after to start from the first page.",
			c.order.Field, c.order.Direction, o.Field, o.Direction)
	}
	return n, o, &c, nil
}

// paginate runs newQuery (a query on one table with the list's filters
// applied) for one page in the order asked for, or def. newQuery must
// return a fresh copy of the filtered query each time, so that the count
// and the page do not share clauses.
func paginate[S any, T interface {
	*S
	sortKeyed
}](ctx context.Context, newQuery func() *gorm.DB, p PageArgs, def ListOrder) (*Connection[T], error) {
	n, o, after, err := checkPage(p, def)
	if err != nil {
		return nil, err
	}
	col := o.Field.column()
	beyond, before, order := ">", "<", col+", id"
	if o.Direction == Descending {
		beyond, before, order = "<", ">", col+" DESC, id DESC"
	}
	// note: (col > t OR (col = t AND id > x)) rather than a row comparison,
	// which SQLite and PostgreSQL index alike.
	past := func(op, idOp string) string {
		return "(" + col + " " + op + " ? OR (" + col + " = ? AND id " + idOp + " ?))"
	}
	q := newQuery().WithContext(ctx)
	if after != nil {
		q = q.Where(past(beyond, beyond), after.at, after.at, after.id)
	}
	// A page that will show its total counts it in the same statement, as
	// an uncorrelated subquery on the list's filters (without the cursor),
	// which both databases run once, from the index.
	var total *int64
	var also []selected
	if p.WithTotal {
		total = new(int64)
		also = append(also, selected{sql: "(?)", arg: newQuery().Select("COUNT(*)"), dest: total})
	}
	rows, err := findAll[S, T](q.Order(order).Limit(n+1), also...)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		total = nil // no row carried it: an empty page past the end counts on its own
	}
	c := &Connection[T]{
		order: o,
		count: func(ctx context.Context) (int64, error) {
			if total != nil {
				return *total, nil
			}
			var total int64
			err := newQuery().WithContext(ctx).Count(&total).Error
			return total, err
		},
	}
	if after != nil {
		c.PageInfo.hasPrevious = func(ctx context.Context) (bool, error) {
			var ids []string
			err := newQuery().WithContext(ctx).Where(past(before, before+"="), after.at, after.at, after.id).
				Limit(1).Pluck("id", &ids).Error
			return len(ids) > 0, err
		}
	}
	if len(rows) > n {
		rows = rows[:n]
		c.PageInfo.HasNextPage = true
	}
	c.Nodes = rows
	if len(rows) > 0 {
		start, end := rowCursor(o, rows[0]), rowCursor(o, rows[len(rows)-1])
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &start, &end
	} else if after != nil {
		// An empty page after a cursor still resumes from the same place.
		c.PageInfo.EndCursor = p.After
	}
	return c, nil
}

// updatedSince narrows a list to rows changed at or after t, for sync jobs.
func updatedSince(q *gorm.DB, t *time.Time) *gorm.DB {
	if t == nil {
		return q
	}
	return q.Where("updated_at >= ?", t.UTC())
}

// searchPattern turns user text into a LIKE pattern on an IdentityKey
// column. Both databases then match the same rows: the key is made in Go,
// and %, _ and \ in the text are matched literally.
// No search text gives no pattern, and so no filter.
func searchPattern(field, text string) (string, error) {
	v, err := cleanOptionalText(field, "Search text", text, 200)
	if err != nil || v == "" {
		return "", err
	}
	return "%" + likeEscaper.Replace(IdentityKey(v)) + "%", nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// likeEscape is the clause that goes with searchPattern.
const likeEscape = ` ESCAPE '\'`
