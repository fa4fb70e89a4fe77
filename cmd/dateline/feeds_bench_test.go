package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/news/feeds"
	"dateline/news/fetch"
)

var (
	benchFeeds = flag.Int("feeds.hosts", 200, "feeds (each on its own loopback address) BenchmarkFeedsPoll polls")
	benchItems = flag.Int("feeds.items", 20, "new items in each feed of BenchmarkFeedsPoll")
)

// lockedBuffer collects the poller's log lines from its many workers.
type lockedBuffer struct {
	mu    sync.Mutex
	lines []string
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, string(p))
	return len(p), nil
}

func (l *lockedBuffer) head(n int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines[:min(n, len(l.lines))], "")
}

// feedHost is one outlet of the benchmark on its own loopback address: a
// feed of new items, each an article page, and the arrival time of every
// request, to check the client's politeness from the server's side.
type feedHost struct {
	srv   *http.Server
	url   string
	mu    sync.Mutex
	times []time.Time
}

func (h *feedHost) minGap() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	gap := time.Duration(-1)
	for i := 1; i < len(h.times); i++ {
		if d := h.times[i].Sub(h.times[i-1]); gap < 0 || d < gap {
			gap = d
		}
	}
	return gap
}

// startFeedHost serves feed n on 127.0.0.(n+2): /feed.xml lists items
// /a/0 … /a/items-1, 5 KB articles made from the seed articles, each
// different.
func startFeedHost(b *testing.B, n, items int, paras []string) *feedHost {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", n+2))
	if err != nil {
		b.Fatal(err)
	}
	h := &feedHost{url: "http://" + ln.Addr().String()}
	h.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.times = append(h.times, time.Now())
		h.mu.Unlock()
		switch {
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet %d</title><link>%s/</link>`, n, h.url)
			for i := range items {
				fmt.Fprintf(w, `<item><title>Report %d-%d</title><link>%s/a/%d</link><guid>%d-%d</guid><pubDate>Sun, 15 Jan 2023 09:00:00 GMT</pubDate></item>`,
					n, i, h.url, i, n, i)
			}
			fmt.Fprint(w, `</channel></rss>`)
		case strings.HasPrefix(r.URL.Path, "/a/"):
			var i int
			if _, err := fmt.Sscanf(r.URL.Path, "/a/%d", &i); err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Report %d-%d</title>`+
				`<meta property="article:published_time" content="2023-01-15T09:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Report %d-%d</h1>`, n, i, n, i)
			for _, p := range strings.Split(syntheticArticle(paras, n*items+i, 5000), "\n\n") {
				if p = strings.TrimSpace(p); p != "" {
					fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
				}
			}
			fmt.Fprint(w, `</article></body></html>`)
		default:
			http.NotFound(w, r) // robots.txt: everything may be fetched
		}
	})}
	go h.srv.Serve(ln)
	return h
}

// BenchmarkFeedsPoll polls 200 feeds of 20 new items each, every feed on
// its own loopback address (127.0.0.2 … 127.0.0.201), through the real web
// client (loopback allowed, the default one request a second per host) and
// the real article pipeline into a seeded GeoPackage. It reports the wall
// time of the whole poll, the items stored, and the least gap between two
// requests any host saw, which must be at least the one-second politeness.
//
//	go test ./cmd/dateline -run '^$' -bench FeedsPoll -benchtime 1x
func BenchmarkFeedsPoll(b *testing.B) {
	paras := seedParagraphs(b)
	ctx := context.Background()
	var stored int
	var seconds float64
	minGap := time.Duration(-1)
	for b.Loop() {
		b.StopTimer()
		hosts := make([]*feedHost, *benchFeeds)
		for n := range hosts {
			hosts[n] = startFeedHost(b, n, *benchItems, paras)
		}
		p, err := openPipeline(ctx, seededDB(&testing.T{}), io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range hosts {
			if _, err := p.feeds.Add(ctx, h.url+"/feed.xml", time.Hour, ""); err != nil {
				b.Fatal(err)
			}
		}
		env := &environment{getenv: noEnv, web: fetch.Options{AllowPrivate: true}}
		var log lockedBuffer
		poller, err := p.poller(env, &log)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		results, err := poller.PollAll(ctx)
		seconds += time.Since(start).Seconds()
		b.StopTimer()
		sum := feeds.Summarise(results)
		p.close()
		for _, h := range hosts {
			h.srv.Close()
			if g := h.minGap(); minGap < 0 || g < minGap {
				minGap = g
			}
		}
		want := *benchFeeds * *benchItems
		if err != nil || sum.FeedsFailed > 0 || sum.Stored != want {
			var why []string
			for _, r := range results {
				if r.Err != nil && len(why) < 5 {
					why = append(why, r.Feed+": "+r.Err.Error())
				}
			}
			b.Fatalf("%s; want %d stored: %v %s\n%s", sum, want, err, strings.Join(why, "; "), log.head(20))
		}
		stored = sum.Stored
		b.StartTimer()
	}
	if minGap < fetch.DefaultHostDelay {
		b.Errorf("a host saw two requests %s apart, less than the politeness delay %s", minGap, fetch.DefaultHostDelay)
	}
	b.ReportMetric(seconds/float64(b.N), "s/poll")
	b.ReportMetric(float64(stored), "items-stored")
	b.ReportMetric(float64(stored)/(seconds/float64(b.N)), "items/s")
	b.ReportMetric(minGap.Seconds(), "min-gap-s")
}
