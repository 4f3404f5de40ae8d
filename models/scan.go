package models

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// findAll runs q (a query on one table) and scans each row straight into a
// new S, with an explicit column list taken from GORM's schema of S.
// note: GORM's Find scans every column into a fresh value and then copies it
// into the struct by reflection; on a 20-row page that was about a quarter
// of the request's CPU. Here each column is scanned into its own field.
// Hooks such as AfterFind do not run: none of the listed models has one.
//
// also are more values each row carries, e.g. a total; each row
// scans them into the same destination.
func findAll[S any, T interface{ *S }](q *gorm.DB, also ...selected) ([]T, error) {
	cols, err := columnsOf[S](q)
	if err != nil {
		return nil, err
	}
	if q.Statement.Model == nil && q.Statement.Table == "" {
		q = q.Model(new(S))
	}
	if len(also) == 0 {
		q = q.Select(cols.names)
	} else {
		list := make([]string, 0, len(cols.names)+len(also))
		for _, name := range cols.names {
			list = append(list, q.Statement.Quote(name))
		}
		var args []any
		for _, a := range also {
			list = append(list, a.sql)
			if a.arg != nil {
				args = append(args, a.arg)
			}
		}
		q = q.Select(strings.Join(list, ", "), args...)
	}
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	dest := make([]any, len(cols.index), len(cols.index)+len(also))
	for _, a := range also {
		dest = append(dest, a.dest)
	}
	var out []T
	for rows.Next() {
		row := T(new(S))
		v := reflect.ValueOf(row).Elem()
		for i, index := range cols.index {
			dest[i] = v.FieldByIndex(index).Addr().Interface()
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// selected is an SQL expression a query also selects (with its argument,
// e.g. a subquery, for a ? in it), and where its value goes.
type selected struct {
	sql  string
	arg  any
	dest any
}

// columns are a model's stored columns and the struct field of each.
type columns struct {
	names []string
	index [][]int
}

var columnCache sync.Map // reflect.Type → *columns

func columnsOf[S any](db *gorm.DB) (*columns, error) {
	t := reflect.TypeFor[S]()
	if c, ok := columnCache.Load(t); ok {
		return c.(*columns), nil
	}
	s, err := schema.Parse(new(S), &sync.Map{}, db.NamingStrategy)
	if err != nil {
		return nil, err
	}
	c := &columns{}
	for _, f := range s.Fields {
		if f.DBName == "" || !f.Readable {
			continue
		}
		for _, i := range f.StructField.Index {
			if i < 0 {
				return nil, fmt.Errorf("findAll: %s.%s is in an embedded pointer, which direct scanning does not fill", t.Name(), f.Name)
			}
		}
		c.names = append(c.names, f.DBName)
		c.index = append(c.index, f.StructField.Index)
	}
	columnCache.Store(t, c)
	return c, nil
}
