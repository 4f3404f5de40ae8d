package models

import (
	"context"
	"encoding/base64"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Page sizes shared by every list.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// PageArgs are a list's `first` and `after` arguments.
type PageArgs struct {
	First *int
	After *string
}

// PageInfo tells whether another page follows and where it starts.
type PageInfo struct {
	HasNextPage bool
	EndCursor   *string
}

// Connection is one page of a list. The total is counted only when a client
// asks for it, so plain paging costs one query per page.
type Connection[T any] struct {
	Nodes    []T
	PageInfo PageInfo
	count    func(ctx context.Context) (int64, error)
}

// TotalCount is the number of rows matching the filters, on all pages.
func (c *Connection[T]) TotalCount(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	return int(n), err
}

// Rows of every list are ordered by (created_at, id): created_at alone ties
// for rows written in the same microsecond, and id breaks the tie, so pages
// never skip or repeat a row while rows are added.
type cursorKey interface {
	cursor() (time.Time, string)
}

// encodeCursor makes the opaque `after` value: base64 of the last row's
// creation instant and id. note: clients must treat it as opaque; only this
// file knows its layout.
func encodeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

func decodeCursor(s string) (time.Time, string, error) {
	bad := Invalid("after", "This cursor is not valid. Pass pageInfo.endCursor from the previous page unchanged, or leave out after to start from the first page.")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", bad
	}
	at, id, ok := strings.Cut(string(raw), "|")
	if !ok {
		return time.Time{}, "", bad
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return time.Time{}, "", bad
	}
	if _, err := uuid.Parse(id); err != nil {
		return time.Time{}, "", bad
	}
	return t.UTC(), id, nil
}

// checkPage validates `first` and `after` before any query runs.
func checkPage(p PageArgs) (int, *time.Time, string, error) {
	n := DefaultPageSize
	if p.First != nil {
		n = *p.First
	}
	if n < 1 || n > MaxPageSize {
		return 0, nil, "", Invalid("first", "first must be between 1 and %d", MaxPageSize)
	}
	if p.After == nil || *p.After == "" {
		return n, nil, "", nil
	}
	at, id, err := decodeCursor(*p.After)
	if err != nil {
		return 0, nil, "", err
	}
	return n, &at, id, nil
}

// paginate runs filtered (a query on one table with the list's filters
// applied) for one page. newQuery must return a fresh copy of the filtered
// query each time, so that the count and the page do not share clauses.
func paginate[T cursorKey](ctx context.Context, newQuery func() *gorm.DB, p PageArgs) (*Connection[T], error) {
	return paginateOrdered[T](ctx, newQuery, p, false)
}

// paginateOrdered is paginate, oldest first or (newestFirst) newest first.
func paginateOrdered[T cursorKey](ctx context.Context, newQuery func() *gorm.DB, p PageArgs, newestFirst bool) (*Connection[T], error) {
	n, afterAt, afterID, err := checkPage(p)
	if err != nil {
		return nil, err
	}
	q := newQuery().WithContext(ctx)
	after, order := "(created_at > ? OR (created_at = ? AND id > ?))", "created_at, id"
	if newestFirst {
		after, order = "(created_at < ? OR (created_at = ? AND id < ?))", "created_at DESC, id DESC"
	}
	if afterAt != nil {
		q = q.Where(after, *afterAt, *afterAt, afterID)
	}
	var rows []T
	if err := q.Order(order).Limit(n + 1).Find(&rows).Error; err != nil {
		return nil, err
	}
	c := &Connection[T]{
		count: func(ctx context.Context) (int64, error) {
			var total int64
			err := newQuery().WithContext(ctx).Count(&total).Error
			return total, err
		},
	}
	if len(rows) > n {
		rows = rows[:n]
		c.PageInfo.HasNextPage = true
	}
	c.Nodes = rows
	if len(rows) > 0 {
		cur := encodeCursor(rows[len(rows)-1].cursor())
		c.PageInfo.EndCursor = &cur
	} else if p.After != nil && *p.After != "" {
		// An empty page after a cursor still resumes from the same place.
		c.PageInfo.EndCursor = p.After
	}
	return c, nil
}

// searchPattern turns user text into a LIKE pattern on an IdentityKey
// column. Both databases then match the same rows: the key is made in Go,
// and %, _ and \ in the text are matched literally.
func searchPattern(field, text string) (string, error) {
	v, err := cleanOptionalText(field, "Search text", text, 200)
	if err != nil {
		return "", err
	}
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(IdentityKey(v)) + "%", nil
}

// likeEscape is the clause that goes with searchPattern.
const likeEscape = ` ESCAPE '\'`
