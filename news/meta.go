package news

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Meta is what is known about an article from outside its text, with where
// that knowledge comes from (seeds/articles/meta.json maps file names to it).
type Meta struct {
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD, or YYYY-MM when only the month is known
	Title     string `json:"title,omitempty"`
	Source    string `json:"source"` // where the facts were found
}

// Validate checks that the meta says where it comes from and that its date parses.
func (m Meta) Validate() error {
	if strings.TrimSpace(m.Source) == "" {
		return &ValidationError{"source", "must say where the facts come from"}
	}
	if m.Published != "" {
		if _, p := m.published(); p == PrecisionNone {
			return &ValidationError{"published", fmt.Sprintf("%q is not YYYY-MM-DD or YYYY-MM", m.Published)}
		}
	}
	if m.URL != "" && !strings.HasPrefix(m.URL, "http://") && !strings.HasPrefix(m.URL, "https://") {
		return &ValidationError{"url", "must be an http(s) URL"}
	}
	return nil
}

func (m Meta) published() (time.Time, Precision) {
	if t, err := time.Parse("2006-01-02", m.Published); err == nil {
		return t, PrecisionDay
	}
	if t, err := time.Parse("2006-01", m.Published); err == nil {
		return t, PrecisionMonth
	}
	return time.Time{}, PrecisionNone
}

// ParseMeta reads a meta file: a JSON object from file names to Meta.
func ParseMeta(data []byte) (map[string]Meta, error) {
	var m map[string]Meta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: meta: %v", ErrInvalid, err)
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if err := m[k].Validate(); err != nil {
			var ve *ValidationError
			if errors.As(err, &ve) {
				return nil, &ValidationError{k + "." + ve.Field, ve.Reason}
			}
			return nil, err
		}
	}
	return m, nil
}

// ApplyMeta fills the fields of a that its text left empty: URL, title and
// publication date (from m.Published, or else from a date in the URL). It
// never overrides what the text says (a title that is only the text's opening
// words gives way to m.Title). Call Outlets.Recognise afterwards: a
// URL found this way may name the outlet.
func ApplyMeta(a *Article, m Meta) {
	if a.URL == "" {
		a.URL = m.URL
	}
	if a.Title == "" || (m.Title != "" && a.TitleFromOpening()) {
		a.Title = m.Title
	}
	if a.PublishedKnown && a.PublishedPrecision == PrecisionDay {
		return
	}
	t, p := m.published()
	if p == PrecisionNone && a.URL != "" {
		t, p = dateFromURL(a.URL)
	}
	if p == PrecisionNone || (a.PublishedKnown && p >= a.PublishedPrecision) {
		return
	}
	a.Published, a.PublishedPrecision, a.PublishedKnown = t, p, true
}
