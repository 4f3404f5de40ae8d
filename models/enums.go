package models

import (
	"io"
	"slices"
	"strconv"
	"strings"
)

// Every enum shares these helpers. Stored enums are text with a CHECK
// constraint, so a value is valid in Go exactly when the database accepts it.
//
// note: gqlgen's enum_values binding (gqlgen.yml) could replace the
// MarshalGQL/UnmarshalGQL pairs, and PrincipalKind, which is output only,
// uses it. Input enums keep the pairs: the generated unmarshal turns an
// unknown name into "" without an error, where parseEnum refuses it as
// BAD_USER_INPUT on its field.

// parseEnum reads a GraphQL enum value. GraphQL validation already refuses
// unknown names; this guards calls that bypass it and names the field.
func parseEnum[T ~string](field, label string, v any, values []T) (T, error) {
	s, _ := v.(string)
	if !slices.Contains(values, T(s)) {
		return "", Invalid(field, "%q is not a %s: use %s", s, label, enumList(values))
	}
	return T(s), nil
}

// checkEnum validates a value set in Go.
func checkEnum[T ~string](field, label string, v T, values []T) error {
	if !slices.Contains(values, v) {
		return Invalid(field, "%q is not a %s: use %s", string(v), label, enumList(values))
	}
	return nil
}

func enumList[T ~string](values []T) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// writeEnum is the MarshalGQL of every governance enum.
func writeEnum(w io.Writer, s string) { _, _ = io.WriteString(w, strconv.Quote(s)) }

// optionalEnum checks an enum input field that null clears.
func optionalEnum[T ~string](field, label string, v *T, values []T) (*T, error) {
	if v == nil {
		return nil, nil
	}
	return v, checkEnum(field, label, *v, values)
}

// requiredEnum checks an enum input field that cannot be cleared; name is
// the field as a sentence starts with it ("Status").
func requiredEnum[T ~string](field, name, label string, v *T, values []T) (T, error) {
	if v == nil {
		return "", Invalid(field, "%s cannot be empty: use %s", name, enumList(values))
	}
	return *v, checkEnum(field, label, *v, values)
}
