package gazetteer

import "testing"

// FuzzTag checks that Tag accepts any bytes: no panic, spans inside the
// text, on rune boundaries, sorted and not overlapping, surfaces equal to the
// text they cover.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"STEPANAKERT — The Russian peacekeepers in Nagorno-Karabakh",
		"Baku offered a better Aghdam-Khankendi road; the Lachin-Khankendi road",
		"трасса Горис — Степанакерт, в Шушинском районе, по Лачинскому коридору",
		"Laçına, Şuşada, Şuşa'da, Xankəndidə və Bakıda", "Ստեփանակերտում", "Stepanakerts",
		"to the bridge over the river Hakari at the Hakari bridge checkpoint",
		"The Moscow Times; Second Karabakh War; Florence Avakian",
		"\xffBaku\xfe’s", "St. Petersburg", "https://x.com/nagorno-karabakh",
	} {
		f.Add(s)
	}
	ix := NewIndex(tagTestEntries())
	f.Fuzz(func(t *testing.T, text string) {
		tagCheckInvariants(t, text, ix.Tag(text))
	})
}
