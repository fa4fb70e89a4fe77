package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// newsSite is an outlet on the loopback interface: an RSS feed at
// /feed.xml whose items link to article pages under /articles/.
type newsSite struct {
	*httptest.Server
	mu     sync.Mutex
	status int // of the feed, when not 200
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

var feedArticles = map[string]struct{ title, body string }{
	"convoy": {"Red Cross convoy reaches Stepanakert",
		"<p>STEPANAKERT — A convoy of the International Committee of the Red Cross crossed the Hakari bridge on Monday and reached Stepanakert, the first since the Lachin corridor was closed.</p>" +
			"<p>The trucks carried flour, medicine and baby food, local officials said.</p>"},
	"checkpoint": {"Checkpoint on the Lachin road",
		"<p>Azerbaijan set up a checkpoint at the Hakari bridge on the road between Lachin and Goris, the foreign ministry in Baku said on Sunday.</p>"},
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/feed.xml":
		s.mu.Lock()
		status := s.status
		s.mu.Unlock()
		if status != 0 {
			http.Error(w, "down", status)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test outlet</title><link>/</link>`)
		for _, id := range []string{"convoy", "checkpoint"} {
			fmt.Fprintf(w, `<item><title>%s</title><link>/articles/%s</link><guid isPermaLink="false">%s</guid><pubDate>Mon, 18 Sep 2023 10:00:00 GMT</pubDate></item>`,
				feedArticles[id].title, id, id)
		}
		fmt.Fprint(w, `</channel></rss>`)
	case strings.HasPrefix(r.URL.Path, "/articles/"):
		a, ok := feedArticles[strings.TrimPrefix(r.URL.Path, "/articles/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>", a.title, a.title, a.body)
	default:
		http.NotFound(w, r)
	}
}

func wantOneLine(t *testing.T, r result, code int, contains string) {
	t.Helper()
	msg := strings.TrimSpace(r.stderr)
	if r.code != code || strings.Contains(msg, "\n") || !strings.Contains(msg, contains) || !strings.HasPrefix(msg, "dateline: ") {
		t.Fatalf("want exit %d and one line containing %q, got %d %q", code, contains, r.code, r.stderr)
	}
}

func TestFeedsAddListPollRemove(t *testing.T) {
	db := seededDB(t)
	site := newNewsSite(t)
	feedURL := site.URL + "/feed.xml"

	r := runCLI(t, "feeds", "add", feedURL, "--every", "30m", "--outlet", "trend", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "as feed 127-0-0-1, every 30m") {
		t.Fatalf("add: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	wantOneLine(t, runCLI(t, "feeds", "add", feedURL, "--db", db), 1, "followed already as feed \"127-0-0-1\"")

	r = runCLI(t, "feeds", "list", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "LAST SUCCESS") || !strings.Contains(r.stdout, "127-0-0-1") ||
		!strings.Contains(r.stdout, feedURL) || !strings.Contains(r.stdout, "never") {
		t.Fatalf("list before polling: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = runCLIEnv(t, loopbackEnv, "", "feeds", "poll", "--db", db)
	if r.code != 0 || strings.TrimSpace(r.stdout) != "polled 1 feeds (0 failed): 2 new items, 2 stored, 0 failed" {
		t.Fatalf("poll: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLIEnv(t, loopbackEnv, "", "feeds", "poll", "127-0-0-1", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, ": 0 new items") {
		t.Fatalf("second poll: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	docs, err := openNews(t, db).Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, d := range docs {
		if strings.HasPrefix(d.ID, "127-0-0-1-") {
			found[d.Title] = true
			if !strings.HasPrefix(d.URL, site.URL+"/articles/") || !strings.HasPrefix(d.Published, "2023-09-18") || d.Outlet != "trend" {
				t.Errorf("document from the feed: %+v", d)
			}
		}
	}
	if len(found) != 2 || !found["Red Cross convoy reaches Stepanakert"] {
		t.Errorf("documents from the feed: %v", found)
	}

	r = runCLI(t, "feeds", "list", "--json", "--db", db)
	var list []struct {
		ID           string `json:"id"`
		URL          string `json:"url"`
		EverySeconds int    `json:"every_seconds"`
		ItemsSeen    int    `json:"items_seen"`
		ItemsStored  int    `json:"items_stored"`
		LastError    string `json:"last_error"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
		t.Fatalf("list --json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	if len(list) != 1 || list[0].EverySeconds != 1800 || list[0].ItemsSeen != 2 || list[0].ItemsStored != 2 || list[0].LastError != "" {
		t.Errorf("list --json = %+v", list)
	}

	site.mu.Lock()
	site.status = http.StatusInternalServerError
	site.mu.Unlock()
	wantOneLine(t, runCLIEnv(t, loopbackEnv, "", "feeds", "poll", "--db", db), 1, "1 of 1 feeds failed: 127-0-0-1")
	r = runCLI(t, "feeds", "list", "--db", db)
	if !strings.Contains(r.stdout, "status 500") {
		t.Errorf("list does not show the last error:\n%s", r.stdout)
	}

	r = runCLI(t, "feeds", "rm", "127-0-0-1", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "stopped following feed 127-0-0-1") {
		t.Fatalf("rm: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	wantOneLine(t, runCLI(t, "feeds", "rm", "127-0-0-1", "--db", db), 1, "no feed \"127-0-0-1\"")
	wantOneLine(t, runCLIEnv(t, loopbackEnv, "", "feeds", "poll", "127-0-0-1", "--db", db), 1, "no feed \"127-0-0-1\"")
	if r := runCLI(t, "feeds", "list", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "no feeds") {
		t.Errorf("list after rm: %q", r.stdout)
	}
}

func TestFeedsUsageErrors(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		contains string
	}{
		{"no subcommand", []string{"feeds"}, "want add, list, rm or poll"},
		{"unknown subcommand", []string{"feeds", "frob"}, "unknown command"},
		{"add without url", []string{"feeds", "add"}, "want one feed URL"},
		{"every too short", []string{"feeds", "add", "https://example.com/feed", "--every", "10s"}, "--every"},
		{"every too long", []string{"feeds", "add", "https://example.com/feed", "--every", "200h"}, "--every"},
		{"every not a duration", []string{"feeds", "add", "https://example.com/feed", "--every", "often"}, "every"},
		{"relative url", []string{"feeds", "add", "/feed.xml"}, "url"},
		{"ftp url", []string{"feeds", "add", "ftp://example.com/feed"}, "url"},
		{"unknown outlet", []string{"feeds", "add", "https://example.com/feed", "--outlet", "nosuch"}, "--outlet"},
		{"list with argument", []string{"feeds", "list", "x"}, "unexpected argument"},
		{"rm without id", []string{"feeds", "rm"}, "want one feed id"},
		{"poll with two ids", []string{"feeds", "poll", "a", "b"}, "at most one"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, append(c.args, "--db", t.TempDir()+"/x.gpkg")...)
			last := strings.TrimSpace(r.stderr)
			if i := strings.LastIndex(last, "\n"); i >= 0 {
				last = last[i+1:]
			}
			if r.code != 2 || !strings.HasPrefix(last, "dateline: ") || !strings.Contains(last, c.contains) {
				t.Fatalf("want exit 2 and an error containing %q, got %d %q", c.contains, r.code, r.stderr)
			}
		})
	}
}
