package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/rs/cors"
	"gorm.io/gorm"

	"keyward/auth"
	"keyward/docs"
	"keyward/frontend"
	"keyward/graph"
	"keyward/httplog"
	"keyward/metrics"
	"keyward/models"
	"keyward/ratelimit"
	"keyward/usage"
)

// maxBodyBytes bounds a GraphQL request body.
const maxBodyBytes = 1 << 20

// app is the wired product: database, caches and the HTTP handler.
type app struct {
	cfg      config
	db       *gorm.DB
	dialect  models.Dialect
	log      *slog.Logger
	keys     *auth.KeyVerifier
	lastUsed *auth.LastUsed
	usage    *usage.Counter
	setup    *auth.SetupToken
	limiter  ratelimit.Limiter
	redis    *ratelimit.Redis         // nil without KEYWARD_REDIS_URL
	listener *auth.RevocationListener // nil on SQLite
	handler  http.Handler
	// bootstrapped names the admin created from the environment, if any.
	bootstrapped string
}

// newApp opens the database, bootstraps the first admin and builds routes.
func newApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	db, dialect, err := models.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, db: db, dialect: dialect, log: log}
	// Replicas starting together take turns here: one migrates, rewrites
	// identity keys and creates the first admin; the others then find it done.
	if err := models.MigrateAndThen(ctx, db, a.afterMigrate); err != nil {
		a.closeDB()
		return nil, err
	}
	a.lastUsed = auth.NewLastUsed(db, log)
	a.keys = auth.NewKeyVerifier(db, cfg.KeyCacheTTL, a.lastUsed)
	a.usage = usage.NewCounter(db, log)
	a.limiter = ratelimit.NewMemory()
	if cfg.RedisURL != "" {
		if a.redis, err = ratelimit.NewRedis(cfg.RedisURL, log); err != nil {
			a.closeDB()
			return nil, fmt.Errorf("KEYWARD_REDIS_URL: %v", err)
		}
		a.limiter = a.redis
	}
	if dialect == models.Postgres {
		a.listener = &auth.RevocationListener{DSN: withParam(cfg.DatabaseURL, "application_name", "keyward-revocation-"+randomID()),
			Keys: a.keys, Log: log}
	}
	a.handler = a.routes()
	return a, nil
}

// withParam adds a query parameter to a database URL.
func withParam(url, name, value string) string {
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + name + "=" + value
}

func randomID() string {
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}

// afterMigrate brings stored data up to this release's rules, then
// bootstraps. It runs on every start, under the start-up lock.
func (a *app) afterMigrate(ctx context.Context) error {
	dups, err := models.RewriteIdentityKeys(ctx, a.db)
	if err != nil {
		return err
	}
	for _, d := range dups {
		a.log.Warn("names that are now the same ignoring case and accents; their search keys were left as they were", "duplicate", d.String())
	}
	return a.bootstrap(ctx)
}

// bootstrap creates the first organisation and admin from the environment,
// or, without those settings, a one-time setup token.
func (a *app) bootstrap(ctx context.Context) error {
	n, err := models.CountUsers(ctx, a.db)
	if err != nil || n > 0 {
		return err
	}
	if a.cfg.AdminEmail == "" {
		a.setup, err = auth.NewSetupToken()
		return err
	}
	_, err = models.CreateOrganizationWithAdmin(ctx, a.db, models.NewOrganizationInput{
		OrgName: a.cfg.OrgName, Email: a.cfg.AdminEmail, Name: "Admin", Password: a.cfg.AdminPassword,
	})
	if err != nil {
		return fmt.Errorf("create the first admin from KEYWARD_ADMIN_EMAIL/KEYWARD_ADMIN_PASSWORD: %v", err)
	}
	a.bootstrapped = a.cfg.AdminEmail
	return nil
}

// banner tells the person who started the server how to get in.
func (a *app) banner(w io.Writer, baseURL string) {
	fmt.Fprintf(w, "Keyward is running at %s (database: %s)\n", baseURL, a.dialect)
	switch {
	case a.setup != nil:
		fmt.Fprintf(w, "No users yet. Create the first admin here (one-time link, valid until the server stops):\n  %s/setup?token=%s\n", baseURL, a.setup.Value())
	case a.bootstrapped != "":
		fmt.Fprintf(w, "Sign in at %s/login as %s with the password from KEYWARD_ADMIN_PASSWORD.\n", baseURL, a.bootstrapped)
	default:
		fmt.Fprintf(w, "Sign in at %s/login with your account.\n", baseURL)
	}
	fmt.Fprintf(w, "GraphQL API: %s/graphql   Playground: %s/playground\n", baseURL, baseURL)
}

func (a *app) routes() http.Handler {
	keyFailures := ratelimit.FailedAuth{L: a.limiter, Limit: a.cfg.AuthFailLimit, Kind: "key"}
	leaked := &auth.LeakedKeys{DB: a.db, Keys: a.keys, Failures: keyFailures}
	resolver := &graph.Resolver{
		DB: a.db, Keys: a.keys, SetupToken: a.setup, Leaked: leaked,
		LoginFailures: ratelimit.FailedAuth{L: a.limiter, Limit: a.cfg.LoginFailLimit, Kind: "login"},
		Signups:       ratelimit.FailedAuth{L: a.limiter, Limit: a.cfg.SignupLimit, Kind: "signup"},
		AllowSignup:   a.cfg.AllowSignup, MaxAPIKeys: a.cfg.MaxAPIKeys,
	}
	authn := &auth.Authenticator{DB: a.db, Keys: a.keys, Log: a.log, Failures: keyFailures, Proxies: a.cfg.TrustedProxies}
	perKey := ratelimit.PerKey(a.limiter, a.cfg.RateLimit, a.log)
	var api http.Handler = limitBody(a.usage.Middleware(authn.Middleware(perKey(graph.NewHandler(resolver, a.log)))))
	if len(a.cfg.CORSOrigins) > 0 {
		api = cors.New(cors.Options{
			AllowedOrigins:   a.cfg.CORSOrigins,
			AllowedMethods:   []string{http.MethodGet, http.MethodPost},
			AllowedHeaders:   []string{"Authorization", "Content-Type"},
			AllowCredentials: true,
			MaxAge:           600,
		}).Handler(api)
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	mux.Handle("/graphql/", graphqlSubpaths(api))
	// No authentication: whoever holds a leaked secret may kill it. The
	// middleware still records the client address for the limiter.
	mux.Handle("/api/leaked-keys", authn.Middleware(leakedKeysHandler(leaked)))
	mux.HandleFunc("/api/", unknownAPI)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", a.ready)
	mux.Handle("GET /metrics", metrics.Handler())
	for path, doc := range map[string][]byte{"/docs/api.md": docs.API, "/docs/secret-scanning.md": docs.SecretScanning} {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			_, _ = w.Write(doc)
		})
	}
	mux.Handle("/", spaHandler(frontend.Dist()))
	clientIP := func(r *http.Request) string { ip, _ := a.cfg.TrustedProxies.Client(r); return ip }
	return httplog.Middleware(a.log, clientIP)(recoverPanics(a.log, mux))
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

// limitBody refuses bodies over maxBodyBytes before GraphQL reads them.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > maxBodyBytes {
			auth.WriteError(w, http.StatusRequestEntityTooLarge, models.CodeBadUserInput,
				fmt.Sprintf("The request body is larger than %d bytes.", maxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic outside GraphQL into a logged 500.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "request_id", httplog.RequestID(r.Context()), "panic", fmt.Sprint(v))
				auth.WriteError(w, http.StatusInternalServerError, models.CodeInternal, "Something went wrong on our side.")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// start runs background work until ctx ends.
func (a *app) start(ctx context.Context) {
	go a.lastUsed.Run(ctx, a.cfg.LastUsedFlush)
	go a.usage.Run(ctx, a.cfg.LastUsedFlush)
	if a.listener != nil {
		go a.listener.Run(ctx)
	}
}

// close flushes last-used times and usage counts, and closes the
// database. Background work must have been told to stop (start's ctx
// ended): each flusher waits for its flush in progress before the final one.
func (a *app) close(ctx context.Context) {
	if err := a.usage.Close(ctx); err != nil {
		a.log.Warn("final flush of API key usage counts", "err", err)
	}
	if err := a.lastUsed.Close(ctx); err != nil {
		a.log.Warn("final flush of last-used times", "err", err)
	}
	if a.redis != nil {
		_ = a.redis.Close()
	}
	a.closeDB()
}

func (a *app) closeDB() {
	if sqlDB, err := a.db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}
