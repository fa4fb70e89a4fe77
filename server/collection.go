package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"dateline/gazetteer"
	"dateline/geo/gpkg"
)

// collection is one feature collection: an OGC API collection, a
// /download/{id}.geojson layer and, with a Layer, a table of the
// /download/dateline.gpkg export. The handlers, the OpenAPI document and
// the HTML pages know collections only through this type, so a new layer
// is one more entry in newCollections: describe it, declare its filters,
// and give it functions over its store.
type collection struct {
	ID          string
	Title       string
	Description string
	// Filters are the property filters /items and the download accept
	// besides bbox and datetime, in the order the API document lists them.
	Filters []filter
	// Temporal says the features have a time: datetime selects by it and the
	// extent has an interval. Without it datetime is checked but selects
	// every feature (a gazetteer entry is taken to exist at every instant).
	Temporal bool
	// Sortable says /items and the download take sortby=datetime (oldest
	// first) or sortby=-datetime (newest first), as OGC API – Features
	// Part 5 spells it; only a Temporal collection can be.
	Sortable bool
	// State returns the version of the data behind the collection; every
	// ETag built from the collection's data includes its Tag.
	State func(ctx context.Context) (state, error)
	// Extent returns the spatial (and temporal) extent of every feature.
	Extent func(ctx context.Context) (extent, error)
	// Items calls yield for each feature of the page q selects (q.Limit 0:
	// every match), in an order stable across requests, and returns how many
	// features match in all.
	Items func(ctx context.Context, q itemsQuery, yield func(*feature) error) (matched int, err error)
	// Item returns the feature with this id, or nil when there is none.
	Item func(ctx context.Context, id string) (*feature, error)
	// Layer returns the collection as a table of the GeoPackage export; nil
	// leaves the collection out of it.
	Layer func(ctx context.Context) gpkg.Layer
}

// filter is a declared property filter of a collection, e.g. kind=bridge.
type filter struct {
	Name        string
	Description string
	// Enum lists the values allowed; empty means any text Check accepts.
	Enum []string
	// List lets the parameter carry several comma-separated values, any of
	// which may match.
	List bool
	// Check refuses a value with a reason (optional).
	Check func(v string) error
}

// itemsQuery is a parsed and validated items request.
type itemsQuery struct {
	BBox  *orb.Bound // lon/lat; Min[0] > Max[0] crosses the antimeridian
	Time  *timeRange // nil: no datetime given
	Limit int        // 0 in downloads: every match
	// Offset skips that many matches.
	Offset int
	// Props holds the values of the declared filters given, by filter name.
	Props map[string][]string
	// SortBy is "", "datetime" (oldest first) or "-datetime" (newest first).
	SortBy string
}

// timeRange is a closed interval; a zero end is open.
type timeRange struct{ Start, End time.Time }

// state is the version of a collection's data and when it last changed.
type state struct {
	Tag     string
	Changed time.Time
}

// extent is a collection's extent; nil parts are unknown (no geometries, no times).
type extent struct {
	BBox *orb.Bound
	Time *timeRange
}

// feature is one feature of a collection, ready to encode.
type feature struct {
	ID       string
	Geometry orb.Geometry // nil: null geometry
	// Properties is encoded as the GeoJSON properties (a struct keeps the
	// property order and the schema the same for every feature).
	Properties any
	// Version changes whenever the feature does; the single-feature ETag
	// is built from the id and it.
	Version int64
	Updated time.Time
}

// newCollections is the table of collections, in the order /collections lists them.
func (s *Server) newCollections() []*collection {
	k := gazetteer.Kinds
	cols := []*collection{
		s.placeCollection("places", "Places",
			"Every place of the gazetteer: the curated regional entries (settlements, checkpoints, roads, "+
				"regions) with all their names in every language and usage, and the world background "+
				"(GeoNames cities, Natural Earth countries).", k),
		s.placeCollection("checkpoints", "Checkpoints",
			"Checkpoints, bridges and border crossings.",
			slices.DeleteFunc(slices.Clone(k), func(k gazetteer.Kind) bool { return !k.IsCheckpoint() })),
		s.placeCollection("routes", "Routes",
			"Roads and corridors, as lines.",
			slices.DeleteFunc(slices.Clone(k), func(k gazetteer.Kind) bool { return !k.IsRoute() })),
	}
	if s.deps.News != nil {
		cols = append(cols, s.eventCollection(), s.mentionCollection())
	}
	return cols
}

// collection returns the collection with this id, or a 404 problem.
func (s *Server) collection(id string) (*collection, error) {
	for _, c := range s.collections {
		if c.ID == id {
			return c, nil
		}
	}
	return nil, notFound(fmt.Sprintf("there is no collection %q; /collections lists them", id))
}

// placeCollection is a collection of the gazetteer's places of some kinds.
func (s *Server) placeCollection(id, title, description string, kinds []gazetteer.Kind) *collection {
	store := s.deps.Places
	all := len(kinds) == len(gazetteer.Kinds)
	enum := make([]string, len(kinds))
	for i, k := range kinds {
		enum[i] = string(k)
	}
	// kindsOf narrows the collection's kinds to those a request asks for.
	kindsOf := func(q itemsQuery) []gazetteer.Kind {
		asked, ok := q.Props["kind"]
		if !ok {
			if all {
				return nil
			}
			return kinds
		}
		out := make([]gazetteer.Kind, len(asked))
		for i, k := range asked {
			out[i] = gazetteer.Kind(k)
		}
		return out
	}
	return &collection{
		ID: id, Title: title, Description: description,
		Filters: []filter{
			{Name: "kind", Description: "Only places of these kinds (comma-separated).", Enum: enum, List: true},
			{Name: "q", Description: "Only places with a name that starts with this text, in any language; " +
				"case, diacritics and punctuation are ignored (xank finds Xankəndi).", Check: checkName},
		},
		State: func(ctx context.Context) (state, error) {
			v, at, err := store.Changed(ctx)
			return state{Tag: "gazetteer:" + strconv.FormatInt(v, 10), Changed: at}, err
		},
		Extent: func(ctx context.Context) (extent, error) {
			var ks []gazetteer.Kind
			if !all {
				ks = kinds
			}
			b, ok, err := store.Extent(ctx, ks)
			if err != nil || !ok {
				return extent{}, err
			}
			return extent{BBox: &b}, nil
		},
		Items: func(ctx context.Context, q itemsQuery, yield func(*feature) error) (int, error) {
			pq := gazetteer.PlaceQuery{BBox: q.BBox, Kinds: kindsOf(q), Limit: q.Limit, Offset: q.Offset}
			if v := q.Props["q"]; len(v) > 0 {
				pq.Q = v[0]
			}
			return store.EachPlace(ctx, pq, func(p *gazetteer.Place) error { return yield(placeFeature(p)) })
		},
		Item: func(ctx context.Context, fid string) (*feature, error) {
			p, err := store.Get(ctx, fid)
			if err != nil || (!all && !slices.Contains(kinds, p.Kind)) {
				return nil, ignoreNotFound(err)
			}
			return placeFeature(p), nil
		},
		Layer: func(ctx context.Context) gpkg.Layer {
			return placeLayer(ctx, store, id, description, kindsOf(itemsQuery{}))
		},
	}
}

func checkName(v string) error {
	if gazetteer.NormalizeName(v) == "" {
		return fmt.Errorf("%q has no letters or digits to look for", v)
	}
	return nil
}

func ignoreNotFound(err error) error {
	if errors.Is(err, gazetteer.ErrNotFound) {
		return nil
	}
	return err
}

// placeProperties are the GeoJSON properties of a place. Every member is
// always present (null when unknown) so that GIS clients that read the
// schema off the first page see every field.
type placeProperties struct {
	Name        string           `json:"name"`
	Kind        gazetteer.Kind   `json:"kind"`
	Names       []gazetteer.Name `json:"names"`
	Parent      *string          `json:"parent"`
	Country     *string          `json:"country"`
	Population  *int64           `json:"population"`
	GeoNamesID  *int64           `json:"geonames_id"`
	Wikidata    *string          `json:"wikidata"`
	PrecisionKm *real            `json:"precision_km"`
	Source      *string          `json:"source"`
	Notes       *string          `json:"notes"`
	Origin      gazetteer.Origin `json:"origin"`
	Version     int64            `json:"version"`
	Updated     *string          `json:"updated"`
}

func placeFeature(p *gazetteer.Place) *feature {
	props := &placeProperties{
		Name: p.Name, Kind: p.Kind, Names: p.Names, Parent: nonZero(p.Parent), Country: nonZero(p.Country),
		Population: nonZero(p.Population), GeoNamesID: nonZero(p.GeoNamesID), Wikidata: nonZero(p.Wikidata),
		PrecisionKm: nonZero(real(p.PrecisionKm)), Source: nonZero(p.Source), Notes: nonZero(p.Notes),
		Origin: p.Origin, Version: p.Version,
	}
	if props.Names == nil {
		props.Names = []gazetteer.Name{}
	}
	if !p.Updated.IsZero() {
		props.Updated = nonZero(p.Updated.UTC().Format(time.RFC3339))
	}
	return &feature{ID: p.ID, Geometry: p.Geometry, Properties: props, Version: p.Version, Updated: p.Updated}
}

// real is a number that JSON always writes with a fraction (1.0, not 1), so
// that clients that type fields by their first values (GDAL reads one page)
// take it for a real number and do not cut 0.5 on a later page to 0.
type real float64

// MarshalJSON writes the number with at least one decimal.
func (r real) MarshalJSON() ([]byte, error) {
	b := strconv.AppendFloat(nil, float64(r), 'f', -1, 64)
	if !strings.ContainsAny(string(b), ".eE") {
		b = append(b, '.', '0')
	}
	return b, nil
}

// nonZero returns nil for the zero value, so that JSON says null.
func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// placeColumns are the attribute columns of a places table in the
// GeoPackage export; placeRow gives a place's values in this order.
const placeColumns = `id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL, names TEXT NOT NULL,
	parent TEXT, country TEXT, population INTEGER, geonames_id INTEGER, wikidata TEXT, precision_km REAL,
	source TEXT, notes TEXT, origin TEXT NOT NULL, version INTEGER NOT NULL, updated DATETIME`

func placeRow(p *gazetteer.Place) ([]any, error) {
	names, err := json.Marshal(p.Names)
	if err != nil {
		return nil, err
	}
	var updated any
	if !p.Updated.IsZero() {
		updated = p.Updated.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	null := func(v any, zero bool) any {
		if zero {
			return nil
		}
		return v
	}
	return []any{p.ID, p.Name, string(p.Kind), string(names), null(p.Parent, p.Parent == ""),
		null(p.Country, p.Country == ""), null(p.Population, p.Population == 0), null(p.GeoNamesID, p.GeoNamesID == 0),
		null(p.Wikidata, p.Wikidata == ""), null(p.PrecisionKm, p.PrecisionKm == 0), null(p.Source, p.Source == ""),
		null(p.Notes, p.Notes == ""), string(p.Origin), p.Version, updated}, nil
}

func placeLayer(ctx context.Context, store *gazetteer.Store, table, description string, kinds []gazetteer.Kind) gpkg.Layer {
	return gpkg.Layer{
		Table: gpkg.FeatureTable{Name: table, Description: description, SRSID: gpkg.SRSWGS84, Columns: placeColumns},
		Rows: func(yield func(geom orb.Geometry, values ...any) error) error {
			_, err := store.EachPlace(ctx, gazetteer.PlaceQuery{Kinds: kinds}, func(p *gazetteer.Place) error {
				row, err := placeRow(p)
				if err != nil {
					return err
				}
				return yield(p.Geometry, row...)
			})
			return err
		},
	}
}
