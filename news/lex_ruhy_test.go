package news

import (
	"strings"
	"testing"
	"time"
)

// stemRuleIDs are the stem rules a sentence matches, as a lead sentence with
// a date of its own.
func stemRuleIDs(s string) map[string]bool {
	s = strings.ToLower(s)
	ids := map[string]bool{}
	for _, c := range matchStemRules(s, true, true) {
		ids[stemRules[c.rule].id] = true
	}
	return ids
}

func TestStemsRussianArmenian(t *testing.T) {
	for _, tc := range []struct{ text, rule string }{
		{"Азербайджанские военные перегородили дорогу у моста.", "road-blockade/blocked"},
		{"Колонна с продовольствием и медикаментами ждёт у въезда в коридор.", "convoy-blocked/stopped"},
		{"В Степанакерт перевезли 20 тонн муки.", "humanitarian-access/passed"},
		{"Жителей Карабаха оставили без газа.", "utility-cut-off/cut"},
		{"Азербайджан нанёс удар по Степанакерту из РСЗО.", "shelling/shelled"},
		{"Стороны согласовали отдельные участки границы.", "agreement/agreed"},
		{"Протестующие требовали отставки премьер-министра.", "peaceful-protest/gathered"},
		{"Для регистрации беженцев в поле разбиты шатры.", "reception-centre/opened"},
		{"Въезд в село запрещён для посторонних.", "movement-restricted/movement"},
		{"Ադրբեջանը հրթիռային հարվածներ է հասցրել Ստեփանակերտին։", "shelling/shelled"},
		{"Ոստիկաններն արգելում են երթևեկությունը դեպի գյուղ։", "movement-restricted/movement"},
		{"Մարդասիրական բեռներն առաքվել են Ստեփանակերտ։", "humanitarian-access/passed"},
		{"Ադրբեջանը զրկել է Արցախը գազից։", "utility-cut-off/cut"},
		{"Կորնիձորում փախստականների գրանցման համար վրաններ են տեղադրել։", "reception-centre/opened"},
		{"Բեռնատարները սպասում են անցակետի մոտ՝ մարդասիրական օգնությամբ։", "convoy-blocked/stopped"},
	} {
		if ids := stemRuleIDs(tc.text); !ids[tc.rule] {
			t.Errorf("%q: no %s (got %v)", tc.text, tc.rule, ids)
		}
	}
	// False friends: an adjective of the people, the idiom "to show", an
	// official's journey.
	for _, tc := range []struct{ text, rule string }{
		{"Армянский премьер прибыл в Москву.", "displacement/left"},
		{"Հայաստանի վարչապետը ժամանել է Մոսկվա։", "displacement/left"},
		{"Նա ցույց տվեց քարտեզը, և հանդիպումը տեղի է ունեցել։", "peaceful-protest/held"},
		{"Сообщается, что ведомство ожидается представить доклад о газе.", "utility-cut-off/cut"},
	} {
		if ids := stemRuleIDs(tc.text); ids[tc.rule] {
			t.Errorf("%q: unexpected %s", tc.text, tc.rule)
		}
	}
}

func TestArmenianNegativeAuxiliary(t *testing.T) {
	s := strings.ToLower("Ճանապարհը դեռ չի բացվել։")
	i := strings.Index(s, "բացվել")
	if !negated(s, i) {
		t.Errorf("%q: չի before the participle does not negate it", s)
	}
}

func TestDecadesAreNoDates(t *testing.T) {
	ref := time.Date(2024, 5, 24, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"Села с 1990-х годов находились под контролем Армении.",
		"В 1990-е годы шла война.",
		"Գյուղերը 1990-ականներից Հայաստանի վերահսկողության տակ էին։",
	} {
		if got := FindDates(text, ref, true); len(got) != 0 {
			t.Errorf("FindDates(%q) = %+v, want none", text, got)
		}
	}
	if got := FindDates("В 1994 году было подписано перемирие.", ref, true); len(got) != 1 {
		t.Errorf("a year with года is still a date: %+v", got)
	}
}
