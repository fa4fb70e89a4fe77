package fetch

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// articleParagraphs are the body of the test article.
var articleParagraphs = []string{
	"Heavy fighting broke out on Tuesday near the town of Avdiivka, local officials said, as troops tried to push forward along the main supply road after weeks of shelling.",
	"The regional governor told reporters that at least twelve civilians had been evacuated from the outskirts overnight, and that water and power supplies remained cut across most districts.",
	"Aid agencies warned that the approaching winter would make conditions worse for the several thousand residents who have refused to leave, many of them elderly people living in basements.",
	"Talks between the two sides, mediated in Istanbul last month, have made no progress, and neither government has said when negotiators might meet again to discuss a ceasefire.",
}

// boilerplate is page furniture that must not reach Page.Text.
var boilerplate = []string{
	"Home", "World news", "Sport section",
	"We use cookies to improve your experience",
	"Share on Facebook", "Share on Twitter",
	"Related stories", "Ten things to know about winter tyres",
	"Subscribe to our newsletter",
	"All rights reserved",
	"Most read today",
}

func articleBody() string {
	var b strings.Builder
	for _, p := range articleParagraphs {
		b.WriteString("<p>" + p + "</p>\n")
	}
	return b.String()
}

// semanticPage uses nav, aside and footer elements for its furniture.
func semanticPage(head string) string {
	return `<!DOCTYPE html><html lang="en-GB"><head>` + head + `</head><body>
<header><a href="/">Home</a></header>
<nav><ul><li><a href="/world">World news</a></li><li><a href="/sport">Sport section</a></li></ul></nav>
<div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article>
<h1>Fighting flares near Avdiivka</h1>
<div class="share-box"><a href="https://facebook.com/share">Share on Facebook</a> <a href="https://twitter.com/share">Share on Twitter</a></div>
` + articleBody() + `
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ten things to know about winter tyres</a></li></ul></aside>
</article></main>
<aside><h3>Most read today</h3><a href="/b">Celebrity gossip</a></aside>
<footer><p>Subscribe to our newsletter</p><p>© 2024 Example News. All rights reserved.</p></footer>
</body></html>`
}

// divPage has only divs with telling class names, and furniture inside the
// article's own container.
func divPage() string {
	return `<html><head><title>Fighting flares near Avdiivka - Example News</title>
<meta property="og:site_name" content="Example News"></head><body>
<div class="menu"><a href="/">Home</a> | <a href="/world">World news</a> | <a href="/sport">Sport section</a></div>
<div class="consent-popup"><p>We use cookies to improve your experience. By continuing you agree.</p></div>
<div class="content"><div class="story-body">
<h1>Fighting flares near Avdiivka</h1>
<div class="social-share"><span>Share on Facebook</span><span>Share on Twitter</span></div>
` + articleBody() + `
<p>Share on Facebook</p>
<div class="related-links"><p>Related stories</p><a href="/a">Ten things to know about winter tyres</a></div>
<p>Subscribe to our newsletter</p>
</div></div>
<div class="sidebar"><p>Most read today</p><a href="/b">Celebrity gossip</a></div>
<div class="copyright"><p>All rights reserved</p></div>
</body></html>`
}

func TestExtractPageText(t *testing.T) {
	tests := []struct{ name, html string }{
		{"semantic markup", semanticPage("<title>Fighting flares near Avdiivka | Example News</title>")},
		{"divs with class names", divPage()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ExtractPage("https://example.com/news/1", []byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Join(articleParagraphs, "\n\n"); p.Text != want {
				t.Errorf("Text =\n%s\nwant the four paragraphs, blank-line separated:\n%s", p.Text, want)
			}
			for _, b := range boilerplate {
				if strings.Contains(p.Text, b) {
					t.Errorf("Text contains boilerplate %q", b)
				}
			}
			if p.Title != "Fighting flares near Avdiivka" {
				t.Errorf("Title = %q", p.Title)
			}
		})
	}
}

func TestExtractPageMetadata(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name string
		head string
		lang string // the <html lang> of the page
		want Page
	}{
		{
			name: "JSON-LD NewsArticle",
			head: `<title>Something else | Whatever</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Fighting flares near Avdiivka","datePublished":"2024-02-13T09:30:00+02:00",
 "inLanguage":"en-GB","publisher":{"@type":"Organization","name":"Example News"},
 "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}]}</script>
<meta property="og:title" content="OG title loses"><meta property="og:site_name" content="OG Outlet">
<meta property="article:published_time" content="2020-01-01T00:00:00Z">`,
			want: Page{Title: "Fighting flares near Avdiivka", Outlet: "Example News", Language: "en",
				Author: "Jane Roe, John Doe", Published: utc("2024-02-13T09:30:00+02:00"), PublishedRaw: "2024-02-13T09:30:00+02:00"},
		},
		{
			name: "JSON-LD @graph with an @id publisher",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","@id":"https://example.com/#org","name":"Graph Gazette"},
 {"@type":"WebPage","@id":"https://example.com/news/1","name":"Not the article"},
 {"@type":["ReportageNewsArticle"],"headline":"Fighting flares near Avdiivka","datePublished":"2024-02-13",
  "publisher":{"@id":"https://example.com/#org"},"inLanguage":"uk","author":"Olena Petrenko"}]}</script>`,
			want: Page{Title: "Fighting flares near Avdiivka", Outlet: "Graph Gazette", Language: "uk",
				Author: "Olena Petrenko", Published: utc("2024-02-13T00:00:00Z"), PublishedRaw: "2024-02-13"},
		},
		{
			name: "JSON-LD array, broken block skipped",
			head: `<script type="application/ld+json">{not json</script>
<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","headline":"Array headline",
 "datePublished":"2023-11-05T12:00:00Z","publisher":"Array Times"}]</script>`,
			want: Page{Title: "Array headline", Outlet: "Array Times", Language: "en",
				Published: utc("2023-11-05T12:00:00Z"), PublishedRaw: "2023-11-05T12:00:00Z"},
		},
		{
			name: "OpenGraph only",
			head: `<title>Fighting flares near Avdiivka | OG News</title>
<meta property="og:title" content="Fighting flares near Avdiivka | OG News">
<meta property="og:site_name" content="OG News"><meta property="og:locale" content="ru_RU">
<meta property="og:url" content="https://example.com/og/1">
<meta property="article:published_time" content="2024-03-01T08:00:00Z">`,
			want: Page{Title: "Fighting flares near Avdiivka", Outlet: "OG News", Language: "ru",
				Canonical: "https://example.com/og/1", Published: utc("2024-03-01T08:00:00Z"), PublishedRaw: "2024-03-01T08:00:00Z"},
		},
		{
			name: "meta names only",
			lang: "de",
			head: `<title>Kämpfe bei Awdijiwka – Meta Zeitung</title>
<meta name="application-name" content="Meta Zeitung">
<meta name="DC.date" content="2024-04-02"><meta name="author" content="Max Mustermann">
<meta name="language" content="fr"><link rel="canonical" href="/meta/1?x=1">`,
			want: Page{Title: "Kämpfe bei Awdijiwka", Outlet: "Meta Zeitung", Language: "fr", Author: "Max Mustermann",
				Canonical: "https://example.com/meta/1?x=1", Published: utc("2024-04-02T00:00:00Z"), PublishedRaw: "2024-04-02"},
		},
		{
			name: "citation and pubdate forms",
			head: `<meta name="pubdate" content="not a date"><meta name="citation_publication_date" content="2024/05/06">`,
			want: Page{Title: "Fighting flares near Avdiivka", Language: "en", Published: utc("2024-05-06T00:00:00Z"), PublishedRaw: "2024/05/06"},
		},
		{
			name: "an unparseable date is kept raw",
			head: `<meta name="date" content="the fifth of May">`,
			want: Page{Title: "Fighting flares near Avdiivka", Language: "en", PublishedRaw: "the fifth of May"},
		},
		{
			name: "html lang and title only",
			lang: "es-ES",
			head: `<title>Combates cerca de Avdiivka</title>`,
			want: Page{Title: "Combates cerca de Avdiivka", Language: "es"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := semanticPage(tt.head)
			if tt.lang != "" {
				page = strings.Replace(page, `lang="en-GB"`, `lang="`+tt.lang+`"`, 1)
			}
			got, err := ExtractPage("https://example.com/news/1", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			tt.want.URL = "https://example.com/news/1"
			got.Text = ""
			if !got.Published.Equal(tt.want.Published) {
				t.Errorf("Published = %v, want %v", got.Published, tt.want.Published)
			}
			got.Published, tt.want.Published = time.Time{}, time.Time{}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestExtractPageCharsets(t *testing.T) {
	const para = "Москва. Во вторник в центре города прошёл митинг, в котором, по данным полиции, приняли участие около двух тысяч человек. Участники требовали отставки мэра и проведения досрочных выборов. "
	page := `<html lang="ru"><head><meta charset="%s"><title>Митинг в Москве</title></head><body><article><h1>Митинг в Москве</h1>` +
		strings.Repeat("<p>"+para+"</p>", 4) + `</article></body></html>`
	tests := []struct {
		name    string
		charset string
		enc     *charmap.Charmap
	}{
		{"windows-1251", "windows-1251", charmap.Windows1251},
		{"KOI8-R", "koi8-r", charmap.KOI8R},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := tt.enc.NewEncoder().Bytes([]byte(strings.Replace(page, "%s", tt.charset, 1)))
			if err != nil {
				t.Fatal(err)
			}
			p, err := ExtractPage("https://example.ru/1", raw)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != "Митинг в Москве" || !strings.Contains(p.Text, "приняли участие около двух тысяч человек") || p.Language != "ru" {
				t.Errorf("Title %q, Language %q, Text %q", p.Title, p.Language, p.Text)
			}
		})
	}
}

func TestExtractPageNoText(t *testing.T) {
	p, err := ExtractPage("https://example.com/empty", []byte(`<html><head><title>Empty | Site</title><meta property="og:site_name" content="Site"></head><body><nav>Home</nav></body></html>`))
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("err = %v, want ErrNoText", err)
	}
	if p.Title != "Empty" || p.Outlet != "Site" {
		t.Errorf("metadata lost: %+v", p)
	}
	if _, err := ExtractPage("http://[::1", nil); !errors.Is(err, ErrInvalidURL) {
		t.Errorf("bad URL: err = %v", err)
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ title, outlet, want string }{
		{"Headline | Outlet", "Outlet", "Headline"},
		{"Headline - Outlet", "outlet", "Headline"},
		{"Headline — The Outlet", "The Outlet", "Headline"},
		{"Outlet | Headline", "Outlet", "Headline"},
		{"Headline - Other", "Outlet", "Headline - Other"},
		{"Headline | Outlet", "", "Headline | Outlet"},
		{"Outlet", "Outlet", "Outlet"},
		{"  Spaced   headline  |  Outlet ", "Outlet", "Spaced headline"},
		{"A - B - Outlet", "Outlet", "A - B"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.title, tt.outlet); got != tt.want {
			t.Errorf("cleanTitle(%q, %q) = %q, want %q", tt.title, tt.outlet, got, tt.want)
		}
	}
}

func TestPickDate(t *testing.T) {
	tests := []struct {
		in   []string
		want string // RFC 3339, "" = zero
		raw  string
	}{
		{[]string{"2024-02-13T09:30:00+02:00"}, "2024-02-13T09:30:00+02:00", "2024-02-13T09:30:00+02:00"},
		{[]string{"2024-02-13T09:30:00.123Z"}, "2024-02-13T09:30:00.123Z", "2024-02-13T09:30:00.123Z"},
		{[]string{"2024-02-13T09:30:00+0200"}, "2024-02-13T09:30:00+02:00", "2024-02-13T09:30:00+0200"},
		{[]string{"2024-02-13 09:30:00"}, "2024-02-13T09:30:00Z", "2024-02-13 09:30:00"},
		{[]string{"Tue, 13 Feb 2024 09:30:00 +0000"}, "2024-02-13T09:30:00Z", "Tue, 13 Feb 2024 09:30:00 +0000"},
		{[]string{"February 13, 2024"}, "2024-02-13T00:00:00Z", "February 13, 2024"},
		{[]string{"13.02.2024"}, "2024-02-13T00:00:00Z", "13.02.2024"},
		{[]string{"", "  ", "2024-02-13"}, "2024-02-13T00:00:00Z", "2024-02-13"},
		{[]string{"yesterday", "2024-02-13"}, "2024-02-13T00:00:00Z", "2024-02-13"},
		{[]string{"yesterday"}, "", "yesterday"},
		{nil, "", ""},
	}
	for _, tt := range tests {
		got, raw := pickDate(tt.in...)
		var want time.Time
		if tt.want != "" {
			want, _ = time.Parse(time.RFC3339Nano, tt.want)
		}
		if !got.Equal(want) || raw != tt.raw {
			t.Errorf("pickDate(%q) = %v, %q; want %v, %q", tt.in, got, raw, want, tt.raw)
		}
	}
}

func TestPrimaryLanguage(t *testing.T) {
	tests := map[string]string{"en": "en", "en-GB": "en", "ru_RU": "ru", "PT-br": "pt", "English": "", "": "", "hy": "hy", "fil": "fil", "en, fr": "en", "x": ""}
	for in, want := range tests {
		if got := primaryLanguage(in); got != want {
			t.Errorf("primaryLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}
