package models

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Fuzz targets for the parsers that see hostile input first. `go test`
// replays the seeds in testdata/fuzz; `make fuzz` explores for a while.

// A key is well formed only if its checksum matches, and the checksum
// catches every single-character mistake, so a typo never reaches the
// database. A well-formed key hashes to 64 hex digits and shows its prefix.
func FuzzKeyFormat(f *testing.F) {
	for range 3 {
		secret, _, _, err := GenerateKey()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(secret)
	}
	f.Add("kw_")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if !WellFormedKey(s) {
			return
		}
		split := KeyLength - keyChecksumLen
		if len(s) != KeyLength || !strings.HasPrefix(s, keyPrefix) || checksum(s[:split]) != s[split:] {
			t.Fatalf("accepted %q", s)
		}
		if h := HashKey(s); len(h) != 64 || h != HashKey(s) {
			t.Fatalf("hash of %q: %q", s, h)
		}
		for i := len(keyPrefix); i < len(s); i++ {
			for _, c := range []byte{'0', 'Z', 'z', s[i] ^ 1} {
				if c == s[i] || strings.IndexByte(base62, c) < 0 {
					continue
				}
				typo := s[:i] + string(c) + s[i+1:]
				if WellFormedKey(typo) {
					t.Fatalf("a one-character typo at %d passes the checksum: %q → %q", i, s, typo)
				}
			}
		}
	})
}

// A cursor either is refused with BAD_USER_INPUT or names one of the four
// orders, an instant and a row id (a UUID, so it can only select by id
// within the caller's own organisation's query); encoding what it names
// gives a cursor that names the same again.
func FuzzDecodeCursor(f *testing.F) {
	at := time.Date(2026, 11, 26, 14, 0, 0, 123456000, time.UTC)
	f.Add(encodeCursor(cursor{order: OldestFirst, at: at, id: uuid.NewString()}))
	f.Add(encodeCursor(cursor{order: ListOrder{OrderUpdatedAt, Descending}, at: at, id: uuid.NewString()}))
	f.Add("")
	f.Add("fA")
	f.Add("MjAyNi0xMS0yNlQxNDowMDowMFp8eA")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			if !HasCode(err, CodeBadUserInput) {
				t.Fatalf("%q: error without BAD_USER_INPUT: %v", s, err)
			}
			return
		}
		if _, perr := uuid.Parse(c.id); perr != nil || c.at.Location() != time.UTC || !c.order.valid() {
			t.Fatalf("%q decoded to %+v", s, c)
		}
		c2, err := decodeCursor(encodeCursor(c))
		if err != nil || !c2.at.Equal(c.at) || c2.id != c.id || c2.order != c.order {
			t.Fatalf("%q: %+v does not round-trip: %+v %v", s, c, c2, err)
		}
	})
}

// A Date either errors or is exactly the text given, a real day in range,
// and marshals back to that text.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2025-03-31", "2024-02-29", "2025-02-29", "1899-12-31", "3000-01-01", "2025-3-1", "", "２０２５-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Date
		err := d.UnmarshalGQL(s)
		if err != nil {
			if !HasCode(err, CodeBadUserInput) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		day, perr := time.Parse(dateLayout, s)
		if string(d) != s || perr != nil || day.Year() < 1900 || day.Year() > 2999 {
			t.Fatalf("%q accepted as %q", s, d)
		}
		var buf bytes.Buffer
		d.MarshalGQL(&buf)
		if back, err := strconv.Unquote(buf.String()); err != nil || back != s {
			t.Fatalf("%q marshals to %s", s, buf.String())
		}
	})
}

// Text input is either refused or stored as given: valid UTF-8 without NUL.
func FuzzCheckInputText(f *testing.F) {
	for _, s := range []string{"hello", "", "a\x00b", "\xff", "Straße", "e\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := CheckInputText(s); err == nil && (!utf8.ValidString(s) || strings.ContainsRune(s, 0)) {
			t.Fatalf("accepted %q", s)
		}
	})
}
