package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// healthz answers while the process is alive; it checks nothing else.
func healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, "ok\n")
}

// ready answers 200 only while the database answers. Redis is reported but
// does not decide: without it the server still serves, with per-process limits.
func (a *app) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var report strings.Builder
	status := http.StatusOK
	sqlDB, err := a.db.DB()
	if err == nil {
		err = sqlDB.PingContext(ctx)
	}
	if err != nil {
		a.log.Warn("readiness check failed", "err", err)
		status = http.StatusServiceUnavailable
		report.WriteString("database: unavailable\n")
	} else {
		report.WriteString("database: ok\n")
	}
	if a.listener != nil {
		// Degraded, not failing: this replica still serves correctly, but
		// keys deleted elsewhere keep working here until the key cache TTL.
		if down := a.listener.Down(); down > 0 || !a.listener.Healthy() {
			fmt.Fprintf(&report, "revocation listener: degraded (disconnected for %s; keys deleted on other replicas work here for up to %s)\n",
				down.Round(time.Second), a.cfg.KeyCacheTTL)
		} else {
			report.WriteString("revocation listener: ok\n")
		}
	}
	if a.redis != nil {
		if err := a.redis.Ping(ctx); err != nil {
			report.WriteString("redis: unavailable (rate limits are per process)\n")
		} else {
			report.WriteString("redis: ok\n")
		}
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, report.String())
}
