package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"dateline/news"
	"dateline/news/feeds"
	"dateline/news/fetch"
)

// webPages reads pages with the real safe client, as cmd's pageFetcher does.
type webPages struct{ c *fetch.Client }

func (w webPages) FetchPage(ctx context.Context, url string) (news.Record, error) {
	r, err := w.c.Get(ctx, fetch.Request{URL: url, Accept: fetch.HTML | fetch.Text})
	if err != nil {
		return news.Record{}, err
	}
	if strings.HasPrefix(r.ContentType, "text/plain") {
		return news.Record{URL: r.URL, Text: string(r.Body)}, nil
	}
	pg, err := fetch.ExtractPage(r.URL, r.Body)
	if err != nil {
		return news.Record{}, err
	}
	rec := news.Record{URL: r.URL, Title: pg.Title, Outlet: pg.Outlet, Language: pg.Language, Text: pg.Text}
	if !pg.Published.IsZero() {
		rec.Published = pg.Published.Format(time.RFC3339)
	}
	return rec, nil
}

// webFeeds gives the feed poller the same client.
type webFeeds struct{ c *fetch.Client }

func (w webFeeds) Fetch(ctx context.Context, url, etag, lastModified string) (feeds.FetchResult, error) {
	r, err := w.c.Get(ctx, fetch.Request{URL: url, ETag: etag, LastModified: lastModified})
	if err != nil {
		return feeds.FetchResult{}, err
	}
	return feeds.FetchResult{URL: r.URL, Status: r.Status, NotModified: r.NotModified, ContentType: r.ContentType,
		Body: r.Body, ETag: r.ETag, LastModified: r.LastModified}, nil
}

// newIntakeEnv is an adminEnv whose server fetches pages and polls feeds
// with the safe web client, allowed to reach loopback or not, signed in.
func newIntakeEnv(t *testing.T, allowPrivate bool) *adminEnv {
	t.Helper()
	env := newAdminEnvWith(t, func(d *Deps, db *sql.DB) {
		c := fetch.New(fetch.Options{AllowPrivate: allowPrivate, HostDelay: time.Millisecond})
		fs, err := feeds.NewStore(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		in := d.Ingester
		d.Pages, d.Feeds = webPages{c}, fs
		d.Poller = &feeds.Poller{Store: fs, Fetch: webFeeds{c},
			Ingest: func(ctx context.Context, item feeds.Item, f feeds.FeedRow, page []byte, pageURL string) (string, error) {
				res, err := in.Ingest(ctx, f.ID+"-"+fmt.Sprint(len(item.ID)), page, false)
				return res.ID, err
			}}
	})
	env.signIn(t)
	return env
}

// postJSON sends a changing JSON request as the signed-in admin.
func (e *adminEnv) postJSON(t *testing.T, method, target string, body any) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return e.send(t, method, target, string(b), headerCSRF, e.csrf, echo.HeaderContentType, echo.MIMEApplicationJSON)
}

func wantProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, field string) {
	t.Helper()
	if ct := rec.Header().Get(echo.HeaderContentType); !strings.HasPrefix(ct, mimeProblem) {
		t.Errorf("Content-Type %q, want %s (%d %s)", ct, mimeProblem, rec.Code, rec.Body)
	}
	if p := decode[Problem](t, rec, status); p.Field != field || p.Detail == "" {
		t.Errorf("problem %+v, want field %q", p, field)
	}
}

func TestIntakeNeedsSessionAndCSRFToken(t *testing.T) {
	env := newIntakeEnv(t, false)
	csrf := env.csrf
	writes := []struct{ name, method, target, body string }{
		{"preview", http.MethodPost, "/api/documents/preview", `{"text": "Lachin was quiet."}`},
		{"add by url", http.MethodPost, "/api/documents", `{"url": "https://example.org/a"}`},
		{"delete", http.MethodDelete, "/api/documents/zabukh.txt", ""},
		{"restore", http.MethodPost, "/api/documents/zabukh.txt/restore", ""},
		{"merge", http.MethodPost, "/api/documents/zabukh.txt/merge", `{"into": "shusha.txt"}`},
		{"add a feed", http.MethodPost, "/api/feeds", `{"url": "https://example.org/feed.xml"}`},
		{"remove a feed", http.MethodDelete, "/api/feeds/example-org", ""},
		{"poll a feed", http.MethodPost, "/api/feeds/example-org/poll", ""},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			rec := env.send(t, w.method, w.target, w.body, echo.HeaderContentType, echo.MIMEApplicationJSON)
			wantProblem(t, rec, http.StatusForbidden, headerCSRF)
			cookie := env.cookie
			env.cookie = ""
			rec = env.send(t, w.method, w.target, w.body, echo.HeaderContentType, echo.MIMEApplicationJSON, headerCSRF, csrf)
			env.cookie = cookie
			wantProblem(t, rec, http.StatusUnauthorized, "")
		})
	}
	for _, target := range []string{"/api/feeds", "/api/documents/history"} {
		t.Run("GET "+target, func(t *testing.T) {
			wantProblem(t, env.get(t, target), http.StatusUnauthorized, "")
		})
	}
	if docs, _, _, _, err := env.news.Counts(context.Background()); err != nil || docs != len(adminDocs) {
		t.Errorf("documents after refused requests: %d, %v", docs, err)
	}
}

func TestPreviewStoresNothingAndTakesMetadata(t *testing.T) {
	env := newIntakeEnv(t, false)
	ctx := context.Background()
	_, mentions0, events0, _, _ := env.news.Counts(ctx)
	text := "Title: Road closed\nPublished: 2023-04-01\n\nSTEPANAKERT — Residents of Shusha said on 3 April 2023 that the road to Stepanakert was closed.\n"
	rec := env.postJSON(t, http.MethodPost, "/api/documents/preview", map[string]string{
		"name": "preview.txt", "text": text, "title": "The road is closed", "published": "2023-04-04",
		"url": "https://www.trend.az/news/1", "language": "en"})
	p := decode[documentPreview](t, rec, http.StatusOK)
	if p.ID != "preview.txt" || p.Title != "The road is closed" || p.Published != "2023-04-04" || p.PublishedPrecision != "day" ||
		p.Language != "en" || p.URL != "https://www.trend.az/news/1" || p.Outlet != "trend" {
		t.Errorf("metadata: %+v", p)
	}
	// The outlet the admin names wins over the one the URL's domain owns
	// (a wire story read on a partner's site, a mirror).
	rec = env.postJSON(t, http.MethodPost, "/api/documents/preview", map[string]string{
		"text": text, "url": "https://www.trend.az/news/1", "outlet": "Massis Post"})
	if o := decode[documentPreview](t, rec, http.StatusOK); o.Outlet != "massispost" {
		t.Errorf("outlet %q with the admin's Massis Post on a trend.az URL, want massispost", o.Outlet)
	}
	found := map[string]bool{}
	for _, pl := range p.Places {
		found[pl.PlaceID] = true
	}
	if !found["stepanakert"] || !found["shusha"] {
		t.Errorf("places: %+v", p.Places)
	}
	if len(p.Events) == 0 || p.Events[0].SubEventType == "" || p.Events[0].Sentence == "" {
		t.Errorf("events: %+v", p.Events)
	}
	docs, mentions, events, _, _ := env.news.Counts(ctx)
	if docs != len(adminDocs) || mentions != mentions0 || events != events0 {
		t.Errorf("a preview stored something: %d documents, %d mentions, %d events", docs, mentions, events)
	}

	// The same input saved gives what the preview showed.
	rec = env.postJSON(t, http.MethodPost, "/api/documents", map[string]string{
		"name": "preview.txt", "text": text, "title": "The road is closed", "published": "2023-04-04",
		"url": "https://www.trend.az/news/1", "language": "en"})
	decode[news.IngestResult](t, rec, http.StatusCreated)
	d, err := env.news.Document(ctx, "preview.txt")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "The road is closed" || d.Published != "2023-04-04" || d.Language != "en" || d.Outlet != "trend" ||
		len(d.Events) != len(p.Events) {
		t.Errorf("stored %+v with %d events; previewed %d", d.DocumentSummary, len(d.Events), len(p.Events))
	}
	rec = env.postJSON(t, http.MethodPost, "/api/documents/preview", map[string]string{"text": text, "title": "The road is closed",
		"published": "2023-04-04", "url": "https://www.trend.az/news/1", "language": "en", "name": "preview.txt"})
	if p := decode[documentPreview](t, rec, http.StatusOK); p.StoredAs != "preview.txt" {
		t.Errorf("a stored text previewed again: stored_as %q", p.StoredAs)
	}
}

func TestIntakeInputErrorsNameTheField(t *testing.T) {
	env := newIntakeEnv(t, false)
	big := strings.Repeat("Lachin. ", news.MaxArticleBytes/8+10)
	tests := []struct {
		name   string
		body   map[string]string
		status int
		field  string
	}{
		{"nothing to read", map[string]string{"title": "x"}, http.StatusUnprocessableEntity, "text"},
		{"a bad date", map[string]string{"text": "Lachin.", "published": "yesterday"}, http.StatusBadRequest, "published"},
		{"a bad language", map[string]string{"text": "Lachin.", "language": "English!"}, http.StatusBadRequest, "language"},
		{"a URL that is not http", map[string]string{"url": "file:///etc/passwd"}, http.StatusBadRequest, "url"},
		{"a title of two lines", map[string]string{"text": "Lachin.", "title": "a\nb"}, http.StatusBadRequest, "title"},
		{"a path as name", map[string]string{"text": "Lachin.", "name": "../x"}, http.StatusBadRequest, "name"},
		{"too long a text", map[string]string{"text": big}, http.StatusRequestEntityTooLarge, "text"},
	}
	for _, target := range []string{"/api/documents/preview", "/api/documents"} {
		for _, tc := range tests {
			t.Run(target+" "+tc.name, func(t *testing.T) {
				wantProblem(t, env.postJSON(t, http.MethodPost, target, tc.body), tc.status, tc.field)
			})
		}
	}
	rec := env.send(t, http.MethodPost, "/api/documents/preview", `{"text": "Lachin.", "colour": "red"}`,
		headerCSRF, env.csrf, echo.HeaderContentType, echo.MIMEApplicationJSON)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("an unknown member: %d %s", rec.Code, rec.Body)
	}
}

// countingListener accepts connections on loopback and counts them.
func countingListener(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String(), &n
}

func TestURLOnLoopbackIsRefusedWithoutConnecting(t *testing.T) {
	env := newIntakeEnv(t, false)
	addr, conns := countingListener(t)
	for _, target := range []string{"/api/documents", "/api/documents/preview"} {
		for _, u := range []string{"http://" + addr + "/article", "http://localhost:" + strings.Split(addr, ":")[1] + "/article"} {
			wantProblem(t, env.postJSON(t, http.MethodPost, target, map[string]string{"url": u}), http.StatusUnprocessableEntity, "url")
		}
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("the server connected %d times to a loopback address", n)
	}
	if docs, _, _, _, _ := env.news.Counts(context.Background()); docs != len(adminDocs) {
		t.Errorf("documents: %d", docs)
	}
}

// articlePage is an outlet's page as the test's web server sends it.
const articlePage = `<!doctype html><html lang="en"><head><title>Convoy reaches Stepanakert | Massis Post</title>
<meta property="og:site_name" content="Massis Post">
<meta property="article:published_time" content="2023-06-02T10:00:00Z"></head>
<body><nav>Home News</nav><article><h1>Convoy reaches Stepanakert</h1>
<p>STEPANAKERT — A convoy of the Red Cross reached Stepanakert on 2 June 2023 after the Hakari bridge checkpoint reopened, officials said.</p>
<p>Residents of Shusha waited for news of the road through Lachin.</p></article></body></html>`

func TestAddDocumentFromURL(t *testing.T) {
	env := newIntakeEnv(t, true)
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/2023/06/convoy" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articlePage)
	}))
	t.Cleanup(web.Close)
	page := web.URL + "/2023/06/convoy"
	rec := env.postJSON(t, http.MethodPost, "/api/documents/preview", map[string]string{"url": page, "outlet": "Massis Post"})
	p := decode[documentPreview](t, rec, http.StatusOK)
	if p.Title != "Convoy reaches Stepanakert" || p.Published != "2023-06-02" || p.URL != page || p.Outlet != "massispost" ||
		p.Language != "en" || len(p.Events) == 0 {
		t.Errorf("preview of a page: %+v", p)
	}
	rec = env.postJSON(t, http.MethodPost, "/api/documents", map[string]string{"url": page, "name": "convoy.html",
		"title": "A convoy in Stepanakert"})
	decode[news.IngestResult](t, rec, http.StatusCreated)
	d, err := env.news.Document(context.Background(), "convoy.html")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "A convoy in Stepanakert" || d.URL != page || d.Published != "2023-06-02" || !strings.Contains(d.Body, "Red Cross") ||
		strings.Contains(d.Body, "Home News") {
		t.Errorf("stored page: %+v\n%s", d.DocumentSummary, d.Body)
	}
	wantProblem(t, env.postJSON(t, http.MethodPost, "/api/documents", map[string]string{"url": web.URL + "/missing"}),
		http.StatusBadGateway, "url")
}

func TestDeleteAndRestoreGiveTheSameEvents(t *testing.T) {
	env := newIntakeEnv(t, false)
	ctx := context.Background()
	before, err := env.news.Document(ctx, "zabukh.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Events) == 0 {
		t.Fatal("the fixture document has no events")
	}
	_, _, events0, clusters0, _ := env.news.Counts(ctx)
	if rec := env.send(t, http.MethodDelete, "/api/documents/zabukh.txt", "", headerCSRF, env.csrf); rec.Code != http.StatusNoContent {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	wantProblem(t, env.get(t, "/api/documents/zabukh.txt"), http.StatusNotFound, "")
	if _, _, events, _, _ := env.news.Counts(ctx); events != events0-len(before.Events) {
		t.Errorf("events after delete: %d, want %d", events, events0-len(before.Events))
	}
	wantProblem(t, env.send(t, http.MethodDelete, "/api/documents/zabukh.txt", "", headerCSRF, env.csrf), http.StatusNotFound, "")

	rec := env.send(t, http.MethodGet, "/api/documents/history", "")
	h := decode[struct{ History []news.HistoryEntry }](t, rec, http.StatusOK)
	if len(h.History) != 1 || h.History[0].Action != news.ActionDelete || h.History[0].Doc != "zabukh.txt" ||
		!h.History[0].Restorable || h.History[0].Editor == "" || h.History[0].Meta.Events != len(before.Events) {
		t.Errorf("history after delete: %+v", h.History)
	}

	rec = env.send(t, http.MethodPost, "/api/documents/zabukh.txt/restore", "", headerCSRF, env.csrf)
	if res := decode[news.IngestResult](t, rec, http.StatusOK); res.ID != "zabukh.txt" || res.Events != len(before.Events) {
		t.Errorf("restore: %+v", res)
	}
	after, err := env.news.Document(ctx, "zabukh.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after.Events, before.Events) || !reflect.DeepEqual(after.Mentions, before.Mentions) ||
		after.Body != before.Body || after.Title != before.Title {
		t.Errorf("restored document differs:\nbefore %+v\nafter  %+v", before.Events, after.Events)
	}
	if _, _, events, clusters, _ := env.news.Counts(ctx); events != events0 || clusters != clusters0 {
		t.Errorf("after restore: %d events, %d clusters; want %d, %d", events, clusters, events0, clusters0)
	}
	wantProblem(t, env.send(t, http.MethodPost, "/api/documents/zabukh.txt/restore", "", headerCSRF, env.csrf), http.StatusConflict, "")
	wantProblem(t, env.send(t, http.MethodPost, "/api/documents/never.txt/restore", "", headerCSRF, env.csrf), http.StatusNotFound, "")
	h = decode[struct{ History []news.HistoryEntry }](t, env.send(t, http.MethodGet, "/api/documents/history", ""), http.StatusOK)
	if len(h.History) != 2 || h.History[0].Action != news.ActionRestore || h.History[1].Restorable {
		t.Errorf("history after restore: %+v", h.History)
	}
}

// clusterSources returns the documents and outlets of the clusters of a
// document's events.
func clusterSources(t *testing.T, db *sql.DB, doc string) (docs, outlets []string) {
	t.Helper()
	rows, err := db.Query(`SELECT (SELECT json_group_array(doc_id) FROM cluster_documents WHERE cluster_id = clusters.id),
		outlets FROM clusters WHERE id IN (SELECT cluster_id FROM events WHERE doc_id = ?)`, doc)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d, o string
		var ds, os []string
		if err := rows.Scan(&d, &o); err != nil {
			t.Fatal(err)
		}
		_ = json.Unmarshal([]byte(d), &ds)
		_ = json.Unmarshal([]byte(o), &os)
		docs, outlets = append(docs, ds...), append(outlets, os...)
	}
	return docs, outlets
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestMergeMakesASecondReportAndRestoreUndoesIt(t *testing.T) {
	env := newIntakeEnv(t, false)
	ctx := context.Background()
	db := env.db.(*sql.DB)
	for name, body := range map[string]map[string]string{
		"trend.txt": {"url": "https://www.trend.az/news/1", "text": "Officials said the road from Shusha to Stepanakert was closed on 3 April 2023 by protesters.\n"},
		"massis.txt": {"url": "https://massispost.com/2023/04/road", "text": "The Stepanakert road was blocked on 3 April 2023, " +
			"residents of Khojaly said, and Lachin waited.\n"},
	} {
		body["name"] = name
		decode[news.IngestResult](t, env.postJSON(t, http.MethodPost, "/api/documents", body), http.StatusCreated)
	}
	before, err := env.news.Document(ctx, "massis.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Events) == 0 || before.Outlet != "massispost" {
		t.Fatalf("massis.txt: outlet %q, %d events", before.Outlet, len(before.Events))
	}

	tests := []struct {
		name, target, body string
		status             int
		field              string
	}{
		{"into itself", "/api/documents/massis.txt/merge", `{"into": "massis.txt"}`, http.StatusBadRequest, "into"},
		{"into nothing", "/api/documents/massis.txt/merge", `{"into": "nothing.txt"}`, http.StatusBadRequest, "into"},
		{"without into", "/api/documents/massis.txt/merge", `{}`, http.StatusBadRequest, "into"},
		{"an unknown document", "/api/documents/nothing.txt/merge", `{"into": "trend.txt"}`, http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.send(t, http.MethodPost, tc.target, tc.body, headerCSRF, env.csrf, echo.HeaderContentType, echo.MIMEApplicationJSON)
			wantProblem(t, rec, tc.status, tc.field)
		})
	}

	rec := env.postJSON(t, http.MethodPost, "/api/documents/massis.txt/merge", map[string]string{"into": "trend.txt"})
	if got := decode[map[string]string](t, rec, http.StatusOK); got["duplicate_of"] != "trend.txt" {
		t.Errorf("merge: %v", got)
	}
	merged, err := env.news.Document(ctx, "massis.txt")
	if err != nil {
		t.Fatal(err)
	}
	if merged.DuplicateOf != "trend.txt" || len(merged.Events) != 0 || len(merged.Mentions) != 0 {
		t.Errorf("merged: duplicate_of %q, %d events, %d mentions", merged.DuplicateOf, len(merged.Events), len(merged.Mentions))
	}
	docs, outlets := clusterSources(t, db, "trend.txt")
	if !contains(docs, "massis.txt") || !contains(outlets, "massispost") || !contains(outlets, "trend") {
		t.Errorf("trend.txt's clusters after the merge: documents %v, outlets %v", docs, outlets)
	}
	wantProblem(t, env.postJSON(t, http.MethodPost, "/api/documents/massis.txt/merge", map[string]string{"into": "shusha.txt"}),
		http.StatusConflict, "")

	h := decode[struct{ History []news.HistoryEntry }](t, env.send(t, http.MethodGet, "/api/documents/history", ""), http.StatusOK)
	if len(h.History) != 1 || h.History[0].Action != news.ActionMerge || h.History[0].Into != "trend.txt" || !h.History[0].Restorable {
		t.Errorf("history: %+v", h.History)
	}

	rec = env.send(t, http.MethodPost, "/api/documents/massis.txt/restore", "", headerCSRF, env.csrf)
	decode[news.IngestResult](t, rec, http.StatusOK)
	after, err := env.news.Document(ctx, "massis.txt")
	if err != nil {
		t.Fatal(err)
	}
	if after.DuplicateOf != "" || !reflect.DeepEqual(after.Events, before.Events) {
		t.Errorf("restored: duplicate_of %q, events %+v\nwant %+v", after.DuplicateOf, after.Events, before.Events)
	}
	if docs, _ := clusterSources(t, db, "trend.txt"); contains(docs, "massis.txt") && !contains(docsOfEvents(t, db, "trend.txt"), "massis.txt") {
		t.Errorf("trend.txt's clusters still list massis.txt as a report: %v", docs)
	}
}

// docsOfEvents lists the documents whose events share a cluster with doc's.
func docsOfEvents(t *testing.T, db *sql.DB, doc string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT DISTINCT doc_id FROM events WHERE cluster_id IN (SELECT cluster_id FROM events WHERE doc_id = ?)`, doc)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// feedXML is an RSS feed of one item, whose page the same server serves.
const feedXML = `<?xml version="1.0"?><rss version="2.0"><channel><title>Test news</title><link>%[1]s/</link>
<item><title>Convoy reaches Stepanakert</title><link>%[1]s/2023/06/convoy</link><guid>convoy-1</guid>
<pubDate>Fri, 02 Jun 2023 10:00:00 GMT</pubDate></item></channel></rss>`

func TestFeedsAPI(t *testing.T) {
	env := newIntakeEnv(t, true)
	var web *httptest.Server
	web = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, feedXML, web.URL)
		case "/2023/06/convoy":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, articlePage)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(web.Close)
	type list struct{ Feeds []feedStatus }
	if l := decode[list](t, env.send(t, http.MethodGet, "/api/feeds", ""), http.StatusOK); len(l.Feeds) != 0 {
		t.Fatalf("feeds at start: %+v", l.Feeds)
	}
	rec := env.postJSON(t, http.MethodPost, "/api/feeds", map[string]string{"url": web.URL + "/feed.xml", "every": "30m", "outlet": "massispost"})
	f := decode[feedStatus](t, rec, http.StatusCreated)
	if f.ID == "" || f.EverySeconds != 1800 || f.Outlet != "massispost" || f.LastSuccess != nil {
		t.Errorf("added: %+v", f)
	}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"the same URL", map[string]any{"url": web.URL + "/feed.xml"}, http.StatusConflict, "url"},
		{"no URL", map[string]any{"every": "15m"}, http.StatusUnprocessableEntity, "url"},
		{"not http", map[string]any{"url": "ftp://example.org/feed"}, http.StatusUnprocessableEntity, "url"},
		{"too often", map[string]any{"url": "https://example.org/a.xml", "every": "10s"}, http.StatusUnprocessableEntity, "every"},
		{"not a duration", map[string]any{"url": "https://example.org/a.xml", "every": "often"}, http.StatusBadRequest, "every"},
		{"seconds out of range", map[string]any{"url": "https://example.org/a.xml", "every": 99999999}, http.StatusBadRequest, "every"},
		{"an unknown outlet", map[string]any{"url": "https://example.org/a.xml", "outlet": "nobody"}, http.StatusUnprocessableEntity, "outlet"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, env.postJSON(t, http.MethodPost, "/api/feeds", tc.body), tc.status, tc.field)
		})
	}

	rec = env.send(t, http.MethodPost, "/api/feeds/"+f.ID+"/poll", "", headerCSRF, env.csrf)
	res := decode[pollResult](t, rec, http.StatusOK)
	if res.Items != 1 || res.New != 1 || res.Stored != 1 || res.Error != "" || res.Feed.LastSuccess == nil || res.Feed.ItemsStored != 1 {
		t.Errorf("poll: %+v", res)
	}
	l := decode[list](t, env.send(t, http.MethodGet, "/api/feeds", ""), http.StatusOK)
	if len(l.Feeds) != 1 || l.Feeds[0].ItemsSeen != 1 || l.Feeds[0].NextPoll == nil {
		t.Errorf("list after poll: %+v", l.Feeds)
	}
	if docs, _, _, _, _ := env.news.Counts(context.Background()); docs != len(adminDocs)+1 {
		t.Errorf("documents after the poll: %d", docs)
	}
	wantProblem(t, env.send(t, http.MethodPost, "/api/feeds/nothing/poll", "", headerCSRF, env.csrf), http.StatusNotFound, "")
	if rec := env.send(t, http.MethodDelete, "/api/feeds/"+f.ID, "", headerCSRF, env.csrf); rec.Code != http.StatusNoContent {
		t.Errorf("remove: %d %s", rec.Code, rec.Body)
	}
	wantProblem(t, env.send(t, http.MethodDelete, "/api/feeds/"+f.ID, "", headerCSRF, env.csrf), http.StatusNotFound, "")
	if l := decode[list](t, env.send(t, http.MethodGet, "/api/feeds", ""), http.StatusOK); len(l.Feeds) != 0 {
		t.Errorf("feeds after remove: %+v", l.Feeds)
	}
}
