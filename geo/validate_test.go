package geo_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// square is a valid counter-clockwise ring around (46.5..47, 39.5..40).
var square = orb.Ring{{46.5, 39.5}, {47, 39.5}, {47, 40}, {46.5, 40}, {46.5, 39.5}}

func TestValidate(t *testing.T) {
	hole := orb.Ring{{46.6, 39.6}, {46.6, 39.7}, {46.7, 39.7}, {46.7, 39.6}, {46.6, 39.6}}
	tests := []struct {
		name string
		g    orb.Geometry
		want string // substring of the error; "" means valid
	}{
		{"point", orb.Point{46.75, 39.81}, ""},
		{"point on the corners of the world", orb.MultiPoint{{-180, -90}, {180, 90}}, ""},
		{"line string", orb.LineString{{46.5, 39.5}, {46.9, 39.8}}, ""},
		{"multi line string", orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}, {3, 3}}}, ""},
		{"polygon", orb.Polygon{square}, ""},
		{"polygon with hole", orb.Polygon{square, hole}, ""},
		{"clockwise polygon", orb.Polygon{reversed(square)}, ""},
		{"repeated vertex", orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}, ""},
		{"collinear vertex", orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}}}, ""},
		{"multi polygon", orb.MultiPolygon{{square}, {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}, ""},

		{"nil", nil, "empty geometry"},
		{"empty multi point", orb.MultiPoint{}, "empty geometry"},
		{"empty line string", orb.LineString{}, "empty geometry"},
		{"empty multi line string", orb.MultiLineString{}, "empty geometry"},
		{"empty polygon", orb.Polygon{}, "empty geometry"},
		{"empty multi polygon", orb.MultiPolygon{}, "empty geometry"},
		{"ring type", square, "unsupported geometry type Ring"},
		{"bound type", orb.Bound{}, "unsupported geometry type Bound"},
		{"collection", orb.Collection{orb.Point{1, 1}}, "unsupported geometry type GeometryCollection"},

		{"latitude too big", orb.Point{46, 123}, "latitude 123 is out of range [-90, 90]"},
		{"latitude too small", orb.Point{46, -90.5}, "latitude -90.5 is out of range [-90, 90]"},
		{"longitude too big", orb.Point{180.1, 0}, "longitude 180.1 is out of range [-180, 180]"},
		{"swapped lat lon", orb.Point{39.8, 146.7}, "latitude 146.7 is out of range"},
		{"NaN longitude", orb.Point{math.NaN(), 0}, "longitude NaN is not a finite number"},
		{"infinite latitude", orb.Point{0, math.Inf(1)}, "latitude +Inf is not a finite number"},
		{"bad point in multi point", orb.MultiPoint{{0, 0}, {0, 91}}, "point 1: latitude 91"},
		{"bad point in line", orb.LineString{{0, 0}, {200, 0}}, "point 1: longitude 200"},

		{"one-point line", orb.LineString{{1, 1}}, "line string has 1 point(s); need at least 2"},
		{"short line in multi", orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}}}, "line string 1: line string has 1 point(s)"},

		{"polygon without rings in multi", orb.MultiPolygon{{square}, {}}, "polygon 1: polygon has no rings"},
		{"open ring", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, "ring 0 is not closed"},
		{"three-point ring", orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, "ring 0 has 3 points; need at least 4"},
		{"ring of one repeated point", orb.Polygon{{{1, 1}, {1, 1}, {1, 1}, {1, 1}}}, "ring 0 is degenerate"},
		{"bad coordinate in hole", orb.Polygon{square, {{0, 0}, {0, 100}, {1, 1}, {0, 0}}}, "ring 1 point 1: latitude 100"},

		{"bowtie", orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}, "ring 0 self-intersects"},
		{"bowtie in multi polygon", orb.MultiPolygon{{square}, {{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}}, "polygon 1: ring 0 self-intersects"},
		{"self-intersecting hole", orb.Polygon{square, {{46.6, 39.6}, {46.7, 39.7}, {46.7, 39.6}, {46.6, 39.7}, {46.6, 39.6}}}, "ring 1 self-intersects"},
		{"figure eight touching at a vertex", orb.Polygon{{{0, 0}, {1, 1}, {2, 0}, {2, 2}, {1, 1}, {0, 2}, {0, 0}}}, "self-intersects"},
		{"spike folding back", orb.Polygon{{{0, 0}, {2, 0}, {1, 0}, {1, 1}, {0, 0}}}, "self-intersects"},
		{"flat triangle", orb.Polygon{{{0, 0}, {2, 0}, {1, 0}, {0, 0}}}, "self-intersects"},
		{"vertex touching an edge", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {2, 0}, {0, 4}, {0, 0}}}, "self-intersects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := geo.Validate(tt.g)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tt.want != "" && err == nil:
				t.Fatalf("Validate() = nil, want error containing %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("Validate() = %q, want it to contain %q", err, tt.want)
			}
			if err == nil {
				return
			}
			if msg := err.Error(); strings.HasPrefix(msg, "geo:") || msg[0] >= 'A' && msg[0] <= 'Z' {
				t.Errorf("error %q should be a lowercase phrase without package prefix", msg)
			}
		})
	}
}

// TestValidateLongRing makes sure the sweep finds a crossing between segments
// that are far apart in ring order.
func TestValidateLongRing(t *testing.T) {
	var r orb.Ring
	const n = 2000
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / n
		r = append(r, orb.Point{10 * math.Cos(a), 10 * math.Sin(a)})
	}
	r[n] = r[0]
	if err := geo.Validate(orb.Polygon{r}); err != nil {
		t.Fatalf("circle: Validate() = %v, want nil", err)
	}
	// Pull one vertex across the circle: its two edges now cross the far side.
	r[n/4] = orb.Point{0, -12}
	err := geo.Validate(orb.Polygon{r})
	if err == nil || !strings.Contains(err.Error(), "self-intersect") {
		t.Fatalf("dented circle: Validate() = %v, want a self-intersection", err)
	}
}

func reversed(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

func BenchmarkValidateRing(b *testing.B) {
	var r orb.Ring
	const n = 10000
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / n
		r = append(r, orb.Point{10 * math.Cos(a), 10 * math.Sin(a)})
	}
	r[n] = r[0]
	p := orb.Polygon{r}
	for b.Loop() {
		if err := geo.Validate(p); err != nil {
			b.Fatal(err)
		}
	}
}

// zigzagRing is a valid ring of n vertices whose segments all overlap in
// longitude, the worst case of a sweep by x.
func zigzagRing(n int) orb.Ring {
	r := make(orb.Ring, 0, n+5)
	for i := range n {
		x := 46.0
		if i%2 == 1 {
			x = 47.0
		}
		r = append(r, orb.Point{x, 39 + float64(i)*1e-4})
	}
	top := 39 + float64(n)*1e-4
	return append(r, orb.Point{47.5, top}, orb.Point{47.5, 38.9}, orb.Point{45.5, 38.9}, orb.Point{45.5, top}, r[0])
}

// BenchmarkValidateZigZag is the self-intersection check of the largest
// ring the gazetteer's API accepts (gazetteer.MaxVertices = 10,000) and of
// a 20,000-vertex one.
func BenchmarkValidateZigZag(b *testing.B) {
	for _, n := range []int{10000, 20000} {
		ring := orb.Polygon{zigzagRing(n)}
		if err := geo.Validate(ring); err != nil {
			b.Fatalf("the zig-zag is not valid: %v", err)
		}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if err := geo.Validate(ring); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
