package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Automatic persisted queries: a hash the server does not know gets the
// standard PersistedQueryNotFound error; once the query was sent with its
// hash, the hash alone runs it, by POST and by GET, for keys as for anyone.
func TestAutomaticPersistedQueries(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	_, secret := s.admin().createKey("apq")
	c := s.bearer(secret)
	const query = `query Who { whoami { kind organization { name } } }`
	sum := sha256.Sum256([]byte(query))
	hash := hex.EncodeToString(sum[:])
	ext := func(h string) string {
		return `"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + h + `"}}`
	}
	post := func(body string) *response {
		return c.do(http.MethodPost, "/graphql", "application/json", strings.NewReader(body))
	}

	r := post(`{` + ext(hash) + `}`)
	if r.status != http.StatusOK || r.code() != "PERSISTED_QUERY_NOT_FOUND" || !strings.Contains(r.body, `"message":"PersistedQueryNotFound"`) || strings.Contains(r.body, `"data"`) {
		t.Fatalf("unknown hash: %d %s", r.status, r.body)
	}
	if r := post(`{"query":"{ whoami { kind } }",` + ext(hash) + `}`); r.code() != "BAD_USER_INPUT" {
		t.Fatalf("a query that does not match its hash: %d %s", r.status, r.body)
	}
	if r := post(`{"query":"` + query + `",` + ext(hash) + `}`).ok(); !strings.Contains(r.body, `"kind":"API_KEY"`) {
		t.Fatalf("registration: %s", r.body)
	}
	if r := post(`{` + ext(hash) + `}`).ok(); !strings.Contains(r.body, `"organization":{"name":"Acme"}`) {
		t.Fatalf("hash only after registration: %s", r.body)
	}
	get := c.do(http.MethodGet, "/graphql?extensions="+url.QueryEscape(`{"persistedQuery":{"version":1,"sha256Hash":"`+hash+`"}}`), "", nil).ok()
	if !strings.Contains(get.body, `"kind":"API_KEY"`) {
		t.Fatalf("hash only by GET: %s", get.body)
	}
	// Neither a query nor a hash is still a malformed request.
	if r := post(`{"variables":{}}`); r.status != http.StatusBadRequest || r.code() != "BAD_USER_INPUT" {
		t.Fatalf("no query: %d %s", r.status, r.body)
	}
	if r := post(`{"extensions":{"persistedQuery":{"version":2,"sha256Hash":"` + hash + `"}}}`); r.code() != "BAD_USER_INPUT" {
		t.Fatalf("unsupported version: %d %s", r.status, r.body)
	}
}
