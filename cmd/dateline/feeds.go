package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"dateline/news"
	"dateline/news/feeds"
	"dateline/news/fetch"
)

const feedsUsage = `usage:
  dateline feeds add URL [--every 15m] [--outlet ID]   follow a feed (RSS, Atom or JSON Feed)
  dateline feeds list [--json]                         the feeds followed and how their polls went
  dateline feeds rm ID                                 stop following a feed
  dateline feeds poll [ID]                             poll every feed (or one) now, store new articles`

func cmdFeeds(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(env.stderr, feedsUsage)
		return usagef("feeds: want add, list, rm or poll")
	}
	switch args[0] {
	case "add":
		return cmdFeedsAdd(ctx, env, args[1:])
	case "list", "ls":
		return cmdFeedsList(ctx, env, args[1:])
	case "rm", "remove":
		return cmdFeedsRemove(ctx, env, args[1:])
	case "poll":
		return cmdFeedsPoll(ctx, env, args[1:])
	default:
		fmt.Fprintln(env.stderr, feedsUsage)
		return usagef("feeds: unknown command %q", args[0])
	}
}

func cmdFeedsAdd(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("feeds add", env, &cfg)
	every := fs.Duration("every", feeds.DefaultEvery, "how often to poll the feed (1m to 168h)")
	outlet := fs.String("outlet", "", "the registry id of the outlet that publishes the feed")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds add: want one feed URL")
	}
	// Mistakes in the command line are usage errors, found before the database is opened.
	if _, err := feeds.ValidateURL(pos[0]); err != nil {
		return usagef("feeds add: %s", strings.TrimPrefix(err.Error(), "feeds: "))
	}
	if _, err := feeds.ValidateEvery(*every); err != nil || *every == 0 {
		return usagef("feeds add: --every: %s is not between %s and 168h", *every, feeds.MinEvery)
	}
	if *outlet != "" {
		outlets, err := loadOutlets()
		if err != nil {
			return err
		}
		if _, ok := outlets.ByID(*outlet); !ok {
			return usagef("feeds add: --outlet: %q is not an outlet of the registry (seeds/outlets.json)", *outlet)
		}
	}
	st, err := openStores(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.close()
	f, err := st.feeds.Add(ctx, pos[0], *every, *outlet)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "following %s as feed %s, every %s\n", f.URL, f.ID, shortDuration(f.Every))
	return nil
}

func cmdFeedsList(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("feeds list", env, &cfg)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("feeds list: unexpected argument %q", pos[0])
	}
	st, err := openStores(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.close()
	list, err := st.feeds.List(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.stdout, "no feeds; add one with `dateline feeds add URL`")
		return nil
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tURL\tEVERY\tLAST SUCCESS\tLAST ERROR\tSEEN\tSTORED")
	for _, f := range list {
		success := "never"
		if !f.LastSuccess.IsZero() {
			success = f.LastSuccess.Format(time.RFC3339)
		}
		lastErr := "-"
		if f.LastError != "" {
			lastErr = clipText(oneLine(f.LastError), 60)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", f.ID, f.URL, shortDuration(f.Every), success, lastErr,
			f.ItemsSeen, f.ItemsStored)
	}
	return tw.Flush()
}

func cmdFeedsRemove(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("feeds rm", env, &cfg)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds rm: want one feed id (see `dateline feeds list`)")
	}
	st, err := openStores(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer st.close()
	if err := st.feeds.Remove(ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "stopped following feed %s\n", pos[0])
	return nil
}

func cmdFeedsPoll(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("feeds poll", env, &cfg)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("feeds poll: want at most one feed id")
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	// The summary and the error say what failed; `feeds list` has the rest.
	poller, err := p.poller(env, nil)
	if err != nil {
		return err
	}
	var results []feeds.Result
	if len(pos) == 1 {
		r, err := poller.PollOne(ctx, pos[0])
		if errors.Is(err, feeds.ErrNotFound) {
			return err
		}
		results = []feeds.Result{r}
	} else if results, err = poller.PollAll(ctx); err != nil {
		return err
	}
	sum := feeds.Summarise(results)
	fmt.Fprintln(env.stdout, sum)
	if sum.FeedsFailed > 0 {
		var failed []string
		for _, r := range results {
			if r.Err != nil {
				failed = append(failed, r.Feed+": "+r.Err.Error())
			}
		}
		return fmt.Errorf("feeds poll: %d of %d feeds failed: %s", sum.FeedsFailed, sum.Feeds, strings.Join(failed, "; "))
	}
	return nil
}

// poller wires the feed poller to the article pipeline, fetching over
// plain net/http.
func (p *pipeline) poller(env *environment, log io.Writer) (*feeds.Poller, error) {
	outlets, err := loadOutlets()
	if err != nil {
		return nil, err
	}
	fi := &feedIngester{in: p.in, outlets: outlets}
	return &feeds.Poller{Store: p.feeds, Fetch: feedFetcher{newWebClient(env)}, Ingest: fi.Ingest, Log: log}, nil
}

// feedIngester stores feed items through the article pipeline: the page
// is read as any article is, what the feed says of the item (title, date,
// URL) fills what the page leaves out, and the feed's outlet is the
// article's when the page names none.
type feedIngester struct {
	in      *news.Ingester
	outlets *news.Outlets
	// saves lets one item at a time be stored (its page is read and
	// analysed outside it): the poller's workers would otherwise queue on
	// SQLite's busy timeout, and some fail with "database is locked".
	saves sync.Mutex
}

// Ingest stores an item's page and returns the document's id.
func (fi *feedIngester) Ingest(ctx context.Context, item feeds.Item, f feeds.FeedRow, page []byte, pageURL string) (string, error) {
	var err error
	sum := sha256.Sum256([]byte(item.ID))
	name := f.ID + "-" + hex.EncodeToString(sum[:6])
	meta := news.Meta{URL: pageURL, Title: item.Title, Source: "feed " + f.URL}
	if !item.Published.IsZero() {
		meta.Published = item.Published.Format("2006-01-02")
	}
	raw := feedPage(page, meta)
	if isDocument(page) {
		// A whole page is read as `ingest URL` reads one: the article by
		// readability, without the navigation, banners and share boxes
		// around it; the page's own title and date before the feed's.
		if rec, ok := extractedRecord(pageURL, page, meta); ok {
			if raw, err = rec.Raw(); err != nil {
				return "", err
			}
		}
	}
	// The ingester's own metadata is for the seed files; this item's stands
	// in for it, on a copy.
	in := *fi.in
	in.Meta = map[string]news.Meta{name: meta}
	a, err := in.Read(name, raw, false)
	if err != nil {
		return "", err
	}
	if a.Outlet == nil && f.Outlet != "" {
		if o, ok := fi.outlets.ByID(f.Outlet); ok {
			a.Outlet, a.OutletName = o, o.Name
		}
	}
	if id, dup, err := in.Store.HasHash(ctx, a.Hash); err != nil {
		return "", err
	} else if dup {
		return id, nil
	}
	p := in.Analyse(a)
	fi.saves.Lock()
	defer fi.saves.Unlock()
	if _, err := in.Store.Save(ctx, p, in.Geoparser()); err != nil {
		return "", err
	}
	return a.ID, nil
}

// isDocument reports whether page is a whole HTML document, not a fragment or text.
func isDocument(page []byte) bool {
	s := strings.TrimSpace(string(page[:min(len(page), 1024)]))
	lower := strings.ToLower(s[:min(len(s), 512)])
	return strings.HasPrefix(s, "<") && (strings.Contains(lower, "<html") || strings.Contains(lower, "<!doctype"))
}

// extractedRecord is the article fetch.ExtractPage finds on a page, with
// what the feed says (m) filling what the page leaves out; false when the
// page has no article text that readability can find.
func extractedRecord(pageURL string, page []byte, m news.Meta) (news.Record, bool) {
	pg, err := fetch.ExtractPage(pageURL, page)
	if err != nil || strings.TrimSpace(pg.Text) == "" {
		return news.Record{}, false
	}
	rec := news.Record{URL: pageURL, Title: pg.Title, Published: pg.PublishedRaw, Outlet: pg.Outlet,
		Language: pg.Language, Text: pg.Text}
	if !pg.Published.IsZero() {
		rec.Published = pg.Published.Format(time.RFC3339)
	}
	if rec.Title == "" {
		rec.Title = m.Title
	}
	if rec.Published == "" {
		rec.Published = m.Published
	}
	return rec, true
}

// feedPage makes a page something the article reader takes: HTML as it
// is (its head may say more than the feed), an HTML fragment inside a
// document, and plain text under "Title:", "Published:" and "URL:" header lines.
func feedPage(page []byte, m news.Meta) []byte {
	s := strings.TrimSpace(string(page))
	switch {
	case strings.HasPrefix(s, "<"):
		if lower := strings.ToLower(s[:min(len(s), 512)]); !strings.Contains(lower, "<html") && !strings.Contains(lower, "<!doctype") {
			return []byte("<html><body>\n" + s + "\n</body></html>\n")
		}
		return page
	case strings.Contains(s, "</") || strings.Contains(s, "<br"):
		return []byte("<html><body>\n<p>" + s + "</p>\n</body></html>\n")
	}
	var b strings.Builder
	if m.Title != "" {
		b.WriteString("Title: " + oneLine(m.Title) + "\n")
	}
	if m.Published != "" {
		b.WriteString("Published: " + m.Published + "\n")
	}
	if m.URL != "" {
		b.WriteString("URL: " + m.URL + "\n")
	}
	b.WriteString("\n" + s + "\n")
	return []byte(b.String())
}

// shortDuration writes 15m rather than 15m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
