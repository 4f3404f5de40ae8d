package models

import (
	"io"
	"strconv"
	"time"
)

// Date is a calendar day such as 2025-03-31, with no time zone. It is stored
// as YYYY-MM-DD text, which sorts and compares the same on both databases.
type Date string

const dateLayout = "2006-01-02"

// ParseDate checks the YYYY-MM-DD form and that the day exists.
func ParseDate(field, s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || t.Format(dateLayout) != s {
		return "", Invalid(field, "%q is not a date: use YYYY-MM-DD, e.g. 2025-03-31", s)
	}
	if t.Year() < 1900 || t.Year() > 2999 {
		return "", Invalid(field, "The year must be between 1900 and 2999")
	}
	return Date(s), nil
}

// UnmarshalGQL leaves the field name empty: the error presenter names the
// input field from its path, and Date appears in several inputs.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return Invalid("", "A date must be text in the form YYYY-MM-DD")
	}
	parsed, err := ParseDate("", s)
	*d = parsed
	return err
}

func (d Date) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(d))) }

// checkDate re-checks a date set in Go (GraphQL input was checked on the way in).
func checkDate(field string, d *Date) (*Date, error) {
	if d == nil || *d == "" {
		return nil, nil
	}
	v, err := ParseDate(field, string(*d))
	if err != nil {
		return nil, err
	}
	return &v, nil
}
