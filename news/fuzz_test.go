package news

import (
	"errors"
	"testing"
	"time"
	"unicode/utf8"
)

// The fuzz targets check what must hold for any input: no panic, errors
// only as ErrInvalid, offsets inside the text. Their committed corpus is in
// testdata/fuzz/; run one for a while with e.g.
// go test -run '^$' -fuzz FuzzParseArticle -fuzztime 20s -fuzzminimizetime 2s ./news
// (without the minimize limit the engine may spend the whole run minimizing
// its first new input, since one execution parses a whole article).

func FuzzParseArticle(f *testing.F) {
	for _, k := range []string{"001", "002", "003"} {
		f.Add(readSeed(f, k))
	}
	outlets := mustOutlets(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, parse := range []func() (*Article, error){
			func() (*Article, error) { return ParseArticle("f.txt", raw, outlets) },
			func() (*Article, error) { return ParseRaw("f.txt", raw) },
		} {
			a, err := parse()
			if err != nil {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("error %v does not wrap ErrInvalid", err)
				}
				continue
			}
			if err := a.Validate(); err != nil {
				t.Fatalf("parsed article invalid: %v", err)
			}
			if !utf8.ValidString(a.Body) {
				t.Fatal("body is not UTF-8")
			}
			checkSpans(t, a.Body, Sentences(a.Body))
			for _, e := range ExtractEvents(a, testMentions(a.Body)) {
				checkEvent(t, a, e)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	f.Add("The road is closed. “Why? Is it?” he said. Dec. 12 was cold.\n\nNew paragraph")
	f.Add(`"unbalanced quote. And more." «Да». Խաղաղապահները հրաժարվել են։`)
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, Sentences(text))
	})
}

func FuzzFindDates(f *testing.F) {
	f.Add("Since Dec. 12, 2022 and last Friday, 13 декабря, դեկտեմբերի 12-ին, 12 dekabr 2022-ci il", int64(1672704000))
	f.Add("in autumn 2020, 16.08.2023, 2023-08-16, six months ago, le 1er décembre", int64(0))
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		ref := time.Unix(unix%(200*365*86400), 0).UTC()
		for _, known := range []bool{true, false} {
			prev := 0
			for _, e := range FindDates(text, ref, known) {
				if e.Start < prev || e.End > len(text) || e.Start >= e.End || text[e.Start:e.End] != e.Text {
					t.Fatalf("bad expression %+v in %q", e, text)
				}
				prev = e.End
				if !e.Precision.Valid() || e.Precision == PrecisionNone {
					t.Fatalf("precision %v", e.Precision)
				}
				if e.Resolved() && e.DateEnd.Before(e.Date) {
					t.Fatalf("range %v..%v", e.Date, e.DateEnd)
				}
				if !known && e.Relative && e.Resolved() {
					t.Fatalf("relative expression resolved without a reference: %+v", e)
				}
			}
		}
	})
}

// checkSpans asserts that sentence spans are inside the text, in order,
// apart, non-empty and trimmed.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for _, sp := range spans {
		if sp.Start < prev || sp.End > len(text) || sp.Start >= sp.End {
			t.Fatalf("bad span %v after %d in a text of %d bytes", sp, prev, len(text))
		}
		s := text[sp.Start:sp.End]
		first, _ := utf8.DecodeRuneInString(s)
		last, _ := utf8.DecodeLastRuneInString(s)
		if isSpaceRuneValue(first) || isSpaceRuneValue(last) {
			t.Fatalf("span %v not trimmed: %q", sp, s)
		}
		prev = sp.End
	}
}

func isSpaceRuneValue(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00A0' || r == '\u2028' || r == '\u2029' ||
		r == '\v' || r == '\f' || r == '\u0085' || r == '\u3000' || (r >= '\u2000' && r <= '\u200A') || r == '\u1680' ||
		r == '\u202F' || r == '\u205F'
}
