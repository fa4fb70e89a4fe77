package gpkg_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
)

type row struct {
	g      orb.Geometry
	values []any
}

func rowsOf(rows ...row) func(func(orb.Geometry, ...any) error) error {
	return func(yield func(orb.Geometry, ...any) error) error {
		for _, r := range rows {
			if err := yield(r.g, r.values...); err != nil {
				return err
			}
		}
		return nil
	}
}

// sampleLayers are three small layers, one per geometry family.
func sampleLayers() []gpkg.Layer {
	return []gpkg.Layer{
		{
			Table: gpkg.FeatureTable{Name: "places", Identifier: "Places", GeomType: "POINT", SRSID: gpkg.SRSWGS84,
				Columns: "id TEXT NOT NULL UNIQUE, name TEXT, population INTEGER"},
			Rows: rowsOf(
				row{orb.Point{46.7519, 39.8153}, []any{"stepanakert", "Stepanakert", 55000}},
				row{orb.Point{46.556, 39.549}, []any{"hakari-bridge", "Hakari bridge", nil}},
				row{orb.Point{46.5464, 39.6333}, []any{"lachin", "Lachin", 10000}},
			),
		},
		{
			Table: gpkg.FeatureTable{Name: "routes", Identifier: "Routes", GeomType: "LINESTRING", SRSID: gpkg.SRSWGS84,
				Columns: "id TEXT NOT NULL, name TEXT"},
			Rows: rowsOf(
				row{orb.LineString{{46.556, 39.549}, {46.6, 39.7}, {46.7519, 39.8153}}, []any{"lachin-corridor", "Lachin corridor"}},
				row{orb.LineString{{46.93, 39.99}, {46.7519, 39.8153}}, []any{"aghdam-road", "Aghdam–Khankendi road"}},
			),
		},
		{
			Table: gpkg.FeatureTable{Name: "regions", GeomType: "MULTIPOLYGON", SRSID: gpkg.SRSWGS84, Columns: "name TEXT"},
			Rows: rowsOf(
				row{orb.MultiPolygon{{{{46.5, 39.5}, {47, 39.5}, {47, 40}, {46.5, 40}, {46.5, 39.5}}}}, []any{"box"}},
			),
		},
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dateline.gpkg")
	if err := gpkg.Export(context.Background(), path, sampleLayers()); err != nil {
		t.Fatalf("Export: %v", err)
	}
	assertOnlyFiles(t, dir, "dateline.gpkg")

	db := mustOpenPath(t, path)
	counts := []struct {
		q    string
		want int64
	}{
		{"SELECT count(*) FROM places", 3},
		{"SELECT count(*) FROM places WHERE population IS NULL", 1},
		{"SELECT count(*) FROM routes", 2},
		{"SELECT count(*) FROM regions", 1},
		{"SELECT count(*) FROM rtree_places_geom", 3},
		{"SELECT count(*) FROM rtree_routes_geom", 2},
		{"SELECT count(*) FROM gpkg_contents WHERE min_x IS NOT NULL", 3},
		{"SELECT count(*) FROM gpkg_contents WHERE table_name = 'places' AND min_x = 46.5464 AND max_y = 39.8153", 1},
	}
	for _, c := range counts {
		if got := queryInt(t, db, c.q); got != c.want {
			t.Errorf("%s = %d, want %d", c.q, got, c.want)
		}
	}
	var b []byte
	if err := db.QueryRow("SELECT geom FROM routes WHERE id = 'aghdam-road'").Scan(&b); err != nil {
		t.Fatal(err)
	}
	if g, srs, err := gpkg.DecodeGeometry(b); err != nil || srs != 4326 || !orb.Equal(g, orb.LineString{{46.93, 39.99}, {46.7519, 39.8153}}) {
		t.Errorf("aghdam-road geometry = %v, %d, %v", g, srs, err)
	}
	checkIntegrity(t, db)
}

func TestExportFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dateline.gpkg")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	tests := []struct {
		name   string
		layers []gpkg.Layer
		want   error
	}{
		{"rows fail", []gpkg.Layer{{Table: gpkg.FeatureTable{Name: "a", SRSID: gpkg.SRSWGS84},
			Rows: func(func(orb.Geometry, ...any) error) error { return boom }}}, boom},
		{"too many values", []gpkg.Layer{{Table: gpkg.FeatureTable{Name: "a", SRSID: gpkg.SRSWGS84, Columns: "x TEXT"},
			Rows: rowsOf(row{orb.Point{1, 1}, []any{"x", "y"}})}}, gpkg.ErrInvalid},
		{"same layer twice", []gpkg.Layer{
			{Table: gpkg.FeatureTable{Name: "a"}, Rows: rowsOf()},
			{Table: gpkg.FeatureTable{Name: "A"}, Rows: rowsOf()},
		}, gpkg.ErrInvalid},
		{"bad table name", []gpkg.Layer{{Table: gpkg.FeatureTable{Name: "gpkg_a"}, Rows: rowsOf()}}, gpkg.ErrInvalid},
		{"unknown srs", []gpkg.Layer{{Table: gpkg.FeatureTable{Name: "a", SRSID: 31337}, Rows: rowsOf()}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := gpkg.Export(context.Background(), path, tt.layers)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("Export = %v, want an error wrapping %v", err, tt.want)
			}
			if b, _ := os.ReadFile(path); string(b) != "old" {
				t.Errorf("the old file was changed")
			}
			assertOnlyFiles(t, dir, "dateline.gpkg")
		})
	}
}

func assertOnlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("files in dir = %v, want %v", got, want)
	}
}

// ogrinfo runs GDAL's ogrinfo in summary mode on path and fails the test on
// any ERROR or Warning line, which is how GDAL reports an off-spec GeoPackage.
func ogrinfo(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatalf("ogrinfo not found: install gdal-bin (apt-get install gdal-bin)")
	}
	cmd := exec.Command(bin, "-ro", "-so", "-al", path)
	// GDAL reports spec deviations of GeoPackages only when asked to.
	cmd.Env = append(os.Environ(), "OGR_GPKG_INTEGRITY_CHECK=YES", "CPL_DEBUG=OFF")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", path, err, out)
	}
	for line := range strings.Lines(string(out)) {
		if strings.HasPrefix(line, "ERROR") || strings.HasPrefix(line, "Warning") {
			t.Errorf("ogrinfo complains: %s", strings.TrimSpace(line))
		}
	}
	return string(out)
}

// validateGPKG runs GDAL's GeoPackage validator script (shipped with
// python3-gdal, which gdal-bin depends on) on path. Test data avoids empty
// geometries: the GDAL 3.6 script reads the empty flag from the wrong bit
// (bit 3, not bit 4 as the specification and GDAL's own writer have it).
func validateGPKG(t *testing.T, path string) {
	t.Helper()
	var script string
	for _, s := range []string{
		"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
	} {
		if _, err := os.Stat(s); err == nil {
			script = s
			break
		}
	}
	// The distribution's python has the GDAL bindings the script uses for
	// its geometry checks; another python3 on PATH may not.
	python, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		python, err = exec.LookPath("python3")
	}
	if script == "" || err != nil {
		t.Fatalf("validate_gpkg.py not found: install python3-gdal (apt-get install python3-gdal)")
	}
	out, err := exec.Command(python, script, "--extra", path).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("validate_gpkg.py %s: %v\n%s", path, err, out)
	}
}

func assertLayer(t *testing.T, out, name, geomType string, count int) {
	t.Helper()
	// ogrinfo prints one block per layer; find this layer's block.
	blocks := strings.Split(out, "\nLayer name: ")
	for _, b := range blocks[1:] {
		if !strings.HasPrefix(b, name+"\n") {
			continue
		}
		if !strings.Contains(b, "\nGeometry: "+geomType+"\n") {
			t.Errorf("layer %s: want geometry %s in\n%s", name, geomType, b)
		}
		if !strings.Contains(b, "\nFeature Count: "+strconv.Itoa(count)+"\n") {
			t.Errorf("layer %s: want feature count %d in\n%s", name, count, b)
		}
		if !regexp.MustCompile(`(?s)ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]`).MatchString(b) {
			t.Errorf("layer %s: want EPSG:4326 in\n%s", name, b)
		}
		return
	}
	t.Errorf("ogrinfo lists no layer %s:\n%s", name, out)
}

func TestOgrinfoReadsExport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dateline.gpkg")
	if err := gpkg.Export(context.Background(), path, sampleLayers()); err != nil {
		t.Fatalf("Export: %v", err)
	}
	validateGPKG(t, path)
	out := ogrinfo(t, path)
	if !strings.Contains(out, "using driver `GPKG' successful") {
		t.Errorf("ogrinfo did not open the file as a GeoPackage:\n%s", out)
	}
	assertLayer(t, out, "places", "Point", 3)
	assertLayer(t, out, "routes", "Line String", 2)
	assertLayer(t, out, "regions", "Multi Polygon", 1)
	if !strings.Contains(out, "Extent: (46.546400, 39.549000) - (46.751900, 39.815300)") {
		t.Errorf("places extent missing from\n%s", out)
	}
}

// TestOgrinfoReadsLiveDatabase checks the WAL-mode file that Open makes and
// the stores write into, after edits went through the triggers.
func TestOgrinfoReadsLiveDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.gpkg")
	db, err := gpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db, places)
	for _, q := range []struct {
		q    string
		args []any
	}{
		{"INSERT INTO places (geom, id, kind) VALUES (?, 'a', 'city')", []any{mustBlob(t, orb.Point{46.7519, 39.8153})}},
		{"INSERT INTO places (geom, id, kind) VALUES (?, 'b', 'road')", []any{mustBlob(t, orb.LineString{{46.5, 39.5}, {46.7, 39.8}})}},
		{"INSERT INTO places (geom, id) VALUES (NULL, 'c')", nil},
		{"UPDATE places SET geom = ? WHERE id = 'a'", []any{mustBlob(t, orb.Point{46.75, 39.81})}},
		{"DELETE FROM places WHERE id = 'c'", nil},
	} {
		if _, err := db.Exec(q.q, q.args...); err != nil {
			t.Fatalf("%s: %v", q.q, err)
		}
	}
	withTx(t, db, func(tx *sql.Tx) error { return gpkg.UpdateExtent(context.Background(), tx, "places") })
	checkIntegrity(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	validateGPKG(t, path)
	out := ogrinfo(t, path)
	assertLayer(t, out, "places", "Unknown (any)", 2)
}
