package fetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ErrNoText means a page had no article text to extract.
var ErrNoText = errors.New("fetch: no article text")

// Page is what an article page says about itself.
type Page struct {
	URL          string    // the page's URL, as given
	Canonical    string    // <link rel=canonical> or og:url, made absolute
	Title        string    // the headline, without a trailing " | Outlet"
	Text         string    // the article body: paragraphs separated by blank lines
	Outlet       string    // the publisher's name
	Language     string    // the primary language subtag, lowercase ("en", "ru")
	Author       string    // the author or authors, comma-separated
	Published    time.Time // zero when no date was found or none parsed
	PublishedRaw string    // the date as the page wrote it
}

// ExtractPage finds the article in an HTML page: its text (by readability,
// with navigation, related links, cookie banners and share boxes removed)
// and its metadata, taken from JSON-LD first, then OpenGraph, then other
// <meta> tags, then <html lang> and <title>. A body that is not UTF-8 is
// decoded by its BOM or <meta charset>. When no text is found the Page still
// carries the metadata and the error is ErrNoText.
func ExtractPage(pageURL string, body []byte) (Page, error) {
	p := Page{URL: pageURL}
	base := &url.URL{}
	if pageURL != "" {
		u, err := url.Parse(pageURL)
		if err != nil {
			return p, fmt.Errorf("%w: page %q: %v", ErrInvalidURL, pageURL, unwrapURLError(err))
		}
		base = u
	}
	if !utf8.Valid(body) {
		e, _, _ := charset.DetermineEncoding(body, "text/html")
		if d, err := e.NewDecoder().Bytes(body); err == nil {
			body = d
		}
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return p, fmt.Errorf("fetch: parse page %q: %w", pageURL, err)
	}
	m := collectMeta(doc)
	removeBoilerplate(doc)

	parser := readability.NewParser()
	parser.MaxElemsToParse = 200000
	art, rerr := parser.ParseAndMutate(doc, base)
	var paras []string
	if rerr == nil && art.Node != nil {
		paras = paragraphs(art.Node)
	}
	if len(paras) == 0 {
		// Readability found no article; the cleaned body is better than nothing.
		if b := findBody(doc); b != nil {
			paras = paragraphs(b)
		}
	}

	ld := findJSONLD(m.jsonld)
	p.Outlet = first(ld.publisher, m.get("og:site_name"), m.get("application-name"), readabilitySiteName(rerr, art))
	p.Title = cleanTitle(first(ld.headline, m.get("og:title"), m.get("twitter:title"), m.get("dc.title"),
		m.title, m.h1, readabilityTitle(rerr, art)), p.Outlet)
	if h1 := collapseSpace(m.h1); p.Outlet == "" && h1 != "" && p.Title != h1 && strings.HasPrefix(p.Title, h1) {
		// "Headline | Some Site" whose outlet we do not know: the page's own
		// <h1> says where the headline ends.
		for _, sep := range titleSeparators {
			if strings.HasPrefix(p.Title[len(h1):], sep) {
				p.Title = h1
				break
			}
		}
	}
	p.Language = primaryLanguage(first(ld.language, m.get("og:locale"), m.get("language"),
		m.get("content-language"), m.get("dc.language"), m.lang))
	p.Author = first(ld.author, m.get("author"), nonURL(m.get("article:author")), m.get("dc.creator"),
		m.get("byl"), readabilityByline(rerr, art))
	p.Canonical = absolute(base, first(m.canonical, m.get("og:url")))
	p.Published, p.PublishedRaw = pickDate(ld.published, m.get("article:published_time"),
		m.get("date"), m.get("pubdate"), m.get("publishdate"), m.get("publish-date"),
		m.get("dc.date"), m.get("dc.date.issued"), m.get("dcterms.date"), m.get("dcterms.created"),
		m.get("citation_publication_date"), m.get("datepublished"), m.get("sailthru.date"),
		m.get("parsely-pub-date"), m.timeTag)

	paras = dropBoilerplateParagraphs(paras)
	if len(paras) > 0 && strings.EqualFold(paras[0], p.Title) {
		paras = paras[1:]
	}
	p.Text = strings.Join(paras, "\n\n")
	if p.Text == "" {
		return p, fmt.Errorf("%w in %q", ErrNoText, pageURL)
	}
	return p, nil
}

func readabilityTitle(err error, a readability.Article) string {
	if err != nil {
		return ""
	}
	return a.Title()
}

func readabilitySiteName(err error, a readability.Article) string {
	if err != nil {
		return ""
	}
	return a.SiteName()
}

func readabilityByline(err error, a readability.Article) string {
	if err != nil {
		return ""
	}
	b := strings.TrimSpace(a.Byline())
	for _, pre := range []string{"By ", "by ", "BY "} {
		b = strings.TrimPrefix(b, pre)
	}
	if len(b) > 100 {
		return "" // a byline that long is a paragraph readability mistook
	}
	return b
}

// first returns the first of vs that is not blank, trimmed.
func first(vs ...string) string {
	for _, v := range vs {
		if v = collapseSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func nonURL(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

func absolute(base *url.URL, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ""
	}
	return u.String()
}

// pageMeta is what the markup of a page says outside its text.
type pageMeta struct {
	meta      map[string]string // lowercased name, property, itemprop or http-equiv -> first content
	title     string
	h1        string // the text of the first <h1>
	lang      string
	canonical string
	timeTag   string // the datetime of the first <time> in an <article>
	jsonld    []string
}

func (m *pageMeta) get(k string) string { return m.meta[k] }

func collectMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string]string{}}
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = attr(n, "lang")
				}
			case atom.Title:
				if m.title == "" && !inSVG(n) {
					m.title = textOf(n)
				}
			case atom.Meta:
				content := attr(n, "content")
				if content == "" {
					content = attr(n, "datetime")
				}
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
						if _, ok := m.meta[key]; !ok && strings.TrimSpace(content) != "" {
							m.meta[key] = content
						}
					}
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && len(m.jsonld) < 16 {
					m.jsonld = append(m.jsonld, textOf(n))
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = textOf(n)
				}
			case atom.Article:
				inArticle = true
			case atom.Time:
				if inArticle && m.timeTag == "" {
					m.timeTag = attr(n, "datetime")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	return m
}

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf is all the text under n, as written.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// ldArticle is what the JSON-LD of a page says about its article.
type ldArticle struct {
	headline, published, publisher, language, author string
}

// articleTypes are the schema.org types taken as the article itself.
var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "backgroundnewsarticle": true, "reviewnewsarticle": true,
	"askpublicnewsarticle": true, "blogposting": true, "liveblogposting": true, "report": true,
}

// findJSONLD reads the first article object in the JSON-LD blocks, looking
// inside arrays and @graph, and following @id references within a block.
func findJSONLD(blocks []string) ldArticle {
	for _, b := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(b)), &v); err != nil {
			continue
		}
		ids := map[string]map[string]any{}
		var objects []map[string]any
		var collect func(v any, depth int)
		collect = func(v any, depth int) {
			if depth > 6 {
				return
			}
			switch t := v.(type) {
			case []any:
				for _, e := range t {
					collect(e, depth+1)
				}
			case map[string]any:
				objects = append(objects, t)
				if id, ok := t["@id"].(string); ok && len(t) > 1 {
					ids[id] = t
				}
				collect(t["@graph"], depth+1)
				collect(t["mainEntity"], depth+1)
			}
		}
		collect(v, 0)
		for _, o := range objects {
			if !isArticleType(o["@type"]) {
				continue
			}
			resolve := func(v any) any {
				if m, ok := v.(map[string]any); ok {
					if id, ok := m["@id"].(string); ok && len(m) == 1 {
						if r, ok := ids[id]; ok {
							return r
						}
					}
				}
				return v
			}
			return ldArticle{
				headline:  first(ldString(o["headline"]), ldString(o["name"])),
				published: first(ldString(o["datePublished"]), ldString(o["dateCreated"])),
				publisher: ldNames(resolve(o["publisher"]), resolve),
				language:  first(ldString(o["inLanguage"]), ldNames(o["inLanguage"], resolve)),
				author:    ldNames(o["author"], resolve),
			}
		}
	}
	return ldArticle{}
}

func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		return articleTypes[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(t, "https://schema.org/"), "http://schema.org/"))]
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	case map[string]any:
		return ldString(t["@value"])
	}
	return ""
}

// ldNames reads a Person or Organization, a plain name, or a list of them.
func ldNames(v any, resolve func(any) any) string {
	var names []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch t := resolve(v).(type) {
		case string:
			if s := collapseSpace(t); s != "" && !strings.HasPrefix(s, "http") {
				names = append(names, s)
			}
		case map[string]any:
			if s := collapseSpace(ldString(t["name"])); s != "" {
				names = append(names, s)
			}
		case []any:
			for _, e := range t {
				add(e, depth+1)
			}
		}
	}
	add(v, 0)
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

// titleSeparators stand between a headline and the outlet's name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", ": "}

// cleanTitle strips the outlet's name from either end of title.
func cleanTitle(title, outlet string) string {
	title = collapseSpace(title)
	if outlet == "" {
		return title
	}
	lt, lo := strings.ToLower(title), strings.ToLower(outlet)
	for _, sep := range titleSeparators {
		if strings.HasSuffix(lt, strings.ToLower(sep)+lo) && len(title) > len(sep)+len(outlet) {
			return strings.TrimSpace(title[:len(title)-len(sep)-len(outlet)])
		}
	}
	for _, sep := range titleSeparators[:len(titleSeparators)-1] {
		if strings.HasPrefix(lt, lo+strings.ToLower(sep)) && len(title) > len(sep)+len(outlet) {
			return strings.TrimSpace(title[len(outlet)+len(sep):])
		}
	}
	return title
}

// primaryLanguage reduces "en-GB", "ru_RU" or "English" to "en", "ru" or "".
func primaryLanguage(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = s[:i]
	}
	tag, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	tag = strings.ToLower(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, r := range tag {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return tag
}

// dateLayouts are the ways pages write publication dates.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"02.01.2006",
}

// pickDate returns the first candidate that parses, with its raw text; if
// none parses, the first non-blank one's text and a zero time.
func pickDate(candidates ...string) (time.Time, string) {
	raw := ""
	for _, c := range candidates {
		c = collapseSpace(c)
		if c == "" {
			continue
		}
		if raw == "" {
			raw = c
		}
		if t, ok := parseDate(c); ok {
			return t, c
		}
	}
	return time.Time{}, raw
}

func parseDate(s string) (time.Time, bool) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// blockAtoms end a paragraph of text.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Article: true, atom.Section: true, atom.Header: true, atom.Main: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Pre: true, atom.Hr: true, atom.Br: true,
	atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Figure: true, atom.Figcaption: true,
	atom.Body: true, atom.Address: true,
}

// skipAtoms hold no article text.
var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Iframe: true, atom.Head: true, atom.Nav: true,
	atom.Form: true, atom.Figcaption: true, atom.Object: true, atom.Canvas: true, atom.Math: true,
}

// paragraphs reduces the tree under n to its paragraphs of text.
func paragraphs(n *html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := collapseSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipAtoms[n.DataAtom] {
				return
			}
		}
		block := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}

func findBody(doc *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// boilerplateName matches a class or id naming page furniture rather than
// the article.
var boilerplateName = regexp.MustCompile(`(?i)(^|[-_ ])(cookies?|consent|gdpr|cmp|share|sharing|sharebar|social|related|recommended|newsletter|subscribe|subscription|promo|breadcrumbs?|advert|advertisement|ad|ads|banner|popup|modal|paywall|tags|more-stories|read-more|readmore|outbrain|taboola)($|[-_ ])`)

// boilerplateRoles are ARIA roles of page furniture.
var boilerplateRoles = map[string]bool{
	"navigation": true, "banner": true, "complementary": true, "contentinfo": true,
	"dialog": true, "alertdialog": true, "search": true,
}

// removeBoilerplate takes navigation, asides, footers, cookie banners,
// share boxes and related-link lists out of doc before readability scores
// it: readability keeps some of them when they sit inside the article.
func removeBoilerplate(doc *html.Node) {
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isBoilerplate(n) {
			doomed = append(doomed, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Nav, atom.Aside, atom.Footer, atom.Dialog:
		return true
	}
	if boilerplateRoles[strings.ToLower(strings.TrimSpace(attr(n, "role")))] {
		return true
	}
	if !boilerplateName.MatchString(attr(n, "class")) && !boilerplateName.MatchString(attr(n, "id")) {
		return false
	}
	// A wrapper whose name happens to match but that holds long prose is
	// the article, not furniture.
	text, links := textAndLinkLength(n)
	return text < 600 || links*2 > text
}

// textAndLinkLength counts the letters under n and those inside links.
func textAndLinkLength(n *html.Node) (text, links int) {
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			k := 0
			for _, r := range n.Data {
				if !unicode.IsSpace(r) {
					k++
				}
			}
			text += k
			if inLink {
				links += k
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			inLink = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return text, links
}

// boilerplateText matches short paragraphs that are page furniture even
// when they survive inside the article markup.
var boilerplateText = regexp.MustCompile(`(?i)^(share( this( article| story)?| on)?\b|follow us\b|related( articles| stories| news| content)?\b|read (more|also|next)\b|see also\b|more from\b|advertisement$|sponsored\b|sign up\b|subscribe\b|newsletter\b|(this (site|website) )?(uses|we use) cookies\b|accept (all )?cookies\b|cookie (policy|settings)\b|all rights reserved\b|©|copyright\b|поделиться\b|читайте также\b|реклама$|подпис(ывайтесь|аться)\b|мы используем (файлы )?cookie)`)

// dropBoilerplateParagraphs removes short paragraphs that read as page
// furniture. Only known phrases go: guessing at other short lines would
// eat datelines and captions.
func dropBoilerplateParagraphs(paras []string) []string {
	out := paras[:0]
	for _, p := range paras {
		if utf8.RuneCountInString(p) < 160 && boilerplateText.MatchString(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}
