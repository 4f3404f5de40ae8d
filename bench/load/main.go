// Command load is Keyward's HTTP load generator, run by `make bench`.
//
// It starts a built server binary on a free loopback port with a fresh SQLite
// database in a temporary directory, signs in as the bootstrapped admin,
// creates an API key, and then measures GraphQL requests for a fixed
// duration each, after a warm-up, among them:
//
//	a  anonymous  { __typename }
//	b  the same with Authorization: Bearer <key>     (cost of key verification)
//	c  { apiKeys { id name status lastUsedAt } } for 20 keys, with the admin session cookie
//	d  b on a server with the rate limiter off; e–g lists (pairs.go), on PostgreSQL too with -pg
//
// It prints a markdown table (requests, req/s, p50/p90/p99 latency, non-2xx
// responses), the req/s ratios b/a and c/a, and the median b/a of
// interleaved a/b pairs. The figures are a report, never a pass/fail test.
// Only loopback traffic is sent, by a wire-level client (wire.go).
//
//	go run ./bench/load -bin bin/keyward [-duration 10s] [-c 16] [-pairs 9] [-pair-duration 3s] [-only-pairs] [-out FILE]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

const (
	adminEmail    = "bench@example.com"
	adminPassword = "bench-password-1"
	sessionCookie = "keyward_session"

	startTimeout    = 30 * time.Second
	stopTimeout     = 30 * time.Second
	requestTimeout  = 10 * time.Second
	maxLatencySlots = 4 << 20 // per worker; bounds memory on very fast machines
)

type options struct {
	bin         string
	duration    time.Duration
	warmup      time.Duration
	concurrency int
	out         string
	keepLog     bool
	pairs       int
	pairDur     time.Duration
	onlyPairs   bool
	pg          string
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "path to the built server binary (required), e.g. bin/keyward")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measured duration of each scenario")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured warm-up before each scenario")
	flag.IntVar(&o.concurrency, "c", 16, "concurrent connections (workers)")
	flag.StringVar(&o.out, "out", "", "also write the markdown report to this file")
	flag.StringVar(&o.pg, "pg", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL URL (default TEST_DATABASE_URL): the list scenarios run there too, in a schema of their own that is dropped afterwards")
	flag.IntVar(&o.pairs, "pairs", 9, "interleaved anonymous/Bearer pairs after the scenarios; their median b/a is reported")
	flag.BoolVar(&o.onlyPairs, "only-pairs", false, "skip the scenario table: warm up, then measure only the anonymous/Bearer pairs (a quick A/B of one binary)")
	flag.DurationVar(&o.pairDur, "pair-duration", 3*time.Second, "measured duration of each side of an A/B pair")
	flag.BoolVar(&o.keepLog, "keep-log", false, "print the server's log path and keep its temporary directory")
	flag.Parse()
	if o.bin == "" || o.duration <= 0 || o.warmup < 0 || o.concurrency < 1 || o.pairDur <= 0 {
		fmt.Fprintln(os.Stderr, "usage: load -bin PATH [-duration 10s] [-warmup 1s] [-c 16] [-pairs 9] [-pair-duration 3s] [-only-pairs] [-out FILE]")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(o options) (err error) {
	// Ctrl-C stops the measurement early but still stops the server.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	bin, err := filepath.Abs(o.bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("server binary: %w (build it with: go build -o bin/keyward ./server)", err)
	}
	dir, err := os.MkdirTemp("", "keyward-bench-")
	if err != nil {
		return err
	}
	defer func() {
		if o.keepLog {
			fmt.Fprintf(os.Stderr, "server log kept in %s\n", filepath.Join(dir, "server.log"))
			return
		}
		_ = os.RemoveAll(dir)
	}()

	srv, err := startServer(ctx, bin, dir, limiterOn)
	if err != nil {
		return err
	}
	defer func() {
		if stopErr := srv.stop(); stopErr != nil && err == nil {
			err = stopErr
		}
	}()
	off, err := startServer(ctx, bin, filepath.Join(dir, "limiter-off"), "off")
	if err != nil {
		return err
	}
	defer func() {
		if stopErr := off.stop(); stopErr != nil && err == nil {
			err = stopErr
		}
	}()

	client := &http.Client{
		Timeout: requestTimeout,
		Transport: &http.Transport{
			Proxy:               nil, // loopback only, never through a proxy
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        o.concurrency * 2,
			MaxIdleConnsPerHost: o.concurrency * 2,
			MaxConnsPerHost:     0,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
			ForceAttemptHTTP2:   false,
		},
	}
	defer client.CloseIdleConnections()

	cookie, secret, err := prepare(ctx, client, srv)
	if err != nil {
		return err
	}
	_, offSecret, err := prepare(ctx, client, off)
	if err != nil {
		return err
	}
	if err := seedProjects(ctx, client, srv.url, cookie, 100); err != nil {
		return err
	}
	if err := seedKeys(ctx, client, srv.url, cookie, 19); err != nil {
		return err
	}

	scenarios := []scenario{
		{id: "a", name: "anonymous `{ __typename }`", body: `{"query":"{ __typename }"}`},
		{id: "b", name: "Bearer key `{ __typename }`", body: `{"query":"{ __typename }"}`,
			header: "Authorization", value: "Bearer " + secret},
		{id: "c", name: "admin session `{ apiKeys { id name status lastUsedAt } }`, 20 keys",
			body:   `{"query":"{ apiKeys { id name status lastUsedAt } }"}`,
			header: "Cookie", value: sessionCookie + "=" + cookie},
		{id: "d", name: "Bearer key `{ __typename }`, rate limiter off", body: `{"query":"{ __typename }"}`,
			header: "Authorization", value: "Bearer " + offSecret, server: off},
	}
	scenarios = append(scenarios, listScenarios(secret, cookie)...)
	for i := range scenarios {
		if scenarios[i].server == nil {
			scenarios[i].server = srv
		}
	}
	// One checked request per scenario first: a scenario that answers with
	// GraphQL errors would otherwise be measured as a fast success.
	for _, s := range scenarios {
		if err := s.check(ctx, client, s.server.url); err != nil {
			return fmt.Errorf("scenario %s: %w", s.id, err)
		}
	}

	started := time.Now()
	results := make([]result, 0, len(scenarios))
	if o.onlyPairs {
		scenarios[0].load(ctx, srv.url, o.warmup, o.concurrency)
		scenarios[1].load(ctx, srv.url, o.warmup, o.concurrency)
		ratios := abPairs(ctx, o, scenarios[0], scenarios[1], o.pairs)
		fmt.Printf("b/a = %.3f, median %.3f of %d\n", ratios, median(ratios), len(ratios))
		return nil
	}
	for _, s := range scenarios {
		fmt.Fprintf(os.Stderr, "scenario %s: %s — warm-up %s, measuring %s with %d workers\n",
			s.id, s.name, o.warmup, o.duration, o.concurrency)
		if o.warmup > 0 {
			s.load(ctx, s.server.url, o.warmup, o.concurrency)
		}
		r := s.load(ctx, s.server.url, o.duration, o.concurrency)
		results = append(results, r)
		if ctx.Err() != nil {
			return errors.New("interrupted")
		}
	}

	if o.pg != "" {
		pgResults, err := onPostgres(ctx, client, o, bin, dir)
		if err != nil {
			return err
		}
		results = append(results, pgResults...)
	}
	ratios := abPairs(ctx, o, scenarios[0], scenarios[1], o.pairs)
	report := render(o, started, results)
	if len(ratios) > 0 {
		report += fmt.Sprintf("\nInterleaved A/B pairs (anonymous and Bearer, %s each, the order flipping every pair): b/a = %.2f, median **%.2f** of %d.\n",
			o.pairDur, ratios, median(ratios), len(ratios))
	}
	report += fmt.Sprintf("\nServer RSS after the run (limiter on): %.1f MB.\n", float64(rssKB(srv.cmd.Process.Pid))/1024)
	fmt.Print(report)
	for _, r := range results {
		if r.non2xx > 0 || r.failed > 0 || r.gqlErrors > 0 {
			fmt.Fprintf(os.Stderr, "WARNING: scenario %s had %d non-2xx responses, %d GraphQL error bodies and %d failed requests; its figures are not comparable\n",
				r.s.id, r.non2xx, r.gqlErrors, r.failed)
		}
	}
	if o.out != "" {
		if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(o.out, []byte(report), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "report written to %s\n", o.out)
	}
	return nil
}
