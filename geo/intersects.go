package geo

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Intersects reports whether g shares at least one point with the closed box b:
// a point inside it, a line with a segment inside or crossing it, a polygon
// whose boundary crosses it or that contains it. It is the exact test behind a
// bbox filter, after an R-tree has picked candidates by their envelopes.
//
// The box must not cross the antimeridian (Min[0] <= Max[0]); split such a
// box in two and test both halves.
func Intersects(g orb.Geometry, b orb.Bound) bool {
	switch g := g.(type) {
	case orb.Point:
		return b.Contains(g)
	case orb.MultiPoint:
		for _, p := range g {
			if b.Contains(p) {
				return true
			}
		}
	case orb.LineString:
		return pathIntersects(g, b)
	case orb.MultiLineString:
		for _, ls := range g {
			if pathIntersects(ls, b) {
				return true
			}
		}
	case orb.Ring:
		return polygonIntersects(orb.Polygon{g}, b)
	case orb.Polygon:
		return polygonIntersects(g, b)
	case orb.MultiPolygon:
		for _, p := range g {
			if polygonIntersects(p, b) {
				return true
			}
		}
	case orb.Bound:
		return g.Intersects(b)
	case orb.Collection:
		for _, m := range g {
			if Intersects(m, b) {
				return true
			}
		}
	}
	return false
}

func pathIntersects[S ~[]orb.Point](pts S, b orb.Bound) bool {
	if len(pts) == 1 {
		return b.Contains(pts[0])
	}
	if len(pts) == 0 || !pathBound(pts).Intersects(b) {
		return false
	}
	for i := 0; i+1 < len(pts); i++ {
		if segmentIntersectsBound(pts[i], pts[i+1], b) {
			return true
		}
	}
	return false
}

func pathBound[S ~[]orb.Point](pts S) orb.Bound {
	return orb.MultiPoint(pts).Bound()
}

func polygonIntersects(p orb.Polygon, b orb.Bound) bool {
	if len(p) == 0 || len(p[0]) == 0 || !p[0].Bound().Intersects(b) {
		return false
	}
	for _, r := range p {
		if pathIntersects(r, b) {
			return true
		}
	}
	// No edge reaches the box, so the box is wholly inside the polygon or
	// wholly outside it (or inside a hole): one point of it decides.
	return len(p[0]) >= 3 && planar.PolygonContains(p, b.Center())
}
