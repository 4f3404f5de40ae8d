package graph

import (
	"context"
	"fmt"
	"net/http"

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
func getQueriesOnly(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if ctx.Value(getRequestKey{}) == nil || op.Operation.Operation == ast.Query {
		return nil
	}
	return &gqlerror.Error{
		Message:    fmt.Sprintf("GET requests only run queries; send this %s with POST.", op.Operation.Operation),
		Extensions: map[string]any{"code": string(models.CodeBadUserInput)},
	}
}
