package main

import (
	"bufio"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The real binary, built once per test run, for tests of what an operator
// runs: several processes at once, and the command line.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func keywardBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "keyward-test-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "keyward")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func removeBinary() {
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
}

// cleanEnv is this process's environment without Keyward settings, so a
// developer's own KEYWARD_* variables do not leak into a test.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KEYWARD_") && !strings.HasPrefix(kv, "DATABASE_URL=") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// serverProcess is the binary serving on a free port.
type serverProcess struct {
	cmd *exec.Cmd
	url string
	err error
	out *syncBuffer
}

func (p *serverProcess) output() string { return p.out.String() }

var bannerURL = regexp.MustCompile(`Keyward is running at (http://\S+)`)

// startProcess runs the server with env and waits for its banner. Failures
// are returned in p.err, so it may run on any goroutine.
func startProcess(t *testing.T, bin string, env []string) *serverProcess {
	p := &serverProcess{out: &syncBuffer{}}
	p.cmd = exec.Command(bin)
	p.cmd.Env = cleanEnv(append([]string{"KEYWARD_ADDR=127.0.0.1:0"}, env...)...)
	p.cmd.Stderr = p.out
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		p.err = err
		return p
	}
	if p.err = p.cmd.Start(); p.err != nil {
		return p
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = p.cmd.Process.Kill()
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			_, _ = p.out.Write([]byte(sc.Text() + "\n"))
			if m := bannerURL.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			p.err = errors.New("the server exited before it served")
		}
		p.url = u
	case <-time.After(90 * time.Second):
		p.err = errors.New("no banner within 90s")
	}
	return p
}

// Log lines are buffered (package logbuf), but a graceful stop writes out
// every one: the operator's log holds each request served before SIGTERM.
func TestRequestLogLinesSurviveShutdown(t *testing.T) {
	p := startProcess(t, keywardBinary(t), []string{"KEYWARD_DATABASE_URL=sqlite:" + filepath.Join(t.TempDir(), "k.db")})
	if p.err != nil {
		t.Fatalf("%v\n%s", p.err, p.output())
	}
	const requests = 50
	for range requests {
		res, err := http.Get(p.url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, p.output())
	}
	if n := strings.Count(p.output(), "path=/healthz"); n != requests {
		t.Fatalf("%d request lines for /healthz after shutdown, want %d\n%s", n, requests, p.output())
	}
}
