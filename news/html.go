package news

import (
	"html"
	"strings"
)

// htmlMeta is what the <head> of a page says about the article.
type htmlMeta struct {
	title, h1, author, url, published, siteName string
}

// looksHTML reports whether text is an HTML document or fragment rather than
// plain text that happens to contain a '<'.
func looksHTML(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || t[0] != '<' || strings.HasPrefix(t, "<http") {
		return false
	}
	head := strings.ToLower(t[:min(len(t), 4096)])
	for _, tag := range []string{"<!doctype html", "<html", "<body", "<p>", "<p ", "<article", "<div", "<h1"} {
		if strings.Contains(head, tag) {
			return true
		}
	}
	return false
}

// skipElements have content that is never article text.
var skipElements = setOf("script", "style", "noscript", "nav", "footer", "aside", "form", "button",
	"svg", "iframe", "template", "select", "figure", "head")

// blockElements end a paragraph.
var blockElements = setOf("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
	"blockquote", "article", "section", "header", "main", "table", "tr", "pre", "hr", "dd", "dt")

// htmlToText reduces simple HTML to paragraphs of text separated by blank
// lines, and collects the metadata of its head. It is no general HTML parser:
// it is meant for saved article pages and fragments.
func htmlToText(src string) (string, htmlMeta) {
	var meta htmlMeta
	var b strings.Builder
	b.Grow(len(src) / 2)
	lower := strings.ToLower(src)
	inTitle, inH1 := false, false
	var titleText, h1Text strings.Builder
	text := func(s string) {
		s = html.UnescapeString(s)
		if inTitle {
			titleText.WriteString(s)
			return
		}
		if inH1 {
			h1Text.WriteString(s)
		}
		b.WriteString(s)
	}
	for i := 0; i < len(src); {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			text(src[i:])
			break
		}
		text(src[i : i+lt])
		i += lt
		if strings.HasPrefix(src[i:], "<!--") {
			end := strings.Index(src[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		end := tagEnd(src, i)
		if end < 0 {
			text(src[i:])
			break
		}
		tag := src[i+1 : end]
		i = end + 1
		name, closing := tagName(tag)
		if name == "" {
			continue
		}
		switch {
		case name == "head" && !closing:
			// The head is skipped as text but its meta and title are read.
			hEnd := strings.Index(lower[i:], "</head")
			if hEnd < 0 {
				hEnd = len(src) - i
			}
			readHead(src[i:i+hEnd], &meta)
			i += hEnd
			continue
		case skipElements[name] && !closing && !strings.HasSuffix(tag, "/"):
			closeTag := "</" + name
			cEnd := strings.Index(lower[i:], closeTag)
			if cEnd < 0 {
				i = len(src)
				continue
			}
			i += cEnd
			if e := strings.IndexByte(src[i:], '>'); e >= 0 {
				i += e + 1
			}
			continue
		case name == "title":
			inTitle = !closing
		case name == "h1":
			inH1 = !closing
			if !closing {
				b.WriteString("\n\n# ")
				continue
			}
		case name == "time" && !closing && meta.published == "":
			meta.published = attr(tag, "datetime")
		case name == "link" && attr(tag, "rel") == "canonical" && meta.url == "":
			meta.url = attr(tag, "href")
		case name == "meta":
			readMeta(tag, &meta)
		}
		if name == "br" {
			b.WriteString("\n")
		} else if blockElements[name] {
			b.WriteString("\n\n")
		}
	}
	if meta.title == "" {
		meta.title = collapseSpace(titleText.String())
	}
	meta.h1 = collapseSpace(h1Text.String())
	// Collapse the white space HTML does not render, keeping paragraph breaks.
	var out []string
	for _, para := range strings.Split(b.String(), "\n\n") {
		for _, line := range strings.Split(para, "\n") {
			if l := collapseSpace(line); l != "" {
				out = append(out, l)
			}
		}
		out = append(out, "")
	}
	return strings.TrimSpace(strings.Join(out, "\n")), meta
}

func readHead(head string, meta *htmlMeta) {
	lower := strings.ToLower(head)
	for i := 0; i < len(head); {
		lt := strings.IndexByte(head[i:], '<')
		if lt < 0 {
			return
		}
		i += lt
		end := tagEnd(head, i)
		if end < 0 {
			return
		}
		tag := head[i+1 : end]
		i = end + 1
		name, closing := tagName(tag)
		switch {
		case closing:
		case name == "meta":
			readMeta(tag, meta)
		case name == "link" && strings.EqualFold(attr(tag, "rel"), "canonical"):
			meta.url = attr(tag, "href")
		case name == "title":
			if e := strings.Index(lower[i:], "</title"); e >= 0 && meta.title == "" {
				meta.title = collapseSpace(html.UnescapeString(head[i : i+e]))
			}
		}
	}
}

func readMeta(tag string, meta *htmlMeta) {
	key := strings.ToLower(attr(tag, "property"))
	if key == "" {
		key = strings.ToLower(attr(tag, "name"))
	}
	content := collapseSpace(html.UnescapeString(attr(tag, "content")))
	if content == "" {
		return
	}
	switch key {
	case "og:title", "twitter:title":
		if meta.title == "" {
			meta.title = content
		}
	case "author", "article:author", "dc.creator":
		if meta.author == "" && !strings.HasPrefix(content, "http") {
			meta.author = content
		}
	case "og:url":
		if meta.url == "" {
			meta.url = content
		}
	case "article:published_time", "date", "dc.date", "pubdate", "publishdate", "og:published_time":
		if meta.published == "" {
			meta.published = content
		}
	case "og:site_name":
		meta.siteName = content
	}
}

// tagEnd returns the index of the '>' closing the tag that starts at i,
// skipping '>' inside quoted attribute values, or -1.
func tagEnd(s string, i int) int {
	quote := byte(0)
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j
		}
	}
	return -1
}

// tagName returns the lower-case element name of a tag's inside ("p class=x",
// "/p", "br/") and whether it is a closing tag.
func tagName(tag string) (string, bool) {
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	end := 0
	for end < len(tag) {
		c := tag[end]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			break
		}
		end++
	}
	return strings.ToLower(tag[:end]), closing
}

// attr returns the value of attribute name in a tag's inside, or "".
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		k := strings.Index(lower[from:], name)
		if k < 0 {
			return ""
		}
		k += from
		from = k + len(name)
		if k > 0 && !isSpaceByte(lower[k-1]) {
			continue
		}
		j := k + len(name)
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			continue
		}
		j++
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if j >= len(tag) {
			return ""
		}
		if q := tag[j]; q == '"' || q == '\'' {
			e := strings.IndexByte(tag[j+1:], q)
			if e < 0 {
				return tag[j+1:]
			}
			return tag[j+1 : j+1+e]
		}
		e := j
		for e < len(tag) && !isSpaceByte(tag[e]) && tag[e] != '/' {
			e++
		}
		return tag[j:e]
	}
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
