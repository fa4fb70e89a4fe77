package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
)

func cmdGazetteer(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 {
		return usagef("gazetteer: want a subcommand: import, export or search")
	}
	var cfg Config
	sub, rest := args[0], args[1:]
	fs := newFlags("gazetteer "+sub, env, &cfg)
	var out string
	var asJSON bool
	switch sub {
	case "export":
		fs.StringVar(&out, "o", "", "write to this file instead of stdout")
	case "search":
		fs.BoolVar(&asJSON, "json", false, "print the places as GeoJSON")
	case "import":
	default:
		return usagef("gazetteer: unknown subcommand %q (want import, export or search)", sub)
	}
	pos, err := parseFlags(fs, rest)
	if err != nil {
		return err
	}
	st, err := openStores(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.close()
	if _, err := st.seed(ctx, env.stderr, false); err != nil {
		return err
	}
	switch sub {
	case "import":
		if len(pos) == 0 {
			return usagef("gazetteer import: want one or more files")
		}
		return gazetteerImport(ctx, env, st, pos)
	case "export":
		if len(pos) != 0 {
			return usagef("gazetteer export: takes no arguments (use -o FILE)")
		}
		return gazetteerExport(ctx, env, st, out)
	default:
		if len(pos) == 0 {
			return usagef("gazetteer search: want a name")
		}
		return gazetteerSearch(ctx, env, st, strings.Join(pos, " "), asJSON)
	}
}

// gazetteerImport imports curated GeoJSON files and GeoNames dump tables. An
// alternateNamesV2.txt among the files adds its names to the dump tables.
func gazetteerImport(ctx context.Context, env *environment, st *stores, files []string) error {
	var altFile string
	var tables, geojsonFiles []string
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f)) {
		case ".geojson", ".json":
			geojsonFiles = append(geojsonFiles, f)
		default:
			first, err := firstLine(f)
			if err != nil {
				return err
			}
			if gazetteer.IsGeoNamesAlternateNames(first) {
				altFile = f
			} else {
				tables = append(tables, f)
			}
		}
	}
	if altFile != "" && len(tables) == 0 {
		return usagef("gazetteer import: %s holds alternate names; give the GeoNames table it belongs to as well", altFile)
	}
	for _, f := range geojsonFiles {
		r, err := os.Open(f)
		if err != nil {
			return err
		}
		places, err := gazetteer.DecodeFeatureCollection(r, f)
		r.Close()
		if err != nil {
			return err
		}
		if err := importPlaces(ctx, env, st, f, places); err != nil {
			return err
		}
	}
	for _, f := range tables {
		r, err := os.Open(f)
		if err != nil {
			return err
		}
		var alt io.Reader
		var altClose func() error
		if altFile != "" {
			a, err := os.Open(altFile)
			if err != nil {
				r.Close()
				return err
			}
			alt, altClose = a, a.Close
		}
		places, err := gazetteer.ReadGeoNames(bufio.NewReaderSize(r, 1<<20), f, alt, altFile)
		r.Close()
		if altClose != nil {
			altClose()
		}
		if err != nil {
			return err
		}
		if err := importPlaces(ctx, env, st, f, places); err != nil {
			return err
		}
	}
	return nil
}

func importPlaces(ctx context.Context, env *environment, st *stores, file string, places []*gazetteer.Place) error {
	stats, err := st.places.Import(ctx, file, places, "cli")
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %d places read, %d created, %d updated, %d unchanged, %d replaced by curated entries\n",
		file, len(places), stats.Created, stats.Updated, stats.Unchanged, stats.Replaced)
	return nil
}

func firstLine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if sc.Scan() {
		return sc.Text(), nil
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return "", fmt.Errorf("%s is empty", path)
}

func gazetteerExport(ctx context.Context, env *environment, st *stores, out string) error {
	var places []*gazetteer.Place
	err := st.places.Each(ctx, func(p *gazetteer.Place) error {
		places = append(places, p)
		return nil
	})
	if err != nil {
		return err
	}
	if out == "" {
		return gazetteer.EncodeFeatureCollection(env.stdout, places)
	}
	// Write beside the target and rename, so a failed export never leaves half a file.
	tmp, err := os.CreateTemp(filepath.Dir(out), ".export-*.geojson")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := gazetteer.EncodeFeatureCollection(tmp, places); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "wrote %d places to %s\n", len(places), out)
	return nil
}

func gazetteerSearch(ctx context.Context, env *environment, st *stores, name string, asJSON bool) error {
	found, err := st.places.Search(ctx, name, 10)
	if err != nil {
		return err
	}
	if len(found) == 0 {
		return fmt.Errorf("no place is named %q", name)
	}
	if asJSON {
		return gazetteer.EncodeFeatureCollection(env.stdout, found)
	}
	for i, p := range found {
		if i > 0 {
			fmt.Fprintln(env.stdout)
		}
		where := "no geometry"
		if pt, ok := gazetteer.PointOf(p); ok {
			where = fmt.Sprintf("%.5f, %.5f", pt.Lat(), pt.Lon())
			if _, isPoint := p.Geometry.(orb.Point); !isPoint {
				where = p.Geometry.GeoJSONType() + " around " + where
			}
		}
		fmt.Fprintf(env.stdout, "%s  %s  (%s, %s)  %s  [%s]\n", p.ID, p.Name, p.Kind, orDash(p.Country), where, p.Origin)
		for _, n := range p.Names {
			fmt.Fprintf(env.stdout, "    %-32s %-4s %-5s %s\n", n.Text, n.Lang, orDash(n.Script), n.Usage)
		}
		if p.Source != "" {
			fmt.Fprintf(env.stdout, "    source: %s; precision %.1f km\n", p.Source, p.PrecisionKm)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
