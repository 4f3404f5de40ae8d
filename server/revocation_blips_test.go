package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"keyward/ratelimit"
)

// Short disconnects must not slow the revocation listener down for good:
// its backoff starts over after every successful LISTEN.
func TestRevocationListenerRecoversFastFromRepeatedBlips(t *testing.T) {
	dbURL := postgresURL(t)
	s := newServer(t, dbURL, func(c *config) { c.AuthFailLimit = ratelimit.Limit{} })
	l := s.app.listener
	waitFor(t, 5*time.Second, l.Healthy)
	appName := l.DSN[strings.Index(l.DSN, "application_name=")+len("application_name="):]
	var reconnects []time.Duration
	for blip := 1; blip <= 6; blip++ {
		connects := l.Connects()
		var killed int64
		start := time.Now()
		if err := s.app.db.Raw("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?", appName).Scan(&killed).Error; err != nil || killed != 1 {
			t.Fatalf("blip %d: terminated %d listener connections, %v", blip, killed, err)
		}
		waitFor(t, 10*time.Second, func() bool { return l.Connects() > connects && l.Healthy() })
		reconnects = append(reconnects, time.Since(start))
		if wait := l.LastWait(); wait != 100*time.Millisecond {
			t.Fatalf("blip %d: the listener waited %v before reconnecting; every blip after a working connection should wait 100ms", blip, wait)
		}
	}
	t.Logf("reconnect times for six blips: %v", reconnects)
}

// While the listener cannot reconnect, /readyz says so (degraded, still 200:
// the replica serves correctly, only deletions elsewhere arrive late) and the
// disconnected-seconds metric grows.
func TestReadyzReportsADisconnectedRevocationListener(t *testing.T) {
	dbURL := postgresURL(t)
	proxy := newTCPProxy(t, "127.0.0.1:5432")
	if !strings.Contains(dbURL, "127.0.0.1:5432") {
		t.Skip("TEST_DATABASE_URL does not point at 127.0.0.1:5432; this test needs to proxy it")
	}
	// Only the listener goes through the proxy; the database stays reachable.
	s := startServer(t, testConfig(dbURL), func(a *app) {
		a.listener.DSN = strings.Replace(a.listener.DSN, "127.0.0.1:5432", proxy.addr, 1)
	})
	waitFor(t, 5*time.Second, s.app.listener.Healthy)
	c := s.anon()
	if r := c.do(http.MethodGet, "/readyz", "", nil); r.status != http.StatusOK || !strings.Contains(r.body, "revocation listener: ok") {
		t.Fatalf("readyz while listening: %d %s", r.status, r.body)
	}
	before := metricValue(t, s, "keyward_revocation_listener_disconnected_seconds_total")

	proxy.down()
	waitFor(t, 5*time.Second, func() bool { return !s.app.listener.Healthy() })
	waitFor(t, 10*time.Second, func() bool {
		return metricValue(t, s, "keyward_revocation_listener_disconnected_seconds_total")-before >= 1
	})
	r := c.do(http.MethodGet, "/readyz", "", nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "revocation listener: degraded") || !strings.Contains(r.body, "database: ok") {
		t.Fatalf("readyz with the listener disconnected: %d %s", r.status, r.body)
	}

	proxy.up()
	waitFor(t, 10*time.Second, s.app.listener.Healthy)
	if r := c.do(http.MethodGet, "/readyz", "", nil); !strings.Contains(r.body, "revocation listener: ok") {
		t.Fatalf("readyz after reconnecting: %s", r.body)
	}
}
