package news

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// cleaned is the result of reducing an article's text to its body and metadata.
type cleaned struct {
	body             string
	title, author    string
	url, source      string
	language         string // from a "Language:" header line
	firstPublishedBy string
	published        time.Time
	precision        Precision
	dateline, agency string
	// datelineDate is the date the dateline gives, resolved or not; its
	// Precision is PrecisionNone when there is none.
	datelineDate TimeExpr
	// cues are the boilerplate lines removed before the related-links tail;
	// they often name the outlet ("Get notified of the latest updates from MassisPost").
	cues []string
}

var (
	dateHeaderRe = regexp.MustCompile(`^\s*(?i:date|published|posted)\s*:?\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s*`)
	mdImageRe    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRe     = regexp.MustCompile(`\[([^\]]*)\]\((?:[^)\s]*)(?:\s+"[^"]*")?\)`)
	mdBoldRe     = regexp.MustCompile(`\*\*([^*]+?)\*\*|__([^_]+?)__`)
	mdItalicRe   = regexp.MustCompile(`(^|[^\p{L}\p{N}*\\])\*([^*\s](?:[^*]*[^*\s])?)\*`)
	mdHeadingRe  = regexp.MustCompile(`^#{1,6}\s+`)
	autolinkRe   = regexp.MustCompile(`^<(https?://[^>\s]+)>$`)
	bareURLRe    = regexp.MustCompile(`^(https?://\S+)$`)
	urlInTextRe  = regexp.MustCompile(`<?(https?://[^>\s]+)>?`)
	bylineRe     = regexp.MustCompile(`^(?i:by|автор:?|written by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})?)$`)
	photoTailRe  = regexp.MustCompile(`\*\*[^*]*(?:/|(?i:photo|фото))[^*]*\*\*\s*$`)
	photoLineRe  = regexp.MustCompile(`^(?i:photo|photos|image|picture|фото|լուսանկարը|foto)\s*(?i:credit)?\s*[:/©]`)
	creditLineRe = regexp.MustCompile(`^[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s*/\s*[\p{Lu}][\p{Lu}\p{L} .-]{1,40}$`)
	titleMarkRe  = regexp.MustCompile(`\s*[(\[](?i:photo|photos|video|videos|фото|видео|updated|update)[)\]]\s*$`)
	urlDateRe    = regexp.MustCompile(`/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?:/|-|$)`)
	// A dateline: a place in capitals, maybe an agency in brackets, and a dash.
	datelineDashRe = regexp.MustCompile(`^(\p{Lu}[\p{Lu}'’.-]{2,}(?:[ ,]+\p{Lu}[\p{L}'’.-]*){0,3}?)\s*(?:\(([^()]{1,40})\))?\s*(?:—|–|--?)\s+`)
	// An agency dateline: "YEREVAN, AUGUST 23, ARMENPRESS.", "MOSCOW, Dec 13 (Reuters) -".
	// The place of a dated dateline: capitalised words ("Baku", "МОСКВА",
	// "Երևան", "BAKU, Azerbaijan") before the comma that precedes the date.
	// A header line at the top of a text file: "Title: ...", "Published: ...".
	headerFieldRe = regexp.MustCompile(`^(?i:(title|headline|заголовок|titre|titel|überschrift|titolo|título|başlık|başlıq)|` +
		`(published(?: on| at)?|date|posted(?: on)?|дата(?: публикации)?|опубликовано|publié(?: le)?|date de publication|` +
		`datum|veröffentlicht(?: am)?|data|fecha|publicado|tarih|tarix|ամսաթիվ)|` +
		`(source|outlet|publisher|источник|издание|quelle|fonte|fuente|kaynak|mənbə|աղբյուր)|` +
		`(url|link|original url|ссылка|lien|adresse|enlace|bağlantı)|` +
		`(author|authors|byline|by|автор|авторы|auteur|autor|autore|yazar|müəllif|հեղինակ))\s*[:：]\s*(\S.*)$`)
	// A "Language: en" header line; only a language tag counts, so that a
	// sentence beginning "Language:" stays text.
	languageHeaderRe = regexp.MustCompile(`^(?i:language|lang|язык|langue|sprache|lingua|idioma|dil)\s*[:：]\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*\s*$`)
	datelinePlaceRe  = regexp.MustCompile(`^\p{Lu}[\p{L}\p{M}'’.-]*(?:[ -]\p{Lu}[\p{L}\p{M}'’.-]*){0,3}(?:, \p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*)?)?$`)
	// What follows a dateline's date: an agency — "(Trend)", "/ТАСС/.",
	// "ARMENPRESS." — and a dash, or only a full stop.
	datelineTailRe   = regexp.MustCompile(`^\s*[.,։]?\s*(?:\(([^()]{1,40})\)|/([^/]{1,30})/\.?|(\p{Lu}{2,}[\p{Lu}\d-]*(?:\.\p{Lu}{2,})?)(?:[.։]|\s+[—–-]\s)|(\p{Lu}{2,}[\p{Lu}\d-]*)[:։])?\s*([—–]|--?\s)?`)
	datelineAgencyRe = regexp.MustCompile(`^(\p{Lu}[\p{Lu}'’.-]{2,}(?:[ ,]+\p{Lu}[\p{L}'’.-]*){0,3}?),\s*((?:\p{L}{3,}\.?\s+\d{1,2})|(?:\d{1,2}\s+\p{L}{3,}))[.,]?\s*(?:\(([^()]{1,30})\)|/([^/]{1,30})/\.?|(\p{Lu}{3,})\.)\s*(?:[—–:-]\s*)?`)
)

// tailMarkers are headings after which nothing belongs to the article.
var tailMarkers = setOf("you may also like", "you might also like", "related posts", "related articles",
	"related stories", "related news", "more from", "more stories", "more news", "read more", "read also",
	"recommended", "recommended for you", "most popular", "most read", "latest news", "see also",
	"читайте также", "смотрите также", "другие новости", "последние новости", "նմանատիպ նյութեր")

// lineKind is what a line of an article is, for the cleaner.
type lineKind int

const (
	lineText lineKind = iota
	lineBoilerplate
	lineOriginalURL
	lineURL
	lineSource
	lineFirstPublished
	lineTail
)

// cleanText reduces an article's text to its body and metadata.
func cleanText(text string) cleaned {
	var c cleaned
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}

	// A " date 2023-08-16" header may precede the first line of text.
	for i, l := range lines {
		if l == "" {
			continue
		}
		if m := dateHeaderRe.FindStringSubmatchIndex(l); m != nil {
			if t, err := time.Parse("2006-01-02", l[m[2]:m[3]]); err == nil {
				c.published, c.precision = t, PrecisionDay
				lines[i] = strings.TrimSpace(l[m[1]:])
			}
		}
		break
	}

	i := c.header(lines)

	// The body: drop boilerplate, stop at the related-links tail.
	var kept []string
	wantURL := false
	for ; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			kept = append(kept, "")
			continue
		}
		plain := plainMarkdown(l)
		kind := classifyLine(l, plain)
		if wantURL && (kind == lineURL || kind == lineText) {
			if m := urlInTextRe.FindStringSubmatch(plain); m != nil && strings.HasPrefix(strings.TrimLeft(plain, "<"), "http") {
				c.url = strings.TrimRight(m[1], ".,;")
				wantURL = false
				kept = append(kept, "")
				continue
			}
		}
		wantURL = false
		switch kind {
		case lineTail:
			i = len(lines)
			continue
		case lineText:
			kept = append(kept, plain)
			continue
		case lineOriginalURL:
			rest := strings.TrimSpace(plain[strings.IndexByte(plain, ':')+1:])
			if m := urlInTextRe.FindStringSubmatch(rest); m != nil {
				c.url = m[1]
			} else {
				wantURL = true
			}
		case lineURL:
			if c.url == "" {
				c.url = urlInTextRe.FindStringSubmatch(plain)[1]
			}
		case lineSource:
			// A header's source (the export's outlet column, the admin's
			// correction) was read first and stays: it says who published
			// this copy; a credit line in the body does not replace it.
			if c.source == "" {
				c.source = strings.TrimRight(strings.TrimSpace(plain[strings.IndexAny(plain, ":：")+1:]), ". ")
			}
			c.cues = append(c.cues, plain)
		case lineFirstPublished:
			c.firstPublishedBy = firstPublisher(plain)
			c.cues = append(c.cues, plain)
		default:
			c.cues = append(c.cues, plain)
		}
		kept = append(kept, "")
	}

	paras := joinParagraphs(kept)
	if len(paras) > 0 {
		dl := readDateline(paras[0])
		c.dateline, c.agency, c.datelineDate = dl.place, dl.agency, dl.date
	}
	c.body = strings.Join(paras, "\n\n")
	if c.published.IsZero() && c.url != "" {
		c.published, c.precision = dateFromURL(c.url)
	}
	return c
}

// header reads the metadata lines at the top (Markdown title, byline, date
// line, a short first line as title) and returns the index of the first body line.
func (c *cleaned) header(lines []string) int {
	i := 0
	for ; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		plain := plainMarkdown(l)
		switch {
		case c.field(plain):
			continue
		case c.title == "" && strings.HasPrefix(l, "# "):
			c.title = cleanTitle(strings.TrimSpace(plain))
			continue
		case c.author == "" && bylineRe.MatchString(plain):
			c.author = bylineRe.FindStringSubmatch(plain)[1]
			continue
		case c.published.IsZero() && c.dateLine(plain):
			continue
		case c.title == "" && isTitleLine(lines, i, plain):
			c.title = cleanTitle(plain)
			continue
		}
		break
	}
	return i
}

// field reads a "Key: value" header line (title, date, source, URL, author,
// in English, Russian, French, German and the other languages read) in any
// order. The first value of a key wins; a line with a key it cannot use (a
// date that does not parse) is still a header line and is left out.
func (c *cleaned) field(line string) bool {
	if len(line) > 400 {
		return false
	}
	if m := languageHeaderRe.FindStringSubmatch(line); m != nil {
		if c.language == "" {
			c.language = strings.ToLower(m[1])
		}
		return true
	}
	m := headerFieldRe.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	v := strings.TrimSpace(m[6])
	switch {
	case m[1] != "":
		if c.title == "" {
			c.title = cleanTitle(v)
		}
	case m[2] != "":
		if c.published.IsZero() {
			c.published, c.precision = headerDate(v)
		}
	case m[3] != "":
		if c.source == "" {
			c.source = strings.TrimRight(v, ". ")
		}
		c.cues = append(c.cues, line)
	case m[4] != "":
		u := urlInTextRe.FindStringSubmatch(v)
		if u == nil {
			return false // "Link: see below" is text
		}
		if c.url == "" {
			c.url = strings.TrimRight(u[1], ".,;")
		}
	case m[5] != "":
		if c.author == "" {
			c.author = v
		}
	}
	return true
}

// headerDate reads the value of a date header: an RFC 3339 or ISO date, or
// the first written date with its day or month ("20 сентября 2023, 10:15").
func headerDate(v string) (time.Time, Precision) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return day(t), PrecisionDay
	}
	if len(v) >= 10 {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return t, PrecisionDay
		}
	}
	if len(v) == 7 || (len(v) > 7 && v[7] == ' ') {
		if t, err := time.Parse("2006-01", v[:7]); err == nil {
			return t, PrecisionMonth // "Published: 2023-10"
		}
	}
	for _, e := range FindDates(v, time.Time{}, false) {
		if e.Resolved() && !e.Relative && e.Precision <= PrecisionMonth && e.spec.dayTo == 0 {
			return e.Date, e.Precision
		}
	}
	return time.Time{}, PrecisionNone
}

// dateLine reads a line that holds only a publication date ("January 03,
// 2023", "Published: 16.08.2023").
func (c *cleaned) dateLine(line string) bool {
	if len(line) > 60 {
		return false
	}
	rest := line
	for _, p := range []string{"published on", "published:", "published", "posted on", "posted:", "updated:", "date:"} {
		if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
			rest = strings.TrimSpace(rest[len(p):])
			break
		}
	}
	exprs := FindDates(rest, time.Time{}, false)
	if len(exprs) != 1 || !exprs[0].Resolved() || exprs[0].Precision > PrecisionMonth {
		return false
	}
	// Only the date itself, perhaps with a time after it.
	if exprs[0].Start > 0 || strings.ContainsFunc(rest[exprs[0].End:], unicode.IsLetter) && !timeTail(rest[exprs[0].End:]) {
		return false
	}
	c.published, c.precision = exprs[0].Date, exprs[0].Precision
	return true
}

// timeTail reports whether s is only a time of day ("12:30", "at 12:30 pm", "| 14:05 GMT").
func timeTail(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"at", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "msk", "cet", "cest", "edt", "est"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return !strings.ContainsFunc(s, unicode.IsLetter)
}

// isTitleLine reports whether line i is a short line standing alone before
// the text, without the punctuation that would make it a sentence.
func isTitleLine(lines []string, i int, plain string) bool {
	if i+1 < len(lines) && lines[i+1] != "" {
		return false
	}
	more := false
	for _, l := range lines[i+1:] {
		if l != "" {
			more = true
			break
		}
	}
	if !more || utf8.RuneCountInString(plain) > 200 || len(strings.Fields(plain)) > 30 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(plain)
	if strings.ContainsRune(".,;:—–-", last) {
		return false
	}
	if d, _ := findDateline(plain); d != "" {
		return false
	}
	return classifyLine(plain, plain) == lineText
}

// cleanTitle drops the "(PHOTO)" and "(VIDEO)" markers some outlets append.
func cleanTitle(t string) string {
	for {
		u := titleMarkRe.ReplaceAllString(t, "")
		if u == t {
			return strings.TrimSpace(t)
		}
		t = u
	}
}

// plainMarkdown removes Markdown markup from a line, keeping link text.
func plainMarkdown(l string) string {
	if strings.Contains(l, "](") {
		l = mdImageRe.ReplaceAllString(l, "")
		l = mdLinkRe.ReplaceAllString(l, "$1")
	}
	if strings.HasPrefix(l, "#") {
		l = mdHeadingRe.ReplaceAllString(l, "")
	}
	if strings.HasPrefix(l, ">") && !strings.HasPrefix(l, "><") {
		l = strings.TrimSpace(strings.TrimPrefix(l, ">"))
	}
	if strings.Contains(l, "**") || strings.Contains(l, "__") {
		l = mdBoldRe.ReplaceAllString(l, "$1$2")
	}
	if strings.Count(l, "*") >= 2 {
		l = mdItalicRe.ReplaceAllString(l, "$1$2")
	}
	return strings.TrimSpace(l)
}

// classifyLine says whether a line is text or which boilerplate it is. raw is
// the line as written (photo credits are recognised by their bold markup),
// plain the line without Markdown.
func classifyLine(raw, plain string) lineKind {
	low := strings.ToLower(plain)
	bare := strings.Trim(low, " .:!*_#-–—")
	if tailMarkers[bare] {
		return lineTail
	}
	short := len(plain) < 200
	switch {
	case bare == "leave a reply" || bare == "leave a comment" || bare == "post a comment" ||
		bare == "add comment" || bare == "cancel reply" || bare == "comments" || strings.HasSuffix(bare, " comments") && len(bare) < 14:
		return lineBoilerplate
	case strings.HasPrefix(low, "your email address will not be published"),
		strings.Contains(low, "required fields are marked"):
		return lineBoilerplate
	case short && (strings.Contains(low, "newsletter") || strings.HasPrefix(low, "subscribe") ||
		strings.HasPrefix(low, "sign up") || strings.HasPrefix(low, "get notified of the latest")):
		return lineBoilerplate
	case short && (strings.HasPrefix(low, "comment rules") || strings.HasPrefix(low, "comments are moderated") ||
		strings.HasPrefix(low, "we welcome comments") || strings.HasPrefix(low, "please keep comments") ||
		strings.HasPrefix(low, "you must be logged in") || strings.HasPrefix(low, "by commenting") ||
		strings.Contains(low, "comment policy")):
		return lineBoilerplate
	case hasAnyPrefix(low, "related article:", "related articles:", "related:", "read also:", "read more:",
		"see also:", "also read:", "читайте также:", "related story:"):
		return lineBoilerplate
	case hasAnyPrefix(low, "original url:", "original url", "original article:", "source url:", "url:"):
		return lineOriginalURL
	case autolinkRe.MatchString(plain) || bareURLRe.MatchString(plain):
		return lineURL
	case short && hasAnyPrefix(low, "source:", "источник:", "աղբյուր:", "mənbə:", "quelle:"):
		return lineSource
	case len(plain) < 300 && (strings.Contains(low, "first published by") || strings.Contains(low, "originally published by") ||
		strings.Contains(low, "first published in") || strings.Contains(low, "originally appeared") ||
		strings.Contains(low, "first appeared in") || strings.Contains(low, "first appeared on")):
		return lineFirstPublished
	case strings.HasPrefix(low, "the views expressed") || strings.HasPrefix(low, "the opinions expressed") ||
		strings.HasPrefix(low, "views expressed in"):
		return lineBoilerplate
	case short && (hasAnyPrefix(low, "share this", "share on", "tags:", "follow us", "copyright", "©") ||
		strings.Contains(low, "all rights reserved")):
		return lineBoilerplate
	case bare == "(photo)" || bare == "(video)" || bare == "photo" || bare == "video" || bare == "[photo]":
		return lineBoilerplate
	case photoTailRe.MatchString(raw) && len(raw) < 400:
		return lineBoilerplate
	case short && (photoLineRe.MatchString(plain) || creditLineRe.MatchString(plain)):
		return lineBoilerplate
	}
	return lineText
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// firstPublisher takes "This article was first published by the Carnegie
// Endowment for International Peace." to "Carnegie Endowment for International Peace".
func firstPublisher(line string) string {
	low := strings.ToLower(line)
	for _, k := range []string{"first published by", "originally published by", "first published in",
		"originally appeared in", "originally appeared on", "first appeared in", "first appeared on"} {
		if j := strings.Index(low, k); j >= 0 {
			s := strings.TrimSpace(line[j+len(k):])
			s = strings.TrimPrefix(s, "the ")
			s = strings.TrimPrefix(s, "The ")
			return strings.TrimRight(s, ".*_ ")
		}
	}
	return ""
}

// joinParagraphs turns kept lines ("" = break) into paragraphs, joining
// hard-wrapped lines.
func joinParagraphs(kept []string) []string {
	var paras []string
	var block []string
	flush := func() {
		if len(block) > 0 {
			paras = append(paras, unwrap(block)...)
			block = block[:0]
		}
	}
	for _, l := range kept {
		if l == "" {
			flush()
			continue
		}
		block = append(block, l)
	}
	flush()
	return paras
}

// unwrap joins the lines of a block that were wrapped at a fixed width and
// keeps apart the lines that are paragraphs of their own.
func unwrap(block []string) []string {
	if len(block) == 1 {
		return []string{block[0]}
	}
	width := 0
	for _, l := range block {
		width = max(width, utf8.RuneCountInString(l))
	}
	var out []string
	cur := block[0]
	for k := 1; k < len(block); k++ {
		prev, next := block[k-1], block[k]
		if softWrap(prev, next, width) {
			if joinsWithoutSpace(prev, next) {
				cur += next
			} else {
				cur += " " + next
			}
			continue
		}
		out = append(out, cur)
		cur = next
	}
	return append(out, cur)
}

// softWrap decides whether the newline between prev and next is only a wrap.
func softWrap(prev, next string, width int) bool {
	if isListItem(next) {
		return false
	}
	n := utf8.RuneCountInString(prev)
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	terminal := strings.ContainsRune(".!?…:”\"»", last)
	switch {
	case !terminal && n*2 < width && unicode.IsUpper(first):
		return false // a short heading-like line
	case !terminal:
		return true
	case n*4 >= width*3 && width >= 60:
		return true // a full-width line that happens to end a sentence
	}
	return false
}

func isListItem(l string) bool {
	if strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ") || strings.HasPrefix(l, "• ") {
		return true
	}
	j := 0
	for j < len(l) && l[j] >= '0' && l[j] <= '9' {
		j++
	}
	return j > 0 && j < len(l)-1 && (l[j] == '.' || l[j] == ')') && l[j+1] == ' '
}

// joinsWithoutSpace keeps "six-" + "week" together as "six-week".
func joinsWithoutSpace(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") || len(prev) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLetter(before) && unicode.IsLetter(first)
}

// findDateline reads the dateline at the start of a paragraph: the place
// ("STEPANAKERT") and the agency in it, if any ("RFE/RL").
func findDateline(para string) (place, agency string) {
	dl := readDateline(para)
	return dl.place, dl.agency
}

// dateline is what the dateline at the start of a paragraph says.
type dateline struct {
	place, agency string
	date          TimeExpr // Precision none without a date; offsets are in the paragraph
}

// readDateline reads a dateline with a date — "STEPANAKERT, 12 September
// 2023 —", "Baku, 12 September (Trend) —", "МОСКВА, 12 сентября. /ТАСС/.",
// "Երևան, սեպտեմբերի 19. ARMENPRESS." — or, failing that, one without
// ("YEREVAN (RFE/RL) —"). The date stays unresolved: its year, when not
// written, comes from the publication date.
func readDateline(para string) dateline {
	head := para
	if len(head) > 160 {
		head = head[:160]
		for len(head) > 0 && !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	for k, commas := 0, 0; k < len(head) && commas < 3; k++ {
		// Interfax writes "Москва. 19 сентября. INTERFAX.RU -".
		if head[k] != ',' && head[k] != '.' {
			continue
		}
		commas++
		place := strings.TrimSpace(head[:k])
		if !datelinePlaceRe.MatchString(place) {
			continue
		}
		rest := head[k+1:]
		lead := len(rest) - len(strings.TrimLeft(rest, " "))
		exprs := FindDates(rest[lead:], time.Time{}, false)
		if len(exprs) == 0 || exprs[0].Start != 0 || (exprs[0].spec.kind != specDay && exprs[0].spec.kind != specMonth) {
			continue
		}
		e := exprs[0]
		m := datelineTailRe.FindStringSubmatch(rest[lead+e.End:])
		agency := strings.TrimSpace(firstNonEmpty(m[1], m[2], m[3], m[4]))
		// "(the day the offensive began)" is no agency; "(askanews) –" is one.
		if r, _ := utf8.DecodeRuneInString(agency); agency != "" && !unicode.IsUpper(r) && (m[5] == "" || strings.Contains(agency, " ")) {
			continue
		}
		// A dash or an agency closes a dateline; a bare full stop does so
		// only after a place in capitals ("YEREVAN, December 14.").
		if agency == "" && m[5] == "" && !(head[k] == ',' && hasAnyPrefix(strings.TrimSpace(m[0]), ".", "։") && isCapitals(place)) {
			continue
		}
		e.Start, e.End = e.Start+k+1+lead, e.End+k+1+lead
		return dateline{place: place, agency: agency, date: e}
	}
	place, agency := undatedDateline(para)
	return dateline{place: place, agency: agency}
}

// isCapitals reports whether s has letters and all of them are capitals.
func isCapitals(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// undatedDateline reads "STEPANAKERT —", "YEREVAN (RFE/RL) —" and agency
// datelines the dated reading missed.
func undatedDateline(para string) (place, agency string) {
	if m := datelineAgencyRe.FindStringSubmatch(para); m != nil {
		place = strings.TrimRight(m[1], " ,")
		for _, a := range m[3:] {
			if a != "" {
				agency = strings.TrimSpace(a)
			}
		}
		return place, agency
	}
	if m := datelineDashRe.FindStringSubmatch(para); m != nil {
		return strings.TrimRight(m[1], " ,"), strings.TrimSpace(m[2])
	}
	return "", ""
}

// dateFromURL reads /2023/01/03/ (day) or /2023/08/ (month) from a URL path.
func dateFromURL(u string) (time.Time, Precision) {
	if k := strings.Index(u, "://"); k >= 0 {
		u = u[k+3:]
	}
	if k := strings.IndexByte(u, '/'); k >= 0 {
		u = u[k:]
	} else {
		return time.Time{}, PrecisionNone
	}
	m := urlDateRe.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, PrecisionNone
	}
	y, mo := atoi(m[1]), atoi(m[2])
	if m[3] == "" {
		return date(y, mo, 1), PrecisionMonth
	}
	d := atoi(m[3])
	if d > daysIn(y, mo) {
		return time.Time{}, PrecisionNone
	}
	return date(y, mo, d), PrecisionDay
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
