package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"keyward/auth"
	"keyward/models"
)

// Limits of one POST /api/leaked-keys call.
const (
	maxLeakReports   = 1000
	maxLeakBodyBytes = 1 << 20
)

// leakReport is one entry as secret-scanning partner programmes send it.
type leakReport struct {
	Token  *string `json:"token"`
	Type   string  `json:"type"`
	URL    string  `json:"url"`
	Source string  `json:"source"`
}

// leakVerdict is one entry of the answer, in the same programmes' words.
type leakVerdict struct {
	TokenRaw  string `json:"token_raw"`
	TokenType string `json:"token_type"`
	Label     string `json:"label"`
}

// keyTokenType is the token type Keyward keys are reported under.
const keyTokenType = "keyward_api_key"

// leakedKeysHandler serves POST /api/leaked-keys: no authentication, a JSON
// array of reports (or a single report), one verdict per token.
func leakedKeysHandler(leaked *auth.LeakedKeys) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			auth.WriteError(w, http.StatusMethodNotAllowed, models.CodeBadUserInput, "Use POST with a JSON array of reports.")
			return
		}
		reports, err := readLeakReports(w, r)
		if err != nil {
			status := http.StatusBadRequest
			if errors.As(err, new(*http.MaxBytesError)) {
				status = http.StatusRequestEntityTooLarge
				err = fmt.Errorf("The body is larger than %d bytes. Send at most %d tokens per call.", maxLeakBodyBytes, maxLeakReports)
			}
			auth.WriteError(w, status, models.CodeBadUserInput, err.Error())
			return
		}
		in := make([]models.LeakReport, len(reports))
		for i, rep := range reports {
			in[i] = models.LeakReport{Secret: *rep.Token, URL: rep.URL, Source: rep.Source}
		}
		verdicts, err := leaked.Report(r.Context(), auth.ClientIP(r.Context()), in)
		var blocked *auth.ErrTooManyReports
		var typed *models.Error
		switch {
		case errors.As(err, &blocked):
			secs := int(math.Ceil(blocked.Wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			auth.WriteError(w, http.StatusTooManyRequests, models.CodeRateLimited, fmt.Sprintf(
				"Too many reports of secrets that are no working key from your address. Retry after %d seconds.", secs))
			return
		case errors.As(err, &typed):
			auth.WriteError(w, http.StatusBadRequest, typed.Code, typed.Message)
			return
		case err != nil:
			auth.WriteError(w, http.StatusServiceUnavailable, models.CodeInternal, "The service is temporarily unavailable. Try again shortly.")
			return
		}
		out := make([]leakVerdict, len(reports))
		for i, rep := range reports {
			typ := rep.Type
			if typ == "" {
				typ = keyTokenType
			}
			out[i] = leakVerdict{TokenRaw: *rep.Token, TokenType: typ, Label: verdicts[i]}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(out)
	}
}

// readLeakReports decodes the body: an array of reports or one report.
func readLeakReports(w http.ResponseWriter, r *http.Request) ([]leakReport, error) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, maxLeakBodyBytes)); err != nil {
		return nil, err
	}
	body := bytes.TrimSpace(buf.Bytes())
	var reports []leakReport
	var err error
	switch {
	case len(body) == 0:
	case body[0] == '{':
		var one leakReport
		err = json.Unmarshal(body, &one)
		reports = []leakReport{one}
	default:
		err = json.Unmarshal(body, &reports)
	}
	if err != nil {
		return nil, fmt.Errorf(`The body is not valid JSON (%s). Send [{"token": "kw_…", "type": "keyward_api_key", "url": "https://…", "source": "…"}].`, jsonProblem(err))
	}
	switch {
	case len(reports) == 0:
		return nil, errors.New("The body holds no reports. Send at least one {\"token\": \"kw_…\"}.")
	case len(reports) > maxLeakReports:
		return nil, fmt.Errorf("The body holds %d reports; send at most %d per call.", len(reports), maxLeakReports)
	}
	for i, rep := range reports {
		if rep.Token == nil {
			return nil, fmt.Errorf("Report %d has no \"token\". Each report needs the leaked secret as \"token\".", i+1)
		}
	}
	return reports, nil
}

// jsonProblem says what is wrong with the JSON without echoing secrets.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("syntax error at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("%q must be a %s, not a %s", typ.Field, typ.Type, typ.Value)
		}
		return fmt.Sprintf("expected an array of objects, not a %s", typ.Value)
	}
	return "it ends too early"
}
