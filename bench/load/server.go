package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

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
	secret, err = createKey(ctx, client, srv.url, cookie, "bench")
	return cookie, secret, err
}

func startServer(ctx context.Context, bin, dir, rateLimit string, dbURL ...string) (*server, error) {
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
		"KEYWARD_DATABASE_URL="+append(dbURL, "sqlite:"+filepath.Join(dir, "bench.db"))[0],
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
