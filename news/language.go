package news

import (
	"strings"
	"unicode"
)

// GuessLanguage names the language of a text by its script and, for the
// Latin and Cyrillic scripts, its commonest short words: "en", "ru", "uk",
// "hy", "ka", "az", "tr", "de", "fr", "it", "es", "fa", "ar", or "" when the
// text gives too little to tell. The "Language:" header line of an
// article, when there is one, decides instead.
func GuessLanguage(text string) string {
	var latin, cyrillic, armenian, georgian, arabic int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Armenian, r):
			armenian++
		case unicode.Is(unicode.Georgian, r):
			georgian++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		}
	}
	top := max(latin, cyrillic, armenian, georgian, arabic)
	switch {
	case top < 20:
		return ""
	case top == armenian:
		return "hy"
	case top == georgian:
		return "ka"
	case top == arabic:
		if strings.ContainsAny(text, "پچژگک") {
			return "fa"
		}
		return "ar"
	case top == cyrillic:
		if strings.ContainsAny(text, "їєґі") {
			return "uk"
		}
		return "ru"
	}
	if strings.ContainsRune(text, 'ə') || strings.ContainsRune(text, 'Ə') {
		return "az"
	}
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if lang, ok := commonWords[w]; ok {
			counts[lang]++
		}
	}
	best, n := "", 0
	for _, lang := range []string{"en", "de", "fr", "it", "es", "tr"} {
		if counts[lang] > n {
			best, n = lang, counts[lang]
		}
	}
	if n < 2 {
		return ""
	}
	return best
}

// commonWords are short words frequent in news text and rare in the other
// languages listed.
var commonWords = func() map[string]string {
	m := map[string]string{}
	for lang, ws := range map[string]string{
		"en": "the and of to in is was that for on with said by from were has have",
		"de": "der die das und ist nicht mit den dem sich auf wurde eine",
		"fr": "le les des est dans une pour sur au aux qui été par",
		"it": "il della che di gli sono nel alla per una dei delle",
		"es": "el los las del que por una para con fue según",
		"tr": "ve bir bu ile için olarak da de ise gibi",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = lang
		}
	}
	return m
}()
