package gpkg

import (
	"fmt"

	"github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"
)

// registerFunctions adds the SQL functions the GeoPackage R-tree triggers call
// (GeoPackage 1.3 Annex F.3) plus ST_GeometryType. All are deterministic,
// return NULL for a NULL argument, and fail on bytes that are not a geometry
// blob, so a bad blob cannot slip into a spatially indexed table.
func registerFunctions(c *sqlite3.SQLiteConn) error {
	funcs := []struct {
		name string
		impl func(any) (any, error)
	}{
		{"ST_IsEmpty", stIsEmpty},
		{"ST_MinX", boundFunc(func(b orb.Bound) float64 { return b.Min[0] })},
		{"ST_MaxX", boundFunc(func(b orb.Bound) float64 { return b.Max[0] })},
		{"ST_MinY", boundFunc(func(b orb.Bound) float64 { return b.Min[1] })},
		{"ST_MaxY", boundFunc(func(b orb.Bound) float64 { return b.Max[1] })},
		{"ST_GeometryType", stGeometryType},
	}
	for _, f := range funcs {
		if err := c.RegisterFunc(f.name, f.impl, true); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// blobArg returns the blob in an SQL argument; ok is false for NULL.
func blobArg(v any) (b []byte, ok bool, err error) {
	switch v := v.(type) {
	case nil:
		return nil, false, nil
	case []byte:
		return v, len(v) > 0, nil
	}
	return nil, false, fmt.Errorf("%w: got %T, want a blob", ErrInvalidBlob, v)
}

func stIsEmpty(v any) (any, error) {
	b, ok, err := blobArg(v)
	if !ok {
		return nil, err
	}
	_, empty, err := envelope(b)
	if err != nil {
		return nil, err
	}
	if empty {
		return int64(1), nil
	}
	return int64(0), nil
}

// boundFunc makes an ST_Min/Max function; it gives NULL for empty geometries,
// which have no bounds.
func boundFunc(pick func(orb.Bound) float64) func(any) (any, error) {
	return func(v any) (any, error) {
		b, ok, err := blobArg(v)
		if !ok {
			return nil, err
		}
		bound, empty, err := envelope(b)
		if err != nil || empty {
			return nil, err
		}
		return pick(bound), nil
	}
}

func stGeometryType(v any) (any, error) {
	b, ok, err := blobArg(v)
	if !ok {
		return nil, err
	}
	h, err := parseHeader(b)
	if err != nil {
		return nil, err
	}
	t, err := wkbType(b[h.size:])
	if err != nil {
		return nil, err
	}
	return wkbTypeNames[t], nil
}
