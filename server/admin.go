package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/geo"
)

// Media types of the editing API.
const (
	mimeMergePatch = "application/merge-patch+json"
	headerIfMatch  = "If-Match"
	// maxFeatureBytes bounds a place sent to the API; the largest curated
	// outline is far smaller.
	maxFeatureBytes = 4 << 20
	// editableCollection is the one collection that takes changes: the
	// others are views of it.
	editableCollection = "places"
)

// startAdmin makes sure the admin account exists. Without a configured
// password a new database gets a generated one, which is logged this once:
// only its hash is stored, so it cannot be shown again.
func (s *Server) startAdmin(ctx context.Context) error {
	s.auth = newAuth()
	s.reindex = newReindexer(s.deps, s.log)
	generated, err := s.deps.Places.EnsureEditor(ctx, gazetteer.AdminEditor, s.cfg.AdminPassword)
	if err != nil {
		return fmt.Errorf("server: admin account: %w", err)
	}
	if generated != "" {
		s.log.Warn("generated the admin password; it is shown only this once, so note it now "+
			"(or set DATELINE_ADMIN_PASSWORD to choose one)", "user", gazetteer.AdminEditor, "password", generated)
	}
	return nil
}

// Close stops the background work the server started (re-geoparsing after
// edits) and waits for it. A job cut short leaves every document either
// re-read or as it was.
func (s *Server) Close() error {
	s.reindex.close()
	s.exports <- struct{}{}
	if s.export.dir != "" {
		os.RemoveAll(s.export.dir)
		s.export.tag, s.export.dir = "", ""
	}
	<-s.exports
	return nil
}

// readBody reads a request body of at most limit bytes.
func readBody(c echo.Context, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, limit))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, &problemError{status: http.StatusRequestEntityTooLarge,
			detail: fmt.Sprintf("the request body is larger than %d bytes", limit)}
	}
	if err != nil {
		return nil, badRequest("", "the request body could not be read")
	}
	return b, nil
}

// readJSON decodes a JSON object body into v, refusing unknown members.
func readJSON(c echo.Context, limit int64, v any) error {
	if t := mediaType(c); t != "" && t != echo.MIMEApplicationJSON {
		return unsupported(t, echo.MIMEApplicationJSON)
	}
	b, err := readBody(c, limit)
	if err != nil {
		return err
	}
	if err := checkJSON(b); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest("", "the body is not the JSON object this resource takes: "+err.Error())
	}
	return nil
}

// mediaType is the request's Content-Type without parameters, "" when absent.
func mediaType(c echo.Context) string {
	v := c.Request().Header.Get(echo.HeaderContentType)
	if v == "" {
		return ""
	}
	t, _, err := mime.ParseMediaType(v)
	if err != nil {
		return v
	}
	return t
}

func unsupported(got string, want ...string) error {
	return &problemError{status: http.StatusUnsupportedMediaType, field: echo.HeaderContentType,
		detail: fmt.Sprintf("Content-Type %q is not accepted here; send %s", got, strings.Join(want, " or "))}
}

// ifMatchTag reads the entity tag an edit was made against out of the
// If-Match header: one strong tag, as GET gave it. Without it the change is
// refused (428), so that no client overwrites an edit it never saw; a weak
// tag (W/"…") cannot guard a change (RFC 9110 compares If-Match strongly).
func ifMatchTag(c echo.Context) (string, error) {
	v := strings.TrimSpace(c.Request().Header.Get(headerIfMatch))
	switch {
	case v == "":
		return "", &problemError{status: http.StatusPreconditionRequired, field: headerIfMatch,
			detail: "an If-Match header is required: send the ETag of the version you edited, as GET gave it, " +
				"so that nobody else's change is overwritten unseen"}
	case v == "*":
		return "", &problemError{status: http.StatusPreconditionRequired, field: headerIfMatch,
			detail: "If-Match: * does not say which version you edited; send the feature's ETag"}
	case strings.Contains(v, ","):
		return "", badRequest(headerIfMatch, "give one entity tag in If-Match, the one of the version you edited")
	case strings.HasPrefix(v, "W/"):
		return "", &problemError{status: http.StatusPreconditionFailed, field: headerIfMatch,
			detail: fmt.Sprintf("If-Match %s is a weak entity tag, which cannot guard a change; send the feature's ETag as GET gave it", v)}
	case len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"':
		return "", badRequest(headerIfMatch, fmt.Sprintf("If-Match %q is not an entity tag (a quoted string)", v))
	}
	return v, nil
}

// checkIfMatch compares the request's If-Match, strongly and whole, with
// the tags of p's current version (tags lists them) and returns p's version
// for the store's own check, which catches an edit that lands in between.
func checkIfMatch(c echo.Context, p *gazetteer.Place, tags []string) (int64, error) {
	tag, err := ifMatchTag(c)
	if err != nil {
		return 0, err
	}
	if !slices.Contains(tags, tag) {
		return 0, &problemError{status: http.StatusPreconditionFailed, field: headerIfMatch,
			detail: fmt.Sprintf("If-Match %s is not the ETag of the current version (%d) of %s; GET it again, redo your change and send its ETag",
				tag, p.Version, p.ID)}
	}
	return p.Version, nil
}

// matchPlace is checkIfMatch for an edit of a live place through its item.
func (s *Server) matchPlace(c echo.Context, col *collection, p *gazetteer.Place) (int64, error) {
	return checkIfMatch(c, p, itemTags(col, placeFeature(p), s.base(c)))
}

// editable returns the collection a change is addressed to; only places
// takes changes.
func (s *Server) editable(c echo.Context) (*collection, error) {
	col, err := s.collection(c.Param("collectionId"))
	if err != nil {
		return nil, err
	}
	if col.ID != editableCollection {
		c.Response().Header().Set(echo.HeaderAllow, "GET, HEAD")
		return nil, &problemError{status: http.StatusMethodNotAllowed,
			detail: fmt.Sprintf("%s is read-only: change its features through /collections/%s/items", col.ID, editableCollection)}
	}
	return col, nil
}

// readFeature reads a place sent as a GeoJSON feature in the curated format.
// The links a GET adds are dropped, so that a client may send back what it
// read; the fields the server keeps (version, times, origin, deleted) are
// cleared, whatever the body says.
func readFeature(body []byte) (*gazetteer.Place, error) {
	if err := checkJSON(body); err != nil {
		return nil, err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err == nil {
		if _, ok := members["links"]; ok {
			delete(members, "links")
			body, _ = json.Marshal(members)
		}
	}
	p, err := gazetteer.DecodeFeature(body)
	var ve *gazetteer.ValidationError
	if errors.As(err, &ve) && ve.Field == "geometry" {
		// A geometry that cannot be read is a malformed request, not a
		// place that breaks a rule.
		return nil, badRequest("geometry", "geometry: "+ve.Reason)
	}
	if err != nil {
		return nil, err
	}
	if p.Geometry != nil {
		if err := geo.Validate(p.Geometry); err != nil {
			return nil, badRequest("geometry", "geometry: "+err.Error())
		}
	}
	p.Version, p.Created, p.Updated, p.Deleted, p.Origin = 0, time.Time{}, time.Time{}, false, ""
	return p, nil
}

// readPlaceBody reads the body of a POST or PUT: a GeoJSON feature.
func readPlaceBody(c echo.Context) (*gazetteer.Place, error) {
	switch t := mediaType(c); t {
	case mimeGeoJSON, echo.MIMEApplicationJSON, "":
	default:
		return nil, unsupported(t, mimeGeoJSON, echo.MIMEApplicationJSON)
	}
	b, err := readBody(c, maxFeatureBytes)
	if err != nil {
		return nil, err
	}
	return readFeature(b)
}

// sameID refuses a body whose id differs from the URL's: ids never change.
func sameID(p *gazetteer.Place, id string) error {
	if p.ID != "" && p.ID != id {
		return &gazetteer.ValidationError{Field: "id",
			Reason: fmt.Sprintf("the feature's id %q differs from the URL's %q; an id cannot change", p.ID, id)}
	}
	p.ID = id
	return nil
}

// sendPlace answers with a place as the items endpoint shows it, with its
// ETag, so that the next edit can send it back in If-Match.
func (s *Server) sendPlace(c echo.Context, status int, col *collection, p *gazetteer.Place) error {
	base := s.base(c)
	ft := placeFeature(p)
	gf := toGeoJSON(ft)
	path := "/collections/" + col.ID + "/items/" + url.PathEscape(p.ID)
	gf.Links = append(selfLinks(base, path, nil, formatJSON, mimeGeoJSON),
		link{Rel: "collection", Type: mimeJSON, Title: col.Title, Href: href(base, "/collections/"+col.ID, nil, "json")})
	body, err := marshalJSON(gf)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(headerETag, itemTag(c, col, ft, formatJSON, base))
	h.Set(echo.HeaderCacheControl, "no-store")
	if !p.Updated.IsZero() {
		h.Set(echo.HeaderLastModified, p.Updated.UTC().Format(http.TimeFormat))
	}
	return c.Blob(status, mimeGeoJSON, body)
}

// createPlace adds a place (OGC API – Features Part 4, POST to items). The
// server picks the id from the name when the feature has none.
func (s *Server) createPlace(c echo.Context) error {
	col, err := s.editable(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c); err != nil {
		return err
	}
	p, err := readPlaceBody(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Without an id the store picks a free one in the same transaction.
	p.Origin = gazetteer.OriginUser
	if err := s.deps.Places.Create(ctx, p, editor(c)); err != nil {
		return err
	}
	s.changed(nil, p)
	c.Response().Header().Set(echo.HeaderLocation, s.base(c)+"/collections/"+col.ID+"/items/"+url.PathEscape(p.ID))
	return s.sendPlace(c, http.StatusCreated, col, p)
}

// replacePlace replaces a place with the feature sent (PUT).
func (s *Server) replacePlace(c echo.Context) error {
	col, err := s.editable(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c); err != nil {
		return err
	}
	if _, err := ifMatchTag(c); err != nil {
		return err
	}
	p, err := readPlaceBody(c)
	if err != nil {
		return err
	}
	old, err := s.deps.Places.Get(c.Request().Context(), c.Param("featureId"))
	if err != nil {
		return err
	}
	version, err := s.matchPlace(c, col, old)
	if err != nil {
		return err
	}
	return s.saveEdit(c, col, old, p, version)
}

// saveEdit stores p as the new content of old (PUT and PATCH alike): the id
// may not change, the origin stays, and the map and the re-geoparse are told.
func (s *Server) saveEdit(c echo.Context, col *collection, old, p *gazetteer.Place, version int64) error {
	if err := sameID(p, old.ID); err != nil {
		return err
	}
	p.Origin = old.Origin
	if err := s.deps.Places.Update(c.Request().Context(), p, version, editor(c)); err != nil {
		return err
	}
	s.changed(old, p)
	return s.sendPlace(c, http.StatusOK, col, p)
}

// patchPlace applies a JSON merge patch (RFC 7396) to the place as the
// curated format writes it: {"properties": {"population": 1200}} changes
// one field, a list (names, coordinates) is replaced whole, null removes.
func (s *Server) patchPlace(c echo.Context) error {
	col, err := s.editable(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c); err != nil {
		return err
	}
	if t := mediaType(c); t != mimeMergePatch {
		c.Response().Header().Set("Accept-Patch", mimeMergePatch)
		return unsupported(t, mimeMergePatch)
	}
	if _, err := ifMatchTag(c); err != nil {
		return err
	}
	patch, err := readBody(c, maxFeatureBytes)
	if err != nil {
		return err
	}
	if err := checkJSON(patch); err != nil {
		return err
	}
	ctx := c.Request().Context()
	id := c.Param("featureId")
	old, err := s.deps.Places.Get(ctx, id)
	if err != nil {
		return err
	}
	// The patch says what to change in the version the client saw; on
	// another version it could mean something else.
	version, err := s.matchPlace(c, col, old)
	if err != nil {
		return err
	}
	target, err := json.Marshal(old.Feature())
	if err != nil {
		return err
	}
	merged, err := mergePatch(target, patch)
	if err != nil {
		return badRequest("", "the body is not a JSON merge patch: "+err.Error())
	}
	p, err := readFeature(merged)
	if err != nil {
		return err
	}
	return s.saveEdit(c, col, old, p, version)
}

// deletePlace marks a place deleted; its history keeps it, and restoring a
// version brings it back.
func (s *Server) deletePlace(c echo.Context) error {
	col, err := s.editable(c)
	if err != nil {
		return err
	}
	if err := onlyParams(c); err != nil {
		return err
	}
	if _, err := ifMatchTag(c); err != nil {
		return err
	}
	ctx := c.Request().Context()
	id := c.Param("featureId")
	old, err := s.deps.Places.Get(ctx, id)
	if err != nil {
		return err
	}
	version, err := s.matchPlace(c, col, old)
	if err != nil {
		return err
	}
	if err := s.deps.Places.Delete(ctx, id, version, editor(c)); err != nil {
		return err
	}
	s.changed(old, nil)
	return c.NoContent(http.StatusNoContent)
}

// mergePatch applies an RFC 7396 merge patch to a JSON document.
func mergePatch(target, patch []byte) ([]byte, error) {
	decode := func(b []byte) (any, error) {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber() // ids and populations stay exact
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if dec.More() {
			return nil, errors.New("more than one JSON value")
		}
		return v, nil
	}
	t, err := decode(target)
	if err != nil {
		return nil, err
	}
	p, err := decode(patch)
	if err != nil {
		return nil, err
	}
	return json.Marshal(mergeValue(t, p))
}

func mergeValue(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = mergeValue(tm[k], v)
	}
	return tm
}

// historyDoc is a place's history: every version, oldest first.
type historyDoc struct {
	ID       string         `json:"id"`
	Version  int64          `json:"version"` // the current one
	Deleted  bool           `json:"deleted"`
	Versions []historyEntry `json:"versions"`
}

// historyEntry is one change with the fields it changed.
type historyEntry struct {
	Version int64                   `json:"version"`
	Action  string                  `json:"action"`
	Author  string                  `json:"author"`
	At      time.Time               `json:"at"`
	Diff    []gazetteer.FieldChange `json:"diff"`
	Before  json.RawMessage         `json:"before,omitempty"`
	After   json.RawMessage         `json:"after,omitempty"`
}

func (s *Server) placeHistory(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	cur, err := s.deps.Places.GetAny(c.Request().Context(), c.Param("featureId"))
	if err != nil {
		return err
	}
	body, sum, err := s.history(c.Request().Context(), cur)
	if err != nil {
		return err
	}
	if validators(c, historyTag(!noGzip(c), cur, sum), cur.Updated) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, jsonUTF8, body)
}

// history builds the history document of a place and a hash of it.
func (s *Server) history(ctx context.Context, cur *gazetteer.Place) (body []byte, sum string, err error) {
	changes, err := s.deps.Places.History(ctx, cur.ID)
	if err != nil {
		return nil, "", err
	}
	doc := historyDoc{ID: cur.ID, Version: cur.Version, Deleted: cur.Deleted, Versions: make([]historyEntry, 0, len(changes))}
	for _, ch := range changes {
		diff, err := ch.Diff()
		if err != nil {
			return nil, "", err
		}
		if diff == nil {
			diff = []gazetteer.FieldChange{}
		}
		doc.Versions = append(doc.Versions, historyEntry{Version: ch.Version, Action: ch.Action, Author: ch.Author,
			At: ch.At, Diff: diff, Before: ch.Before, After: ch.After})
	}
	if body, err = marshalJSON(doc); err != nil {
		return nil, "", err
	}
	h := sha256.Sum256(body)
	return body, hex.EncodeToString(h[:]), nil
}

// historyTag is the ETag of a history document. It starts with the current
// version, like a feature's, and a restore may send it in If-Match even
// when the place is deleted.
func historyTag(gzip bool, cur *gazetteer.Place, sum string) string {
	return `"` + strconv.FormatInt(cur.Version, 10) + "-" + tagOf(gzip, "history", sum)[1:]
}

// restorePlace makes an old version of a place current again (also for a
// deleted place), as a new version.
func (s *Server) restorePlace(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if _, err := ifMatchTag(c); err != nil {
		return err
	}
	var body struct {
		Version int64 `json:"version"`
	}
	if err := readJSON(c, 4<<10, &body); err != nil {
		return err
	}
	if body.Version < 1 {
		return badRequest("version", "give the version to restore as {\"version\": N}, N from the place's history")
	}
	ctx := c.Request().Context()
	id := c.Param("featureId")
	old, err := s.deps.Places.GetAny(ctx, id)
	if err != nil {
		return err
	}
	col, err := s.collection(editableCollection)
	if err != nil {
		return err
	}
	// A restore is made against the history, which a deleted place still
	// has; a live place's own item tags do as well.
	_, sum, err := s.history(ctx, old)
	if err != nil {
		return err
	}
	tags := []string{historyTag(false, old, sum), historyTag(true, old, sum)}
	if !old.Deleted {
		tags = append(tags, itemTags(col, placeFeature(old), s.base(c))...)
	}
	version, err := checkIfMatch(c, old, tags)
	if err != nil {
		return err
	}
	p, err := s.deps.Places.Restore(ctx, id, body.Version, version, editor(c))
	if err != nil {
		return err
	}
	s.changed(old, p)
	return s.sendPlace(c, http.StatusOK, col, p)
}

// documentNameRe is what a document name sent to POST /api/documents may
// look like: it becomes the document's id and a file name in exports.
var documentNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// pageCSP is the Content-Security-Policy of every response: pages run only
// their own scripts (an injected script could not run, nor send anything
// elsewhere), are never framed, and load images only from the server and,
// when one is configured, the tile server. Styles may be inline: the OGC
// pages' layout has a style block and Leaflet positions its panes with
// style attributes.
func pageCSP(tileURL string) string {
	img := "img-src 'self' data: blob:"
	if tileURL != "" {
		tiles := "https:"
		if u, err := url.Parse(tileURL); err == nil && u.Scheme != "" {
			tiles = u.Scheme + ":"
			if u.Host != "" && !strings.ContainsAny(u.Host, "{}") {
				tiles = u.Scheme + "://" + u.Host
			}
		}
		img += " " + tiles
	}
	return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " + img +
		"; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
}

// adminPage serves the embedded admin page.
func (s *Server) adminPage(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	b, err := fs.ReadFile(s.deps.Static, "admin.html")
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-cache")
	h.Set("Referrer-Policy", "same-origin")
	return c.HTMLBlob(http.StatusOK, b)
}

// reindexState answers with the last re-geoparsing job.
func (s *Server) reindexState(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if _, ok := s.auth.lookup(c); !ok {
		return unauthorized()
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, s.reindex.state())
}

// changed schedules what must follow a change to the gazetteer: the name
// index is rebuilt and the documents that may read differently now are
// geoparsed again, in the background.
func (s *Server) changed(before, after *gazetteer.Place) {
	var ids, names []string
	for _, p := range []*gazetteer.Place{before, after} {
		if p == nil {
			continue
		}
		ids = append(ids, p.ID)
		names = append(names, p.Name)
		for _, n := range p.Names {
			names = append(names, n.Text)
		}
	}
	s.reindex.enqueue(ids, names)
}

// placeLine is one place in the admin page's lists.
type placeLine struct {
	ID      string           `json:"id"`
	Name    string           `json:"name"`
	Kind    gazetteer.Kind   `json:"kind"`
	Origin  gazetteer.Origin `json:"origin"`
	Version int64            `json:"version"`
	Located bool             `json:"located"`
	Deleted bool             `json:"deleted,omitempty"`
	Names   []gazetteer.Name `json:"names"`
	// The last change, in the list of recent changes.
	Action string     `json:"action,omitempty"`
	Author string     `json:"author,omitempty"`
	At     *time.Time `json:"at,omitempty"`
}

func lineOf(p *gazetteer.Place) placeLine {
	names := p.Names
	if names == nil {
		names = []gazetteer.Name{}
	}
	return placeLine{ID: p.ID, Name: p.Name, Kind: p.Kind, Origin: p.Origin, Version: p.Version,
		Located: p.Geometry != nil, Deleted: p.Deleted, Names: names}
}

// limitParam reads the limit parameter: 1 to most, def when absent.
func limitParam(c echo.Context, def, most int) (int, error) {
	v := c.QueryParam("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		return 0, badRequest("limit", fmt.Sprintf("limit must be a whole number from 1 to %d", most))
	}
	return n, nil
}

// recentChanges lists the places changed since the seed import, the
// latest change first, deleted ones included (they can be restored).
func (s *Server) recentChanges(c echo.Context) error {
	if err := onlyParams(c, "limit"); err != nil {
		return err
	}
	limit, err := limitParam(c, 50, 500)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	changes, err := s.deps.Places.RecentChanges(ctx, limit)
	if err != nil {
		return err
	}
	out := make([]placeLine, 0, len(changes))
	for _, ch := range changes {
		p, err := s.deps.Places.GetAny(ctx, ch.PlaceID)
		if errors.Is(err, gazetteer.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		l := lineOf(p)
		at := ch.At
		l.Action, l.Author, l.At = ch.Action, ch.Author, &at
		out = append(out, l)
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	return c.JSON(http.StatusOK, out)
}

// unlocatedPlaces lists the live places without coordinates.
func (s *Server) unlocatedPlaces(c echo.Context) error {
	if err := onlyParams(c, "kind", "limit"); err != nil {
		return err
	}
	limit, err := limitParam(c, 100, 1000)
	if err != nil {
		return err
	}
	var kinds []gazetteer.Kind
	if v := c.QueryParam("kind"); v != "" {
		for _, k := range strings.Split(v, ",") {
			if !gazetteer.Kind(k).Valid() {
				return badRequest("kind", fmt.Sprintf("unknown kind %q", k))
			}
			kinds = append(kinds, gazetteer.Kind(k))
		}
	}
	places, err := s.deps.Places.Unlocated(c.Request().Context(), kinds, limit)
	if err != nil {
		return err
	}
	out := make([]placeLine, 0, len(places))
	for _, p := range places {
		out = append(out, lineOf(p))
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	return c.JSON(http.StatusOK, out)
}
