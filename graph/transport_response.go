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

// writeResponse writes a GraphQL response; data is left out for request
// errors (keepData false). The body is assembled by hand: data is already
// compact JSON from gqlgen, and encoding/json would validate and compact it
// again (about a tenth of a 20-row list request's CPU).
func writeResponse(w http.ResponseWriter, status int, media string, resp *graphql.Response, keepData bool) {
	body := make([]byte, 0, len(resp.Data)+256)
	body = append(body, '{')
	if len(resp.Errors) > 0 {
		body = appendMember(body, "errors", resp.Errors)
	}
	if keepData {
		if len(body) > 1 {
			body = append(body, ',')
		}
		body = append(body, `"data":`...)
		if len(resp.Data) == 0 {
			body = append(body, "null"...)
		} else {
			body = append(body, resp.Data...)
		}
	}
	if len(resp.Extensions) > 0 {
		if len(body) > 1 {
			body = append(body, ',')
		}
		body = appendMember(body, "extensions", resp.Extensions)
	}
	body = append(body, '}')
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	// note: without a length, net/http sends a body over 2 KB (a 20-row
	// page) chunked, in more writes. A smaller one it measures itself, and
	// leaving it to do so keeps a key-authenticated answer's header map at
	// 8 entries, the most a Go map holds before it grows.
	if len(body) > 2048 {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func appendMember(body []byte, name string, v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Errorf("marshal a GraphQL response's %s: %w", name, err))
	}
	body = append(body, '"')
	body = append(body, name...)
	body = append(body, `":`...)
	return append(body, raw...)
}

// writeRequestError answers a request that is not a GraphQL request.
func writeRequestError(w http.ResponseWriter, status int, media, msg string) {
	writeResponse(w, status, media, &graphql.Response{Errors: gqlerror.List{{
		Message: msg, Extensions: map[string]any{"code": string(models.CodeBadUserInput)},
	}}}, false)
}
