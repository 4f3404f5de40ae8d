package models

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Code is the machine-readable error class a client sees in extensions.code.
// The schema documents each one (enum ErrorCode in graph/errors.graphqls), and
// so does docs/api.md; a test keeps the three lists equal.
type Code string

const (
	CodeParseFailed      Code = "GRAPHQL_PARSE_FAILED"
	CodeValidationFailed Code = "GRAPHQL_VALIDATION_FAILED"
	CodeBadUserInput     Code = "BAD_USER_INPUT"
	CodeCostLimit        Code = "COST_LIMIT_EXCEEDED"
	CodeUnauthenticated  Code = "UNAUTHENTICATED"
	CodeForbidden        Code = "FORBIDDEN"
	CodeNotFound         Code = "NOT_FOUND"
	CodeDuplicateName    Code = "DUPLICATE_NAME"
	CodeLimitReached     Code = "LIMIT_REACHED"
	CodeRateLimited      Code = "RATE_LIMITED"
	CodeUnavailable      Code = "UNAVAILABLE"
	CodeInternal         Code = "INTERNAL"
	// CodePersistedQueryNotFound is gqlgen's (and Apollo's) standard answer
	// to a hash-only automatic persisted query the server does not know.
	CodePersistedQueryNotFound Code = "PERSISTED_QUERY_NOT_FOUND"
)

// Retry says whether a client may send the same request again.
type Retry string

const (
	// RetryNever: the same request fails the same way; change it first.
	RetryNever Retry = "NEVER"
	// RetryAfter: retry once the wait in Retry-After (extensions.retryAfter) has passed.
	RetryAfter Retry = "AFTER_DELAY"
	// RetryBackoff: retry with exponential backoff; the cause is on our side.
	RetryBackoff Retry = "WITH_BACKOFF"
)

// Codes lists every code with its retry class, in documentation order.
var Codes = []struct {
	Code  Code
	Retry Retry
}{
	{CodeParseFailed, RetryNever}, {CodeValidationFailed, RetryNever}, {CodeBadUserInput, RetryNever},
	{CodeCostLimit, RetryNever}, {CodeUnauthenticated, RetryNever}, {CodeForbidden, RetryNever},
	{CodeNotFound, RetryNever}, {CodeDuplicateName, RetryNever}, {CodeLimitReached, RetryNever},
	{CodeRateLimited, RetryAfter}, {CodeUnavailable, RetryBackoff}, {CodeInternal, RetryBackoff},
	{CodePersistedQueryNotFound, RetryNever},
}

// Error is an error that is safe to show to the caller. Anything that is not
// an *Error is treated as internal and masked by the GraphQL error presenter.
type Error struct {
	Code    Code
	Message string
	// Extensions are further machine-readable details for the client, such
	// as the organisations to choose from at sign-in.
	Extensions map[string]any
	// Path locates the offending value for BAD_USER_INPUT (and a duplicate's
	// field), as names and list indexes: {"projectIds", 2}. It is relative
	// to the mutation's input object, or starts with an argument's name
	// ({"after"}); the GraphQL layer adds the argument ("input") in front.
	Path []any
	// RetryAfter, when set, is how long the client should wait (RATE_LIMITED,
	// UNAVAILABLE); it becomes extensions.retryAfter and, when the whole
	// request failed with it, the Retry-After header.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if len(e.Path) > 0 {
		return fmt.Sprintf("%s at %s: %s", e.Code, PathString(e.Path), e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// In puts prefix in front of the error's path, e.g. In("inputs", 3) for the
// fourth item of a batch.
func (e *Error) In(prefix ...any) *Error {
	out := *e
	out.Path = append(append(make([]any, 0, len(prefix)+len(e.Path)), prefix...), e.Path...)
	return &out
}

// Invalid reports bad input on one field, named by its input field name.
func Invalid(field, format string, args ...any) *Error {
	return InvalidAt(pathOf(field), format, args...)
}

// InvalidAt reports bad input at a path such as {"projectIds", 2}.
func InvalidAt(path []any, format string, args ...any) *Error {
	return &Error{Code: CodeBadUserInput, Path: path, Message: fmt.Sprintf(format, args...)}
}

func pathOf(field string) []any {
	if field == "" {
		return nil
	}
	return []any{field}
}

// NotFound is deliberately the same for "missing" and "another organisation's".
func NotFound(what string) *Error {
	return &Error{Code: CodeNotFound, Message: what + " not found"}
}

func Forbidden(msg string) *Error { return &Error{Code: CodeForbidden, Message: msg} }

func Unauthenticated(msg string) *Error { return &Error{Code: CodeUnauthenticated, Message: msg} }

// HasCode reports whether err is (or wraps) an *Error with the code.
func HasCode(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// Errors is several problems found in one input, so that a client can fix
// every field at once instead of one per round trip. Each becomes its own
// GraphQL error with its own extensions.field. A validator collects them
// with Problems.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.As find the first problem's code.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// In prefixes every problem's path (see Error.In).
func (es Errors) In(prefix ...any) Errors {
	out := make(Errors, len(es))
	for i, e := range es {
		out[i] = e.In(prefix...)
	}
	return out
}

// Problems collects validation failures. Add each check's error, then return
// Err(): nil, the one problem, or all of them as Errors. An error that is not
// a user error (a database failure) wins over problems, so it is not masked
// as bad input.
type Problems struct {
	list  Errors
	fatal error
}

// Add records err: nil is ignored, *Error and Errors are problems, anything
// else is fatal. It reports whether err was nil, for "use the value only
// when it is valid". A field is reported once: a later problem at a path
// that already has one (a required field that is also empty) is dropped.
func (p *Problems) Add(err error) bool {
	var one *Error
	var many Errors
	switch {
	case err == nil:
		return true
	case errors.As(err, &many):
		for _, e := range many {
			p.add(e)
		}
	case errors.As(err, &one):
		p.add(one)
	case p.fatal == nil:
		p.fatal = err
	}
	return false
}

func (p *Problems) add(e *Error) {
	for _, had := range p.list {
		if len(e.Path) > 0 && slices.Equal(had.Path, e.Path) {
			return
		}
	}
	p.list = append(p.list, e)
}

// Err is the collected result.
func (p *Problems) Err() error {
	switch {
	case p.fatal != nil:
		return p.fatal
	case len(p.list) == 0:
		return nil
	case len(p.list) == 1:
		return p.list[0]
	}
	return p.list
}

// PathString writes a path as input.projectIds[2], for messages and logs.
func PathString(path []any) string {
	var b strings.Builder
	for _, el := range path {
		switch v := el.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}
