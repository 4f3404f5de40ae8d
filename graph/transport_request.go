package graph

import (
	"bytes"
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
)

// Reading a GraphQL-over-HTTP request: the response media type, and the
// parameters of a POST body or a GET query string, checked for their types.

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
	if ok && !isNull(raw) && decodeJSON(raw, &p.Query) != nil {
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
	// note: an automatic persisted query may send only its hash
	// (extensions.persistedQuery); apq then fills in the query or answers
	// PERSISTED_QUERY_NOT_FOUND.
	if strings.TrimSpace(p.Query) == "" && p.Extensions["persistedQuery"] == nil {
		return bad(`The request needs a "query": the GraphQL document, as a string.`)
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
