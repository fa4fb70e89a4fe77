package news

import "time"

// The word lists below are read-only lookup tables built once; they are
// package variables only because a lexicon is data, not state.

// monthForm describes one written form of a month name.
type monthForm struct {
	month int
	// alone: the form may stand without a day or year ("в ноябре",
	// "դեկտեմբերին", "dekabrda") because its grammatical case already says
	// "in <month>".
	alone bool
	// capital: an English word that is also a common word ("may", "march"),
	// accepted only when written with a capital or right after a day number.
	capital bool
	// abbrev: a short form ("Dec"), accepted only with a day or a year.
	abbrev bool
}

var monthForms = buildMonthForms()

func buildMonthForms() map[string]monthForm {
	m := make(map[string]monthForm, 400)
	add := func(month int, f monthForm, forms ...string) {
		f.month = month
		for _, s := range forms {
			if _, ok := m[s]; !ok {
				m[s] = f
			}
		}
	}
	english := []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	for i, s := range english {
		add(i+1, monthForm{capital: s == "may" || s == "march"}, s)
	}
	abbrevs := [][]string{{"jan"}, {"feb"}, {"mar"}, {"apr"}, nil, {"jun"}, {"jul"}, {"aug"},
		{"sep", "sept"}, {"oct"}, {"nov"}, {"dec"}}
	for i, forms := range abbrevs {
		add(i+1, monthForm{abbrev: true, capital: true}, forms...)
	}
	german := [][]string{{"januar", "jänner"}, {"februar"}, {"märz", "maerz"}, {"april"}, {"mai"},
		{"juni"}, {"juli"}, {"august"}, {"september"}, {"oktober"}, {"november"}, {"dezember"}}
	for i, forms := range german {
		add(i+1, monthForm{}, forms...)
	}
	french := [][]string{{"janvier"}, {"février", "fevrier"}, {"mars"}, {"avril"}, {"mai"}, {"juin"},
		{"juillet"}, {"août", "aout"}, {"septembre"}, {"octobre"}, {"novembre"}, {"décembre", "decembre"}}
	for i, forms := range french {
		add(i+1, monthForm{}, forms...)
	}
	// Russian: nominative, genitive ("12 декабря") and prepositional ("в декабре").
	russian := [][3]string{
		{"январь", "января", "январе"}, {"февраль", "февраля", "феврале"}, {"март", "марта", "марте"},
		{"апрель", "апреля", "апреле"}, {"май", "мая", "мае"}, {"июнь", "июня", "июне"},
		{"июль", "июля", "июле"}, {"август", "августа", "августе"}, {"сентябрь", "сентября", "сентябре"},
		{"октябрь", "октября", "октябре"}, {"ноябрь", "ноября", "ноябре"}, {"декабрь", "декабря", "декабре"},
	}
	for i, f := range russian {
		add(i+1, monthForm{}, f[0], f[1])
		add(i+1, monthForm{alone: true}, f[2])
	}
	// Armenian: nominative, genitive with -ի ("դեկտեմբերի 12-ին"), dative/locative
	// with -ին ("դեկտեմբերին", in December), ablative with -ից.
	armenian := []string{"հունվար", "փետրվար", "մարտ", "ապրիլ", "մայիս", "հունիս", "հուլիս",
		"օգոստոս", "սեպտեմբեր", "հոկտեմբեր", "նոյեմբեր", "դեկտեմբեր"}
	for i, s := range armenian {
		add(i+1, monthForm{}, s, s+"ի")
		add(i+1, monthForm{alone: true}, s+"ին", s+"ից")
	}
	// Azerbaijani: the stem with case suffixes; locative and ablative say "in"/"since".
	azerbaijani := []string{"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust",
		"sentyabr", "oktyabr", "noyabr", "dekabr"}
	for i, s := range azerbaijani {
		add(i+1, monthForm{}, s, s+"ın", s+"in", s+"un", s+"ün", s+"a", s+"ə")
		add(i+1, monthForm{alone: true}, s+"da", s+"də", s+"dan", s+"dən")
	}
	return m
}

// anchorWords may precede a month or season name standing alone ("in November",
// "since December", "im Dezember", "en décembre").
var anchorWords = setOf(
	"in", "since", "by", "until", "till", "during", "from", "through", "throughout", "before",
	"after", "around", "of", "early", "mid", "late", "last", "this", "next", "past",
	"im", "seit", "bis", "ab", "anfang", "mitte", "ende", "vor", "nach",
	"en", "depuis", "début", "fin", "avant", "après",
	"с", "до", "от", "после", "к", "начала", "середины", "конца",
)

// sinceWords before a date say the state it names began then and goes on.
var sinceWords = setOf("since", "с", "со", "seit", "depuis")

var weekdayForms = buildWeekdayForms()

func buildWeekdayForms() map[string]time.Weekday {
	m := make(map[string]time.Weekday, 64)
	groups := []struct {
		day   time.Weekday
		forms []string
	}{
		{time.Monday, []string{"monday", "понедельник", "montag", "lundi", "երկուշաբթի"}},
		{time.Tuesday, []string{"tuesday", "вторник", "dienstag", "mardi", "երեքշաբթի"}},
		{time.Wednesday, []string{"wednesday", "среда", "среду", "mittwoch", "mercredi", "չորեքշաբթի", "çərşənbə"}},
		{time.Thursday, []string{"thursday", "четверг", "donnerstag", "jeudi", "հինգշաբթի"}},
		{time.Friday, []string{"friday", "пятница", "пятницу", "freitag", "vendredi", "ուրբաթ", "cümə"}},
		{time.Saturday, []string{"saturday", "суббота", "субботу", "samstag", "sonnabend", "samedi", "şənbə"}},
		{time.Sunday, []string{"sunday", "воскресенье", "sonntag", "dimanche", "կիրակի"}},
	}
	for _, g := range groups {
		for _, f := range g.forms {
			m[f] = g.day
		}
	}
	return m
}

// weekdayLast are words before a weekday meaning "the last one before".
var weekdayLast = setOf("last", "past", "прошлую", "прошлый", "прошлое", "letzten", "vergangenen",
	"անցյալ", "keçən")

// weekdayNext are words before a weekday meaning "the next one after".
var weekdayNext = setOf("next", "coming", "следующую", "следующий", "следующее", "nächsten", "kommenden", "gələn")

// seasonForms maps season words to 1 spring, 2 summer, 3 autumn, 4 winter.
var seasonForms = map[string]int{
	"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4,
	"весной": 1, "летом": 2, "осенью": 3, "зимой": 4, "весна": 1, "лето": 2, "осень": 3, "зима": 4,
	"frühling": 1, "frühjahr": 1, "sommer": 2, "herbst": 3,
	"printemps": 1, "été": 2, "automne": 3, "hiver": 4,
	"գարնանը": 1, "ամռանը": 2, "աշնանը": 3, "ձմռանը": 4,
	"yazda": 2, "payızda": 3, "qışda": 4,
}

// seasonAlone are season forms that already mean "in <season>" by their case.
var seasonAlone = setOf("весной", "летом", "осенью", "зимой", "գարնանը", "ամռանը", "աշնանը", "ձմռանը",
	"yazda", "payızda", "qışda")

// relKind names a relative expression that needs only the reference date.
type relKind int

const (
	relNone relKind = iota
	relLastWeek
	relPastWeek
	relThisWeek
	relEarlierThisWeek
	relNextWeek
	relLastWeekend
	relLastMonth
	relThisMonth
	relEarlierThisMonth
	relNextMonth
	relLastYear
	relThisYear
	relEarlierThisYear
	relNextYear
	relYesterday
	relToday
	relDayBeforeYesterday
	relTomorrow
)

// relPhrase is a fixed word sequence (lower case) naming a relative time.
type relPhrase struct {
	words []string
	kind  relKind
}

var relPhrases = []relPhrase{
	{[]string{"the", "day", "before", "yesterday"}, relDayBeforeYesterday},
	{[]string{"earlier", "this", "week"}, relEarlierThisWeek},
	{[]string{"earlier", "this", "month"}, relEarlierThisMonth},
	{[]string{"earlier", "this", "year"}, relEarlierThisYear},
	{[]string{"over", "the", "weekend"}, relLastWeekend},
	{[]string{"last", "weekend"}, relLastWeekend},
	{[]string{"last", "week"}, relLastWeek},
	{[]string{"previous", "week"}, relLastWeek},
	{[]string{"past", "week"}, relPastWeek},
	{[]string{"this", "week"}, relThisWeek},
	{[]string{"next", "week"}, relNextWeek},
	{[]string{"last", "month"}, relLastMonth},
	{[]string{"this", "month"}, relThisMonth},
	{[]string{"next", "month"}, relNextMonth},
	{[]string{"last", "year"}, relLastYear},
	{[]string{"this", "year"}, relThisYear},
	{[]string{"next", "year"}, relNextYear},
	{[]string{"last", "night"}, relYesterday},
	{[]string{"yesterday"}, relYesterday},
	{[]string{"today"}, relToday},
	{[]string{"tomorrow"}, relTomorrow},
	// Russian
	{[]string{"на", "прошлой", "неделе"}, relLastWeek},
	{[]string{"на", "этой", "неделе"}, relThisWeek},
	{[]string{"на", "следующей", "неделе"}, relNextWeek},
	{[]string{"в", "прошлом", "месяце"}, relLastMonth},
	{[]string{"в", "этом", "месяце"}, relThisMonth},
	{[]string{"в", "прошлом", "году"}, relLastYear},
	{[]string{"в", "этом", "году"}, relThisYear},
	{[]string{"в", "текущем", "году"}, relThisYear},
	{[]string{"позавчера"}, relDayBeforeYesterday},
	{[]string{"вчера"}, relYesterday},
	{[]string{"сегодня"}, relToday},
	{[]string{"завтра"}, relTomorrow},
	// German
	{[]string{"in", "der", "vergangenen", "woche"}, relLastWeek},
	{[]string{"in", "der", "letzten", "woche"}, relLastWeek},
	{[]string{"letzte", "woche"}, relLastWeek},
	{[]string{"vergangene", "woche"}, relLastWeek},
	{[]string{"diese", "woche"}, relThisWeek},
	{[]string{"letzten", "monat"}, relLastMonth},
	{[]string{"vergangenen", "monat"}, relLastMonth},
	{[]string{"im", "vergangenen", "jahr"}, relLastYear},
	{[]string{"letztes", "jahr"}, relLastYear},
	{[]string{"vergangenes", "jahr"}, relLastYear},
	{[]string{"vorgestern"}, relDayBeforeYesterday},
	{[]string{"gestern"}, relYesterday},
	{[]string{"heute"}, relToday},
	// French
	{[]string{"la", "semaine", "dernière"}, relLastWeek},
	{[]string{"la", "semaine", "derniere"}, relLastWeek},
	{[]string{"cette", "semaine"}, relThisWeek},
	{[]string{"le", "mois", "dernier"}, relLastMonth},
	{[]string{"l'an", "dernier"}, relLastYear},
	{[]string{"l'année", "dernière"}, relLastYear},
	{[]string{"hier"}, relYesterday},
	{[]string{"aujourd'hui"}, relToday},
	// Armenian (շաբաթ is both "week" and "Saturday"; after անցյալ it is read as week)
	{[]string{"անցյալ", "շաբաթ"}, relLastWeek},
	{[]string{"այս", "շաբաթ"}, relThisWeek},
	{[]string{"անցյալ", "ամիս"}, relLastMonth},
	{[]string{"անցյալ", "տարի"}, relLastYear},
	{[]string{"նախօրեին"}, relYesterday},
	{[]string{"երեկ"}, relYesterday},
	{[]string{"այսօր"}, relToday},
	// Azerbaijani
	{[]string{"keçən", "həftə"}, relLastWeek},
	{[]string{"bu", "həftə"}, relThisWeek},
	{[]string{"keçən", "ay"}, relLastMonth},
	{[]string{"keçən", "il"}, relLastYear},
	{[]string{"bu", "il"}, relThisYear},
	{[]string{"srağagün"}, relDayBeforeYesterday},
	{[]string{"dünən"}, relYesterday},
	{[]string{"bu", "gün"}, relToday},
}

// relFirstWords indexes relPhrases by their first word for a quick check.
var relFirstWords = func() map[string][]int {
	m := make(map[string][]int)
	for i, p := range relPhrases {
		m[p.words[0]] = append(m[p.words[0]], i)
	}
	return m
}()

// dateStartWords are the words a date expression can start with; other
// words are skipped without trying the patterns.
var dateStartWords = func() map[string]bool {
	m := make(map[string]bool, 600)
	for w := range monthForms {
		m[w] = true
	}
	for w := range weekdayForms {
		m[w] = true
	}
	for w := range seasonForms {
		m[w] = true
	}
	for w := range dayPartWords {
		m[w] = true
	}
	for w := range relFirstWords {
		m[w] = true
	}
	for _, group := range []map[string]bool{weekdayLast, weekdayNext} {
		for w := range group {
			m[w] = true
		}
	}
	for w := range numberWords {
		m[w] = true
	}
	for w := range agoUnits {
		m[w] = true
	}
	for _, w := range []string{"в", "во", "last", "next", "this", "past"} {
		m[w] = true
	}
	return m
}()

// numberWords are small numbers written out, for "six months ago".
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
}

// agoUnits maps unit words to 'd' day, 'w' week, 'm' month, 'y' year.
var agoUnits = map[string]byte{
	"day": 'd', "days": 'd', "week": 'w', "weeks": 'w', "month": 'm', "months": 'm', "year": 'y', "years": 'y',
	"день": 'd', "дня": 'd', "дней": 'd', "неделю": 'w', "недели": 'w', "недель": 'w',
	"месяц": 'm', "месяца": 'm', "месяцев": 'm', "год": 'y', "года": 'y', "лет": 'y',
}

// agoWords close an "N units ago" expression.
var agoWords = setOf("ago", "назад")

// dayPartWords narrow a month: early (days 1-10), mid (11-20), late (21-end).
var dayPartWords = map[string]int{
	"early": 1, "mid": 2, "late": 3, "beginning": 1, "start": 1, "middle": 2, "end": 3,
	"начале": 1, "середине": 2, "конце": 3, "начала": 1, "середины": 2, "конца": 3,
	"anfang": 1, "mitte": 2, "ende": 3, "début": 1, "fin": 3,
}

// ordinalSuffixes may follow a day number, with or without a hyphen:
// 12th, 1er, 12-го, 12-ին (on the 12th), 12-ից (since the 12th), 12-də.
var ordinalSuffixes = setOf("th", "st", "nd", "rd", "er", "re", "e", "го", "ого", "е", "ое",
	"ին", "ից", "ը", "ի", "ն", "də", "da", "dək", "dan", "dən", "ci", "cı", "cu", "cü")

// sinceSuffixes on a day number mean "since" (Armenian -ից, Azerbaijani -dan/-dən).
var sinceSuffixes = setOf("ից", "dan", "dən")

// yearWords may follow a year number: "2022 года", "2022 թվականի", "2022 г.".
var yearWords = setOf("года", "году", "год", "г", "թվականի", "թվականին", "թվական", "թ")

// azYearSuffixes follow a year after a hyphen: "2022-ci il".
var azYearSuffixes = setOf("ci", "cı", "cu", "cü")

// azYearWords may follow the Azerbaijani year suffix.
var azYearWords = setOf("il", "ildə", "ilin", "ilə")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
