package feeds

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on what Parse reads and keeps.
const (
	// MaxFeedBytes is the largest feed document Parse reads.
	MaxFeedBytes = 16 << 20
	// MaxItems is the number of items kept of a feed; the rest are dropped.
	MaxItems = 1000
	// maxShort caps titles, ids, links, authors and languages (bytes).
	maxShort = 2048
	// maxLong caps summaries and contents (bytes).
	maxLong = 1 << 20
	// maxDepth is the deepest element nesting read.
	maxDepth = 64
)

// Feed is a parsed feed document.
type Feed struct {
	Title    string `json:"title"`
	Link     string `json:"link,omitempty"`
	Language string `json:"language,omitempty"`
	Items    []Item `json:"items"`
}

// Item is one entry of a feed.
type Item struct {
	// ID identifies the item within its feed: the RSS guid, Atom id or JSON
	// Feed id, else its link, else a hash of its title and summary.
	ID          string    `json:"id"`
	URL         string    `json:"url,omitempty"` // absolute http(s), or ""
	Title       string    `json:"title,omitempty"`
	Summary     string    `json:"summary,omitempty"`
	ContentHTML string    `json:"content_html,omitempty"`
	Author      string    `json:"author,omitempty"`
	Published   time.Time `json:"published"` // zero when absent or unreadable
	Updated     time.Time `json:"updated"`
}

// Namespaces of the elements read.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsRSS1    = "http://purl.org/rss/1.0/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsXML     = "http://www.w3.org/XML/1998/namespace"
)

// Parse reads a feed: RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 or JSON
// Feed 1.x, told apart by the document itself (contentType only decides
// that a document not starting with '{' or '<' is meant as JSON). Relative
// links are resolved against baseURL, the URL the feed was fetched from, and
// Atom's xml:base. A date that does not parse leaves a zero time; a document
// that is not a feed, or not well-formed, gives an error wrapping ErrInvalid.
func Parse(body []byte, contentType, baseURL string) (*Feed, error) {
	if len(body) > MaxFeedBytes {
		return nil, fmt.Errorf("%w: feed is larger than %d MiB", ErrInvalid, MaxFeedBytes>>20)
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	body = bytes.TrimLeft(body, " \t\r\n")
	if len(body) == 0 {
		return nil, fmt.Errorf("%w: feed is empty", ErrInvalid)
	}
	var base *url.URL
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil {
			return nil, fmt.Errorf("%w: base URL %q: %v", ErrInvalid, baseURL, err)
		}
		base = u
	}
	var f *Feed
	var err error
	switch {
	case body[0] == '{':
		f, err = parseJSON(body, base)
	case body[0] == '<':
		f, err = parseXML(body, base)
	case strings.Contains(strings.ToLower(contentType), "json"):
		f, err = parseJSON(body, base)
	default:
		return nil, fmt.Errorf("%w: not a feed: neither XML nor JSON", ErrInvalid)
	}
	if err != nil {
		return nil, err
	}
	f.finish()
	return f, nil
}

// finish applies the caps and fills the item ids that the document left out.
func (f *Feed) finish() {
	f.Title = clip(f.Title, maxShort)
	f.Link = clip(f.Link, maxShort)
	f.Language = clip(f.Language, maxShort)
	if len(f.Items) > MaxItems {
		f.Items = f.Items[:MaxItems]
	}
	if f.Items == nil {
		f.Items = []Item{}
	}
	for i := range f.Items {
		it := &f.Items[i]
		it.ID = clip(strings.TrimSpace(it.ID), maxShort)
		it.URL = clip(it.URL, maxShort)
		it.Title = clip(it.Title, maxShort)
		it.Author = clip(it.Author, maxShort)
		it.Summary = clip(it.Summary, maxLong)
		it.ContentHTML = clip(it.ContentHTML, maxLong)
		if it.ID == "" {
			it.ID = it.URL
		}
		if it.ID == "" && (it.Title != "" || it.Summary != "") {
			sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Summary))
			it.ID = "sha256:" + hex.EncodeToString(sum[:12])
		}
	}
}

// clip cuts s to at most n bytes, at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// resolve makes ref absolute against base and keeps it only when it is an
// http(s) URL: a feed's javascript: or mailto: link is no article.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// node is an element of a parsed XML document, with its mixed content.
type node struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []any // string (character data) or *node
	base  *url.URL
	lang  string
}

// text is the element's character data, without that of its children, trimmed.
func (n *node) text() string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for _, k := range n.kids {
		if s, ok := k.(string); ok {
			b.WriteString(s)
		}
	}
	return strings.TrimSpace(b.String())
}

func (n *node) attr(space, local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == local && (a.Name.Space == space || space == "*") {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// children lists the child elements named space:local.
func (n *node) children(space, local string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if c, ok := k.(*node); ok && c.name.Local == local && c.name.Space == space {
			out = append(out, c)
		}
	}
	return out
}

// child is the first child element named space:local, or nil.
func (n *node) child(space, local string) *node {
	if cs := n.children(space, local); len(cs) > 0 {
		return cs[0]
	}
	return nil
}

// innerXML writes the element's content back as markup (Atom's type="xhtml").
func (n *node) innerXML(b *strings.Builder) {
	for _, k := range n.kids {
		switch k := k.(type) {
		case string:
			b.WriteString(html.EscapeString(k))
		case *node:
			b.WriteString("<" + k.name.Local)
			for _, a := range k.attrs {
				if a.Name.Space == "" && a.Name.Local != "xmlns" {
					fmt.Fprintf(b, ` %s="%s"`, a.Name.Local, html.EscapeString(a.Value))
				}
			}
			b.WriteString(">")
			k.innerXML(b)
			b.WriteString("</" + k.name.Local + ">")
		}
	}
}

// parseXML reads an XML document into a tree and reads the feed from it.
func parseXML(body []byte, base *url.URL) (*Feed, error) {
	root, err := readTree(body, base)
	if err != nil {
		return nil, err
	}
	switch {
	case root.name.Local == "rss":
		return rssFeed(root, root.child(root.name.Space, "channel"), nil, root.name.Space), nil
	case root.name.Local == "RDF" && root.name.Space == nsRDF:
		// RSS 1.0 puts the items beside the channel, not in it.
		return rssFeed(root, root.child(nsRSS1, "channel"), root.children(nsRSS1, "item"), nsRSS1), nil
	case root.name.Local == "feed" && (root.name.Space == nsAtom || root.name.Space == ""):
		return atomFeed(root, root.name.Space), nil
	}
	return nil, fmt.Errorf("%w: not a feed: the document is <%s>, not RSS, RDF or Atom", ErrInvalid, root.name.Local)
}

func readTree(body []byte, base *url.URL) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	d.Entity = xml.HTMLEntity // &nbsp; and &mdash; are common in feeds
	d.CharsetReader = charsetReader
	var root *node
	var stack []*node
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("%w: invalid XML: elements nested deeper than %d", ErrInvalid, maxDepth)
			}
			n := &node{name: t.Name, attrs: t.Copy().Attr, base: base}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				n.base, n.lang = parent.base, parent.lang
				parent.kids = append(parent.kids, n)
			} else if root == nil {
				root = n
			}
			if b := n.attr(nsXML, "base"); b != "" {
				if u, err := url.Parse(b); err == nil {
					if n.base != nil {
						u = n.base.ResolveReference(u)
					}
					n.base = u
				}
			}
			if l := n.attr(nsXML, "lang"); l != "" {
				n.lang = l
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if k := len(top.kids); k > 0 {
					if s, ok := top.kids[k-1].(string); ok {
						top.kids[k-1] = s + string(t)
						continue
					}
				}
				top.kids = append(top.kids, string(t))
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: invalid XML: no root element", ErrInvalid)
	}
	return root, nil
}

func xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w: invalid XML at line %d: %s", ErrInvalid, se.Line, se.Msg)
	}
	return fmt.Errorf("%w: invalid XML: %v", ErrInvalid, err)
}

// charsetReader decodes the single-byte encodings feeds still declare.
func charsetReader(charset string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "windows-1252", "cp1252":
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, err
		}
		var out strings.Builder
		for _, c := range b {
			if c >= 0x80 && c < 0xa0 && cp1252[c-0x80] != 0 {
				out.WriteRune(cp1252[c-0x80])
			} else {
				out.WriteRune(rune(c))
			}
		}
		return strings.NewReader(out.String()), nil
	}
	return nil, fmt.Errorf("unsupported charset %q", charset)
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 (a superset of Latin-1
// in what feeds use) to their characters.
var cp1252 = [32]rune{'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ'}

// rssFeed reads RSS 2.0 (items in the channel, elements in no namespace or
// the root's) or RSS 1.0 (items given, elements in the RSS 1.0 namespace).
func rssFeed(root, ch *node, items []*node, ns string) *Feed {
	f := &Feed{Title: ch.child(ns, "title").text(), Language: ch.child(ns, "language").text()}
	if f.Language == "" {
		f.Language = ch.child(nsDC, "language").text()
	}
	var base *url.URL
	if ch != nil {
		base = ch.base
	} else {
		base = root.base
	}
	f.Link = resolve(base, ch.child(ns, "link").text())
	if items == nil {
		items = ch.children(ns, "item")
	}
	for _, n := range items {
		if len(f.Items) == MaxItems {
			break
		}
		it := Item{
			Title:       n.child(ns, "title").text(),
			Summary:     n.child(ns, "description").text(),
			ContentHTML: n.child(nsContent, "encoded").text(),
			Author:      firstOf(n.child(ns, "author").text(), n.child(nsDC, "creator").text()),
			URL:         resolve(n.base, n.child(ns, "link").text()),
		}
		if g := n.child(ns, "guid"); g != nil {
			it.ID = g.text()
			if it.URL == "" && !strings.EqualFold(g.attr("", "isPermaLink"), "false") {
				it.URL = resolve(n.base, it.ID)
			}
		}
		if it.ID == "" {
			it.ID = n.attr(nsRDF, "about")
		}
		it.Published = ParseDate(firstOf(n.child(ns, "pubDate").text(), n.child(nsDC, "date").text()))
		it.Updated = ParseDate(n.child(nsAtom, "updated").text())
		f.Items = append(f.Items, it)
	}
	return f
}

// atomFeed reads an Atom 1.0 feed (ns is the Atom namespace, or "" for the
// rare feed that forgot to declare it).
func atomFeed(root *node, ns string) *Feed {
	f := &Feed{Title: atomTitle(root.child(ns, "title")), Link: atomLink(root, ns), Language: root.lang}
	for _, e := range root.children(ns, "entry") {
		if len(f.Items) == MaxItems {
			break
		}
		it := Item{
			ID:        e.child(ns, "id").text(),
			URL:       atomLink(e, ns),
			Title:     atomTitle(e.child(ns, "title")),
			Summary:   atomText(e.child(ns, "summary")),
			Published: ParseDate(e.child(ns, "published").text()),
			Updated:   ParseDate(e.child(ns, "updated").text()),
		}
		if c := e.child(ns, "content"); c != nil && c.attr("", "src") == "" {
			it.ContentHTML = atomText(c)
			if t := c.attr("", "type"); t == "" || t == "text" {
				it.ContentHTML = textToHTML(it.ContentHTML)
			}
		}
		author := e.child(ns, "author")
		if author == nil {
			author = root.child(ns, "author")
		}
		it.Author = author.child(ns, "name").text()
		f.Items = append(f.Items, it)
	}
	return f
}

// atomText reads an Atom text construct as a string: text and html as
// given, xhtml as the markup inside its div.
func atomText(n *node) string {
	if n == nil {
		return ""
	}
	if n.attr("", "type") == "xhtml" {
		var b strings.Builder
		if div := n.child("http://www.w3.org/1999/xhtml", "div"); div != nil {
			div.innerXML(&b)
		} else {
			n.innerXML(&b)
		}
		return strings.TrimSpace(b.String())
	}
	return n.text()
}

// atomTitle reads an Atom text construct as plain text: a title of type
// html or xhtml without its markup.
func atomTitle(n *node) string {
	s := atomText(n)
	if t := n.attr("", "type"); t != "html" && t != "xhtml" {
		return s
	}
	return plainText(s)
}

// atomLink is the alternate link of an Atom feed or entry, made absolute
// against its xml:base; an HTML one is preferred.
func atomLink(n *node, ns string) string {
	best := ""
	for _, l := range n.children(ns, "link") {
		if rel := l.attr("", "rel"); rel != "" && rel != "alternate" {
			continue
		}
		href := resolve(l.base, l.attr("", "href"))
		if href == "" {
			continue
		}
		if t := l.attr("", "type"); t == "" || strings.Contains(t, "html") {
			return href
		}
		if best == "" {
			best = href
		}
	}
	return best
}

// textToHTML makes plain text into paragraphs of HTML.
func textToHTML(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
	}
	return strings.TrimSpace(b.String())
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// jsonFeed is JSON Feed 1.1 (and 1.0: author instead of authors).
type jsonFeed struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	HomePageURL string `json:"home_page_url"`
	Language    string `json:"language"`
	Items       []struct {
		ID            json.RawMessage `json:"id"` // a string, though some feeds write a number
		URL           string          `json:"url"`
		ExternalURL   string          `json:"external_url"`
		Title         string          `json:"title"`
		ContentHTML   string          `json:"content_html"`
		ContentText   string          `json:"content_text"`
		Summary       string          `json:"summary"`
		DatePublished string          `json:"date_published"`
		DateModified  string          `json:"date_modified"`
		Authors       []jsonAuthor    `json:"authors"`
		Author        *jsonAuthor     `json:"author"`
	} `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

func parseJSON(body []byte, base *url.URL) (*Feed, error) {
	var jf jsonFeed
	if err := json.Unmarshal(body, &jf); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%w: invalid JSON at byte %d: %v", ErrInvalid, se.Offset, err)
		}
		return nil, fmt.Errorf("%w: not a JSON Feed: %v", ErrInvalid, err)
	}
	if !strings.HasPrefix(jf.Version, "https://jsonfeed.org/version/") {
		return nil, fmt.Errorf("%w: not a JSON Feed: version is %q, not https://jsonfeed.org/version/1.1", ErrInvalid, jf.Version)
	}
	f := &Feed{Title: strings.TrimSpace(jf.Title), Link: resolve(base, jf.HomePageURL), Language: jf.Language}
	for _, ji := range jf.Items {
		if len(f.Items) == MaxItems {
			break
		}
		it := Item{
			ID:          jsonID(ji.ID),
			URL:         resolve(base, firstOf(ji.URL, ji.ExternalURL)),
			Title:       strings.TrimSpace(ji.Title),
			Summary:     strings.TrimSpace(ji.Summary),
			ContentHTML: strings.TrimSpace(ji.ContentHTML),
			Published:   ParseDate(ji.DatePublished),
			Updated:     ParseDate(ji.DateModified),
		}
		if it.ContentHTML == "" {
			it.ContentHTML = textToHTML(ji.ContentText)
		}
		if len(ji.Authors) > 0 {
			it.Author = strings.TrimSpace(ji.Authors[0].Name)
		} else if ji.Author != nil {
			it.Author = strings.TrimSpace(ji.Author.Name)
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

func jsonID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// plainText is the text of an HTML fragment: outside its tags, entities
// decoded, spaces collapsed.
func plainText(s string) string {
	var b strings.Builder
	in := false
	for _, c := range s {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in:
			b.WriteRune(c)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
