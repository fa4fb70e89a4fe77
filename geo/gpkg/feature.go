package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/paulmach/orb"
)

// FeatureTable describes a GeoPackage feature table: a user table with an
// integer primary key and one geometry column, registered in gpkg_contents and
// gpkg_geometry_columns and indexed by an R-tree.
type FeatureTable struct {
	// Name is the SQL table name: letters, digits and underscores, not
	// starting with a digit or with the reserved prefixes gpkg_, rtree_, sqlite_.
	Name string
	// Identifier is the human-readable layer name in gpkg_contents (what GIS
	// tools show); empty means Name.
	Identifier string
	// Description is the gpkg_contents description.
	Description string
	// GeomColumn is the geometry column name; empty means "geom".
	GeomColumn string
	// GeomType is the geometry type name of gpkg_geometry_columns: GEOMETRY,
	// POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON or
	// GEOMETRYCOLLECTION; empty means GEOMETRY (any type).
	GeomType string
	// SRSID is the spatial reference system of the geometries; use SRSWGS84
	// for longitude/latitude. Zero is the "undefined geographic" system.
	SRSID int32
	// Columns is the DDL of the attribute columns, placed after the
	// "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL" and geometry columns,
	// e.g. "id TEXT NOT NULL UNIQUE, kind TEXT".
	Columns string
}

var (
	identRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

	geomTypes = map[string]bool{
		"GEOMETRY": true, "POINT": true, "LINESTRING": true, "POLYGON": true,
		"MULTIPOINT": true, "MULTILINESTRING": true, "MULTIPOLYGON": true, "GEOMETRYCOLLECTION": true,
	}
)

// withDefaults fills the optional fields.
func (t FeatureTable) withDefaults() FeatureTable {
	if t.Identifier == "" {
		t.Identifier = t.Name
	}
	if t.GeomColumn == "" {
		t.GeomColumn = "geom"
	}
	t.GeomType = strings.ToUpper(t.GeomType)
	if t.GeomType == "" {
		t.GeomType = "GEOMETRY"
	}
	return t
}

// Validate checks the table definition against the GeoPackage rules, after
// filling the defaults. Errors wrap ErrInvalid.
func (t FeatureTable) Validate() error {
	t = t.withDefaults()
	if !identRe.MatchString(t.Name) {
		return fmt.Errorf("%w: table name %q: want letters, digits and underscores", ErrInvalid, t.Name)
	}
	lower := strings.ToLower(t.Name)
	for _, prefix := range []string{"gpkg_", "rtree_", "sqlite_"} {
		if strings.HasPrefix(lower, prefix) {
			return fmt.Errorf("%w: table name %q: prefix %s is reserved", ErrInvalid, t.Name, prefix)
		}
	}
	if !identRe.MatchString(t.GeomColumn) {
		return fmt.Errorf("%w: geometry column %q: want letters, digits and underscores", ErrInvalid, t.GeomColumn)
	}
	if !geomTypes[t.GeomType] {
		return fmt.Errorf("%w: geometry type %q", ErrInvalid, t.GeomType)
	}
	return nil
}

// rtreeName is the R-tree table of a geometry column, named as the GeoPackage
// spatial index extension requires.
func rtreeName(table, geomCol string) string { return "rtree_" + table + "_" + geomCol }

// quote makes s an SQL identifier.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// CreateFeatureTable creates the feature table t unless it exists, registers
// it in gpkg_contents (data_type "features") and gpkg_geometry_columns, and
// gives its geometry column the gpkg_rtree_index spatial index: the R-tree
// virtual table, filled from existing rows, its triggers and its
// gpkg_extensions row. It is idempotent, and also registers a table that a
// migration created itself, using that table's integer primary key.
//
// The triggers are the six of GeoPackage 1.3 (insert, update1 to update4,
// delete), by name and condition, so that 1.3 readers and validators such as
// GDAL's validate_gpkg.py recognise them. One action differs: update1 deletes
// and re-inserts the R-tree entry instead of INSERT OR REPLACE, which keeps
// UPSERT (INSERT ... ON CONFLICT DO UPDATE) on feature tables working.
func CreateFeatureTable(ctx context.Context, tx *sql.Tx, t FeatureTable) error {
	t = t.withDefaults()
	if err := t.Validate(); err != nil {
		return err
	}
	ddl := fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (\n  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n  %s %s",
		quote(t.Name), quote(t.GeomColumn), t.GeomType)
	if cols := strings.TrimSpace(t.Columns); cols != "" {
		ddl += ",\n  " + cols
	}
	ddl += "\n)"
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("gpkg: create table %s: %w", t.Name, err)
	}
	pk, err := checkColumns(ctx, tx, t)
	if err != nil {
		return err
	}

	if _, err := tx.ExecContext(ctx, `
		INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
		VALUES (?, 'features', ?, ?, ?)
		ON CONFLICT (table_name) DO NOTHING`,
		t.Name, t.Identifier, t.Description, t.SRSID); err != nil {
		return fmt.Errorf("gpkg: register %s in gpkg_contents: %w", t.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
		VALUES (?, ?, ?, ?, 0, 0)
		ON CONFLICT DO NOTHING`,
		t.Name, t.GeomColumn, t.GeomType, t.SRSID); err != nil {
		return fmt.Errorf("gpkg: register %s in gpkg_geometry_columns: %w", t.Name, err)
	}
	return createSpatialIndex(ctx, tx, t.Name, t.GeomColumn, pk)
}

// checkColumns makes sure the table has the geometry column and a single
// integer primary key, and returns the key's name.
func checkColumns(ctx context.Context, tx *sql.Tx, t FeatureTable) (string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, upper(type), pk FROM pragma_table_info(?)`, t.Name)
	if err != nil {
		return "", fmt.Errorf("gpkg: columns of %s: %w", t.Name, err)
	}
	defer rows.Close()
	var pks []string
	intPK, hasGeom := "", false
	for rows.Next() {
		var name, typ string
		var pk int
		if err := rows.Scan(&name, &typ, &pk); err != nil {
			return "", fmt.Errorf("gpkg: columns of %s: %w", t.Name, err)
		}
		if pk > 0 {
			pks = append(pks, name)
			if typ == "INTEGER" {
				intPK = name
			}
		}
		hasGeom = hasGeom || strings.EqualFold(name, t.GeomColumn)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("gpkg: columns of %s: %w", t.Name, err)
	}
	if len(pks) != 1 || intPK == "" {
		return "", fmt.Errorf("%w: table %s needs a single INTEGER PRIMARY KEY column", ErrInvalid, t.Name)
	}
	if !hasGeom {
		return "", fmt.Errorf("%w: table %s has no column %s", ErrInvalid, t.Name, t.GeomColumn)
	}
	return intPK, nil
}

const rtreeExtensionDefinition = "http://www.geopackage.org/spec/#extension_rtree"

func createSpatialIndex(ctx context.Context, tx *sql.Tx, table, geomCol, pk string) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
		VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')
		ON CONFLICT DO NOTHING`,
		table, geomCol, rtreeExtensionDefinition); err != nil {
		return fmt.Errorf("gpkg: register spatial index of %s: %w", table, err)
	}
	rtree := rtreeName(table, geomCol)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = ?`, rtree).Scan(&n); err != nil {
		return fmt.Errorf("gpkg: spatial index of %s: %w", table, err)
	}
	if n > 0 {
		return nil
	}
	// Table and column names are plain identifiers (Validate), so the R-tree
	// and trigger names need no escaping inside their quotes.
	r := strings.NewReplacer("<t>", quote(table), "<c>", quote(geomCol), "<i>", quote(pk), "<r>", rtree)
	for _, stmt := range spatialIndexSQL {
		if _, err := tx.ExecContext(ctx, r.Replace(stmt)); err != nil {
			return fmt.Errorf("gpkg: spatial index of %s: %w", table, err)
		}
	}
	return nil
}

// spatialIndexSQL creates and fills the R-tree of <t>.<c> (primary key <i>) and
// the triggers that keep it in step; <r> is the R-tree table name. The
// statements follow GeoPackage 1.3 Annex F.3 (with update3 in its corrected
// 1.2.1 form, which fires on any column) except for the action of update1; see
// CreateFeatureTable.
var spatialIndexSQL = []string{
	`CREATE VIRTUAL TABLE "<r>" USING rtree(id, minx, maxx, miny, maxy)`,

	`INSERT OR REPLACE INTO "<r>"
  SELECT <i>, ST_MinX(<c>), ST_MaxX(<c>), ST_MinY(<c>), ST_MaxY(<c>) FROM <t>
  WHERE <c> NOT NULL AND NOT ST_IsEmpty(<c>)`,

	// A row with a geometry arrives.
	`CREATE TRIGGER "<r>_insert" AFTER INSERT ON <t>
  WHEN (new.<c> NOT NULL AND NOT ST_IsEmpty(NEW.<c>))
BEGIN
  INSERT OR REPLACE INTO "<r>" VALUES (
    NEW.<i>,
    ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>),
    ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>)
  );
END`,

	// Same row, geometry set to a non-empty one. Delete-then-insert rather
	// than the spec's INSERT OR REPLACE: inside an UPSERT the outer statement's
	// conflict clause overrides OR REPLACE and the insert would fail with
	// "UNIQUE constraint failed" (geopackage issue #639, fixed in 1.4 by
	// splitting this trigger into update6 and update7).
	`CREATE TRIGGER "<r>_update1" AFTER UPDATE OF <c> ON <t>
  WHEN OLD.<i> = NEW.<i> AND
       (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM "<r>" WHERE id = NEW.<i>;
  INSERT INTO "<r>" VALUES (
    NEW.<i>,
    ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>),
    ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>)
  );
END`,

	// Same row, geometry set to NULL or empty.
	`CREATE TRIGGER "<r>_update2" AFTER UPDATE OF <c> ON <t>
  WHEN OLD.<i> = NEW.<i> AND
       (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM "<r>" WHERE id = OLD.<i>;
END`,

	// Primary key changed, geometry present.
	`CREATE TRIGGER "<r>_update3" AFTER UPDATE ON <t>
  WHEN OLD.<i> != NEW.<i> AND
       (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM "<r>" WHERE id = OLD.<i>;
  INSERT OR REPLACE INTO "<r>" VALUES (
    NEW.<i>,
    ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>),
    ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>)
  );
END`,

	// Primary key changed, geometry NULL or empty now.
	`CREATE TRIGGER "<r>_update4" AFTER UPDATE ON <t>
  WHEN OLD.<i> != NEW.<i> AND
       (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM "<r>" WHERE id IN (OLD.<i>, NEW.<i>);
END`,

	`CREATE TRIGGER "<r>_delete" AFTER DELETE ON <t>
  WHEN old.<c> NOT NULL
BEGIN
  DELETE FROM "<r>" WHERE id = OLD.<i>;
END`,
}

// UpdateExtent sets the bounding box (min_x, min_y, max_x, max_y) of a feature
// table in gpkg_contents, or NULLs when it has no geometries, and stamps
// last_change. The box comes from the geometries' own envelopes rather than
// the R-tree, whose float32 boxes are rounded outwards.
func UpdateExtent(ctx context.Context, tx *sql.Tx, table string) error {
	var geomCol string
	err := tx.QueryRowContext(ctx, `SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?`, table).Scan(&geomCol)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %s is not a feature table", ErrInvalid, table)
	}
	if err != nil {
		return fmt.Errorf("gpkg: extent of %s: %w", table, err)
	}
	c := quote(geomCol)
	q := fmt.Sprintf(`SELECT min(ST_MinX(%[1]s)), min(ST_MinY(%[1]s)), max(ST_MaxX(%[1]s)), max(ST_MaxY(%[1]s)) FROM %[2]s`, c, quote(table))
	var minX, minY, maxX, maxY sql.NullFloat64
	if err := tx.QueryRowContext(ctx, q).Scan(&minX, &minY, &maxX, &maxY); err != nil {
		return fmt.Errorf("gpkg: extent of %s: %w", table, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE gpkg_contents
		SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
		    last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
		WHERE table_name = ?`,
		minX, minY, maxX, maxY, table); err != nil {
		return fmt.Errorf("gpkg: extent of %s: %w", table, err)
	}
	return nil
}

// BBoxQuery returns a query selecting the primary keys of the rows of a
// feature table whose R-tree box intersects a bounding box; pass the box as
// BBoxArgs. Use it as a subquery:
//
//	q := "SELECT ... FROM places WHERE fid IN (" + gpkg.BBoxQuery("places", "geom") + ")"
//	rows, err := tx.QueryContext(ctx, q, gpkg.BBoxArgs(bbox)...)
//
// The R-tree holds float32 boxes rounded outwards, so the result is a superset:
// refine it with an exact test (geo.Intersects) where it matters. A bbox
// crossing the antimeridian must be split by the caller.
func BBoxQuery(table, geomCol string) string {
	return "SELECT id FROM " + quote(rtreeName(table, geomCol)) +
		" WHERE maxx >= ? AND maxy >= ? AND minx <= ? AND miny <= ?"
}

// BBoxArgs returns the arguments of BBoxQuery for b, in the order
// min x, min y, max x, max y.
func BBoxArgs(b orb.Bound) []any {
	return []any{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
}

// ExtendExtent grows the extent of a feature table in gpkg_contents to cover
// b and stamps last_change: the cheap update after inserting features, where
// UpdateExtent would read every geometry. After deletions the extent may stay
// larger than the data until the next UpdateExtent, which GeoPackage allows
// of an informative bounding box.
func ExtendExtent(ctx context.Context, tx *sql.Tx, table string, b orb.Bound) error {
	if _, err := tx.ExecContext(ctx, `
		UPDATE gpkg_contents
		SET min_x = min(coalesce(min_x, ?), ?), min_y = min(coalesce(min_y, ?), ?),
		    max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?),
		    last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
		WHERE table_name = ?`,
		b.Min[0], b.Min[0], b.Min[1], b.Min[1], b.Max[0], b.Max[0], b.Max[1], b.Max[1], table); err != nil {
		return fmt.Errorf("gpkg: extend extent of %s: %w", table, err)
	}
	return nil
}
