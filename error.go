package verbatim

import (
	"errors"
	"fmt"
)

// Error codes. The api package holds the only table from these to HTTP
// statuses; domain code returns an *Error with one of them.
const (
	EInvalid      = "invalid"      // the request is malformed or breaks a rule
	ENotFound     = "not_found"    // the named thing does not exist
	EConflict     = "conflict"     // the request clashes with stored state
	ETooLarge     = "too_large"    // a body or field exceeds a documented limit
	EUnauthorized = "unauthorized" // credentials missing or wrong
	EForbidden    = "forbidden"    // writes are disabled on this server
	EUnsupported  = "unsupported"  // media type not accepted
	EUnavailable  = "unavailable"  // the index is not ready yet
	EInternal     = "internal"     // a bug or I/O failure; details are logged, not shown
)

// Error is a domain error with a code from the list above and a message
// meant for the client.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("verbatim: %s: %s", e.Code, e.Message) }

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// EInternal for any other error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the client-facing message of err: the *Error's message,
// or a generic one for internal errors, whose details must not leak.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
