package gazetteer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/paulmach/orb/geojson"
)

// ImportError says which file and feature an import failed on. It wraps the
// cause, usually a *ValidationError (and so ErrInvalid).
type ImportError struct {
	File    string
	Feature int    // 0-based index in the file, -1 when the whole file is at fault
	ID      string // the feature's id, when it had one
	Err     error
}

func (e *ImportError) Error() string {
	where := e.File
	if e.Feature >= 0 {
		where += fmt.Sprintf(": feature %d", e.Feature)
		if e.ID != "" {
			where += fmt.Sprintf(" (id %q)", e.ID)
		}
	}
	msg := e.Err.Error()
	var ve *ValidationError
	if errors.As(e.Err, &ve) {
		msg = fmt.Sprintf("invalid %s: %s", ve.Field, ve.Reason)
	}
	return "gazetteer: " + where + ": " + msg
}

// Unwrap returns the cause.
func (e *ImportError) Unwrap() error { return e.Err }

// featureProps are the properties of a place in the curated GeoJSON format
// (and in history snapshots and exports).
type featureProps struct {
	Name        string     `json:"name"`
	Kind        Kind       `json:"kind"`
	Parent      string     `json:"parent,omitempty"`
	Country     string     `json:"country,omitempty"`
	Population  int64      `json:"population,omitempty"`
	GeoNamesID  int64      `json:"geonames_id,omitempty"`
	Wikidata    string     `json:"wikidata,omitempty"`
	PrecisionKm float64    `json:"precision_km,omitempty"`
	Source      string     `json:"source,omitempty"`
	Notes       string     `json:"notes,omitempty"`
	Origin      Origin     `json:"origin,omitempty"`
	Names       []Name     `json:"names"`
	Version     int64      `json:"version,omitempty"`
	Created     *time.Time `json:"created,omitempty"`
	Updated     *time.Time `json:"updated,omitempty"`
	Deleted     bool       `json:"deleted,omitempty"`
}

type featureJSON struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	BBox       json.RawMessage `json:"bbox,omitempty"`
}

// Feature returns the place as a GeoJSON feature in the curated format.
func (p *Place) Feature() *geojson.Feature {
	f := geojson.NewFeature(p.Geometry)
	f.ID = p.ID
	props := featureProps{
		Name: p.Name, Kind: p.Kind, Parent: p.Parent, Country: p.Country, Population: p.Population,
		GeoNamesID: p.GeoNamesID, Wikidata: p.Wikidata, PrecisionKm: p.PrecisionKm, Source: p.Source,
		Notes: p.Notes, Origin: p.Origin, Names: p.Names, Version: p.Version, Deleted: p.Deleted,
	}
	if !p.Created.IsZero() {
		props.Created = &p.Created
	}
	if !p.Updated.IsZero() {
		props.Updated = &p.Updated
	}
	if props.Names == nil {
		props.Names = []Name{}
	}
	// Round-tripping through JSON gives plain map values that orb's encoder writes as they are.
	b, _ := json.Marshal(props)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	f.Properties = m
	return f
}

// DecodeFeature reads one place in the curated GeoJSON format. Unknown
// properties are refused so that a typo ("precison_km") is not silently lost.
// It does not call Validate.
func DecodeFeature(data []byte) (*Place, error) {
	var fj featureJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fj); err != nil {
		return nil, &ValidationError{"feature", "malformed GeoJSON feature: " + jsonReason(err)}
	}
	if fj.Type != "Feature" {
		return nil, &ValidationError{"type", fmt.Sprintf("want \"Feature\", got %q", fj.Type)}
	}
	p := &Place{}
	if len(fj.ID) > 0 {
		if err := json.Unmarshal(fj.ID, &p.ID); err != nil {
			return nil, &ValidationError{"id", "must be a string slug"}
		}
	}
	if len(fj.Geometry) > 0 && string(fj.Geometry) != "null" {
		if err := checkPositions(fj.Geometry); err != nil {
			return nil, &ValidationError{"geometry", err.Error()}
		}
		g, err := geojson.UnmarshalGeometry(fj.Geometry)
		if err != nil {
			return nil, &ValidationError{"geometry", "malformed GeoJSON geometry: " + jsonReason(err)}
		}
		p.Geometry = g.Geometry()
		if p.Geometry == nil {
			return nil, &ValidationError{"geometry", "unsupported geometry type"}
		}
	}
	if len(fj.Properties) == 0 || string(fj.Properties) == "null" {
		return nil, &ValidationError{"properties", "missing"}
	}
	var props featureProps
	pdec := json.NewDecoder(bytes.NewReader(fj.Properties))
	pdec.DisallowUnknownFields()
	if err := pdec.Decode(&props); err != nil {
		return nil, &ValidationError{"properties", jsonReason(err)}
	}
	p.Name, p.Kind, p.Parent, p.Country = props.Name, props.Kind, props.Parent, props.Country
	p.Population, p.GeoNamesID, p.Wikidata = props.Population, props.GeoNamesID, props.Wikidata
	p.PrecisionKm, p.Source, p.Notes, p.Origin = props.PrecisionKm, props.Source, props.Notes, props.Origin
	p.Names, p.Version, p.Deleted = props.Names, props.Version, props.Deleted
	if props.Created != nil {
		p.Created = *props.Created
	}
	if props.Updated != nil {
		p.Updated = *props.Updated
	}
	return p, nil
}

// DecodeFeatureCollection reads a curated GeoJSON file and validates every
// place in it. The first bad feature (malformed, invalid, or an id used twice)
// is returned as an *ImportError naming file and feature, with no places.
func DecodeFeatureCollection(r io.Reader, file string) ([]*Place, error) {
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.NewDecoder(r).Decode(&fc); err != nil {
		return nil, &ImportError{File: file, Feature: -1, Err: fmt.Errorf("%w: not a GeoJSON FeatureCollection: %s", ErrInvalid, jsonReason(err))}
	}
	if fc.Type != "FeatureCollection" {
		return nil, &ImportError{File: file, Feature: -1, Err: fmt.Errorf("%w: want a GeoJSON FeatureCollection, got type %q", ErrInvalid, fc.Type)}
	}
	places := make([]*Place, 0, len(fc.Features))
	seen := make(map[string]int, len(fc.Features))
	for i, raw := range fc.Features {
		p, err := DecodeFeature(raw)
		if err != nil {
			return nil, &ImportError{File: file, Feature: i, ID: peekID(raw), Err: err}
		}
		if p.Origin == "" {
			p.Origin = OriginCurated
		}
		if err := p.Validate(); err != nil {
			return nil, &ImportError{File: file, Feature: i, ID: p.ID, Err: err}
		}
		if j, dup := seen[p.ID]; dup {
			return nil, &ImportError{File: file, Feature: i, ID: p.ID,
				Err: &ValidationError{"id", fmt.Sprintf("duplicate id, already used by feature %d", j)}}
		}
		seen[p.ID] = i
		places = append(places, p)
	}
	return places, nil
}

// EncodeFeatureCollection writes places in the curated GeoJSON format.
func EncodeFeatureCollection(w io.Writer, places []*Place) error {
	fc := geojson.NewFeatureCollection()
	for _, p := range places {
		fc.Append(p.Feature())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(fc)
}

// positionDepth is how deep the positions of a geometry type sit in its
// coordinates: 0 for a Point's single position, 3 for a MultiPolygon's.
func positionDepth(geometryType string) (int, bool) {
	switch geometryType {
	case "Point":
		return 0, true
	case "MultiPoint", "LineString":
		return 1, true
	case "MultiLineString", "Polygon":
		return 2, true
	case "MultiPolygon":
		return 3, true
	}
	return 0, false
}

// MaxVertices is the most positions one geometry sent to the gazetteer may
// have. The region's curated lines and polygons have a few hundred; the
// limit keeps the self-intersection check of a hostile ring well under a
// second.
const MaxVertices = 10000

// checkPositions refuses coordinates that orb would read leniently: an
// empty or short position ([] or [46]) that would land on (0, 0), a
// position of more than three numbers, an empty list where the type needs
// positions, nesting that does not fit the type, and more than MaxVertices
// positions.
func checkPositions(raw json.RawMessage) error {
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil // not ours to judge: the geometry decoder reports it
	}
	want, known := positionDepth(g.Type)
	if !known {
		return nil
	}
	if len(g.Coordinates) == 0 || string(g.Coordinates) == "null" {
		return fmt.Errorf("a %s needs coordinates", g.Type)
	}
	var v any
	if err := json.Unmarshal(g.Coordinates, &v); err != nil {
		return fmt.Errorf("malformed coordinates")
	}
	count := 0
	var walk func(v any, depth int) error
	walk = func(v any, depth int) error {
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("malformed coordinates: %v is not an array", v)
		}
		if depth == want {
			if len(arr) < 2 || len(arr) > 3 {
				return fmt.Errorf("a position needs 2 or 3 numbers, got %d", len(arr))
			}
			for _, x := range arr {
				if _, ok := x.(float64); !ok {
					return fmt.Errorf("malformed position %v: its members must be numbers", arr)
				}
			}
			if count++; count > MaxVertices {
				return fmt.Errorf("the geometry has more than %d positions", MaxVertices)
			}
			return nil
		}
		if len(arr) == 0 {
			return fmt.Errorf("empty coordinate list in a %s", g.Type)
		}
		for _, x := range arr {
			if err := walk(x, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(v, 0)
}

func peekID(raw json.RawMessage) string {
	var f struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(raw, &f) == nil {
		if s, ok := f.ID.(string); ok {
			return s
		}
	}
	return ""
}

// jsonReason trims encoding/json's messages to what a user can act on.
func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("JSON syntax error at byte %d: %s", se.Offset, se.Error())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has the wrong type (%s where %s was expected)", te.Field, te.Value, te.Type)
	}
	return err.Error()
}
