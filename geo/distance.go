package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// EarthRadiusKm is the mean radius of the Earth (IUGG R1) used for all
// great-circle distances in this package.
const EarthRadiusKm = 6371.0088

const rad = math.Pi / 180

// Distance returns the great-circle (haversine) distance between two
// longitude/latitude points in kilometres.
func Distance(a, b orb.Point) float64 {
	lat1, lat2 := a[1]*rad, b[1]*rad
	dLat := lat2 - lat1
	dLon := (b[0] - a[0]) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Sqrt(math.Min(1, h)))
}

// DistanceToGeometry returns the distance in kilometres from p to the nearest
// point of g: to the nearest vertex of a multipoint, the nearest point of any
// segment of a line, and zero when p lies inside (or on) a polygon. It returns
// +Inf for a nil or empty geometry, so that "nothing" never scores as near.
//
// The nearest point on a segment is found in a plane tangent at p (longitudes
// scaled by cos(lat)) and the distance to it measured on the sphere, which is
// well under a percent off for segments up to a few hundred kilometres.
func DistanceToGeometry(p orb.Point, g orb.Geometry) float64 {
	best := math.Inf(1)
	switch g := g.(type) {
	case orb.Point:
		best = Distance(p, g)
	case orb.MultiPoint:
		for _, q := range g {
			best = math.Min(best, Distance(p, q))
		}
	case orb.LineString:
		best = distanceToPath(p, g)
	case orb.MultiLineString:
		for _, ls := range g {
			best = math.Min(best, distanceToPath(p, ls))
		}
	case orb.Ring:
		best = distanceToPolygon(p, orb.Polygon{g})
	case orb.Polygon:
		best = distanceToPolygon(p, g)
	case orb.MultiPolygon:
		for _, poly := range g {
			best = math.Min(best, distanceToPolygon(p, poly))
		}
	case orb.Bound:
		best = distanceToPolygon(p, g.ToPolygon())
	case orb.Collection:
		for _, m := range g {
			best = math.Min(best, DistanceToGeometry(p, m))
		}
	}
	return best
}

func distanceToPolygon(p orb.Point, poly orb.Polygon) float64 {
	if len(poly) == 0 || len(poly[0]) == 0 {
		return math.Inf(1)
	}
	if len(poly[0]) >= 3 && planar.PolygonContains(poly, p) {
		return 0
	}
	best := math.Inf(1)
	for _, r := range poly {
		best = math.Min(best, distanceToPath(p, r))
	}
	return best
}

func distanceToPath[S ~[]orb.Point](p orb.Point, pts S) float64 {
	switch len(pts) {
	case 0:
		return math.Inf(1)
	case 1:
		return Distance(p, pts[0])
	}
	best := math.Inf(1)
	for i := 0; i+1 < len(pts); i++ {
		best = math.Min(best, distanceToSegment(p, pts[i], pts[i+1]))
	}
	return best
}

func distanceToSegment(p, a, b orb.Point) float64 {
	k := math.Cos(p[1] * rad)
	if k < 1e-9 {
		// At a pole every direction is south (or north); the ends will do.
		return math.Min(Distance(p, a), Distance(p, b))
	}
	// Local plane around p, in degrees of latitude.
	ax, ay := wrapLon(a[0]-p[0])*k, a[1]-p[1]
	bx, by := wrapLon(b[0]-p[0])*k, b[1]-p[1]
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
	}
	c := orb.Point{p[0] + (ax+t*dx)/k, p[1] + ay + t*dy}
	return Distance(p, c)
}

// wrapLon brings a longitude difference into [-180, 180) so that segments near
// the antimeridian are measured the short way round.
func wrapLon(d float64) float64 {
	return math.Mod(math.Mod(d+180, 360)+360, 360) - 180
}
