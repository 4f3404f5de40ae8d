package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

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

// app is the wired product: database, caches and the HTTP handler.
type app struct {
	cfg      config
	db       *gorm.DB
	dialect  models.Dialect
	log      *slog.Logger
	keys     *auth.KeyVerifier
	sessions *auth.SessionCache
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
	// note: sessions are cached only on PostgreSQL, whose NOTIFY reaches
	// every process at once, the command line's included. On SQLite a
	// second process (keyward admin reset-password, or a second server on
	// the same file) has no way to tell this one, so each request asks.
	if dialect == models.Postgres {
		if a.sessions, err = auth.NewSessionCache(db, auth.SessionTTL); err != nil {
			a.closeDB()
			return nil, err
		}
	}
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
			Keys: a.keys, Sessions: a.sessions, Log: log}
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

func (a *app) routes() http.Handler {
	keyFailures := ratelimit.FailedAuth{L: a.limiter, Limit: a.cfg.AuthFailLimit, Kind: "key"}
	leaked := &auth.LeakedKeys{DB: a.db, Keys: a.keys, Failures: keyFailures}
	resolver := &graph.Resolver{
		DB: a.db, Keys: a.keys, SetupToken: a.setup, Leaked: leaked,
		LoginFailures: ratelimit.FailedAuth{L: a.limiter, Limit: a.cfg.LoginFailLimit, Kind: "login"},
		Signups:       ratelimit.FailedAuth{L: a.limiter, Limit: a.cfg.SignupLimit, Kind: "signup"},
		AllowSignup:   a.cfg.AllowSignup, MaxAPIKeys: a.cfg.MaxAPIKeys,
	}
	authn := &auth.Authenticator{DB: a.db, Keys: a.keys, Sessions: a.sessions, Log: a.log, Failures: keyFailures, Proxies: a.cfg.TrustedProxies}
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
	mux.HandleFunc("GET /healthz", healthz)
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
	return httplog.Middleware(a.log, clientIP)(recoverPanics(a.log)(deadline(a.cfg.RequestTimeout)(mux)))
}
