// Command server runs Keyward: the GraphQL API, the playground and the admin SPA.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"keyward/logbuf"
)

// gcPercent is the garbage collector's target when GOGC is not set.
// note: a request allocates far more than the server keeps, so collecting
// at 2.5× the live heap instead of 2× buys list throughput (+10%) for a few
// MB; at 200 the 20-row list ran 15% faster again, but the resident size
// under 32 connections on PostgreSQL reached 59–63 MB (docs/performance.md).
const gcPercent = 150

// logInterval is the longest a log line waits before it is written: what a
// crash can lose of Info lines (warnings and errors are written at once).
const logInterval = 100 * time.Millisecond

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "keyward:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends (SIGINT or SIGTERM), then drains and closes.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return runCommand(ctx, args, stdio{in: os.Stdin, out: stdout, err: os.Stderr})
	}
	cfg, err := parseConfig(args)
	if err != nil {
		return err
	}
	logOut := logbuf.New(os.Stderr, 64<<10, logInterval)
	defer logOut.Close()
	var handler slog.Handler = slog.NewTextHandler(logOut, nil)
	if cfg.LogFormat == "json" {
		handler = slog.NewJSONHandler(logOut, nil)
	}
	log := slog.New(logbuf.Handler(handler, logOut))

	a, err := newApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		a.closeDB()
		return fmt.Errorf("listen on %s: %v", cfg.Addr, err)
	}
	a.banner(stdout, "http://"+ln.Addr().String())
	debug, err := startDebug(cfg.DebugAddr, log)
	if err != nil {
		ln.Close()
		a.closeDB()
		return err
	}
	if debug != nil {
		fmt.Fprintf(stdout, "Profiling (pprof) at http://%s/debug/pprof/ — keep this address private\n", debug.addr)
		defer debug.close()
	}

	bg, cancelBG := context.WithCancel(context.Background())
	a.start(bg)
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err = <-served:
	case <-ctx.Done():
		log.Info("shutting down: finishing in-flight requests")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		err = srv.Shutdown(shutdownCtx)
		cancel()
	}
	cancelBG()
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	a.close(closeCtx)
	cancel()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
