package gpkg_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"dateline/geo/gpkg"
)

// mustOpen opens a fresh GeoPackage in a temporary directory and closes it
// when the test ends.
func mustOpen(tb testing.TB) *sql.DB {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "test.gpkg"))
}

func mustOpenPath(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := gpkg.Open(path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func queryInt(tb testing.TB, db interface {
	QueryRow(string, ...any) *sql.Row
}, q string, args ...any) int64 {
	tb.Helper()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	return n
}

func queryString(tb testing.TB, db *sql.DB, q string, args ...any) string {
	tb.Helper()
	var s string
	if err := db.QueryRow(q, args...).Scan(&s); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	return s
}

func checkIntegrity(tb testing.TB, db *sql.DB) {
	tb.Helper()
	if got := queryString(tb, db, "PRAGMA integrity_check"); got != "ok" {
		tb.Errorf("integrity_check = %q, want ok", got)
	}
	if n := queryInt(tb, db, "SELECT count(*) FROM pragma_foreign_key_check"); n != 0 {
		tb.Errorf("foreign_key_check found %d violations", n)
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	db := mustOpen(t)
	// One connection, so the per-connection pragmas are read where they were set.
	db.SetMaxOpenConns(1)
	tests := []struct {
		pragma string
		want   string
	}{
		{"application_id", "1196444487"},
		{"user_version", "10300"},
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
	}
	for _, tt := range tests {
		t.Run(tt.pragma, func(t *testing.T) {
			if got := queryString(t, db, "PRAGMA "+tt.pragma); got != tt.want {
				t.Errorf("PRAGMA %s = %s, want %s", tt.pragma, got, tt.want)
			}
		})
	}
}

func TestInitCreatesCoreTables(t *testing.T) {
	db := mustOpen(t)
	for _, table := range []string{"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions"} {
		if n := queryInt(t, db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table); n != 1 {
			t.Errorf("table %s: found %d, want 1", table, n)
		}
	}
	// Columns as Annex C names them, in order.
	got := queryString(t, db, "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || pk, ', ') FROM pragma_table_info('gpkg_contents')")
	want := "table_name TEXT 1 1, data_type TEXT 1 0, identifier TEXT 0 0, description TEXT 0 0, last_change DATETIME 1 0, " +
		"min_x DOUBLE 0 0, min_y DOUBLE 0 0, max_x DOUBLE 0 0, max_y DOUBLE 0 0, srs_id INTEGER 0 0"
	if got != want {
		t.Errorf("gpkg_contents columns:\n got %s\nwant %s", got, want)
	}

	srs := []struct {
		id           int
		org          string
		orgID        int
		definitionOK func(string) bool
	}{
		{4326, "EPSG", 4326, func(d string) bool { return len(d) > 100 && d[:14] == `GEOGCS["WGS 84` }},
		{-1, "NONE", -1, func(d string) bool { return d == "undefined" }},
		{0, "NONE", 0, func(d string) bool { return d == "undefined" }},
	}
	for _, s := range srs {
		var org, def string
		var orgID int
		err := db.QueryRow("SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?", s.id).
			Scan(&org, &orgID, &def)
		if err != nil {
			t.Fatalf("srs %d: %v", s.id, err)
		}
		if org != s.org || orgID != s.orgID || !s.definitionOK(def) {
			t.Errorf("srs %d = (%s, %d, %.30s...), want (%s, %d)", s.id, org, orgID, def, s.org, s.orgID)
		}
	}
	checkIntegrity(t, db)
}

func TestInitIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "again.gpkg")
	db := mustOpenPath(t, path)
	ctx := context.Background()
	for range 3 {
		if err := gpkg.Init(ctx, db); err != nil {
			t.Fatalf("Init: %v", err)
		}
	}
	if n := queryInt(t, db, "SELECT count(*) FROM gpkg_spatial_ref_sys"); n != 3 {
		t.Errorf("gpkg_spatial_ref_sys has %d rows, want 3", n)
	}
	if _, err := db.Exec("CREATE TABLE kept (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Reopening an existing file runs Init again and keeps what is there.
	db = mustOpenPath(t, path)
	if n := queryInt(t, db, "SELECT count(*) FROM gpkg_spatial_ref_sys"); n != 3 {
		t.Errorf("after reopen gpkg_spatial_ref_sys has %d rows, want 3", n)
	}
	if n := queryInt(t, db, "SELECT count(*) FROM sqlite_master WHERE name = 'kept'"); n != 1 {
		t.Errorf("reopen lost table kept")
	}
	checkIntegrity(t, db)
}

func TestDriverNameIsStable(t *testing.T) {
	a, b := gpkg.DriverName(), gpkg.DriverName()
	if a == "" || a != b {
		t.Fatalf("DriverName() = %q then %q, want the same non-empty name", a, b)
	}
	found := false
	for _, d := range sql.Drivers() {
		found = found || d == a
	}
	if !found {
		t.Fatalf("driver %q is not registered: %v", a, sql.Drivers())
	}
}

func TestOpenOddPaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"with space.gpkg", "what?.gpkg", "hash#1.gpkg", "per%20cent.gpkg"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			db := mustOpenPath(t, path)
			if n := queryInt(t, db, "SELECT count(*) FROM gpkg_spatial_ref_sys"); n != 3 {
				t.Errorf("srs rows = %d, want 3", n)
			}
			db.Close()
			if _, err := os.Stat(path); err != nil {
				t.Errorf("file not created under its own name: %v", err)
			}
		})
	}
}

// TestTransactionsBeginImmediate checks that a transaction holds the write
// lock from its BEGIN: a transaction that reads and then writes can then never
// fail halfway on a snapshot another writer made stale.
func TestTransactionsBeginImmediate(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if _, err := db.Exec("CREATE TABLE counter (n INTEGER)"); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	other, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, "INSERT INTO counter VALUES (1)"); err == nil {
		t.Fatal("another connection wrote while a transaction was open; want it locked out")
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, "INSERT INTO counter VALUES (1)"); err != nil {
		t.Fatalf("write after the transaction ended: %v", err)
	}
}
