package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
	"dateline/news"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixturePlaces is a small regional gazetteer. Point coordinates are those
// of the curated gazetteer (seeds/gazetteer, see its SOURCES.md); the region
// outline and the road lines are simplified by hand, the region's ring is
// stored clockwise on purpose (the API must rewind it), and one village has
// no known location.
func fixturePlaces() []*gazetteer.Place {
	name := func(text, lang, script string, usage gazetteer.Usage) gazetteer.Name {
		return gazetteer.Name{Text: text, Lang: lang, Script: script, Usage: usage}
	}
	en := func(text string, usage gazetteer.Usage) gazetteer.Name { return name(text, "en", "Latn", usage) }
	place := func(id, display string, kind gazetteer.Kind, g orb.Geometry, names ...gazetteer.Name) *gazetteer.Place {
		return &gazetteer.Place{ID: id, Name: display, Kind: kind, Geometry: g, Country: "AZ", PrecisionKm: 1,
			Source: "test fixture", Origin: gazetteer.OriginCurated, Names: names}
	}
	nk := place("nagorno-karabakh", "Nagorno-Karabakh", gazetteer.KindRegion,
		orb.Polygon{{{46.45, 39.45}, {46.5, 40.2}, {47.0, 40.3}, {47.3, 39.9}, {47.2, 39.45}, {46.45, 39.45}}},
		en("Nagorno-Karabakh", gazetteer.UsageInternational), en("Artsakh", gazetteer.UsageArmenian),
		name("Dağlıq Qarabağ", "az", "Latn", gazetteer.UsageAzerbaijani), name("Нагорный Карабах", "ru", "Cyrl", gazetteer.UsageRussian))
	nk.PrecisionKm = 10
	stepanakert := place("stepanakert", "Stepanakert", gazetteer.KindCity, orb.Point{46.7528, 39.8177},
		en("Stepanakert", gazetteer.UsageInternational), en("Khankendi", gazetteer.UsageAzerbaijani),
		name("Xankəndi", "az", "Latn", gazetteer.UsageAzerbaijani), name("Ստեփանակերտ", "hy", "Armn", gazetteer.UsageArmenian),
		name("Степанакерт", "ru", "Cyrl", gazetteer.UsageRussian))
	stepanakert.Parent, stepanakert.Population, stepanakert.Wikidata = "nagorno-karabakh", 55200, "Q185480"
	unlocated := place("unlocated-village", "Unlocated Village", gazetteer.KindSettlement, nil, en("Unlocated Village", gazetteer.UsageVariant))
	unlocated.Notes = "kept to show a feature with a null geometry"
	return []*gazetteer.Place{
		nk,
		stepanakert,
		place("shusha", "Shusha", gazetteer.KindCity, orb.Point{46.74989, 39.76006},
			en("Shusha", gazetteer.UsageInternational), en("Shushi", gazetteer.UsageArmenian), name("Şuşa", "az", "Latn", gazetteer.UsageAzerbaijani)),
		place("khojaly", "Khojaly", gazetteer.KindSettlement, orb.Point{46.78917, 39.91111},
			en("Khojaly", gazetteer.UsageInternational), en("Ivanyan", gazetteer.UsageArmenian)),
		place("lachin", "Lachin", gazetteer.KindSettlement, orb.Point{46.54694, 39.64083},
			en("Lachin", gazetteer.UsageInternational), en("Berdzor", gazetteer.UsageArmenian)),
		place("hakari-bridge", "Hakari bridge", gazetteer.KindBridge, orb.Point{46.553, 39.552},
			en("Hakari bridge", gazetteer.UsageInternational), en("Khakari bridge", gazetteer.UsageAzerbaijani)),
		place("lachin-checkpoint", "Lachin checkpoint", gazetteer.KindCheckpoint, orb.Point{46.553, 39.552},
			en("Lachin checkpoint", gazetteer.UsageAzerbaijani), en("Hakari bridge checkpoint", gazetteer.UsageInternational)),
		place("kornidzor-checkpoint", "Kornidzor checkpoint", gazetteer.KindCheckpoint, orb.Point{46.53111, 39.54806},
			en("Kornidzor checkpoint", gazetteer.UsageInternational), name("Կոռնիձորի անցակետ", "hy", "Armn", gazetteer.UsageArmenian)),
		place("margara-crossing", "Margara crossing", gazetteer.KindBorderCrossing, orb.Point{44.18048, 40.03332},
			en("Margara crossing", gazetteer.UsageInternational)),
		place("agarak-crossing", "Agarak-Norduz crossing", gazetteer.KindBorderCrossing, orb.Point{46.19463, 38.86506},
			en("Agarak-Norduz crossing", gazetteer.UsageInternational)),
		place("lachin-corridor", "Lachin corridor", gazetteer.KindCorridor,
			orb.LineString{{46.34, 39.51}, {46.53111, 39.54806}, {46.54694, 39.64083}, {46.74989, 39.76006}, {46.7528, 39.8177}},
			en("Lachin corridor", gazetteer.UsageInternational), en("Berdzor corridor", gazetteer.UsageArmenian)),
		place("aghdam-khankendi-road", "Aghdam-Khankendi road", gazetteer.KindRoad,
			orb.LineString{{46.93, 39.99}, {46.83, 39.94}, {46.7528, 39.8177}},
			en("Aghdam-Khankendi road", gazetteer.UsageAzerbaijani), en("Askeran-Stepanakert road", gazetteer.UsageArmenian)),
		unlocated,
	}
}

// testEnv is a server on a seeded database in a temporary folder.
type testEnv struct {
	srv   *Server
	h     http.Handler
	store *gazetteer.Store
	db    interface{ Close() error }
	// news and live are the news store and the geoparser (nil in the
	// admin tests' gazetteer-only servers).
	news *news.Store
	live *gazetteer.Live
}

// newTestEnv seeds a new database with fixturePlaces (plus a place that is
// deleted again, which must never show) and builds the server on it.
func newTestEnv(tb testing.TB, extra ...*gazetteer.Place) *testEnv {
	tb.Helper()
	ctx := context.Background()
	db, err := gpkg.Open(filepath.Join(tb.TempDir(), "test.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	store, err := gazetteer.NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := store.Import(ctx, "fixture", append(fixturePlaces(), extra...), "test"); err != nil {
		tb.Fatal(err)
	}
	gone := &gazetteer.Place{ID: "gone-checkpoint", Name: "Gone checkpoint", Kind: gazetteer.KindCheckpoint,
		Geometry: orb.Point{46.55, 39.55}, Origin: gazetteer.OriginUser,
		Names: []gazetteer.Name{{Text: "Gone checkpoint", Lang: "en", Usage: gazetteer.UsageVariant}}}
	if err := store.Create(ctx, gone, "test"); err != nil {
		tb.Fatal(err)
	}
	if err := store.Delete(ctx, gone.ID, gone.Version, "test"); err != nil {
		tb.Fatal(err)
	}
	docs, err := news.NewStore(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	live, err := gazetteer.NewLive(ctx, store)
	if err != nil {
		tb.Fatal(err)
	}
	return startEnv(tb, db, store, docs, live)
}

// startEnv builds the server on the stores, with a stand-in map page.
func startEnv(tb testing.TB, db interface{ Close() error }, places *gazetteer.Store, docs *news.Store, live *gazetteer.Live) *testEnv {
	tb.Helper()
	static := fstest.MapFS{"index.html": {Data: []byte("<!DOCTYPE html><title>Dateline map</title>")}}
	srv, err := New(context.Background(), Config{}, Deps{Places: places, News: docs, Geoparser: live, Static: static})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	return &testEnv{srv: srv, h: srv.Handler(), store: places, db: db, news: docs, live: live}
}

// get sends a request through the real router; headers come in name, value pairs.
func (e *testEnv) get(tb testing.TB, target string, headers ...string) *httptest.ResponseRecorder {
	tb.Helper()
	return e.do(tb, http.MethodGet, target, headers...)
}

func (e *testEnv) do(tb testing.TB, method, target string, headers ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// decode parses a JSON response body, failing on a status other than want.
func decode[T any](tb testing.TB, rec *httptest.ResponseRecorder, want int) T {
	tb.Helper()
	var v T
	if rec.Code != want {
		tb.Fatalf("status %d, want %d; body: %s", rec.Code, want, rec.Body.String())
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		tb.Fatalf("decode %T: %v; body: %s", v, err, rec.Body.String())
	}
	return v
}

// findLink returns the first link with this rel (and type, when given).
func findLink(links []link, rel, typ string) (link, bool) {
	for _, l := range links {
		if l.Rel == rel && (typ == "" || l.Type == typ) {
			return l, true
		}
	}
	return link{}, false
}

// changeTimeRe matches the members that hold when the test data was written.
var changeTimeRe = regexp.MustCompile(`"(timeStamp|updated)": "[^"]*"`)

// checkGolden compares a JSON body, indented and with its times blanked, to testdata/<name>.golden.json, or rewrites the file with -update.
func checkGolden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	got := changeTimeRe.ReplaceAll(buf.Bytes(), []byte(`"$1": "(when the test data was written)"`))
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test -update after checking the change):\n%s", name, path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where two texts part.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)) && len(out) < 20; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, "- "+a, "+ "+b)
		}
	}
	return strings.Join(out, "\n")
}

// checkGeoJSON fails the test unless every body passes @placemarkio/check-geojson.
func checkGeoJSON(t *testing.T, bodies map[string][]byte) {
	t.Helper()
	if out, err := runCheckGeoJSON(t, bodies); err != nil {
		t.Fatalf("check-geojson: %v\n%s", err, out)
	}
}

// runCheckGeoJSON runs @placemarkio/check-geojson (through
// testdata/check-geojson.mjs) over GeoJSON bodies. A missing node fails the
// test, and a missing package fails the script: CI installs both.
func runCheckGeoJSON(t *testing.T, bodies map[string][]byte) ([]byte, error) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is needed to check GeoJSON (apt-get install nodejs; npm ci): ", err)
	}
	dir := t.TempDir()
	args := []string{filepath.Join("testdata", "check-geojson.mjs")}
	for name, b := range bodies {
		path := filepath.Join(dir, strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "_").Replace(name)+".geojson")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	return exec.Command(node, args...).CombinedOutput()
}

// readAll reads a response body and closes it.
func readAll(tb testing.TB, r io.ReadCloser) []byte {
	tb.Helper()
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
