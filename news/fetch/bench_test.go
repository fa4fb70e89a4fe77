package fetch

import (
	"strings"
	"testing"
)

// benchPage is a ~50 KB article page with the usual furniture around it.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><title>Long read | Example News</title>
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Long read","datePublished":"2024-02-13T09:30:00Z","publisher":{"name":"Example News"}}</script>
<style>body{font-family:serif}</style></head><body><nav><ul>`)
	for i := range 40 {
		b.WriteString(`<li><a href="/section/` + strings.Repeat("x", i%7) + `">Section link</a></li>`)
	}
	b.WriteString(`</ul></nav><div class="cookie-banner">We use cookies.</div><main><article><h1>Long read</h1>`)
	for b.Len() < 44<<10 {
		b.WriteString("<p>" + strings.Join(articleParagraphs, " ") + "</p>\n")
	}
	b.WriteString(`</article><aside class="related"><ul>`)
	for range 30 {
		b.WriteString(`<li><a href="/r">A related story headline that nobody reads</a></li>`)
	}
	b.WriteString(`</ul></aside></main><footer>All rights reserved</footer></body></html>`)
	return []byte(b.String())
}

func BenchmarkExtractPage(b *testing.B) {
	page := benchPage()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ExtractPage("https://example.com/long", page); err != nil {
			b.Fatal(err)
		}
	}
}
