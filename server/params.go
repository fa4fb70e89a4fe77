package server

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// Paging limits of /items.
const (
	defaultLimit = 100
	maxLimit     = 10000
)

// MaxFilterValues is the most comma-separated values one filter parameter
// (place_id=a,b,c) may list; more is a 400 naming the parameter.
const MaxFilterValues = 100

// format is the representation a request gets.
type format int

const (
	formatJSON format = iota
	formatHTML
)

func (f format) String() string {
	if f == formatHTML {
		return "html"
	}
	return "json"
}

// negotiate picks the representation: the f parameter when given, else the
// Accept header. HTML is chosen only when the client names text/html and
// ranks it at least as high as any JSON type it names: browsers list
// text/html first, while GDAL, QGIS and OWSLib ask for application/json and
// curl sends */*, which all get JSON, the API's default.
func negotiate(c echo.Context) (f format, explicit bool, err error) {
	switch v := c.QueryParam("f"); v {
	case "":
	case "json", "geojson":
		return formatJSON, true, nil
	case "html":
		return formatHTML, true, nil
	default:
		return 0, true, badRequest("f", fmt.Sprintf("unknown format %q: use json or html", v))
	}
	var qHTML, qJSON float64
	for _, part := range strings.Split(c.Request().Header.Get(echo.HeaderAccept), ",") {
		typ, q := mediaRange(part)
		switch typ {
		case "text/html", "application/xhtml+xml":
			qHTML = max(qHTML, q)
		case "application/json", "application/geo+json", "application/problem+json",
			"application/vnd.oai.openapi+json", "application/schema+json":
			qJSON = max(qJSON, q)
		}
	}
	if qHTML > 0 && qHTML >= qJSON {
		return formatHTML, false, nil
	}
	return formatJSON, false, nil
}

// mediaRange splits one Accept element into its type and its q weight.
func mediaRange(s string) (string, float64) {
	params := strings.Split(s, ";")
	typ := strings.ToLower(strings.TrimSpace(params[0]))
	q := 1.0
	for _, p := range params[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.TrimSpace(k) == "q" {
			if w, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && w >= 0 && w <= 1 {
				q = w
			}
		}
	}
	return typ, q
}

// onlyParams refuses any query parameter not in allowed, and any
// parameter given twice.
func onlyParams(c echo.Context, allowed ...string) error {
	for name, vs := range c.QueryParams() {
		if !slices.Contains(allowed, name) {
			if len(allowed) == 0 {
				return badRequest(name, fmt.Sprintf("unknown parameter %q: this resource takes no parameters", name))
			}
			return badRequest(name, fmt.Sprintf("unknown parameter %q: this resource takes %s", name, strings.Join(allowed, ", ")))
		}
		if len(vs) > 1 {
			return badRequest(name, fmt.Sprintf("parameter %q is given %d times; give it once", name, len(vs)))
		}
	}
	return nil
}

// itemsParams are the query parameters of /collections/{id}/items (paging)
// or of a layer download (no paging, always GeoJSON).
func itemsParams(col *collection, paging bool) []string {
	names := []string{"bbox", "datetime"}
	if paging {
		names = append(names, "limit", "offset", "f")
	}
	for _, f := range col.Filters {
		names = append(names, f.Name)
	}
	if col.Sortable {
		names = append(names, "sortby")
	}
	return names
}

// parseItems reads an items (or download) request. canon is the request in
// normal form (values normalised, defaults filled in, f left out): the
// links and the ETag are built from it, so equal requests share a cache
// entry however they were spelled.
func parseItems(c echo.Context, col *collection, paging bool) (q itemsQuery, canon url.Values, err error) {
	if err := onlyParams(c, itemsParams(col, paging)...); err != nil {
		return q, nil, err
	}
	return readItems(c, col, paging)
}

// readItems is parseItems after the parameters have been checked: the
// aggregation and tile endpoints take the same filters beside their own.
func readItems(c echo.Context, col *collection, paging bool) (q itemsQuery, canon url.Values, err error) {
	vals := c.QueryParams()
	canon = url.Values{}
	has := func(name string) (string, bool) {
		vs, ok := vals[name]
		if !ok {
			return "", false
		}
		return vs[0], true
	}
	if v, ok := has("bbox"); ok {
		b, err := parseBBox(v)
		if err != nil {
			return q, nil, err
		}
		q.BBox = &b
		canon.Set("bbox", formatBBox(b))
	}
	if v, ok := has("datetime"); ok {
		t, norm, err := parseDatetime(v)
		if err != nil {
			return q, nil, err
		}
		q.Time = t
		canon.Set("datetime", norm)
	}
	if paging {
		q.Limit = defaultLimit
		if v, ok := has("limit"); ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return q, nil, badRequest("limit", fmt.Sprintf("limit must be a whole number of at least 1, not %q", v))
			}
			// Larger pages are clamped rather than refused, as OGC API – Features allows.
			q.Limit = min(n, maxLimit)
		}
		if v, ok := has("offset"); ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return q, nil, badRequest("offset", fmt.Sprintf("offset must be a whole number of at least 0, not %q", v))
			}
			q.Offset = n
		}
		canon.Set("limit", strconv.Itoa(q.Limit))
		if q.Offset > 0 {
			canon.Set("offset", strconv.Itoa(q.Offset))
		}
	}
	for _, f := range col.Filters {
		v, ok := has(f.Name)
		if !ok {
			continue
		}
		values, err := parseFilter(f, v)
		if err != nil {
			return q, nil, err
		}
		if q.Props == nil {
			q.Props = make(map[string][]string)
		}
		q.Props[f.Name] = values
		canon.Set(f.Name, strings.Join(values, ","))
	}
	if v, ok := has("sortby"); ok && col.Sortable {
		switch strings.TrimSpace(v) {
		case "-datetime":
			q.SortBy = "-datetime"
		case "datetime", "+datetime":
			q.SortBy = "datetime"
		default:
			return q, nil, badRequest("sortby", fmt.Sprintf("sortby must be datetime (oldest first) or -datetime (newest first), not %q", v))
		}
		canon.Set("sortby", q.SortBy)
	}
	return q, canon, nil
}

func parseFilter(f filter, v string) ([]string, error) {
	values := []string{strings.TrimSpace(v)}
	if f.List {
		if n := strings.Count(v, ",") + 1; n > MaxFilterValues {
			return nil, badRequest(f.Name, fmt.Sprintf("%s has %d values; give at most %d", f.Name, n, MaxFilterValues))
		}
		values = strings.Split(v, ",")
	}
	for i, x := range values {
		x = strings.TrimSpace(x)
		values[i] = x
		switch {
		case x == "":
			return nil, badRequest(f.Name, fmt.Sprintf("%s must not be empty", f.Name))
		case len(f.Enum) > 0 && !slices.Contains(f.Enum, x):
			return nil, badRequest(f.Name, fmt.Sprintf("unknown %s %q: use one of %s", f.Name, x, strings.Join(f.Enum, ", ")))
		case f.Check != nil:
			if err := f.Check(x); err != nil {
				return nil, badRequest(f.Name, fmt.Sprintf("%s: %v", f.Name, err))
			}
		}
	}
	slices.Sort(values)
	return slices.Compact(values), nil
}

// parseBBox reads "minLon,minLat,maxLon,maxLat" (or six numbers with
// heights, which are ignored: features have none). A box whose west edge
// lies east of its east edge crosses the antimeridian, as OGC API – Features
// specifies; latitudes must be in order.
func parseBBox(v string) (orb.Bound, error) {
	parts := strings.Split(v, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return orb.Bound{}, badRequest("bbox", fmt.Sprintf("bbox takes 4 numbers (minLon,minLat,maxLon,maxLat), not %d", len(parts)))
	}
	nums := make([]float64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return orb.Bound{}, badRequest("bbox", fmt.Sprintf("bbox value %d (%q) is not a number", i+1, p))
		}
		nums[i] = n
	}
	if len(nums) == 6 {
		nums = []float64{nums[0], nums[1], nums[3], nums[4]}
	}
	b := orb.Bound{Min: orb.Point{nums[0], nums[1]}, Max: orb.Point{nums[2], nums[3]}}
	for _, lon := range []float64{b.Min[0], b.Max[0]} {
		if lon < -180 || lon > 180 {
			return orb.Bound{}, badRequest("bbox", fmt.Sprintf("longitude %v is out of range [-180, 180]", lon))
		}
	}
	for _, lat := range []float64{b.Min[1], b.Max[1]} {
		if lat < -90 || lat > 90 {
			return orb.Bound{}, badRequest("bbox", fmt.Sprintf("latitude %v is out of range [-90, 90]", lat))
		}
	}
	if b.Min[1] > b.Max[1] {
		return orb.Bound{}, badRequest("bbox", fmt.Sprintf("the southern edge (%v) lies north of the northern edge (%v)", b.Min[1], b.Max[1]))
	}
	return b, nil
}

func formatBBox(b orb.Bound) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return f(b.Min[0]) + "," + f(b.Min[1]) + "," + f(b.Max[0]) + "," + f(b.Max[1])
}

// parseDatetime reads an instant or an interval: "2023-01-01T10:00:00Z",
// "2023-01-01" (the whole day), "a/b", "../b", "a/.." or with an empty
// open end. norm is the UTC form with whole days spelt out.
func parseDatetime(v string) (r *timeRange, norm string, err error) {
	parts := strings.Split(v, "/")
	switch len(parts) {
	case 1:
		if v == ".." || v == "" {
			return nil, "", badRequest("datetime", "datetime needs an instant or an interval such as 2023-01-01/2023-01-31")
		}
		start, end, err := parseInstant(v)
		if err != nil {
			return nil, "", err
		}
		r = &timeRange{Start: start, End: end}
	case 2:
		r = &timeRange{}
		if p := parts[0]; p != ".." && p != "" {
			if r.Start, _, err = parseInstant(p); err != nil {
				return nil, "", err
			}
		}
		if p := parts[1]; p != ".." && p != "" {
			if _, r.End, err = parseInstant(p); err != nil {
				return nil, "", err
			}
		}
		if !r.Start.IsZero() && !r.End.IsZero() && r.End.Before(r.Start) {
			return nil, "", badRequest("datetime", fmt.Sprintf("the interval %q ends before it starts", v))
		}
	default:
		return nil, "", badRequest("datetime", fmt.Sprintf("%q is neither an instant nor an interval start/end", v))
	}
	show := func(t time.Time) string {
		if t.IsZero() {
			return ".."
		}
		return t.Format(time.RFC3339Nano)
	}
	if r.Start.Equal(r.End) {
		return r, show(r.Start), nil
	}
	return r, show(r.Start) + "/" + show(r.End), nil
}

// parseInstant reads an RFC 3339 date-time, or a date meaning the whole day
// (UTC), and returns the first and the last instant it covers.
func parseInstant(s string) (first, last time.Time, err error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		t = t.UTC()
		return t, t, nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, d.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
	}
	return time.Time{}, time.Time{}, badRequest("datetime",
		fmt.Sprintf("%q is not an RFC 3339 date-time (2023-01-01T10:00:00Z) or date (2023-01-01)", s))
}
