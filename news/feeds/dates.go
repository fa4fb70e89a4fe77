package feeds

import (
	"strings"
	"time"
)

// zoneOffsets are the zone names feeds write instead of numeric offsets
// (RFC 822 and the American ones it lists, plus what publishers make up).
var zoneOffsets = map[string]string{
	"UT": "+0000", "UTC": "+0000", "GMT": "+0000", "Z": "+0000", "Z00:00": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"CET": "+0100", "CEST": "+0200", "EET": "+0200", "EEST": "+0300",
	"MSK": "+0300", "AMT": "+0400", "AZT": "+0400", "BST": "+0100",
}

// isoLayouts are tried first: RFC 3339 and the ISO forms near it.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// rfc822Layouts are tried on the text without its weekday and with its zone
// made numeric: RFC 1123, RFC 822 and their sloppy variants.
var rfc822Layouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04 -0700",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 January 2006 15:04:05",
	"2 Jan 2006",
	"2 January 2006",
	"Jan 2 2006 15:04:05 -0700",
	"January 2 2006 15:04:05 -0700",
	"Jan 2 2006 15:04:05",
	"Jan 2 2006",
	"January 2 2006",
}

// ParseDate reads a feed date: RFC 3339, RFC 1123 or RFC 822 with their
// common sloppiness (a one-digit day, a missing weekday or seconds, "GMT",
// "UT" or "+03:00" for the zone, a two-digit year). A date without a zone
// is taken as UTC. The result is in UTC; a date it cannot read gives the
// zero time.
func ParseDate(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 100 {
		return time.Time{}
	}
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	s = normaliseRFC822(s)
	for _, l := range rfc822Layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// normaliseRFC822 drops the weekday and commas, shortens "Sept", and writes
// the zone as a numeric offset.
func normaliseRFC822(s string) string {
	if i := strings.IndexByte(s, ','); i >= 0 && i <= 10 && isLetters(s[:i]) {
		s = s[i+1:]
	}
	s = strings.ReplaceAll(s, ",", " ")
	f := strings.Fields(s)
	if len(f) > 0 && isLetters(f[0]) && len(f) >= 4 && isDigits(f[1]) && !isDigits(f[2]) {
		f = f[1:] // "Tue 5 Sep 2023 ..." without the comma
	}
	for i, w := range f {
		if strings.EqualFold(w, "Sept") {
			f[i] = "Sep"
		}
	}
	if n := len(f); n > 0 {
		z := f[n-1]
		if off, ok := zoneOffsets[strings.ToUpper(z)]; ok {
			f[n-1] = off
		} else if len(z) == 6 && (z[0] == '+' || z[0] == '-') && z[3] == ':' {
			f[n-1] = z[:3] + z[4:] // "+03:00"
		} else if len(z) == 3 && (z[0] == '+' || z[0] == '-') && isDigits(z[1:]) {
			f[n-1] = z + "00" // "+03"
		} else if up := strings.ToUpper(z); strings.HasPrefix(up, "GMT") || strings.HasPrefix(up, "UTC") {
			if rest := z[3:]; len(rest) == 5 && (rest[0] == '+' || rest[0] == '-') {
				f[n-1] = rest // "GMT+0300"
			}
		}
	}
	return strings.Join(f, " ")
}

func isLetters(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
