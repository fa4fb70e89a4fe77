package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dateline/geo/gpkg"
	"dateline/seeds"
)

// seedParagraphs are the long paragraphs of the seed articles, from which
// syntheticArticle builds distinct articles.
func seedParagraphs(tb testing.TB) []string {
	tb.Helper()
	files, err := fs.Glob(seeds.Sub("articles"), "*.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, f := range files {
		b, err := fs.ReadFile(seeds.Sub("articles"), f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range strings.Split(string(b), "\n\n") {
			if len(strings.Fields(p)) >= 20 {
				out = append(out, strings.TrimSpace(p))
			}
		}
	}
	return out
}

// syntheticArticle is article i: seed paragraphs picked and ordered by a
// generator seeded with i, about size bytes, ending in a line of its own,
// so that no two share the text, and no two are near-duplicates.
func syntheticArticle(paras []string, i, size int) string {
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	perm := r.Perm(len(paras))
	var b strings.Builder
	for _, k := range perm {
		if b.Len() >= size {
			break
		}
		b.WriteString(paras[k])
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "Reference %d.\n", i)
	return b.String()
}

// writeJSONL writes n synthetic articles as an export, one JSON object a line.
func writeJSONL(tb testing.TB, path string, n, size int) {
	tb.Helper()
	paras := seedParagraphs(tb)
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := range n {
		rec := map[string]string{"id": fmt.Sprintf("art-%06d", i), "url": fmt.Sprintf("https://example.org/news/%d", i),
			"title": fmt.Sprintf("Report %d", i), "published": "2023-01-15", "outlet": "Example Wire",
			"language": "en", "text": syntheticArticle(paras, i, size)}
		if err := enc.Encode(rec); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// runCLIWith is runCLI with standard input.
func runCLIWith(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, noEnv, strings.NewReader(stdin), &stdout, &stderr)
	code := exitCode(err, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

var summaryLine = regexp.MustCompile(`^ingested (\d+) sources: (\d+) stored, (\d+) duplicates, (\d+) failed \(\d+(\.\d+)? articles/s\)$`)

// summary parses the last line of ingest's stderr: items, stored, duplicates, failed.
func summary(t *testing.T, stderr string) [4]int {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		t.Fatalf("the last line of stderr is no summary:\n%s", stderr)
	}
	var out [4]int
	for i := range out {
		out[i], _ = strconv.Atoi(m[i+1])
	}
	return out
}

// resultSources lists the sources of ingest's JSON results, in order.
func resultSources(t *testing.T, stdout string) []string {
	t.Helper()
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if line == "" {
			continue
		}
		var r struct {
			Source string `json:"source"`
			Stored bool   `json:"stored"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("result line %q: %v", line, err)
		}
		out = append(out, r.Source)
	}
	return out
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestSourceKinds(t *testing.T) {
	paras := seedParagraphs(t)
	art := func(i int) string { return syntheticArticle(paras, 1000+i, 1500) }
	html := func(i int) string {
		return "<html><head><title>Page</title></head><body><h1>Report</h1><p>" +
			strings.ReplaceAll(art(i), "\n\n", "</p><p>") + "</p></body></html>"
	}
	members := map[string]string{"a/one.txt": art(1), "b/two.md": "# Two\n\n" + art(2), "b/c/three.html": html(3),
		"notes.json": `{"not": "an article"}`}
	jsonLine := func(rec map[string]any) string {
		b, _ := json.Marshal(rec)
		return string(b)
	}
	cases := []struct {
		name string
		// make writes the source into dir and returns the arguments and standard input.
		make        func(t *testing.T, dir string) (args []string, stdin string)
		wantCode    int
		want        [4]int   // items, stored, duplicates, failed
		wantSources []string // the results' sources, suffixes of them, in order
		wantErrs    []string // lines on stderr, suffixes after "dateline: "
	}{
		{"directory", func(t *testing.T, dir string) ([]string, string) {
			for name, text := range members {
				writeFile(t, filepath.Join(dir, "in", name), text)
			}
			return []string{filepath.Join(dir, "in")}, ""
		}, 0, [4]int{3, 3, 0, 0}, []string{"in/a/one.txt", "in/b/c/three.html", "in/b/two.md"}, nil},
		{"zip", func(t *testing.T, dir string) ([]string, string) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, name := range []string{"b/two.md", "a/one.txt", "notes.json", "b/c/three.html"} {
				w, _ := zw.Create(name)
				w.Write([]byte(members[name]))
			}
			zw.Close()
			writeFile(t, filepath.Join(dir, "in.zip"), buf.String())
			return []string{filepath.Join(dir, "in.zip")}, ""
		}, 0, [4]int{3, 3, 0, 0}, []string{"in.zip!a/one.txt", "in.zip!b/c/three.html", "in.zip!b/two.md"}, nil},
		{"tar.gz", func(t *testing.T, dir string) ([]string, string) {
			var buf bytes.Buffer
			gz := gzip.NewWriter(&buf)
			tw := tar.NewWriter(gz)
			for _, name := range []string{"a/one.txt", "b/two.md", "notes.json", "b/c/three.html"} {
				tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(members[name])), Typeflag: tar.TypeReg})
				tw.Write([]byte(members[name]))
			}
			tw.Close()
			gz.Close()
			writeFile(t, filepath.Join(dir, "in.tgz"), buf.String())
			return []string{filepath.Join(dir, "in.tgz")}, ""
		}, 0, [4]int{3, 3, 0, 0}, []string{"in.tgz!a/one.txt", "in.tgz!b/two.md", "in.tgz!b/c/three.html"}, nil},
		{"jsonl with a bad line", func(t *testing.T, dir string) ([]string, string) {
			lines := []string{
				jsonLine(map[string]any{"id": "j1", "url": "https://example.org/1", "title": "One", "outlet": "Trend", "text": art(1)}),
				jsonLine(map[string]any{"id": 2, "published": "2023-02-01", "html": html(2)}),
				`{"id": "j3", "text": "unterminated`,
				"",
				jsonLine(map[string]any{"id": "j4", "text": art(4)}),
				jsonLine(map[string]any{"id": "j5", "url": "https://EXAMPLE.org/1/?utm_source=feed", "text": art(5)}),
			}
			writeFile(t, filepath.Join(dir, "export.jsonl"), strings.Join(lines, "\n")+"\n")
			return []string{filepath.Join(dir, "export.jsonl")}, ""
		}, 1, [4]int{5, 3, 1, 1}, []string{"export.jsonl:1", "export.jsonl:2", "export.jsonl:5", "export.jsonl:6"},
			[]string{"export.jsonl:3: news: not a JSON object: unexpected EOF"}},
		{"csv", func(t *testing.T, dir string) ([]string, string) {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.Write([]string{"ID", "url", "title", "published", "outlet", "language", "text", "html"})
			w.Write([]string{"c1", "https://example.org/c1", "One", "2023-03-01", "APA", "en", art(1), ""})
			w.Write([]string{"c2", "", "Two", "", "", "", "", html(2)})
			w.Write([]string{"c3", "", "", "", "", "", "", ""})
			w.Flush()
			writeFile(t, filepath.Join(dir, "export.csv"), buf.String())
			return []string{filepath.Join(dir, "export.csv")}, ""
		}, 1, [4]int{3, 2, 0, 1}, []string{"export.csv:2", "export.csv:18"}, []string{"export.csv:20: news: the record has no text or html"}},
		{"jsonl on standard input", func(t *testing.T, dir string) ([]string, string) {
			return []string{"-"}, "\n" + jsonLine(map[string]any{"id": "s1", "text": art(1)}) + "\n" + jsonLine(map[string]any{"id": "s2", "text": art(2)})
		}, 0, [4]int{2, 2, 0, 0}, []string{"-:2", "-:3"}, nil},
		{"text on standard input", func(t *testing.T, dir string) ([]string, string) {
			return []string{"-"}, art(1)
		}, 0, [4]int{1, 1, 0, 0}, []string{"-"}, nil},
		{"a missing file and a URL do not stop the others", func(t *testing.T, dir string) ([]string, string) {
			writeFile(t, filepath.Join(dir, "ok.txt"), art(1))
			// Without DATELINE_ALLOW_PRIVATE_HOSTS a loopback page is refused
			// before any connection is made.
			return []string{filepath.Join(dir, "missing.txt"), "http://127.0.0.1:9/page", filepath.Join(dir, "ok.txt")}, ""
		}, 1, [4]int{3, 1, 0, 2}, []string{"ok.txt"},
			[]string{"missing.txt: no such file or directory", "http://127.0.0.1:9/page: fetch http://127.0.0.1:9/page: refused: loopback address 127.0.0.1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := seededDB(t)
			args, stdin := tc.make(t, t.TempDir())
			r := runCLIWith(t, stdin, append(append([]string{"ingest"}, args...), "--db", db, "--jobs", "3")...)
			if r.code != tc.wantCode {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tc.wantCode, r.stderr)
			}
			if got := summary(t, r.stderr); got != tc.want {
				t.Errorf("summary %v, want %v (items, stored, duplicates, failed)", got, tc.want)
			}
			got := resultSources(t, r.stdout)
			if len(got) != len(tc.wantSources) {
				t.Fatalf("results from %v, want %v", got, tc.wantSources)
			}
			for i := range got {
				if !strings.HasSuffix(filepath.ToSlash(got[i]), tc.wantSources[i]) {
					t.Errorf("result %d from %s, want %s", i, got[i], tc.wantSources[i])
				}
			}
			var errs []string
			for _, line := range strings.Split(r.stderr, "\n") {
				if strings.HasPrefix(line, "dateline: ") && !strings.Contains(line, "no place names") {
					errs = append(errs, line)
				}
			}
			if len(errs) != len(tc.wantErrs) {
				t.Fatalf("error lines %q, want %d", errs, len(tc.wantErrs))
			}
			for i, e := range errs {
				if !strings.HasSuffix(filepath.ToSlash(e), tc.wantErrs[i]) {
					t.Errorf("error line %q, want one ending %q", e, tc.wantErrs[i])
				}
			}
			if docs := countNews(t, db)[0]; docs != 5+tc.want[1] {
				t.Errorf("%d documents stored, want the 5 seed articles and %d", docs, tc.want[1])
			}
		})
	}
}

func TestIngestUsage(t *testing.T) {
	db := seededDB(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no sources", []string{"ingest", "--db", db}},
		{"no workers", []string{"ingest", "--jobs", "0", "--db", db, "x.txt"}},
		{"unknown flag", []string{"ingest", "--speed", "--db", db, "x.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := runCLI(t, tc.args...); r.code != 2 {
				t.Fatalf("exit %d, want 2 (usage); stderr %q", r.code, r.stderr)
			}
		})
	}
}

// TestBulkIngestLeavesAGeoPackageGDALReads ingests an export in batches
// (the bulk writer fills the R-trees itself, with the insert triggers
// dropped for each batch) and checks the file as GDAL sees it: every
// mention and event layer row counted, and a spatial filter, which GDAL
// answers from the R-tree, finding exactly the events inside the box.
func TestBulkIngestLeavesAGeoPackageGDALReads(t *testing.T) {
	db := seededDB(t)
	export := filepath.Join(t.TempDir(), "export.jsonl")
	writeJSONL(t, export, 30, 2000)
	if r := runCLI(t, "ingest", "--db", db, "--json=false", "--batch", "7", export); r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	sqlDB, err := gpkg.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := sqlDB.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	var integrity string
	if err := sqlDB.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check %q, %v", integrity, err)
	}
	for _, q := range []string{
		`SELECT count(*) FROM mentions WHERE geom IS NOT NULL AND fid NOT IN (SELECT id FROM rtree_mentions_geom)`,
		`SELECT count(*) FROM events WHERE geom IS NOT NULL AND fid NOT IN (SELECT id FROM rtree_events_geom)`,
		`SELECT count(*) FROM events WHERE event_date IS NOT NULL AND fid NOT IN (SELECT id FROM rtree_events_when)`,
		`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN
			('rtree_mentions_geom_insert', 'rtree_events_geom_insert', 'events_when_insert')`,
	} {
		want := 0
		if strings.Contains(q, "sqlite_master") {
			want = 3
		}
		if n := count(q); n != want {
			t.Errorf("%s: %d, want %d", q, n, want)
		}
	}
	feature := regexp.MustCompile(`Feature Count: (\d+)`)
	for _, layer := range []string{"mentions", "events"} {
		out := ogrinfo(t, db, layer, "-so")
		m := feature.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("ogrinfo gives no feature count of %s:\n%s", layer, out)
		}
		if n, want := atoi(m[1]), count(`SELECT count(*) FROM `+layer); n != want || want == 0 {
			t.Errorf("ogrinfo counts %d %s, the table holds %d", n, layer, want)
		}
	}
	// The box around Stepanakert and the Lachin corridor, not the whole region.
	out := ogrinfo(t, db, "events", "-so", "-spat", "46.3", "39.5", "46.8", "39.9")
	m := feature.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("ogrinfo gives no feature count:\n%s", out)
	}
	inside := count(`SELECT count(*) FROM events WHERE geom IS NOT NULL AND
		ST_MinX(geom) BETWEEN 46.3 AND 46.8 AND ST_MinY(geom) BETWEEN 39.5 AND 39.9`)
	if n := atoi(m[1]); n != inside || inside == 0 || inside == count(`SELECT count(*) FROM events WHERE geom IS NOT NULL`) {
		t.Errorf("GDAL finds %d events in the box, SQL %d of %d", n, inside, count(`SELECT count(*) FROM events WHERE geom IS NOT NULL`))
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
