package main

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestTransportRefusesUnsafeRequests(t *testing.T) {
	s := newServer(t, sqliteURL(t))
	admin := s.admin()
	mutation := `mutation{ createApiKey(input:{name:"sneaky"}) { secret } }`

	t.Run("multipart form post does not execute", func(t *testing.T) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("operations", `{"query":"`+strings.ReplaceAll(mutation, `"`, `\"`)+`"}`)
		_ = mw.WriteField("map", `{}`)
		_ = mw.Close()
		r := admin.do(http.MethodPost, "/graphql", mw.FormDataContentType(), &buf)
		if r.status < 400 {
			t.Fatalf("multipart answered %d: %s", r.status, r.body)
		}
	})
	t.Run("urlencoded form post does not execute", func(t *testing.T) {
		r := admin.do(http.MethodPost, "/graphql", "application/x-www-form-urlencoded", strings.NewReader("query="+url.QueryEscape(mutation)))
		if r.status < 400 {
			t.Fatalf("form answered %d: %s", r.status, r.body)
		}
	})
	t.Run("GET mutation does not execute", func(t *testing.T) {
		r := admin.do(http.MethodGet, "/graphql?query="+url.QueryEscape(mutation), "", nil)
		if r.status == http.StatusOK && len(r.Errors) == 0 {
			t.Fatalf("GET mutation ran: %s", r.body)
		}
	})
	t.Run("GET query works", func(t *testing.T) {
		r := admin.do(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ me { email } }`), "", nil).ok()
		if r.str("me", "email") != adminEmail {
			t.Fatalf("GET query: %s", r.body)
		}
	})
	if n := countKeys(t, s); n != 0 {
		t.Fatalf("%d keys were created by refused requests", n)
	}

	t.Run("oversized body", func(t *testing.T) {
		big := `{"query":"{ me { email } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
		r := admin.do(http.MethodPost, "/graphql", "application/json", strings.NewReader(big))
		if r.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("want 413, got %d", r.status)
		}
		if r.code() != "BAD_USER_INPUT" {
			t.Fatalf("body: %.200s", r.body)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		r := admin.do(http.MethodPost, "/graphql", "application/json", strings.NewReader(`{"query": "{ me { email } }"`))
		if r.status != http.StatusBadRequest {
			t.Fatalf("want 400, got %d: %s", r.status, r.body)
		}
	})
	t.Run("syntax error", func(t *testing.T) {
		admin.gql(`{ me { email `, nil).wantCode("GRAPHQL_PARSE_FAILED")
	})
	t.Run("unknown field", func(t *testing.T) {
		admin.gql(`{ secrets }`, nil).wantCode("GRAPHQL_VALIDATION_FAILED")
	})
	t.Run("expensive query refused", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < 300; i++ {
			fmt.Fprintf(&b, " a%d: me { id }", i)
		}
		b.WriteString(" }")
		r := admin.gql(b.String(), nil).wantCode("COST_LIMIT_EXCEEDED")
		if !strings.Contains(r.Errors[0].Message, "limit is 3000") {
			t.Fatalf("message: %s", r.Errors[0].Message)
		}
	})
}
