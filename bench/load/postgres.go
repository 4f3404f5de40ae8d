package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
)

// onPostgres runs the list scenarios against a server on PostgreSQL, in a
// fresh schema of o.pg that is dropped afterwards. The figures are labelled
// "PostgreSQL" and share the anonymous baseline of the SQLite server.
func onPostgres(ctx context.Context, client *http.Client, o options, bin, dir string) (out []result, err error) {
	conn, err := pgx.Connect(ctx, o.pg)
	if err != nil {
		return nil, fmt.Errorf("-pg: %w", err)
	}
	defer conn.Close(context.Background())
	buf := make([]byte, 6)
	_, _ = rand.Read(buf)
	schema := "kwbench_" + hex.EncodeToString(buf)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		return nil, err
	}
	defer conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	sep := "?"
	if strings.Contains(o.pg, "?") {
		sep = "&"
	}
	srv, err := startServer(ctx, bin, filepath.Join(dir, "postgres"), limiterOn, o.pg+sep+"search_path="+schema)
	if err != nil {
		return nil, err
	}
	defer func() {
		if stopErr := srv.stop(); stopErr != nil && err == nil {
			err = stopErr
		}
	}()
	cookie, secret, err := prepare(ctx, client, srv)
	if err != nil {
		return nil, err
	}
	if err := seedProjects(ctx, client, srv.url, cookie, 100); err != nil {
		return nil, err
	}
	for _, s := range listScenarios(secret, cookie) {
		s.id, s.name, s.server = "pg-"+s.id, s.name+", PostgreSQL", srv
		if err := s.check(ctx, client, srv.url); err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.id, err)
		}
		fmt.Fprintf(os.Stderr, "scenario %s: %s\n", s.id, s.name)
		if o.warmup > 0 {
			s.load(ctx, srv.url, o.warmup, o.concurrency)
		}
		out = append(out, s.load(ctx, srv.url, o.duration, o.concurrency))
	}
	return out, nil
}
