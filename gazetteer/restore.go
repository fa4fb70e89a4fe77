package gazetteer

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// FieldChange is one field that differs between two versions of a place.
// Before and After hold the field's values in the curated GeoJSON format
// (a geometry as a GeoJSON geometry, names as a list); nil means absent.
type FieldChange struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	// Added and Removed list, for the names field, the names only one side
	// has, so that a reader sees "+ Berdzor (hy, armenian)" without
	// comparing two lists.
	Added   []Name `json:"added,omitempty"`
	Removed []Name `json:"removed,omitempty"`
}

// Diff lists the fields that differ from before to after, in the order of
// the curated format. The bookkeeping fields (version, created, updated)
// are left out: they change with every write. A nil before (a creation) or
// after lists every field the other side has.
func Diff(before, after *Place) []FieldChange {
	var b, a Place
	if before != nil {
		b = *before
	}
	if after != nil {
		a = *after
	}
	var out []FieldChange
	add := func(field string, bv, av any, differ bool) {
		if differ {
			out = append(out, FieldChange{Field: field, Before: bv, After: av})
		}
	}
	str := func(field, bv, av string) { add(field, emptyNil(bv), emptyNil(av), bv != av) }
	str("name", b.Name, a.Name)
	str("kind", string(b.Kind), string(a.Kind))
	add("geometry", geometryValue(b.Geometry), geometryValue(a.Geometry), !orb.Equal(b.Geometry, a.Geometry))
	str("parent", b.Parent, a.Parent)
	str("country", b.Country, a.Country)
	add("population", zeroNil(b.Population), zeroNil(a.Population), b.Population != a.Population)
	add("geonames_id", zeroNil(b.GeoNamesID), zeroNil(a.GeoNamesID), b.GeoNamesID != a.GeoNamesID)
	str("wikidata", b.Wikidata, a.Wikidata)
	add("precision_km", zeroNil(b.PrecisionKm), zeroNil(a.PrecisionKm), b.PrecisionKm != a.PrecisionKm)
	str("source", b.Source, a.Source)
	str("notes", b.Notes, a.Notes)
	str("origin", string(b.Origin), string(a.Origin))
	if !slices.Equal(b.Names, a.Names) {
		out = append(out, FieldChange{Field: "names", Before: namesValue(b.Names), After: namesValue(a.Names),
			Added: nameDifference(a.Names, b.Names), Removed: nameDifference(b.Names, a.Names)})
	}
	add("deleted", b.Deleted, a.Deleted, b.Deleted != a.Deleted)
	return out
}

func emptyNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func zeroNil[T int64 | float64](v T) any {
	if v == 0 {
		return nil
	}
	return v
}

func geometryValue(g orb.Geometry) any {
	if g == nil {
		return nil
	}
	return geojson.NewGeometry(g)
}

func namesValue(ns []Name) any {
	if len(ns) == 0 {
		return nil
	}
	return ns
}

// nameDifference returns the names of a that b lacks, counting repeats.
func nameDifference(a, b []Name) []Name {
	left := slices.Clone(b)
	var out []Name
	for _, n := range a {
		if i := slices.Index(left, n); i >= 0 {
			left = slices.Delete(left, i, i+1)
			continue
		}
		out = append(out, n)
	}
	return out
}

// Places decodes the change's snapshots; either is nil when the change has
// none (a creation has no before).
func (c Change) Places() (before, after *Place, err error) {
	if len(c.Before) > 0 {
		if before, err = DecodeFeature(c.Before); err != nil {
			return nil, nil, fmt.Errorf("gazetteer: history of %q, version %d: %w", c.PlaceID, c.Version, err)
		}
	}
	if len(c.After) > 0 {
		if after, err = DecodeFeature(c.After); err != nil {
			return nil, nil, fmt.Errorf("gazetteer: history of %q, version %d: %w", c.PlaceID, c.Version, err)
		}
	}
	return before, after, nil
}

// Diff lists the fields the change changed.
func (c Change) Diff() ([]FieldChange, error) {
	before, after, err := c.Places()
	if err != nil {
		return nil, err
	}
	return Diff(before, after), nil
}

// PlaceAt returns the content a place had at one version, as its history
// recorded it, or ErrNotFound. The content is the one a change wrote at that
// version, or, for a version written without a record (a background entry
// as imported), the content a later change started from.
func (s *Store) PlaceAt(ctx context.Context, id string, version int64) (*Place, error) {
	changes, err := s.History(ctx, id)
	if err != nil {
		return nil, err
	}
	var found *Place
	for _, c := range changes {
		before, after, err := c.Places()
		if err != nil {
			return nil, err
		}
		switch {
		case after != nil && c.Version == version:
			return after, nil
		case before != nil && before.Version == version && found == nil:
			found = before
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%w: place %q has no recorded version %d", ErrNotFound, id, version)
	}
	return found, nil
}

// Restore makes the content place id had at version its current content
// again, as a new version recorded with the action "restore": an edit like
// any other, which can itself be undone. A deleted place comes back to
// life. expectVersion is the version the caller saw, as in Update. The
// restored place is returned.
func (s *Store) Restore(ctx context.Context, id string, version, expectVersion int64, author string) (*Place, error) {
	snap, err := s.PlaceAt(ctx, id, version)
	if err != nil {
		return nil, err
	}
	p := *snap
	p.ID = id
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.get(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if old.Version != expectVersion {
			return &VersionError{ID: id, Have: old.Version, Want: expectVersion}
		}
		if p.Origin == "" || p.Origin == OriginBackground {
			p.Origin = OriginUser
		}
		if err := p.Validate(); err != nil {
			return err
		}
		w, err := newPlaceWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		p.Version, p.Created, p.Updated, p.Deleted = old.Version+1, old.Created, s.now(), false
		if err := w.update(ctx, &p); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, &p); err != nil {
			return err
		}
		return s.record(ctx, tx, id, p.Version, "restore", author, old, &p)
	}); err != nil {
		return nil, err
	}
	return &p, nil
}

// freeID returns an id for a new place called name: the name as a slug
// ("Nerkin Sus" → "nerkin-sus"), with a number appended when a place
// (live or deleted) already has it. Names without Latin letters or digits
// give "place".
// Create calls it inside its transaction for a place without an id.
func (s *Store) freeID(ctx context.Context, q queryer, name string) (string, error) {
	base := slug(name)
	if base == "" {
		base = "place"
	}
	for i := 1; i <= 1000; i++ {
		id := base
		if i > 1 {
			id = base + "-" + strconv.Itoa(i)
		}
		_, err := s.get(ctx, q, id, true)
		if errors.Is(err, ErrNotFound) {
			return id, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("%w: no free id for %q; give one", ErrConflict, name)
}

func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range NormalizeName(name) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	s := b.String()
	if len(s) > 100 {
		s = strings.TrimRight(s[:100], "-")
	}
	if s == "" {
		return "place"
	}
	return s
}

// RecentChanges returns the latest change to each place that people or
// programs changed after the seed import, newest first: what the admin
// page lists as recently changed. Before and After are left empty.
func (s *Store) RecentChanges(ctx context.Context, limit int) ([]Change, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, place_id, version, action, author, at FROM place_history
		WHERE seq IN (SELECT max(seq) FROM place_history WHERE action != 'import' GROUP BY place_id)
		ORDER BY seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: recent changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var at string
		if err := rows.Scan(&c.Seq, &c.PlaceID, &c.Version, &c.Action, &c.Author, &at); err != nil {
			return nil, fmt.Errorf("gazetteer: recent changes: %w", err)
		}
		c.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Unlocated returns live places without a geometry, curated ones first,
// by name: the entries an editor should give coordinates.
func (s *Store) Unlocated(ctx context.Context, kinds []Kind, limit int) ([]*Place, error) {
	if limit <= 0 {
		limit = 50
	}
	where, args := `deleted = 0 AND geom IS NULL`, []any{}
	if len(kinds) > 0 {
		where += ` AND kind IN (?` + strings.Repeat(", ?", len(kinds)-1) + `)`
		for _, k := range kinds {
			args = append(args, string(k))
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+placeColumns("")+` FROM places WHERE `+where+`
		ORDER BY origin = 'background', name, id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: unlocated places: %w", err)
	}
	defer rows.Close()
	var out []*Place
	for rows.Next() {
		p, _, err := scanPlace(rows)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: unlocated places: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
