package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"keyward/models"
)

// The binary's whole life: start on a fresh SQLite file, print the URL and
// the way in, serve, and on a signal stop accepting and write pending
// last-used times before closing the database.
func TestRunServesAndShutsDownGracefully(t *testing.T) {
	dbPath := strings.TrimPrefix(sqliteURL(t), "sqlite:")
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-database-url", "sqlite:" + dbPath,
			"-admin-email", adminEmail, "-admin-password", adminPassword, "-last-used-flush", "1h"}, w)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "Keyward is running at http://127.0.0.1:") {
		t.Fatalf("first line: %q", lines.Text())
	}
	base := strings.Fields(strings.TrimPrefix(lines.Text(), "Keyward is running at "))[0]
	if !lines.Scan() || !strings.Contains(lines.Text(), "Sign in at "+base+"/login as "+adminEmail) {
		t.Fatalf("sign-in line: %q", lines.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()

	s := &testServer{t: t, url: base}
	_, secret := s.admin().createKey("shutdown key")
	s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("run did not return after the signal")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("still accepting connections after shutdown")
	}
	// The last-used time pending in memory (flush interval 1h) was written on the way out.
	db, _, err := models.Open(context.Background(), "sqlite:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { sqlDB, _ := db.DB(); sqlDB.Close() }()
	var key models.APIKey
	if err := db.Where("name = ?", "shutdown key").Take(&key).Error; err != nil || key.LastUsedAt == nil {
		t.Fatalf("last used not flushed on shutdown: %+v %v", key, err)
	}
}

func TestCORS(t *testing.T) {
	s := newServer(t, sqliteURL(t), func(c *config) { c.CORSOrigins = []string{"https://allowed.example"} })
	for origin, allowed := range map[string]bool{"https://allowed.example": true, "https://evil.example": false} {
		req, _ := http.NewRequest(http.MethodOptions, s.url+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("%s: allowed=%v, want %v (headers %v)", origin, got, allowed, res.Header)
		}
	}
	// Without the setting, no origin is allowed.
	plain := newServer(t, sqliteURL(t))
	req, _ := http.NewRequest(http.MethodOptions, plain.url+"/graphql", nil)
	req.Header.Set("Origin", "https://allowed.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("a cross-origin caller was allowed by default")
	}
}
