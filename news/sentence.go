package news

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a dot that does not end a sentence. Matched against
// the word before the dot, as written.
var abbreviations = setOf(
	"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Brig",
	"Cmdr", "Rep", "Sen", "Gov", "Pres", "Rev", "Fr", "St", "Jr", "Sr", "Hon", "Amb", "Pvt", "Mt", "Ft",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"No", "Nos", "Nr", "Art", "Vol", "vs", "approx", "est", "Mme", "Mlle",
	// Russian: год, годы, то есть, и так далее, улица, имени, тысяч, миллионов,
	// генерал, святой, другие, смотри
	"г", "гг", "т", "д", "ул", "им", "тыс", "млн", "млрд", "ген", "св", "др", "см", "р", "руб",
)

// Sentences splits text into sentences and returns their byte spans, trimmed
// of surrounding white space. A blank line always ends a sentence; so do
// '.', '!', '?', '…' and the Armenian full stop when the next sentence starts
// with an upper-case letter, a digit or an opening quote, except after
// abbreviations ("Dec.", "Gen.", "U.S.", "e.g.") and inside quotations that
// close within the paragraph.
func Sentences(text string) []Span {
	var out []Span
	for _, para := range paragraphs(text) {
		out = splitParagraph(text, para, out)
	}
	return out
}

// paragraphs returns the spans of the blocks of text between blank lines.
func paragraphs(text string) []Span {
	var out []Span
	start := 0
	for i := 0; i < len(text); {
		if text[i] != '\n' {
			i++
			continue
		}
		// A blank line is a newline followed by only spaces and another newline.
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			out = append(out, Span{start, i})
			for j < len(text) && isSpaceByte(text[j]) {
				j++
			}
			start, i = j, j
			continue
		}
		i = j
	}
	out = append(out, Span{start, len(text)})
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// quoteTracking tells which quotation marks balance within a paragraph; an
// unbalanced kind is ignored rather than swallowing the rest of the paragraph.
type quoteTracking struct {
	curly, german, straight, guillemets bool
}

func newQuoteTracking(p string) quoteTracking {
	open, close, low := strings.Count(p, "“"), strings.Count(p, "”"), strings.Count(p, "„")
	german := low > 0 && low == open && close == 0
	return quoteTracking{
		curly:      german || open == close,
		german:     german,
		straight:   strings.Count(p, `"`)%2 == 0,
		guillemets: strings.Count(p, "«") == strings.Count(p, "»"),
	}
}

// opensQuote and closesQuote say how a quotation mark moves the depth.
func (q quoteTracking) opensQuote(r rune) bool {
	if q.german {
		return r == '„'
	}
	return (q.curly && r == '“') || (q.guillemets && r == '«')
}

func (q quoteTracking) closesQuote(r rune) bool {
	if q.german {
		return r == '“'
	}
	return (q.curly && r == '”') || (q.guillemets && r == '»')
}

func splitParagraph(text string, para Span, out []Span) []Span {
	p := text[para.Start:para.End]
	qt := newQuoteTracking(p)
	depth := 0
	inStraight := false
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpaceRune(p, s) {
			_, n := utf8.DecodeRuneInString(p[s:])
			s += n
		}
		for e > s {
			r, n := utf8.DecodeLastRuneInString(p[:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= n
		}
		if e > s {
			out = append(out, Span{para.Start + s, para.Start + e})
		}
		start = end
	}
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		switch {
		case qt.opensQuote(r):
			depth++
		case qt.closesQuote(r):
			if depth > 0 {
				depth--
			}
		case qt.straight && r == '"':
			inStraight = !inStraight
		}
		if !isTerminal(p, i, r) {
			i += n
			continue
		}
		// Take the whole run of terminal marks and the quotes and brackets closing after it.
		j := i + n
	run:
		for j < len(p) {
			r2, n2 := utf8.DecodeRuneInString(p[j:])
			switch {
			case r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' || r2 == '։':
			case qt.closesQuote(r2):
				if depth > 0 {
					depth--
				}
			case r2 == '”' || r2 == '»' || r2 == ')' || r2 == ']' || r2 == '’':
			case r2 == '"' && (!qt.straight || inStraight):
				inStraight = false
			default:
				break run
			}
			j += n2
		}
		if depth > 0 || inStraight || !sentenceBoundary(p, i, r, j) {
			i = j
			continue
		}
		emit(j)
		i = j
	}
	emit(len(p))
	return out
}

func isSpaceRune(p string, i int) bool {
	r, _ := utf8.DecodeRuneInString(p[i:])
	return unicode.IsSpace(r)
}

func opens(r rune) bool {
	switch r {
	case '“', '‘', '«', '(', '[', '"', '„', '\'':
		return true
	}
	return false
}

// isTerminal reports whether rune r at i may end a sentence.
func isTerminal(p string, i int, r rune) bool {
	switch r {
	case '.', '!', '?', '…', '։':
		return true
	case ':':
		// Armenian often ends sentences with a colon-like full stop.
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(p[:i])
			return unicode.Is(unicode.Armenian, prev)
		}
	}
	return false
}

// sentenceBoundary decides whether the terminal mark r at i, whose run ends
// at j, ends the sentence.
func sentenceBoundary(p string, i int, r rune, j int) bool {
	if j < len(p) {
		r2, _ := utf8.DecodeRuneInString(p[j:])
		if !unicode.IsSpace(r2) {
			return false // "3.5", "example.com", "U.S"
		}
	}
	// What starts the next sentence?
	k := j
	for k < len(p) {
		r2, n2 := utf8.DecodeRuneInString(p[k:])
		if !unicode.IsSpace(r2) {
			break
		}
		k += n2
	}
	if k < len(p) {
		nr, nn := utf8.DecodeRuneInString(p[k:])
		for opens(nr) || nr == '*' || nr == '—' || nr == '–' {
			k += nn
			if k >= len(p) {
				break
			}
			nr, nn = utf8.DecodeRuneInString(p[k:])
		}
		if k < len(p) && !unicode.IsUpper(nr) && !unicode.IsDigit(nr) && !unicode.Is(unicode.Armenian, nr) {
			return false
		}
	}
	if r != '.' {
		return true
	}
	if i+1 < len(p) && p[i+1] == '.' {
		return true // an ellipsis written with dots
	}
	word := wordBefore(p, i)
	if word == "" {
		// German writes the day as an ordinal: "am 20. September".
		return !(ordinalBefore(p, i) && germanMonths[leadingLetters(p[k:])])
	}
	if abbreviations[word] {
		return false
	}
	// "U.S", "e.g", "i.e", "т.е": letters separated by dots.
	if strings.Contains(word, ".") {
		return false
	}
	// A single capital is an initial: "A. Volkov".
	if rr, n := utf8.DecodeRuneInString(word); n == len(word) && unicode.IsUpper(rr) {
		return false
	}
	return true
}

// wordBefore returns the letters (and inner dots) right before byte i.
func wordBefore(p string, i int) string {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if unicode.IsLetter(r) || (r == '.' && j-n > 0 && j < i) {
			j -= n
			continue
		}
		break
	}
	w := strings.Trim(p[j:i], ".")
	return w
}

// germanMonths are the month names an ordinal day precedes in German
// ("20. September", "1. Jänner").
var germanMonths = setOf("Januar", "Jänner", "Februar", "Feber", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember")

// ordinalBefore reports whether one or two digits, after a space or the
// start, stand right before byte i.
func ordinalBefore(p string, i int) bool {
	j := i
	for j > 0 && i-j < 2 && p[j-1] >= '0' && p[j-1] <= '9' {
		j--
	}
	return j < i && (j == 0 || p[j-1] == ' ' || p[j-1] == '(')
}

// leadingLetters returns the letters at the start of s.
func leadingLetters(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}
