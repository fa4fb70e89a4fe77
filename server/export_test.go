package server

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dateline/news"
)

// TestPerspectiveUnknown checks that perspective=unknown selects the events
// of outlets of no known perspective (the map shows them, so its downloads
// and counts must take them), in the items, the aggregation and the
// histogram alike, and that the perspectives together cover every event.
func TestPerspectiveUnknown(t *testing.T) {
	env := synthEnv(t, 3000)
	all := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1"), http.StatusOK)
	sum := 0
	for _, p := range []string{"armenian", "azerbaijani", "russian", "international", "unknown"} {
		items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1000&perspective="+p), http.StatusOK)
		if p == "unknown" {
			if items.NumberMatched == 0 {
				t.Fatal("no event of an unknown perspective: the synthetic data has some")
			}
			for _, f := range items.Features {
				if v := f.Properties["perspective"]; v != nil {
					t.Errorf("%s has perspective %v, asked for unknown", f.ID, v)
				}
			}
		}
		sum += items.NumberMatched
	}
	if sum != all.NumberMatched {
		t.Errorf("the perspectives count %d events in all, the collection %d", sum, all.NumberMatched)
	}
	both := "perspective=armenian,unknown&datetime=2022-01-01/2023-12-31"
	items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1&"+both), http.StatusOK)
	agg := decode[aggregateResp](t, env.get(t, "/collections/events/aggregate?zoom=3&"+both), http.StatusOK)
	hist := decode[histogramResp](t, env.get(t, "/collections/events/histogram?"+both), http.StatusOK)
	if items.NumberMatched == 0 || agg.NumberMatched != items.NumberMatched || hist.NumberMatched != items.NumberMatched {
		t.Errorf("%s: items %d, aggregate %d, histogram %d", both, items.NumberMatched, agg.NumberMatched, hist.NumberMatched)
	}
	dl := env.get(t, "/download/events.geojson?"+both)
	fc := decode[itemsResp](t, dl, http.StatusOK)
	if len(fc.Features) != items.NumberMatched {
		t.Errorf("the download of %s has %d events, items count %d", both, len(fc.Features), items.NumberMatched)
	}
}

// TestSortByDatetime checks sortby=-datetime (newest first, undated last)
// and sortby=datetime: pages in order that together give every event once,
// the order kept in the next links, and a bad order refused.
func TestSortByDatetime(t *testing.T) {
	env := synthEnv(t, 700)
	stored := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=10000"), http.StatusOK)
	for _, tc := range []struct {
		sortby string
		before func(a, b string) bool // a may come before b
	}{
		{"-datetime", func(a, b string) bool { return b == "" || a != "" && a >= b }},
		{"datetime", func(a, b string) bool { return b == "" || a != "" && a <= b }},
	} {
		var seen []string
		last := "first"
		target := "/collections/events/items?limit=100&sortby=" + tc.sortby
		for target != "" {
			page := decode[itemsResp](t, env.get(t, target), http.StatusOK)
			if page.NumberMatched != stored.NumberMatched {
				t.Fatalf("%s: numberMatched %d, without sortby %d", target, page.NumberMatched, stored.NumberMatched)
			}
			for _, f := range page.Features {
				d, _ := f.Properties["event_date"].(string)
				if last != "first" && !tc.before(last, d) {
					t.Fatalf("sortby=%s: %q comes after %q", tc.sortby, d, last)
				}
				last = d
				seen = append(seen, f.ID)
			}
			target = ""
			if next, ok := findLink(page.Links, "next", mimeGeoJSON); ok {
				target = pathOf(t, next.Href)
				if !strings.Contains(target, "sortby="+tc.sortby) {
					t.Fatalf("the next link %s drops the order", target)
				}
			}
		}
		want := stored.ids()
		slices.Sort(want)
		slices.Sort(seen)
		if !slices.Equal(seen, want) {
			t.Errorf("sortby=%s: the pages give %d events, %d distinct; the collection has %d",
				tc.sortby, len(seen), len(slices.Compact(slices.Clone(seen))), len(want))
		}
	}
	// With a filter, the newest of the matches leads.
	q := "event_type=Battles&bbox=43.4,38.3,50.9,42"
	first := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=1&sortby=-datetime&"+q), http.StatusOK)
	every := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=10000&"+q), http.StatusOK)
	newest := ""
	for _, f := range every.Features {
		if d, _ := f.Properties["event_date"].(string); d > newest {
			newest = d
		}
	}
	if len(first.Features) != 1 || first.Features[0].Properties["event_date"] != newest || first.NumberMatched != every.NumberMatched {
		t.Errorf("%s: the first newest is %v of %d, want %s of %d", q, first.Features, first.NumberMatched, newest, every.NumberMatched)
	}
	for _, tc := range []struct{ target, field string }{
		{"/collections/events/items?sortby=title", "sortby"},
		{"/collections/events/items?sortby=-datetime,title", "sortby"},
		{"/collections/places/items?sortby=-datetime", "sortby"},
		{"/collections/events/aggregate?zoom=3&sortby=-datetime", "sortby"},
	} {
		if p := decode[Problem](t, env.get(t, tc.target), http.StatusBadRequest); p.Field != tc.field {
			t.Errorf("%s: problem %+v, want field %s", tc.target, p, tc.field)
		}
	}
}

// TestEventsCSV checks /download/events.csv: RFC 4180 (CRLF, quoting), a
// header row of ACLED-style columns, and exactly the events of the items
// endpoint for the same filters, with their places and dates.
func TestEventsCSV(t *testing.T) {
	env := synthEnv(t, 1500)
	for _, q := range []string{"", "perspective=unknown", "datetime=2023-01-01/2023-03-31&event_type=Battles,Protests", "bbox=46.4,39.4,46.9,39.9"} {
		rec := env.get(t, "/download/events.csv?"+q)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", q, rec.Code, rec.Body.String())
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(ct, "utf-8") {
			t.Errorf("%s: Content-Type %q", q, ct)
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename=events.csv`) {
			t.Errorf("%s: Content-Disposition %q", q, cd)
		}
		body := rec.Body.String()
		if !strings.HasPrefix(body, strings.Join(csvHeader(), ",")+"\r\n") || !strings.HasSuffix(body, "\r\n") {
			t.Errorf("%s: the header and the last row do not end in CRLF", q)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: not CSV: %v", q, err)
		}
		header := rows[0]
		if !slices.Equal(header, csvHeader()) {
			t.Fatalf("%s: header %v", q, header)
		}
		col := func(name string) int { return slices.Index(header, name) }
		items := decode[itemsResp](t, env.get(t, "/collections/events/items?limit=10000&"+q), http.StatusOK)
		if len(rows)-1 != items.NumberMatched {
			t.Fatalf("%s: %d rows, items count %d", q, len(rows)-1, items.NumberMatched)
		}
		for i, f := range items.Features {
			r := rows[i+1]
			if r[col("event_id_cnty")] != f.ID {
				t.Fatalf("%s: row %d is %s, items has %s", q, i, r[col("event_id_cnty")], f.ID)
			}
			if want, _ := f.Properties["event_date"].(string); r[col("event_date")] != want {
				t.Errorf("%s: %s dated %q, items %q", q, f.ID, r[col("event_date")], want)
			}
			if want, _ := f.Properties["sentence"].(string); r[col("notes")] != want {
				t.Errorf("%s: %s notes %q, items sentence %q", q, f.ID, r[col("notes")], want)
			}
			if want := strconv.Itoa(int(f.Properties["geo_precision"].(float64))); r[col("geo_precision")] != want {
				t.Errorf("%s: %s geo_precision %q, want %s", q, f.ID, r[col("geo_precision")], want)
			}
			if f.Properties["perspective"] == nil && r[col("source_perspective")] != "unknown" {
				t.Errorf("%s: %s has no perspective, the row says %q", q, f.ID, r[col("source_perspective")])
			}
			if lat, err := strconv.ParseFloat(r[col("latitude")], 64); err != nil || lat < 38 || lat > 42.5 {
				t.Errorf("%s: %s latitude %q", q, f.ID, r[col("latitude")])
			}
		}
	}
	for _, target := range []string{"/download/places.csv", "/download/nothing.csv"} {
		decode[Problem](t, env.get(t, target), http.StatusNotFound)
	}
	if p := decode[Problem](t, env.get(t, "/download/events.csv?perspective=nobody"), http.StatusBadRequest); p.Field != "perspective" {
		t.Errorf("a bad perspective: %+v", p)
	}
}

// TestEventsCSVCellsAreNotFormulas checks that article text which a
// spreadsheet would run as a formula is written as text.
func TestEventsCSVCellsAreNotFormulas(t *testing.T) {
	r := &news.EventRecord{Title: "=HYPERLINK(\"http://evil.example\",\"click\")", URL: "https://example.org/a"}
	r.Event.Sentence = "+1 more shelled Shusha"
	r.Event.Actor1 = "@armed group"
	r.Event.Source = "-the ministry"
	r.Event.PlaceName = "\tStepanakert"
	row := csvRow(make([]string, len(csvHeader())), r)
	col := map[string]string{}
	for i, h := range csvHeader() {
		col[h] = row[i]
	}
	for name, want := range map[string]string{"title": `'=HYPERLINK("http://evil.example","click")`, "notes": "'+1 more shelled Shusha",
		"actor1": "'@armed group", "claimed_by": "'-the ministry", "location": "'\tStepanakert", "url": "https://example.org/a"} {
		if col[name] != want {
			t.Errorf("%s = %q, want %q", name, col[name], want)
		}
	}
}
