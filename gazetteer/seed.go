package gazetteer

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// SeedStats says what Seed loaded.
type SeedStats struct {
	World, Curated ImportStats
}

// Seed fills an empty gazetteer: first the world background, then every
// curated GeoJSON file of curated (which replaces background entries for the
// same places). A gazetteer that already has places is left alone, so Seed is
// safe to call on every start.
func (s *Store) Seed(ctx context.Context, curated, world fs.FS) (SeedStats, error) {
	var st SeedStats
	all, _, err := s.Count(ctx)
	if err != nil || all > 0 {
		return st, err
	}
	if world != nil {
		places, err := LoadWorld(world)
		if err != nil {
			return st, err
		}
		if st.World, err = s.Import(ctx, "world background", places, "seed"); err != nil {
			return st, err
		}
	}
	places, err := ReadCurated(curated)
	if err != nil {
		return st, err
	}
	if st.Curated, err = s.Import(ctx, "seeds/gazetteer", places, "seed"); err != nil {
		return st, err
	}
	return st, nil
}

// ReadCurated reads and validates every *.geojson file of fsys, in name
// order, as one list: an id used in two files is an error.
func ReadCurated(fsys fs.FS) ([]*Place, error) {
	files, err := fs.Glob(fsys, "*.geojson")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	sort.Strings(files)
	var all []*Place
	seen := map[string]string{}
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		places, err := DecodeFeatureCollection(f, path.Base(name))
		f.Close()
		if err != nil {
			return nil, err
		}
		for i, p := range places {
			if other, dup := seen[p.ID]; dup {
				return nil, &ImportError{File: name, Feature: i, ID: p.ID,
					Err: &ValidationError{"id", "duplicate id, already used in " + other}}
			}
			seen[p.ID] = name
		}
		all = append(all, places...)
	}
	return all, nil
}
