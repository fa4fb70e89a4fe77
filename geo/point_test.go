package geo_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"dateline/geo"
)

func TestRepresentativePoint(t *testing.T) {
	// A "C" open to the east: its centroid falls in the gap, outside.
	cShape := orb.Polygon{{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 2}, {3, 2}, {3, 3}, {0, 3}, {0, 0}}}
	// A square with a hole around its centre.
	donut := orb.Polygon{
		{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
		{{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}},
	}
	tests := []struct {
		name   string
		g      orb.Geometry
		want   orb.Point
		inside orb.Polygon // when set, the point must lie inside this instead
	}{
		{"point", orb.Point{46.75, 39.81}, orb.Point{46.75, 39.81}, nil},
		{"multi point", orb.MultiPoint{{1, 2}, {3, 4}}, orb.Point{1, 2}, nil},
		{"two-point line", orb.LineString{{0, 0}, {0, 2}}, orb.Point{0, 1}, nil},
		{"bent line", orb.LineString{{0, 0}, {1, 0}, {1, 1}, {1, 2}}, orb.Point{1, 0.5}, nil},
		{"line with a zero-length start", orb.LineString{{0, 0}, {0, 0}, {0, 4}}, orb.Point{0, 2}, nil},
		{"longest line wins", orb.MultiLineString{{{0, 0}, {0, 1}}, {{5, 0}, {5, 4}}}, orb.Point{5, 2}, nil},
		{"convex polygon gives its centroid", orb.Polygon{square}, orb.Point{46.75, 39.75}, nil},
		{"concave polygon gives an inside point", cShape, orb.Point{}, cShape},
		{"polygon with a hole over the centroid", donut, orb.Point{}, donut},
		{"largest polygon wins", orb.MultiPolygon{{{{10, 10}, {10.2, 10}, {10.2, 10.2}, {10, 10}}}, {square}}, orb.Point{46.75, 39.75}, nil},
		{"collection prefers the polygon", orb.Collection{orb.Point{9, 9}, orb.Polygon{square}}, orb.Point{46.75, 39.75}, nil},
		{"nil", nil, orb.Point{}, nil},
		{"empty multi polygon", orb.MultiPolygon{}, orb.Point{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := geo.RepresentativePoint(tt.g)
			if tt.inside != nil {
				if !planar.PolygonContains(tt.inside, got) {
					t.Errorf("RepresentativePoint() = %v, not inside the polygon", got)
				}
				return
			}
			if !near(got[0], tt.want[0], 1e-9) || !near(got[1], tt.want[1], 1e-9) {
				t.Errorf("RepresentativePoint() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRepresentativePointInsideDonutAvoidsHole(t *testing.T) {
	donut := orb.Polygon{
		{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
		{{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}},
	}
	got := geo.RepresentativePoint(donut)
	if planar.RingContains(donut[1], got) {
		t.Fatalf("RepresentativePoint() = %v lies in the hole", got)
	}
}
