package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// orient is positive when c lies left of the directed line a->b, negative when
// it lies right, and zero when the three points are collinear.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// within reports whether c, known to be collinear with a and b, lies on the
// closed segment a-b.
func within(a, b, c orb.Point) bool {
	return math.Min(a[0], b[0]) <= c[0] && c[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= c[1] && c[1] <= math.Max(a[1], b[1])
}

// segmentsIntersect reports whether the closed segments p1-p2 and q1-q2 share
// at least one point, touching and collinear overlap included.
func segmentsIntersect(p1, p2, q1, q2 orb.Point) bool {
	d1 := sign(orient(q1, q2, p1))
	d2 := sign(orient(q1, q2, p2))
	d3 := sign(orient(p1, p2, q1))
	d4 := sign(orient(p1, p2, q2))
	if d1*d2 < 0 && d3*d4 < 0 {
		return true
	}
	return (d1 == 0 && within(q1, q2, p1)) ||
		(d2 == 0 && within(q1, q2, p2)) ||
		(d3 == 0 && within(p1, p2, q1)) ||
		(d4 == 0 && within(p1, p2, q2))
}

// segmentIntersectsBound reports whether the closed segment a-b has a point in
// the closed box b.
func segmentIntersectsBound(a, b orb.Point, box orb.Bound) bool {
	if box.Contains(a) || box.Contains(b) {
		return true
	}
	// Neither end is inside, so the segment must cross an edge of the box.
	ll, ur := box.Min, box.Max
	ul, lr := box.LeftTop(), box.RightBottom()
	return segmentsIntersect(a, b, ll, ul) ||
		segmentsIntersect(a, b, ul, ur) ||
		segmentsIntersect(a, b, ur, lr) ||
		segmentsIntersect(a, b, lr, ll)
}
