package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

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
// keep-alive connection (see wireConn), until d has passed.
func (s scenario) load(ctx context.Context, url string, d time.Duration, c int) result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	deadline, _ := ctx.Deadline()
	addr := strings.TrimPrefix(url, "http://")
	req := rawRequest(addr, s)
	per := make([]result, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range c {
		wg.Add(1)
		go func(r *result) {
			defer wg.Done()
			r.latencies = make([]time.Duration, 0, 1<<14)
			body := bytes.NewBuffer(make([]byte, 0, 4096))
			var conn *wireConn
			defer func() {
				if conn != nil {
					conn.c.Close()
				}
			}()
			for ctx.Err() == nil {
				t0 := time.Now()
				var err error
				if conn == nil {
					conn, err = dialWire(addr, deadline)
				}
				code := 0
				if err == nil {
					code, err = conn.do(req, body)
				}
				lat := time.Since(t0)
				if err != nil && code == 0 {
					if conn != nil {
						conn.c.Close()
						conn = nil
					}
					if ctx.Err() != nil || time.Now().After(deadline) {
						return // cut off by the end of the run: not a failure
					}
					r.failed++
					continue
				}
				if err != nil { // a whole response on a connection that closes
					conn.c.Close()
					conn = nil
				}
				if len(r.latencies) < maxLatencySlots {
					r.latencies = append(r.latencies, lat)
				}
				if code/100 != 2 {
					r.non2xx++
				} else if bytes.Contains(body.Bytes(), errorsKey) {
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
	b.WriteString("| scenario | requests | req/s | × anonymous | p50 | p90 | p99 | non-2xx | GraphQL errors | failed |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		ratio := 0.0
		if results[0].rps() > 0 {
			ratio = r.rps() / results[0].rps()
		}
		fmt.Fprintf(&b, "| %s. %s | %d | %.0f | %.2f | %s | %s | %s | %d | %d | %d |\n",
			r.s.id, r.s.name, r.requests(), r.rps(), ratio, ms(r.percentile(50)), ms(r.percentile(90)), ms(r.percentile(99)),
			r.non2xx, r.gqlErrors, r.failed)
	}
	if len(results) >= 4 && results[0].rps() > 0 && results[3].rps() > 0 {
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
