package gazetteer

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/paulmach/orb"

	"dateline/geo"
	"dateline/geo/gpkg"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store keeps places, their names and their history in the GeoPackage.
type Store struct {
	db  *sql.DB
	now func() time.Time
}

// NewStore applies the gazetteer's migrations to db (opened with gpkg.Open)
// and returns a store over it.
func NewStore(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := gpkg.MigrateDir(ctx, db, "gazetteer", migrationFiles, "migrations"); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return &Store{db: db, now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}, nil
}

// DB returns the database the store works on (for other stores sharing the file).
func (s *Store) DB() *sql.DB { return s.db }

// DataVersion is bumped by every change to the gazetteer; caches key on it.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, `SELECT version FROM gazetteer_state WHERE one = 1`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("gazetteer: read data version: %w", err)
	}
	return v, nil
}

// Count returns the number of live places, and how many of them are curated.
func (s *Store) Count(ctx context.Context) (all, curated int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(origin != 'background'), 0) FROM places WHERE deleted = 0`).Scan(&all, &curated)
	if err != nil {
		return 0, 0, fmt.Errorf("gazetteer: count places: %w", err)
	}
	return all, curated, nil
}

// placeColumns lists the columns scanPlace reads, qualified by alias
// ("" for none).
func placeColumns(alias string) string {
	a := alias
	return a + `fid, ` + a + `geom, ` + a + `id, ` + a + `name, ` + a + `kind, coalesce(` + a + `parent, ''), coalesce(` + a + `country, ''), ` +
		a + `population, coalesce(` + a + `geonames_id, 0), coalesce(` + a + `wikidata, ''), coalesce(` + a + `precision_km, 0), coalesce(` +
		a + `source, ''), coalesce(` + a + `notes, ''), ` + a + `origin, ` + a + `names, ` + a + `version, ` + a + `created, ` + a + `updated, ` + a + `deleted`
}

type rowScanner interface{ Scan(dest ...any) error }

func scanPlace(r rowScanner) (*Place, int64, error) {
	var (
		p                       Place
		fid                     int64
		blob                    []byte
		names, created, updated string
	)
	err := r.Scan(&fid, &blob, &p.ID, &p.Name, &p.Kind, &p.Parent, &p.Country, &p.Population,
		&p.GeoNamesID, &p.Wikidata, &p.PrecisionKm, &p.Source, &p.Notes, &p.Origin, &names,
		&p.Version, &created, &updated, &p.Deleted)
	if err != nil {
		return nil, 0, err
	}
	if len(blob) > 0 {
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil {
			return nil, 0, fmt.Errorf("gazetteer: place %s: %w", p.ID, err)
		}
		p.Geometry = g
	}
	if err := json.Unmarshal([]byte(names), &p.Names); err != nil {
		return nil, 0, fmt.Errorf("gazetteer: place %s: names: %w", p.ID, err)
	}
	p.Created, _ = time.Parse(time.RFC3339, created)
	p.Updated, _ = time.Parse(time.RFC3339, updated)
	return &p, fid, nil
}

// Get returns the live place with this id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (*Place, error) {
	p, err := s.get(ctx, s.db, id, false)
	return p, err
}

// GetAny returns the place with this id even when it is deleted.
func (s *Store) GetAny(ctx context.Context, id string) (*Place, error) {
	return s.get(ctx, s.db, id, true)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) get(ctx context.Context, q queryer, id string, withDeleted bool) (*Place, error) {
	p, _, err := scanPlace(q.QueryRowContext(ctx, `SELECT `+placeColumns("")+` FROM places WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && p.Deleted && !withDeleted) {
		return nil, fmt.Errorf("%w: place %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("gazetteer: get %q: %w", id, err)
	}
	return p, nil
}

// Each calls fn for every live place, in fid order, streaming from the database.
func (s *Store) Each(ctx context.Context, fn func(*Place) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+placeColumns("")+` FROM places WHERE deleted = 0 ORDER BY fid`)
	if err != nil {
		return fmt.Errorf("gazetteer: list places: %w", err)
	}
	defer rows.Close()
	in := interner{}
	for rows.Next() {
		p, _, err := scanPlace(rows)
		if err != nil {
			return fmt.Errorf("gazetteer: list places: %w", err)
		}
		in.place(p)
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// interner keeps one copy of the short strings many places repeat (kinds,
// countries, parents, sources, languages, scripts, usages) when every place
// is read: the driver gives each row its own copies, and a geoparser holds
// every place of the world background.
type interner map[string]string

// maxInterned bounds the strings an interner keeps.
const maxInterned = 1 << 16

func (in interner) of(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	if len(s) <= 32 && len(in) < maxInterned {
		in[s] = s
	}
	return s
}

// place replaces p's repeated strings by the interned copies; a name
// spelt as the place's own name shares its text.
func (in interner) place(p *Place) {
	p.Kind = Kind(in.of(string(p.Kind)))
	p.Country, p.Parent, p.Source = in.of(p.Country), in.of(p.Parent), in.of(p.Source)
	p.Origin = Origin(in.of(string(p.Origin)))
	for i := range p.Names {
		n := &p.Names[i]
		n.Lang, n.Script, n.Usage = in.of(n.Lang), in.of(n.Script), Usage(in.of(string(n.Usage)))
		if n.Text == p.Name {
			n.Text = p.Name
		}
	}
}

// Search finds live places by any of their names, ignoring case and
// diacritics: exact names first, then names starting with q; curated
// entries before background ones, larger places first.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]*Place, error) {
	key := NormalizeName(q)
	if key == "" {
		return nil, fmt.Errorf("%w: empty search", ErrInvalid)
	}
	if limit <= 0 {
		limit = 10
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT `+placeColumns("p.")+`
		FROM places p JOIN (
			SELECT place_fid, min(CASE WHEN norm = ? THEN 0 ELSE 1 END) AS rank
			FROM place_names WHERE norm >= ? AND norm < ? GROUP BY place_fid
		) m ON m.place_fid = p.fid
		WHERE p.deleted = 0
		ORDER BY m.rank, p.origin = 'background', p.population DESC, p.id
		LIMIT ?`, key, key, key+"\U0010FFFF", limit)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: search: %w", err)
	}
	defer rows.Close()
	var out []*Place
	for rows.Next() {
		p, _, err := scanPlace(rows)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: search: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Change is one entry of a place's history.
type Change struct {
	Seq     int64           `json:"seq"`
	PlaceID string          `json:"place_id"`
	Version int64           `json:"version"`
	Action  string          `json:"action"` // create, update, delete, restore, import
	Author  string          `json:"author"`
	At      time.Time       `json:"at"`
	Before  json.RawMessage `json:"before,omitempty"` // the place as a GeoJSON feature
	After   json.RawMessage `json:"after,omitempty"`
}

// History returns every recorded change to a place, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, place_id, version, action, author, at,
		coalesce(before, ''), coalesce(after, '') FROM place_history WHERE place_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: history: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var at, before, after string
		if err := rows.Scan(&c.Seq, &c.PlaceID, &c.Version, &c.Action, &c.Author, &at, &before, &after); err != nil {
			return nil, fmt.Errorf("gazetteer: history: %w", err)
		}
		c.At, _ = time.Parse(time.RFC3339, at)
		if before != "" {
			c.Before = json.RawMessage(before)
		}
		if after != "" {
			c.After = json.RawMessage(after)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if _, err := s.GetAny(ctx, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Create stores a new place (version 1) and records it in the history. A
// place without an id gets a free one made from its name ("lachin-2" when
// "lachin" is taken), chosen inside the transaction that stores it, so that
// creates running at once never pick the same id.
func (s *Store) Create(ctx context.Context, p *Place, author string) error {
	if p.Origin == "" {
		p.Origin = OriginUser
	}
	auto := p.ID == ""
	if !auto {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if auto {
			id, err := s.freeID(ctx, tx, p.Name)
			if err != nil {
				return err
			}
			p.ID = id
			if err := p.Validate(); err != nil {
				p.ID = ""
				return err
			}
		}
		w, err := newPlaceWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		if _, err := s.get(ctx, tx, p.ID, true); err == nil {
			return fmt.Errorf("%w: a place with id %q already exists", ErrConflict, p.ID)
		}
		now := s.now()
		p.Version, p.Created, p.Updated, p.Deleted = 1, now, now, false
		if err := w.insert(ctx, p); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, p); err != nil {
			return err
		}
		if err := extendExtent(ctx, tx, p); err != nil {
			return err
		}
		return s.record(ctx, tx, p.ID, p.Version, "create", author, nil, p)
	})
}

// Update replaces a place. expectVersion must be the version the caller
// edited; when the stored place has moved on, Update returns ErrConflict and
// changes nothing. The new version is stored in p.
func (s *Store) Update(ctx context.Context, p *Place, expectVersion int64, author string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.get(ctx, tx, p.ID, false)
		if err != nil {
			return err
		}
		if old.Version != expectVersion {
			return &VersionError{ID: p.ID, Have: old.Version, Want: expectVersion}
		}
		w, err := newPlaceWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		p.Version, p.Created, p.Updated, p.Deleted = old.Version+1, old.Created, s.now(), false
		if p.Origin == "" || p.Origin == OriginBackground {
			// An edited background entry is curated by a person from now on.
			p.Origin = OriginUser
		}
		if err := w.update(ctx, p); err != nil {
			return err
		}
		if err := checkParent(ctx, tx, p); err != nil {
			return err
		}
		if err := extendExtent(ctx, tx, p); err != nil {
			return err
		}
		return s.record(ctx, tx, p.ID, p.Version, "update", author, old, p)
	})
}

// Delete marks a place deleted (restorable with Restore); expectVersion as in Update.
func (s *Store) Delete(ctx context.Context, id string, expectVersion int64, author string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.get(ctx, tx, id, false)
		if err != nil {
			return err
		}
		if old.Version != expectVersion {
			return &VersionError{ID: id, Have: old.Version, Want: expectVersion}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE places SET deleted = 1, version = version + 1, updated = ? WHERE id = ?`,
			s.now().Format(time.RFC3339), id); err != nil {
			return fmt.Errorf("gazetteer: delete %q: %w", id, err)
		}
		after := *old
		after.Version, after.Deleted = old.Version+1, true
		return s.record(ctx, tx, id, after.Version, "delete", author, old, &after)
	})
}

// VersionError reports an edit made against a version that is no longer the
// stored one. It wraps ErrConflict.
type VersionError struct {
	ID         string
	Have, Want int64
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("gazetteer: place %q is at version %d, the edit was made against version %d; reload and edit again", e.ID, e.Have, e.Want)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *VersionError) Unwrap() error { return ErrConflict }

// ImportStats says what an import did.
type ImportStats struct {
	Created, Updated, Unchanged, Replaced int
}

// Import stores places in one transaction: new ids are created, existing ones
// updated when they differ. Nothing is stored when any place is invalid, an
// id appears twice, or a parent is unknown. Background entries that a curated
// entry already covers (same GeoNames id) are dropped. Background inserts are
// not written to the history (the world import would double the file); every
// other change is.
func (s *Store) Import(ctx context.Context, file string, places []*Place, author string) (ImportStats, error) {
	var st ImportStats
	seen := make(map[string]int, len(places))
	for i, p := range places {
		if err := p.Validate(); err != nil {
			return st, &ImportError{File: file, Feature: i, ID: p.ID, Err: err}
		}
		if j, dup := seen[p.ID]; dup {
			return st, &ImportError{File: file, Feature: i, ID: p.ID,
				Err: &ValidationError{"id", fmt.Sprintf("duplicate id, already used by feature %d", j)}}
		}
		seen[p.ID] = i
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w, err := newPlaceWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		covered, err := curatedGeoNamesIDs(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		for i, p := range places {
			if p.Origin == OriginBackground && p.GeoNamesID != 0 && covered[p.GeoNamesID] {
				st.Replaced++
				continue
			}
			old, err := w.lookup(ctx, p.ID)
			switch {
			case errors.Is(err, ErrNotFound):
				p.Version, p.Created, p.Updated = 1, now, now
				if err := w.insert(ctx, p); err != nil {
					return &ImportError{File: file, Feature: i, ID: p.ID, Err: err}
				}
				st.Created++
				if p.Origin != OriginBackground {
					if err := s.record(ctx, tx, p.ID, 1, "import", author, nil, p); err != nil {
						return err
					}
				}
			case err != nil:
				return err
			case samePlace(old, p):
				st.Unchanged++
			default:
				if old.Origin != OriginBackground && p.Origin == OriginBackground {
					// A person's or the curated entry wins over the background.
					st.Replaced++
					continue
				}
				p.Version, p.Created, p.Updated = old.Version+1, old.Created, now
				if err := w.update(ctx, p); err != nil {
					return &ImportError{File: file, Feature: i, ID: p.ID, Err: err}
				}
				st.Updated++
				if err := s.record(ctx, tx, p.ID, p.Version, "import", author, old, p); err != nil {
					return err
				}
			}
			if p.Origin != OriginBackground && p.GeoNamesID != 0 {
				covered[p.GeoNamesID] = true
			}
		}
		if err := dropCoveredBackground(ctx, tx); err != nil {
			return err
		}
		for _, p := range places {
			if p.Origin == OriginBackground {
				continue
			}
			n, err := dropBackgroundTwins(ctx, tx, p)
			if err != nil {
				return err
			}
			st.Replaced += n
		}
		if err := checkParents(ctx, tx, file, places); err != nil {
			return err
		}
		// An import may touch any part of the layer: measure it all again.
		if err := gpkg.UpdateExtent(ctx, tx, "places"); err != nil {
			return fmt.Errorf("gazetteer: %w", err)
		}
		return nil
	})
	return st, err
}

// extendExtent grows the places layer's extent to cover an edited place;
// reading every geometry again is left to imports.
func extendExtent(ctx context.Context, tx *sql.Tx, p *Place) error {
	if p.Geometry == nil {
		return nil
	}
	if err := gpkg.ExtendExtent(ctx, tx, "places", p.Geometry.Bound()); err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	return nil
}

func samePlace(a, b *Place) bool {
	fa, _ := json.Marshal(snapshotOf(a))
	fb, _ := json.Marshal(snapshotOf(b))
	return string(fa) == string(fb)
}

// snapshotOf drops what changes on every write so that two versions of the
// same content compare equal.
func snapshotOf(p *Place) *Place {
	c := *p
	c.Version, c.Created, c.Updated = 0, time.Time{}, time.Time{}
	return &c
}

func curatedGeoNamesIDs(ctx context.Context, tx *sql.Tx) (map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT geonames_id FROM places WHERE origin != 'background' AND geonames_id > 0 AND deleted = 0`)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer rows.Close()
	m := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		m[id] = true
	}
	return m, rows.Err()
}

// dropCoveredBackground removes background entries that a curated or
// user entry now stands for, whichever was imported first.
func dropCoveredBackground(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM places WHERE origin = 'background' AND geonames_id IN (
		SELECT geonames_id FROM places WHERE origin != 'background' AND geonames_id > 0 AND deleted = 0)`)
	if err != nil {
		return fmt.Errorf("gazetteer: drop covered background places: %w", err)
	}
	return nil
}

// twinRadiusKm is how close a background entry with one of a curated
// entry's names must be to count as the same place.
const twinRadiusKm = 10

// dropBackgroundTwins removes background entries that share a name with p and
// lie within twinRadiusKm of it: the same town, known to GeoNames under
// another id or none.
func dropBackgroundTwins(ctx context.Context, tx *sql.Tx, p *Place) (int, error) {
	pt, ok := PointOf(p)
	if !ok {
		return 0, nil
	}
	keys := make([]any, 0, len(p.Names))
	for _, n := range p.Names {
		keys = append(keys, NormalizeName(n.Text))
	}
	if len(keys) == 0 {
		return 0, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT p.fid, p.geom FROM place_names n JOIN places p ON p.fid = n.place_fid
		WHERE p.origin = 'background' AND n.norm IN (?`+strings.Repeat(", ?", len(keys)-1)+`)`, keys...)
	if err != nil {
		return 0, fmt.Errorf("gazetteer: find background twins: %w", err)
	}
	var drop []int64
	for rows.Next() {
		var fid int64
		var blob []byte
		if err := rows.Scan(&fid, &blob); err != nil {
			rows.Close()
			return 0, fmt.Errorf("gazetteer: find background twins: %w", err)
		}
		g, _, err := gpkg.DecodeGeometry(blob)
		if err != nil || g == nil {
			continue
		}
		if geo.DistanceToGeometry(pt, g) <= twinRadiusKm {
			drop = append(drop, fid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, fid := range drop {
		if _, err := tx.ExecContext(ctx, `DELETE FROM places WHERE fid = ?`, fid); err != nil {
			return 0, fmt.Errorf("gazetteer: drop background twin: %w", err)
		}
	}
	return len(drop), nil
}

func checkParent(ctx context.Context, tx *sql.Tx, p *Place) error {
	if p.Parent == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM places WHERE id = ? AND deleted = 0`, p.Parent).Scan(&n); err != nil {
		return fmt.Errorf("gazetteer: check parent: %w", err)
	}
	if n == 0 {
		return &ValidationError{"parent", fmt.Sprintf("no place with id %q", p.Parent)}
	}
	return nil
}

func checkParents(ctx context.Context, tx *sql.Tx, file string, places []*Place) error {
	for i, p := range places {
		if p.Parent == "" {
			continue
		}
		if err := checkParent(ctx, tx, p); err != nil {
			return &ImportError{File: file, Feature: i, ID: p.ID, Err: err}
		}
	}
	return nil
}

func (s *Store) record(ctx context.Context, tx *sql.Tx, id string, version int64, action, author string, before, after *Place) error {
	enc := func(p *Place) any {
		if p == nil {
			return nil
		}
		b, err := json.Marshal(p.Feature())
		if err != nil {
			return nil
		}
		return string(b)
	}
	if author == "" {
		author = "system"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO place_history (place_id, version, action, author, at, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, version, action, author, s.now().Format(time.RFC3339), enc(before), enc(after))
	if err != nil {
		return fmt.Errorf("gazetteer: record history: %w", err)
	}
	return nil
}

// inTx runs fn in one transaction, bumps the data version when fn succeeds,
// and turns driver constraint errors into sentinels by their code.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gazetteer: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return translate(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gazetteer_state SET version = version + 1 WHERE one = 1`); err != nil {
		return fmt.Errorf("gazetteer: bump data version: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return translate(fmt.Errorf("gazetteer: commit: %w", err))
	}
	return nil
}

func translate(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		if se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			return fmt.Errorf("%w: %w", ErrConflict, err)
		}
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return err
}

// placeWriter holds the prepared statements of one transaction's writes, so
// that a bulk import does not re-parse SQL for every row.
type placeWriter struct {
	get, ins, upd, delNames, insName *sql.Stmt
}

func newPlaceWriter(ctx context.Context, tx *sql.Tx) (*placeWriter, error) {
	var w placeWriter
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	w.get = prep(`SELECT ` + placeColumns("") + ` FROM places WHERE id = ?`)
	w.ins = prep(`INSERT INTO places (geom, id, name, kind, parent, country, population, geonames_id, wikidata,
		precision_km, source, notes, origin, names, version, created, updated, deleted)
		VALUES (?, ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, nullif(?, 0), nullif(?, ''), nullif(?, 0), nullif(?, ''),
		nullif(?, ''), ?, ?, ?, ?, ?, ?) RETURNING fid`)
	w.upd = prep(`UPDATE places SET geom = ?, name = ?, kind = ?, parent = nullif(?, ''), country = nullif(?, ''),
		population = ?, geonames_id = nullif(?, 0), wikidata = nullif(?, ''), precision_km = nullif(?, 0),
		source = nullif(?, ''), notes = nullif(?, ''), origin = ?, names = ?, version = ?, created = ?, updated = ?,
		deleted = ? WHERE id = ? RETURNING fid`)
	w.delNames = prep(`DELETE FROM place_names WHERE place_fid = ?`)
	w.insName = prep(`INSERT INTO place_names (place_fid, ord, text, lang, script, usage, norm) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		w.close()
		return nil, fmt.Errorf("gazetteer: prepare: %w", err)
	}
	return &w, nil
}

func (w *placeWriter) close() {
	for _, st := range []*sql.Stmt{w.get, w.ins, w.upd, w.delNames, w.insName} {
		if st != nil {
			st.Close()
		}
	}
}

// lookup returns the place with this id, deleted or not, or ErrNotFound.
func (w *placeWriter) lookup(ctx context.Context, id string) (*Place, error) {
	p, _, err := scanPlace(w.get.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: place %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("gazetteer: get %q: %w", id, err)
	}
	return p, nil
}

func placeArgs(p *Place) (geom []byte, names string, err error) {
	if p.Geometry != nil {
		geom, err = gpkg.EncodeGeometry(p.Geometry, 4326)
		if err != nil {
			return nil, "", &ValidationError{"geometry", err.Error()}
		}
	}
	nb, err := json.Marshal(p.Names)
	if err != nil {
		return nil, "", fmt.Errorf("gazetteer: encode names: %w", err)
	}
	return geom, string(nb), nil
}

func (w *placeWriter) insert(ctx context.Context, p *Place) error {
	geom, names, err := placeArgs(p)
	if err != nil {
		return err
	}
	var fid int64
	err = w.ins.QueryRowContext(ctx, geom, p.ID, p.Name, string(p.Kind), p.Parent, p.Country, p.Population,
		p.GeoNamesID, p.Wikidata, p.PrecisionKm, p.Source, p.Notes, string(p.Origin), names, p.Version,
		p.Created.Format(time.RFC3339), p.Updated.Format(time.RFC3339), p.Deleted).Scan(&fid)
	if err != nil {
		return fmt.Errorf("gazetteer: insert %q: %w", p.ID, err)
	}
	return w.writeNames(ctx, fid, p.Names)
}

func (w *placeWriter) update(ctx context.Context, p *Place) error {
	geom, names, err := placeArgs(p)
	if err != nil {
		return err
	}
	var fid int64
	err = w.upd.QueryRowContext(ctx, geom, p.Name, string(p.Kind), p.Parent, p.Country, p.Population,
		p.GeoNamesID, p.Wikidata, p.PrecisionKm, p.Source, p.Notes, string(p.Origin), names, p.Version,
		p.Created.Format(time.RFC3339), p.Updated.Format(time.RFC3339), p.Deleted, p.ID).Scan(&fid)
	if err != nil {
		return fmt.Errorf("gazetteer: update %q: %w", p.ID, err)
	}
	if _, err := w.delNames.ExecContext(ctx, fid); err != nil {
		return fmt.Errorf("gazetteer: update %q: %w", p.ID, err)
	}
	return w.writeNames(ctx, fid, p.Names)
}

func (w *placeWriter) writeNames(ctx context.Context, fid int64, names []Name) error {
	for i, n := range names {
		if _, err := w.insName.ExecContext(ctx, fid, i, n.Text, n.Lang, n.Script, string(n.Usage), NormalizeName(n.Text)); err != nil {
			return fmt.Errorf("gazetteer: write name %q: %w", n.Text, err)
		}
	}
	return nil
}

// PointOf returns a point to stand for a place on a map or in a distance
// computation (nil geometry: the zero point and false).
func PointOf(p *Place) (orb.Point, bool) {
	if p == nil || p.Geometry == nil {
		return orb.Point{}, false
	}
	if pt, ok := p.Geometry.(orb.Point); ok {
		return pt, true
	}
	return geo.RepresentativePoint(p.Geometry), true
}
