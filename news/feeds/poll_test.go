package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// httpFetcher is the plainest Fetcher over net/http, for tests against
// httptest servers on the loopback interface.
type httpFetcher struct{ client *http.Client }

func (h httpFetcher) Fetch(ctx context.Context, url, etag, lastModified string) (FetchResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return FetchResult{}, err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return FetchResult{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFeedBytes+1))
	if err != nil {
		return FetchResult{}, err
	}
	return FetchResult{URL: resp.Request.URL.String(), Status: resp.StatusCode, NotModified: resp.StatusCode == http.StatusNotModified,
		ContentType: resp.Header.Get("Content-Type"), Body: body, ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified")}, nil
}

// site is a news site on an httptest server: a feed at /feed.xml listing
// items, article pages at /articles/ID, and a log of what it was asked.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	items    []testItem
	etag     string // sent with the feed and honoured in If-None-Match
	status   int    // of the feed, when not 200
	body     string // of the feed, instead of RSS, when not ""
	missing  map[string]bool
	hits     map[string]int
	ifNone   []string
	blockFor chan struct{} // when set, the feed answers only when the request is cancelled
	arrived  chan struct{}
}

type testItem struct{ id, title, description, content string }

func newSite(t *testing.T, items ...testItem) *site {
	s := &site{items: items, missing: map[string]bool{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	if r.URL.Path == "/feed.xml" {
		s.ifNone = append(s.ifNone, r.Header.Get("If-None-Match"))
	}
	block, arrived := s.blockFor, s.arrived
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/feed.xml" && block != nil:
		close(arrived)
		<-r.Context().Done()
	case r.URL.Path == "/feed.xml":
		s.serveFeed(w, r)
	case strings.HasPrefix(r.URL.Path, "/articles/"):
		id := strings.TrimPrefix(r.URL.Path, "/articles/")
		s.mu.Lock()
		missing := s.missing[id]
		s.mu.Unlock()
		if missing {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>Article %s</title></head><body><article><p>The page of %s.</p></article></body></html>", id, id)
	default:
		http.NotFound(w, r)
	}
}

func (s *site) serveFeed(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.status != 0 {
		http.Error(w, "broken", s.status)
		return
	}
	if s.etag != "" {
		w.Header().Set("ETag", s.etag)
		w.Header().Set("Last-Modified", "Mon, 18 Sep 2023 12:00:00 GMT")
		if r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	if s.body != "" {
		io.WriteString(w, s.body)
		return
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Test</title>`)
	for _, it := range s.items {
		fmt.Fprintf(&b, "<item><guid isPermaLink=\"false\">%s</guid><link>/articles/%s</link><title>%s</title><pubDate>Mon, 18 Sep 2023 10:00:00 GMT</pubDate><description><![CDATA[%s]]></description><content:encoded><![CDATA[%s]]></content:encoded></item>",
			it.id, it.id, it.title, it.description, it.content)
	}
	b.WriteString(`</channel></rss>`)
	w.Write(b.Bytes())
}

func (s *site) feedURL() string { return s.URL + "/feed.xml" }

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// ingested is an Ingest that keeps what it was given and stores nothing.
type ingested struct {
	mu    sync.Mutex
	calls []ingestCall
	fail  map[string]error // by item id
	got   chan struct{}    // when set, hears of every call
}

type ingestCall struct {
	item    Item
	feed    string
	page    string
	pageURL string
}

func (in *ingested) Ingest(ctx context.Context, item Item, f FeedRow, page []byte, pageURL string) (string, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.calls = append(in.calls, ingestCall{item, f.ID, string(page), pageURL})
	if in.got != nil {
		select {
		case in.got <- struct{}{}:
		default:
		}
	}
	if err := in.fail[item.ID]; err != nil {
		return "", err
	}
	return "doc-" + item.ID, nil
}

func (in *ingested) byItem() map[string]ingestCall {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := map[string]ingestCall{}
	for _, c := range in.calls {
		out[c.item.ID] = c
	}
	return out
}

func (in *ingested) count() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.calls)
}

func newPoller(t *testing.T) (*Poller, *ingested, *clock) {
	s := mustOpen(t)
	clk := newClock()
	s.now = clk.Now
	in := &ingested{fail: map[string]error{}}
	return &Poller{Store: s, Fetch: httpFetcher{http.DefaultClient}, Ingest: in.Ingest, Now: clk.Now}, in, clk
}

func TestPollStoresNewItemsOnce(t *testing.T) {
	ctx := context.Background()
	p, in, clk := newPoller(t)
	site := newSite(t, testItem{id: "a1", title: "First"}, testItem{id: "a2", title: "Second"})
	f, err := p.Store.Add(ctx, site.feedURL(), 0, "civilnet")
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.PollOne(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Items != 2 || r.New != 2 || r.Stored != 2 || r.Failed != 0 {
		t.Errorf("first poll: %+v", r)
	}
	calls := in.byItem()
	if c := calls["a1"]; c.pageURL != site.URL+"/articles/a1" || !strings.Contains(c.page, "The page of a1.") ||
		c.item.Title != "First" || c.feed != f.ID || c.item.Published.IsZero() {
		t.Errorf("ingest of a1 was given %+v", c)
	}

	site.mu.Lock()
	site.items = append(site.items, testItem{id: "a3", title: "Third"})
	site.mu.Unlock()
	clk.Advance(DefaultEvery)
	rs, err := p.PollDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Items != 3 || rs[0].New != 1 || rs[0].Stored != 1 {
		t.Errorf("second poll: %+v", rs)
	}
	if in.count() != 3 {
		t.Errorf("ingest was called %d times over two polls, want 3 (each item once)", in.count())
	}
	for _, id := range []string{"a1", "a2", "a3"} {
		if n := site.hitsOf("/articles/" + id); n != 1 {
			t.Errorf("page %s fetched %d times, want once", id, n)
		}
	}
	got, _ := p.Store.Get(ctx, f.ID)
	if got.ItemsSeen != 3 || got.ItemsStored != 3 || got.LastError != "" || !got.LastSuccess.Equal(clk.Now()) {
		t.Errorf("feed after two polls: %+v", got)
	}
	items, _ := p.Store.Items(ctx, f.ID)
	if len(items) != 3 {
		t.Errorf("item rows: %+v", items)
	}
}

func TestPollSendsValidatorsAndTakesA304AsSuccess(t *testing.T) {
	ctx := context.Background()
	p, in, clk := newPoller(t)
	site := newSite(t, testItem{id: "a1", title: "First"})
	site.etag = `"v1"`
	f, err := p.Store.Add(ctx, site.feedURL(), 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.PollOne(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	r, err := p.PollOne(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !r.NotModified || r.New != 0 {
		t.Errorf("second poll: %+v, want not modified and nothing new", r)
	}
	site.mu.Lock()
	ifNone := append([]string(nil), site.ifNone...)
	site.mu.Unlock()
	if len(ifNone) != 2 || ifNone[0] != "" || ifNone[1] != `"v1"` {
		t.Errorf("the server saw If-None-Match %q, want none then \"v1\"", ifNone)
	}
	got, _ := p.Store.Get(ctx, f.ID)
	if got.ETag != `"v1"` || got.LastModified == "" || !got.LastSuccess.Equal(clk.Now()) ||
		!got.NextPoll.Equal(clk.Now().Add(DefaultEvery)) {
		t.Errorf("feed after a 304: %+v", got)
	}
	if in.count() != 1 {
		t.Errorf("ingest called %d times, want 1", in.count())
	}
}

func TestAFailingFeedBacksOffWhileOthersPoll(t *testing.T) {
	ctx := context.Background()
	p, in, clk := newPoller(t)
	good := newSite(t, testItem{id: "g1", title: "Good"})
	bad := newSite(t)
	bad.status = http.StatusInternalServerError
	broken := newSite(t)
	broken.body = `<rss><channel><item><title>unclosed</channel></rss>`
	gf, err := p.Store.Add(ctx, good.feedURL(), 10*time.Minute, "")
	if err != nil {
		t.Fatal(err)
	}
	bf, err := p.Store.Add(ctx, bad.feedURL(), 10*time.Minute, "")
	if err != nil {
		t.Fatal(err)
	}
	xf, err := p.Store.Add(ctx, broken.feedURL(), 10*time.Minute, "")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := p.PollDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byFeed := map[string]Result{}
	for _, r := range rs {
		byFeed[r.Feed] = r
	}
	if r := byFeed[gf.ID]; r.Err != nil || r.Stored != 1 {
		t.Errorf("good feed: %+v", r)
	}
	if r := byFeed[bf.ID]; r.Err == nil || !strings.Contains(r.Err.Error(), "500") {
		t.Errorf("failing feed: %+v", r)
	}
	if r := byFeed[xf.ID]; r.Err == nil || !errors.Is(r.Err, ErrInvalid) {
		t.Errorf("broken feed: %+v", r)
	}
	if s := Summarise(rs); s.Feeds != 3 || s.FeedsFailed != 2 || s.Stored != 1 {
		t.Errorf("summary %+v", s)
	}
	b, _ := p.Store.Get(ctx, bf.ID)
	if b.ErrorsInRow != 1 || !strings.Contains(b.LastError, "HTTP status 500") || !b.LastSuccess.IsZero() ||
		!b.NextPoll.Equal(clk.Now().Add(20*time.Minute)) {
		t.Errorf("failing feed after one poll: %+v", b)
	}
	x, _ := p.Store.Get(ctx, xf.ID)
	if !strings.Contains(x.LastError, "invalid XML") {
		t.Errorf("broken feed's error: %q", x.LastError)
	}

	// One interval on, only the good feed is due; the failing ones wait twice as long.
	good.mu.Lock()
	good.items = append(good.items, testItem{id: "g2", title: "Good again"})
	good.mu.Unlock()
	clk.Advance(10 * time.Minute)
	rs, err = p.PollDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Feed != gf.ID || rs[0].New != 1 {
		t.Errorf("second round: %+v, want only the good feed with one new item", rs)
	}
	clk.Advance(10 * time.Minute)
	bad.mu.Lock()
	bad.status = http.StatusServiceUnavailable
	bad.mu.Unlock()
	if _, err := p.PollOne(ctx, bf.ID); err == nil {
		t.Fatal("a 503 feed polled without error")
	}
	b, _ = p.Store.Get(ctx, bf.ID)
	if b.ErrorsInRow != 2 || !b.NextPoll.Equal(clk.Now().Add(40*time.Minute)) {
		t.Errorf("failing feed after two polls: in row %d, next %v", b.ErrorsInRow, b.NextPoll)
	}
	bad.mu.Lock()
	bad.status, bad.items = 0, []testItem{{id: "b1", title: "Back"}}
	bad.mu.Unlock()
	if _, err := p.PollOne(ctx, bf.ID); err != nil {
		t.Fatal(err)
	}
	b, _ = p.Store.Get(ctx, bf.ID)
	if b.ErrorsInRow != 0 || b.LastError != "" || !b.NextPoll.Equal(clk.Now().Add(10*time.Minute)) {
		t.Errorf("recovered feed: %+v", b)
	}
	if in.count() != 3 {
		t.Errorf("ingested %d items, want 3", in.count())
	}
}

func TestAnItemWhosePageFailsFallsBackOnItsOwnText(t *testing.T) {
	ctx := context.Background()
	p, in, _ := newPoller(t)
	long := "<p>" + strings.Repeat("The convoy crossed the Hakari bridge and reached Stepanakert. ", 5) + "</p>"
	site := newSite(t,
		testItem{id: "long", title: "Long content", content: long, description: "A teaser."},
		testItem{id: "short", title: "Short summary", description: "Only a teaser."},
		testItem{id: "refused", title: "Refused by ingest"},
		testItem{id: "fine", title: "Fine"},
	)
	site.missing["long"], site.missing["short"] = true, true
	in.fail["refused"] = errors.New("news: no article text is left once the boilerplate is removed")
	f, err := p.Store.Add(ctx, site.feedURL(), 0, "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.PollOne(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.New != 4 || r.Stored != 2 || r.Failed != 2 {
		t.Errorf("poll: %+v, want 4 new, 2 stored, 2 failed", r)
	}
	calls := in.byItem()
	if c, ok := calls["long"]; !ok || c.page != long || c.pageURL != site.URL+"/articles/long" {
		t.Errorf("fallback ingest was given %+v", c)
	}
	if _, ok := calls["short"]; ok {
		t.Error("a 404 page with a short summary was ingested")
	}
	items, _ := p.Store.Items(ctx, f.ID)
	rows := map[string]ItemRow{}
	for _, it := range items {
		rows[it.ItemID] = it
	}
	if row := rows["short"]; row.DocID != "" || !strings.Contains(row.Error, "404") || !strings.Contains(row.Error, "too short") {
		t.Errorf("short item row: %+v", row)
	}
	if row := rows["refused"]; row.DocID != "" || !strings.Contains(row.Error, "boilerplate") {
		t.Errorf("refused item row: %+v", row)
	}
	if rows["long"].DocID != "doc-long" || rows["fine"].DocID != "doc-fine" {
		t.Errorf("stored rows: %+v", rows)
	}
	got, _ := p.Store.Get(ctx, f.ID)
	if got.LastError != "" || got.ItemsSeen != 4 || got.ItemsStored != 2 {
		t.Errorf("a bad item failed the feed: %+v", got)
	}
	// Failed items are not tried again.
	if _, err := p.PollOne(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if site.hitsOf("/articles/short") != 1 || in.count() != 3 {
		t.Errorf("second poll retried items: page hits %d, ingest calls %d", site.hitsOf("/articles/short"), in.count())
	}
}

func TestPollStopsWhenCancelledAndRecordsNothing(t *testing.T) {
	p, in, _ := newPoller(t)
	site := newSite(t, testItem{id: "a1"})
	site.blockFor, site.arrived = make(chan struct{}), make(chan struct{})
	f, err := p.Store.Add(context.Background(), site.feedURL(), 0, "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-site.arrived
		cancel()
	}()
	_, err = p.PollDue(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	got, _ := p.Store.Get(context.Background(), f.ID)
	if !got.LastPolled.IsZero() || got.ErrorsInRow != 0 || in.count() != 0 {
		t.Errorf("a cancelled poll was recorded: %+v", got)
	}
}

func TestPollOneOfAnUnknownFeed(t *testing.T) {
	p, _, _ := newPoller(t)
	if _, err := p.PollOne(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func TestRunPollsUntilCancelled(t *testing.T) {
	p, in, _ := newPoller(t)
	in.got = make(chan struct{}, 1)
	site := newSite(t, testItem{id: "a1"})
	if _, err := p.Store.Add(context.Background(), site.feedURL(), 0, ""); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		p.Run(ctx, time.Millisecond)
		close(done)
	}()
	<-in.got
	cancel()
	<-done
	if in.count() != 1 {
		t.Errorf("ingest called %d times, want 1", in.count())
	}
}
