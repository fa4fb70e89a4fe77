package main

import (
	"context"
	"strings"
	"time"

	"dateline/news"
	"dateline/news/feeds"
	"dateline/news/fetch"
)

// allowPrivateEnv names the variable that lets the fetcher reach loopback,
// private and link-local addresses: for tests and intranets only.
const allowPrivateEnv = "DATELINE_ALLOW_PRIVATE_HOSTS"

// newWebClient is the safe web client of a command (news/fetch: http and
// https only, no private addresses unless allowPrivateEnv=1, robots.txt, one
// request a second per host, size, type and time limits), configured by
// env.web. A run has one: pages, feeds and ingest share its per-host delay.
func newWebClient(env *environment) *fetch.Client {
	if env.client == nil {
		env.client = fetch.New(env.web)
	}
	return env.client
}

// feedFetcher gives the feed poller the web client.
type feedFetcher struct{ c *fetch.Client }

func (f feedFetcher) Fetch(ctx context.Context, url, etag, lastModified string) (feeds.FetchResult, error) {
	r, err := f.c.Get(ctx, fetch.Request{URL: url, ETag: etag, LastModified: lastModified})
	if err != nil {
		return feeds.FetchResult{}, err
	}
	return feeds.FetchResult{URL: r.URL, Status: r.Status, NotModified: r.NotModified, ContentType: r.ContentType,
		Body: r.Body, ETag: r.ETag, LastModified: r.LastModified}, nil
}

// pageFetcher reads an article page for `dateline ingest URL`: the body by
// readability, the title, date, outlet and language from the page's
// metadata; plain text is taken as it is.
type pageFetcher struct{ c *fetch.Client }

func (p pageFetcher) FetchArticle(ctx context.Context, url string) (title, published, outlet, language, text string, err error) {
	r, err := p.c.Get(ctx, fetch.Request{URL: url, Accept: fetch.HTML | fetch.Text})
	if err != nil {
		return "", "", "", "", "", err
	}
	if strings.HasPrefix(r.ContentType, "text/plain") {
		return "", "", "", "", string(r.Body), nil
	}
	pg, err := fetch.ExtractPage(r.URL, r.Body)
	if err != nil {
		return "", "", "", "", "", err
	}
	published = pg.PublishedRaw
	if !pg.Published.IsZero() {
		published = pg.Published.Format(time.RFC3339)
	}
	return pg.Title, published, pg.Outlet, pg.Language, pg.Text, nil
}

// FetchPage is FetchArticle for the server (POST /api/documents {"url"}):
// the page as a record, its URL the final one after redirects.
func (p pageFetcher) FetchPage(ctx context.Context, url string) (news.Record, error) {
	r, err := p.c.Get(ctx, fetch.Request{URL: url, Accept: fetch.HTML | fetch.Text})
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
	rec := news.Record{URL: r.URL, Title: pg.Title, Published: pg.PublishedRaw,
		Outlet: pg.Outlet, Language: pg.Language, Text: pg.Text}
	if pg.Canonical != "" {
		rec.URL = pg.Canonical
	}
	if !pg.Published.IsZero() {
		rec.Published = pg.Published.Format(time.RFC3339)
	}
	return rec, nil
}
