package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"keyward/models"
)

// Media types of a GraphQL response (GraphQL over HTTP).
const (
	mediaJSON     = "application/json"
	mediaResponse = "application/graphql-response+json"
)

// httpTransport serves GraphQL over HTTP as the GraphQL-over-HTTP spec
// asks, for both response media types: POST with a JSON body, and GET for
// queries only. note: gqlgen's own transports answer request errors with 422
// and "data": null, a GET mutation with 406 and other methods with 400 text;
// this one follows the spec's MUSTs and SHOULDs (the graphql-http audit runs
// against the real server in `make test`).
//
// Status codes:
//   - a request that is not a GraphQL request (method, content type, JSON,
//     parameters): 400, 405 with Allow, 406, 415;
//   - a request error (parse, validation, variables, cost) with
//     application/json: 200; with application/graphql-response+json: 400.
//     Both without a "data" entry;
//   - a whole request refused for its rate or because a dependency is down
//     (every field failed with RATE_LIMITED or UNAVAILABLE): 429 or 503 with
//     Retry-After, without "data";
//   - otherwise 200, even when some fields failed.
type httpTransport struct{}

var _ graphql.Transport = httpTransport{}

// Supports takes every request, so that methods and media types gqlgen
// knows nothing of get a JSON answer from Do instead of a text/plain 400.
func (httpTransport) Supports(*http.Request) bool { return true }

// getRequestKey marks a GET request in the context, for getQueriesOnly.
type getRequestKey struct{}

func (httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeRequestError(w, http.StatusNotAcceptable, mediaJSON,
			"The server answers application/graphql-response+json or application/json; send one of them in Accept.")
		return
	}
	ctx := r.Context()
	var params *graphql.RawParams
	var status int
	var msg string
	switch r.Method {
	case http.MethodPost:
		params, status, msg = postParams(r)
	case http.MethodGet:
		ctx = context.WithValue(ctx, getRequestKey{}, true)
		params, status, msg = getParams(r.URL.RawQuery)
	default:
		w.Header().Set("Allow", "GET, POST")
		writeRequestError(w, http.StatusMethodNotAllowed, media, "Send GraphQL requests with POST (or GET for queries).")
		return
	}
	if params == nil {
		writeRequestError(w, status, media, msg)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: graphql.Now(), End: graphql.Now()}

	opCtx, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if media == mediaResponse {
			status = http.StatusBadRequest
		}
		if ctx.Value(getRequestKey{}) != nil && opCtx.Operation != nil && opCtx.Operation.Operation != ast.Query {
			w.Header().Set("Allow", "POST")
			status = http.StatusMethodNotAllowed
		}
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
		if s, wait := refusal(resp.Errors); s != 0 {
			status = s
			setRetryAfter(w, wait)
		}
		writeResponse(w, status, media, resp, false)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	status = http.StatusOK
	keepData := true
	if s, wait := refusal(resp.Errors); s != 0 && allNull(resp.Data) {
		// Nothing was done: answer like the HTTP-level refusals (a spent key
		// budget), so clients need one retry rule.
		status, keepData = s, false
		setRetryAfter(w, wait)
	}
	writeResponse(w, status, media, resp, keepData)
}

// getQueriesOnly refuses mutations sent with GET before anything runs: a
// link or an <img> must never change data. The transport answers 405.
type getQueriesOnly struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = getQueriesOnly{}

func (getQueriesOnly) ExtensionName() string                   { return "GetQueriesOnly" }
func (getQueriesOnly) Validate(graphql.ExecutableSchema) error { return nil }
func (getQueriesOnly) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if ctx.Value(getRequestKey{}) == nil || op.Operation.Operation == ast.Query {
		return nil
	}
	return &gqlerror.Error{
		Message:    fmt.Sprintf("GET requests only run queries; send this %s with POST.", op.Operation.Operation),
		Extensions: map[string]any{"code": string(models.CodeBadUserInput)},
	}
}

// negotiate picks the response media type from Accept. No Accept means
// application/json (the spec's legacy default), as do */* and application/*.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	best, bestQ := "", 0.0
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		var media string
		switch mt {
		case mediaResponse, mediaJSON:
			media = mt
		case "*/*", "application/*":
			media = mediaJSON
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = media, q
		}
	}
	return best, best != ""
}

// postParams reads a POST body: application/json in UTF-8, one JSON object.
func postParams(r *http.Request) (*graphql.RawParams, int, string) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case err != nil || mt != mediaJSON:
		return nil, http.StatusUnsupportedMediaType, "Send the request body as JSON with Content-Type: application/json."
	case params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8"):
		return nil, http.StatusUnsupportedMediaType, "Send the request body in UTF-8 (charset=utf-8)."
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, http.StatusRequestEntityTooLarge, fmt.Sprintf("The request body is larger than %d bytes.", tooBig.Limit)
		}
		return nil, http.StatusBadRequest, "The request body could not be read."
	}
	var fields map[string]json.RawMessage
	if err := decodeJSON(body, &fields); err != nil || fields == nil {
		return nil, http.StatusBadRequest, `The request body is not a JSON object like {"query": "...", "variables": {...}}.`
	}
	return rawParams(func(name string) (json.RawMessage, bool) {
		v, ok := fields[name]
		return v, ok
	}, false)
}

// getParams reads a GET query string; variables and extensions are JSON.
func getParams(rawQuery string) (*graphql.RawParams, int, string) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, http.StatusBadRequest, "The query string could not be parsed."
	}
	return rawParams(func(name string) (json.RawMessage, bool) {
		if !q.Has(name) {
			return nil, false
		}
		v := q.Get(name)
		if name == "query" || name == "operationName" {
			raw, _ := json.Marshal(v)
			return raw, true
		}
		return json.RawMessage(v), true
	}, true)
}

// rawParams checks the request parameters' types: query a string,
// operationName a string or null, variables and extensions objects or null.
func rawParams(get func(string) (json.RawMessage, bool), isGET bool) (*graphql.RawParams, int, string) {
	p := &graphql.RawParams{}
	bad := func(msg string) (*graphql.RawParams, int, string) { return nil, http.StatusBadRequest, msg }
	raw, ok := get("query")
	if !ok || decodeJSON(raw, &p.Query) != nil || strings.TrimSpace(p.Query) == "" {
		return bad(`The request needs a "query": the GraphQL document, as a string.`)
	}
	if raw, ok := get("operationName"); ok && !isNull(raw) {
		if decodeJSON(raw, &p.OperationName) != nil {
			return bad(`"operationName" must be a string or null.`)
		}
	}
	for name, dst := range map[string]*map[string]any{"variables": &p.Variables, "extensions": &p.Extensions} {
		raw, ok := get(name)
		if !ok || (!isGET && isNull(raw)) || (isGET && len(raw) == 0) {
			continue
		}
		if decodeJSON(raw, dst) != nil {
			return bad(fmt.Sprintf("%q must be a JSON object or null.", name))
		}
	}
	return p, 0, ""
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// decodeJSON decodes one JSON value, keeping numbers exact.
func decodeJSON(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

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
