package feeds

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no document makes Parse panic, and that what it
// accepts keeps the promises of Feed: capped, valid UTF-8, absolute http(s)
// links.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "rdf.xml", "atom.xml", "jsonfeed.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte(`<rss><channel><item><link>../x</link><pubDate>Mon, 1 Jan 2024 00:00 UT</pubDate></item></channel></rss>`), "application/rss+xml")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"url":"//h/x"}]}`), "application/json")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := Parse(body, contentType, "https://example.com/feeds/main.xml")
		if err != nil {
			return
		}
		if len(feed.Items) > MaxItems {
			t.Fatalf("%d items", len(feed.Items))
		}
		for _, s := range []string{feed.Title, feed.Link, feed.Language} {
			if len(s) > maxShort {
				t.Fatalf("feed field of %d bytes", len(s))
			}
		}
		for _, it := range feed.Items {
			for _, s := range []string{it.ID, it.URL, it.Title, it.Author, it.Summary, it.ContentHTML} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
			if len(it.Summary) > maxLong || len(it.ContentHTML) > maxLong || len(it.Title) > maxShort {
				t.Fatalf("uncapped field")
			}
			if it.URL != "" {
				u, err := url.Parse(it.URL)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					t.Fatalf("item URL %q is not absolute http(s)", it.URL)
				}
			}
		}
	})
}
