package fetch

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// maxFuzzPage bounds fuzzed pages: larger inputs only slow the fuzzer down.
const maxFuzzPage = 64 << 10

func FuzzExtractPage(f *testing.F) {
	f.Add([]byte(semanticPage(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2024-02-13","publisher":{"name":"P"}}</script>`)))
	f.Add([]byte(divPage()))
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@id":"a","name":"x"},{"@type":["Article"],"publisher":{"@id":"a"},"author":[[["deep"]]]}]}</script>`))
	f.Add([]byte("<html><head><meta charset=koi8-r><title>\xf0\xd2\xc9\xd7\xc5\xd4</title></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body></html>"))
	f.Add([]byte(""))
	f.Add([]byte("<"))
	f.Add([]byte("<svg><title>x</title></svg><table><tr><td><p>cell"))
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > maxFuzzPage {
			return
		}
		p, err := ExtractPage("https://example.com/a/b", body)
		if err == nil && p.Text == "" {
			t.Error("no error and no text")
		}
		for name, s := range map[string]string{"Title": p.Title, "Text": p.Text, "Outlet": p.Outlet, "Author": p.Author} {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not UTF-8: %q", name, s)
			}
		}
		if strings.Contains(p.Text, "\n\n\n") {
			t.Errorf("Text has more than one blank line between paragraphs: %q", p.Text)
		}
	})
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?utm_source=x&b=2&a=1#f",
		"HTTP://EXAMPLE.com:80/",
		"http://[::1]:8080/a/",
		"https://user@example.com./%41?&&x",
		"http://a/b/../c",
		"https://example.com/a;b?c=%zz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := CanonicalURL(raw)
		if err != nil {
			return
		}
		again, err := CanonicalURL(c)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which it then rejects: %v", raw, c, err)
		}
		if again != c {
			t.Errorf("not idempotent: %q -> %q -> %q", raw, c, again)
		}
		if strings.Contains(c, "#") {
			t.Errorf("%q kept a fragment", c)
		}
	})
}
