package geo_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo"
)

// oneDegree is the length of one degree of a great circle in km.
const oneDegree = geo.EarthRadiusKm * math.Pi / 180

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.Point
		want float64 // km
		tol  float64
	}{
		{"same point", orb.Point{46.75, 39.81}, orb.Point{46.75, 39.81}, 0, 0},
		{"one degree of latitude", orb.Point{46, 39}, orb.Point{46, 40}, oneDegree, 1e-9},
		{"one degree of longitude on the equator", orb.Point{0, 0}, orb.Point{1, 0}, oneDegree, 1e-9},
		{"quarter of the equator", orb.Point{0, 0}, orb.Point{90, 0}, 90 * oneDegree, 1e-6},
		{"antipodes", orb.Point{0, 0}, orb.Point{180, 0}, 180 * oneDegree, 1e-6},
		{"pole to pole", orb.Point{10, 90}, orb.Point{-70, -90}, 180 * oneDegree, 1e-6},
		{"across the antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, oneDegree, 1e-9},
		// One degree of longitude at 60° N is half a degree of a great circle's
		// length, measured along the parallel; the great circle is slightly shorter.
		{"one degree of longitude at 60N", orb.Point{0, 60}, orb.Point{1, 60}, 55.5974, 1e-3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.Distance(tt.a, tt.b); !near(got, tt.want, tt.tol) {
				t.Errorf("Distance(%v, %v) = %.6f km, want %.6f", tt.a, tt.b, got, tt.want)
			}
			if got, back := geo.Distance(tt.a, tt.b), geo.Distance(tt.b, tt.a); got != back {
				t.Errorf("Distance is not symmetric: %v vs %v", got, back)
			}
		})
	}
}

func TestDistanceToGeometry(t *testing.T) {
	road := orb.LineString{{46, 39}, {47, 39}, {47, 40}}
	tests := []struct {
		name string
		p    orb.Point
		g    orb.Geometry
		want float64 // km
		tol  float64
	}{
		{"to a point", orb.Point{46, 39}, orb.Point{46, 40}, oneDegree, 1e-9},
		{"to the nearest of several points", orb.Point{0, 0}, orb.MultiPoint{{0, 3}, {0, 1}, {0, 2}}, oneDegree, 1e-9},
		{"on a road vertex", orb.Point{47, 39}, road, 0, 1e-9},
		{"on a road segment", orb.Point{46.5, 39}, road, 0, 1e-6},
		// Off the middle of an east-west segment, the nearest point is straight south.
		{"beside a road", orb.Point{46.5, 38.9}, road, 0.1 * oneDegree, 0.01},
		{"beyond the end of a road", orb.Point{45, 39}, road, geo.Distance(orb.Point{45, 39}, orb.Point{46, 39}), 1e-9},
		{"beside the second leg", orb.Point{47.1, 39.5}, road, geo.Distance(orb.Point{47.1, 39.5}, orb.Point{47, 39.5}), 0.01},
		{"to the nearer of two lines", orb.Point{0, 0.5}, orb.MultiLineString{{{-1, 3}, {1, 3}}, {{-1, 1}, {1, 1}}}, 0.5 * oneDegree, 1e-3},
		{"inside a polygon", orb.Point{46.7, 39.7}, orb.Polygon{square}, 0, 0},
		{"on a polygon edge", orb.Point{46.5, 39.7}, orb.Polygon{square}, 0, 0},
		{"outside a polygon", orb.Point{46.4, 39.75}, orb.Polygon{square}, geo.Distance(orb.Point{46.4, 39.75}, orb.Point{46.5, 39.75}), 0.01},
		{"inside a hole", orb.Point{0, 0}, orb.Polygon{{{-2, -2}, {2, -2}, {2, 2}, {-2, 2}, {-2, -2}}, {{-1, -1}, {-1, 1}, {1, 1}, {1, -1}, {-1, -1}}}, oneDegree, 1e-3},
		{"to the nearest polygon", orb.Point{0, 0}, orb.MultiPolygon{{square}, {{{1, -1}, {2, -1}, {2, 1}, {1, 1}, {1, -1}}}}, oneDegree, 1e-6},
		{"across the antimeridian", orb.Point{179.9, 0}, orb.LineString{{-179.9, -1}, {-179.9, 1}}, 0.2 * oneDegree, 1e-6},
		{"nil", orb.Point{0, 0}, nil, math.Inf(1), 0},
		{"empty line", orb.Point{0, 0}, orb.LineString{}, math.Inf(1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := geo.DistanceToGeometry(tt.p, tt.g)
			if !(got == tt.want || near(got, tt.want, tt.tol)) {
				t.Errorf("DistanceToGeometry(%v, %v) = %.6f km, want %.6f ± %g", tt.p, tt.g, got, tt.want, tt.tol)
			}
		})
	}
}

func BenchmarkDistanceToGeometry(b *testing.B) {
	var ls orb.LineString
	for i := range 1000 {
		ls = append(ls, orb.Point{46 + float64(i)/1000, 39 + math.Sin(float64(i)/50)/10})
	}
	p := orb.Point{46.5, 39.5}
	for b.Loop() {
		geo.DistanceToGeometry(p, ls)
	}
}
