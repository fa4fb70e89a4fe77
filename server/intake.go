package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/news"
	"dateline/news/feeds"
	"dateline/news/fetch"
)

// PageFetcher reads an article page from the web for POST /api/documents
// {"url": ...}: its text (the article without the page around it) and what
// the page says of itself (title, date, outlet, language, URL). cmd gives it
// the safe web client, which refuses private addresses unless allowed.
type PageFetcher interface {
	FetchPage(ctx context.Context, url string) (news.Record, error)
}

// FeedPoller polls one feed now (*feeds.Poller is one).
type FeedPoller interface {
	PollOne(ctx context.Context, id string) (feeds.Result, error)
}

// DefaultIntakeSlots is how many article previews and page fetches run at
// once by default: each geoparses a whole article or waits on a web server.
const DefaultIntakeSlots = 2

// documentInput is the JSON body of POST /api/documents and its preview:
// the article as text or HTML, or a URL to fetch it from, and metadata
// that overrides what the text or the page says.
type documentInput struct {
	Name      string `json:"name"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Outlet    string `json:"outlet"`
	Language  string `json:"language"`
}

// languageRe is a BCP 47 tag as the metadata takes it: "en", "hy", "pt-BR".
var languageRe = regexp.MustCompile(`^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$`)

// validate checks the input's fields, naming the one at fault.
func (in *documentInput) validate() error {
	oneLine := func(field, v string, most int) error {
		switch {
		case len(v) > most:
			return badRequest(field, fmt.Sprintf("%s is longer than %d bytes", field, most))
		case strings.ContainsAny(v, "\n\r"):
			return badRequest(field, field+" must be one line")
		}
		return nil
	}
	for _, f := range []struct {
		name, v string
		most    int
	}{{"title", in.Title, 500}, {"outlet", in.Outlet, 200}, {"url", in.URL, 2000}, {"published", in.Published, 40}} {
		if err := oneLine(f.name, f.v, f.most); err != nil {
			return err
		}
	}
	if in.Name != "" && !documentNameRe.MatchString(in.Name) {
		return badRequest("name", "a document name is up to 128 letters, digits, dots, hyphens and underscores, e.g. 2023-04-23-checkpoint.txt")
	}
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return badRequest("url", fmt.Sprintf("%q is not an absolute http or https URL", in.URL))
		}
	}
	if in.Published != "" && !validPublished(in.Published) {
		return badRequest("published", fmt.Sprintf("%q is not a date: write YYYY-MM-DD, YYYY-MM or an RFC 3339 time", in.Published))
	}
	if in.Language != "" && !languageRe.MatchString(in.Language) {
		return badRequest("language", fmt.Sprintf("%q is not a language tag such as en, ru or hy", in.Language))
	}
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.HTML) == "" && in.URL == "" {
		return &problemError{status: http.StatusUnprocessableEntity, field: "text",
			detail: "give the article as text or html, or a url to fetch it from"}
	}
	return nil
}

func validPublished(v string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", time.RFC3339} {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

// hasMeta reports whether any metadata is given beside the text.
func (in *documentInput) hasMeta() bool {
	return in.URL != "" || in.Title != "" || in.Published != "" || in.Outlet != "" || in.Language != ""
}

// readDocumentInput reads the body of POST /api/documents or its preview:
// JSON (documentInput), or the article itself as text or HTML with the
// name in ?name=.
func readDocumentInput(c echo.Context) (documentInput, error) {
	var in documentInput
	switch t := mediaType(c); t {
	case echo.MIMEApplicationJSON:
		if err := onlyParams(c); err != nil {
			return in, err
		}
		if err := readJSON(c, news.MaxArticleBytes+(64<<10), &in); err != nil {
			return in, err
		}
		for _, f := range []struct{ name, v string }{{"text", in.Text}, {"html", in.HTML}} {
			if len(f.v) > news.MaxArticleBytes {
				return in, &problemError{status: http.StatusRequestEntityTooLarge, field: f.name,
					detail: fmt.Sprintf("the %s is %d bytes; an article is at most %d", f.name, len(f.v), news.MaxArticleBytes)}
			}
		}
	case "text/plain", "text/markdown", "text/html", "":
		if err := onlyParams(c, "name"); err != nil {
			return in, err
		}
		b, err := readBody(c, news.MaxArticleBytes)
		if err != nil {
			return in, err
		}
		if err := checkText("text", b); err != nil {
			return in, err
		}
		in.Name, in.Text = c.QueryParam("name"), string(b)
		if strings.TrimSpace(in.Text) == "" {
			return in, &problemError{status: http.StatusUnprocessableEntity, field: "text", detail: "the article text is empty"}
		}
	default:
		return in, unsupported(t, "text/plain", "text/html", echo.MIMEApplicationJSON)
	}
	return in, in.validate()
}

// article turns the input into the raw article stored and its name: the
// text as it is when no metadata comes with it, else the text under
// header lines carrying the metadata (which the article reader takes
// before the text's own). Without text or HTML the page at the URL is
// fetched, and the input's metadata overrides the page's.
func (s *Server) article(ctx context.Context, c echo.Context, in documentInput) (name string, raw []byte, err error) {
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.HTML) == "" {
		rec, err := s.fetchPage(ctx, c, in.URL)
		if err != nil {
			return "", nil, err
		}
		in.Text, in.HTML, in.URL = rec.Text, rec.HTML, rec.URL
		in.Title = firstOf(in.Title, rec.Title)
		in.Published = firstOf(in.Published, rec.Published)
		in.Outlet = firstOf(in.Outlet, rec.Outlet)
		in.Language = firstOf(in.Language, rec.Language)
	} else if !in.hasMeta() && strings.TrimSpace(in.Text) != "" {
		return in.Name, []byte(in.Text), nil
	}
	rec := news.Record{ID: in.Name, URL: in.URL, Title: in.Title, Published: in.Published, Outlet: in.Outlet,
		Language: strings.ToLower(in.Language), Text: in.Text, HTML: in.HTML}
	raw, err = rec.Raw()
	if err != nil {
		return "", nil, &problemError{status: http.StatusUnprocessableEntity, field: "text", detail: err.Error()}
	}
	return in.Name, raw, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// fetchPage fetches an article page through the configured fetcher, one of
// a few at once. A URL the fetcher refuses (a private address, robots.txt,
// not a page) is the sender's mistake (422); a server that fails to answer
// is a bad gateway (502).
func (s *Server) fetchPage(ctx context.Context, c echo.Context, pageURL string) (news.Record, error) {
	if s.deps.Pages == nil {
		return news.Record{}, &problemError{status: http.StatusServiceUnavailable, field: "url",
			detail: "this server fetches no pages; send the article's text"}
	}
	release, err := s.intakeSlots.enter(c, "article")
	if err != nil {
		return news.Record{}, err
	}
	defer release()
	rec, err := s.deps.Pages.FetchPage(ctx, pageURL)
	var fe *fetch.Error
	switch {
	case err == nil:
		if strings.TrimSpace(rec.Text) == "" && strings.TrimSpace(rec.HTML) == "" {
			return rec, &problemError{status: http.StatusUnprocessableEntity, field: "url",
				detail: "no article text was found at " + pageURL}
		}
		return rec, nil
	case errors.Is(err, fetch.ErrNoText):
		return rec, &problemError{status: http.StatusUnprocessableEntity, field: "url",
			detail: "no article text was found at " + pageURL}
	case errors.As(err, &fe):
		status := http.StatusBadGateway
		for _, refused := range []error{fetch.ErrScheme, fetch.ErrPrivateAddress, fetch.ErrRobots, fetch.ErrContentType,
			fetch.ErrTooLarge, fetch.ErrInvalidURL, fetch.ErrTooManyRedirects} {
			if errors.Is(err, refused) {
				status = http.StatusUnprocessableEntity
			}
		}
		return rec, &problemError{status: status, field: "url", detail: fe.Error()}
	}
	return rec, err
}

// requestArticle reads the article a request to add or preview one gives:
// its name and raw text, metadata lines first.
func (s *Server) requestArticle(c echo.Context) (name string, raw []byte, err error) {
	if s.deps.Ingester == nil || s.deps.News == nil {
		return "", nil, errors.New("server: no article pipeline is configured")
	}
	in, err := readDocumentInput(c)
	if err != nil {
		return "", nil, err
	}
	return s.article(c.Request().Context(), c, in)
}

// addDocument stores an article: text or HTML (the name in ?name=), or
// JSON documentInput (text, html or a url to fetch, and metadata), with
// the places and events found in it.
func (s *Server) addDocument(c echo.Context) error {
	ctx := c.Request().Context()
	name, raw, err := s.requestArticle(c)
	if err != nil {
		return err
	}
	res, err := s.deps.Ingester.Add(ctx, name, raw)
	switch {
	case errors.Is(err, news.ErrConflict):
		return &problemError{status: http.StatusConflict, field: "name", detail: strings.TrimPrefix(err.Error(), "news: conflict: ")}
	case errors.Is(err, news.ErrInvalid):
		return &problemError{status: http.StatusUnprocessableEntity, field: "text", detail: err.Error()}
	case err != nil:
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, s.base(c)+"/api/documents/"+url.PathEscape(res.ID))
	status := http.StatusCreated
	if !res.Stored {
		status = http.StatusOK // the same text was stored before
	}
	return c.JSON(status, res)
}

// documentPreview is what POST /api/documents/preview found in an article,
// nothing of it stored.
type documentPreview struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	Outlet      string           `json:"outlet,omitempty"` // the registry id, when the outlet is known
	OutletName  string           `json:"outlet_name"`
	Perspective news.Perspective `json:"perspective,omitempty"`
	// Published is YYYY-MM-DD (YYYY-MM when only the month is known), ""
	// when unknown; PublishedPrecision says which (day, month, year, none).
	Published          string `json:"published"`
	PublishedPrecision string `json:"published_precision"`
	Language           string `json:"language"`
	URL                string `json:"url"`
	Dateline           string `json:"dateline,omitempty"`
	Format             string `json:"format"`
	// Text is the article's body as it would be stored (without boilerplate).
	Text   string         `json:"text"`
	Places []previewPlace `json:"places"`
	Events []news.Event   `json:"events"`
	// StoredAs is the document the same text is stored as already, if any.
	StoredAs string `json:"stored_as,omitempty"`
}

// previewPlace is one place name found in the article.
type previewPlace struct {
	Surface string `json:"surface"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	PlaceID string `json:"place_id,omitempty"` // "" when the name was not resolved
	Name    string `json:"name,omitempty"`
	Kind    string `json:"kind,omitempty"`
}

// previewDocument reads and analyses an article as POST /api/documents
// would, without storing anything, one of a few at once.
func (s *Server) previewDocument(c echo.Context) error {
	ctx := c.Request().Context()
	name, raw, err := s.requestArticle(c)
	if err != nil {
		return err
	}
	a, err := s.deps.Ingester.Read(name, raw, false)
	if err != nil {
		return &problemError{status: http.StatusUnprocessableEntity, field: "text", detail: err.Error()}
	}
	release, err := s.intakeSlots.enter(c, "article")
	if err != nil {
		return err
	}
	p := s.deps.Ingester.Analyse(a)
	release()
	out := documentPreview{ID: a.ID, Title: a.Title, Outlet: a.OutletID(), OutletName: a.OutletName,
		Perspective: a.Perspective(), PublishedPrecision: a.PublishedPrecision.String(), Language: a.Language,
		URL: a.URL, Dateline: a.Dateline, Format: a.Format, Text: a.Body, Places: make([]previewPlace, len(p.Mentions)),
		Events: p.Events}
	if a.PublishedKnown {
		out.Published = a.Published.Format("2006-01-02")
		if a.PublishedPrecision == news.PrecisionMonth {
			out.Published = a.Published.Format("2006-01")
		}
	}
	if out.Events == nil {
		out.Events = []news.Event{}
	}
	for i, m := range p.Mentions {
		pp := previewPlace{Surface: m.Surface, Start: m.Start, End: m.End}
		if m.Place != nil {
			pp.PlaceID, pp.Name, pp.Kind = m.Place.ID, m.Place.Name, string(m.Place.Kind)
		}
		out.Places[i] = pp
	}
	if id, dup, err := s.deps.News.HasHash(ctx, a.Hash); err != nil {
		return err
	} else if dup {
		out.StoredAs = id
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, out)
}

// places is what storing needs of the gazetteer: the current snapshot.
func (s *Server) places() news.Places { return s.deps.Ingester.Geoparser() }

// deleteDocument removes an article with its mentions and events; the
// history keeps its text for POST /api/documents/{id}/restore.
func (s *Server) deleteDocument(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if s.deps.Ingester == nil || s.deps.News == nil {
		return errors.New("server: no article pipeline is configured")
	}
	id := c.Param("id")
	if err := s.deps.Ingester.Delete(c.Request().Context(), id, editor(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// restoreDocument undoes the latest deletion or merge of an article.
func (s *Server) restoreDocument(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if s.deps.Ingester == nil || s.deps.News == nil {
		return errors.New("server: no article pipeline is configured")
	}
	res, err := s.deps.Ingester.Restore(c.Request().Context(), c.Param("id"), editor(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, s.base(c)+"/api/documents/"+url.PathEscape(res.ID))
	return c.JSON(http.StatusOK, res)
}

// mergeDocument makes an article another report of another one: {"into": id}.
func (s *Server) mergeDocument(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if s.deps.Ingester == nil || s.deps.News == nil {
		return errors.New("server: no article pipeline is configured")
	}
	var body struct {
		Into string `json:"into"`
	}
	if err := readJSON(c, 4<<10, &body); err != nil {
		return err
	}
	if strings.TrimSpace(body.Into) == "" {
		return badRequest("into", `give the document to merge into as {"into": "<id>"}`)
	}
	into, err := s.deps.News.Merge(c.Request().Context(), c.Param("id"), body.Into, editor(c), s.places())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id"), "duplicate_of": into})
}

// historyLength is how many entries /api/documents/history lists.
const historyLength = 500

// documentHistory lists the latest deletions, merges and restores of
// articles, newest first (admin only).
func (s *Server) documentHistory(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if _, ok := s.auth.lookup(c); !ok {
		return unauthorized()
	}
	store, err := s.newsStore()
	if err != nil {
		return err
	}
	h, err := store.History(c.Request().Context(), historyLength)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, map[string]any{"history": h})
}

// feedStatus is a followed feed with how its polls went; times are null
// until they happened.
type feedStatus struct {
	ID           string     `json:"id"`
	URL          string     `json:"url"`
	Outlet       string     `json:"outlet,omitempty"`
	EverySeconds int64      `json:"every_seconds"`
	LastPolled   *time.Time `json:"last_polled"`
	LastSuccess  *time.Time `json:"last_success"`
	LastError    string     `json:"last_error,omitempty"`
	ErrorsInRow  int        `json:"errors_in_row"`
	NextPoll     *time.Time `json:"next_poll"`
	ItemsSeen    int        `json:"items_seen"`
	ItemsStored  int        `json:"items_stored"`
	Created      *time.Time `json:"created"`
}

func newFeedStatus(f feeds.FeedRow) feedStatus {
	at := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		t = t.UTC()
		return &t
	}
	return feedStatus{ID: f.ID, URL: f.URL, Outlet: f.Outlet, EverySeconds: int64(f.Every / time.Second),
		LastPolled: at(f.LastPolled), LastSuccess: at(f.LastSuccess), LastError: f.LastError, ErrorsInRow: f.ErrorsInRow,
		NextPoll: at(f.NextPoll), ItemsSeen: f.ItemsSeen, ItemsStored: f.ItemsStored, Created: at(f.Created)}
}

func (s *Server) feedStore() (*feeds.Store, error) {
	if s.deps.Feeds == nil {
		return nil, &problemError{status: http.StatusServiceUnavailable, detail: "this server follows no feeds"}
	}
	return s.deps.Feeds, nil
}

// listFeeds lists the feeds followed with their status (admin only).
func (s *Server) listFeeds(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	if _, ok := s.auth.lookup(c); !ok {
		return unauthorized()
	}
	store, err := s.feedStore()
	if err != nil {
		return err
	}
	list, err := store.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]feedStatus, len(list))
	for i, f := range list {
		out[i] = newFeedStatus(f)
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, map[string]any{"feeds": out})
}

// addFeed follows a new feed: {"url", "every" ("15m", or seconds), "outlet"}.
func (s *Server) addFeed(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	store, err := s.feedStore()
	if err != nil {
		return err
	}
	var body struct {
		URL    string          `json:"url"`
		Every  json.RawMessage `json:"every"`
		Outlet string          `json:"outlet"`
	}
	if err := readJSON(c, 8<<10, &body); err != nil {
		return err
	}
	every, err := readEvery(body.Every)
	if err != nil {
		return err
	}
	if body.Outlet != "" && s.deps.Ingester != nil && s.deps.Ingester.Outlets != nil {
		if _, ok := s.deps.Ingester.Outlets.ByID(body.Outlet); !ok {
			return &problemError{status: http.StatusUnprocessableEntity, field: "outlet",
				detail: fmt.Sprintf("%q is not an outlet of the registry", body.Outlet)}
		}
	}
	f, err := store.Add(c.Request().Context(), body.URL, every, body.Outlet)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, s.base(c)+"/api/feeds#"+url.PathEscape(f.ID))
	return c.JSON(http.StatusCreated, newFeedStatus(f))
}

// readEvery reads a polling interval: a duration string ("15m", "2h") or
// a number of seconds; absent is the default.
func readEvery(raw json.RawMessage) (time.Duration, error) {
	v := strings.TrimSpace(string(raw))
	if v == "" || v == "null" {
		return 0, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil || d <= 0 {
			return 0, badRequest("every", fmt.Sprintf("%q is not a duration such as 15m or 2h", s))
		}
		return d, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > int64(feeds.MaxEvery/time.Second) {
		return 0, badRequest("every", fmt.Sprintf("%s is not a number of seconds between 60 and 604800", v))
	}
	return time.Duration(n) * time.Second, nil
}

// removeFeed stops following a feed (the documents it brought stay).
func (s *Server) removeFeed(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	store, err := s.feedStore()
	if err != nil {
		return err
	}
	if err := store.Remove(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// pollResult is what POST /api/feeds/{id}/poll did, and the feed after it.
type pollResult struct {
	feeds.Result
	Error string     `json:"error,omitempty"`
	Feed  feedStatus `json:"status"`
}

// pollFeed polls one feed now, one poll or preview of a few at once.
func (s *Server) pollFeed(c echo.Context) error {
	if err := onlyParams(c); err != nil {
		return err
	}
	store, err := s.feedStore()
	if err != nil {
		return err
	}
	if s.deps.Poller == nil {
		return &problemError{status: http.StatusServiceUnavailable, detail: "this server polls no feeds"}
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	if _, err := store.Get(ctx, id); err != nil {
		return err
	}
	release, err := s.intakeSlots.enter(c, "article")
	if err != nil {
		return err
	}
	res, pollErr := s.deps.Poller.PollOne(ctx, id)
	release()
	if errors.Is(pollErr, feeds.ErrNotFound) {
		return pollErr
	}
	f, err := store.Get(ctx, id)
	if err != nil {
		return err
	}
	// A failed poll is recorded on the feed; its words are the fetcher's and the parser's.
	out := pollResult{Result: res, Feed: newFeedStatus(f)}
	if pollErr != nil {
		out.Error = f.LastError
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, out)
}
