package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's ingest examples are the files in seeds/examples/ingest; they must
// be stored as the README says.
func TestIngestExamplesOfTheREADME(t *testing.T) {
	db := seededDB(t)
	dir := filepath.Join("..", "..", "seeds", "examples", "ingest")
	r := runCLI(t, "ingest", dir, filepath.Join(dir, "export.jsonl"), filepath.Join(dir, "export.csv"), "--json=false", "--db", db)
	if r.code != 0 || summary(t, r.stderr) != [4]int{6, 6, 0, 0} {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	txt, err := os.ReadFile(filepath.Join(dir, "convoy.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if r := runCLIWith(t, string(txt), "ingest", "-", "--db", db); r.code != 0 || !strings.Contains(r.stdout, `"duplicate":"text"`) {
		t.Errorf("ingest - < convoy.txt: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	st := openNews(t, db)
	for _, want := range []struct{ id, title, published, outlet, dateline, author string }{
		{"convoy.txt", "Red Cross convoy reaches Stepanakert", "2023-09-18", "trend", "STEPANAKERT", "A. Reporter"},
		{"convoy.md", "Convoy of the Red Cross crosses the Hakari bridge", "2023-09-19", "", "GORIS", "A. Reporter"},
		{"convoy.html", "Checkpoint set up at the Hakari bridge", "2023-04-23", "trend", "BAKU", ""},
		{"c1", "Shelling near Martuni", "2023-09-20", "trend", "MARTUNI", ""},
		// No title given: the opening words stand in.
		{"2", "YEREVAN, 21 September (Armenpress) — Refugees from Stepanakert arrived in Goris on Thursday, the…", "", "armenpress", "YEREVAN", ""},
		{"c3", "Talks in Yevlakh", "2023-09-21", "trend", "YEVLAKH", ""},
	} {
		d, err := st.Document(context.Background(), want.id)
		if err != nil {
			t.Errorf("%s: %v", want.id, err)
			continue
		}
		if d.Title != want.title || !strings.HasPrefix(d.Published, want.published) || d.Outlet != want.outlet ||
			d.Dateline != want.dateline || d.Author != want.author {
			t.Errorf("%s: title %q, published %q, outlet %q, dateline %q, author %q; want %+v", want.id, d.Title,
				d.Published, d.Outlet, d.Dateline, d.Author, want)
		}
	}
}
