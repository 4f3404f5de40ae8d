package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docExample is one ```sh block of docs/api.md that runs curl.
type docExample struct {
	line       int
	script     string
	wantStatus int
	wantCode   string
}

var expectLine = regexp.MustCompile(`(?m)^# expect: (\d{3}) ([A-Z_]+)$`)

func docExamples(t *testing.T) []docExample {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []docExample
	lines := strings.Split(string(raw), "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```sh" {
			continue
		}
		start := i + 1
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, lines[i])
		}
		script := strings.Join(body, "\n")
		ex := docExample{line: start, script: script, wantStatus: 200}
		if m := expectLine.FindStringSubmatch(script); m != nil {
			ex.wantStatus, _ = strconv.Atoi(m[1])
			ex.wantCode = m[2]
		}
		code := strings.TrimSpace(expectLine.ReplaceAllString(script, ""))
		if !strings.HasPrefix(code, "curl ") {
			t.Fatalf("docs/api.md:%d: a sh block that is not a curl command", start)
		}
		out = append(out, ex)
	}
	return out
}

// Every curl command in docs/api.md runs against a real server with the
// environment the document tells readers to set, and gets the answer it
// documents: success without errors, or the error it names.
func TestAPIDocExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	examples := docExamples(t)
	if len(examples) < 17 {
		t.Fatalf("only %d curl examples in docs/api.md", len(examples))
	}
	onEachDB(t, nil, func(t *testing.T, s *testServer, admin *client) {
		userID := admin.createUser("owner@example.com", "EDITOR")
		_, secret := admin.createKey("docs")
		cursor := ""
		for i := 0; i < 3; i++ {
			admin.createProject("Paged project")
		}
		cursor = admin.gql(`{ projects(first: 1) { pageInfo { endCursor } } }`, nil).ok().str("projects", "pageInfo", "endCursor")
		for _, ex := range examples {
			f := admin.fixture()
			cmd := exec.Command("sh", "-c", ex.script+` -w '\n%{http_code}'`)
			cmd.Env = append(os.Environ(),
				"KEYWARD_URL="+s.url, "KEYWARD_API_KEY="+secret, "PROJECT_ID="+f.project,
				"AI_MODEL_ID="+f.model, "RISK_ID="+f.risk, "USER_ID="+userID, "CURSOR="+cursor)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("docs/api.md:%d: %v\n%s", ex.line, err, out)
			}
			text := strings.TrimSpace(string(out))
			nl := strings.LastIndexByte(text, '\n')
			status, _ := strconv.Atoi(text[nl+1:])
			body := text[:max(nl, 0)]
			var res struct {
				Data   map[string]any
				Errors []struct {
					Message    string
					Extensions map[string]any
				}
			}
			if err := json.Unmarshal([]byte(body), &res); err != nil {
				t.Fatalf("docs/api.md:%d: not JSON (%v): %s", ex.line, err, body)
			}
			switch {
			case status != ex.wantStatus:
				t.Errorf("docs/api.md:%d: HTTP %d, want %d: %s", ex.line, status, ex.wantStatus, body)
			case ex.wantCode == "" && (len(res.Errors) > 0 || res.Data == nil):
				t.Errorf("docs/api.md:%d: errors: %s", ex.line, body)
			case ex.wantCode != "" && (len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != ex.wantCode):
				t.Errorf("docs/api.md:%d: want %s, got %s", ex.line, ex.wantCode, body)
			}
		}
	})
}
