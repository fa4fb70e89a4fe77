package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// RepresentativePoint returns one point that lies on or inside g, for a map
// marker or a distance score:
//   - a point is its own representative;
//   - a line gives the point halfway along its length;
//   - a polygon gives its centroid when that lies inside, otherwise the middle
//     of the widest stretch of a horizontal line through the middle of its
//     bounding box, which is always inside;
//   - a multi-geometry gives the representative point of its largest part
//     (longest line, largest polygon, first point).
//
// It returns the zero Point for a nil or empty geometry; call Validate first.
func RepresentativePoint(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return g
	case orb.MultiPoint:
		if len(g) > 0 {
			return g[0]
		}
	case orb.LineString:
		return halfway(g)
	case orb.MultiLineString:
		if ls, ok := largest(g, pathLength); ok {
			return halfway(ls)
		}
	case orb.Ring:
		return polygonPoint(orb.Polygon{g})
	case orb.Polygon:
		return polygonPoint(g)
	case orb.MultiPolygon:
		if p, ok := largest(g, polygonArea); ok {
			return polygonPoint(p)
		}
	case orb.Bound:
		return g.Center()
	case orb.Collection:
		return collectionPoint(g)
	}
	return orb.Point{}
}

// largest returns the part with the greatest size; ties go to the first.
func largest[T any](parts []T, size func(T) float64) (T, bool) {
	var best T
	if len(parts) == 0 {
		return best, false
	}
	bestSize := math.Inf(-1)
	for _, p := range parts {
		if s := size(p); s > bestSize {
			best, bestSize = p, s
		}
	}
	return best, true
}

func pathLength(ls orb.LineString) float64 {
	l := 0.0
	for i := 0; i+1 < len(ls); i++ {
		l += Distance(ls[i], ls[i+1])
	}
	return l
}

func polygonArea(p orb.Polygon) float64 { return math.Abs(planar.Area(p)) }

// halfway walks half the great-circle length of ls and interpolates linearly
// within the segment where it stops.
func halfway(ls orb.LineString) orb.Point {
	switch len(ls) {
	case 0:
		return orb.Point{}
	case 1:
		return ls[0]
	}
	rest := pathLength(ls) / 2
	for i := 0; i+1 < len(ls); i++ {
		d := Distance(ls[i], ls[i+1])
		if d >= rest && d > 0 {
			t := rest / d
			return orb.Point{
				ls[i][0] + t*(ls[i+1][0]-ls[i][0]),
				ls[i][1] + t*(ls[i+1][1]-ls[i][1]),
			}
		}
		rest -= d
	}
	// Zero-length line: all points coincide.
	return ls[0]
}

func polygonPoint(p orb.Polygon) orb.Point {
	if len(p) == 0 || len(p[0]) == 0 {
		return orb.Point{}
	}
	if len(p[0]) < 4 {
		return p[0][0]
	}
	if c, area := planar.CentroidArea(p); area > 0 && planar.PolygonContains(p, c) {
		return c
	}
	if c, ok := scanlinePoint(p); ok {
		return c
	}
	return p[0][0]
}

// scanlinePoint crosses the polygon with a horizontal line through the middle
// of its bounding box and returns the midpoint of the widest inside interval.
func scanlinePoint(p orb.Polygon) (orb.Point, bool) {
	b := p.Bound()
	y := (b.Min[1] + b.Max[1]) / 2
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, c := r[i], r[i+1]
			// Half-open rule: a vertex exactly on the line counts once.
			if (a[1] > y) != (c[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	best, width := orb.Point{}, -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > width {
			best, width = orb.Point{(xs[i] + xs[i+1]) / 2, y}, w
		}
	}
	if width <= 0 || !planar.PolygonContains(p, best) {
		return orb.Point{}, false
	}
	return best, true
}

// collectionPoint prefers areas over lines over points, as a reader would.
func collectionPoint(c orb.Collection) orb.Point {
	var polys orb.MultiPolygon
	var lines orb.MultiLineString
	var points orb.MultiPoint
	for _, m := range c {
		switch m := m.(type) {
		case orb.Polygon:
			polys = append(polys, m)
		case orb.MultiPolygon:
			polys = append(polys, m...)
		case orb.LineString:
			lines = append(lines, m)
		case orb.MultiLineString:
			lines = append(lines, m...)
		case orb.Point:
			points = append(points, m)
		case orb.MultiPoint:
			points = append(points, m...)
		}
	}
	switch {
	case len(polys) > 0:
		return RepresentativePoint(polys)
	case len(lines) > 0:
		return RepresentativePoint(lines)
	}
	return RepresentativePoint(points)
}
