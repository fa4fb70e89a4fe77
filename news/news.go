// Package news owns the news side of Dateline: articles (parsing plain text,
// Markdown and simple HTML into metadata and a clean body), outlets and their
// perspectives, sentences, temporal expressions, events modelled on ACLED,
// clusters of reports of the same event, and naming profiles. It works on text
// and values only; the store and the HTTP server are adapters around it.
package news

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// ErrInvalid is wrapped by every error about bad input: an unreadable article,
// a broken outlet registry, an event that breaks a rule.
var ErrInvalid = errors.New("news: invalid")

// ErrConflict is wrapped by errors about a change that clashes with what is
// stored: a new document under a name another text already has.
var ErrConflict = errors.New("news: conflict")

// InputError says why an input file cannot be read as an article. It wraps
// ErrInvalid and its message is meant for the person who gave the file.
type InputError struct {
	Reason string // e.g. "file is empty"
}

func (e *InputError) Error() string { return "news: " + e.Reason }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InputError) Unwrap() error { return ErrInvalid }

// ValidationError names the field of a value that broke a rule. It wraps ErrInvalid.
type ValidationError struct {
	Field  string // JSON-style path, e.g. "outlets[3].perspective"
	Reason string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("news: invalid %s: %s", e.Field, e.Reason)
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Span is a half-open range [Start, End) of byte offsets into a UTF-8 text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Text returns the part of s the span covers, or "" when it does not fit s.
func (sp Span) Text(s string) string {
	if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
		return ""
	}
	return s[sp.Start:sp.End]
}

// lowerKeepOffsets lower-cases s rune by rune, but only where the lower-case
// rune has the same UTF-8 length, so byte offsets found in the result are
// valid in s. Latin, Cyrillic and Armenian letters all qualify.
func lowerKeepOffsets(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			b = append(b, s[i])
			i++
			continue
		}
		if lr := unicode.ToLower(r); utf8.RuneLen(lr) == n {
			b = utf8.AppendRune(b, lr)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}
