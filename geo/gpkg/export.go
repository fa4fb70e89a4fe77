package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
)

// Layer is one feature table of an exported GeoPackage and the rows to fill it.
type Layer struct {
	Table FeatureTable
	// Rows calls yield once per feature with its geometry (nil for none) and
	// the values of the attribute columns, in the order Table.Columns declares
	// them. It stops and returns the error when yield fails.
	Rows func(yield func(geom orb.Geometry, values ...any) error) error
}

// Export writes a new standalone GeoPackage at path holding the given layers,
// replacing any file there. It builds the file under a temporary name in the
// same directory, in one transaction, and renames it into place only when
// complete, so readers never see half a file. The file uses a rollback journal
// rather than WAL, so it is a single self-contained file.
func Export(ctx context.Context, path string, layers []Layer) error {
	seen := make(map[string]bool)
	for _, l := range layers {
		name := strings.ToLower(l.Table.Name)
		if seen[name] {
			return fmt.Errorf("%w: export %s: layer %s twice", ErrInvalid, path, l.Table.Name)
		}
		seen[name] = true
		if l.Rows == nil {
			return fmt.Errorf("%w: export %s: layer %s has no Rows", ErrInvalid, path, l.Table.Name)
		}
	}

	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("gpkg: export %s: %w", path, err)
	}
	tmp := f.Name()
	// SQLite treats the empty file as a new database.
	err = f.Close()
	if err == nil {
		err = build(ctx, tmp, layers)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("gpkg: export %s: %w", path, err)
	}
	return nil
}

// build writes the layers into the new database file at path.
func build(ctx context.Context, path string, layers []Layer) error {
	db, err := open(path)
	if err != nil {
		return err
	}
	if err := writeLayers(ctx, db, layers); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}

func writeLayers(ctx context.Context, db *sql.DB, layers []Layer) error {
	if err := Init(ctx, db); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, l := range layers {
		if err := writeLayer(ctx, tx, l); err != nil {
			return fmt.Errorf("layer %s: %w", l.Table.Name, err)
		}
	}
	return tx.Commit()
}

func writeLayer(ctx context.Context, tx *sql.Tx, l Layer) error {
	t := l.Table.withDefaults()
	if err := CreateFeatureTable(ctx, tx, t); err != nil {
		return err
	}
	cols, err := attributeColumns(ctx, tx, t)
	if err != nil {
		return err
	}
	names := []string{quote(t.GeomColumn)}
	for _, c := range cols {
		names = append(names, quote(c))
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (?%s)",
		quote(t.Name), strings.Join(names, ", "), strings.Repeat(", ?", len(cols)))
	stmt, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return err
	}
	defer stmt.Close()

	n := 0
	err = l.Rows(func(g orb.Geometry, values ...any) error {
		n++
		if len(values) != len(cols) {
			return fmt.Errorf("%w: row %d has %d values for %d columns", ErrInvalid, n, len(values), len(cols))
		}
		blob, err := EncodeGeometry(g, t.SRSID)
		if err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		if _, err := stmt.ExecContext(ctx, append([]any{blob}, values...)...); err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return UpdateExtent(ctx, tx, t.Name)
}

// attributeColumns lists the columns of a feature table other than its
// primary key and geometry, in declaration order.
func attributeColumns(ctx context.Context, tx *sql.Tx, t FeatureTable) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) WHERE pk = 0 ORDER BY cid`, t.Name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if !strings.EqualFold(name, t.GeomColumn) {
			cols = append(cols, name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return cols, nil
}
