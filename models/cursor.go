package models

import (
	"encoding/base64"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
)

// OrderField is the timestamp a list is sorted by. Rows tie on it when
// written in the same microsecond; the row id always breaks the tie, so the
// sort key is the pair (timestamp, id) and pages never skip or repeat a row.
type OrderField string

const (
	OrderCreatedAt OrderField = "CREATED_AT"
	OrderUpdatedAt OrderField = "UPDATED_AT"
)

var orderFields = []OrderField{OrderCreatedAt, OrderUpdatedAt}

func (f *OrderField) UnmarshalGQL(v any) (err error) {
	*f, err = parseEnum("orderBy.field", "list order field", v, orderFields)
	return err
}

func (f OrderField) MarshalGQL(w io.Writer) { writeEnum(w, string(f)) }

// column is the SQL column of the field. note: the only place a sort column
// is chosen, from this fixed set, so no input reaches ORDER BY.
func (f OrderField) column() string {
	if f == OrderUpdatedAt {
		return "updated_at"
	}
	return "created_at"
}

// OrderDirection is ascending (oldest first) or descending (newest first).
type OrderDirection string

const (
	Ascending  OrderDirection = "ASC"
	Descending OrderDirection = "DESC"
)

var orderDirections = []OrderDirection{Ascending, Descending}

func (d *OrderDirection) UnmarshalGQL(v any) (err error) {
	*d, err = parseEnum("orderBy.direction", "direction", v, orderDirections)
	return err
}

func (d OrderDirection) MarshalGQL(w io.Writer) { writeEnum(w, string(d)) }

// ListOrder is a list's `orderBy`.
type ListOrder struct {
	Field     OrderField
	Direction OrderDirection
}

// OldestFirst is the governance lists' and users' order when none is asked
// for; NewestFirst the audit log's.
var (
	OldestFirst = ListOrder{OrderCreatedAt, Ascending}
	NewestFirst = ListOrder{OrderCreatedAt, Descending}
)

func (o ListOrder) valid() bool {
	return (o.Field == OrderCreatedAt || o.Field == OrderUpdatedAt) && (o.Direction == Ascending || o.Direction == Descending)
}

// tag is the order's short name inside a cursor.
func (o ListOrder) tag() string { return string(o.Field) + "." + string(o.Direction) }

// cursor is a position in one order: the sort key of the row a page ended
// on. It carries no organisation: every list query is restricted to the
// caller's organisation first, so a cursor only says where to resume within
// rows the caller may see anyway.
type cursor struct {
	order ListOrder
	at    time.Time
	id    string
}

// encodeCursor makes the opaque `after` value: base64 of the order, the
// row's sort timestamp and its id. note: clients must treat it as opaque;
// only this file knows its layout.
func encodeCursor(c cursor) string {
	raw := c.order.tag() + "|" + c.at.UTC().Format(time.RFC3339Nano) + "|" + c.id
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (cursor, error) {
	bad := Invalid("after", "This cursor is not valid. Pass pageInfo.endCursor from the previous page unchanged, or leave out after to start from the first page.")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != 3 {
		return cursor{}, bad
	}
	field, dir, ok := strings.Cut(parts[0], ".")
	o := ListOrder{OrderField(field), OrderDirection(dir)}
	if !ok || !o.valid() {
		return cursor{}, bad
	}
	t, err := time.Parse(time.RFC3339Nano, parts[1])
	if err != nil {
		return cursor{}, bad
	}
	if _, err := uuid.Parse(parts[2]); err != nil {
		return cursor{}, bad
	}
	return cursor{order: o, at: t.UTC(), id: parts[2]}, nil
}
