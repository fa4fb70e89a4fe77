package server

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/news"
)

// documentList is the answer of /api/documents: one page of the list
// newest first (limit, 100 by default, and offset), how many there are, the
// link to the next page and a summary of the outlets, so that what a page
// receives follows what it shows, whatever the archive's size.
type documentList struct {
	Documents      []documentSummary `json:"documents"`
	NumberMatched  int               `json:"numberMatched"`
	NumberReturned int               `json:"numberReturned"`
	Next           string            `json:"next,omitempty"`
	Outlets        []outletSummary   `json:"outlets"`
}

// outletSummary is one outlet of the stored documents and how many
// articles it has.
type outletSummary struct {
	ID          string           `json:"id"`
	Name        string           `json:"name,omitempty"`
	Perspective news.Perspective `json:"perspective,omitempty"`
	Articles    int              `json:"articles"`
}

// defaultDocumentsPage and maxDocumentsPage are the page of /api/documents
// without a limit and the largest one.
const (
	defaultDocumentsPage = 100
	maxDocumentsPage     = 1000
)

// documentSummary is one document of the list: news.DocumentSummary (id,
// title, outlet, outlet_name, perspective, published, url, dateline,
// mentions and events counts, naming profile) and a link to its detail.
type documentSummary struct {
	news.DocumentSummary
	Href string `json:"href"`
}

// newsStore returns the news store, or a problem when the server runs
// without one (a gazetteer-only setup).
func (s *Server) newsStore() (*news.Store, error) {
	if s.deps.News == nil {
		return nil, &problemError{status: http.StatusServiceUnavailable, detail: "this server holds no documents"}
	}
	return s.deps.News, nil
}

// pageParam reads a non-negative integer parameter; ok is false when it
// is absent.
func pageParam(c echo.Context, name string, max int) (n int, ok bool, err error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, false, nil
	}
	n, err = strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, false, badRequest(name, fmt.Sprintf("%s must be a whole number from 0 to %d, not %q", name, max, v))
	}
	return n, true, nil
}

func (s *Server) listDocuments(c echo.Context) error {
	if err := onlyParams(c, "limit", "offset"); err != nil {
		return err
	}
	limit, limited, err := pageParam(c, "limit", maxDocumentsPage)
	if err != nil {
		return err
	}
	offset, _, err := pageParam(c, "offset", math.MaxInt32)
	if err != nil {
		return err
	}
	if !limited {
		limit = defaultDocumentsPage
	}
	store, err := s.newsStore()
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	st, err := s.newsState(ctx)
	if err != nil {
		return err
	}
	base := s.base(c)
	if validators(c, entityTag(c, st.Tag, "documents", base, c.Request().URL.RawQuery), st.Changed) {
		return c.NoContent(http.StatusNotModified)
	}
	docs, err := store.Documents(ctx)
	if err != nil {
		return err
	}
	return sendJSON(c, documentsPage(docs, limit, offset, base))
}

// documentsPage is one page of the documents, newest published first
// (then newest ingested, then by id), with the outlets of them all.
func documentsPage(docs []news.DocumentSummary, limit, offset int, base string) documentList {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b news.DocumentSummary) int {
		if c := strings.Compare(b.Published, a.Published); c != 0 {
			return c
		}
		if c := b.Ingested.Compare(a.Ingested); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	outlets := map[string]*outletSummary{}
	for _, d := range docs {
		if d.Outlet == "" {
			continue
		}
		o := outlets[d.Outlet]
		if o == nil {
			o = &outletSummary{ID: d.Outlet, Name: d.OutletName, Perspective: d.Perspective}
			outlets[d.Outlet] = o
		}
		o.Articles++
	}
	out := documentList{Outlets: make([]outletSummary, 0, len(outlets))}
	for _, o := range outlets {
		out.Outlets = append(out.Outlets, *o)
	}
	slices.SortFunc(out.Outlets, func(a, b outletSummary) int { return strings.Compare(a.ID, b.ID) })
	total := len(docs)
	lo := min(offset, total)
	hi := min(lo+limit, total)
	out.Documents = make([]documentSummary, 0, hi-lo)
	for _, d := range docs[lo:hi] {
		out.Documents = append(out.Documents, documentSummary{DocumentSummary: d, Href: base + "/api/documents/" + url.PathEscape(d.ID)})
	}
	out.NumberMatched, out.NumberReturned = total, len(out.Documents)
	if hi < total {
		out.Next = fmt.Sprintf("%s/api/documents?limit=%d&offset=%d", base, limit, hi)
	}
	return out
}

// documentDetail is the answer of /api/documents/{id}: the document's
// metadata and text, its mentions (offsets in UTF-8 bytes and in UTF-16
// code units, which JavaScript strings count in) and its events.
type documentDetail struct {
	*news.Document
	Mentions []documentMention `json:"mentions"`
}

// documentMention is a stored mention with its offsets in UTF-16 code units.
type documentMention struct {
	news.StoredMention
	Start16 int `json:"start16"`
	End16   int `json:"end16"`
}

func (s *Server) getDocument(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	store, err := s.newsStore()
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	st, err := s.newsState(ctx)
	if err != nil {
		return err
	}
	if validators(c, entityTag(c, st.Tag, "document", id), st.Changed) {
		return c.NoContent(http.StatusNotModified)
	}
	d, err := store.Document(ctx, id)
	if err != nil {
		return err
	}
	out := documentDetail{Document: d, Mentions: make([]documentMention, len(d.Mentions))}
	to16 := utf16Offsets(d.Body)
	for i, m := range d.Mentions {
		out.Mentions[i] = documentMention{StoredMention: m, Start16: to16(m.Start), End16: to16(m.End)}
	}
	return sendJSON(c, out)
}

// utf16Offsets returns a function turning byte offsets into s (which must
// come in increasing order, as mentions do, or start again lower) into
// offsets in UTF-16 code units. An offset inside a character counts as
// that character's start.
func utf16Offsets(s string) func(int) int {
	pos, units := 0, 0
	return func(off int) int {
		if off < pos {
			pos, units = 0, 0
		}
		off = min(max(off, 0), len(s))
		for pos < off {
			r, n := utf8.DecodeRuneInString(s[pos:])
			if pos+n > off {
				break
			}
			if r >= 0x10000 {
				units += 2
			} else {
				units++
			}
			pos += n
		}
		return units
	}
}

// sendJSON answers with v as JSON; the caller has set the validators.
func sendJSON(c echo.Context, v any) error {
	body, err := marshalJSON(v)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, jsonUTF8, body)
}

// GeoparseLimit is the largest text POST /api/geoparse reads (413 beyond):
// a long article is a few tens of kilobytes.
const GeoparseLimit = 512 << 10

// geoparse answers POST /api/geoparse: the text (text/plain, or JSON
// {"text": "...", "doc": "name"}) goes through the live geoparser as it is,
// without looking for an article's boilerplate, and the answer is the
// mention FeatureCollection `dateline geoparse` prints, offsets being bytes
// into the text sent. It is public, so it is bounded three ways: the input
// (GeoparseLimit), the requests running at once (Config.GeoparseSlots; 429
// with Retry-After beyond) and the answer, written feature by feature.
func (s *Server) geoparse(c echo.Context) error {
	if s.deps.Geoparser == nil {
		return &problemError{status: http.StatusServiceUnavailable, detail: "this server has no geoparser"}
	}
	var text, doc string
	switch t := mediaType(c); t {
	case echo.MIMEApplicationJSON:
		if err := onlyParams(c); err != nil {
			return err
		}
		var body struct {
			Text string `json:"text"`
			Doc  string `json:"doc"`
		}
		if err := readJSON(c, GeoparseLimit+(4<<10), &body); err != nil {
			return err
		}
		if len(body.Text) > GeoparseLimit {
			return &problemError{status: http.StatusRequestEntityTooLarge, field: "text",
				detail: fmt.Sprintf("the text is %d bytes; /api/geoparse takes at most %d", len(body.Text), GeoparseLimit)}
		}
		text, doc = body.Text, body.Doc
	case echo.MIMETextPlain, "":
		if err := onlyParams(c, "doc"); err != nil {
			return err
		}
		b, err := readBody(c, GeoparseLimit)
		if err != nil {
			return err
		}
		if err := checkText("text", b); err != nil {
			return err
		}
		text, doc = string(b), c.QueryParam("doc")
	default:
		return unsupported(t, echo.MIMETextPlain, echo.MIMEApplicationJSON)
	}
	switch {
	case strings.TrimSpace(text) == "":
		return badRequest("text", "there is no text to geoparse")
	case len(doc) > 200:
		return badRequest("doc", "the document name is longer than 200 bytes")
	case gazetteer.CheckText(doc, false) != "":
		return badRequest("doc", "doc "+gazetteer.CheckText(doc, false))
	}
	if doc == "" {
		doc = "text"
	}
	release, err := s.geoparseSlots.enter(c, "geoparse")
	if err != nil {
		return err
	}
	defer release()
	ms := s.deps.Geoparser.Current().Parse(text)
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set(echo.HeaderContentType, mimeGeoJSON)
	c.Response().WriteHeader(http.StatusOK)
	// The same layout as the CLI, so the two answers are byte for byte alike.
	return gazetteer.WriteMentions(c.Response(), gazetteer.DocumentMentions{Doc: doc, Mentions: ms})
}
