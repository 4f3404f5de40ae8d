package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// KEYWARD_DEBUG_ADDR serves pprof on its own listener only: the public
// address never answers /debug/pprof, whatever the path.
func TestDebugListenerServesPprofOnlyOnItsOwnAddress(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-debug-addr", "127.0.0.1:0", "-database-url", sqliteURL(t),
			"-admin-email", adminEmail, "-admin-password", adminPassword}, w)
		w.Close()
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("run did not return")
		}
	}()
	lines := bufio.NewScanner(out)
	var public, debug string
	for debug == "" && lines.Scan() {
		l := lines.Text()
		if rest, ok := strings.CutPrefix(l, "Keyward is running at "); ok {
			public = strings.Fields(rest)[0]
		}
		if rest, ok := strings.CutPrefix(l, "Profiling (pprof) at "); ok {
			debug = strings.TrimSuffix(strings.Fields(rest)[0], "/debug/pprof/")
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	if public == "" || debug == "" || public == debug {
		t.Fatalf("public %q, debug %q", public, debug)
	}

	get := func(url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(debug + "/debug/pprof/"); code != 200 || !strings.Contains(body, "Types of profiles available") {
		t.Fatalf("debug index: %d %.200s", code, body)
	}
	if code, body := get(debug + "/debug/pprof/heap?debug=1"); code != 200 || !strings.Contains(body, "heap profile") {
		t.Fatalf("debug heap: %d %.200s", code, body)
	}
	if code, body := get(debug + "/debug/pprof/cmdline"); code != 200 || !strings.Contains(body, "-test.") {
		t.Fatalf("debug cmdline: %d %.200s", code, body)
	}
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap?debug=1", "/debug/pprof/cmdline", "/debug/pprof/goroutine?debug=2"} {
		code, body := get(public + path)
		if strings.Contains(body, "Types of profiles") || strings.Contains(body, "heap profile") ||
			strings.Contains(body, "-test.") || strings.Contains(body, "goroutine ") {
			t.Errorf("public %s serves pprof: %d %.200s", path, code, body)
		}
	}
	// The debug listener serves nothing else: no API there.
	if code, _ := get(debug + "/graphql"); code != http.StatusNotFound {
		t.Errorf("debug /graphql: %d, want 404", code)
	}
}

// Off by default: no setting, no listener, no banner line.
func TestDebugListenerIsOffByDefault(t *testing.T) {
	cfg, err := parseConfig(nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DebugAddr != "" {
		t.Fatalf("DebugAddr = %q by default", cfg.DebugAddr)
	}
	if d, err := startDebug("", nil); d != nil || err != nil {
		t.Fatalf("startDebug(\"\") = %v, %v", d, err)
	}
}
