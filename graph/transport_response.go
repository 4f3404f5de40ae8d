package graph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/models"
)

// Writing a GraphQL-over-HTTP response: the status for a refused request,
// Retry-After, and the body with or without "data".

// refusal is the status for errors that refuse the whole request for a
// while (429 for RATE_LIMITED, 503 for UNAVAILABLE), with the longest wait
// the errors name; 0 when there is none.
func refusal(errs gqlerror.List) (int, int) {
	status, wait := 0, 0
	for _, e := range errs {
		code, _ := e.Extensions["code"].(models.Code)
		if s, ok := e.Extensions["code"].(string); ok {
			code = models.Code(s)
		}
		switch code {
		case models.CodeRateLimited:
			status = http.StatusTooManyRequests
		case models.CodeUnavailable:
			if status == 0 {
				status = http.StatusServiceUnavailable
			}
		default:
			continue
		}
		if s, ok := e.Extensions["retryAfter"].(int); ok && s > wait {
			wait = s
		}
	}
	return status, wait
}

func setRetryAfter(w http.ResponseWriter, seconds int) {
	if seconds > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(seconds))
	}
}

// allNull reports whether data holds no result: null, or every root field null.
func allNull(data json.RawMessage) bool {
	if len(data) == 0 || isNull(data) {
		return true
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return false
	}
	for _, v := range fields {
		if !isNull(v) {
			return false
		}
	}
	return true
}

// response is a GraphQL response; Data is left out for request errors.
type response struct {
	Errors     gqlerror.List   `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

func writeResponse(w http.ResponseWriter, status int, media string, resp *graphql.Response, keepData bool) {
	out := response{Errors: resp.Errors, Extensions: resp.Extensions}
	if keepData {
		out.Data = resp.Data
		if out.Data == nil {
			out.Data = json.RawMessage("null")
		}
	}
	body, err := json.Marshal(out)
	if err != nil {
		panic(fmt.Errorf("marshal a GraphQL response: %w", err))
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeRequestError answers a request that is not a GraphQL request.
func writeRequestError(w http.ResponseWriter, status int, media, msg string) {
	writeResponse(w, status, media, &graphql.Response{Errors: gqlerror.List{{
		Message: msg, Extensions: map[string]any{"code": string(models.CodeBadUserInput)},
	}}}, false)
}
