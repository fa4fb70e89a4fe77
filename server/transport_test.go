package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"

	"dateline/gazetteer"
)

// TestHEAD sends HEAD over a real connection, where net/http drops any
// body: the headers must be those of GET.
func TestHEAD(t *testing.T) {
	env := newTestEnv(t)
	ts := httptest.NewServer(env.h)
	defer ts.Close()
	for _, path := range []string{"/collections/places/items?limit=3", "/collections/places/items/shusha", "/collections",
		"/download/routes.geojson", "/download/dateline.gpkg"} {
		t.Run(path, func(t *testing.T) {
			// The same Accept-Encoding for both: Go's client asks for gzip
			// on its own for GET only.
			send := func(method string) *http.Response {
				req, err := http.NewRequest(method, ts.URL+path, nil)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set(echo.HeaderAcceptEncoding, "gzip")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				return resp
			}
			get := send(http.MethodGet)
			readAll(t, get.Body)
			head := send(http.MethodHead)
			body := readAll(t, head.Body)
			if head.StatusCode != http.StatusOK || len(body) != 0 {
				t.Errorf("HEAD: %d with %d bytes", head.StatusCode, len(body))
			}
			for _, h := range []string{echo.HeaderContentType, echo.HeaderContentEncoding, headerETag, echo.HeaderLastModified, echo.HeaderContentDisposition} {
				if head.Header.Get(h) != get.Header.Get(h) {
					t.Errorf("%s: HEAD %q, GET %q", h, head.Header.Get(h), get.Header.Get(h))
				}
			}
		})
	}
	head, err := http.Head(ts.URL + "/collections/nowhere")
	if err != nil {
		t.Fatal(err)
	}
	if head.StatusCode != http.StatusNotFound {
		t.Errorf("HEAD of an unknown collection: %d", head.StatusCode)
	}
}

func TestGzip(t *testing.T) {
	env := newTestEnv(t)
	plain := env.get(t, "/collections/places/items")
	zipped := env.get(t, "/collections/places/items", echo.HeaderAcceptEncoding, "gzip, deflate, br")
	if zipped.Header().Get(echo.HeaderContentEncoding) != "gzip" || !slices.Contains(zipped.Header().Values(headerVary), echo.HeaderAcceptEncoding) {
		t.Fatalf("Content-Encoding %q, Vary %q", zipped.Header().Get(echo.HeaderContentEncoding), zipped.Header().Values(headerVary))
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, zr)
	if string(body) != plain.Body.String() {
		t.Error("the gzip body does not unpack to the plain one")
	}
	if zipped.Body.Len() >= len(body) {
		t.Errorf("gzip gave %d bytes for %d", zipped.Body.Len(), len(body))
	}
	// The compressed body is other bytes, so it has its own strong tag, and
	// that tag answers a conditional request for the compressed form.
	tz, tp := zipped.Header().Get(headerETag), plain.Header().Get(headerETag)
	if tz == tp || !strings.HasSuffix(tz, `-gzip"`) {
		t.Errorf("tags: plain %s, gzip %s", tp, tz)
	}
	if rec := env.get(t, "/collections/places/items", echo.HeaderAcceptEncoding, "gzip", headerIfNoneMatch, tz); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the gzip tag: %d", rec.Code)
	}
	if rec := env.get(t, "/collections/places/items", headerIfNoneMatch, tz); rec.Code != http.StatusOK {
		t.Errorf("If-None-Match with the gzip tag, asking for a plain body: %d", rec.Code)
	}
}

func TestDownloadGeoJSON(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct {
		target, file string
		want         int
	}{
		{"/download/places.geojson", "places.geojson", 13},
		{"/download/checkpoints.geojson", "checkpoints.geojson", 5},
		{"/download/checkpoints.geojson?kind=bridge", "checkpoints.geojson", 1},
		{"/download/places.geojson?bbox=46.5,39.5,46.6,39.6&q=lachin", "places.geojson", 2},
		{"/download/routes.geojson", "routes.geojson", 2},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := env.get(t, tc.target)
			_, params, err := mime.ParseMediaType(rec.Header().Get(echo.HeaderContentDisposition))
			if err != nil || !strings.HasPrefix(rec.Header().Get(echo.HeaderContentDisposition), "attachment") || params["filename"] != tc.file {
				t.Errorf("Content-Disposition %q", rec.Header().Get(echo.HeaderContentDisposition))
			}
			if ct := rec.Header().Get(echo.HeaderContentType); ct != mimeGeoJSON {
				t.Errorf("Content-Type %q", ct)
			}
			fc := decode[itemsResp](t, rec, http.StatusOK)
			if fc.Type != "FeatureCollection" || len(fc.Features) != tc.want || fc.NumberMatched != tc.want || fc.NumberReturned != tc.want {
				t.Errorf("%d features (matched %d, returned %d), want %d", len(fc.Features), fc.NumberMatched, fc.NumberReturned, tc.want)
			}
		})
	}
}

// needTool returns the path of a command-line tool the test cannot do
// without; a missing tool fails the test (CI installs gdal-bin).
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is needed (apt-get install gdal-bin): %v", name, err)
	}
	return path
}

// run runs a tool and returns its standard output, failing the test on error.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(needTool(t, name), args...)
	cmd.Env = append(os.Environ(), "GDAL_HTTP_TIMEOUT=60", "CPL_DEBUG=OFF")
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s\n%s", name, strings.Join(args, " "), err, out, stderr)
	}
	return string(out)
}

// featureCounts reads "layer: N" from ogrinfo -so -al output.
func featureCounts(t *testing.T, ogrinfo string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	var layer string
	for _, line := range strings.Split(ogrinfo, "\n") {
		if name, ok := strings.CutPrefix(line, "Layer name: "); ok {
			layer = strings.TrimSpace(name)
		}
		if n, ok := strings.CutPrefix(line, "Feature Count: "); ok {
			c, err := strconv.Atoi(strings.TrimSpace(n))
			if err != nil {
				t.Fatalf("ogrinfo: %q", line)
			}
			counts[layer] = c
		}
	}
	return counts
}

func TestDownloadGeoPackage(t *testing.T) {
	env := newTestEnv(t)
	rec := env.get(t, "/download/dateline.gpkg")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get(echo.HeaderContentType); ct != mimeGPKG {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := rec.Header().Get(echo.HeaderContentDisposition); cd != `attachment; filename=dateline.gpkg` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(rec.Body.String(), "SQLite format 3\x00") {
		t.Fatal("the download is not an SQLite file")
	}
	path := filepath.Join(t.TempDir(), "dateline.gpkg")
	if err := os.WriteFile(path, rec.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	counts := featureCounts(t, run(t, "ogrinfo", "-ro", "-so", "-al", path))
	want := map[string]int{"places": 13, "checkpoints": 5, "routes": 2, "events": 0}
	for layer, n := range want {
		if counts[layer] != n {
			t.Errorf("layer %s: %d features, want %d (ogrinfo saw %v)", layer, counts[layer], n, counts)
		}
	}
	if len(counts) != len(want) {
		t.Errorf("layers %v, want %v", counts, want)
	}
	// The attributes survive: one place read back through GDAL.
	out := run(t, "ogrinfo", "-ro", "-q", path, "-sql", "SELECT name, kind, names, geom FROM places WHERE id = 'stepanakert'")
	if !strings.Contains(out, "Stepanakert") || !strings.Contains(out, "Ստեփանակերտ") || !strings.Contains(out, "POINT (46.7528 39.8177)") {
		t.Errorf("stepanakert in the GeoPackage:\n%s", out)
	}
}

// TestGDALReadsTheAPI runs GDAL's OGC API – Features driver against the
// server on a real port: ogrinfo lists every collection, and ogr2ogr fetches
// a whole collection two features a page by following next links.
func TestGDALReadsTheAPI(t *testing.T) {
	env := newTestEnv(t)
	ts := httptest.NewServer(env.h)
	defer ts.Close()
	url := "OAPIF:" + ts.URL + "/"

	out := run(t, "ogrinfo", "-ro", "-so", url)
	for _, col := range env.srv.collections {
		if !regexp.MustCompile(`(?m)^\d+: ` + col.ID + `\b`).MatchString(out) {
			t.Errorf("ogrinfo does not list %s:\n%s", col.ID, out)
		}
	}

	for _, col := range []string{"checkpoints", "places"} {
		var api itemsResp
		resp, err := http.Get(ts.URL + "/collections/" + col + "/items?limit=1")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(readAll(t, resp.Body), &api); err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(t.TempDir(), "out.gpkg")
		run(t, "ogr2ogr", "-f", "GPKG", dst, url, col, "-oo", "PAGE_SIZE=2")
		got := featureCounts(t, run(t, "ogrinfo", "-ro", "-so", "-al", dst))
		if got[col] != api.NumberMatched || api.NumberMatched == 0 {
			t.Errorf("ogr2ogr copied %d features of %s, the API matches %d", got[col], col, api.NumberMatched)
		}
	}
}

func TestGeoPackageDownloadIsRebuiltOnlyAfterAChange(t *testing.T) {
	env := newTestEnv(t)
	first := env.get(t, "/download/dateline.gpkg")
	dir := env.srv.export.dir
	if first.Code != http.StatusOK || dir == "" {
		t.Fatalf("status %d, export kept in %q", first.Code, dir)
	}
	again := env.get(t, "/download/dateline.gpkg")
	if again.Code != http.StatusOK || env.srv.export.dir != dir || !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Fatalf("unchanged data: export rebuilt (%q -> %q) or served different bytes", dir, env.srv.export.dir)
	}
	p := &gazetteer.Place{ID: "test-export-hamlet", Name: "Test Hamlet", Kind: gazetteer.KindSettlement,
		Geometry: orb.Point{46.6, 39.7}, Names: []gazetteer.Name{{Text: "Test Hamlet", Lang: "en", Script: "Latn", Usage: gazetteer.UsageInternational}}}
	if err := env.store.Create(context.Background(), p, "test"); err != nil {
		t.Fatal(err)
	}
	after := env.get(t, "/download/dateline.gpkg")
	if after.Code != http.StatusOK || env.srv.export.dir == dir {
		t.Fatalf("the export was not rebuilt after a change (status %d)", after.Code)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the old export %s was left on disk", dir)
	}
}
