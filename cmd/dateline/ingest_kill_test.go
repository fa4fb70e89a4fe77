package main

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dateline/geo/gpkg"
)

// TestIngestAfterKillStoresEveryArticleOnce: an ingest killed with SIGKILL
// after its first batch committed, then run again, leaves every article
// stored exactly once and the database sound; the second run counts what
// the first stored as duplicates.
func TestIngestAfterKillStoresEveryArticleOnce(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "dateline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := seededDB(t)
	// Seed the articles first, so that the only documents the poll below
	// sees appear are the export's.
	if r := runCLI(t, "ingest", "--db", db, filepath.Join("..", "..", "seeds", "articles", "000_93c835df433c85df.txt")); r.code != 0 {
		t.Fatalf("seeding: %s", r.stderr)
	}
	seeded := countNews(t, db)[0]
	const n = 2000
	export := filepath.Join(dir, "export.jsonl")
	writeJSONL(t, export, n, 3000)
	// Every 100th line repeats the line before it: one article, twice.
	b, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	var withRepeats []string
	repeats := 0
	for i, l := range lines {
		withRepeats = append(withRepeats, l)
		if i%100 == 99 {
			withRepeats = append(withRepeats, l)
			repeats++
		}
	}
	if err := os.WriteFile(export, []byte(strings.Join(withRepeats, "")), 0o644); err != nil {
		t.Fatal(err)
	}

	ro, err := sql.Open(gpkg.DriverName(), "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	docs := func() int {
		var c int
		if err := ro.QueryRow(`SELECT count(*) FROM documents`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}

	first := exec.Command(bin, "ingest", "--db", db, "--json=false", export)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	for docs() <= seeded {
		if first.ProcessState != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	storedFirst := docs() - seeded
	if storedFirst <= 0 || storedFirst >= n {
		t.Fatalf("the first run stored %d of %d before it was killed; want some, not all\n%s", storedFirst, n, firstErr.String())
	}

	second := exec.Command(bin, "ingest", "--db", db, "--json=false", export)
	var secondErr bytes.Buffer
	second.Stderr = &secondErr
	if err := second.Run(); err != nil {
		t.Fatalf("second run: %v\n%s", err, secondErr.String())
	}
	got := summary(t, secondErr.String())
	want := [4]int{n + repeats, n - storedFirst, storedFirst + repeats, 0}
	if got != want {
		t.Errorf("second run's summary %v, want %v (items, stored, duplicates, failed)", got, want)
	}

	q := func(query string, dest any) {
		t.Helper()
		if err := ro.QueryRow(query).Scan(dest); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	var total, hashes, urls, dupURLs int
	var integrity string
	q(`SELECT count(*) FROM documents`, &total)
	q(`SELECT count(DISTINCT hash) FROM documents`, &hashes)
	q(`SELECT count(DISTINCT canonical_url) FROM documents WHERE id LIKE 'art-%'`, &urls)
	q(`SELECT count(*) FROM (SELECT canonical_url FROM documents WHERE canonical_url IS NOT NULL
		GROUP BY canonical_url HAVING count(*) > 1)`, &dupURLs)
	q(`PRAGMA integrity_check`, &integrity)
	if total != seeded+n || hashes != total || urls != n || dupURLs != 0 {
		t.Errorf("%d documents (%d hashes, %d export URLs, %d URLs stored twice), want %d, each once",
			total, hashes, urls, dupURLs, seeded+n)
	}
	if integrity != "ok" {
		t.Errorf("integrity_check: %s", integrity)
	}
}
