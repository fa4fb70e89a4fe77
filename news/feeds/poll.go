package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
	"unicode/utf8"
)

// Fetcher gets a URL for the Poller. It, not the Poller, is polite per host,
// reads robots.txt and refuses addresses it must not reach.
type Fetcher interface {
	// Fetch gets url; a non-empty etag or lastModified makes the request
	// conditional. An HTTP error status is a FetchResult, not an error.
	Fetch(ctx context.Context, url, etag, lastModified string) (FetchResult, error)
}

// FetchResult is the response to a Fetch.
type FetchResult struct {
	URL         string // after redirects
	Status      int
	NotModified bool // 304: the validators still hold
	ContentType string
	Body        []byte
	// ETag and LastModified are the response's validators.
	ETag, LastModified string
}

// MinFallbackText is how much text (in characters, markup aside) an item's
// own content or summary must have to be ingested when its page cannot be
// fetched: less is a teaser, not an article.
const MinFallbackText = 200

// MaxWorkers is how many feeds a Poller polls at once unless told: every
// feed at once, up to this many. A poll spends nearly all its time waiting
// out the fetcher's delay between requests to one host (a feed with 20 new
// items is 21 requests, 20 s at one a second), so polling feeds a few at a
// time would add those waits up: 200 feeds 8 at a time took 25 times as long.
// The cap bounds the goroutines and the articles analysed at once.
const MaxWorkers = 256

// Poller polls feeds: it fetches each due feed conditionally, parses it,
// and hands every item it has not seen before, with the item's page, to
// Ingest.
type Poller struct {
	Store *Store
	Fetch Fetcher
	// Ingest stores an item as a document from its page (HTML or text at
	// pageURL) and returns the document's id. When the page cannot be
	// fetched, page is the item's own content or summary.
	Ingest func(ctx context.Context, item Item, f FeedRow, page []byte, pageURL string) (docID string, err error)
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Log hears of failed feeds and items (nothing when nil).
	Log io.Writer
	// Workers is how many feeds are polled at once (when 0, all of them, up
	// to MaxWorkers).
	Workers int

	// writes lets one worker at a time write to the store. SQLite has one
	// writer; left to its busy timeout, a writer among hundreds of polls
	// can wait out the timeout and fail with "database is locked" (it did,
	// for 49 of 200 feeds), while a mutex queues them in turn.
	writes sync.Mutex
}

// Result says what one poll of a feed did.
type Result struct {
	Feed        string `json:"feed"`
	NotModified bool   `json:"not_modified,omitempty"`
	Items       int    `json:"items"`  // items in the feed document
	New         int    `json:"new"`    // items not seen before, taken in now
	Stored      int    `json:"stored"` // new items stored as documents
	Failed      int    `json:"failed"` // new items that could not be stored
	// Err is why the poll of the feed failed; nil when it succeeded.
	Err error `json:"-"`
}

// Summary adds up the results of a round of polls.
type Summary struct {
	Feeds, FeedsFailed, New, Stored, ItemsFailed int
}

// Summarise adds up results.
func Summarise(rs []Result) Summary {
	var s Summary
	for _, r := range rs {
		s.Feeds++
		if r.Err != nil {
			s.FeedsFailed++
		}
		s.New += r.New
		s.Stored += r.Stored
		s.ItemsFailed += r.Failed
	}
	return s
}

func (s Summary) String() string {
	return fmt.Sprintf("polled %d feeds (%d failed): %d new items, %d stored, %d failed",
		s.Feeds, s.FeedsFailed, s.New, s.Stored, s.ItemsFailed)
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) logf(format string, args ...any) {
	if p.Log != nil {
		fmt.Fprintf(p.Log, format+"\n", args...)
	}
}

// PollOne polls feed id now, due or not. The error is the feed's failure
// (also in Result.Err, and recorded on the feed), a feed that is not stored,
// or the context's.
func (p *Poller) PollOne(ctx context.Context, id string) (Result, error) {
	f, err := p.Store.Get(ctx, id)
	if err != nil {
		return Result{Feed: id, Err: err}, err
	}
	r := p.poll(ctx, f)
	return r, r.Err
}

// PollDue polls every feed that is due, several at once, and returns what
// each poll did, in the order the feeds were due. A failing feed fails alone;
// the error is the store's or the context's.
func (p *Poller) PollDue(ctx context.Context) ([]Result, error) {
	due, err := p.Store.Due(ctx, p.now())
	if err != nil {
		return nil, err
	}
	return p.pollAll(ctx, due)
}

// PollAll polls every feed now, due or not, as PollDue does.
func (p *Poller) PollAll(ctx context.Context) ([]Result, error) {
	fs, err := p.Store.List(ctx)
	if err != nil {
		return nil, err
	}
	return p.pollAll(ctx, fs)
}

func (p *Poller) pollAll(ctx context.Context, fs []FeedRow) ([]Result, error) {
	workers := p.Workers
	if workers <= 0 {
		workers = MaxWorkers
	}
	results := make([]Result, len(fs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(fs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = p.poll(ctx, fs[i])
			}
		}()
	}
	sent := 0
feed:
	for sent < len(fs) {
		select {
		case jobs <- sent:
			sent++
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return results[:sent], ctx.Err()
}

// Run polls the due feeds every tick until ctx is done.
func (p *Poller) Run(ctx context.Context, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		rs, err := p.PollDue(ctx)
		if err != nil && ctx.Err() == nil {
			p.logf("feeds: poll: %v", err)
		}
		if s := Summarise(rs); s.New > 0 || s.FeedsFailed > 0 {
			p.logf("feeds: %s", s)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// poll polls one feed and records how it went. A poll cut short by the
// context records nothing: the feed stays due.
func (p *Poller) poll(ctx context.Context, f FeedRow) Result {
	r := Result{Feed: f.ID}
	if err := ctx.Err(); err != nil {
		r.Err = err
		return r
	}
	at := p.now()
	poll, err := p.pollFeed(ctx, f, &r)
	if ctx.Err() != nil {
		r.Err = ctx.Err()
		return r
	}
	poll.At = at
	if err != nil {
		r.Err = err
		poll.Err = err.Error()
		p.logf("feeds: %s: %v", f.ID, err)
	}
	p.writes.Lock()
	_, err = p.Store.RecordPoll(ctx, f.ID, poll)
	p.writes.Unlock()
	if err != nil && r.Err == nil {
		r.Err = err
	}
	return r
}

func (p *Poller) pollFeed(ctx context.Context, f FeedRow, r *Result) (Poll, error) {
	res, err := p.Fetch.Fetch(ctx, f.URL, f.ETag, f.LastModified)
	if err != nil {
		return Poll{}, err // the fetcher names the URL
	}
	if res.NotModified || res.Status == 304 {
		r.NotModified = true
		return Poll{ETag: res.ETag, LastModified: res.LastModified}, nil
	}
	if res.Status < 200 || res.Status > 299 {
		return Poll{}, fmt.Errorf("fetch %s: HTTP status %d", f.URL, res.Status)
	}
	base := res.URL
	if base == "" {
		base = f.URL
	}
	feed, err := Parse(res.Body, res.ContentType, base)
	if err != nil {
		return Poll{}, fmt.Errorf("%s: %w", f.URL, err)
	}
	r.Items = len(feed.Items)
	for _, it := range feed.Items {
		if ctx.Err() != nil {
			return Poll{}, ctx.Err()
		}
		if it.ID == "" {
			continue // nothing to know it by next time
		}
		seen, err := p.Store.ItemSeen(ctx, f.ID, it.ID)
		if err != nil {
			return Poll{}, err
		}
		if seen {
			continue
		}
		docID, err := p.takeIn(ctx, f, it)
		if ctx.Err() != nil {
			return Poll{}, ctx.Err() // retried next time
		}
		row := ItemRow{FeedID: f.ID, ItemID: it.ID, URL: it.URL, SeenAt: p.now(), DocID: docID}
		if err != nil {
			row.Error = err.Error()
			p.logf("feeds: %s: item %s: %v", f.ID, it.ID, err)
		}
		p.writes.Lock()
		marked, err := p.Store.MarkItem(ctx, row)
		p.writes.Unlock()
		if err != nil {
			return Poll{}, err
		}
		if !marked {
			continue // another poll of the feed took it in meanwhile
		}
		r.New++
		if row.DocID != "" {
			r.Stored++
		} else {
			r.Failed++
		}
	}
	return Poll{ETag: res.ETag, LastModified: res.LastModified}, nil
}

// takeIn fetches an item's page and ingests it, falling back on the item's
// own content when the page cannot be had and that content is long enough
// to be the article.
func (p *Poller) takeIn(ctx context.Context, f FeedRow, it Item) (string, error) {
	var pageErr error
	if it.URL == "" {
		pageErr = errors.New("the item has no link")
	} else {
		res, err := p.Fetch.Fetch(ctx, it.URL, "", "")
		switch {
		case err != nil:
			pageErr = err
		case res.Status < 200 || res.Status > 299:
			pageErr = fmt.Errorf("HTTP status %d", res.Status)
		case len(res.Body) == 0:
			pageErr = errors.New("the page is empty")
		default:
			pageURL := res.URL
			if pageURL == "" {
				pageURL = it.URL
			}
			return p.Ingest(ctx, it, f, res.Body, pageURL)
		}
	}
	content := it.ContentHTML
	if textLen(it.Summary) > textLen(content) {
		content = it.Summary
	}
	if textLen(content) < MinFallbackText {
		return "", fmt.Errorf("page %s: %v; the feed's own text is too short to stand for it", it.URL, pageErr)
	}
	return p.Ingest(ctx, it, f, []byte(content), it.URL)
}

// textLen counts the characters of s outside markup, entities decoded.
func textLen(s string) int {
	return utf8.RuneCountInString(plainText(s))
}
