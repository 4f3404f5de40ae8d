// Command load is Keyward's HTTP load generator, run by `make bench`.
//
// It starts a built server binary on a free loopback port with a fresh SQLite
// database in a temporary directory, signs in as the bootstrapped admin,
// creates an API key, and then measures three GraphQL requests for a fixed
// duration each, after a warm-up:
//
//	a  anonymous  { __typename }
//	b  the same with Authorization: Bearer <key>     (cost of key verification)
//	c  { apiKeys { id name status lastUsedAt } } with the admin session cookie
//
// It prints a markdown table (requests, req/s, p50/p90/p99 latency, non-2xx
// responses) and the req/s ratios b/a and c/a. The figures are a report, never
// a pass/fail test. Only loopback traffic is sent.
//
//	go run ./bench/load -bin bin/keyward [-duration 10s] [-c 16] [-out FILE]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
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
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "", "path to the built server binary (required), e.g. bin/keyward")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measured duration of each scenario")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured warm-up before each scenario")
	flag.IntVar(&o.concurrency, "c", 16, "concurrent connections (workers)")
	flag.StringVar(&o.out, "out", "", "also write the markdown report to this file")
	flag.BoolVar(&o.keepLog, "keep-log", false, "print the server's log path and keep its temporary directory")
	flag.Parse()
	if o.bin == "" || o.duration <= 0 || o.warmup < 0 || o.concurrency < 1 {
		fmt.Fprintln(os.Stderr, "usage: load -bin PATH [-duration 10s] [-warmup 1s] [-c 16] [-out FILE]")
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

	scenarios := []scenario{
		{id: "a", name: "anonymous `{ __typename }`", body: `{"query":"{ __typename }"}`},
		{id: "b", name: "Bearer key `{ __typename }`", body: `{"query":"{ __typename }"}`,
			header: "Authorization", value: "Bearer " + secret},
		{id: "c", name: "admin session `{ apiKeys { id name status lastUsedAt } }`",
			body:   `{"query":"{ apiKeys { id name status lastUsedAt } }"}`,
			header: "Cookie", value: sessionCookie + "=" + cookie},
		{id: "d", name: "Bearer key `{ __typename }`, rate limiter off", body: `{"query":"{ __typename }"}`,
			header: "Authorization", value: "Bearer " + offSecret, server: off},
	}
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
	for _, s := range scenarios {
		fmt.Fprintf(os.Stderr, "scenario %s: %s — warm-up %s, measuring %s with %d workers\n",
			s.id, s.name, o.warmup, o.duration, o.concurrency)
		if o.warmup > 0 {
			s.load(ctx, client, s.server.url, o.warmup, o.concurrency)
		}
		r := s.load(ctx, client, s.server.url, o.duration, o.concurrency)
		results = append(results, r)
		if ctx.Err() != nil {
			return errors.New("interrupted")
		}
	}

	report := render(o, started, results)
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

// ---- the server under test ----

type server struct {
	cmd  *exec.Cmd
	url  string
	log  string
	done chan struct{}
	err  error // the process's exit status, valid once done is closed
}

// startServer runs the binary on a fresh database in dir. rateLimit is
// KEYWARD_RATE_LIMIT: the limiter's cost is measured as "on with a budget no
// scenario exhausts" against "off".
// limiterOn is a per-key budget no scenario exhausts, so every request pays
// for a limiter check and none is refused.
const limiterOn = "1000000/s"

// prepare waits for the server, signs in and creates a key.
func prepare(ctx context.Context, client *http.Client, srv *server) (cookie, secret string, err error) {
	if err := waitHealthy(ctx, client, srv); err != nil {
		return "", "", err
	}
	if cookie, err = login(ctx, client, srv.url); err != nil {
		return "", "", err
	}
	secret, err = createKey(ctx, client, srv.url, cookie)
	return cookie, secret, err
}

func startServer(ctx context.Context, bin, dir, rateLimit string) (*server, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, "server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(cleanEnv(os.Environ()),
		"KEYWARD_ADDR="+addr,
		"KEYWARD_DATABASE_URL=sqlite:"+filepath.Join(dir, "bench.db"),
		"KEYWARD_ADMIN_EMAIL="+adminEmail,
		"KEYWARD_ADMIN_PASSWORD="+adminPassword,
		"KEYWARD_ORG_NAME=Bench",
		"KEYWARD_RATE_LIMIT="+rateLimit,
	)
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &server{cmd: cmd, url: "http://" + addr, log: logPath, done: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		logFile.Close()
		close(s.done)
	}()
	fmt.Fprintf(os.Stderr, "started %s (pid %d) on %s\n", filepath.Base(bin), cmd.Process.Pid, s.url)
	return s, nil
}

// cleanEnv drops settings that would point the server elsewhere than the
// temporary database and loopback address chosen here.
func cleanEnv(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if strings.HasPrefix(kv, "KEYWARD_") || strings.HasPrefix(kv, "DATABASE_URL=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// stop sends SIGTERM and waits for a graceful exit, killing after stopTimeout.
func (s *server) stop() error {
	select {
	case <-s.done:
		return fmt.Errorf("server exited early: %v\n%s", s.err, s.logTail())
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		if s.err != nil {
			return fmt.Errorf("server exited with %v after SIGTERM\n%s", s.err, s.logTail())
		}
		fmt.Fprintln(os.Stderr, "server stopped after SIGTERM")
		return nil
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("server did not stop within %s of SIGTERM; killed", stopTimeout)
	}
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return "--- server log (tail) ---\n" + string(b)
}

func waitHealthy(ctx context.Context, client *http.Client, s *server) error {
	deadline := time.Now().Add(startTimeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/healthz", nil)
		resp, err := client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("server exited before becoming healthy: %v\n%s", s.err, s.logTail())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("GET /healthz did not answer 200 within %s\n%s", startTimeout, s.logTail())
		}
	}
}

// ---- setup through GraphQL ----

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func graphql(ctx context.Context, client *http.Client, url, query, header, value string) (*http.Response, *gqlResponse, error) {
	body, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if header != "" {
		req.Header.Set(header, value)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp, nil, err
	}
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		return resp, nil, fmt.Errorf("HTTP %d, body is not JSON: %.200s", resp.StatusCode, raw)
	}
	if resp.StatusCode/100 != 2 || len(out.Errors) > 0 {
		return resp, &out, fmt.Errorf("HTTP %d: %s", resp.StatusCode, raw)
	}
	return resp, &out, nil
}

func login(ctx context.Context, client *http.Client, url string) (string, error) {
	q := fmt.Sprintf(`mutation { login(input:{email:%q, password:%q}) { user { id } } }`, adminEmail, adminPassword)
	resp, _, err := graphql(ctx, client, url, q, "", "")
	if err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c.Value, nil
		}
	}
	return "", fmt.Errorf("login: the response set no %s cookie", sessionCookie)
}

func createKey(ctx context.Context, client *http.Client, url, cookie string) (string, error) {
	_, out, err := graphql(ctx, client, url, `mutation { createApiKey(input:{name:"bench"}) { secret } }`,
		"Cookie", sessionCookie+"="+cookie)
	if err != nil {
		return "", fmt.Errorf("createApiKey: %w", err)
	}
	var data struct {
		CreateAPIKey struct {
			Secret string `json:"secret"`
		} `json:"createApiKey"`
	}
	if err := json.Unmarshal(out.Data, &data); err != nil || data.CreateAPIKey.Secret == "" {
		return "", fmt.Errorf("createApiKey: no secret in %s", out.Data)
	}
	return data.CreateAPIKey.Secret, nil
}

// ---- scenarios ----

type scenario struct {
	id, name      string
	body          string
	header, value string
	server        *server
}

// check sends the scenario once and insists on a 2xx answer with data and
// without GraphQL errors.
func (s scenario) check(ctx context.Context, client *http.Client, url string) error {
	var q struct{ Query string }
	_ = json.Unmarshal([]byte(s.body), &q)
	_, out, err := graphql(ctx, client, url, q.Query, s.header, s.value)
	if err != nil {
		return err
	}
	if len(out.Data) == 0 || string(out.Data) == "null" {
		return errors.New("the response has no data")
	}
	return nil
}

type result struct {
	s         scenario
	elapsed   time.Duration
	latencies []time.Duration // successful and unsuccessful responses alike
	non2xx    int
	gqlErrors int // 2xx responses whose body carries "errors"
	failed    int // transport errors and timeouts
}

var errorsKey = []byte(`"errors"`)

// load runs c workers, each sending the request back to back on its own
// keep-alive connection, until d has passed.
func (s scenario) load(ctx context.Context, client *http.Client, url string, d time.Duration, c int) result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	body := []byte(s.body)
	per := make([]result, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range c {
		wg.Add(1)
		go func(r *result) {
			defer wg.Done()
			r.latencies = make([]time.Duration, 0, 1<<14)
			buf := bytes.NewBuffer(make([]byte, 0, 4096))
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				if s.header != "" {
					req.Header.Set(s.header, s.value)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					buf.Reset()
					_, err = buf.ReadFrom(resp.Body)
					resp.Body.Close()
				}
				lat := time.Since(t0)
				if err != nil {
					if ctx.Err() != nil {
						return // cut off by the end of the run: not a failure
					}
					r.failed++
					continue
				}
				if len(r.latencies) < maxLatencySlots {
					r.latencies = append(r.latencies, lat)
				}
				if resp.StatusCode/100 != 2 {
					r.non2xx++
				} else if bytes.Contains(buf.Bytes(), errorsKey) {
					r.gqlErrors++
				}
			}
		}(&per[w])
	}
	wg.Wait()
	total := result{s: s, elapsed: time.Since(start)}
	for _, r := range per {
		total.latencies = append(total.latencies, r.latencies...)
		total.non2xx += r.non2xx
		total.gqlErrors += r.gqlErrors
		total.failed += r.failed
	}
	slices.Sort(total.latencies)
	return total
}

func (r result) requests() int { return len(r.latencies) }

func (r result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests()) / r.elapsed.Seconds()
}

// percentile uses the nearest-rank method on the sorted latencies.
func (r result) percentile(p float64) time.Duration {
	n := len(r.latencies)
	if n == 0 {
		return 0
	}
	i := int(float64(n)*p/100+0.999999) - 1
	return r.latencies[max(0, min(i, n-1))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func render(o options, started time.Time, results []result) string {
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "## Keyward load report\n\n")
	fmt.Fprintf(&b, "%s · %s/%s · %d CPUs · host %s · server and load generator on the same machine\n\n",
		started.UTC().Format("2006-01-02 15:04 UTC"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), host)
	fmt.Fprintf(&b, "POST /graphql over keep-alive HTTP/1.1 on loopback, %d concurrent workers, %s per scenario after a %s warm-up, SQLite database.\n\n",
		o.concurrency, o.duration, o.warmup)
	b.WriteString("| scenario | requests | req/s | p50 | p90 | p99 | non-2xx | GraphQL errors | failed |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		fmt.Fprintf(&b, "| %s. %s | %d | %.0f | %s | %s | %s | %d | %d | %d |\n",
			r.s.id, r.s.name, r.requests(), r.rps(), ms(r.percentile(50)), ms(r.percentile(90)), ms(r.percentile(99)),
			r.non2xx, r.gqlErrors, r.failed)
	}
	if len(results) == 4 && results[0].rps() > 0 && results[3].rps() > 0 {
		a := results[0].rps()
		fmt.Fprintf(&b, "\nRatios of req/s: b/a = %.2f (Bearer key vs anonymous), c/a = %.2f (admin apiKeys list vs anonymous), b/d = %.2f (rate limiter on vs off).\n",
			results[1].rps()/a, results[2].rps()/a, results[1].rps()/results[3].rps())
	}
	for _, r := range results {
		if r.non2xx > 0 || r.failed > 0 || r.gqlErrors > 0 {
			fmt.Fprintf(&b, "\n**Warning:** scenario %s had %d non-2xx responses, %d GraphQL error bodies and %d failed requests; its figures are not comparable.\n",
				r.s.id, r.non2xx, r.gqlErrors, r.failed)
		}
	}
	b.WriteString("\nThese figures are a report, not a pass/fail test.\n")
	return b.String()
}
