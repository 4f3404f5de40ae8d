package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"keyward/models"
)

var secretLine = regexp.MustCompile(`^kw_[0-9A-Za-z]{30,}\n$`)

// adminEnv is the command line's environment for the database at dbURL.
func adminEnv(dbURL string, extra ...string) []string {
	return append([]string{"KEYWARD_DATABASE_URL=" + dbURL}, extra...)
}

func TestAdminCommandsHelp(t *testing.T) {
	for _, name := range []string{"admin create-user", "admin reset-password", "admin create-key"} {
		r := runBinary(t, nil, "", append(strings.Fields(name), "--help")...).wantOK(t)
		if !strings.HasPrefix(r.stdout, "Usage: keyward "+name) || !strings.Contains(r.stdout, "-database-url") {
			t.Errorf("%s --help: %s", name, r.stdout)
		}
	}
	if r := runBinary(t, nil, "", "--help").wantOK(t); !strings.Contains(r.stdout, "admin create-key") {
		t.Errorf("keyward --help does not list the admin commands: %s", r.stdout)
	}
	if r := runBinary(t, nil, "", "admin", "--help").wantOK(t); !strings.HasPrefix(r.stdout, "Usage: keyward admin <command>") ||
		!strings.Contains(r.stdout, "admin reset-password") {
		t.Errorf("keyward admin --help: %s", r.stdout)
	}
	runBinary(t, nil, "", "admin").wantOneLineError(t, "admin needs a command: create-key, create-user, reset-password")
	runBinary(t, nil, "", "admin", "delete-everything").wantOneLineError(t, `unknown command "admin delete-everything"`)
}

// create-key prints the secret alone on stdout; the key works, follows the
// admin's rules, and the audit log names the command line.
func TestAdminCreateKey(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL, func(c *config) { c.MaxAPIKeys = 3 })
		env := adminEnv(dbURL, "KEYWARD_MAX_API_KEYS=3")
		r := runBinary(t, env, "", "admin", "create-key", "--org", "Acme", "--name", "ci deploy", "--scope", "read_only", "--days", "7").wantOK(t)
		if !secretLine.MatchString(r.stdout) {
			t.Fatalf("stdout must be the secret alone: %q", r.stdout)
		}
		secret := strings.TrimSpace(r.stdout)
		if strings.Contains(r.stderr, secret) {
			t.Fatalf("the secret is on stderr too: %s", r.stderr)
		}
		key := s.bearer(secret).gql(`{ whoami { kind apiKey { name scope expiresAt } } }`, nil).ok()
		if key.str("whoami", "apiKey", "scope") != "READ_ONLY" || key.str("whoami", "apiKey", "name") != "ci deploy" {
			t.Fatalf("the key: %s", key.body)
		}
		if w := s.bearer(secret).gql(`mutation{ createProject(input:{title:"nope"}) { project { id } } }`, nil); w.code() != "FORBIDDEN" {
			t.Fatalf("a READ_ONLY key wrote: %s", w.body)
		}
		audit := s.admin().gql(`{ auditEvents(limit: 5) { action actorKind actorName targetName } }`, nil).ok()
		if !strings.Contains(audit.body, `"actorKind":"COMMAND_LINE"`) || !strings.Contains(audit.body, `"actorName":"Command line (keyward admin create-key,`) {
			t.Fatalf("audit of create-key: %s", audit.body)
		}
		// Without --org, the only organisation; the default scope.
		r = runBinary(t, env, "", "admin", "create-key", "--name", "Zoë's ключ 🔑").wantOK(t)
		s.bearer(strings.TrimSpace(r.stdout)).gql(`mutation{ createProject(input:{title:"from the cli key"}) { project { id } } }`, nil).ok()

		for _, tc := range []struct {
			name string
			args []string
			want string
		}{
			{"duplicate, other case", []string{"--name", "CI DEPLOY"}, `--name: A key named "CI DEPLOY" already exists`},
			{"short name", []string{"--name", "ab"}, "--name: Key name must be at least 3 characters"},
			{"long name", []string{"--name", strings.Repeat("x", 51)}, "--name: Key name must be at most 50 characters"},
			{"blank name", []string{"--name", "  \u00a0 "}, "--name is required"},
			{"no name", nil, "--name is required"},
			{"control character", []string{"--name", "a\tbcd"}, "--name: Key name must not contain control characters"},
			{"unknown org", []string{"--org", "Nope", "--name", "abc"}, `--org: No organisation is named "Nope"`},
			{"bad scope", []string{"--name", "abc", "--scope", "ADMIN"}, `--scope must be READ_WRITE or READ_ONLY, not "ADMIN"`},
			{"zero days", []string{"--name", "abc", "--days", "0"}, "--days: Expiry must be between 1 and 365 days"},
			{"too many days", []string{"--name", "abc", "--days", "366"}, "--days: Expiry must be between 1 and 365 days"},
			{"days not a number", []string{"--name", "abc", "--days", "ten"}, `invalid value "ten" for flag -days`},
			{"argument", []string{"--name", "abc", "extra"}, `unexpected "extra"`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := runBinary(t, env, "", append([]string{"admin", "create-key"}, tc.args...)...)
				r.wantOneLineError(t, tc.want)
				if r.stdout != "" {
					t.Fatalf("stdout on failure: %q", r.stdout)
				}
			})
		}
		runBinary(t, env, "", "admin", "create-key", "--name", "third").wantOK(t)
		runBinary(t, env, "", "admin", "create-key", "--name", "fourth").wantOneLineError(t, "already has 3 API keys, the most allowed")
		keys := s.admin().gql(`{ apiKeys { name createdBy { id } } }`, nil).ok()
		if n := strings.Count(keys.body, `"name"`); n != 3 || !strings.Contains(keys.body, `"createdBy":null`) {
			t.Fatalf("want the 3 keys, made by no user: %s", keys.body)
		}
	})
}

// Several create-key commands racing for one name: exactly one wins, the
// others get one clear line, and one key exists.
func TestAdminCreateKeyConcurrentDuplicates(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		env := adminEnv(dbURL)
		const n = 4
		results := make([]binResult, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = runBinary(t, env, "", "admin", "create-key", "--name", "race")
			}()
		}
		wg.Wait()
		won := 0
		for _, r := range results {
			if r.code == 0 {
				won++
				if !secretLine.MatchString(r.stdout) {
					t.Errorf("winner's stdout: %q", r.stdout)
				}
				continue
			}
			r.wantOneLineError(t, `A key named "race" already exists`)
		}
		if won != 1 {
			t.Fatalf("%d of %d won: %+v", won, n, results)
		}
		if r := s.admin().gql(`{ apiKeys { name } }`, nil).ok(); strings.Count(r.body, `"race"`) != 1 {
			t.Fatalf("keys: %s", r.body)
		}
	})
}

func TestAdminCreateUser(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		env := adminEnv(dbURL)
		const pw = "a-secret-Pass-42"
		r := runBinary(t, env, pw+"\n", "admin", "create-user", "--email", "Ed@Example.com", "--name", " Édith Ñoño ", "--role", "editor", "--password-stdin").wantOK(t)
		if r.stdout != "" || strings.Contains(r.stderr, pw) {
			t.Fatalf("stdout %q stderr %q", r.stdout, r.stderr)
		}
		ed := s.login("ed@example.com", pw)
		if me := ed.gql(`{ me { name role } }`, nil).ok(); !strings.Contains(me.body, `"name":"Édith Ñoño","role":"EDITOR"`) {
			t.Fatalf("me: %s", me.body)
		}
		audit := s.admin().gql(`{ auditEvents(limit: 5) { action actorKind targetName } }`, nil).ok()
		if !strings.Contains(audit.body, `{"action":"USER_CREATED","actorKind":"COMMAND_LINE","targetName":"ed@example.com"}`) {
			t.Fatalf("audit: %s", audit.body)
		}

		create := func(stdin string, args ...string) binResult {
			return runBinary(t, env, stdin, append([]string{"admin", "create-user"}, args...)...)
		}
		ok := []string{"--email", "new@example.com", "--name", "New", "--role", "VIEWER", "--password-stdin"}
		with := func(flag, value string) []string {
			out := append([]string(nil), ok...)
			for i := range out {
				if out[i] == flag {
					out[i+1] = value
				}
			}
			return out
		}
		for _, tc := range []struct {
			name, stdin string
			args        []string
			want        string
		}{
			{"duplicate email, other case", pw, with("--email", "ED@example.COM"), "--email: A user with this email already exists"},
			{"bad email", pw, with("--email", "not an email"), "--email: Enter a valid email address"},
			{"long name", pw, with("--name", strings.Repeat("é", 101)), "--name: Name must be at most 100 characters"},
			{"blank name", pw, with("--name", " \t "), "--name is required"},
			{"name with a line break", pw, with("--name", "a\nb"), "--name: Name must not contain control characters"},
			{"bad role", pw, with("--role", "OWNER"), `--role must be ADMIN, EDITOR or VIEWER, not "OWNER"`},
			{"no role", pw, []string{"--email", "x@example.com", "--name", "X", "--password-stdin"}, "--role is required"},
			{"unknown org", pw, append(with("--name", "X"), "--org", "Nope"), `--org: No organisation is named "Nope"`},
			{"empty stdin", "", ok, "--password-stdin: stdin held no password"},
			{"only a line break", "\n", ok, "--password-stdin: stdin held no password"},
			{"short password", "short\n", ok, "Password must be at least 8 characters"},
			{"spaces only", strings.Repeat(" ", 10), ok, "Password must not be only spaces"},
			{"long password", strings.Repeat("p", 73), ok, "Password must be at most 72 bytes"},
			{"no terminal, no flag", pw, ok[:len(ok)-1], "stdin is not a terminal: pipe the password in and pass --password-stdin"},
			{"password as argument", pw, append(with("--name", "X"), "--password", pw), "flag provided but not defined: -password"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := create(tc.stdin, tc.args...)
				r.wantOneLineError(t, tc.want)
				if tc.stdin != "" && strings.Contains(r.stderr, strings.TrimSpace(tc.stdin)) && strings.TrimSpace(tc.stdin) != "" {
					t.Fatalf("the password is in the error: %s", r.stderr)
				}
			})
		}
		if n, err := models.CountUsers(context.Background(), s.app.db); err != nil || n != 2 {
			t.Fatalf("a refused command added a user: %d users, %v", n, err)
		}
	})
}

// On a database without users the command line makes the first
// organisation and its admin, as KEYWARD_ADMIN_EMAIL would; the server
// started afterwards bootstraps nothing more.
func TestAdminCreateUserOnEmptyDatabase(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		env := adminEnv(dbURL)
		const pw = "first-admin-pw"
		runBinary(t, env, pw, "admin", "create-key", "--name", "early").wantOneLineError(t, "the database has no organisation yet")
		runBinary(t, env, pw, "admin", "create-user", "--email", "v@example.com", "--name", "V", "--role", "VIEWER", "--password-stdin").
			wantOneLineError(t, "--role: the database has no organisation yet; its first user must be an ADMIN")
		runBinary(t, env, pw, "admin", "create-user", "--email", "root@example.com", "--name", "Root", "--role", "ADMIN", "--org", "X", "--password-stdin").
			wantOneLineError(t, "--org: Organisation name must be at least 2 characters")
		runBinary(t, env, pw, "admin", "create-user", "--email", "root@example.com", "--name", "Root", "--role", "ADMIN", "--org", "Initech", "--password-stdin").wantOK(t)
		s := newServer(t, dbURL, func(c *config) { c.AdminEmail, c.AdminPassword = "", "" })
		if s.app.setup != nil {
			t.Fatal("the server offers a setup link although the command line made an admin")
		}
		who := s.login("root@example.com", pw).gql(`{ whoami { organization { name } user { role } } }`, nil).ok()
		if !strings.Contains(who.body, `"name":"Initech"`) || !strings.Contains(who.body, `"role":"ADMIN"`) {
			t.Fatalf("whoami: %s", who.body)
		}
		secret := strings.TrimSpace(runBinary(t, env, "", "admin", "create-key", "--name", "after").wantOK(t).stdout)
		s.bearer(secret).gql(`{ whoami { kind } }`, nil).ok()
	})
}

// reset-password sets the password and ends the user's sessions on every
// replica: a cookie from before the reset is UNAUTHENTICATED afterwards, on
// this server and on a second one sharing the database.
func TestAdminResetPassword(t *testing.T) {
	forEachDB(t, func(t *testing.T, dbURL string) {
		one := newServer(t, dbURL)
		two := newServer(t, dbURL)
		before := []*client{one.admin(), two.admin()}
		for _, c := range before {
			c.gql(`{ whoami { kind } }`, nil).ok()
		}
		// The same email in a second organisation: --org chooses.
		if _, err := models.CreateOrganizationWithAdmin(context.Background(), one.app.db, models.NewOrganizationInput{
			OrgName: "Beta", Email: adminEmail, Name: "Beta admin", Password: "beta-password-1"}); err != nil {
			t.Fatal(err)
		}
		beta := two.login(adminEmail, "beta-password-1")
		beta.gql(`{ whoami { kind } }`, nil).ok()

		env := adminEnv(dbURL)
		const pw = "brand-new-pass-7"
		reset := func(stdin string, args ...string) binResult {
			return runBinary(t, env, stdin, append([]string{"admin", "reset-password", "--password-stdin"}, args...)...)
		}
		reset(pw, "--email", adminEmail).wantOneLineError(t, `This email has accounts in several organisations; choose one with --org: "Acme"`)
		reset(pw, "--email", "nobody@example.com").wantOneLineError(t, "--email: No user has this email")
		reset(pw, "--email", "nobody@example.com", "--org", "Beta").wantOneLineError(t, "--email: No user of that organisation has this email")
		reset(pw, "--email", adminEmail, "--org", "Gamma").wantOneLineError(t, `--org: No organisation is named "Gamma"`)
		reset("", "--email", adminEmail, "--org", "Acme").wantOneLineError(t, "--password-stdin: stdin held no password")
		reset("1234567", "--email", adminEmail, "--org", "Acme").wantOneLineError(t, "Password must be at least 8 characters")
		runBinary(t, env, pw, "admin", "reset-password", "--org", "Acme").wantOneLineError(t, "--email is required")
		for _, c := range before { // every refused reset changed nothing
			c.gql(`{ whoami { kind } }`, nil).ok()
		}

		r := reset(pw+"\r\n", "--email", " ADMIN@example.com ", "--org", "Acme").wantOK(t)
		if !strings.Contains(r.stderr, "ended 2 session(s)") || strings.Contains(r.stderr+r.stdout, pw) {
			t.Fatalf("reset: stdout %q stderr %q", r.stdout, r.stderr)
		}
		// note: on PostgreSQL the servers cache sessions for a few seconds;
		// the command's NOTIFY empties both caches, a moment after it exits.
		for i, c := range before {
			within(t, fmt.Sprintf("server %d: the reset", i+1), time.Second, func() bool {
				return c.gql(`{ whoami { kind } }`, nil).code() == "UNAUTHENTICATED"
			})
		}
		beta.gql(`{ whoami { kind } }`, nil).ok() // the other organisation's account is untouched
		if r := one.anon().gql(`mutation($e:String!,$p:String!){ login(input:{email:$e, password:$p}) { user { id } } }`,
			vars{"e": adminEmail, "p": adminPassword}); r.code() != "UNAUTHENTICATED" {
			t.Fatalf("the old password still signs in: %s", r.body)
		}
		admin := two.login(adminEmail, pw)
		audit := admin.gql(`{ auditEvents(limit: 3) { action actorKind detail } }`, nil).ok()
		if !strings.Contains(audit.body, `{"action":"USER_PASSWORD_CHANGED","actorKind":"COMMAND_LINE","detail":"Password reset; every session of the user was ended"}`) {
			t.Fatalf("audit: %s", audit.body)
		}
		if res := admin.do(http.MethodGet, "/readyz", "", nil); res.status != http.StatusOK {
			t.Fatalf("readyz: %d", res.status)
		}
	})
}

// On a terminal the password is asked for twice, without echo. script(1)
// gives the command a terminal; the answers are typed only once the
// prompt shows, as a person would.
func TestAdminPasswordPrompt(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("NO TERMINAL TEST: script(1) from util-linux is not installed")
	}
	s := newServer(t, sqliteURL(t))
	typed := func(answers ...string) (string, int) {
		cmd := exec.Command(scriptBin, "-qec", keywardBinary(t)+" admin reset-password --email "+adminEmail, "/dev/null")
		cmd.Env = cleanEnv("KEYWARD_DATABASE_URL=" + s.app.cfg.DatabaseURL)
		stdin, _ := cmd.StdinPipe()
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for i, a := range answers {
			// Type only once the i-th prompt shows: typed earlier, the
			// terminal would still echo it.
			deadline := time.Now().Add(20 * time.Second)
			for strings.Count(out.String(), "assword: ") <= i {
				if time.Now().After(deadline) {
					t.Fatalf("no prompt %d; output so far: %q", i+1, out.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			_, _ = io.WriteString(stdin, a+"\n")
		}
		err := cmd.Wait()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		}
		return out.String(), code
	}
	const pw = "typed-at-the-prompt-1"
	out, code := typed(pw, pw+"x")
	if code == 0 || !strings.Contains(out, "the two passwords differ") || strings.Contains(out, pw) {
		t.Fatalf("differing passwords: exit %d, %q", code, out)
	}
	out, code = typed(pw, pw)
	if code != 0 || !strings.Contains(out, "Password: ") || !strings.Contains(out, "Repeat the password: ") || strings.Contains(out, pw) {
		t.Fatalf("prompted reset: exit %d, %q", code, out)
	}
	s.login(adminEmail, pw)
}
