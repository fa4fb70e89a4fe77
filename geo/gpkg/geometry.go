package gpkg

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// GeoPackage binary header (GeoPackage 1.3, clause 2.1.3):
//
//	magic "GP" | version 0 | flags | srs_id int32 | envelope float64s | WKB
//
// flags, from the least significant bit: byte order of srs_id and envelope
// (1 little endian), three bits of envelope contents code, the empty flag, the
// extended-type flag, and two reserved bits.
const (
	headerSize       = 8
	flagLittleEndian = 1 << 0
	envelopeShift    = 1
	envelopeBits     = 0x7 << envelopeShift
	flagEmpty        = 1 << 4
	flagExtended     = 1 << 5
	flagsReserved    = 0xC0
)

// envelopeSizes maps the envelope contents code to its length in bytes:
// none, [minx, maxx, miny, maxy], plus [minz, maxz], plus [minm, maxm], plus both.
var envelopeSizes = [...]int{0, 32, 48, 48, 64}

// EncodeGeometry returns g as a GeoPackage geometry blob with the given srs_id:
// a little-endian standard header, an [minx, maxx, miny, maxy] envelope for
// everything but points (whose envelope is the point itself, so it is left
// out, as GDAL does), then little-endian WKB. Empty geometries (an empty slice,
// or a Point with NaN coordinates) get the empty flag and no envelope. A nil
// geometry gives a nil blob, which stores as SQL NULL.
func EncodeGeometry(g orb.Geometry, srsID int32) ([]byte, error) {
	g, err := normalize(g)
	if err != nil || g == nil {
		return nil, err
	}
	empty := isEmpty(g)
	flags := byte(flagLittleEndian)
	envelope := 0
	if empty {
		flags |= flagEmpty
	} else if _, ok := g.(orb.Point); !ok {
		envelope = 1
	}
	flags |= byte(envelope << envelopeShift)

	body, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("gpkg: encode %s: %w", g.GeoJSONType(), err)
	}
	n := headerSize + envelopeSizes[envelope]
	b := make([]byte, n, n+len(body))
	b[0], b[1], b[2], b[3] = 'G', 'P', 0, flags
	binary.LittleEndian.PutUint32(b[4:], uint32(srsID))
	if envelope == 1 {
		bound := g.Bound()
		for i, v := range []float64{bound.Min[0], bound.Max[0], bound.Min[1], bound.Max[1]} {
			binary.LittleEndian.PutUint64(b[headerSize+8*i:], math.Float64bits(v))
		}
	}
	return append(b, body...), nil
}

// normalize turns the orb types WKB has no word for into polygons, typed nil
// slices into empty values, and rejects types it cannot encode.
func normalize(g orb.Geometry) (orb.Geometry, error) {
	switch g := g.(type) {
	case nil:
		return nil, nil
	case orb.Point:
		return g, nil
	case orb.MultiPoint:
		if g == nil {
			return orb.MultiPoint{}, nil
		}
	case orb.LineString:
		if g == nil {
			return orb.LineString{}, nil
		}
	case orb.MultiLineString:
		if g == nil {
			return orb.MultiLineString{}, nil
		}
	case orb.Polygon:
		if g == nil {
			return orb.Polygon{}, nil
		}
	case orb.MultiPolygon:
		if g == nil {
			return orb.MultiPolygon{}, nil
		}
	case orb.Collection:
		if g == nil {
			return orb.Collection{}, nil
		}
	case orb.Ring:
		if g == nil {
			return orb.Polygon{}, nil
		}
		return orb.Polygon{g}, nil
	case orb.Bound:
		return g.ToPolygon(), nil
	default:
		return nil, fmt.Errorf("%w: cannot encode geometry of type %T", ErrInvalid, g)
	}
	return g, nil
}

// isEmpty reports whether g has no points. WKB spells an empty point as
// POINT(NaN NaN), which is how it reaches orb.
func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case nil:
		return true
	case orb.Point:
		return math.IsNaN(g[0]) && math.IsNaN(g[1])
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.MultiLineString:
		for _, ls := range g {
			if len(ls) > 0 {
				return false
			}
		}
		return true
	case orb.Polygon:
		return len(g) == 0 || len(g[0]) == 0
	case orb.MultiPolygon:
		for _, p := range g {
			if !isEmpty(p) {
				return false
			}
		}
		return true
	case orb.Collection:
		for _, m := range g {
			if !isEmpty(m) {
				return false
			}
		}
		return true
	}
	return false
}

// DecodeGeometry parses a GeoPackage geometry blob and returns the geometry and
// its srs_id. It reads headers of either byte order and all envelope codes; the
// WKB may be of either byte order too. An empty point comes back as a Point with
// NaN coordinates, other empty geometries as empty slices. A nil or zero-length
// blob (SQL NULL) gives a nil geometry and no error. Errors wrap ErrInvalidBlob.
func DecodeGeometry(b []byte) (orb.Geometry, int32, error) {
	if len(b) == 0 {
		return nil, 0, nil
	}
	h, err := parseHeader(b)
	if err != nil {
		return nil, 0, err
	}
	body := b[h.size:]
	if _, err := wkbType(body); err != nil {
		return nil, 0, err
	}
	g, err := wkb.Unmarshal(body)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrInvalidBlob, err)
	}
	return g, h.srsID, nil
}

type header struct {
	order    binary.ByteOrder
	flags    byte
	envelope int // contents code, 0..4
	srsID    int32
	size     int // header and envelope, in bytes
}

func (h header) empty() bool { return h.flags&flagEmpty != 0 }

func parseHeader(b []byte) (header, error) {
	var h header
	if len(b) < headerSize {
		return h, fmt.Errorf("%w: %d bytes is too short for a header", ErrInvalidBlob, len(b))
	}
	if b[0] != 'G' || b[1] != 'P' {
		return h, fmt.Errorf("%w: no GP magic", ErrInvalidBlob)
	}
	if b[2] != 0 {
		return h, fmt.Errorf("%w: unknown version %d", ErrInvalidBlob, b[2])
	}
	h.flags = b[3]
	if h.flags&flagsReserved != 0 {
		return h, fmt.Errorf("%w: reserved flag bits set", ErrInvalidBlob)
	}
	if h.flags&flagExtended != 0 {
		return h, fmt.Errorf("%w: extended geometry types are not supported", ErrInvalidBlob)
	}
	h.envelope = int(h.flags&envelopeBits) >> envelopeShift
	if h.envelope >= len(envelopeSizes) {
		return h, fmt.Errorf("%w: invalid envelope code %d", ErrInvalidBlob, h.envelope)
	}
	h.order = binary.ByteOrder(binary.BigEndian)
	if h.flags&flagLittleEndian != 0 {
		h.order = binary.LittleEndian
	}
	h.srsID = int32(h.order.Uint32(b[4:]))
	h.size = headerSize + envelopeSizes[h.envelope]
	if len(b) < h.size {
		return h, fmt.Errorf("%w: envelope cut short", ErrInvalidBlob)
	}
	return h, nil
}

// bound returns the x/y envelope stored in the header, if there is one.
func (h header) bound(b []byte) (orb.Bound, bool) {
	if h.envelope == 0 {
		return orb.Bound{}, false
	}
	var v [4]float64
	for i := range v {
		v[i] = math.Float64frombits(h.order.Uint64(b[headerSize+8*i:]))
	}
	return orb.Bound{Min: orb.Point{v[0], v[2]}, Max: orb.Point{v[1], v[3]}}, true
}

// wkbTypeNames are the SQL/MM names of the WKB geometry type codes 1..7.
var wkbTypeNames = [...]string{"", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"}

// wkbType returns the 2D geometry type code of the WKB in body. orb only reads
// 2D WKB, and would misread ISO Z/M codes, so anything else is rejected here.
func wkbType(body []byte) (uint32, error) {
	if len(body) < 5 {
		return 0, fmt.Errorf("%w: WKB cut short", ErrInvalidBlob)
	}
	var order binary.ByteOrder
	switch body[0] {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return 0, fmt.Errorf("%w: WKB byte order %d", ErrInvalidBlob, body[0])
	}
	t := order.Uint32(body[1:])
	if t < 1 || t >= uint32(len(wkbTypeNames)) {
		return 0, fmt.Errorf("%w: unsupported WKB geometry type %d", ErrInvalidBlob, t)
	}
	return t, nil
}

// envelope returns the x/y bounds of a geometry blob and whether it is empty,
// reading the header envelope when there is one and the WKB otherwise. It is
// what the ST_Min/Max functions run for every row the R-tree triggers touch,
// so points are read without building an orb value.
func envelope(b []byte) (orb.Bound, bool, error) {
	h, err := parseHeader(b)
	if err != nil {
		return orb.Bound{}, false, err
	}
	if h.empty() {
		return orb.Bound{}, true, nil
	}
	if bound, ok := h.bound(b); ok {
		// A NaN envelope is how some writers mark an empty geometry.
		if math.IsNaN(bound.Min[0]) {
			return orb.Bound{}, true, nil
		}
		return bound, false, nil
	}
	body := b[h.size:]
	t, err := wkbType(body)
	if err != nil {
		return orb.Bound{}, false, err
	}
	if t == 1 && len(body) >= 21 {
		order := binary.ByteOrder(binary.BigEndian)
		if body[0] == 1 {
			order = binary.LittleEndian
		}
		p := orb.Point{
			math.Float64frombits(order.Uint64(body[5:])),
			math.Float64frombits(order.Uint64(body[13:])),
		}
		return p.Bound(), isEmpty(p), nil
	}
	g, err := wkb.Unmarshal(body)
	if err != nil {
		return orb.Bound{}, false, fmt.Errorf("%w: %w", ErrInvalidBlob, err)
	}
	if isEmpty(g) {
		return orb.Bound{}, true, nil
	}
	return g.Bound(), false, nil
}

// Envelope returns the bounds of a geometry blob as the ST_MinX … ST_MaxY
// functions of the R-tree triggers read them, and whether it is empty (no
// bounds: ST_IsEmpty). A writer that fills an R-tree itself uses it to
// store exactly what the triggers would.
func Envelope(blob []byte) (b orb.Bound, empty bool, err error) {
	return envelope(blob)
}
