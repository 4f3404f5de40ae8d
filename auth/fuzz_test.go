package auth

import (
	"strings"
	"testing"

	"keyward/models"
)

// The token taken from an Authorization header is empty or trimmed, comes
// from a single header whose scheme is Bearer in any case, and is exactly
// the key when the header is "Bearer <key>".
func FuzzBearerToken(f *testing.F) {
	key, _, _, _ := models.GenerateKey()
	for _, h := range []string{"Bearer " + key, "bearer " + key, "Basic dXNlcjpwdw==", "Bearer", "Bearer ", "Bearer  x ", "BEARER\tx", "Bearer a b"} {
		f.Add(h, false)
	}
	f.Add("Bearer "+key, true)
	f.Fuzz(func(t *testing.T, h string, twice bool) {
		headers := []string{h}
		if twice {
			headers = append(headers, h)
		}
		tok := BearerToken(headers)
		if tok == "" {
			return
		}
		if twice || tok != strings.TrimSpace(tok) || !strings.EqualFold(h[:7], "Bearer ") || !strings.Contains(h, tok) {
			t.Fatalf("%q (twice %v) gave %q", h, twice, tok)
		}
		if models.WellFormedKey(tok) && BearerToken([]string{"Bearer " + tok}) != tok {
			t.Fatalf("a well-formed key does not survive the header: %q", tok)
		}
	})
}
