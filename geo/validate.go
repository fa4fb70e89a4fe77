package geo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
)

// Validate reports whether g is a geometry Dateline can store and draw: one of
// Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon, not
// empty, with finite WGS 84 coordinates (longitude in [-180, 180], latitude in
// [-90, 90]), line strings of at least two points, and polygon rings that are
// closed, have at least four points and do not cross or touch themselves.
//
// The error is a lowercase phrase without a package prefix, meant to be wrapped
// as the reason of a field error, e.g. "latitude 123 is out of range [-90, 90]".
func Validate(g orb.Geometry) error {
	switch g := g.(type) {
	case nil:
		return errEmpty
	case orb.Point:
		return validPoint(g)
	case orb.MultiPoint:
		if len(g) == 0 {
			return errEmpty
		}
		for i, p := range g {
			if err := validPoint(p); err != nil {
				return fmt.Errorf("point %d: %w", i, err)
			}
		}
		return nil
	case orb.LineString:
		if len(g) == 0 {
			return errEmpty
		}
		return validLineString(g)
	case orb.MultiLineString:
		if len(g) == 0 {
			return errEmpty
		}
		for i, ls := range g {
			if err := validLineString(ls); err != nil {
				return fmt.Errorf("line string %d: %w", i, err)
			}
		}
		return nil
	case orb.Polygon:
		if len(g) == 0 {
			return errEmpty
		}
		return validPolygon(g)
	case orb.MultiPolygon:
		if len(g) == 0 {
			return errEmpty
		}
		for i, p := range g {
			if err := validPolygon(p); err != nil {
				return fmt.Errorf("polygon %d: %w", i, err)
			}
		}
		return nil
	default:
		return fmt.Errorf("unsupported geometry type %s", typeName(g))
	}
}

var errEmpty = errors.New("empty geometry")

func typeName(g orb.Geometry) string {
	switch g.(type) {
	case orb.Ring:
		return "Ring"
	case orb.Bound:
		return "Bound"
	case orb.Collection:
		return "GeometryCollection"
	}
	return fmt.Sprintf("%T", g)
}

func validPoint(p orb.Point) error {
	lon, lat := p[0], p[1]
	switch {
	case math.IsNaN(lon) || math.IsInf(lon, 0):
		return fmt.Errorf("longitude %s is not a finite number", num(lon))
	case math.IsNaN(lat) || math.IsInf(lat, 0):
		return fmt.Errorf("latitude %s is not a finite number", num(lat))
	case lon < -180 || lon > 180:
		return fmt.Errorf("longitude %s is out of range [-180, 180]", num(lon))
	case lat < -90 || lat > 90:
		return fmt.Errorf("latitude %s is out of range [-90, 90]", num(lat))
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func validLineString(ls orb.LineString) error {
	for i, p := range ls {
		if err := validPoint(p); err != nil {
			return fmt.Errorf("point %d: %w", i, err)
		}
	}
	if len(ls) < 2 {
		return fmt.Errorf("line string has %d point(s); need at least 2", len(ls))
	}
	return nil
}

func validPolygon(p orb.Polygon) error {
	if len(p) == 0 {
		return errors.New("polygon has no rings")
	}
	for i, r := range p {
		if err := validRing(r); err != nil {
			return fmt.Errorf("ring %d %w", i, err)
		}
	}
	return nil
}

// validRing returns errors phrased to follow "ring N ".
func validRing(r orb.Ring) error {
	for i, p := range r {
		if err := validPoint(p); err != nil {
			return fmt.Errorf("point %d: %w", i, err)
		}
	}
	if len(r) < 4 {
		return fmt.Errorf("has %d points; need at least 4", len(r))
	}
	if r[0] != r[len(r)-1] {
		return errors.New("is not closed: first and last points differ")
	}
	pts, orig := dedupe(r)
	if len(pts) < 4 {
		return errors.New("is degenerate: fewer than 3 distinct points")
	}
	if i, j, ok := selfIntersection(pts); ok {
		return fmt.Errorf("self-intersects: segments %d and %d cross or touch", orig[i], orig[j])
	}
	return nil
}

// dedupe drops consecutive repeated points, which are legal but would make
// zero-length segments, and returns for each kept segment start its index in r.
func dedupe(r orb.Ring) (orb.Ring, []int) {
	pts := make(orb.Ring, 0, len(r))
	orig := make([]int, 0, len(r))
	for i, p := range r {
		if len(pts) > 0 && pts[len(pts)-1] == p {
			continue
		}
		pts = append(pts, p)
		orig = append(orig, i)
	}
	return pts, orig
}

// selfIntersection finds two segments of the closed ring pts that share a point
// they should not: non-adjacent segments that touch or cross, or adjacent ones
// that fold back over each other. It sweeps segments sorted by their left end so
// that long rings (country outlines) are not compared pair by pair.
func selfIntersection(pts orb.Ring) (int, int, bool) {
	n := len(pts) - 1 // number of segments
	type box struct{ minX, maxX, minY, maxY float64 }
	boxes := make([]box, n)
	order := make([]int, n)
	for i := range order {
		order[i] = i
		a, b := pts[i], pts[i+1]
		boxes[i] = box{math.Min(a[0], b[0]), math.Max(a[0], b[0]), math.Min(a[1], b[1]), math.Max(a[1], b[1])}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(boxes[a].minX, boxes[b].minX) })

	active := make([]int, 0, 64)
	for _, i := range order {
		bi := boxes[i]
		// Drop the segments that end left of this one, keeping the rest in
		// place; compare only those whose boxes meet this one's (a cheap test
		// first, so that long segments overlapping in x, as in a zig-zag, do
		// not pay the orientation tests for every pair).
		kept := active[:0]
		for _, j := range active {
			bj := boxes[j]
			if bj.maxX < bi.minX {
				continue
			}
			kept = append(kept, j)
			if bj.maxY < bi.minY || bj.minY > bi.maxY {
				continue
			}
			if segmentsConflict(pts, n, i, j) {
				return min(i, j), max(i, j), true
			}
		}
		active = append(kept, i)
	}
	return 0, 0, false
}

func segmentsConflict(pts orb.Ring, n, i, j int) bool {
	lo, hi := min(i, j), max(i, j)
	switch {
	case hi == lo+1:
		// lo ends where hi starts.
		return foldsBack(pts[lo], pts[hi], pts[hi+1])
	case lo == 0 && hi == n-1:
		// The closing segment ends where the first one starts.
		return foldsBack(pts[hi], pts[0], pts[1])
	}
	return segmentsIntersect(pts[lo], pts[lo+1], pts[hi], pts[hi+1])
}

// foldsBack reports whether the path u -> shared -> v doubles back on itself,
// i.e. the two segments overlap beyond their shared point.
func foldsBack(u, shared, v orb.Point) bool {
	if orient(u, shared, v) != 0 {
		return false
	}
	return within(u, shared, v) || within(shared, v, u)
}

// ValidateBBox checks a query box in longitude/latitude: finite numbers,
// longitudes in [-180, 180], latitudes in [-90, 90], the southern edge not
// north of the northern one. A west edge east of the east edge is allowed: such
// a box crosses the antimeridian.
func ValidateBBox(b orb.Bound) error {
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("coordinates must be finite numbers")
		}
	}
	switch {
	case b.Min[0] < -180 || b.Min[0] > 180 || b.Max[0] < -180 || b.Max[0] > 180:
		return errors.New("longitudes must lie in [-180, 180]")
	case b.Min[1] < -90 || b.Min[1] > 90 || b.Max[1] < -90 || b.Max[1] > 90:
		return errors.New("latitudes must lie in [-90, 90]")
	case b.Min[1] > b.Max[1]:
		return errors.New("the southern edge lies north of the northern edge")
	}
	return nil
}
