package logbuf_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/logbuf"
)

// out is a destination that counts the writes that reach it.
type out struct {
	mu     sync.Mutex
	b      bytes.Buffer
	writes int
}

func (o *out) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.writes++
	return o.b.Write(p)
}

func (o *out) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

func (o *out) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.writes
}

// Info lines wait in the buffer; a Warn or Error line takes them out at once.
func TestWarningsAreWrittenAtOnce(t *testing.T) {
	dst := &out{}
	w := logbuf.New(dst, 64<<10, time.Hour)
	defer w.Close()
	log := slog.New(logbuf.Handler(slog.NewTextHandler(w, nil), w)).With("replica", "r1")
	log.Info("request", "path", "/graphql")
	if got := dst.String(); got != "" {
		t.Fatalf("an Info line was written at once: %q", got)
	}
	log.Warn("database unavailable")
	got := dst.String()
	if !strings.Contains(got, "msg=request") || !strings.Contains(got, `msg="database unavailable" replica=r1`) {
		t.Fatalf("after a warning the output is %q; want the buffered line and the warning", got)
	}
	log.WithGroup("g").Error("boom", "k", "v")
	if got := dst.String(); !strings.Contains(got, "g.k=v") {
		t.Fatalf("an error in a group was not written at once: %q", got)
	}
}

// Lines written by many goroutines come out whole, all of them, and in far
// fewer writes than lines; Close writes out the rest.
func TestConcurrentLinesStayWhole(t *testing.T) {
	dst := &out{}
	w := logbuf.New(dst, 4<<10, time.Hour)
	log := slog.New(logbuf.Handler(slog.NewTextHandler(w, nil), w))
	const workers, each = 8, 500
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				log.Info("request", "worker", g, "n", i, "pad", strings.Repeat("x", 40))
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(dst.String(), "\n"), "\n")
	if len(lines) != workers*each {
		t.Fatalf("%d lines, want %d", len(lines), workers*each)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		var g, n int
		if _, err := fmt.Sscanf(l[strings.Index(l, "worker="):], "worker=%d n=%d", &g, &n); err != nil || !strings.HasSuffix(l, strings.Repeat("x", 40)) {
			t.Fatalf("a broken line: %q", l)
		}
		seen[fmt.Sprint(g, n)] = true
	}
	if len(seen) != workers*each {
		t.Fatalf("%d distinct lines, want %d", len(seen), workers*each)
	}
	if n := dst.count(); n > len(lines)/10 {
		t.Fatalf("%d writes for %d lines: the output is not buffered", n, len(lines))
	}
}

// A line nobody flushes reaches the output within a few intervals.
func TestIntervalFlush(t *testing.T) {
	dst := &out{}
	w := logbuf.New(dst, 64<<10, 50*time.Millisecond)
	defer w.Close()
	slog.New(logbuf.Handler(slog.NewTextHandler(w, nil), w)).Info("quiet")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(dst.String(), "msg=quiet") {
		if time.Now().After(deadline) {
			t.Fatal("the line was not written within 10 s (interval 50 ms)")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
