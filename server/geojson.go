package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// Media types of the API's responses.
const (
	mimeGeoJSON  = "application/geo+json"
	mimeJSON     = "application/json"
	mimeHTML     = "text/html"
	mimeOpenAPI  = "application/vnd.oai.openapi+json;version=3.0"
	mimeGPKG     = "application/geopackage+sqlite3"
	htmlUTF8     = "text/html; charset=utf-8"
	jsonUTF8     = "application/json; charset=utf-8"
	coordDecimal = 6 // about 0.1 m, RFC 7946's advice
)

// link is a web link of an OGC API response.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// geoJSONFeature is a feature as RFC 7946 GeoJSON.
type geoJSONFeature struct {
	Type       string       `json:"type"`
	ID         string       `json:"id"`
	Geometry   geometryJSON `json:"geometry"`
	Properties any          `json:"properties"`
	Links      []link       `json:"links,omitempty"`
}

// featureCollection is an items page (OGC API – Features, 7.15.2).
type featureCollection struct {
	Type           string           `json:"type"`
	Features       []geoJSONFeature `json:"features"`
	Links          []link           `json:"links"`
	NumberMatched  int              `json:"numberMatched"`
	NumberReturned int              `json:"numberReturned"`
	TimeStamp      string           `json:"timeStamp"`
}

func toGeoJSON(f *feature) geoJSONFeature {
	return geoJSONFeature{Type: "Feature", ID: f.ID, Geometry: geometryJSON{f.Geometry}, Properties: f.Properties}
}

// geometryJSON encodes a geometry as RFC 7946 requires: longitude first,
// polygon rings counter-clockwise (holes clockwise), and coordinates rounded
// to six decimals. It writes the numbers itself, which is several times
// faster than reflecting over nested slices.
type geometryJSON struct{ g orb.Geometry }

// MarshalJSON writes the geometry, or null.
func (j geometryJSON) MarshalJSON() ([]byte, error) {
	return j.appendJSON(make([]byte, 0, 64))
}

func (j geometryJSON) appendJSON(b []byte) ([]byte, error) {
	if j.g == nil {
		return append(b, "null"...), nil
	}
	return appendGeometry(b, geo.Round(geo.Rewind(j.g), coordDecimal))
}

// jsonAppender is implemented by feature properties that write their own
// JSON, exactly as encoding/json would: a page of a thousand events encodes
// several times faster than by reflection (whose output encoding/json also
// checks and copies once more when a type marshals itself).
type jsonAppender interface {
	appendJSON(b []byte) []byte
}

// appendFeature writes a feature as json.Marshal would.
func appendFeature(b []byte, f geoJSONFeature) ([]byte, error) {
	b = append(b, `{"type":`...)
	b = appendString(b, f.Type)
	b = append(b, `,"id":`...)
	b = appendString(b, f.ID)
	b = append(b, `,"geometry":`...)
	b, err := f.Geometry.appendJSON(b)
	if err != nil {
		return nil, err
	}
	b = append(b, `,"properties":`...)
	if a, ok := f.Properties.(jsonAppender); ok {
		b = a.appendJSON(b)
	} else {
		p, err := marshalJSON(f.Properties)
		if err != nil {
			return nil, err
		}
		b = append(b, p...)
	}
	if len(f.Links) > 0 {
		l, err := marshalJSON(f.Links)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"links":`...), l...)
	}
	return append(b, '}'), nil
}

// encode writes the page as marshalJSON would, features by appendFeature.
func (fc *featureCollection) encode() ([]byte, error) {
	b := make([]byte, 0, 1536*(len(fc.Features)+1))
	b = append(b, `{"type":`...)
	b = appendString(b, fc.Type)
	b = append(b, `,"features":[`...)
	var err error
	for i, f := range fc.Features {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendFeature(b, f); err != nil {
			return nil, err
		}
	}
	links, err := marshalJSON(fc.Links)
	if err != nil {
		return nil, err
	}
	b = append(append(b, `],"links":`...), links...)
	b = append(b, `,"numberMatched":`...)
	b = strconv.AppendInt(b, int64(fc.NumberMatched), 10)
	b = append(b, `,"numberReturned":`...)
	b = strconv.AppendInt(b, int64(fc.NumberReturned), 10)
	b = append(b, `,"timeStamp":`...)
	b = appendString(b, fc.TimeStamp)
	return append(b, '}'), nil
}

// appendString writes s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped, invalid UTF-8 as U+FFFD, and U+2028 and U+2029 escaped for
// JavaScript.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func appendGeometry(b []byte, g orb.Geometry) ([]byte, error) {
	var err error
	switch g := g.(type) {
	case orb.Point:
		b = append(b, `{"type":"Point","coordinates":`...)
		b = appendPoint(b, g)
	case orb.MultiPoint:
		b = append(b, `{"type":"MultiPoint","coordinates":`...)
		b = appendPoints(b, g)
	case orb.LineString:
		b = append(b, `{"type":"LineString","coordinates":`...)
		b = appendPoints(b, g)
	case orb.MultiLineString:
		b = append(b, `{"type":"MultiLineString","coordinates":[`...)
		for i, ls := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPoints(b, ls)
		}
		b = append(b, ']')
	case orb.Polygon:
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b = appendPolygon(b, g)
	case orb.MultiPolygon:
		b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolygon(b, p)
		}
		b = append(b, ']')
	case orb.Collection:
		b = append(b, `{"type":"GeometryCollection","geometries":[`...)
		for i, m := range g {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendGeometry(b, m); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	default:
		return nil, fmt.Errorf("server: cannot write a %T as GeoJSON", g)
	}
	return append(b, '}'), nil
}

func appendPolygon(b []byte, p orb.Polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPoints(b, r)
	}
	return append(b, ']')
}

func appendPoints[S ~[]orb.Point](b []byte, pts S) []byte {
	b = append(b, '[')
	for i, p := range pts {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPoint(b, p)
	}
	return append(b, ']')
}

func appendPoint(b []byte, p orb.Point) []byte {
	b = append(b, '[')
	b = strconv.AppendFloat(b, p[0], 'f', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, p[1], 'f', -1, 64)
	return append(b, ']')
}

// marshalJSON is json.Marshal without HTML escaping, so that links keep
// their & rather than \u0026.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
