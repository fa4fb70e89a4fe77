package fetch

import (
	"errors"
	"fmt"
)

// Sentinel errors that an [*Error] matches with [errors.Is].
var (
	ErrScheme           = errors.New("fetch: unsupported URL scheme")
	ErrPrivateAddress   = errors.New("fetch: non-public address")
	ErrTooManyRedirects = errors.New("fetch: too many redirects")
	ErrRobots           = errors.New("fetch: disallowed by robots.txt")
	ErrStatus           = errors.New("fetch: error status")
	ErrContentType      = errors.New("fetch: unsupported content type")
	ErrTooLarge         = errors.New("fetch: body too large")
	ErrTimeout          = errors.New("fetch: timeout")
	ErrInvalidURL       = errors.New("fetch: invalid URL")
)

// Error is a failed fetch. Its message is one line naming the URL and the
// reason, such as "fetch https://x/y: refused: resolves to private address
// 10.0.0.1".
type Error struct {
	URL    string // the URL whose request failed (a redirect target, when a redirect was refused)
	Reason string // what went wrong, in words
	Status int    // the HTTP status, when the server answered with an error status
	Err    error  // one of the sentinel errors, wrapping the underlying cause where there is one
}

// Error returns "fetch URL: reason".
func (e *Error) Error() string {
	return "fetch " + e.URL + ": " + e.Reason
}

// Unwrap returns the cause, so errors.Is finds both the sentinel and, for
// example, context.Canceled.
func (e *Error) Unwrap() error { return e.Err }

// newError builds an *Error whose Err is sentinel, wrapping cause if there is one.
func newError(url string, sentinel error, cause error, format string, args ...any) *Error {
	err := sentinel
	if cause != nil {
		if sentinel == nil {
			err = cause
		} else {
			err = fmt.Errorf("%w: %w", sentinel, cause)
		}
	}
	return &Error{URL: url, Reason: fmt.Sprintf(format, args...), Err: err}
}
