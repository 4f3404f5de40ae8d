package gqlmodel

import (
	"encoding/json"
	"math"

	"github.com/99designs/gqlgen/graphql"

	"keyward/models"
)

// Strict scalars: gqlgen's defaults coerce 12345 into a String and "30"
// into an Int. The GraphQL spec refuses both, and a client sending them has a
// bug we should tell it about instead of guessing.

// MarshalStrictString writes a GraphQL String.
func MarshalStrictString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalStrictString reads a GraphQL String, refuses other JSON types and
// text no database can store alike (models.CheckInputText).
func UnmarshalStrictString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", models.Invalid("", "must be text, not %s", jsonType(v))
	}
	return s, models.CheckInputText(s)
}

// MarshalStrictID writes a GraphQL ID.
func MarshalStrictID(s string) graphql.Marshaler { return graphql.MarshalID(s) }

// UnmarshalStrictID reads an ID: a string in the form the API hands ids out
// (models.ParseID). A number, or text that cannot be an id, is BAD_USER_INPUT
// naming the field, before any resolver or query runs.
func UnmarshalStrictID(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", models.Invalid("", "must be an id string, not %s", jsonType(v))
	}
	return models.ParseID(s)
}

// MarshalStrictInt writes a GraphQL Int.
func MarshalStrictInt(i int) graphql.Marshaler { return graphql.MarshalInt(i) }

// UnmarshalStrictInt reads a GraphQL Int and refuses strings such as "30".
func UnmarshalStrictInt(v any) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case int64:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return 0, models.Invalid("", "%d is out of range for Int", n)
		}
		return int(n), nil
	case json.Number:
		i, err := n.Int64()
		if err != nil || i < math.MinInt32 || i > math.MaxInt32 {
			return 0, models.Invalid("", "%s is not a 32-bit whole number", n)
		}
		return int(i), nil
	default:
		return 0, models.Invalid("", "must be a whole number, not %s", jsonType(v))
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "that value"
}
