package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The body of POST /api/leaked-keys is either refused with one line that a
// person can act on, or gives 1 to maxLeakReports reports, each with a token.
func FuzzLeakReportsBody(f *testing.F) {
	for _, s := range []string{
		`[{"token":"kw_x","type":"keyward_api_key","url":"https://example.com","source":"github"}]`,
		`{"token":"kw_x"}`, `[]`, `[{}]`, `[{"token":null}]`, `[{"token":1}]`, ``, `   `, `[`, `{"token":"a"}{"token":"b"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/api/leaked-keys", bytes.NewReader(body))
		reports, err := readLeakReports(httptest.NewRecorder(), r)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Fatalf("error for %q is not one line: %q", body, msg)
			}
			return
		}
		if len(reports) < 1 || len(reports) > maxLeakReports {
			t.Fatalf("%q gave %d reports", body, len(reports))
		}
		for i, rep := range reports {
			if rep.Token == nil {
				t.Fatalf("%q: report %d has no token", body, i)
			}
		}
	})
}
