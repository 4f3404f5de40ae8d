package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"keyward/models"
)

// fencedBlocks returns the bodies of docs/secret-scanning.md's fenced blocks
// in one language.
func fencedBlocks(t *testing.T, lang string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "docs", "secret-scanning.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	lines := strings.Split(string(raw), "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```"+lang {
			continue
		}
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, lines[i])
		}
		out = append(out, strings.Join(body, "\n"))
	}
	if len(out) == 0 {
		t.Fatalf("docs/secret-scanning.md has no %s block", lang)
	}
	return out
}

// The documented regular expression finds every generated key, whatever
// surrounds it, and none of the near-misses; the gitleaks rule uses the
// same expression.
func TestSecretScanningRegexp(t *testing.T) {
	doc := strings.TrimSpace(fencedBlocks(t, "regex")[0])
	re := regexp.MustCompile(doc)
	if rule := fencedBlocks(t, "toml")[0]; !strings.Contains(rule, "regex = '''"+doc+"'''") {
		t.Fatalf("the gitleaks rule does not use the documented expression:\n%s", rule)
	}
	for i := 0; i < 2000; i++ {
		key, _, _, err := models.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{key, "KEYWARD_API_KEY=" + key + "\n", `{"token":"` + key + `"}`, "Bearer " + key + ".", "'" + key + "'"} {
			if got := re.FindAllString(text, -1); len(got) != 1 || got[0] != key {
				t.Fatalf("%q: found %q", text, got)
			}
		}
	}
	key, _, _, _ := models.GenerateKey()
	for name, miss := range map[string]string{
		"one short":            key[:len(key)-1],
		"one long":             key + "A",
		"glued to a word":      "x" + key,
		"upper-case prefix":    "KW_" + key[3:],
		"dash instead of _":    "kw-" + key[3:],
		"underscore inside":    key[:10] + "_" + key[11:],
		"non-base62 character": key[:10] + "+" + key[11:],
		"no prefix":            key[3:],
	} {
		if got := re.FindAllString(miss, -1); len(got) > 0 {
			t.Errorf("%s: %q matched %q", name, miss, got)
		}
	}
}

// The documented Python checksum check keeps generated keys and drops a key
// with one character changed.
func TestSecretScanningChecksumSnippet(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	script := filepath.Join(t.TempDir(), "find_keys.py")
	if err := os.WriteFile(script, []byte(fencedBlocks(t, "python")[0]), 0o600); err != nil {
		t.Fatal(err)
	}
	var want []string
	var text strings.Builder
	for i := 0; i < 50; i++ {
		key, _, _, _ := models.GenerateKey()
		want = append(want, key)
		text.WriteString("token = " + key + "\n")
		mistyped := []byte(key)
		mistyped[10] ^= 1 // '0'<->'1', 'A'<->'@'…: either a bad checksum or no match
		text.WriteString("old = " + string(mistyped) + "\n")
	}
	cmd := exec.Command(python, script)
	cmd.Stdin = strings.NewReader(text.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	if got := strings.Fields(string(out)); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("the checksum snippet found %d keys, want the %d well-formed ones", len(got), len(want))
	}
}

// The documented curl command revokes a real key on a real server.
func TestSecretScanningCurlExample(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	forEachDB(t, func(t *testing.T, dbURL string) {
		s := newServer(t, dbURL)
		if r := s.anon().do(http.MethodGet, "/docs/secret-scanning.md", "", nil); r.status != http.StatusOK || !strings.HasPrefix(r.body, "# Secret scanning") {
			t.Fatalf("the guide is not served: %d", r.status)
		}
		admin := s.admin()
		id, secret := admin.createKey("pushed by mistake")
		cmd := exec.Command("sh", "-c", fencedBlocks(t, "sh")[0])
		cmd.Env = append(os.Environ(), "KEYWARD_URL="+s.url, "LEAKED_KEY="+secret)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("curl: %v", err)
		}
		var verdicts []map[string]string
		if err := json.Unmarshal(out, &verdicts); err != nil || len(verdicts) != 1 ||
			verdicts[0]["label"] != "true_positive" || verdicts[0]["token_raw"] != secret || verdicts[0]["token_type"] != "keyward_api_key" {
			t.Fatalf("answer: %s", out)
		}
		if r := s.bearer(secret).gql(`{ whoami { kind } }`, nil); r.status != http.StatusUnauthorized {
			t.Fatalf("the key still works: %d", r.status)
		}
		r := admin.gql(`{ apiKeys { id status revocationNote } }`, nil).ok()
		if !strings.Contains(r.body, `"id":"`+id+`","status":"REVOKED","revocationNote":"Reported as leaked at https://github.com/acme/app/blob/main/.env by github"`) {
			t.Fatalf("list: %s", r.body)
		}
	})
}
