package geo_test

import (
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo"
)

func TestIntersects(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 2}}
	big := orb.Polygon{{{-10, -10}, {10, -10}, {10, 10}, {-10, 10}, {-10, -10}}}
	tests := []struct {
		name string
		g    orb.Geometry
		want bool
	}{
		{"point inside", orb.Point{1, 1}, true},
		{"point on the edge", orb.Point{2, 1}, true},
		{"point on a corner", orb.Point{0, 0}, true},
		{"point outside", orb.Point{3, 1}, false},
		{"multi point with one inside", orb.MultiPoint{{5, 5}, {1, 1}}, true},
		{"multi point all outside", orb.MultiPoint{{5, 5}, {-1, 1}}, false},

		{"line inside", orb.LineString{{0.5, 0.5}, {1.5, 1.5}}, true},
		{"line crossing without a vertex inside", orb.LineString{{-1, 1}, {3, 1}}, true},
		{"line crossing a corner diagonally", orb.LineString{{-1, 3}, {3, -1}}, true},
		{"line passing by", orb.LineString{{-1, 3}, {3, 3}}, false},
		// Bounding boxes overlap but the diagonal misses the box.
		{"line whose bbox overlaps but misses", orb.LineString{{1.5, 4}, {4, 1.5}}, false},
		{"line touching a corner", orb.LineString{{2, 3}, {3, 2}, {2, 2}}, true},
		{"second line crosses", orb.MultiLineString{{{5, 5}, {6, 6}}, {{1, -1}, {1, 3}}}, true},

		{"polygon containing the box", big, true},
		{"polygon inside the box", orb.Polygon{{{0.5, 0.5}, {1, 0.5}, {1, 1}, {0.5, 0.5}}}, true},
		{"polygon far away", orb.Polygon{square}, false},
		{"polygon crossing an edge", orb.Polygon{{{1, -1}, {3, -1}, {3, 1}, {1, 1}, {1, -1}}}, true},
		{"box inside a hole", orb.Polygon{big[0], {{-1, -1}, {-1, 3}, {3, 3}, {3, -1}, {-1, -1}}}, false},
		{"triangle touching a corner", orb.Polygon{{{3, 1}, {3, 3}, {1, 3}, {3, 1}}}, true},
		{"triangle whose bbox overlaps but misses", orb.Polygon{{{4, 1}, {4, 4}, {1, 4}, {4, 1}}}, false},
		{"triangle beside the box", orb.Polygon{{{4, 1}, {4, 4}, {2.5, 4}, {4, 1}}}, false},
		{"multi polygon with one hit", orb.MultiPolygon{{square}, big}, true},
		{"collection", orb.Collection{orb.Point{9, 9}, orb.LineString{{-1, 1}, {3, 1}}}, true},
		{"nil", nil, false},
		{"empty polygon", orb.Polygon{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.Intersects(tt.g, box); got != tt.want {
				t.Errorf("Intersects(%v, %v) = %v, want %v", tt.g, box, got, tt.want)
			}
		})
	}
}
