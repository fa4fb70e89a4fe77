// Package feeds reads news feeds — RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and
// JSON Feed 1.1 — keeps the feeds Dateline follows with the items seen in
// each, and polls them for new articles.
//
// Feeds are parsed with encoding/xml and encoding/json alone. The usual
// library for this, gofeed, is available here only as an older copy that is
// not approved for use, so it is not a dependency.
//
// Fetching is not this package's business: a Poller is given a Fetcher, and
// politeness per host, robots.txt and the refusal of private addresses belong
// to it. Neither is storing articles: the Poller hands each new item's page
// to its Ingest function.
package feeds

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors; returned errors wrap them.
var (
	// ErrNotFound is returned for a feed that is not stored.
	ErrNotFound = errors.New("feeds: not found")
	// ErrExists is wrapped by the error of adding a feed whose URL is followed already.
	ErrExists = errors.New("feeds: feed exists")
	// ErrInvalid is wrapped by every error about bad input: a feed that does
	// not parse, a URL or interval that breaks a rule.
	ErrInvalid = errors.New("feeds: invalid")
)

// ValidationError names the field of an input that broke a rule. It wraps ErrInvalid.
type ValidationError struct {
	Field  string // "url", "every", "outlet"
	Reason string
}

func (e *ValidationError) Error() string { return fmt.Sprintf("feeds: %s: %s", e.Field, e.Reason) }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// ExistsError says that a feed's URL is followed already, and under which id. It wraps ErrExists.
type ExistsError struct {
	URL string
	ID  string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("feeds: %s is followed already as feed %q", e.URL, e.ID)
}

// Unwrap makes errors.Is(err, ErrExists) true.
func (e *ExistsError) Unwrap() error { return ErrExists }

// Polling intervals.
const (
	DefaultEvery = 15 * time.Minute
	MinEvery     = time.Minute
	MaxEvery     = 7 * 24 * time.Hour
	// MaxBackoff is the longest a failing feed waits for its next poll (or its
	// interval, when that is longer).
	MaxBackoff = 24 * time.Hour
)

// NextPoll is when a feed polled every interval is polled next after a poll
// at now that left it with errorsInRow failures in a row: the interval
// after a success, doubled for each failure after errors, but never later
// than MaxBackoff (or one interval, when that is longer).
func NextPoll(now time.Time, every time.Duration, errorsInRow int) time.Time {
	limit := max(MaxBackoff, every)
	wait := every
	for i := 0; i < errorsInRow && wait < limit; i++ {
		wait *= 2
	}
	return now.Add(min(wait, limit))
}
