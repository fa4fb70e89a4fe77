// Package geo holds pure geometry helpers on orb values: validation, great-circle
// distance, representative points, bounds, rounding, ring winding and bbox tests.
//
// Coordinates are longitude/latitude in degrees (WGS 84, [lon, lat] as in orb and
// GeoJSON). Distances are kilometres on a sphere. Planar tests (containment,
// intersection) treat lon/lat as a plane and do not wrap around the antimeridian;
// that is accurate enough for the regional scale Dateline works at.
//
// The package does no I/O and keeps no state.
package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Bound returns the bounding box of g, or the zero Bound when g is nil.
func Bound(g orb.Geometry) orb.Bound {
	if g == nil {
		return orb.Bound{}
	}
	return g.Bound()
}

// Round returns a copy of g with every coordinate rounded to the given number of
// decimal places (6 decimals is about 0.1 m, the usual GeoJSON precision).
// Negative zero is written as zero so that encoders never print "-0".
func Round(g orb.Geometry, decimals int) orb.Geometry {
	f := math.Pow10(decimals)
	return mapPoints(g, func(p orb.Point) orb.Point {
		// Adding 0 turns -0 into +0.
		return orb.Point{math.Round(p[0]*f)/f + 0, math.Round(p[1]*f)/f + 0}
	})
}

// Rewind returns a copy of g whose polygon rings follow the right-hand rule of
// RFC 7946: exterior rings counter-clockwise, holes clockwise. Other geometries
// are copied unchanged.
func Rewind(g orb.Geometry) orb.Geometry {
	c := mapPoints(g, func(p orb.Point) orb.Point { return p })
	switch c := c.(type) {
	case orb.Polygon:
		rewindPolygon(c)
	case orb.MultiPolygon:
		for _, p := range c {
			rewindPolygon(p)
		}
	case orb.Collection:
		for i, m := range c {
			c[i] = Rewind(m)
		}
	case orb.Ring:
		rewindRing(c, orb.CCW)
	}
	return c
}

func rewindPolygon(p orb.Polygon) {
	for i, r := range p {
		want := orb.CW
		if i == 0 {
			want = orb.CCW
		}
		rewindRing(r, want)
	}
}

func rewindRing(r orb.Ring, want orb.Orientation) {
	if len(r) < 3 {
		return
	}
	// A degenerate ring (orientation 0) has no winding to fix.
	if o := r.Orientation(); o != 0 && o != want {
		r.Reverse()
	}
}

// mapPoints returns a deep copy of g with f applied to every point. Typed nil
// slices stay nil so the copy has the same shape as the original.
func mapPoints(g orb.Geometry, f func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case nil:
		return nil
	case orb.Point:
		return f(g)
	case orb.MultiPoint:
		return orb.MultiPoint(mapSlice(g, f))
	case orb.LineString:
		return orb.LineString(mapSlice(g, f))
	case orb.Ring:
		return orb.Ring(mapSlice(g, f))
	case orb.MultiLineString:
		if g == nil {
			return g
		}
		out := make(orb.MultiLineString, len(g))
		for i, ls := range g {
			out[i] = mapSlice(ls, f)
		}
		return out
	case orb.Polygon:
		return mapPolygon(g, f)
	case orb.MultiPolygon:
		if g == nil {
			return g
		}
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = mapPolygon(p, f)
		}
		return out
	case orb.Collection:
		if g == nil {
			return g
		}
		out := make(orb.Collection, len(g))
		for i, m := range g {
			out[i] = mapPoints(m, f)
		}
		return out
	case orb.Bound:
		return orb.Bound{Min: f(g.Min), Max: f(g.Max)}
	default:
		return orb.Clone(g)
	}
}

func mapPolygon(p orb.Polygon, f func(orb.Point) orb.Point) orb.Polygon {
	if p == nil {
		return nil
	}
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = mapSlice(r, f)
	}
	return out
}

func mapSlice[S ~[]orb.Point](s S, f func(orb.Point) orb.Point) S {
	if s == nil {
		return nil
	}
	out := make(S, len(s))
	for i, p := range s {
		out[i] = f(p)
	}
	return out
}
