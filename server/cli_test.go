package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// binResult is one run of the real binary.
type binResult struct {
	stdout, stderr string
	code           int
}

// runBinary runs the built binary with a clean environment plus env, and
// stdin as its input.
func runBinary(t *testing.T, env []string, stdin string, args ...string) binResult {
	t.Helper()
	cmd := exec.Command(keywardBinary(t), args...)
	cmd.Env = cleanEnv(env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := binResult{stdout: out.String(), stderr: errOut.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run keyward %v: %v", args, err)
	}
	return r
}

// wantOneLineError fails unless the run failed with exactly one line on stderr containing want.
func (r binResult) wantOneLineError(t *testing.T, want string) {
	t.Helper()
	if r.code == 0 || strings.Count(strings.TrimRight(r.stderr, "\n"), "\n") != 0 || !strings.Contains(r.stderr, want) {
		t.Fatalf("want exit != 0 and one stderr line with %q, got %d\nstdout: %s\nstderr: %s", want, r.code, r.stdout, r.stderr)
	}
}

func (r binResult) wantOK(t *testing.T) binResult {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	return r
}

func TestMigrateCommand(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		env := []string{"KEYWARD_DATABASE_URL=" + dbURL}
		status := runBinary(t, env, "", "migrate", "status").wantOK(t)
		pending := strings.Count(status.stdout, "pending")
		if pending < 2 || !strings.Contains(status.stdout, "00001_baseline.sql") {
			t.Fatalf("status of an empty database: %s", status.stdout)
		}
		if r := runBinary(t, env, "", "migrate").wantOK(t); !strings.Contains(r.stdout, fmt.Sprintf("Applied %d step", pending)) {
			t.Fatalf("first migrate: %s", r.stdout)
		}
		if r := runBinary(t, env, "", "migrate").wantOK(t); !strings.Contains(r.stdout, "Applied 0 step") {
			t.Fatalf("second migrate: %s", r.stdout)
		}
		if r := runBinary(t, nil, "", "migrate", "status", "--database-url", dbURL).wantOK(t); strings.Contains(r.stdout, "pending") {
			t.Fatalf("status after migrating (flag instead of environment): %s", r.stdout)
		}
	})
}

func TestCommandHelpAndBadInput(t *testing.T) {
	for _, name := range []string{"migrate", "migrate status", "version"} {
		r := runBinary(t, nil, "", append(strings.Fields(name), "--help")...).wantOK(t)
		if !strings.HasPrefix(r.stdout, "Usage: keyward "+name) {
			t.Errorf("%s --help: %s", name, r.stdout)
		}
	}
	if r := runBinary(t, nil, "", "--help").wantOK(t); !strings.Contains(r.stdout+r.stderr, "migrate status") {
		t.Errorf("keyward --help does not list the commands: %s%s", r.stdout, r.stderr)
	}
	if r := runBinary(t, nil, "", "version").wantOK(t); !strings.HasPrefix(r.stdout, "keyward ") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("version: %q", r.stdout)
	}
	runBinary(t, nil, "", "frobnicate").wantOneLineError(t, `unknown command "frobnicate"`)
	runBinary(t, nil, "", "migrate", "--nope").wantOneLineError(t, "-nope")
	runBinary(t, nil, "", "migrate", "sideways").wantOneLineError(t, `unexpected "sideways"`)
	runBinary(t, []string{"KEYWARD_DATABASE_URL=mysql://x"}, "", "migrate").wantOneLineError(t, "unsupported database URL")
}
