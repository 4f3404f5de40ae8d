package models

import (
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
)

// The checks every text and id a client sends passes before anything else
// reads it: the GraphQL String and ID scalars call them, so filters, sign-in
// and arguments added later are covered without remembering to. Field rules
// (length, control characters, references) come after, in the models.

// CheckInputText refuses text no database stores the same way: PostgreSQL
// rejects a NUL character in text (SQLite keeps it), and invalid UTF-8 would
// compare differently on each. The error's field is filled in from the
// input path by the caller.
func CheckInputText(v string) error {
	if strings.IndexByte(v, 0) >= 0 {
		return Invalid("", "must not contain a null character (\\u0000)")
	}
	if !utf8.ValidString(v) {
		return Invalid("", "must be valid UTF-8 text")
	}
	return nil
}

// ParseID accepts an id as this API hands them out, a UUID in its 36
// character form (any case), and returns it lower-cased as stored. Anything
// else is a client mistake, not a missing object.
func ParseID(v string) (string, error) {
	if err := CheckInputText(v); err != nil {
		return "", err
	}
	u, err := uuid.Parse(v)
	if err != nil || len(v) != 36 {
		return "", Invalid("", "must be an id as the API returns them, like 3f2b8c1e-9d4a-4b7e-8c2f-1a2b3c4d5e6f (got %q)", truncateForMessage(v, 60))
	}
	return u.String(), nil
}

// truncateForMessage keeps an echoed client value short in an error message.
func truncateForMessage(v string, max int) string {
	if r := []rune(v); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return v
}
