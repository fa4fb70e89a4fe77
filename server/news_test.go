package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/news"
)

// eventFeatureResp is an event feature as a client reads it.
type eventFeatureResp struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	Geometry *struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type eventsResp struct {
	Features       []eventFeatureResp `json:"features"`
	Links          []link             `json:"links"`
	NumberMatched  int                `json:"numberMatched"`
	NumberReturned int                `json:"numberReturned"`
}

func (r eventsResp) ids() []string {
	var out []string
	for _, f := range r.Features {
		out = append(out, f.ID)
	}
	return out
}

// prop returns a property as a string, "" for null.
func prop(f eventFeatureResp, key string) string {
	s, _ := f.Properties[key].(string)
	return s
}

// eventProps are the members every event feature carries.
var eventProps = []string{"doc", "event_date", "date_end", "time_precision", "date_inherited", "date_text", "date_note",
	"since", "event_type", "sub_event_type", "actor1", "actor2", "place_id", "place_name", "place_kind", "place_start",
	"place_end", "geo_precision", "sentence", "sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end",
	"confidence", "rule", "outlet", "outlet_name", "perspective", "cluster_id", "url", "title", "reports"}

// allEvents reads every event of the seeded database through the API.
func allEvents(t *testing.T, env *seededEnv) []eventFeatureResp {
	t.Helper()
	page := decode[eventsResp](t, env.get(t, "/collections/events/items?limit=10000"), http.StatusOK)
	_, _, stored, _, err := env.news.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if page.NumberMatched != stored || page.NumberReturned != stored || stored < 10 {
		t.Fatalf("numberMatched %d, returned %d; the store holds %d events (want at least 10)", page.NumberMatched, page.NumberReturned, stored)
	}
	return page.Features
}

func TestEventsItems(t *testing.T) {
	env := newSeededEnv(t)
	all := allEvents(t, env)
	list, err := env.news.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]news.DocumentSummary{}
	for _, d := range list {
		docs[d.ID] = d
	}
	for _, f := range all {
		if f.Type != "Feature" || !strings.HasPrefix(f.ID, "ev-") || f.Geometry == nil || f.Geometry.Type != "Point" {
			t.Errorf("feature %s: type %q, geometry %+v", f.ID, f.Type, f.Geometry)
		}
		for _, k := range eventProps {
			if _, ok := f.Properties[k]; !ok {
				t.Errorf("feature %s lacks property %s", f.ID, k)
			}
		}
		if d := docs[prop(f, "doc")]; prop(f, "url") != d.URL || prop(f, "title") != d.Title || prop(f, "outlet_name") != d.OutletName {
			t.Errorf("feature %s: url %q, title %q, outlet_name %q; the document has %q, %q, %q", f.ID,
				prop(f, "url"), prop(f, "title"), prop(f, "outlet_name"), d.URL, d.Title, d.OutletName)
		}
	}
	rec := env.get(t, "/collections/events/items")
	if rec.Header().Get(echo.HeaderContentType) != mimeGeoJSON {
		t.Errorf("Content-Type %q", rec.Header().Get(echo.HeaderContentType))
	}
	checkGolden(t, "items-events", rec.Body.Bytes())

	page := env.get(t, "/collections/events/items?f=html&sub_event_type="+url.QueryEscape(string(news.RoadBlockade)))
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), string(news.RoadBlockade)) {
		t.Errorf("the HTML page of road blockades: %d\n%s", page.Code, page.Body)
	}

	one := all[0]
	rec = env.get(t, "/collections/events/items/"+one.ID)
	item := decode[eventFeatureResp](t, rec, http.StatusOK)
	if item.ID != one.ID || prop(item, "sentence") != prop(one, "sentence") {
		t.Errorf("item %s: %+v", one.ID, item)
	}
	for _, target := range []string{"/collections/events/items/" + one.ID, "/collections/events/items?datetime=2023-01-01/..",
		"/collections/mentions/items?limit=5", "/api/documents/" + prop(one, "doc")} {
		tag := env.get(t, target).Header().Get(headerETag)
		if rec := env.get(t, target, headerIfNoneMatch, tag); tag == "" || rec.Code != http.StatusNotModified {
			t.Errorf("%s: ETag %q, then %d", target, tag, rec.Code)
		}
	}
	// A new document changes every tag built from the news.
	before := env.get(t, "/collections/events/items").Header().Get(headerETag)
	if _, err := env.in.Ingest(context.Background(), "later.txt", []byte("Later\n\nThe road to Stepanakert was closed on 2 May 2023.\n"), false); err != nil {
		t.Fatal(err)
	}
	if rec := env.get(t, "/collections/events/items", headerIfNoneMatch, before); rec.Code != http.StatusOK {
		t.Errorf("after a new document the old tag still gives %d", rec.Code)
	}
}

// overlaps reports whether an event's days meet [from, to] (zero: open);
// undated events meet only a query open at both ends.
func overlaps(f eventFeatureResp, from, to time.Time) bool {
	if from.IsZero() && to.IsZero() {
		return true
	}
	first, last := prop(f, "event_date"), prop(f, "date_end")
	if first == "" {
		return false
	}
	a, _ := time.Parse(time.DateOnly, first)
	b, _ := time.Parse(time.DateOnly, last)
	return (to.IsZero() || !a.After(to)) && (from.IsZero() || b.AddDate(0, 0, 1).After(from))
}

func TestEventsDatetime(t *testing.T) {
	env := newSeededEnv(t)
	all := allEvents(t, env)
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	endOf := func(day string) time.Time { return at(day+"T00:00:00Z").AddDate(0, 0, 1).Add(-time.Nanosecond) }
	for _, tc := range []struct {
		name, datetime string
		from, to       time.Time
	}{
		{"a date is the whole day", "2023-08-10", at("2023-08-10T00:00:00Z"), endOf("2023-08-10")},
		{"an instant", "2022-12-12T15:04:05Z", at("2022-12-12T15:04:05Z"), at("2022-12-12T15:04:05Z")},
		{"an instant in another zone", "2023-08-17T01:00:00+03:00", at("2023-08-16T22:00:00Z"), at("2023-08-16T22:00:00Z")},
		{"a/b", "2023-08-01/2023-08-09", at("2023-08-01T00:00:00Z"), endOf("2023-08-09")},
		{"../b", "../2022-12-31", time.Time{}, endOf("2022-12-31")},
		{"a/..", "2023-01-01/..", at("2023-01-01T00:00:00Z"), time.Time{}},
		{"a/ with an empty end", "2023-08-14T00:00:00Z/", at("2023-08-14T00:00:00Z"), time.Time{}},
		{"../.. is open: undated events too", "../..", time.Time{}, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, f := range all {
				if overlaps(f, tc.from, tc.to) {
					want = append(want, f.ID)
				}
			}
			page := decode[eventsResp](t, env.get(t, "/collections/events/items?limit=10000&datetime="+url.QueryEscape(tc.datetime)), http.StatusOK)
			if !slices.Equal(page.ids(), want) || page.NumberMatched != len(want) {
				t.Errorf("got %v (numberMatched %d), want %v", page.ids(), page.NumberMatched, want)
			}
			if tc.datetime != "../.." && len(want) == len(all) {
				t.Errorf("the case selects every event: it tests nothing")
			}
		})
	}
	p := decode[Problem](t, env.get(t, "/collections/events/items?datetime=2023-08-10/2023-08-01"), http.StatusBadRequest)
	if p.Field != "datetime" || !strings.Contains(p.Detail, "ends before it starts") {
		t.Errorf("reversed interval: %+v", p)
	}
}

func TestEventsFilters(t *testing.T) {
	env := newSeededEnv(t)
	all := allEvents(t, env)
	// The most common value of each filtered property, and a second one for lists.
	pick := func(key string) []string {
		count := map[string]int{}
		for _, f := range all {
			if v := prop(f, key); v != "" {
				count[v]++
			}
		}
		var vs []string
		for v := range count {
			vs = append(vs, v)
		}
		slices.SortFunc(vs, func(a, b string) int {
			if count[a] != count[b] {
				return count[b] - count[a]
			}
			return strings.Compare(a, b)
		})
		if len(vs) < 2 {
			t.Fatalf("%s has fewer than two values among the seeded events: %v", key, vs)
		}
		return vs[:2]
	}
	for _, key := range []string{"event_type", "sub_event_type", "outlet", "perspective", "place_id", "cluster_id", "modality", "source"} {
		vals := pick(key)
		qs := [][]string{vals[:1], vals}
		if key == "source" || key == "modality" {
			// One source at a time (a name may hold a comma); the seeded events have only two modalities.
			qs = qs[:1]
		}
		for _, q := range qs {
			t.Run(key+"="+strings.Join(q, ","), func(t *testing.T) {
				var want []string
				for _, f := range all {
					if slices.Contains(q, prop(f, key)) {
						want = append(want, f.ID)
					}
				}
				target := "/collections/events/items?limit=10000&" + url.Values{key: {strings.Join(q, ",")}}.Encode()
				page := decode[eventsResp](t, env.get(t, target), http.StatusOK)
				if !slices.Equal(page.ids(), want) || page.NumberMatched != len(want) || len(want) == len(all) {
					t.Errorf("got %v (%d), want %v of %d", page.ids(), page.NumberMatched, want, len(all))
				}
			})
		}
	}
	t.Run("bbox", func(t *testing.T) {
		var want []string
		for _, f := range all {
			if c := f.Geometry.Coordinates; c[0] >= 46.5 && c[0] <= 46.6 && c[1] >= 39.5 && c[1] <= 39.7 {
				want = append(want, f.ID)
			}
		}
		page := decode[eventsResp](t, env.get(t, "/collections/events/items?limit=10000&bbox=46.5,39.5,46.6,39.7"), http.StatusOK)
		if !slices.Equal(page.ids(), want) || len(want) == 0 || len(want) == len(all) {
			t.Errorf("got %v, want %v", page.ids(), want)
		}
	})
	for _, tc := range []struct{ target, field string }{
		{"/collections/events/items?event_type=Parades", "event_type"},
		{"/collections/events/items?sub_event_type=Parade", "sub_event_type"},
		{"/collections/events/items?perspective=martian", "perspective"},
		{"/collections/events/items?modality=rumoured", "modality"},
		{"/collections/events/items?outlet=", "outlet"},
		{"/collections/events/items?kind=bridge", "kind"},
		{"/collections/events/items?bbox=46,39,47", "bbox"},
		{"/collections/events/items?limit=-1", "limit"},
		{"/collections/mentions/items?doc=a&doc=b", "doc"},
	} {
		if p := decode[Problem](t, env.get(t, tc.target), http.StatusBadRequest); p.Field != tc.field {
			t.Errorf("%s: problem %+v, want one naming %s", tc.target, p, tc.field)
		}
	}
	for _, target := range []string{"/collections/events/items/ev-0000000000000000", "/collections/mentions/items/nodoc.txt:12",
		"/collections/mentions/items/no-colon"} {
		if p := decode[Problem](t, env.get(t, target), http.StatusNotFound); p.Detail == "" {
			t.Errorf("%s: %+v", target, p)
		}
	}
}

// TestEventsPaging follows next links to the end, keeping the filters, and
// goes back with prev.
func TestEventsPaging(t *testing.T) {
	env := newSeededEnv(t)
	all := allEvents(t, env)
	var want []string
	for _, f := range all {
		if overlaps(f, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}) {
			want = append(want, f.ID)
		}
	}
	var got []string
	target := "/collections/events/items?datetime=2022-01-01/..&limit=3"
	var pages []eventsResp
	for target != "" {
		page := decode[eventsResp](t, env.get(t, target), http.StatusOK)
		pages = append(pages, page)
		if page.NumberMatched != len(want) {
			t.Fatalf("%s: numberMatched %d, want %d", target, page.NumberMatched, len(want))
		}
		got = append(got, page.ids()...)
		target = ""
		if next, ok := findLink(page.Links, "next", mimeGeoJSON); ok {
			u, err := url.Parse(next.Href)
			if err != nil || u.Query().Get("datetime") == "" {
				t.Fatalf("next link %q lost the datetime", next.Href)
			}
			target = strings.TrimPrefix(next.Href, base)
		}
	}
	if !slices.Equal(got, want) || len(pages) != (len(want)+2)/3 {
		t.Errorf("%d pages gave %v, want %v", len(pages), got, want)
	}
	prev, ok := findLink(pages[1].Links, "prev", mimeGeoJSON)
	if !ok {
		t.Fatal("the second page has no prev link")
	}
	if back := decode[eventsResp](t, env.get(t, strings.TrimPrefix(prev.Href, base)), http.StatusOK); !slices.Equal(back.ids(), want[:3]) {
		t.Errorf("prev gave %v, want %v", back.ids(), want[:3])
	}
}

// TestEscortRefusalReports: the three outlets' reports of the peacekeepers
// refusing to escort the protest are one cluster, and each lists the others.
func TestEscortRefusalReports(t *testing.T) {
	env := newSeededEnv(t)
	page := decode[eventsResp](t, env.get(t, "/collections/events/items?sub_event_type="+url.QueryEscape(string(news.EscortRefused))), http.StatusOK)
	if len(page.Features) < 2 {
		t.Fatalf("%d escort refusals among the seeds, want at least 2", len(page.Features))
	}
	found := false
	for _, f := range page.Features {
		raw, err := json.Marshal(f.Properties["reports"])
		if err != nil {
			t.Fatal(err)
		}
		var reports []news.Report
		if err := json.Unmarshal(raw, &reports); err != nil {
			t.Fatalf("reports of %s: %v", f.ID, err)
		}
		outlets := map[string]bool{prop(f, "outlet"): true}
		for _, r := range reports {
			if r.EventID == f.ID || r.EventID == "" || r.Doc == "" || r.Sentence == "" {
				t.Errorf("report %+v of %s", r, f.ID)
			}
			outlets[r.Outlet] = true
			// Every report is in the same cluster.
			other := decode[eventFeatureResp](t, env.get(t, "/collections/events/items/"+r.EventID), http.StatusOK)
			if prop(other, "cluster_id") != prop(f, "cluster_id") {
				t.Errorf("report %s is in cluster %s, %s in %s", r.EventID, prop(other, "cluster_id"), f.ID, prop(f, "cluster_id"))
			}
		}
		delete(outlets, "")
		if len(outlets) >= 3 && len(reports) >= 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no escort refusal lists reports from two other outlets: %+v", page.Features)
	}
}

type mentionsResp struct {
	Features []struct {
		ID         string          `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	} `json:"features"`
	NumberMatched int `json:"numberMatched"`
}

func TestMentionsItems(t *testing.T) {
	env := newSeededEnv(t)
	ctx := context.Background()
	_, stored, _, _, err := env.news.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := decode[mentionsResp](t, env.get(t, "/collections/mentions/items?limit=10000"), http.StatusOK)
	if all.NumberMatched != stored || len(all.Features) != stored || stored < 50 {
		t.Fatalf("numberMatched %d, features %d; the store holds %d mentions", all.NumberMatched, len(all.Features), stored)
	}
	keys := []string{"surface", "start", "end", "doc", "place_id", "name", "kind", "name_usage", "name_usages", "score",
		"rule", "form", "candidates", "built_from"}
	for _, f := range all.Features {
		p := f.Properties
		for _, k := range keys {
			if _, ok := p[k]; !ok {
				t.Fatalf("mention %s lacks %s", f.ID, k)
			}
		}
		if want := fmt.Sprintf("%s:%v", p["doc"], p["start"]); f.ID != want {
			t.Errorf("mention id %s, want %s", f.ID, want)
		}
		if (p["place_id"] == nil) != (string(f.Geometry) == "null") {
			t.Errorf("mention %s: place %v, geometry %s", f.ID, p["place_id"], f.Geometry)
		}
	}

	docs, err := env.news.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	byDoc := decode[mentionsResp](t, env.get(t, "/collections/mentions/items?limit=10000&doc="+url.QueryEscape(d.ID)), http.StatusOK)
	if byDoc.NumberMatched != d.Mentions || len(byDoc.Features) != d.Mentions {
		t.Errorf("doc %s: %d mentions, the document counts %d", d.ID, byDoc.NumberMatched, d.Mentions)
	}
	for _, f := range byDoc.Features {
		if f.Properties["doc"] != d.ID {
			t.Errorf("mention %s is not of %s", f.ID, d.ID)
		}
	}
	atStep := decode[mentionsResp](t, env.get(t, "/collections/mentions/items?limit=10000&place_id=stepanakert,lachin-corridor"), http.StatusOK)
	if atStep.NumberMatched == 0 {
		t.Error("no mention of Stepanakert or the Lachin corridor")
	}
	for _, f := range atStep.Features {
		if id := f.Properties["place_id"]; id != "stepanakert" && id != "lachin-corridor" {
			t.Errorf("mention %s is of %v", f.ID, id)
		}
	}
	first := all.Features[0]
	item := decode[struct {
		ID         string         `json:"id"`
		Properties map[string]any `json:"properties"`
	}](t, env.get(t, "/collections/mentions/items/"+url.PathEscape(first.ID)), http.StatusOK)
	if item.ID != first.ID || item.Properties["surface"] != first.Properties["surface"] {
		t.Errorf("item %s: %+v", first.ID, item)
	}
}

// TestEventsCollection checks the extents of the news collections.
func TestEventsCollection(t *testing.T) {
	env := newSeededEnv(t)
	all := allEvents(t, env)
	type collResp struct {
		Extent struct {
			Spatial struct {
				BBox [][]float64 `json:"bbox"`
			} `json:"spatial"`
			Temporal *struct {
				Interval [][]*string `json:"interval"`
			} `json:"temporal"`
		} `json:"extent"`
	}
	c := decode[collResp](t, env.get(t, "/collections/events"), http.StatusOK)
	box := []float64{180, 90, -180, -90}
	first, last := "9999", "0000"
	for _, f := range all {
		x, y := f.Geometry.Coordinates[0], f.Geometry.Coordinates[1]
		box = []float64{min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)}
		if d := prop(f, "event_date"); d != "" {
			first, last = min(first, d), max(last, prop(f, "date_end"))
		}
	}
	near := func(a, b []float64) bool {
		for i := range a {
			if d := a[i] - b[i]; d > 1e-6 || d < -1e-6 {
				return false
			}
		}
		return len(a) == len(b)
	}
	// The features' coordinates are rounded to 6 decimals, the extent is not.
	if len(c.Extent.Spatial.BBox) != 1 || !near(c.Extent.Spatial.BBox[0], box) {
		t.Errorf("spatial extent %v, want %v", c.Extent.Spatial.BBox, box)
	}
	if c.Extent.Temporal == nil || len(c.Extent.Temporal.Interval) != 1 || *c.Extent.Temporal.Interval[0][0] != first+"T00:00:00Z" ||
		*c.Extent.Temporal.Interval[0][1] != last+"T23:59:59Z" {
		t.Errorf("temporal extent %+v, want %s to %s", c.Extent.Temporal, first, last)
	}
	m := decode[collResp](t, env.get(t, "/collections/mentions"), http.StatusOK)
	if len(m.Extent.Spatial.BBox) != 1 || m.Extent.Temporal != nil {
		t.Errorf("mentions extent %+v", m.Extent)
	}
}

// documentResp is a document's detail as a client reads it.
type documentResp struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Mentions []struct {
		Start, End     int
		Start16, End16 int
		Surface        string
		PlaceID        string `json:"place_id"`
	} `json:"mentions"`
	Events []struct {
		ID string `json:"id"`
	} `json:"events"`
	Naming struct {
		Counts map[string]int `json:"counts"`
	} `json:"naming"`
}

func TestDocuments(t *testing.T) {
	env := newSeededEnv(t)
	ctx := context.Background()
	// An article in three scripts, with a character outside the BMP (two
	// UTF-16 units) before the names.
	mixed := "Roads closed\n\nЖители Степанакерта 🙂 сообщили, что дорога закрыта. Ստեփանակերտ և Շուշի 🙂. " +
		"Reporters in Stepanakert and Shusha said the road to Lachin was closed on 3 April 2023.\n"
	if _, err := env.in.Ingest(ctx, "mixed-scripts.txt", []byte(mixed), false); err != nil {
		t.Fatal(err)
	}

	rec := env.get(t, "/api/documents")
	list := decode[struct {
		Documents []map[string]any `json:"documents"`
	}](t, rec, http.StatusOK)
	if len(list.Documents) != 6 {
		t.Fatalf("%d documents, want the 5 seeds and mixed-scripts.txt", len(list.Documents))
	}
	for _, d := range list.Documents {
		for _, k := range []string{"id", "mentions", "events", "naming", "href"} {
			if _, ok := d[k]; !ok {
				t.Errorf("document %v lacks %s", d["id"], k)
			}
		}
	}
	if tag := rec.Header().Get(headerETag); tag == "" || env.get(t, "/api/documents", headerIfNoneMatch, tag).Code != http.StatusNotModified {
		t.Errorf("the list's ETag %q does not give a 304", tag)
	}

	for _, d := range list.Documents {
		id := d["id"].(string)
		doc := decode[documentResp](t, env.get(t, d["href"].(string)[len(base):]), http.StatusOK)
		if doc.ID != id || doc.Text == "" || len(doc.Mentions) != int(d["mentions"].(float64)) || len(doc.Events) != int(d["events"].(float64)) {
			t.Errorf("%s: %d mentions, %d events, %d bytes of text", id, len(doc.Mentions), len(doc.Events), len(doc.Text))
		}
		units := utf16.Encode([]rune(doc.Text))
		for _, m := range doc.Mentions {
			if doc.Text[m.Start:m.End] != m.Surface {
				t.Errorf("%s: bytes %d-%d are %q, not %q", id, m.Start, m.End, doc.Text[m.Start:m.End], m.Surface)
			}
			if got := string(utf16.Decode(units[m.Start16:m.End16])); got != m.Surface {
				t.Errorf("%s: UTF-16 units %d-%d are %q, not %q", id, m.Start16, m.End16, got, m.Surface)
			}
		}
		if id == "mixed-scripts.txt" {
			var surfaces []string
			for _, m := range doc.Mentions {
				surfaces = append(surfaces, m.Surface)
				if m.Start16 == m.Start {
					t.Errorf("mention %q: the UTF-16 offset equals the byte offset %d after Cyrillic text", m.Surface, m.Start)
				}
			}
			for _, want := range []string{"Ստեփանակերտ", "Շուշի", "Stepanakert"} {
				if !slices.Contains(surfaces, want) {
					t.Errorf("mixed-scripts.txt: mentions %q lack %q", surfaces, want)
				}
			}
		}
	}
	p := decode[Problem](t, env.get(t, "/api/documents/no-such-document.txt"), http.StatusNotFound)
	if !strings.Contains(p.Detail, "no-such-document.txt") {
		t.Errorf("unknown document: %+v", p)
	}
	if p := decode[Problem](t, env.get(t, "/api/documents?page=2"), http.StatusBadRequest); p.Field != "page" {
		t.Errorf("unknown parameter: %+v", p)
	}
}

// TestUTF16Offsets checks the offset conversion on its own, including
// offsets that go back and one inside a character.
func TestUTF16Offsets(t *testing.T) {
	s := "aЖ🙂b"
	to16 := utf16Offsets(s)
	for _, tc := range []struct{ off, want int }{{0, 0}, {1, 1}, {3, 2}, {7, 4}, {8, 5}, {2, 1}, {5, 2}, {99, 5}} {
		if got := to16(tc.off); got != tc.want {
			t.Errorf("byte %d: unit %d, want %d", tc.off, got, tc.want)
		}
	}
}

func TestGeoparse(t *testing.T) {
	env := newTestEnv(t)
	const text = "Russian peacekeepers at the Hakari bridge checkpoint turned back a convoy bound for Stepanakert; " +
		"residents of Ivanyan (Khojaly) and Shushi were told the Lachin corridor stays closed."
	post := func(body, contentType string, query string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/geoparse"+query, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set(echo.HeaderContentType, contentType)
		}
		rec := httptest.NewRecorder()
		env.h.ServeHTTP(rec, req)
		return rec
	}
	// What `dateline geoparse` prints for the same text.
	cli := func(doc string) []byte {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", " ")
		if err := enc.Encode(gazetteer.MentionCollection(doc, env.live.Current().Parse(text))); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	plain := post(text, "text/plain; charset=utf-8", "")
	if plain.Code != http.StatusOK || plain.Header().Get(echo.HeaderContentType) != mimeGeoJSON {
		t.Fatalf("text/plain: %d %q %s", plain.Code, plain.Header().Get(echo.HeaderContentType), plain.Body)
	}
	if !bytes.Equal(plain.Body.Bytes(), cli("text")) {
		t.Errorf("the answer differs from the CLI's:\n%s\nCLI:\n%s", plain.Body, cli("text"))
	}
	var fc struct {
		Features []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(plain.Body.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	var places []string
	for _, f := range fc.Features {
		places = append(places, fmt.Sprint(f.Properties["place_id"]))
		start, end := int(f.Properties["start"].(float64)), int(f.Properties["end"].(float64))
		if text[start:end] != f.Properties["surface"] {
			t.Errorf("%s: offsets %d-%d do not hold %v", f.ID, start, end, f.Properties["surface"])
		}
	}
	for _, want := range []string{"stepanakert", "khojaly", "shusha", "lachin-corridor"} {
		if !slices.Contains(places, want) {
			t.Errorf("places %v lack %s", places, want)
		}
	}

	named := post(text, "text/plain", "?doc=note.txt")
	if !bytes.Equal(named.Body.Bytes(), cli("note.txt")) {
		t.Errorf("?doc=note.txt: %s", named.Body)
	}
	body, _ := json.Marshal(map[string]string{"text": text, "doc": "memo.md"})
	asJSON := post(string(body), "application/json", "")
	if asJSON.Code != http.StatusOK || !bytes.Equal(asJSON.Body.Bytes(), cli("memo.md")) {
		t.Errorf("JSON: %d %s", asJSON.Code, asJSON.Body)
	}
	checkGeoJSON(t, map[string][]byte{"geoparse": plain.Body.Bytes(), "geoparse-json": asJSON.Body.Bytes()})

	for _, tc := range []struct {
		name, body, contentType, query string
		status                         int
		field                          string
	}{
		{"empty text", "", "text/plain", "", 400, "text"},
		{"blank text", " \n\t", "text/plain", "", 400, "text"},
		{"JSON without text", `{"doc": "x"}`, "application/json", "", 400, "text"},
		{"JSON with an unknown member", `{"text": "Stepanakert", "lang": "en"}`, "application/json", "", 400, ""},
		{"not JSON", `{"text": `, "application/json", "", 400, ""},
		{"not UTF-8", "Stepanakert \xff\xfe", "text/plain", "", 400, "text"},
		{"too large", strings.Repeat("Stepanakert ", GeoparseLimit/12+1), "text/plain", "", 413, ""},
		{"too large as JSON", `{"text": "` + strings.Repeat("a", GeoparseLimit+1) + `"}`, "application/json", "", 413, "text"},
		{"a NUL byte", "Stepanakert\x00", "text/plain", "", 400, "text"},
		{"a control character in JSON", `{"text": "Stepanakert\u001b[31m"}`, "application/json", "", 400, "text"},
		{"JSON with trailing data", `{"text": "Stepanakert"} {"text": "Baku"}`, "application/json", "", 400, ""},
		{"a form", "text=Stepanakert", "application/x-www-form-urlencoded", "", 415, "Content-Type"},
		{"XML", "<text>Stepanakert</text>", "application/xml", "", 415, "Content-Type"},
		{"unknown parameter", text, "text/plain", "?lang=en", 400, "lang"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := post(tc.body, tc.contentType, tc.query)
			p := decode[Problem](t, rec, tc.status)
			if p.Field != tc.field || p.Detail == "" || rec.Header().Get(echo.HeaderContentType) != mimeProblem {
				t.Errorf("problem %+v, want one naming %q", p, tc.field)
			}
		})
	}
	if rec := env.get(t, "/api/geoparse"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/geoparse: %d", rec.Code)
	}
}

// TestNewsErrorsAreProblems drives the error handler with the news
// package's errors.
func TestNewsErrorsAreProblems(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct {
		name   string
		err    error
		status int
		field  string
	}{
		{"not found", fmt.Errorf("%w: document %q", news.ErrNotFound, "x.txt"), 404, ""},
		{"invalid", fmt.Errorf("%w: bad outlet registry", news.ErrInvalid), 400, ""},
		{"input error", &news.InputError{Reason: "file is empty"}, 400, ""},
		{"validation error", &news.ValidationError{Field: "datetime", Reason: "the interval ends before it starts"}, 400, "datetime"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			c := env.srv.e.NewContext(httptest.NewRequest(http.MethodGet, "/somewhere", nil), rec)
			env.srv.handleError(tc.err, c)
			p := decode[Problem](t, rec, tc.status)
			if p.Detail != tc.err.Error() || p.Field != tc.field {
				t.Errorf("problem %+v for %v", p, tc.err)
			}
		})
	}
	if !errors.Is(&news.InputError{}, news.ErrInvalid) {
		t.Error("an InputError is no ErrInvalid: the handler's case for ErrInvalid misses it")
	}
}

func TestNewsDownloads(t *testing.T) {
	env := newSeededEnv(t)
	all := allEvents(t, env)
	for _, tc := range []struct {
		download, items, file string
	}{
		{"/download/events.geojson", "/collections/events/items?limit=10000", "events.geojson"},
		{"/download/events.geojson?perspective=armenian,azerbaijani&datetime=2023-01-01/..",
			"/collections/events/items?limit=10000&perspective=armenian,azerbaijani&datetime=2023-01-01/..", "events.geojson"},
		{"/download/mentions.geojson", "/collections/mentions/items?limit=10000", "mentions.geojson"},
		{"/download/mentions.geojson?place_id=stepanakert&bbox=46,39,47,40", "/collections/mentions/items?limit=10000&place_id=stepanakert&bbox=46,39,47,40", "mentions.geojson"},
	} {
		t.Run(tc.download, func(t *testing.T) {
			rec := env.get(t, tc.download)
			_, params, err := mime.ParseMediaType(rec.Header().Get(echo.HeaderContentDisposition))
			if err != nil || params["filename"] != tc.file {
				t.Errorf("Content-Disposition %q", rec.Header().Get(echo.HeaderContentDisposition))
			}
			got := decode[itemsResp](t, rec, http.StatusOK)
			want := decode[itemsResp](t, env.get(t, tc.items), http.StatusOK)
			if !slices.Equal(got.ids(), want.ids()) || got.NumberMatched != want.NumberMatched || len(want.ids()) == 0 {
				t.Errorf("download has %d features, the items %d", len(got.ids()), len(want.ids()))
			}
		})
	}

	rec := env.get(t, "/download/dateline.gpkg")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	path := filepath.Join(t.TempDir(), "dateline.gpkg")
	if err := os.WriteFile(path, rec.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	counts := featureCounts(t, run(t, "ogrinfo", "-ro", "-so", "-al", path))
	places, _, err := env.store.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != 4 || counts["places"] != places || counts["checkpoints"] == 0 || counts["routes"] == 0 || counts["events"] != len(all) {
		t.Errorf("layers %v, want places (%d), checkpoints, routes and events (%d)", counts, places, len(all))
	}
	out := run(t, "ogrinfo", "-ro", "-q", path, "-sql", "SELECT id, sub_event_type, reports, geom FROM events WHERE id = '"+all[0].ID+"'")
	if !strings.Contains(out, all[0].ID) || !strings.Contains(out, prop(all[0], "sub_event_type")) || !strings.Contains(out, "POINT (") {
		t.Errorf("event %s in the GeoPackage:\n%s", all[0].ID, out)
	}
}

func TestNewsResponsesAreValidGeoJSON(t *testing.T) {
	env := newSeededEnv(t)
	bodies := map[string][]byte{}
	for _, target := range []string{
		"/collections/events/items", "/collections/events/items?limit=3&offset=3", "/collections/events/items?datetime=2023-08-01/..",
		"/collections/mentions/items?limit=10000", "/collections/mentions/items?bbox=46,39,47,40",
		"/download/events.geojson", "/download/mentions.geojson",
	} {
		rec := env.get(t, target)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", target, rec.Code)
		}
		bodies[target] = rec.Body.Bytes()
	}
	page := decode[eventsResp](t, env.get(t, "/collections/events/items?limit=5"), http.StatusOK)
	for _, f := range page.Features {
		target := "/collections/events/items/" + f.ID
		bodies[target] = env.get(t, target).Body.Bytes()
	}
	checkGeoJSON(t, bodies)
}

// TestGDALReadsTheNews runs GDAL's OGC API – Features driver against the
// seeded server: ogrinfo lists all five collections, and ogr2ogr copies
// every event, two a page.
func TestGDALReadsTheNews(t *testing.T) {
	env := newSeededEnv(t)
	ts := httptest.NewServer(env.h)
	defer ts.Close()
	src := "OAPIF:" + ts.URL + "/"
	out := run(t, "ogrinfo", "-ro", "-so", src)
	for _, col := range []string{"places", "checkpoints", "routes", "events", "mentions"} {
		if !regexp.MustCompile(`(?m)^\d+: ` + col + `\b`).MatchString(out) {
			t.Errorf("ogrinfo does not list %s:\n%s", col, out)
		}
	}
	for _, col := range []string{"events", "mentions"} {
		resp, err := http.Get(ts.URL + "/collections/" + col + "/items?limit=1")
		if err != nil {
			t.Fatal(err)
		}
		var api itemsResp
		if err := json.Unmarshal(readAll(t, resp.Body), &api); err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(t.TempDir(), col+".gpkg")
		run(t, "ogr2ogr", "-f", "GPKG", dst, src, col, "-oo", "PAGE_SIZE=2")
		got := featureCounts(t, run(t, "ogrinfo", "-ro", "-so", "-al", dst))
		if got[col] != api.NumberMatched || api.NumberMatched == 0 {
			t.Errorf("ogr2ogr copied %d %s, the API matches %d", got[col], col, api.NumberMatched)
		}
	}
}

// TestDocumentsPaged: /api/documents?limit&offset pages the list newest
// first, with the count, the next link and every outlet; without a limit
// it is a page of 100.
func TestDocumentsPaged(t *testing.T) {
	env := newSeededEnv(t)
	whole := decode[struct {
		Documents     []map[string]any `json:"documents"`
		NumberMatched int              `json:"numberMatched"`
		Next          string           `json:"next"`
	}](t, env.get(t, "/api/documents"), http.StatusOK)
	if whole.NumberMatched != len(whole.Documents) || whole.Next != "" || len(whole.Documents) > defaultDocumentsPage {
		t.Fatalf("the first page lists %d of %d (next %q), want all of the seeds' fewer than %d", len(whole.Documents), whole.NumberMatched, whole.Next, defaultDocumentsPage)
	}
	type page struct {
		Documents      []map[string]any `json:"documents"`
		NumberMatched  int              `json:"numberMatched"`
		NumberReturned int              `json:"numberReturned"`
		Next           string           `json:"next"`
		Outlets        []struct {
			ID       string `json:"id"`
			Articles int    `json:"articles"`
		} `json:"outlets"`
	}
	var seen []string
	var published []string
	path := "/api/documents?limit=2"
	for range 10 {
		p := decode[page](t, env.get(t, path), http.StatusOK)
		if p.NumberMatched != len(whole.Documents) || p.NumberReturned != len(p.Documents) || len(p.Documents) > 2 {
			t.Fatalf("%s: %d of %d returned (%d listed), want at most 2 of %d", path, p.NumberReturned, p.NumberMatched, len(p.Documents), len(whole.Documents))
		}
		n := 0
		for _, o := range p.Outlets {
			n += o.Articles
		}
		wantOutlets := 0
		for _, d := range whole.Documents {
			if d["outlet"] != nil && d["outlet"] != "" {
				wantOutlets++
			}
		}
		if n != wantOutlets {
			t.Errorf("%s: the outlets count %d articles, want %d", path, n, wantOutlets)
		}
		for _, d := range p.Documents {
			seen = append(seen, d["id"].(string))
			pub, _ := d["published"].(string)
			published = append(published, pub)
		}
		if p.Next == "" {
			break
		}
		path = p.Next[len(base):]
	}
	if len(seen) != len(whole.Documents) {
		t.Fatalf("the pages list %v, want the %d documents", seen, len(whole.Documents))
	}
	slices.Sort(seen)
	if len(slices.Compact(seen)) != len(whole.Documents) {
		t.Errorf("a document is on two pages: %v", seen)
	}
	if !slices.IsSortedFunc(published, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("the pages are not newest first: %v", published)
	}
	// However many articles there are, a list without a limit is one page.
	ctx := context.Background()
	for i := len(whole.Documents); i <= defaultDocumentsPage; i++ {
		if _, err := env.in.Ingest(ctx, fmt.Sprintf("daily-%03d.txt", i), []byte(fmt.Sprintf("Daily %d\n\nGoris was quiet on day %d.\n", i, i)), false); err != nil {
			t.Fatal(err)
		}
	}
	first := decode[page](t, env.get(t, "/api/documents"), http.StatusOK)
	if len(first.Documents) != defaultDocumentsPage || first.NumberMatched != defaultDocumentsPage+1 || !strings.HasSuffix(first.Next, fmt.Sprintf("/api/documents?limit=%d&offset=%d", defaultDocumentsPage, defaultDocumentsPage)) {
		t.Errorf("without a limit: %d of %d listed, next %q; want a page of %d and the link to the rest", len(first.Documents), first.NumberMatched, first.Next, defaultDocumentsPage)
	}
	for _, bad := range []struct{ q, field string }{{"limit=-1", "limit"}, {"limit=x", "limit"}, {"limit=5000", "limit"}, {"offset=1.5", "offset"}, {"page=2", "page"}} {
		p := decode[Problem](t, env.get(t, "/api/documents?"+bad.q), http.StatusBadRequest)
		if p.Field != bad.field {
			t.Errorf("%s: the problem names %q, want %q", bad.q, p.Field, bad.field)
		}
	}
}
