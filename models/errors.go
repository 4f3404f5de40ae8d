package models

import (
	"errors"
	"fmt"
)

// Code is the machine-readable error class a client sees in extensions.code.
type Code string

const (
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	CodeForbidden       Code = "FORBIDDEN"
	CodeBadUserInput    Code = "BAD_USER_INPUT"
	CodeDuplicateName   Code = "DUPLICATE_NAME"
	CodeLimitReached    Code = "LIMIT_REACHED"
	CodeNotFound        Code = "NOT_FOUND"
	CodeRateLimited     Code = "RATE_LIMITED"
	CodeInternal        Code = "INTERNAL"
)

// Error is an error that is safe to show to the caller. Anything that is not
// an *Error is treated as internal and masked by the GraphQL error presenter.
type Error struct {
	Code    Code
	Message string
	// Field names the offending input field for BAD_USER_INPUT.
	Field string
	// Extensions are further machine-readable details for the client, such
	// as the organisations to choose from at sign-in.
	Extensions map[string]any
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Invalid reports bad input on one field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeBadUserInput, Field: field, Message: fmt.Sprintf(format, args...)}
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
