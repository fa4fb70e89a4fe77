package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
)

// The request decoders of the public and admin API under fuzzing: each must
// either refuse an input with a problem that names a status below 500, or
// return a value that keeps the domain's rules. `make fuzz` runs each for
// FUZZTIME; the committed corpora in testdata/fuzz run with every go test.

// problemStatus returns the status an error would be answered with by the
// error handler's first two cases, and whether it is one of them.
func problemStatus(err error) (int, bool) {
	var pe *problemError
	if errors.As(err, &pe) {
		return pe.status, true
	}
	var ve *gazetteer.ValidationError
	if errors.As(err, &ve) {
		return http.StatusUnprocessableEntity, true
	}
	return 0, false
}

func FuzzReadFeature(f *testing.F) {
	f.Add([]byte(`{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[46.5,39.5]},` +
		`"properties":{"name":"X","kind":"settlement","names":[{"text":"X","lang":"en","usage":"official"}]}}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[46,40],[]]},"properties":{}}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":null} x`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := readFeature(body)
		if err != nil {
			if status, ok := problemStatus(err); !ok || status >= 500 {
				t.Fatalf("readFeature(%q): %v is not a client error", body, err)
			}
			return
		}
		if !json.Valid(body) || !utf8.Valid(body) {
			t.Fatalf("readFeature accepted a body that is not one valid JSON value: %q", body)
		}
		if p.Geometry != nil {
			if _, err := readFeature(mustMarshal(t, p.Feature())); err != nil {
				t.Fatalf("the feature read from %q does not read back: %v", body, err)
			}
		}
	})
}

func FuzzMergePatch(f *testing.F) {
	target := []byte(`{"type":"Feature","id":"lachin","geometry":{"type":"Point","coordinates":[46.5,39.6]},` +
		`"properties":{"name":"Lachin","kind":"settlement","population":100,"names":[{"text":"Lachin","lang":"en","usage":"official"}]}}`)
	f.Add([]byte(`{"properties":{"population":2000}}`))
	f.Add([]byte(`{"geometry":null}`))
	f.Add([]byte(`{"properties":{"names":[{"text":"Berdzor\u0007","lang":"hy","usage":"armenian"}]}}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, patch []byte) {
		if err := checkJSON(patch); err != nil {
			if status, ok := problemStatus(err); !ok || status >= 500 {
				t.Fatalf("checkJSON(%q): %v", patch, err)
			}
			return
		}
		merged, err := mergePatch(target, patch)
		if err != nil {
			return // answered 400 by patchPlace
		}
		if _, err := readFeature(merged); err != nil {
			if status, ok := problemStatus(err); !ok || status >= 500 {
				t.Fatalf("readFeature(merge(%q)): %v", patch, err)
			}
		}
	})
}

func FuzzDocumentJSON(f *testing.F) {
	f.Add([]byte(`{"name":"a.txt","text":"The road to Stepanakert was closed."}`))
	f.Add([]byte(`{"name":"a.txt","text":"x"} {"text":"y"}`))
	f.Add([]byte("{\"text\":\"\xff\xfe\"}"))
	f.Add([]byte(`{"text":"\u0000"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/documents", bytes.NewReader(body))
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
		c := echo.New().NewContext(req, httptest.NewRecorder())
		var doc struct {
			Name string `json:"name"`
			Text string `json:"text"`
		}
		err := readJSON(c, 1<<20, &doc)
		if err != nil {
			if status, ok := problemStatus(err); !ok || status >= 500 {
				t.Fatalf("readJSON(%q): %v", body, err)
			}
			return
		}
		for _, s := range []string{doc.Name, doc.Text} {
			if reason := gazetteer.CheckText(s, true); reason != "" || !utf8.Valid(body) {
				t.Fatalf("readJSON accepted %q: %s", body, reason)
			}
		}
	})
}

func FuzzQueryParams(f *testing.F) {
	env := newTestEnv(f)
	col, err := env.srv.collection("events")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("bbox=46,39,47,40&datetime=2022-12-12/..&limit=10&offset=0")
	f.Add("place_id=lachin,shusha&event_type=Battles&outlet=trend")
	f.Add("datetime=2023-02-31T00:00:00Z&bbox=1,2,3")
	f.Add("limit=1;offset=2&x=%zz")
	f.Fuzz(func(t *testing.T, query string) {
		req := httptest.NewRequest(http.MethodGet, "/collections/events/items", nil)
		req.URL.RawQuery = query
		c := env.srv.e.NewContext(req, httptest.NewRecorder())
		h := checkQuery(func(c echo.Context) error {
			_, _, err := parseItems(c, col, true)
			return err
		})
		err := h(c)
		if err != nil {
			if status, ok := problemStatus(err); !ok || status >= 500 {
				t.Fatalf("query %q: %v is not a client error", query, err)
			}
			return
		}
		if _, perr := url.ParseQuery(query); perr != nil {
			t.Fatalf("query %q cannot be parsed (%v) but was accepted", query, perr)
		}
	})
}

func mustMarshal(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
