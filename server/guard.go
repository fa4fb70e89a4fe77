package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
)

// checkQuery refuses a query string Go cannot parse (a bad escape, a
// semicolon, more parameters than net/url reads). echo's QueryParams drops
// the whole query then, so a filtered request would be answered unfiltered.
func checkQuery(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		raw := c.Request().URL.RawQuery
		if raw == "" {
			return next(c)
		}
		if len(raw) > maxQueryBytes {
			return badRequest("query", fmt.Sprintf("the query string is %d bytes; at most %d are read", len(raw), maxQueryBytes))
		}
		if _, err := url.ParseQuery(raw); err != nil {
			return badRequest("query", "the query string cannot be read: "+queryReason(err))
		}
		return next(c)
	}
}

// maxQueryBytes bounds the query string: filters take at most
// maxFilterValues values each, which fit in far less.
const maxQueryBytes = 64 << 10

// queryReason words a net/url parse error without echoing a long query.
func queryReason(err error) string {
	msg := err.Error()
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return msg
}

// checkText refuses a text body that is not valid UTF-8 or holds control
// characters other than tab and line breaks, naming field.
func checkText(field string, b []byte) error {
	if !utf8.Valid(b) {
		return badRequest(field, fmt.Sprintf("%s is not valid UTF-8 (the first bad byte is at offset %d)", field, firstInvalid(b)))
	}
	if reason := gazetteer.CheckText(string(b), true); reason != "" {
		return badRequest(field, field+" "+reason)
	}
	return nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// checkJSON makes sure b is exactly one JSON value whose strings are valid
// UTF-8 without control characters other than tab and line breaks; the
// problem names the member at fault ("properties.names[1].text"). Go's
// decoder would otherwise turn bad bytes into U+FFFD silently and ignore
// whatever follows the first value.
func checkJSON(b []byte) error {
	bad := -1
	if !utf8.Valid(b) {
		bad = firstInvalid(b)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var p jsonPath
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if !p.done {
				return badRequest("", "the body is empty; send a JSON object")
			}
			return nil
		}
		if err != nil {
			return badRequest(p.String(), "the body is not valid JSON: "+err.Error())
		}
		if p.done {
			return badRequest("", fmt.Sprintf("the body holds more after its JSON value (at offset %d); send one JSON value", before))
		}
		if bad >= 0 && bad < int(dec.InputOffset()) {
			return badRequest(p.field(tok), fmt.Sprintf("the body is not valid UTF-8 (the first bad byte is at offset %d)", bad))
		}
		if s, ok := tok.(string); ok {
			if reason := gazetteer.CheckText(s, true); reason != "" {
				field := p.field(tok)
				return badRequest(field, strings.TrimSpace(field+" "+reason))
			}
		}
		p.step(tok)
	}
}

// jsonPath follows where a token stream is inside its value.
type jsonPath struct {
	frames []jsonFrame
	done   bool // the top-level value is complete
}

type jsonFrame struct {
	object  bool
	key     string // the member being read (objects)
	wantKey bool   // the next string is a key (objects)
	index   int    // the element being read (arrays)
}

// field names the member tok belongs to: the key itself for a key.
func (p *jsonPath) field(tok json.Token) string {
	if n := len(p.frames); n > 0 {
		f := p.frames[n-1]
		if f.object && f.wantKey {
			if k, ok := tok.(string); ok {
				return p.join(n-1, k)
			}
		}
	}
	return p.String()
}

func (p *jsonPath) join(n int, last string) string {
	var b strings.Builder
	for _, f := range p.frames[:n] {
		if f.object {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		} else {
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		}
	}
	if last != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(last)
	}
	return b.String()
}

// String is the path of the value being read.
func (p *jsonPath) String() string { return p.join(len(p.frames), "") }

// step moves past tok.
func (p *jsonPath) step(tok json.Token) {
	n := len(p.frames)
	if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
		p.frames = p.frames[:n-1]
		p.valueDone()
		return
	}
	if n > 0 && p.frames[n-1].object && p.frames[n-1].wantKey {
		p.frames[n-1].key, p.frames[n-1].wantKey = tok.(string), false
		return
	}
	switch tok {
	case json.Delim('{'):
		p.frames = append(p.frames, jsonFrame{object: true, wantKey: true})
	case json.Delim('['):
		p.frames = append(p.frames, jsonFrame{})
	default:
		p.valueDone()
	}
}

// valueDone records that a whole value has been read in the innermost frame.
func (p *jsonPath) valueDone() {
	n := len(p.frames)
	if n == 0 {
		p.done = true
		return
	}
	f := &p.frames[n-1]
	if f.object {
		f.wantKey = true
	} else {
		f.index++
	}
}

// limiter bounds how many requests of one kind run at once; the others are
// told to come back (429 with Retry-After) rather than queue without end.
type limiter chan struct{}

func newLimiter(n int) limiter { return make(limiter, n) }

// enter takes a slot, or returns the problem to answer when none is free.
func (l limiter) enter(c echo.Context, what string) (release func(), err error) {
	select {
	case l <- struct{}{}:
		return func() { <-l }, nil
	default:
		c.Response().Header().Set(echo.HeaderRetryAfter, "2")
		return nil, &problemError{status: http.StatusTooManyRequests,
			detail: fmt.Sprintf("the server is busy with %d %s requests; try again in a few seconds", cap(l), what)}
	}
}
