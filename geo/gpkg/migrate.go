package gpkg

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migration is one numbered schema step of one package.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

var migrationFileRe = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.sql$`)

// LoadMigrations reads NNNN_name.sql files from fsys (usually an embedded
// migrations folder) in version order.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("gpkg: read migrations: %w", err)
	}
	var ms []Migration
	for _, e := range entries {
		m := migrationFileRe.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		v, _ := strconv.Atoi(m[1])
		body, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("gpkg: read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, Migration{Version: v, Name: strings.TrimSuffix(path.Base(e.Name()), ".sql"), SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("gpkg: two migrations numbered %04d", ms[i].Version)
		}
	}
	return ms, nil
}

// featureDirectiveRe matches the line a migration uses to register a feature
// table it has just created:
//
//	-- gpkg:features TABLE GEOMCOLUMN GEOMTYPE SRSID [description]
var featureDirectiveRe = regexp.MustCompile(`(?m)^--\s*gpkg:features\s+(\w+)\s+(\w+)\s+(\w+)\s+(-?\d+)[ \t]*(.*)$`)

// Migrate applies, in order, every migration of scope not yet recorded in
// dateline_migrations, each in its own transaction. A "-- gpkg:features"
// line in a migration registers the table it names as a GeoPackage feature
// table with its R-tree index, inside the same transaction, so the schema of
// every table lives in the migration files.
func Migrate(ctx context.Context, db *sql.DB, scope string, ms []Migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS dateline_migrations (
		scope TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied TEXT NOT NULL,
		PRIMARY KEY (scope, version))`); err != nil {
		return fmt.Errorf("gpkg: create migrations table: %w", err)
	}
	for _, m := range ms {
		if err := applyMigration(ctx, db, scope, m); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, scope string, m Migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gpkg: begin migration: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM dateline_migrations WHERE scope = ? AND version = ?`,
		scope, m.Version).Scan(&n); err != nil {
		return fmt.Errorf("gpkg: read migrations: %w", err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("gpkg: migration %s/%s: %w", scope, m.Name, err)
	}
	for _, d := range featureDirectiveRe.FindAllStringSubmatch(m.SQL, -1) {
		srs, _ := strconv.ParseInt(d[4], 10, 32)
		t := FeatureTable{Name: d[1], Identifier: d[1], Description: strings.TrimSpace(d[5]),
			GeomColumn: d[2], GeomType: d[3], SRSID: int32(srs)}
		if err := CreateFeatureTable(ctx, tx, t); err != nil {
			return fmt.Errorf("gpkg: migration %s/%s: register %s: %w", scope, m.Name, t.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO dateline_migrations (scope, version, name, applied) VALUES (?, ?, ?, ?)`,
		scope, m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("gpkg: record migration: %w", err)
	}
	return tx.Commit()
}

// MigrateDir loads the numbered migrations of folder dir of fsys (a
// package's embedded migrations) and applies them as Migrate does.
func MigrateDir(ctx context.Context, db *sql.DB, scope string, fsys fs.FS, dir string) error {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return fmt.Errorf("gpkg: migrations of %s: %w", scope, err)
	}
	ms, err := LoadMigrations(sub)
	if err != nil {
		return err
	}
	return Migrate(ctx, db, scope, ms)
}

// ReadSnapshot runs fn on one connection inside a deferred (read)
// transaction, so that its queries see one state of the database. It does
// not use BeginTx: Open sets _txlock=immediate, which would make every reader
// take the write lock and wait for the others.
func ReadSnapshot(ctx context.Context, db *sql.DB, fn func(*sql.Conn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		return fmt.Errorf("gpkg: begin read: %w", err)
	}
	ferr := fn(conn)
	// Roll back even when ctx is done, so the connection goes back to the pool clean.
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); err != nil {
		// A connection stuck in a transaction must not be reused.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		if ferr == nil {
			ferr = fmt.Errorf("gpkg: end read: %w", err)
		}
	}
	return ferr
}
