package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/geo/gpkg"
	"dateline/news"
)

// openNews opens the news store of a database file for assertions.
func openNews(t *testing.T, path string) *news.Store {
	t.Helper()
	db, err := gpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := news.NewStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSeededDatabaseHoldsTheSeedArticlesAndTheirEvents checks, on a database
// seeded as `make run` seeds it, the articles' metadata and the events the
// issue names.
func TestSeededDatabaseHoldsTheSeedArticlesAndTheirEvents(t *testing.T) {
	s := openNews(t, seededDB(t))
	ctx := context.Background()
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type meta struct{ outlet, perspective, published string }
	want := map[string]meta{
		"000_93c835df433c85df.txt": {"azatutyun", "international", "2023-08-16"},
		"001_5e89a6f9c4c6f0ab.txt": {"massispost", "armenian", "2023-08-01"},
		"002_c6fe89207eddfcb6.txt": {"trend", "azerbaijani", ""},
		"003_a3ec0cd66c978db3.txt": {"", "", ""}, // no outlet or date in the text: unknown, never guessed
		"004_f6cdb95ff72735f9.txt": {"moscowtimes", "international", "2023-01-03"},
	}
	if len(docs) != len(want) {
		t.Fatalf("%d documents stored, want %d", len(docs), len(want))
	}
	for _, d := range docs {
		w, ok := want[d.ID]
		if !ok {
			t.Errorf("unexpected document %s", d.ID)
			continue
		}
		if d.Outlet != w.outlet || string(d.Perspective) != w.perspective || d.Published != w.published {
			t.Errorf("%s: outlet %q perspective %q published %q, want %+v", d.ID, d.Outlet, d.Perspective, d.Published, w)
		}
	}

	var events []*news.EventRecord
	if _, err := s.QueryEvents(ctx, news.EventQuery{}, func(r *news.EventRecord) error {
		events = append(events, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	find := func(doc string, sub news.SubEventType, day string, place string) *news.EventRecord {
		for _, e := range events {
			if strings.HasPrefix(e.Doc, doc) && e.SubEventType == sub && (place == "" || e.PlaceID == place) &&
				(day == "" || (e.EventDate.Format(time.DateOnly) == day && e.TimePrecision == news.PrecisionDay)) {
				return e
			}
		}
		return nil
	}
	if find("004", news.SubEventType("Road blockade or closure"), "2022-12-12", "lachin-corridor") == nil {
		t.Error("no blockade of the Lachin corridor on 12 December 2022 (day precision) from the Moscow Times article")
	}
	if find("004", news.SubEventType("Utility cut-off"), "2022-12-13", "") == nil {
		t.Error("no gas cut-off on 13 December 2022 (day precision) from the Moscow Times article")
	}
	if find("002", news.SubEventType("Checkpoint established"), "2023-04-23", "lachin-khankendi-road") == nil {
		t.Error("no checkpoint set up on 23 April 2023 at the Lachin-Khankendi road from the Trend article")
	}
	refusal := find("000", news.SubEventType("Escort or protection refused"), "", "")
	if refusal == nil || refusal.ClusterID == "" {
		t.Fatalf("no clustered escort refusal in the RFE/RL article: %+v", refusal)
	}
	outlets := map[string]bool{refusal.Outlet: true}
	for _, r := range refusal.Reports {
		outlets[r.Outlet] = true
	}
	if len(outlets) < 2 {
		t.Errorf("the escort refusal is reported by %v, want at least two outlets", outlets)
	}
}

func TestIngestRefusesBadFilesAndStoresTheSameTextOnce(t *testing.T) {
	db := seededDB(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	before := countNews(t, db)
	for _, tc := range []struct {
		name, file, want string
	}{
		{"empty", write("empty.txt", nil), "empty"},
		{"binary", write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")), "binary"},
		{"huge", write("huge.txt", []byte(strings.Repeat("Stepanakert is quiet today. ", 100000))), "limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "ingest", tc.file, "--db", db)
			lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
			if r.code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], "dateline: "+tc.file+": ") ||
				!strings.Contains(lines[0], tc.want) {
				t.Fatalf("exit %d, stderr %q: want exit 1, one line naming the file and saying %q, and the summary",
					r.code, r.stderr, tc.want)
			}
			if got := summary(t, r.stderr); got != [4]int{1, 0, 0, 1} {
				t.Fatalf("summary %v, want one source failed", got)
			}
			if after := countNews(t, db); after != before {
				t.Fatalf("a refused file changed the database: %v -> %v", before, after)
			}
		})
	}

	noPlaces := write("weather.txt", []byte("It rained all day and the trains ran late.\n"))
	r := runCLI(t, "ingest", noPlaces, "--db", db)
	if r.code != 0 || !strings.Contains(r.stderr, "no place names") {
		t.Fatalf("text with no places: exit %d, stderr %q", r.code, r.stderr)
	}
	article := filepath.Join("..", "..", "seeds", "articles", "004_f6cdb95ff72735f9.txt")
	copyOf := write("again.txt", mustRead(t, article))
	r = runCLI(t, "ingest", copyOf, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, `"stored":false`) {
		t.Fatalf("the same text under another name was stored again: %q %q", r.stdout, r.stderr)
	}
	after := countNews(t, db)
	if after[0] != before[0]+1 {
		t.Fatalf("documents %d -> %d, want one more (the weather note)", before[0], after[0])
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// countNews returns the number of documents, mentions, events and clusters.
func countNews(t *testing.T, path string) [4]int {
	t.Helper()
	s := openNews(t, path)
	d, m, e, c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return [4]int{d, m, e, c}
}
