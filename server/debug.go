package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// debugServer is the operator's profiling listener (KEYWARD_DEBUG_ADDR).
// note: pprof is registered on a mux of its own, never on the public one or
// http.DefaultServeMux, so profiles, command line and goroutine dumps are
// reachable only on the address the operator chose.
type debugServer struct {
	addr string
	srv  *http.Server
}

func debugMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// startDebug listens on addr; an empty addr is off and returns nil.
func startDebug(addr string, log *slog.Logger) (*debugServer, error) {
	if addr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("KEYWARD_DEBUG_ADDR: listen on %s: %v", addr, err)
	}
	// No WriteTimeout: a CPU profile or trace streams for as long as asked.
	d := &debugServer{addr: ln.Addr().String(), srv: &http.Server{Handler: debugMux(), ReadHeaderTimeout: 10 * time.Second}}
	go func() {
		if err := d.srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			log.Warn("debug listener stopped", "err", err)
		}
	}()
	log.Info("profiling listener (pprof) started", "addr", d.addr)
	return d, nil
}

func (d *debugServer) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = d.srv.Shutdown(ctx)
	_ = d.srv.Close()
}
