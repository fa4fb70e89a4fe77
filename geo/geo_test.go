package geo_test

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"

	"dateline/geo"
)

func TestBound(t *testing.T) {
	tests := []struct {
		name string
		g    orb.Geometry
		want orb.Bound
	}{
		{"nil", nil, orb.Bound{}},
		{"point", orb.Point{1, 2}, orb.Bound{Min: orb.Point{1, 2}, Max: orb.Point{1, 2}}},
		{"line", orb.LineString{{3, -1}, {-2, 4}}, orb.Bound{Min: orb.Point{-2, -1}, Max: orb.Point{3, 4}}},
		{"polygon", orb.Polygon{square}, orb.Bound{Min: orb.Point{46.5, 39.5}, Max: orb.Point{47, 40}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.Bound(tt.g); got != tt.want {
				t.Errorf("Bound() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		name     string
		g        orb.Geometry
		decimals int
		want     string // fmt %v of the result
	}{
		{"point to 6 decimals", orb.Point{46.75123456789, 39.81000049}, 6, "[46.751235 39.81]"},
		{"negative zero becomes zero", orb.Point{-0.0000001, 1}, 6, "[0 1]"},
		{"line to 2 decimals", orb.LineString{{1.234, 5.678}, {-1.005, 0}}, 2, "[[1.23 5.68] [-1 0]]"},
		{"polygon to 0 decimals", orb.Polygon{{{0.4, 0.6}, {1.6, 0.4}, {1.4, 1.6}, {0.4, 0.6}}}, 0, "[[[0 1] [2 0] [1 2] [0 1]]]"},
		{"multi polygon", orb.MultiPolygon{{{{0.11, 0.11}, {1, 0}, {0, 1}, {0.11, 0.11}}}}, 1, "[[[[0.1 0.1] [1 0] [0 1] [0.1 0.1]]]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.g)
			got := fmt.Sprint(geo.Round(tt.g, tt.decimals))
			if got != tt.want {
				t.Errorf("Round() = %s, want %s", got, tt.want)
			}
			if after := fmt.Sprint(tt.g); after != before {
				t.Errorf("Round changed its input: %s -> %s", before, after)
			}
		})
	}
	if got := geo.Round(nil, 6); got != nil {
		t.Errorf("Round(nil) = %v, want nil", got)
	}
}

func TestRewind(t *testing.T) {
	ccw := orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}
	cwHole := orb.Ring{{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}}
	tests := []struct {
		name string
		g    orb.Geometry
	}{
		{"already right", orb.Polygon{ccw, cwHole}},
		{"exterior clockwise", orb.Polygon{reversed(ccw), cwHole}},
		{"hole counter-clockwise", orb.Polygon{ccw, reversed(cwHole)}},
		{"both wrong", orb.Polygon{reversed(ccw), reversed(cwHole)}},
		{"multi polygon", orb.MultiPolygon{{reversed(ccw)}, {ccw, reversed(cwHole)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.g)
			got := geo.Rewind(tt.g)
			var polys orb.MultiPolygon
			switch g := got.(type) {
			case orb.Polygon:
				polys = orb.MultiPolygon{g}
			case orb.MultiPolygon:
				polys = g
			default:
				t.Fatalf("Rewind() returned %T", got)
			}
			for i, p := range polys {
				for j, r := range p {
					want := orb.CW
					if j == 0 {
						want = orb.CCW
					}
					if o := r.Orientation(); o != want {
						t.Errorf("polygon %d ring %d orientation %d, want %d", i, j, o, want)
					}
				}
			}
			if after := fmt.Sprint(tt.g); after != before {
				t.Errorf("Rewind changed its input")
			}
		})
	}
	if p, ok := geo.Rewind(orb.Point{1, 2}).(orb.Point); !ok || p != (orb.Point{1, 2}) {
		t.Errorf("Rewind(point) = %v, want the point", p)
	}
}
