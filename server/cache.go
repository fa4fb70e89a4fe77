package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

const (
	headerETag        = "ETag"
	headerIfNoneMatch = "If-None-Match"
	headerVary        = "Vary"
)

// entityTag returns a strong entity tag for the representation that parts
// decide: a data version, the normalised request, the format, and the base
// URL that absolute links embed. A gzip-encoded body is other bytes than the
// plain one, so it gets its own tag (RFC 9110, 8.8.3).
func entityTag(c echo.Context, parts ...string) string {
	return tagOf(!noGzip(c), parts...)
}

// tagOf is entityTag for a body sent compressed (gzip) or not.
func tagOf(gzip bool, parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	tag := hex.EncodeToString(h.Sum(nil)[:16])
	if gzip {
		tag += "-gzip"
	}
	return `"` + tag + `"`
}

// validators sets ETag, Last-Modified and a Cache-Control that lets caches
// keep the response but makes them ask again each time, and reports whether
// the client's copy (If-None-Match) is still current. The handler then
// answers 304 without building the body.
func validators(c echo.Context, tag string, changed time.Time) (notModified bool) {
	h := c.Response().Header()
	h.Set(headerETag, tag)
	h.Set(echo.HeaderCacheControl, "no-cache")
	if !changed.IsZero() {
		h.Set(echo.HeaderLastModified, changed.UTC().Format(http.TimeFormat))
	}
	return matchesAny(c.Request().Header.Get(headerIfNoneMatch), tag)
}

// matchesAny reports whether an If-None-Match list names tag, comparing
// weakly as RFC 9110 13.1.2 requires for GET and HEAD.
func matchesAny(list, tag string) bool {
	if list == "" {
		return false
	}
	tag = strings.TrimPrefix(tag, "W/")
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}

// sendTagged answers with body, tagged by its own hash: for documents that
// are cheap to build (the landing page, the API document), where building
// them is no reason to skip a 304.
func sendTagged(c echo.Context, contentType string, body []byte, changed time.Time) error {
	sum := sha256.Sum256(body)
	if validators(c, entityTag(c, "body", contentType, string(sum[:])), changed) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, contentType, body)
}

// extentCache keeps each collection's extent for the data version it was
// computed at: finding an exact extent reads geometries, listing the
// collections should not.
type extentCache struct {
	mu sync.Mutex
	m  map[string]cachedExtent
}

type cachedExtent struct {
	tag string
	ext extent
}

func newExtentCache() *extentCache { return &extentCache{m: make(map[string]cachedExtent)} }

// get returns col's extent at state st, computing it when the data moved on.
// Two requests may both compute it after a change; either result is right.
func (x *extentCache) get(ctx context.Context, col *collection, st state) (extent, error) {
	x.mu.Lock()
	ce, ok := x.m[col.ID]
	x.mu.Unlock()
	if ok && ce.tag == st.Tag {
		return ce.ext, nil
	}
	ext, err := col.Extent(ctx)
	if err != nil {
		return extent{}, err
	}
	x.mu.Lock()
	x.m[col.ID] = cachedExtent{tag: st.Tag, ext: ext}
	x.mu.Unlock()
	return ext, nil
}
