// Package gpkg is the GeoPackage 1.3 container: it opens and creates SQLite
// files that are valid GeoPackages, writes the core tables and spatial
// reference systems, encodes geometries as GeoPackage binary blobs (a "GP"
// header followed by WKB), creates feature tables with their R-tree spatial
// index, and exports standalone .gpkg files.
//
// It knows nothing about Dateline's domain; stores in other packages create
// their feature tables through it.
//
// Every connection must come from the driver named by DriverName (Open uses
// it): the R-tree triggers call the ST_* SQL functions that driver registers,
// and a connection without them cannot write to a feature table.
package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// Sentinel errors; returned errors wrap them.
var (
	// ErrInvalidBlob marks bytes that are not a GeoPackage geometry blob this
	// package can read.
	ErrInvalidBlob = errors.New("gpkg: invalid geometry blob")
	// ErrInvalid marks a bad argument, such as a feature table definition that
	// breaks the GeoPackage rules.
	ErrInvalid = errors.New("gpkg: invalid")
)

const (
	// ApplicationID is the SQLite application_id of a GeoPackage ("GPKG").
	ApplicationID = 0x47504B47
	// UserVersion is the SQLite user_version of a GeoPackage 1.3 file. The
	// GeoPackage owns user_version: schema migrations must be recorded elsewhere.
	UserVersion = 10300
	// SRSWGS84 is the srs_id of WGS 84 longitude/latitude (EPSG:4326).
	SRSWGS84 int32 = 4326
)

const driverName = "sqlite3_gpkg"

// registerDriver registers the driver on first use rather than in init, so
// that importing the package has no side effects.
var registerDriver = sync.OnceValue(func() string {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: connectHook})
	return driverName
})

// DriverName returns the name of the database/sql driver for GeoPackage files,
// registering it on first call. Its connections have the ST_* functions that
// the R-tree triggers need, foreign keys on and a 5 s busy timeout.
func DriverName() string { return registerDriver() }

func connectHook(c *sqlite3.SQLiteConn) error {
	if err := registerFunctions(c); err != nil {
		return fmt.Errorf("gpkg: register sql functions: %w", err)
	}
	for _, pragma := range []string{"PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
		// With WAL, NORMAL loses no committed data on an application crash and
		// spares an fsync per transaction.
		"PRAGMA synchronous = NORMAL",
		// Reading pages through a memory map spares a copy per page: about
		// 15% on a large items page.
		"PRAGMA mmap_size = " + strconv.Itoa(MmapSize)} {
		if _, err := c.Exec(pragma, nil); err != nil {
			return fmt.Errorf("gpkg: %s: %w", pragma, err)
		}
	}
	return nil
}

// Open opens the GeoPackage at path, creating the file and the core tables if
// needed (see Init), and switches it to WAL journaling so that readers do not
// wait for writers. Transactions begin IMMEDIATE: a transaction that reads
// and then writes cannot fail halfway with a busy snapshot, it waits for the
// write lock up front instead.
func Open(path string) (*sql.DB, error) {
	db, err := open(path)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		db.Close()
		return nil, fmt.Errorf("gpkg: enable WAL on %s: %w", path, err)
	}
	if err := Init(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// open opens path through the GeoPackage driver without touching the schema
// or the journal mode.
func open(path string) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("gpkg: open %s: %w", path, err)
	}
	// A file: URI keeps any '?' or '#' in the path from being read as options.
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "_txlock=immediate"}).String()
	db, err := sql.Open(DriverName(), dsn)
	if err != nil {
		return nil, fmt.Errorf("gpkg: open %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("gpkg: open %s: %w", path, err)
	}
	// Each connection maps the file and keeps its own page cache; without a
	// cap a burst of readers opens one each and memory follows the burst.
	db.SetMaxOpenConns(MaxOpenConns)
	db.SetMaxIdleConns(MaxOpenConns)
	return db, nil
}

// MmapSize is how much of the file each connection maps into memory.
const MmapSize = 256 << 20

// MaxOpenConns is how many connections one process keeps to a GeoPackage at
// most; requests beyond it wait for a free one. SQLite in WAL mode lets them
// all read at once while one writes.
const MaxOpenConns = 16

// Init makes db a GeoPackage 1.3: it sets application_id and user_version,
// creates gpkg_spatial_ref_sys with the three required reference systems,
// gpkg_contents, gpkg_geometry_columns and gpkg_extensions. It is idempotent
// and leaves existing rows alone.
func Init(ctx context.Context, db *sql.DB) error {
	for _, pragma := range []string{
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", UserVersion),
	} {
		if _, err := db.ExecContext(ctx, pragma); err != nil {
			return fmt.Errorf("gpkg: init: %s: %w", pragma, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gpkg: init: %w", err)
	}
	defer tx.Rollback()
	for _, stmt := range coreSchema {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("gpkg: init: %w", err)
		}
	}
	for _, s := range requiredSRS {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO gpkg_spatial_ref_sys
				(srs_name, srs_id, organization, organization_coordsys_id, definition, description)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (srs_id) DO NOTHING`,
			s.name, s.id, s.organization, s.orgID, s.definition, s.description); err != nil {
			return fmt.Errorf("gpkg: init: add srs %d: %w", s.id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("gpkg: init: %w", err)
	}
	return nil
}

// coreSchema is the table definition SQL of GeoPackage 1.3, Annex C, with
// IF NOT EXISTS so that Init can run on every start.
var coreSchema = []string{
	`CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition  TEXT NOT NULL,
  description TEXT
)`,
	`CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
)`,
	`CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
)`,
	`CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
)`,
}

type srs struct {
	name         string
	id           int32
	organization string
	orgID        int32
	definition   string
	description  string
}

// wgs84WKT is the OGC WKT 1 definition of EPSG:4326 as the EPSG registry
// (and GDAL) writes it.
const wgs84WKT = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`

// requiredSRS are the rows GeoPackage 1.3 requirement 11 demands.
var requiredSRS = []srs{
	{"WGS 84 geodetic", SRSWGS84, "EPSG", 4326, wgs84WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"},
	{"Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"},
	{"Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"},
}
