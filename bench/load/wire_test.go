package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The measuring client must read every framing net/http's server uses, and
// send exactly the scenario's request: otherwise the load figures count
// broken exchanges as answers.
func TestWireConnReadsEveryFraming(t *testing.T) {
	big := strings.Repeat("x", 5000)
	var conns atomic.Int32
	var seen atomic.Value
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		seen.Store(r.Method + " " + r.URL.Path + " " + r.Header.Get("Authorization") + " " + r.Header.Get("Content-Type") + " " + string(body))
		switch r.Header.Get("Authorization") {
		case "Bearer chunked":
			w.Write([]byte("part one, "))
			w.(http.Flusher).Flush() // forces chunked framing
			w.Write([]byte("part two"))
		case "Bearer big":
			w.Write([]byte(big)) // over net/http's buffer: chunked as well
		case "Bearer close":
			w.Header().Set("Connection", "close")
			w.Write([]byte("bye"))
		case "Bearer error":
			http.Error(w, `{"errors":[]}`, http.StatusInternalServerError)
		default:
			w.Write([]byte(`{"data":{}}`))
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")

	conn, err := dialWire(addr, time.Now().Add(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.c.Close()
	var body bytes.Buffer
	for _, tc := range []struct {
		auth, body string
		code       int
		err        error
	}{
		{"", `{"data":{}}`, 200, nil},
		{"Bearer chunked", "part one, part two", 200, nil},
		{"Bearer big", big, 200, nil},
		{"Bearer error", "{\"errors\":[]}\n", 500, nil},
		{"Bearer plain", `{"data":{}}`, 200, nil},
		{"Bearer close", "bye", 200, errConnClosed},
	} {
		s := scenario{body: `{"query":"{ __typename }"}`}
		if tc.auth != "" {
			s.header, s.value = "Authorization", tc.auth
		}
		code, err := conn.do(rawRequest(addr, s), &body)
		if code != tc.code || err != tc.err || body.String() != tc.body {
			t.Fatalf("%q: got %d %v %.60q, want %d %v %.60q", tc.auth, code, err, body.String(), tc.code, tc.err, tc.body)
		}
		if want := "POST /graphql " + tc.auth + " application/json " + s.body; seen.Load() != want {
			t.Fatalf("the server saw %q, want %q", seen.Load(), want)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("%d connections for six keep-alive exchanges, want 1", n)
	}
}

// A response cut off mid-body is an error, not an answer.
func TestWireConnRefusesATruncatedBody(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		buf := make([]byte, 4096)
		c.Read(buf)
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"))
		c.Close()
	}()
	conn, err := dialWire(ln.Addr().String(), time.Now().Add(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.c.Close()
	var body bytes.Buffer
	if code, err := conn.do(rawRequest(ln.Addr().String(), scenario{body: "{}"}), &body); code != 0 || err == nil {
		t.Fatalf("got %d %v for a truncated body, want 0 and an error", code, err)
	}
}
