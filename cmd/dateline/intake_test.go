package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"dateline/news"
	"dateline/news/feeds"
	"dateline/news/fetch"
)

// testWeb is the web client the intake tests run with: loopback allowed, a
// short timeout (the slow page gives up after it) and almost no per-host
// delay, so that a dozen requests to one test server take milliseconds.
var testWeb = fetch.Options{AllowPrivate: true, Timeout: time.Second, HostDelay: time.Millisecond}

// runCLIWeb runs the program as run does, with the web client configured by web.
func runCLIWeb(t *testing.T, web fetch.Options, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &environment{getenv: noEnv, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, web: web}
	err := env.run(context.Background(), args)
	return result{exitCode(err, &stderr), stdout.String(), stderr.String()}
}

// boilerplatePage is an article page as outlets publish them: navigation,
// a cookie banner, a share box and related links around two paragraphs,
// the headline and date in the head's metadata.
const boilerplatePage = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Evacuation of Stepanakert continues | Caucasus Wire</title>
<meta property="og:title" content="Evacuation of Stepanakert continues">
<meta property="og:site_name" content="Caucasus Wire">
<meta property="article:published_time" content="2023-09-26T08:30:00Z">
</head><body>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<main><article>
<h1>Evacuation of Stepanakert continues</h1>
<div class="share-box"><a href="https://facebook.example/share">Share on Facebook</a> <a href="https://x.example/share">Share on X</a></div>
<p>Thousands of people left Stepanakert on Tuesday along the Lachin corridor towards Goris, queuing for hours at the Hakari bridge checkpoint, officials in Yerevan said.</p>
<p>The Armenian government said more than 28,000 refugees had crossed into Armenia by the evening, and that shelters in Goris and Vayk were full.</p>
</article>
<aside class="related"><h2>Related articles</h2><ul><li><a href="/a1">Fuel depot blast near Stepanakert</a></li><li><a href="/a2">Talks in Brussels postponed</a></li></ul></aside>
</main>
<footer><p>Copyright Caucasus Wire. All rights reserved.</p></footer>
</body></html>`

// cyrillicPage is a Russian article page; encode it with a legacy charset.
func cyrillicPage(title, date, metaCharset string) string {
	head := ""
	if metaCharset != "" {
		head = `<meta charset="` + metaCharset + `">`
	}
	return `<!doctype html><html lang="ru"><head>` + head + `<title>` + title + `</title>
<meta property="article:published_time" content="` + date + `"></head><body><article><h1>` + title + `</h1>
<p>Колонна Международного комитета Красного Креста прошла через Лачинский коридор и прибыла в Степанакерт в понедельник, сообщили местные власти.</p>
<p>Грузовики доставили муку, лекарства и детское питание; следующая колонна ожидается в Горисе в среду.</p>
</article></body></html>`
}

func encode(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// intakeSite is an outlet whose feed links to every kind of page that can
// go wrong, and to three that must be stored.
type intakeSite struct {
	*httptest.Server
	pages map[string]func(w http.ResponseWriter, r *http.Request)
}

// The items of the site's /feed.xml: path and what becomes of it.
var intakeItems = []struct {
	path   string
	stored bool
	reason string // in the item's recorded error, when not stored
}{
	{"/news/evacuation", true, ""},
	{"/news/cp1251", true, ""},
	{"/news/koi8r", true, ""},
	{"/news/loop-a", false, "redirect loop"},
	{"/news/missing", false, "status 404 Not Found"},
	{"/news/broken", false, "status 500 Internal Server Error"},
	{"/news/slow", false, "timed out"},
	{"/news/huge", false, "over the limit of 10485760 bytes"},
	{"/news/binary", false, "served as text/html but the body looks like"},
}

func newIntakeSite(t *testing.T) *intakeSite {
	s := &intakeSite{}
	// The slow page holds its request until the client hangs up or the test ends.
	ended := make(chan struct{})
	html := func(ct string, body []byte) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(body)
		}
	}
	redirect := func(to string) func(http.ResponseWriter, *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	s.pages = map[string]func(http.ResponseWriter, *http.Request){
		"/feed.xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Caucasus Wire</title><link>/</link>`)
			for _, it := range intakeItems {
				// The feed's title and date are not the page's: the page's win.
				fmt.Fprintf(w, `<item><title>Feed title %s</title><link>%s</link><guid>%s</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>`,
					it.path, it.path, it.path)
			}
			fmt.Fprint(w, `</channel></rss>`)
		},
		"/invalid.xml":     html("application/rss+xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>A & B</link></item>`)),
		"/news/evacuation": html("text/html; charset=utf-8", []byte(boilerplatePage)),
		"/news/cp1251": html("text/html; charset=windows-1251",
			encode(t, charmap.Windows1251, cyrillicPage("Колонна Красного Креста в Степанакерте", "2023-09-18", ""))),
		// No charset in the header: the page's <meta charset> says KOI8-R.
		"/news/koi8r": html("text/html",
			encode(t, charmap.KOI8R, cyrillicPage("Гуманитарный груз доставлен в Степанакерт", "2023-09-19", "koi8-r"))),
		"/news/loop-a":  redirect("/news/loop-b"),
		"/news/loop-b":  redirect("/news/loop-a"),
		"/news/missing": http.NotFound,
		"/news/broken": func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "database down", http.StatusInternalServerError)
		},
		"/news/slow": func(w http.ResponseWriter, r *http.Request) {
			// Headers never come; the client gives up after its timeout.
			select {
			case <-r.Context().Done():
			case <-ended:
			}
		},
		"/news/huge": func(w http.ResponseWriter, r *http.Request) {
			// 50 MB without a Content-Length: the client must stop reading at its limit.
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			chunk := bytes.Repeat([]byte("<p>Stepanakert, Lachin, Goris and Hakari. </p>\n"), 1<<10)
			for sent := 0; sent < 50<<20; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
		"/news/binary": html("text/html", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 4096)...)),
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := s.pages[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r) // robots.txt too: everything may be fetched
	}))
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(ended) })
	return s
}

// docID is the id feedIngester gives an item's document.
func docID(feedID, itemID string) string {
	sum := sha256.Sum256([]byte(itemID))
	return feedID + "-" + hex.EncodeToString(sum[:6])
}

func TestFeedsPollStoresPagesAndRecordsEachFailure(t *testing.T) {
	db := seededDB(t)
	site := newIntakeSite(t)
	for _, path := range []string{"/feed.xml", "/invalid.xml"} {
		if r := runCLI(t, "feeds", "add", site.URL+path, "--db", db); r.code != 0 {
			t.Fatalf("add %s: exit %d %s", path, r.code, r.stderr)
		}
	}
	r := runCLIWeb(t, testWeb, "feeds", "poll", "--db", db)
	// The broken feed fails the command, after every feed has been polled.
	wantOneLine(t, r, 1, "1 of 2 feeds failed: 127-0-0-1-2: ")
	if want := "polled 2 feeds (1 failed): 9 new items, 3 stored, 6 failed"; strings.TrimSpace(r.stdout) != want {
		t.Fatalf("stdout = %q, want %q", r.stdout, want)
	}

	ctx := context.Background()
	st, err := openStores(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	list, err := st.feeds.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]feeds.FeedRow{}
	for _, f := range list {
		byID[f.ID] = f
	}
	if f := byID["127-0-0-1"]; f.LastError != "" || f.ItemsSeen != 9 || f.ItemsStored != 3 {
		t.Errorf("the good feed: %+v", f)
	}
	if f := byID["127-0-0-1-2"]; !strings.Contains(f.LastError, "invalid.xml") || !strings.Contains(f.LastError, "XML") || f.ItemsSeen != 0 {
		t.Errorf("the invalid feed: last error %q, items seen %d", f.LastError, f.ItemsSeen)
	}

	items, err := st.feeds.Items(ctx, "127-0-0-1")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]feeds.ItemRow{}
	for _, it := range items {
		rows[it.ItemID] = it
	}
	for _, want := range intakeItems {
		row, ok := rows[want.path]
		if !ok {
			t.Errorf("%s: no item recorded (have %v)", want.path, rows)
			continue
		}
		_, err := st.news.Document(ctx, docID("127-0-0-1", row.ItemID))
		switch {
		case want.stored && (row.DocID == "" || row.Error != "" || err != nil):
			t.Errorf("%s: not stored: item %+v, document: %v", want.path, row, err)
		case !want.stored && (row.DocID != "" || !strings.Contains(row.Error, want.reason)):
			t.Errorf("%s: item %+v, want no document and an error with %q", want.path, row, want.reason)
		case !want.stored && err == nil:
			t.Errorf("%s: failed, yet a document is stored", want.path)
		}
	}

	doc := func(path string) *news.Document {
		t.Helper()
		d, err := st.news.Document(ctx, docID("127-0-0-1", path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return d
	}
	d := doc("/news/evacuation")
	if d.Title != "Evacuation of Stepanakert continues" || !strings.HasPrefix(d.Published, "2023-09-26") {
		t.Errorf("title %q and date %q are not the page's", d.Title, d.Published)
	}
	for _, para := range []string{"Thousands of people left Stepanakert on Tuesday", "shelters in Goris and Vayk were full."} {
		if !strings.Contains(d.Body, para) {
			t.Errorf("the body lacks %q:\n%s", para, d.Body)
		}
	}
	for _, junk := range []string{"Home", "Sport", "cookies", "Share on", "Related articles", "Fuel depot", "Copyright"} {
		if strings.Contains(d.Body, junk) {
			t.Errorf("the body keeps boilerplate %q:\n%s", junk, d.Body)
		}
	}
	for path, want := range map[string]struct{ title, date string }{
		"/news/cp1251": {"Колонна Красного Креста в Степанакерте", "2023-09-18"},
		"/news/koi8r":  {"Гуманитарный груз доставлен в Степанакерт", "2023-09-19"},
	} {
		d := doc(path)
		if d.Title != want.title || !strings.HasPrefix(d.Published, want.date) ||
			!strings.Contains(d.Body, "Колонна Международного комитета Красного Креста прошла через Лачинский коридор") ||
			!strings.Contains(d.Body, "детское питание") {
			t.Errorf("%s: title %q, date %q, body:\n%s", path, d.Title, d.Published, d.Body)
		}
	}
}

// publicFeeds serves some feed documents itself, as public hosts would,
// and fetches every other URL with the real web client.
type publicFeeds struct {
	docs map[string]string
	web  feeds.Fetcher
}

func (p publicFeeds) Fetch(ctx context.Context, url, etag, lastModified string) (feeds.FetchResult, error) {
	if doc, ok := p.docs[url]; ok {
		return feeds.FetchResult{URL: url, Status: 200, ContentType: "application/rss+xml", Body: []byte(doc)}, nil
	}
	return p.web.Fetch(ctx, url, etag, lastModified)
}

func TestFeedItemOnLoopbackIsRefusedWithoutTheVariable(t *testing.T) {
	site := newIntakeSite(t)
	pageURL := site.URL + "/news/evacuation"
	longText := strings.Repeat("Refugees from Stepanakert reached Goris on Tuesday, officials in Yerevan said. ", 4)
	docs := map[string]string{
		"https://wire.example/feed.xml": `<rss version="2.0"><channel><title>Wire</title><item><title>Evacuation</title><link>` + pageURL +
			`</link><guid>evacuation</guid><description>Teaser.</description></item></channel></rss>`,
		"https://other.example/feed.xml": `<rss version="2.0"><channel><title>Other</title><item><title>Refugees in Goris</title><guid>goris</guid><pubDate>Tue, 26 Sep 2023 12:00:00 GMT</pubDate><description>` +
			longText + `</description></item></channel></rss>`,
	}
	for _, c := range []struct {
		name        string
		allow       bool
		wantStored  int
		wantFailed  int
		wantLoopErr bool
	}{
		{"without the variable", false, 1, 1, true},
		{"with the variable", true, 2, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			p, err := openPipeline(ctx, seededDB(t), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			defer p.close()
			for _, u := range []string{"https://wire.example/feed.xml", "https://other.example/feed.xml", site.URL + "/feed.xml"} {
				if _, err := p.feeds.Add(ctx, u, time.Hour, ""); err != nil {
					t.Fatal(err)
				}
			}
			web := testWeb
			web.AllowPrivate = c.allow
			env := &environment{getenv: noEnv, web: web}
			poller, err := p.poller(env, nil)
			if err != nil {
				t.Fatal(err)
			}
			poller.Fetch = publicFeeds{docs: docs, web: poller.Fetch}
			results, err := poller.PollAll(ctx)
			if err != nil {
				t.Fatal(err)
			}
			by := map[string]feeds.Result{}
			for _, r := range results {
				by[r.Feed] = r
			}
			if r := by["wire-example"]; r.Err != nil || r.New != 1 || r.Stored != c.wantStored-1 || r.Failed != c.wantFailed {
				t.Errorf("the feed linking to loopback: %+v", r)
			}
			if r := by["other-example"]; r.Err != nil || r.Stored != 1 {
				t.Errorf("the other feed: %+v", r)
			}
			items, err := p.feeds.Items(ctx, "wire-example")
			if err != nil || len(items) != 1 {
				t.Fatalf("items %+v, %v", items, err)
			}
			_, docErr := p.news.Document(ctx, docID("wire-example", "evacuation"))
			if c.wantLoopErr {
				if want := "fetch " + pageURL + ": refused: loopback address 127.0.0.1"; !strings.Contains(items[0].Error, want) || items[0].DocID != "" {
					t.Errorf("item %+v, want the error %q", items[0], want)
				}
				if docErr == nil {
					t.Errorf("the refused page is stored")
				}
				// The local feed itself is refused too, and recorded.
				if r := by["127-0-0-1"]; r.Err == nil || !strings.Contains(r.Err.Error(), "refused: loopback address") {
					t.Errorf("the loopback feed: %+v", r)
				}
			} else {
				if items[0].Error != "" || docErr != nil {
					t.Errorf("item %+v, document: %v", items[0], docErr)
				}
				if r := by["127-0-0-1"]; r.Err != nil || r.Stored != 3 {
					t.Errorf("the loopback feed: %+v", r)
				}
			}
		})
	}
}

func TestIngestURLStoresThePageArticle(t *testing.T) {
	db := seededDB(t)
	site := newIntakeSite(t)
	pageURL := site.URL + "/news/evacuation"
	r := runCLIWeb(t, testWeb, "ingest", pageURL, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, `"stored":true`) {
		t.Fatalf("ingest: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	docs, err := openNews(t, db).Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var found *news.DocumentSummary
	for i, d := range docs {
		if d.URL == pageURL {
			found = &docs[i]
		}
	}
	if found == nil || found.Title != "Evacuation of Stepanakert continues" || !strings.HasPrefix(found.Published, "2023-09-26") {
		t.Fatalf("document of %s: %+v", pageURL, found)
	}
	// Without the variable the same command refuses the page.
	if r := runCLI(t, "ingest", pageURL, "--db", db); r.code != 1 || !strings.Contains(r.stderr, "refused: loopback address 127.0.0.1") {
		t.Errorf("without the variable: exit %d\n%s", r.code, r.stderr)
	}
}
