package gpkg_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"dateline/geo/gpkg"
)

var (
	ring    = orb.Ring{{46.5, 39.5}, {47, 39.5}, {47, 40}, {46.5, 40}, {46.5, 39.5}}
	hole    = orb.Ring{{46.6, 39.6}, {46.6, 39.7}, {46.7, 39.7}, {46.7, 39.6}, {46.6, 39.6}}
	nanPt   = orb.Point{math.NaN(), math.NaN()}
	samples = []struct {
		name  string
		g     orb.Geometry
		empty bool
	}{
		{"point", orb.Point{46.7519, 39.8153}, false},
		{"multi point", orb.MultiPoint{{46.75, 39.81}, {46.55, 39.55}}, false},
		{"line string", orb.LineString{{46.5, 39.5}, {46.9, 39.8}, {47.1, 39.9}}, false},
		{"multi line string", orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}, {3, 3}}}, false},
		{"polygon with hole", orb.Polygon{ring, hole}, false},
		{"multi polygon", orb.MultiPolygon{{ring}, {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}, false},
		{"collection", orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}}, false},
		{"empty point", nanPt, true},
		{"empty multi point", orb.MultiPoint{}, true},
		{"empty line string", orb.LineString{}, true},
		{"empty multi line string", orb.MultiLineString{}, true},
		{"empty polygon", orb.Polygon{}, true},
		{"empty multi polygon", orb.MultiPolygon{}, true},
		{"empty collection", orb.Collection{}, true},
	}
)

// sameGeometry is orb.Equal that also takes NaN (empty point) as equal to NaN.
func sameGeometry(a, b orb.Geometry) bool {
	if p, ok := a.(orb.Point); ok && math.IsNaN(p[0]) {
		q, ok := b.(orb.Point)
		return ok && math.IsNaN(q[0]) && math.IsNaN(q[1])
	}
	return orb.Equal(a, b)
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	for _, s := range samples {
		for _, srs := range []int32{gpkg.SRSWGS84, -1} {
			t.Run(fmt.Sprintf("%s/srs %d", s.name, srs), func(t *testing.T) {
				b, err := gpkg.EncodeGeometry(s.g, srs)
				if err != nil {
					t.Fatalf("EncodeGeometry: %v", err)
				}
				if string(b[:3]) != "GP\x00" {
					t.Fatalf("header starts %q, want GP and version 0", b[:3])
				}
				flags := b[3]
				if flags&1 != 1 {
					t.Errorf("flags %08b: want the little-endian bit", flags)
				}
				wantEnv := byte(1)
				if _, isPoint := s.g.(orb.Point); isPoint || s.empty {
					wantEnv = 0
				}
				if env := flags >> 1 & 7; env != wantEnv {
					t.Errorf("envelope code %d, want %d", env, wantEnv)
				}
				if empty := flags&(1<<4) != 0; empty != s.empty {
					t.Errorf("empty flag %v, want %v", empty, s.empty)
				}
				if wantEnv == 1 {
					bound := s.g.Bound()
					want := []float64{bound.Min[0], bound.Max[0], bound.Min[1], bound.Max[1]}
					for i, w := range want {
						if got := math.Float64frombits(binary.LittleEndian.Uint64(b[8+8*i:])); got != w {
							t.Errorf("envelope[%d] = %v, want %v", i, got, w)
						}
					}
				}

				g, gotSRS, err := gpkg.DecodeGeometry(b)
				if err != nil {
					t.Fatalf("DecodeGeometry: %v", err)
				}
				if gotSRS != srs {
					t.Errorf("srs_id = %d, want %d", gotSRS, srs)
				}
				if !sameGeometry(s.g, g) {
					t.Errorf("round trip = %v, want %v", g, s.g)
				}
			})
		}
	}
}

func TestEncodeGeometryEdgeCases(t *testing.T) {
	t.Run("nil gives a nil blob", func(t *testing.T) {
		b, err := gpkg.EncodeGeometry(nil, gpkg.SRSWGS84)
		if b != nil || err != nil {
			t.Fatalf("EncodeGeometry(nil) = %v, %v; want nil, nil", b, err)
		}
		g, srs, err := gpkg.DecodeGeometry(nil)
		if g != nil || srs != 0 || err != nil {
			t.Fatalf("DecodeGeometry(nil) = %v, %d, %v; want nil, 0, nil", g, srs, err)
		}
	})
	conversions := []struct {
		name string
		in   orb.Geometry
		want orb.Geometry
	}{
		{"typed nil line string is empty", orb.LineString(nil), orb.LineString{}},
		{"typed nil polygon is empty", orb.Polygon(nil), orb.Polygon{}},
		{"ring becomes a polygon", ring, orb.Polygon{ring}},
		{"bound becomes a polygon", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 2}}, orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 2}}.ToPolygon()},
	}
	for _, c := range conversions {
		t.Run(c.name, func(t *testing.T) {
			b, err := gpkg.EncodeGeometry(c.in, gpkg.SRSWGS84)
			if err != nil {
				t.Fatalf("EncodeGeometry: %v", err)
			}
			g, _, err := gpkg.DecodeGeometry(b)
			if err != nil {
				t.Fatalf("DecodeGeometry: %v", err)
			}
			if !orb.Equal(g, c.want) {
				t.Errorf("got %#v, want %#v", g, c.want)
			}
		})
	}
}

// blob builds a geometry blob by hand: header in byte order hdr with envelope
// code env (filled from g's bound and zero z/m), WKB in byte order body.
func blob(t testing.TB, g orb.Geometry, srs int32, hdr, body binary.ByteOrder, env int, empty bool) []byte {
	t.Helper()
	flags := byte(env << 1)
	if hdr == binary.LittleEndian {
		flags |= 1
	}
	if empty {
		flags |= 1 << 4
	}
	b := []byte{'G', 'P', 0, flags, 0, 0, 0, 0}
	hdr.PutUint32(b[4:], uint32(srs))
	bound := g.Bound()
	vals := map[int][]float64{
		0: nil,
		1: {bound.Min[0], bound.Max[0], bound.Min[1], bound.Max[1]},
		2: {bound.Min[0], bound.Max[0], bound.Min[1], bound.Max[1], 0, 0},
		3: {bound.Min[0], bound.Max[0], bound.Min[1], bound.Max[1], 0, 0},
		4: {bound.Min[0], bound.Max[0], bound.Min[1], bound.Max[1], 0, 0, 0, 0},
	}[env]
	for _, v := range vals {
		b = hdr.(binary.AppendByteOrder).AppendUint64(b, math.Float64bits(v))
	}
	w, err := wkb.Marshal(g, body)
	if err != nil {
		t.Fatalf("wkb.Marshal: %v", err)
	}
	return append(b, w...)
}

// TestDecodeGeometryForeignBlobs reads blobs as other writers may make them:
// big-endian headers, big-endian WKB, and every envelope code.
func TestDecodeGeometryForeignBlobs(t *testing.T) {
	orders := []struct {
		name  string
		order binary.ByteOrder
	}{{"big", binary.BigEndian}, {"little", binary.LittleEndian}}
	for _, s := range samples {
		for _, hdr := range orders {
			for _, body := range orders {
				for env := 0; env <= 4; env++ {
					if s.empty && env > 0 {
						continue
					}
					name := fmt.Sprintf("%s/header %s/wkb %s/envelope %d", s.name, hdr.name, body.name, env)
					t.Run(name, func(t *testing.T) {
						b := blob(t, s.g, 3857, hdr.order, body.order, env, s.empty)
						g, srs, err := gpkg.DecodeGeometry(b)
						if err != nil {
							t.Fatalf("DecodeGeometry: %v", err)
						}
						if srs != 3857 {
							t.Errorf("srs_id = %d, want 3857", srs)
						}
						if !sameGeometry(s.g, g) {
							t.Errorf("got %v, want %v", g, s.g)
						}
					})
				}
			}
		}
	}
}

func TestDecodeGeometryInvalid(t *testing.T) {
	good, err := gpkg.EncodeGeometry(orb.LineString{{0, 0}, {1, 1}}, gpkg.SRSWGS84)
	if err != nil {
		t.Fatal(err)
	}
	with := func(i int, v byte) []byte {
		b := append([]byte(nil), good...)
		b[i] = v
		return b
	}
	wkbAt := 8 + 32
	pointZ := append([]byte{'G', 'P', 0, 1, 0xE6, 0x10, 0, 0}, 1, 0xE9, 0x03, 0, 0) // ISO type 1001
	pointZ = append(pointZ, make([]byte, 24)...)
	tests := []struct {
		name string
		b    []byte
	}{
		{"too short", []byte("GP\x00\x01")},
		{"no magic", with(0, 'X')},
		{"version 1", with(2, 1)},
		{"extended type", with(3, good[3]|1<<5)},
		{"reserved bits", with(3, good[3]|1<<7)},
		{"envelope code 5", with(3, good[3]&^0x0E|5<<1)},
		{"envelope cut short", good[:20]},
		{"wkb missing", good[:wkbAt]},
		{"wkb cut short", good[:len(good)-3]},
		{"wkb byte order 7", with(wkbAt, 7)},
		{"wkb type 0", with(wkbAt+1, 0)},
		{"wkb type 99", with(wkbAt+1, 99)},
		{"wkb point z", pointZ},
		{"wkb huge count", append(append([]byte(nil), good[:wkbAt+5]...), 0xFF, 0xFF, 0xFF, 0x7F)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _, err := gpkg.DecodeGeometry(tt.b)
			if !errors.Is(err, gpkg.ErrInvalidBlob) {
				t.Fatalf("DecodeGeometry = %v, %v; want an error wrapping ErrInvalidBlob", g, err)
			}
		})
	}
}

func BenchmarkEncodeGeometry(b *testing.B) {
	for _, bc := range benchGeometries() {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := gpkg.EncodeGeometry(bc.g, gpkg.SRSWGS84); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeGeometry(b *testing.B) {
	for _, bc := range benchGeometries() {
		blob, err := gpkg.EncodeGeometry(bc.g, gpkg.SRSWGS84)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(blob)))
			for b.Loop() {
				if _, _, err := gpkg.DecodeGeometry(blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchGeometries() []struct {
	name string
	g    orb.Geometry
} {
	var ls orb.LineString
	for i := range 1000 {
		ls = append(ls, orb.Point{46 + float64(i)/1000, 39 + math.Sin(float64(i)/50)/10})
	}
	poly := orb.Polygon{append(orb.Ring(ls.Clone()), ls[0])}
	return []struct {
		name string
		g    orb.Geometry
	}{
		{"point", orb.Point{46.75, 39.81}},
		{"line 1000", ls},
		{"polygon 1000", poly},
	}
}
