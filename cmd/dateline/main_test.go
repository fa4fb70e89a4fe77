package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dateline/geo/gpkg"
)

// seededTemplate is a database seeded once per test binary (world background
// plus curated gazetteer); tests copy it so each gets its own file.
var seededTemplate struct {
	once sync.Once
	path string
	err  error
}

// seededDB returns the path of a fresh copy of a seeded database.
func seededDB(t *testing.T) string {
	t.Helper()
	seededTemplate.once.Do(func() {
		dir, err := os.MkdirTemp("", "dateline-seeded-")
		if err != nil {
			seededTemplate.err = err
			return
		}
		path := filepath.Join(dir, "seeded.gpkg")
		var stderr bytes.Buffer
		if err := run(context.Background(), []string{"gazetteer", "search", "Stepanakert", "--db", path},
			noEnv, strings.NewReader(""), io.Discard, &stderr); err != nil {
			seededTemplate.err = err
			return
		}
		seededTemplate.path = path
	})
	if seededTemplate.err != nil {
		t.Fatalf("seeding a database: %v", seededTemplate.err)
	}
	b, err := os.ReadFile(seededTemplate.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dateline.gpkg")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func noEnv(string) string { return "" }

// loopbackEnv lets the web client reach the tests' own servers on 127.0.0.1.
func loopbackEnv(k string) string {
	if k == allowPrivateEnv {
		return "1"
	}
	return ""
}

// runCLIEnv is runCLI with an environment.
func runCLIEnv(t *testing.T, getenv func(string) string, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, getenv, strings.NewReader(stdin), &stdout, &stderr)
	code := exitCode(err, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the program as main does and returns exit status and output.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, noEnv, strings.NewReader(""), &stdout, &stderr)
	code := exitCode(err, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

func TestGazetteerSearchFindsEveryNaming(t *testing.T) {
	db := seededDB(t)
	cases := []struct {
		name      string
		query     string
		wantID    string
		wantNames []string
	}{
		{"azerbaijani name", "Khankendi", "stepanakert", []string{"Stepanakert", "Khankendi", "Xankəndi", "Степанакерт", "Ստեփանակերտ"}},
		{"folded azerbaijani spelling", "xankendi", "stepanakert", []string{"Stepanakert", "Xankəndi"}},
		{"armenian name of Khojaly", "Ivanyan", "khojaly", []string{"Khojaly", "Ivanyan", "Xocalı"}},
		{"case and diacritics ignored", "ŞUŞA", "shusha", []string{"Shusha", "Shushi", "Şuşa"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "gazetteer", "search", tc.query, "--db", db)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr: %s", r.code, r.stderr)
			}
			first := strings.SplitN(r.stdout, "\n\n", 2)[0]
			if !strings.HasPrefix(first, tc.wantID+" ") {
				t.Fatalf("first hit is not %s:\n%s", tc.wantID, r.stdout)
			}
			for _, n := range tc.wantNames {
				if !strings.Contains(first, n) {
					t.Errorf("names of %s lack %q:\n%s", tc.wantID, n, first)
				}
			}
		})
	}
}

func TestGazetteerSearchUnknownName(t *testing.T) {
	db := seededDB(t)
	r := runCLI(t, "gazetteer", "search", "Qwxzyville", "--db", db)
	if r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, "Qwxzyville") {
		t.Fatalf("want exit 1 and one line naming the query, got %d %q", r.code, r.stderr)
	}
}

func TestSeededDatabaseIsAGeoPackageGDALReads(t *testing.T) {
	db := seededDB(t)
	sqlDB, err := gpkg.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var appID, userVersion, places, curated, countries int
	var integrity string
	q := func(query string, dest any) {
		t.Helper()
		if err := sqlDB.QueryRow(query).Scan(dest); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	q(`PRAGMA application_id`, &appID)
	q(`PRAGMA user_version`, &userVersion)
	q(`PRAGMA integrity_check`, &integrity)
	q(`SELECT count(*) FROM places`, &places)
	q(`SELECT count(*) FROM places WHERE origin = 'curated'`, &curated)
	q(`SELECT count(*) FROM places WHERE kind = 'country'`, &countries)
	sqlDB.Close()
	if appID != 0x47504B47 || userVersion != 10300 || integrity != "ok" {
		t.Fatalf("application_id %#x, user_version %d, integrity %q", appID, userVersion, integrity)
	}
	if curated < 150 {
		t.Errorf("curated gazetteer has %d entries, want at least 150", curated)
	}
	if countries < 200 || places < 130000 {
		t.Errorf("world background not loaded: %d countries, %d places", countries, places)
	}

	out := ogrinfo(t, db, "places", "-so")
	if !strings.Contains(out, "Layer name: places") {
		t.Fatalf("ogrinfo does not list the places layer:\n%s", out)
	}
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("ogrinfo gives no feature count:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n != places {
		t.Errorf("ogrinfo counts %d features, the table holds %d", n, places)
	}
	if !strings.Contains(out, "Extent: (") {
		t.Errorf("ogrinfo shows no extent:\n%s", out)
	}
}

// ogrinfo runs GDAL's ogrinfo and fails the test when GDAL is missing or complains.
func ogrinfo(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatalf("ogrinfo not found: install gdal-bin (apt-get install gdal-bin)")
	}
	cmd := exec.Command(path, append([]string{"-ro"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\n%s", args, err, out)
	}
	if bytes.Contains(out, []byte("ERROR")) || bytes.Contains(out, []byte("Warning")) {
		t.Fatalf("ogrinfo complained:\n%s", out)
	}
	return string(out)
}

func TestImportBrokenFileStoresNothing(t *testing.T) {
	const good = `{"type":"Feature","id":"test-village","geometry":{"type":"Point","coordinates":[46.5,39.6]},
		"properties":{"name":"Test Village","kind":"settlement","precision_km":1,"source":"test",
		"names":[{"text":"Test Village","lang":"en","script":"Latn","usage":"international"}]}}`
	cases := []struct {
		name    string
		feature string
		want    []string // words the one-line error must contain
	}{
		{"malformed feature", `{"type":"Feature","id":"broken","geometry":{"type":"Point","coordinates":[46.5]},"properties":{}}`,
			[]string{"feature 1", "geometry"}},
		{"unknown kind", strings.Replace(good, `"settlement"`, `"village"`, 1),
			[]string{"feature 1", "kind", "village"}},
		{"latitude out of range", strings.Replace(good, `[46.5,39.6]`, `[46.5,123]`, 1),
			[]string{"feature 1", "geometry", "123"}},
		{"duplicate id", good, []string{"feature 1", "duplicate id"}},
		{"unknown parent", strings.Replace(good, `"kind"`, `"parent":"nowhere-land","kind"`, 1),
			[]string{"parent", "nowhere-land"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := seededDB(t)
			before := countRows(t, db)
			file := filepath.Join(t.TempDir(), "broken.geojson")
			first, second := strings.Replace(good, `"test-village"`, `"test-first"`, 1), tc.feature
			if tc.name == "unknown parent" {
				first, second = good, strings.Replace(tc.feature, `"test-village"`, `"test-second"`, 1)
			}
			if tc.name == "duplicate id" {
				first = good
			}
			body := `{"type":"FeatureCollection","features":[` + first + `,` + second + `]}`
			if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, "gazetteer", "import", file, "--db", db)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
			}
			line := strings.TrimSpace(r.stderr)
			if strings.Contains(line, "\n") {
				t.Fatalf("error is not one line: %q", line)
			}
			for _, w := range append(tc.want, "broken.geojson") {
				if !strings.Contains(line, w) {
					t.Errorf("error %q does not mention %q", line, w)
				}
			}
			if after := countRows(t, db); after != before {
				t.Fatalf("a failed import changed the database: %v -> %v", before, after)
			}
		})
	}
}

func TestImportAndExportRoundTrip(t *testing.T) {
	db := seededDB(t)
	file := filepath.Join(t.TempDir(), "new.geojson")
	body := `{"type":"FeatureCollection","features":[{"type":"Feature","id":"test-hamlet",
		"geometry":{"type":"Point","coordinates":[46.51,39.61]},
		"properties":{"name":"Test Hamlet","kind":"settlement","parent":"lachin-district","precision_km":1,"source":"test",
		"names":[{"text":"Test Hamlet","lang":"en","script":"Latn","usage":"international"},
		         {"text":"Тест","lang":"ru","script":"Cyrl","usage":"russian"}]}}]}`
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "gazetteer", "import", file, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "1 created") {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, "gazetteer", "import", file, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "1 unchanged") {
		t.Fatalf("re-import should change nothing: %q %q", r.stdout, r.stderr)
	}
	out := filepath.Join(t.TempDir(), "export.geojson")
	r = runCLI(t, "gazetteer", "export", "-o", out, "--db", db)
	if r.code != 0 {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	exported, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"test-hamlet"`, `"Тест"`, `"stepanakert"`, `"Xankəndi"`} {
		if !bytes.Contains(exported, []byte(want)) {
			t.Errorf("export lacks %s", want)
		}
	}
}

func TestUsageErrorsExitWithStatus2(t *testing.T) {
	cases := [][]string{
		{},
		{"frobnicate"},
		{"gazetteer"},
		{"gazetteer", "search"},
		{"gazetteer", "import", "--no-such-flag"},
		{"serve", "--addr"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			r := runCLI(t, append(args, "--db", filepath.Join(t.TempDir(), "x.gpkg"))...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", r.code, r.stderr)
			}
			last := strings.TrimSpace(r.stderr)
			if i := strings.LastIndex(last, "\n"); i >= 0 {
				last = last[i+1:]
			}
			if !strings.HasPrefix(last, "dateline: ") {
				t.Errorf("last stderr line %q is not a dateline error", last)
			}
		})
	}
}

// countRows returns the row counts of the gazetteer tables.
func countRows(t *testing.T, path string) [3]int {
	t.Helper()
	db, err := sql.Open(gpkg.DriverName(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var c [3]int
	for i, table := range []string{"places", "place_names", "place_history"} {
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}
