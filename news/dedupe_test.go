package news

import (
	"context"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"dateline/gazetteer"
	"dateline/seeds"
)

func TestCanonicalURL(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"host lowercased, fragment dropped", "https://WWW.Example.COM/News/a#top", "https://example.com/News/a"},
		{"tracking parameters dropped", "https://example.com/a?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&id=7", "https://example.com/a?id=7"},
		{"trailing slash dropped", "https://example.com/a/", "https://example.com/a"},
		{"http is https, default port dropped", "http://example.com:80/a", "https://example.com/a"},
		{"other ports kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"parameters sorted", "https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"not a URL", "Stepanakert", ""},
		{"not http", "ftp://example.com/a", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CanonicalURL(tc.in); got != tc.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSignatureSimilarity(t *testing.T) {
	story := seedText(t, "003_a3ec0cd66c978db3.txt")
	other := seedText(t, "004_f6cdb95ff72735f9.txt")
	cases := []struct {
		name     string
		a, b     string
		near     bool
		minBands int // how many LSH bands at least must be equal
	}{
		{"same text", story, story, true, 8},
		{"new headline and boilerplate", story, "EXCLUSIVE: a new headline\n\n" + story + "\n\nSubscribe to our newsletter.", true, 1},
		{"case and punctuation", story, strings.ToUpper(strings.ReplaceAll(story, ",", " ;")), true, 8},
		{"another story", story, other, false, 0},
		{"half the story", story, story[:len(story)/2], false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := SignatureOf(tc.a), SignatureOf(tc.b)
			sim := a.Similarity(b)
			if (sim >= NearDuplicate) != tc.near {
				t.Fatalf("similarity %.3f, want near-duplicate %v", sim, tc.near)
			}
			equal := 0
			for i := range a.Bands {
				if a.Bands[i] == b.Bands[i] {
					equal++
				}
			}
			if equal < tc.minBands {
				t.Errorf("%d equal bands, want at least %d: the pair would not be a candidate", equal, tc.minBands)
			}
		})
	}
}

func seedText(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(seeds.Sub("articles"), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// batchIngester is an Ingester over a fresh store with the default
// gazetteer and the outlet registry.
func batchIngester(t *testing.T) (*Ingester, *gazetteer.Geoparser) {
	t.Helper()
	g, err := benchGeoparser()
	if err != nil {
		t.Fatalf("default gazetteer: %v (run `make` to copy the world files)", err)
	}
	b, err := fs.ReadFile(seeds.FS(), "outlets.json")
	if err != nil {
		t.Fatal(err)
	}
	outlets, err := ParseOutlets(b)
	if err != nil {
		t.Fatal(err)
	}
	return &Ingester{Store: mustOpen(t), Outlets: outlets, Geoparser: func() *gazetteer.Geoparser { return g }}, g
}

func parseRecord(t *testing.T, in *Ingester, r Record) *Parsed {
	t.Helper()
	a, err := in.ReadRecord(r, false)
	if err != nil {
		t.Fatal(err)
	}
	return in.Analyse(a)
}

func TestSaveBatchSkipsDuplicatesWithinTheBatchAndAcrossBatches(t *testing.T) {
	in, g := batchIngester(t)
	ctx := context.Background()
	story := seedText(t, "002_c6fe89207eddfcb6.txt")
	other := "Gas supplies to Stepanakert were cut again on Tuesday, residents said."
	batch := []*Parsed{
		parseRecord(t, in, Record{ID: "a", URL: "https://trend.az/news/1", Outlet: "Trend", Text: story}),
		parseRecord(t, in, Record{ID: "same-text", URL: "https://trend.az/news/1", Outlet: "Trend", Text: story}),
		parseRecord(t, in, Record{ID: "same-url", URL: "https://TREND.az/news/1/?utm_source=tw#x", Outlet: "Trend", Text: other}),
		parseRecord(t, in, Record{ID: "b", URL: "https://themoscowtimes.com/x", Outlet: "The Moscow Times", Text: "Moscow said on Wednesday that talks on the Lachin road would resume."}),
	}
	saved, err := in.Store.SaveBatch(ctx, batch, g)
	if err != nil {
		t.Fatal(err)
	}
	want := []Saved{
		{ID: "a", Stored: true},
		{ID: "a", Duplicate: DuplicateText},
		{ID: "a", Duplicate: DuplicateURL},
		{ID: "b", Stored: true},
	}
	if !slices.Equal(saved, want) {
		t.Fatalf("saved %+v, want %+v", saved, want)
	}
	again, err := in.Store.SaveBatch(ctx, batch, g)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range again {
		if s.Stored {
			t.Errorf("item %d stored again: %+v", i, s)
		}
	}
	if docs, _, _, _, _ := in.Store.Counts(ctx); docs != 2 {
		t.Errorf("%d documents, want 2", docs)
	}
}

func TestSaveBatchNearDuplicates(t *testing.T) {
	in, g := batchIngester(t)
	ctx := context.Background()
	story := seedText(t, "002_c6fe89207eddfcb6.txt")
	orig := parseRecord(t, in, Record{ID: "orig", URL: "https://trend.az/news/1", Outlet: "Trend", Text: story})
	if len(orig.Events) == 0 {
		t.Fatal("the story reports no events; the test needs some")
	}
	if _, err := in.Store.SaveBatch(ctx, []*Parsed{orig}, g); err != nil {
		t.Fatal(err)
	}
	_, _, eventsBefore, _, _ := in.Store.Counts(ctx)
	rewrite := "Azerbaijan: checkpoint row deepens\n\n" + story + "\n\nFollow us on Telegram for more news. All rights reserved."
	cases := []struct {
		name   string
		rec    Record
		want   Saved
		stored bool
	}{
		{"same outlet, new headline", Record{ID: "trend-again", URL: "https://trend.az/news/2", Title: "New headline",
			Outlet: "Trend", Text: rewrite}, Saved{ID: "orig", Duplicate: DuplicateNear}, false},
		{"another outlet", Record{ID: "apa-copy", URL: "https://apa.az/x/1", Title: "Wire copy", Outlet: "APA",
			Text: rewrite}, Saved{ID: "apa-copy", Stored: true, Duplicate: DuplicateNear, DuplicateOf: "orig"}, true},
		{"a copy of the copy from its outlet", Record{ID: "apa-again", URL: "https://apa.az/x/2", Outlet: "APA",
			Text: rewrite + "\n\nUpdated."}, Saved{ID: "apa-copy", Duplicate: DuplicateNear}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			saved, err := in.Store.SaveBatch(ctx, []*Parsed{parseRecord(t, in, tc.rec)}, g)
			if err != nil {
				t.Fatal(err)
			}
			if saved[0] != tc.want {
				t.Fatalf("saved %+v, want %+v", saved[0], tc.want)
			}
		})
	}
	_, _, eventsAfter, _, _ := in.Store.Counts(ctx)
	if eventsAfter != eventsBefore {
		t.Errorf("events %d -> %d: a near-duplicate must add no events", eventsBefore, eventsAfter)
	}
	var dupOf string
	if err := in.Store.db.QueryRow(`SELECT coalesce(duplicate_of, '') FROM documents WHERE id = 'apa-copy'`).Scan(&dupOf); err != nil || dupOf != "orig" {
		t.Fatalf("apa-copy duplicate_of %q, %v", dupOf, err)
	}
	rows, err := in.Store.db.Query(`SELECT outlets,
		(SELECT json_group_array(doc_id) FROM cluster_documents WHERE cluster_id = clusters.id) FROM clusters WHERE id IN
		(SELECT cluster_id FROM events WHERE doc_id = 'orig')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var outlets, docs string
		if err := rows.Scan(&outlets, &docs); err != nil {
			t.Fatal(err)
		}
		var o, d []string
		_ = json.Unmarshal([]byte(outlets), &o)
		_ = json.Unmarshal([]byte(docs), &d)
		if !slices.Contains(o, "apa") || !slices.Contains(o, "trend") || !slices.Contains(d, "apa-copy") {
			t.Errorf("cluster outlets %v, documents %v: want trend and apa, orig and apa-copy", o, d)
		}
		n++
	}
	if n == 0 {
		t.Fatal("the original's events are in no cluster")
	}
}

func TestRecordRaw(t *testing.T) {
	in, _ := batchIngester(t)
	cases := []struct {
		name                            string
		rec                             Record
		wantTitle, wantURL, wantOutlet  string
		wantPublished, wantBodyContains string
	}{
		{"text with metadata", Record{ID: "r1", Title: "Blockade", URL: "https://trend.az/a/1", Published: "2023-04-23T10:00:00Z",
			Outlet: "Trend", Text: "Traffic on the Lachin road stopped."}, "Blockade", "https://trend.az/a/1", "Trend News Agency",
			"2023-04-23", "Lachin road"},
		{"html only", Record{HTML: `<html><head><title>Page</title></head><body><h1>Shelling</h1><p>Shusha was shelled.</p></body></html>`},
			"Shelling", "", "", "", "Shusha was shelled"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := in.ReadRecord(tc.rec, false)
			if err != nil {
				t.Fatal(err)
			}
			pub := ""
			if a.PublishedKnown {
				pub = a.Published.Format("2006-01-02")
			}
			if a.Title != tc.wantTitle || a.URL != tc.wantURL || a.OutletName != tc.wantOutlet || pub != tc.wantPublished ||
				!strings.Contains(a.Body, tc.wantBodyContains) || strings.Contains(a.Body, "Title:") {
				t.Errorf("title %q url %q outlet %q published %q body %q", a.Title, a.URL, a.OutletName, pub, a.Body)
			}
		})
	}
	if _, err := in.ReadRecord(Record{ID: "empty"}, false); err == nil {
		t.Error("a record without text was read")
	}
}
