package gqlmodel

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"keyward/models"
)

// The Time scalar either errors or gives an instant that writes out as text
// which reads back as the same instant.
// note: gqlgen reads "" as the zero time, which it writes as null; no input
// of the schema takes a Time today, so that is recorded, not refused.
func FuzzTimeScalar(f *testing.F) {
	for _, s := range []string{"2026-11-26T14:00:00Z", "2026-11-26T14:00:00.123456789+14:00", "2026-02-30T00:00:00Z", "", "now", "0000-01-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, err := graphql.UnmarshalTime(s)
		if err != nil || at.IsZero() {
			return
		}
		var buf bytes.Buffer
		graphql.MarshalTime(at).MarshalGQL(&buf)
		text, err := strconv.Unquote(buf.String())
		if err != nil {
			if at.Year() < 0 || at.Year() > 9999 {
				return // RFC 3339 cannot write such a year; the API never stores one
			}
			t.Fatalf("%q marshals to %s", s, buf.String())
		}
		back, err := graphql.UnmarshalTime(text)
		if err != nil || !back.Equal(at) {
			t.Fatalf("%q → %s → %v (%v)", s, text, back, err)
		}
	})
}

// The strict scalars take only their own JSON type: a String is text the
// databases store alike or BAD_USER_INPUT; an ID is an id or BAD_USER_INPUT;
// an Int is a 32-bit whole number.
func FuzzStrictScalars(f *testing.F) {
	for _, s := range []string{`"text"`, `12345`, `"30"`, `2147483648`, `-2147483648`, `1.5`, `true`, `null`, `"a\u0000b"`, `["x"]`, `"0190b0e8-7d2c-7c3e-9a4b-1f2e3d4c5b6a"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		if s, err := UnmarshalStrictString(v); err == nil {
			if str, ok := v.(string); !ok || str != s || models.CheckInputText(s) != nil {
				t.Fatalf("String accepted %#v as %q", v, s)
			}
		} else if !models.HasCode(err, models.CodeBadUserInput) {
			t.Fatalf("String: %v", err)
		}
		if id, err := UnmarshalStrictID(v); err == nil {
			if _, ok := v.(string); !ok {
				t.Fatalf("ID accepted %#v as %q", v, id)
			}
			if again, err := models.ParseID(id); err != nil || again != id {
				t.Fatalf("ID %q does not parse again: %q %v", id, again, err)
			}
		} else if !models.HasCode(err, models.CodeBadUserInput) {
			t.Fatalf("ID: %v", err)
		}
		if n, err := UnmarshalStrictInt(v); err == nil {
			num, ok := v.(json.Number)
			if !ok || num.String() != strconv.Itoa(n) && json.Number(strconv.Itoa(n)) != num {
				if i, e := num.Int64(); e != nil || int(i) != n {
					t.Fatalf("Int accepted %#v as %d", v, n)
				}
			}
		} else if !models.HasCode(err, models.CodeBadUserInput) {
			t.Fatalf("Int: %v", err)
		}
	})
}
