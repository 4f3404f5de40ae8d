package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"keyward/auth"
	"keyward/ratelimit"
)

// config holds every setting. Each is a flag and an environment variable;
// a flag given on the command line wins over the environment.
type config struct {
	Addr           string
	DatabaseURL    string
	AdminEmail     string
	AdminPassword  string
	OrgName        string
	AllowSignup    bool
	MaxAPIKeys     int
	CORSOrigins    []string
	LogFormat      string
	KeyCacheTTL    time.Duration
	RequestTimeout time.Duration
	LastUsedFlush  time.Duration
	RedisURL       string
	RateLimit      ratelimit.Limit
	AuthFailLimit  ratelimit.Limit
	LoginFailLimit ratelimit.Limit
	SignupLimit    ratelimit.Limit
	TrustedProxies auth.TrustedProxies
	// DebugAddr serves net/http/pprof on its own listener; empty is off.
	DebugAddr string
}

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

// parseConfig reads flags and environment. Errors are one line for the user.
func parseConfig(args []string) (config, error) {
	fs := flag.NewFlagSet("keyward", flag.ContinueOnError)
	finish := configFlags(fs)
	// note: flag would print the whole usage on any mistake; a mistake gets
	// one line, and only --help gets the usage, on stdout.
	fs.SetOutput(discard{})
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printServerUsage(os.Stdout, fs)
		}
		return config{}, err
	}
	return finish()
}

// configFlags adds every setting to fs; after fs.Parse, finish checks them
// and returns the config. Subcommands share it, so they read the same
// flags and environment as the server.
func configFlags(fs *flag.FlagSet) (finish func() (config, error)) {
	c := &config{}
	var proxies string
	fs.StringVar(&proxies, "trusted-proxies", env("KEYWARD_TRUSTED_PROXIES", ""), "comma-separated CIDRs of your load balancers and proxies; only from these are Forwarded / X-Forwarded-For / X-Forwarded-Proto believed (KEYWARD_TRUSTED_PROXIES)")
	var cors, maxKeys, signup, ttl, flush, rate, failRate, loginRate, signupRate string
	var reqTimeout string
	fs.StringVar(&c.DebugAddr, "debug-addr", env("KEYWARD_DEBUG_ADDR", ""), "address of a separate listener serving net/http/pprof for profiling, e.g. 127.0.0.1:6060; empty (the default) is off; never expose it publicly (KEYWARD_DEBUG_ADDR)")
	fs.StringVar(&c.Addr, "addr", env("KEYWARD_ADDR", "127.0.0.1:8080"), "listen address (KEYWARD_ADDR)")
	fs.StringVar(&c.DatabaseURL, "database-url", env("KEYWARD_DATABASE_URL", env("DATABASE_URL", "sqlite:data/keyward.db")),
		"sqlite:PATH or postgres://… (KEYWARD_DATABASE_URL, then DATABASE_URL)")
	fs.StringVar(&c.AdminEmail, "admin-email", env("KEYWARD_ADMIN_EMAIL", ""), "first admin's email, used when the database has no users (KEYWARD_ADMIN_EMAIL)")
	fs.StringVar(&c.AdminPassword, "admin-password", env("KEYWARD_ADMIN_PASSWORD", ""), "first admin's password; prefer the environment variable (KEYWARD_ADMIN_PASSWORD)")
	fs.StringVar(&c.OrgName, "org-name", env("KEYWARD_ORG_NAME", "Default"), "first organisation's name (KEYWARD_ORG_NAME)")
	fs.StringVar(&signup, "allow-signup", env("KEYWARD_ALLOW_SIGNUP", "false"), "let signup create new organisations (KEYWARD_ALLOW_SIGNUP)")
	fs.StringVar(&maxKeys, "max-api-keys", env("KEYWARD_MAX_API_KEYS", "20"), "most API keys one organisation may hold (KEYWARD_MAX_API_KEYS)")
	fs.StringVar(&cors, "cors-origins", env("KEYWARD_CORS_ORIGINS", ""), "comma-separated origins allowed to call /graphql from a browser; empty means same origin only (KEYWARD_CORS_ORIGINS)")
	fs.StringVar(&c.LogFormat, "log-format", env("KEYWARD_LOG_FORMAT", "text"), "text or json (KEYWARD_LOG_FORMAT)")
	fs.StringVar(&ttl, "key-cache-ttl", env("KEYWARD_KEY_CACHE_TTL", "30s"), "how long a verified API key is trusted before the database is asked again (KEYWARD_KEY_CACHE_TTL)")
	fs.StringVar(&flush, "last-used-flush", env("KEYWARD_LAST_USED_FLUSH", "1m"), "how often last-used times are written (KEYWARD_LAST_USED_FLUSH)")
	fs.StringVar(&reqTimeout, "request-timeout", env("KEYWARD_REQUEST_TIMEOUT", "30s"), "longest one API request may take; past it, work still waiting on the database is cancelled and the answer is 503 UNAVAILABLE (KEYWARD_REQUEST_TIMEOUT)")
	fs.StringVar(&c.RedisURL, "redis-url", env("KEYWARD_REDIS_URL", ""), "redis://… to share rate limits between replicas; empty keeps them per process (KEYWARD_REDIS_URL)")
	fs.StringVar(&rate, "rate-limit", env("KEYWARD_RATE_LIMIT", "600/m"), "requests per API key, like 600/m, 20/s or off (KEYWARD_RATE_LIMIT)")
	fs.StringVar(&failRate, "auth-fail-limit", env("KEYWARD_AUTH_FAIL_LIMIT", "20/m"), "failed API-key authentications per client (IPv6 by /64) before 429, or off (KEYWARD_AUTH_FAIL_LIMIT)")
	fs.StringVar(&loginRate, "login-fail-limit", env("KEYWARD_LOGIN_FAIL_LIMIT", "10/15m"), "failed sign-ins per client (IPv6 by /64) before sign-in is refused, or off (KEYWARD_LOGIN_FAIL_LIMIT)")
	fs.StringVar(&signupRate, "signup-limit", env("KEYWARD_SIGNUP_LIMIT", "5/h"), "sign-ups per client (IPv6 by /64), or off (KEYWARD_SIGNUP_LIMIT)")
	return func() (config, error) {
		err := c.check(cors, maxKeys, signup, ttl, flush)
		if err == nil {
			if c.RequestTimeout, err = time.ParseDuration(reqTimeout); err != nil || c.RequestTimeout < time.Second || c.RequestTimeout > 10*time.Minute {
				err = fmt.Errorf("KEYWARD_REQUEST_TIMEOUT must be a duration from 1s to 10m, like 30s, not %q", reqTimeout)
			}
		}
		if err == nil {
			if c.TrustedProxies, err = auth.ParseTrustedProxies(proxies); err != nil {
				err = fmt.Errorf("KEYWARD_TRUSTED_PROXIES: %v", err)
			}
		}
		if err == nil {
			err = c.checkLimits(rate, failRate, loginRate, signupRate)
		}
		return *c, err
	}
}

// check validates the flag values that need parsing; errors are one line.
func (c *config) check(cors, maxKeys, signup, ttl, flush string) error {
	var err error
	if c.AllowSignup, err = strconv.ParseBool(signup); err != nil {
		return fmt.Errorf("KEYWARD_ALLOW_SIGNUP must be true or false, not %q", signup)
	}
	if c.MaxAPIKeys, err = strconv.Atoi(maxKeys); err != nil || c.MaxAPIKeys < 1 || c.MaxAPIKeys > 10000 {
		return fmt.Errorf("KEYWARD_MAX_API_KEYS must be a whole number from 1 to 10000, not %q", maxKeys)
	}
	if c.KeyCacheTTL, err = time.ParseDuration(ttl); err != nil || c.KeyCacheTTL < 0 || c.KeyCacheTTL > time.Hour {
		return fmt.Errorf("KEYWARD_KEY_CACHE_TTL must be a duration up to 1h, like 30s, not %q", ttl)
	}
	if c.LastUsedFlush, err = time.ParseDuration(flush); err != nil || c.LastUsedFlush < time.Second || c.LastUsedFlush > time.Hour {
		return fmt.Errorf("KEYWARD_LAST_USED_FLUSH must be a duration from 1s to 1h, like 1m, not %q", flush)
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") {
		return fmt.Errorf("KEYWARD_REDIS_URL must start with redis:// or rediss://")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("KEYWARD_LOG_FORMAT must be text or json, not %q", c.LogFormat)
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		return fmt.Errorf("set both KEYWARD_ADMIN_EMAIL and KEYWARD_ADMIN_PASSWORD, or neither")
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	return nil
}

// checkLimits parses the rate-limit settings.
func (c *config) checkLimits(rate, failRate, loginRate, signupRate string) (err error) {
	if c.RateLimit, err = ratelimit.ParseLimit(rate); err != nil {
		return fmt.Errorf("KEYWARD_RATE_LIMIT: %v", err)
	}
	if c.AuthFailLimit, err = ratelimit.ParseLimit(failRate); err != nil {
		return fmt.Errorf("KEYWARD_AUTH_FAIL_LIMIT: %v", err)
	}
	if c.LoginFailLimit, err = ratelimit.ParseLimit(loginRate); err != nil {
		return fmt.Errorf("KEYWARD_LOGIN_FAIL_LIMIT: %v", err)
	}
	if c.SignupLimit, err = ratelimit.ParseLimit(signupRate); err != nil {
		return fmt.Errorf("KEYWARD_SIGNUP_LIMIT: %v", err)
	}
	return nil
}
