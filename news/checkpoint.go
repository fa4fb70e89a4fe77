package news

import (
	"dateline/gazetteer"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A place name joined to a checkpoint noun ("the Lachin checkpoint", «"Laçın"
// sərhəd-buraxılış məntəqəsi», "КПП «Лачин»", "le poste-frontière de
// Latchine") names the checkpoint, whatever happened there. The gazetteer
// knows most such names whole; these catch the quoted and inflected forms
// it does not.

// checkpointAfter are the nouns that follow the place name, lower-cased.
var checkpointAfter = []string{
	"checkpoint", "check point", "border checkpoint", "border crossing", "border post", "crossing point", "border point",
	"кпп", "пункт пропуска", "пункта пропуска", "пункте пропуска", "погранпереход", "блокпост", "контрольно-пропускн",
	"sərhəd-buraxılış məntəqə", "sərhəd buraxılış məntəqə", "buraxılış məntəqə", "nəzarət-buraxılış məntəqə", "sərhəd keçid məntəqə", "keçid məntəqə",
	"sınır kontrol nokta", "kontrol nokta", "sınır kapı",
	"անցակետ", "սահմանային անցակետ", "անցման կետ",
	"grenzübergang", "kontrollpunkt", "grenzkontrollpunkt", "kontrollposten",
}

// checkpointBefore are the nouns that come before it, with their preposition.
var checkpointBefore = []string{
	"checkpoint of", "checkpoint at",
	"кпп", "пункт пропуска", "пункта пропуска", "пункте пропуска", "пунктом пропуска", "погранпереход",
	"poste-frontière de", "poste frontière de", "poste de contrôle de", "point de passage de", "checkpoint de",
	"posto di blocco di", "posto di controllo di", "valico di", "checkpoint di",
	"puesto de control de", "paso fronterizo de", "puesto fronterizo de", "control de",
}

// atCheckpoints puts the mentions joined to a checkpoint noun at the
// checkpoint their place stands for.
func atCheckpoints(body string, ms []PlaceMention) []PlaceMention {
	var out []PlaceMention
	for i, m := range ms {
		if m.Checkpoint == "" || m.Kind == gazetteer.KindCheckpoint || !namesCheckpoint(body, m.Start, m.End) {
			continue
		}
		if out == nil {
			out = append([]PlaceMention(nil), ms...)
		}
		out[i].PlaceID, out[i].Name, out[i].Kind, out[i].Parent = m.Checkpoint, m.CheckpointName, gazetteer.KindCheckpoint, ""
	}
	if out == nil {
		return ms
	}
	return out
}

// namesCheckpoint reports whether the mention at body[start:end] is joined to
// a checkpoint noun.
func namesCheckpoint(body string, start, end int) bool {
	after := strings.ToLower(trimJoin(body[end:min(len(body), end+60)], true))
	for _, w := range checkpointAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	before := strings.ToLower(trimJoin(body[max(0, start-40):start], false))
	for _, w := range checkpointBefore {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isLetterBefore(before, len(before)-len(w))) {
			return true
		}
	}
	return false
}

// trimJoin drops the spaces and quotation marks between a name and its noun:
// from the front of what follows it, or the back of what precedes it.
func trimJoin(s string, front bool) string {
	join := func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"'«»“”„‘’`, r) }
	if front {
		return strings.TrimLeftFunc(s, join)
	}
	return strings.TrimRightFunc(s, join)
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

// distanceRef matches the end of a distance phrase whose place is only the
// reference point: "10 km from", "half an hour's drive from the town of",
// "в получасе езды от города", "wenige Kilometer von", "à 5 km de".
var distanceRef = regexp.MustCompile(`(?i)(?:\bkm|kilomet\p{L}*|kilomèt\p{L}*|chilometr\p{L}*|kilómetr\p{L}*|\bmiles?|minutes?|minuti|minutos|\bhours?|drive|\bкм|километр\p{L}*|езды|минут\p{L}*|час\p{L}*)\s+(?:\p{L}+\s+){0,2}?(?:from|away\s+from|от|von|de|du|des|da|dal|dalla|del)\s+(?:the\s+)?(?:(?:town|city|village|города|села|деревни|посёлка|der\s+stadt|la\s+ville|la\s+città|la\s+ciudad)\s+(?:of\s+|de\s+|di\s+)?)?$`)

// distanceReference reports whether the mention at pos follows a distance
// phrase: the event is away from it, at the place the sentence names besides.
func distanceReference(body string, pos int) bool {
	from := max(0, pos-60)
	for from > 0 && !utf8.RuneStart(body[from]) {
		from--
	}
	w := strings.ToLower(body[from:pos])
	return containsAny(w, distanceKeys...) && distanceRef.MatchString(w)
}

// distanceKeys: one is in every distanceRef match (a cheap test first).
var distanceKeys = []string{"km", "kilom", "chilom", "mile", "minut", "hour", "drive", "км", "километр", "езды", "час"}
