package gazetteer

import (
	"testing"
	"unicode/utf8"
)

// FuzzNormalize checks that Normalize and NormalizeName accept any bytes:
// no panic, valid UTF-8 out, offsets monotonic and inside the input, and
// NormalizeName is idempotent, so a key normalises to itself.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Stepanakert", "XANKƏNDİ", "Şuşa'da", "Baku’s", "l'Arménie", "Nagorno-\nKarabakh",
		"в Шушинском районе", "Ստեփանակերտում", "a\xffb", "\u0301", "Лачински\u0306", "ﬁ ² Ｂ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		norm, offs := Normalize(in)
		if !utf8.ValidString(norm) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", in, norm)
		}
		if len(offs) != len(norm)+1 || offs[len(norm)] != len(in) {
			t.Fatalf("Normalize(%q): %d offsets for %d bytes, last %d", in, len(offs), len(norm), offs[len(offs)-1])
		}
		prev := 0
		for i, o := range offs {
			if o < prev || o > len(in) {
				t.Fatalf("Normalize(%q): offsets[%d] = %d after %d", in, i, o, prev)
			}
			prev = o
		}
		key := NormalizeName(in)
		if !utf8.ValidString(key) {
			t.Fatalf("NormalizeName(%q) = %q: invalid UTF-8", in, key)
		}
		if again := NormalizeName(key); again != key {
			t.Fatalf("NormalizeName not idempotent: %q -> %q -> %q", in, key, again)
		}
	})
}
