package gazetteer

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds s into the form names are compared in: Unicode
// compatibility decomposition (NFKD, so ligatures, full-width and other
// compatibility characters become plain letters), case folding for every
// script, Latin/Greek/Hebrew/Arabic diacritics removed (é→e, ş→s, ğ→g) plus
// the letters accent stripping leaves alone (Azerbaijani ə→e, ı→i, İ→i,
// ß→ss, ø→o, ł→l ...), Cyrillic ё→е with й kept, every dash to "-", every
// apostrophe-like mark to "'", every double quote or guillemet to `"`,
// invisible format characters dropped and whitespace runs collapsed to one
// space. Armenian, Cyrillic and other letters keep their script.
//
// offsets has one entry per byte of norm plus a final len(s): offsets[i] is
// the byte offset in s of the rune that produced byte i of norm, so the span
// norm[a:b] came from s[offsets[a]:offsets[b]] (up to the last rune's end).
// Invalid UTF-8 bytes come out as U+FFFD; norm is always valid UTF-8.
func Normalize(s string) (norm string, offsets []int) {
	out := make([]byte, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		n := len(out)
		c := s[i]
		size := 1
		if c < utf8.RuneSelf {
			out = normAppendASCII(out, c)
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			out = normAppendRune(out, r)
		}
		for ; n < len(out); n++ {
			offs = append(offs, i)
		}
		i += size
	}
	offs = append(offs, len(s))
	return string(out), offs
}

// NormalizeName returns the key form of a name: the words of s, each folded
// as Normalize does, joined by single spaces. Hyphens, dashes and every
// punctuation mark other than an apostrophe inside a word separate words;
// a possessive 's is dropped ("Baku’s" → "baku") and so is an elided French
// or Italian article ("l'Arménie" → "armenie"). Index keys, name search and
// the evaluation's surface comparison all use this form, so
// NormalizeName("XANKƏNDİ") == NormalizeName("xankəndi") == "xankendi" and
// NormalizeName("Nagorno–Karabakh") == "nagorno karabakh".
func NormalizeName(s string) string {
	var sc normScanner
	sc.scan(s)
	if len(sc.keys) == 0 {
		return ""
	}
	return string(sc.keys[:len(sc.keys)-1])
}

// normAppendASCII appends the folded form of one ASCII byte.
func normAppendASCII(dst []byte, c byte) []byte {
	switch {
	case 'A' <= c && c <= 'Z':
		return append(dst, c+('a'-'A'))
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c < 0x20 || c == 0x7f:
		return normAppendSpace(dst)
	case c == '`':
		return append(dst, '\'')
	}
	return append(dst, c)
}

// normAppendSpace appends one space unless dst already ends with one, which
// is how whitespace runs collapse.
func normAppendSpace(dst []byte) []byte {
	if len(dst) > 0 && dst[len(dst)-1] == ' ' {
		return dst
	}
	return append(dst, ' ')
}

// normAppendRune appends the folded form of one rune (any rune; ASCII goes
// through normAppendASCII). It never allocates beyond growing dst.
func normAppendRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return normAppendASCII(dst, byte(r))
	}
	if out, ok := normFoldSpecial(dst, r); ok {
		return out
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	dec := norm.NFKD.Properties(buf[:n]).Decomposition()
	if len(dec) == 0 {
		return normAppendPlain(dst, r)
	}
	// A full decomposition: its runes need no further decomposing.
	for len(dec) > 0 {
		rr, size := utf8.DecodeRune(dec)
		dec = dec[size:]
		if rr < utf8.RuneSelf {
			dst = normAppendASCII(dst, byte(rr))
			continue
		}
		if out, ok := normFoldSpecial(dst, rr); ok {
			dst = out
			continue
		}
		dst = normAppendPlain(dst, rr)
	}
	return dst
}

// normAppendWordRune appends the folded form of a rune inside a word,
// keeping only what is itself part of a word: a compatibility decomposition
// can bring punctuation or a space along (ŀ is l and a middle dot).
func normAppendWordRune(dst []byte, r rune) []byte {
	n := len(dst)
	dst = normAppendRune(dst, r)
	clean := true
	for k := n; k < len(dst); k++ {
		if c := dst[k]; c < utf8.RuneSelf && !normIsASCIIWord(c) || c == 0xC2 {
			clean = false // ASCII punctuation or space, or a Latin-1 symbol
			break
		}
	}
	if clean {
		return dst
	}
	w := n
	for k := n; k < len(dst); {
		rr, size := utf8.DecodeRune(dst[k:])
		if normIsWordRune(rr) {
			w += copy(dst[w:], dst[k:k+size])
		}
		k += size
	}
	return dst[:w]
}

// normAppendPlain lower-cases a rune that has no decomposition, dropping
// foldable combining marks and turning spaces and controls into a space.
func normAppendPlain(dst []byte, r rune) []byte {
	switch {
	case normIsFoldMark(r):
		return dst
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return normAppendSpace(dst)
	}
	return utf8.AppendRune(dst, unicode.ToLower(r))
}

// normFoldSpecial handles the runes whose folding neither NFKD nor lower
// casing gets right for matching names. ok is false for every other rune.
func normFoldSpecial(dst []byte, r rune) (out []byte, ok bool) {
	switch r {
	case 'ə', 'Ə': // Azerbaijani schwa: Xankəndi is written Xankendi without it
		return append(dst, 'e'), true
	case 'ı', 'İ': // Turkish/Azerbaijani dotless and dotted i
		return append(dst, 'i'), true
	case 'ß', 'ẞ':
		return append(dst, 's', 's'), true
	case 'ø', 'Ø':
		return append(dst, 'o'), true
	case 'æ', 'Æ':
		return append(dst, 'a', 'e'), true
	case 'œ', 'Œ':
		return append(dst, 'o', 'e'), true
	case 'đ', 'Đ', 'ð', 'Ð':
		return append(dst, 'd'), true
	case 'ł', 'Ł':
		return append(dst, 'l'), true
	case 'ħ', 'Ħ':
		return append(dst, 'h'), true
	case 'þ', 'Þ':
		return append(dst, 't', 'h'), true
	case 'ё', 'Ё': // Russian writes ё as е in most texts
		return append(dst, "е"...), true
	case 'й', 'Й': // a letter of its own, not и with a breve
		return append(dst, "й"...), true
	case 'ς':
		return append(dst, "σ"...), true
	case '\u0306': // a decomposed й: restore it, drop any other breve
		if n := len(dst); n >= 2 && dst[n-2] == 0xD0 && dst[n-1] == 0xB8 {
			dst[n-1] = 0xB9
		}
		return dst, true
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', '\u200E', '\u200F':
		return dst, true // invisible: soft hyphen, zero-width, direction marks
	case '\u2028', '\u2029', '\u0085':
		return normAppendSpace(dst), true
	}
	switch {
	case normIsDash(r):
		return append(dst, '-'), true
	case normIsApostrophe(r):
		return append(dst, '\''), true
	case normIsDoubleQuote(r):
		return append(dst, '"'), true
	}
	return dst, false
}

// normIsFoldMark reports whether r is a combining mark that matching ignores:
// the general diacritics and the Cyrillic, Hebrew and Arabic pointing. Marks
// of Indic and other scripts are letters' parts there and are kept.
func normIsFoldMark(r rune) bool {
	switch {
	case r >= 0x0300 && r <= 0x036F,
		r >= 0x0483 && r <= 0x0489,
		r >= 0x0591 && r <= 0x05C7,
		r >= 0x0610 && r <= 0x061A,
		r >= 0x064B && r <= 0x065F,
		r == 0x0670,
		r >= 0x06D6 && r <= 0x06ED,
		r >= 0x1AB0 && r <= 0x1AFF,
		r >= 0x1DC0 && r <= 0x1DFF,
		r >= 0x20D0 && r <= 0x20FF,
		r >= 0xFE20 && r <= 0xFE2F:
		return unicode.In(r, unicode.Mn, unicode.Me)
	}
	return false
}

// normIsDash reports whether r is a hyphen, dash or minus sign.
func normIsDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212',
		'\u2E3A', '\u2E3B', '\uFE58', '\uFE63', '\uFF0D', '\u058A', '\u2043':
		return true
	}
	return false
}

// normIsLongDash reports whether r is a dash that never joins the parts of
// one name (em dash, horizontal bar, two- and three-em dashes).
func normIsLongDash(r rune) bool {
	switch r {
	case '\u2014', '\u2015', '\u2E3A', '\u2E3B', '\uFE58':
		return true
	}
	return false
}

// normIsApostrophe reports whether r is an apostrophe or a single quote.
func normIsApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u201A', '\u201B', '\u02BC', '\u02BB', '\u02B9',
		'\u02BD', '\u00B4', '\u2032', '\uFF07', '\u055A':
		return true
	}
	return false
}

// normIsDoubleQuote reports whether r is a double quote or a guillemet.
func normIsDoubleQuote(r rune) bool {
	switch r {
	case '"', '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2039', '\u203A',
		'\u2033', '\u301D', '\u301E', '\u301F', '\uFF02', '\u300C', '\u300D':
		return true
	}
	return false
}

// normIsWordRune reports whether r belongs inside a word: letters, digits and
// combining marks, but not the modifier letters used as apostrophes.
func normIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return normIsASCIIWord(byte(r))
	}
	if normIsApostrophe(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// normIsASCIIWord reports whether c is an ASCII letter or digit.
func normIsASCIIWord(c byte) bool {
	return (c|0x20)-'a' < 26 || c-'0' < 10
}

// Bits of normToken.flags.
const (
	normTokCap    uint16 = 1 << iota // first letter upper or title case, or of a caseless script
	normTokUpper                     // two or more letters, none lower case
	normTokSent                      // first word of a sentence, paragraph or text
	normTokCyrl                      // has a Cyrillic letter
	normTokArmn                      // has an Armenian letter
	normTokAz                        // has a letter of Azerbaijani/Turkish Latin (ə ı ş ğ ç ö ü)
	normTokPoss                      // was followed by a possessive 's (not part of the word)
	normTokApos                      // has an apostrophe inside
	normTokURL                       // part of a URL
	normTokLetter                    // has at least one letter (not only digits)
)

// Bits of normToken.gap: what separates a word from the next one.
const (
	normGapSpace     uint16 = 1 << iota // any whitespace
	normGapNewline                      // a line break
	normGapPara                         // two or more line breaks
	normGapDash                         // one hyphen or dash
	normGapLongDash                     // the dash is an em dash or bar
	normGapDash2                        // more than one dash
	normGapSpaceDash                    // whitespace came before the dash
	normGapPeriod                       // a full stop
	normGapSentence                     // ! ? … or :
	normGapComma                        // a comma
	normGapOther                        // any other punctuation, symbol or invalid byte
	normGapEnd                          // the end of the text
)

// normToken is one word of a text as the scanner sees it.
type normToken struct {
	start, end int    // the word's bytes in the text (possessive 's and elided article excluded)
	k0, k1     int    // its folded key in the scanner's key buffer
	gap        uint16 // normGap bits: what follows the word up to the next one
	flags      uint16 // normTok bits
}

// normScanner splits a text into words and folds each into a key. keys holds
// every word's key followed by one space, so the key of words i..j is the
// contiguous keys[toks[i].k0:toks[j].k1]. A scanner is reused across texts
// to avoid allocating.
type normScanner struct {
	toks   []normToken
	keys   []byte
	nCyrl  int // words with Cyrillic letters
	nSchwa int // ə letters seen: a strong sign of Azerbaijani text
}

// scan splits text into sc.toks and sc.keys, replacing what was there.
func (sc *normScanner) scan(text string) {
	sc.toks = sc.toks[:0]
	sc.keys = sc.keys[:0]
	sc.nCyrl, sc.nSchwa = 0, 0
	var gap uint16
	inURL := false
	prev := byte(0) // previous ASCII separator byte, for "://"
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if normIsASCIIWord(c) {
				i = sc.word(text, i, gap, &inURL)
				gap, prev = 0, 0
				continue
			}
			switch c {
			case ' ', '\t', '\r', '\f', '\v':
				gap |= normGapSpace
				inURL = false
			case '\n':
				if gap&normGapNewline != 0 {
					gap |= normGapPara
				}
				gap |= normGapNewline | normGapSpace
				inURL = false
			case '-':
				gap = normGapAddDash(gap, false)
			case '.':
				gap |= normGapPeriod
			case '!', '?':
				gap |= normGapSentence
			case ':':
				gap |= normGapSentence
			case ',':
				gap |= normGapComma
			case '/':
				if prev == '/' && i >= 2 && text[i-2] == ':' {
					inURL = true
					if n := len(sc.toks); n > 0 {
						sc.toks[n-1].flags |= normTokURL
					}
				}
				gap |= normGapOther
			default:
				gap |= normGapOther
			}
			prev = c
			i++
			continue
		}
		prev = 0
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			gap |= normGapOther
		case normIsWordRune(r):
			i = sc.word(text, i, gap, &inURL)
			gap = 0
			continue
		case normIsDash(r):
			gap = normGapAddDash(gap, normIsLongDash(r))
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			gap |= normGapNewline | normGapPara | normGapSpace
			inURL = false
		case unicode.IsSpace(r):
			gap |= normGapSpace
			inURL = false
		case r == '…' || r == '。' || r == '։' || r == '؟' || r == '¡' || r == '¿':
			gap |= normGapSentence
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			// invisible between words
		default:
			gap |= normGapOther
		}
		i += size
	}
	if n := len(sc.toks); n > 0 {
		sc.toks[n-1].gap = gap | normGapEnd
	}
}

// normGapAddDash records one more dash in a gap.
func normGapAddDash(gap uint16, long bool) uint16 {
	if gap&normGapDash != 0 {
		return gap | normGapDash2
	}
	gap |= normGapDash
	if long {
		gap |= normGapLongDash
	}
	if gap&normGapSpace != 0 {
		gap |= normGapSpaceDash
	}
	return gap
}

// normElision reports whether key is a French or Italian article elided
// before an apostrophe (l', d', dell' ...), which is not part of the name.
func normElision(key []byte) bool {
	switch string(key) {
	case "l", "d", "qu", "dell", "nell", "all", "dall", "sull", "de", "del":
		return true
	}
	return false
}

// word scans the word starting at text[i], appends it to sc.toks and
// returns the index where scanning resumes. gapBefore is what separated it
// from the previous word. text[i] must start a word rune.
func (sc *normScanner) word(text string, i int, gapBefore uint16, inURL *bool) int {
	sent := len(sc.toks) == 0 || gapBefore&(normGapPeriod|normGapSentence|normGapPara) != 0
	if n := len(sc.toks); n > 0 {
		sc.toks[n-1].gap = gapBefore
	}
	start := i
	k0 := len(sc.keys)
	var flags uint16
	upper, lower := 0, 0
	caseSeen := false // the first letter's case has been recorded
	resume := -1
scan:
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				// A run of lower-case ASCII letters, the bulk of most texts.
				j := i + 1
				for j < len(text) && text[j]-'a' < 26 {
					j++
				}
				sc.keys = append(sc.keys, text[i:j]...)
				lower += j - i
				caseSeen = true
				flags |= normTokLetter
				i = j
				continue
			case 'A' <= c && c <= 'Z':
				sc.keys = append(sc.keys, c+('a'-'A'))
				upper++
				if !caseSeen {
					caseSeen = true
					flags |= normTokCap
				}
				flags |= normTokLetter
				i++
				continue
			case '0' <= c && c <= '9':
				sc.keys = append(sc.keys, c)
				i++
				continue
			case c == '\'' || c == '`':
				next, stop, add := sc.apostrophe(text, i, 1, k0)
				flags |= add
				if stop {
					if next > i {
						resume = next
					}
					break scan
				}
				if next < 0 { // elided article: the word restarts after it
					i += 1
					start = i
					sc.keys = sc.keys[:k0]
					upper, lower, caseSeen = 0, 0, false
					flags &^= normTokCap | normTokLetter
					continue
				}
				i = next
				continue
			}
			break scan
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		// The Russian and Armenian alphabets fold by arithmetic: no
		// decomposition or Unicode table lookups for them.
		if r >= 'А' && r <= 'я' || r >= 'Ա' && r <= 'Ֆ' || r >= 'ա' && r <= 'ֆ' {
			up := r < 'а' && r >= 'А' || r <= 'Ֆ' && r >= 'Ա'
			if r < 'Ա' {
				flags |= normTokCyrl | normTokLetter
				if up {
					r += 'а' - 'А'
				}
			} else {
				flags |= normTokArmn | normTokLetter
				if up {
					r += 'ա' - 'Ա'
				}
			}
			if up {
				upper++
			} else {
				lower++
			}
			if !caseSeen {
				caseSeen = true
				if up {
					flags |= normTokCap
				}
			}
			sc.keys = utf8.AppendRune(sc.keys, r)
			i += size
			continue
		}
		switch {
		case r == utf8.RuneError && size == 1:
			break scan
		case normIsApostrophe(r):
			next, stop, add := sc.apostrophe(text, i, size, k0)
			flags |= add
			if stop {
				if next > i {
					resume = next
				}
				break scan
			}
			if next < 0 {
				i += size
				start = i
				sc.keys = sc.keys[:k0]
				upper, lower, caseSeen = 0, 0, false
				flags &^= normTokCap | normTokLetter
				continue
			}
			i = next
			continue
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			i += size // invisible inside a word
			continue
		case !normIsWordRune(r):
			break scan
		}
		switch {
		case r >= 0x0400 && r <= 0x052F:
			flags |= normTokCyrl
		case r >= 0x0531 && r <= 0x058F || r >= 0xFB13 && r <= 0xFB17:
			flags |= normTokArmn
		case r == 'ə' || r == 'Ə':
			flags |= normTokAz
			sc.nSchwa++
		case r == 'ı' || r == 'İ' || r == 'ş' || r == 'Ş' || r == 'ğ' || r == 'Ğ' ||
			r == 'ç' || r == 'Ç' || r == 'ö' || r == 'Ö' || r == 'ü' || r == 'Ü':
			flags |= normTokAz
		}
		if unicode.IsLetter(r) {
			flags |= normTokLetter
			isUp := unicode.IsUpper(r) || unicode.IsTitle(r)
			isLow := unicode.IsLower(r)
			if isUp {
				upper++
			} else if isLow {
				lower++
			}
			if !caseSeen {
				caseSeen = true
				if isUp || !isLow {
					flags |= normTokCap // caseless scripts count as capitalised
				}
			}
		}
		sc.keys = normAppendWordRune(sc.keys, r)
		i += size
	}
	// The loop always consumes the word rune at the (re)start, so end > start.
	end := i
	if resume < 0 {
		resume = end
	}
	if len(sc.keys) == k0 {
		// Only marks or invisible characters: not a word.
		if n := len(sc.toks); n > 0 {
			sc.toks[n-1].gap |= normGapOther
		}
		return resume
	}
	if upper >= 2 && lower == 0 {
		flags |= normTokUpper
	}
	if sent {
		flags |= normTokSent
	}
	if flags&normTokCyrl != 0 {
		sc.nCyrl++
	}
	if *inURL {
		flags |= normTokURL
	} else if string(sc.keys[k0:]) == "www" && end < len(text) && text[end] == '.' {
		*inURL = true
		flags |= normTokURL
	}
	// Fields are set in place: building the struct on the stack and copying
	// it in stalls on store forwarding, a third of the scanner's time.
	n := len(sc.toks)
	if n == cap(sc.toks) {
		sc.toks = append(sc.toks, normToken{})
	} else {
		sc.toks = sc.toks[:n+1]
	}
	t := &sc.toks[n]
	t.start, t.end, t.k0, t.k1, t.gap, t.flags = start, end, k0, len(sc.keys), 0, flags
	sc.keys = append(sc.keys, ' ')
	return resume
}

// apostrophe decides what an apostrophe of width w at text[i] inside a word
// does. It returns stop=true when the word ends before it (next is where
// scanning resumes if a possessive 's was skipped, else i), next<0 when the
// word so far was an elided article to drop, and otherwise the index after
// the apostrophe with "'" appended to the key. flags are token flags to add.
func (sc *normScanner) apostrophe(text string, i, w, k0 int) (next int, stop bool, flags uint16) {
	j := i + w
	// Marks the key drops do not continue the word: what follows them does
	// (else the key would keep an apostrophe that normalising the key
	// again drops).
	k := j
	for k < len(text) {
		r, n := utf8.DecodeRuneInString(text[k:])
		if !normIsFoldMark(r) {
			break
		}
		k += n
	}
	if k >= len(text) || len(sc.keys) == k0 {
		return i, true, 0
	}
	q, qs := utf8.DecodeRuneInString(text[k:])
	if q == utf8.RuneError && qs == 1 || !normIsWordRune(q) {
		return i, true, 0
	}
	if q == 's' || q == 'S' {
		after := k + 1
		if after >= len(text) {
			return after, true, normTokPoss
		}
		a, as := utf8.DecodeRuneInString(text[after:])
		if a == utf8.RuneError && as == 1 || !normIsWordRune(a) {
			return after, true, normTokPoss
		}
	}
	if (unicode.IsUpper(q) || unicode.IsTitle(q)) && normElision(sc.keys[k0:]) {
		return -1, false, 0
	}
	sc.keys = append(sc.keys, '\'')
	return j, false, normTokApos
}
