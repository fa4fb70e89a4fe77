package gpkg_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo/gpkg"
)

var places = gpkg.FeatureTable{
	Name:        "places",
	Identifier:  "Places",
	Description: "gazetteer entries",
	GeomType:    "GEOMETRY",
	SRSID:       gpkg.SRSWGS84,
	Columns:     "id TEXT NOT NULL UNIQUE, kind TEXT",
}

func mustCreate(tb testing.TB, db *sql.DB, tables ...gpkg.FeatureTable) {
	tb.Helper()
	withTx(tb, db, func(tx *sql.Tx) error {
		for _, t := range tables {
			if err := gpkg.CreateFeatureTable(context.Background(), tx, t); err != nil {
				return err
			}
		}
		return nil
	})
}

func withTx(tb testing.TB, db *sql.DB, f func(*sql.Tx) error) {
	tb.Helper()
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

func mustBlob(tb testing.TB, g orb.Geometry) []byte {
	tb.Helper()
	b, err := gpkg.EncodeGeometry(g, gpkg.SRSWGS84)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestCreateFeatureTable(t *testing.T) {
	db := mustOpen(t)
	// Twice, to show it is idempotent.
	mustCreate(t, db, places)
	mustCreate(t, db, places)

	var dataType, identifier, description string
	var srs int
	err := db.QueryRow("SELECT data_type, identifier, description, srs_id FROM gpkg_contents WHERE table_name = 'places'").
		Scan(&dataType, &identifier, &description, &srs)
	if err != nil {
		t.Fatalf("gpkg_contents: %v", err)
	}
	if dataType != "features" || identifier != "Places" || description != "gazetteer entries" || srs != 4326 {
		t.Errorf("gpkg_contents row = %s, %s, %s, %d", dataType, identifier, description, srs)
	}
	counts := []struct {
		name string
		q    string
		want int64
	}{
		{"contents rows", "SELECT count(*) FROM gpkg_contents", 1},
		{"geometry column", "SELECT count(*) FROM gpkg_geometry_columns WHERE table_name = 'places' AND column_name = 'geom' AND geometry_type_name = 'GEOMETRY' AND srs_id = 4326 AND z = 0 AND m = 0", 1},
		{"rtree extension", "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'places' AND column_name = 'geom' AND extension_name = 'gpkg_rtree_index' AND scope = 'write-only'", 1},
		{"rtree table", "SELECT count(*) FROM sqlite_master WHERE name = 'rtree_places_geom' AND sql LIKE 'CREATE VIRTUAL TABLE \"rtree_places_geom\" USING rtree(id, minx, maxx, miny, maxy)'", 1},
		{"triggers", "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'places'", 6},
	}
	for _, c := range counts {
		if got := queryInt(t, db, c.q); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'places' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var triggers []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		triggers = append(triggers, strings.TrimPrefix(n, "rtree_places_geom_"))
	}
	rows.Close()
	want := []string{"delete", "insert", "update1", "update2", "update3", "update4"}
	if !slices.Equal(triggers, want) {
		t.Errorf("triggers = %v, want %v", triggers, want)
	}
	cols := queryString(t, db, "SELECT group_concat(name || ' ' || type, ', ') FROM pragma_table_info('places')")
	if cols != "fid INTEGER, geom GEOMETRY, id TEXT, kind TEXT" {
		t.Errorf("places columns = %s", cols)
	}
	checkIntegrity(t, db)
}

func TestFeatureTableValidate(t *testing.T) {
	tests := []struct {
		name string
		t    gpkg.FeatureTable
		ok   bool
	}{
		{"defaults fill the rest", gpkg.FeatureTable{Name: "routes"}, true},
		{"lowercase type is fine", gpkg.FeatureTable{Name: "routes", GeomType: "linestring"}, true},
		{"empty name", gpkg.FeatureTable{}, false},
		{"name with a space", gpkg.FeatureTable{Name: "my places"}, false},
		{"name with a quote", gpkg.FeatureTable{Name: `pl"aces`}, false},
		{"name starting with a digit", gpkg.FeatureTable{Name: "1places"}, false},
		{"reserved gpkg prefix", gpkg.FeatureTable{Name: "gpkg_places"}, false},
		{"reserved rtree prefix", gpkg.FeatureTable{Name: "RTREE_x"}, false},
		{"bad geometry column", gpkg.FeatureTable{Name: "places", GeomColumn: "the geom"}, false},
		{"unknown geometry type", gpkg.FeatureTable{Name: "places", GeomType: "CIRCLE"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.t.Validate()
			if tt.ok != (err == nil) {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, gpkg.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

type box struct{ minX, maxX, minY, maxY float64 }

// rtree reads the whole R-tree of places.
func rtree(t *testing.T, db *sql.DB) map[int64]box {
	t.Helper()
	rows, err := db.Query("SELECT id, minx, maxx, miny, maxy FROM rtree_places_geom")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := make(map[int64]box)
	for rows.Next() {
		var id int64
		var b box
		if err := rows.Scan(&id, &b.minX, &b.maxX, &b.minY, &b.maxY); err != nil {
			t.Fatal(err)
		}
		out[id] = b
	}
	return out
}

// checkIndex compares the R-tree with the geometries in the table: one entry
// per row with a non-empty geometry, holding its bounds (to float32 precision).
func checkIndex(t *testing.T, db *sql.DB) {
	t.Helper()
	rows, err := db.Query("SELECT fid, geom FROM places")
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[int64]orb.Bound)
	for rows.Next() {
		var fid int64
		var b []byte
		if err := rows.Scan(&fid, &b); err != nil {
			t.Fatal(err)
		}
		g, _, err := gpkg.DecodeGeometry(b)
		if err != nil {
			t.Fatal(err)
		}
		if g == nil || isEmptyGeom(g) {
			continue
		}
		want[fid] = g.Bound()
	}
	rows.Close()
	got := rtree(t, db)
	if len(got) != len(want) {
		t.Errorf("rtree has %d entries %v, want %d %v", len(got), got, len(want), want)
	}
	const tol = 1e-5 // float32 at |x| < 180
	for fid, w := range want {
		g, ok := got[fid]
		if !ok {
			t.Errorf("rtree lacks fid %d", fid)
			continue
		}
		if g.minX > w.Min[0] || g.maxX < w.Max[0] || g.minY > w.Min[1] || g.maxY < w.Max[1] ||
			w.Min[0]-g.minX > tol || g.maxX-w.Max[0] > tol || w.Min[1]-g.minY > tol || g.maxY-w.Max[1] > tol {
			t.Errorf("rtree box of fid %d = %+v, want %v", fid, g, w)
		}
	}
}

func isEmptyGeom(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Point:
		return math.IsNaN(g[0])
	case orb.LineString:
		return len(g) == 0
	case orb.MultiPoint:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.Collection:
		return len(g) == 0
	}
	return false
}

// TestRTreeFollowsEdits runs one edit after another on a feature table and
// checks after each that the R-tree matches the table.
func TestRTreeFollowsEdits(t *testing.T) {
	db := mustOpen(t)
	mustCreate(t, db, places)
	stepanakert := orb.Point{46.7519, 39.8153}
	road := orb.LineString{{46.55, 39.55}, {46.75, 39.81}, {46.95, 40.0}}
	steps := []struct {
		name string
		q    string
		args []any
	}{
		{"insert a point", "INSERT INTO places (geom, id) VALUES (?, 'stepanakert')", []any{mustBlob(t, stepanakert)}},
		{"insert a line", "INSERT INTO places (geom, id) VALUES (?, 'road')", []any{mustBlob(t, road)}},
		{"insert without geometry", "INSERT INTO places (geom, id) VALUES (NULL, 'nowhere')", nil},
		{"insert an empty geometry", "INSERT INTO places (geom, id) VALUES (?, 'empty')", []any{mustBlob(t, orb.LineString{})}},
		{"move the point", "UPDATE places SET geom = ? WHERE id = 'stepanakert'", []any{mustBlob(t, orb.Point{46.76, 39.82})}},
		{"update another column only", "UPDATE places SET kind = 'city' WHERE id = 'stepanakert'", nil},
		{"clear a geometry", "UPDATE places SET geom = NULL WHERE id = 'road'", nil},
		{"give a geometry to a row without one", "UPDATE places SET geom = ? WHERE id = 'nowhere'", []any{mustBlob(t, orb.Polygon{ring})}},
		{"empty a geometry", "UPDATE places SET geom = ? WHERE id = 'nowhere'", []any{mustBlob(t, orb.Polygon{})}},
		{"fill an empty geometry", "UPDATE places SET geom = ? WHERE id = 'empty'", []any{mustBlob(t, road)}},
		{"change a primary key", "UPDATE places SET fid = 100 WHERE id = 'empty'", nil},
		{"change a primary key and clear the geometry", "UPDATE places SET fid = 200, geom = NULL WHERE id = 'empty'", nil},
		{"upsert a new row", "INSERT INTO places (geom, id) VALUES (?, 'hakari') ON CONFLICT (id) DO UPDATE SET geom = excluded.geom", []any{mustBlob(t, orb.Point{46.55, 39.55})}},
		{"upsert an existing row", "INSERT INTO places (geom, id) VALUES (?, 'hakari') ON CONFLICT (id) DO UPDATE SET geom = excluded.geom", []any{mustBlob(t, orb.Point{46.56, 39.549})}},
		{"replace a row", "INSERT OR REPLACE INTO places (fid, geom, id) VALUES (1, ?, 'stepanakert')", []any{mustBlob(t, orb.Point{46.7, 39.8})}},
		{"delete a row", "DELETE FROM places WHERE id = 'stepanakert'", nil},
		{"delete a row without geometry", "DELETE FROM places WHERE id = 'road'", nil},
	}
	for _, s := range steps {
		if _, err := db.Exec(s.q, s.args...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		t.Run(s.name, func(t *testing.T) { checkIndex(t, db) })
	}
	if n := len(rtree(t, db)); n != 1 {
		t.Errorf("rtree has %d entries at the end, want 1 (hakari)", n)
	}
	checkIntegrity(t, db)
}

func TestCreateFeatureTableRegistersExistingTable(t *testing.T) {
	db := mustOpen(t)
	// As a migration would: its own table, its own key name, rows already in.
	if _, err := db.Exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, location POINT, what TEXT)`); err != nil {
		t.Fatal(err)
	}
	for i, p := range []orb.Point{{46.5, 39.5}, {47, 40}} {
		if _, err := db.Exec("INSERT INTO events (id, location, what) VALUES (?, ?, 'x')", i+1, mustBlob(t, p)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("INSERT INTO events (id, location, what) VALUES (3, NULL, 'nowhere')"); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db, gpkg.FeatureTable{Name: "events", GeomColumn: "location", GeomType: "POINT", SRSID: gpkg.SRSWGS84})

	if n := queryInt(t, db, "SELECT count(*) FROM rtree_events_location"); n != 2 {
		t.Errorf("rtree loaded %d rows, want 2", n)
	}
	if _, err := db.Exec("INSERT INTO events (id, location) VALUES (4, ?)", mustBlob(t, orb.Point{46, 39})); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM rtree_events_location WHERE id = 4"); n != 1 {
		t.Errorf("trigger on key column id did not index the new row")
	}

	// A table without an integer key cannot be a feature table.
	if _, err := db.Exec(`CREATE TABLE notes (name TEXT PRIMARY KEY, geom GEOMETRY)`); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	err = gpkg.CreateFeatureTable(context.Background(), tx, gpkg.FeatureTable{Name: "notes", SRSID: gpkg.SRSWGS84})
	if !errors.Is(err, gpkg.ErrInvalid) {
		t.Errorf("CreateFeatureTable(notes) = %v, want ErrInvalid", err)
	}
}

func TestUpdateExtent(t *testing.T) {
	db := mustOpen(t)
	mustCreate(t, db, places)
	extent := func() [4]sql.NullFloat64 {
		var e [4]sql.NullFloat64
		err := db.QueryRow("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'places'").
			Scan(&e[0], &e[1], &e[2], &e[3])
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	update := func() {
		withTx(t, db, func(tx *sql.Tx) error { return gpkg.UpdateExtent(context.Background(), tx, "places") })
	}

	update()
	for i, v := range extent() {
		if v.Valid {
			t.Errorf("empty table: extent[%d] = %v, want NULL", i, v.Float64)
		}
	}
	for i, g := range []orb.Geometry{orb.Point{46.7519, 39.8153}, orb.LineString{{46.55, 39.549}, {46.6, 39.6}}, nil} {
		if _, err := db.Exec("INSERT INTO places (geom, id) VALUES (?, ?)", mustBlob(t, g), string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	update()
	want := [4]float64{46.55, 39.549, 46.7519, 39.8153}
	for i, v := range extent() {
		if !v.Valid || v.Float64 != want[i] {
			t.Errorf("extent[%d] = %v, want %v exactly", i, v, want[i])
		}
	}

	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := gpkg.UpdateExtent(context.Background(), tx, "nosuch"); !errors.Is(err, gpkg.ErrInvalid) {
		t.Errorf("UpdateExtent(nosuch) = %v, want ErrInvalid", err)
	}
}

func TestBBoxQuery(t *testing.T) {
	db := mustOpen(t)
	mustCreate(t, db, places)
	features := []struct {
		id string
		g  orb.Geometry
	}{
		{"stepanakert", orb.Point{46.7519, 39.8153}},
		{"hakari", orb.Point{46.556, 39.549}},
		{"yerevan", orb.Point{44.5152, 40.1872}},
		{"corridor", orb.LineString{{45.9, 39.6}, {46.55, 39.55}, {46.75, 39.81}}},
	}
	for _, f := range features {
		if _, err := db.Exec("INSERT INTO places (geom, id) VALUES (?, ?)", mustBlob(t, f.g), f.id); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		b    orb.Bound
		want []string
	}{
		{"around Stepanakert", orb.Bound{Min: orb.Point{46.7, 39.8}, Max: orb.Point{46.8, 39.9}}, []string{"corridor", "stepanakert"}},
		{"west of the corridor", orb.Bound{Min: orb.Point{44, 40}, Max: orb.Point{45, 41}}, []string{"yerevan"}},
		{"touching a point exactly", orb.Bound{Min: orb.Point{44.5152, 40.1872}, Max: orb.Point{44.6, 40.3}}, []string{"yerevan"}},
		{"nowhere", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, nil},
		{"everything", orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, []string{"corridor", "hakari", "stepanakert", "yerevan"}},
	}
	q := "SELECT id FROM places WHERE fid IN (" + gpkg.BBoxQuery("places", "geom") + ") ORDER BY id"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := db.Query(q, gpkg.BBoxArgs(tt.b)...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var id string
				rows.Scan(&id)
				got = append(got, id)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSQLFunctions(t *testing.T) {
	db := mustOpen(t)
	line := orb.LineString{{46.55, 39.549}, {46.75, 39.81}}
	bigEndianPolygon := blob(t, orb.Polygon{ring}, 4326, binary.BigEndian, binary.BigEndian, 0, false)
	tests := []struct {
		name                   string
		arg                    any
		empty                  any
		minX, maxX, minY, maxY any
		typ                    any
	}{
		{"point", mustBlob(t, orb.Point{46.7519, 39.8153}), int64(0), 46.7519, 46.7519, 39.8153, 39.8153, "POINT"},
		{"line", mustBlob(t, line), int64(0), 46.55, 46.75, 39.549, 39.81, "LINESTRING"},
		{"big-endian polygon without envelope", bigEndianPolygon, int64(0), 46.5, 47.0, 39.5, 40.0, "POLYGON"},
		{"empty line", mustBlob(t, orb.LineString{}), int64(1), nil, nil, nil, nil, "LINESTRING"},
		{"empty point", mustBlob(t, orb.Point{math.NaN(), math.NaN()}), int64(1), nil, nil, nil, nil, "POINT"},
		{"NULL", nil, nil, nil, nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [6]any
			err := db.QueryRow("SELECT ST_IsEmpty(?1), ST_MinX(?1), ST_MaxX(?1), ST_MinY(?1), ST_MaxY(?1), ST_GeometryType(?1)", tt.arg).
				Scan(&got[0], &got[1], &got[2], &got[3], &got[4], &got[5])
			if err != nil {
				t.Fatal(err)
			}
			want := [6]any{tt.empty, tt.minX, tt.maxX, tt.minY, tt.maxY, tt.typ}
			if got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	for _, bad := range []any{[]byte("not a geometry"), "text", int64(7)} {
		if _, err := db.Exec("SELECT ST_MinX(?)", bad); err == nil {
			t.Errorf("ST_MinX(%v) succeeded, want an error", bad)
		}
	}
}

func TestExtendExtentGrowsOnly(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := gpkg.CreateFeatureTable(ctx, tx, gpkg.FeatureTable{Name: "pts", GeomType: "POINT", SRSID: gpkg.SRSWGS84}); err != nil {
		t.Fatal(err)
	}
	for _, b := range []orb.Bound{
		{Min: orb.Point{46, 39}, Max: orb.Point{46, 39}},
		{Min: orb.Point{45, 40}, Max: orb.Point{47, 40.5}},
		{Min: orb.Point{45.5, 39.5}, Max: orb.Point{45.5, 39.5}},
	} {
		if err := gpkg.ExtendExtent(ctx, tx, "pts", b); err != nil {
			t.Fatal(err)
		}
	}
	var minX, minY, maxX, maxY float64
	if err := tx.QueryRowContext(ctx, `SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'pts'`).
		Scan(&minX, &minY, &maxX, &maxY); err != nil {
		t.Fatal(err)
	}
	if minX != 45 || minY != 39 || maxX != 47 || maxY != 40.5 {
		t.Fatalf("extent %v %v %v %v, want 45 39 47 40.5", minX, minY, maxX, maxY)
	}
}
