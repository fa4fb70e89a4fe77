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
	// Turkish: the name, with the case endings written after an apostrophe
	// ("Eylül'de" in September, "Eylül'den" since September).
	turkish := []string{"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos",
		"eylül", "ekim", "kasım", "aralık"}
	for i, s := range turkish {
		add(i+1, monthForm{capital: s == "ocak" || s == "ekim"}, s, s+"'ın", s+"'in", s+"'un", s+"'ün", s+"'a", s+"'e")
		add(i+1, monthForm{alone: true}, s+"'da", s+"'de", s+"'ta", s+"'te", s+"'dan", s+"'den", s+"'tan", s+"'ten")
		// Written without the apostrophe too ("eylülde", "temmuzda"), except
		// where that is a common noun ("aralıkta", in the gap).
		if s != "aralık" && s != "ocak" && s != "ekim" {
			add(i+1, monthForm{alone: true}, s+"da", s+"de", s+"ta", s+"te", s+"dan", s+"den", s+"tan", s+"ten")
		}
	}
	italian := []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
		"settembre", "ottobre", "novembre", "dicembre"}
	for i, s := range italian {
		add(i+1, monthForm{}, s)
	}
	spanish := [][]string{{"enero"}, {"febrero"}, {"marzo"}, {"abril"}, {"mayo"}, {"junio"}, {"julio"},
		{"agosto"}, {"septiembre", "setiembre"}, {"octubre"}, {"noviembre"}, {"diciembre"}}
	for i, forms := range spanish {
		add(i+1, monthForm{}, forms...)
	}
	// Spanish and Italian agency abbreviations ("19 dic (EFE)", "19 set"),
	// read only with a day or a year like the English ones.
	for s, month := range map[string]int{"ene": 1, "abr": 4, "ago": 8, "dic": 12, "gen": 1, "mag": 5, "giu": 6,
		"lug": 7, "set": 9, "ott": 10} {
		add(month, monthForm{abbrev: true}, s)
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
	"desde", "hasta", "durante", "antes", "después", "a", "nel", "dal", "da", "fino", "dopo", "prima", "entro",
	"di", "del", "de", "tra", "fra", "inizio", "fine", "principios", "finales", "mediados",
)

// sinceWords before a date say the state it names began then and goes on.
var sinceWords = setOf("since", "с", "со", "seit", "depuis", "desde", "dal", "dall'", "da")

var weekdayForms = buildWeekdayForms()

func buildWeekdayForms() map[string]time.Weekday {
	m := make(map[string]time.Weekday, 64)
	groups := []struct {
		day   time.Weekday
		forms []string
	}{
		{time.Monday, []string{"monday", "понедельник", "понедельника", "montag", "lundi", "երկուշաբթի",
			"lunes", "lunedì", "lunedi", "pazartesi"}},
		{time.Tuesday, []string{"tuesday", "вторник", "вторника", "dienstag", "mardi", "երեքշաբթի",
			"martes", "martedì", "martedi", "salı"}},
		{time.Wednesday, []string{"wednesday", "среда", "среду", "mittwoch", "mercredi", "չորեքշաբթի", "çərşənbə",
			"miércoles", "miercoles", "mercoledì", "mercoledi", "çarşamba"}},
		{time.Thursday, []string{"thursday", "четверг", "четверга", "donnerstag", "jeudi", "հինգշաբթի",
			"jueves", "giovedì", "giovedi", "perşembe"}},
		{time.Friday, []string{"friday", "пятница", "пятницу", "пятницы", "freitag", "vendredi", "ուրբաթ", "cümə",
			"viernes", "venerdì", "venerdi", "cuma"}},
		{time.Saturday, []string{"saturday", "суббота", "субботу", "субботы", "samstag", "sonnabend", "samedi", "şənbə",
			"sábado", "sabado", "sabato", "cumartesi"}},
		{time.Sunday, []string{"sunday", "воскресенье", "воскресенья", "sonntag", "dimanche", "կիրակի",
			"domingo", "domenica", "pazar", "bazar"}},
	}
	for _, g := range groups {
		for _, f := range g.forms {
			m[f] = g.day
		}
	}
	return m
}

// weekdayLast are words before a weekday meaning "the last one before".
var weekdayLast = setOf("last", "past", "прошлую", "прошлый", "прошлое", "минувшую", "минувший",
	"минувшее", "letzten", "vergangenen", "vorigen", "անցյալ", "keçən", "ötən", "geçen", "geçtiğimiz")

// ruDayParts before a Russian weekday in the genitive make it a day: "утром
// вторника", "к вечеру понедельника", "до утра субботы".
var ruDayParts = setOf("утром", "вечером", "днем", "днём", "ночью", "утру", "вечеру", "утра", "вечера", "ночи")

// weekdayNext are words before a weekday meaning "the next one after".
var weekdayNext = setOf("next", "coming", "следующую", "следующий", "следующее", "nächsten", "kommenden", "gələn",
	"gelecek", "önümüzdeki")

// weekdayAfterLast and weekdayAfterNext follow a weekday: "vendredi dernier",
// "el martes pasado", "martedì scorso".
var weekdayAfterLast = setOf("dernier", "pasado", "scorso")
var weekdayAfterNext = setOf("prochain", "próximo", "prossimo")

// weekdayDayWords follow a weekday as "day" or "night" and belong to it:
// "salı günü", "çərşənbə günü", "ուրբաթ օրը", "вторник вечером" is left out.
var weekdayDayWords = setOf("օրը", "günü", "gecesi", "sabahı", "gecəsi")

// weekdayNeedsCue are weekday forms that are common words too, and are read
// as a day only with a cue (a preceding "в", "geçen", a following "günü").
var weekdayNeedsCue = setOf("pazar", "bazar", "cuma", "salı", "şənbə", "cümə", "çərşənbə", "pazartesi",
	"çarşamba", "perşembe", "cumartesi", "domingo")

// weekdayCues before a bare weekday make it a day: "on Tuesday", "el martes".
var weekdayCues = setOf("on", "am", "le", "el", "il", "di", "de", "since", "until", "by", "seit", "bis",
	"depuis", "desde", "hasta", "dal", "fino", "ab", "vom", "next", "last")

// lowerWeekdays are weekday names written in lower case in their language
// (French, Spanish, Italian, Turkish, Azerbaijani, Armenian).
var lowerWeekdays = setOf("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
	"lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
	"lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi",
	"venerdì", "venerdi", "sabato", "domenica")

// seasonForms maps season words to 1 spring, 2 summer, 3 autumn, 4 winter.
var seasonForms = map[string]int{
	"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4,
	"весной": 1, "летом": 2, "осенью": 3, "зимой": 4, "весна": 1, "лето": 2, "осень": 3, "зима": 4,
	"frühling": 1, "frühjahr": 1, "sommer": 2, "herbst": 3,
	"printemps": 1, "été": 2, "automne": 3, "hiver": 4,
	"գարնանը": 1, "ամռանը": 2, "աշնանը": 3, "ձմռանը": 4,
	"yazda": 2, "payızda": 3, "qışda": 4,
	"primavera": 1, "verano": 2, "otoño": 3, "invierno": 4, "estate": 2, "autunno": 3, "inverno": 4,
	"ilkbaharda": 1, "yazın": 2, "sonbaharda": 3, "kışın": 4,
}

// seasonAlone are season forms that already mean "in <season>" by their case.
var seasonAlone = setOf("весной", "летом", "осенью", "зимой", "գարնանը", "ամռանը", "աշնանը", "ձմռանը",
	"yazda", "payızda", "qışda", "ilkbaharda", "sonbaharda", "kışın")

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
	relLastNight // the night before the reference day, read as that evening's day
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
	{[]string{"last", "night"}, relLastNight},
	{[]string{"overnight"}, relLastNight},
	{[]string{"tonight"}, relToday},
	{[]string{"earlier", "today"}, relToday},
	{[]string{"this", "morning"}, relToday},
	{[]string{"this", "afternoon"}, relToday},
	{[]string{"this", "evening"}, relToday},
	{[]string{"yesterday"}, relYesterday},
	{[]string{"yesterday's"}, relYesterday}, // "yesterday's shelling"
	{[]string{"today's"}, relToday},
	{[]string{"today"}, relToday},
	{[]string{"tomorrow"}, relTomorrow},
	// Russian
	{[]string{"на", "прошлой", "неделе"}, relLastWeek},
	{[]string{"на", "минувшей", "неделе"}, relLastWeek},
	{[]string{"на", "прошедшей", "неделе"}, relLastWeek},
	{[]string{"в", "минувшем", "месяце"}, relLastMonth},
	{[]string{"в", "начале", "месяца"}, relEarlierThisMonth},
	{[]string{"в", "начале", "этого", "месяца"}, relEarlierThisMonth},
	{[]string{"прошлой", "ночью"}, relLastNight},
	{[]string{"минувшей", "ночью"}, relLastNight},
	{[]string{"этой", "ночью"}, relLastNight},
	{[]string{"сегодня", "ночью"}, relLastNight},
	{[]string{"накануне"}, relYesterday},
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
	{[]string{"vorige", "woche"}, relLastWeek},
	{[]string{"in", "dieser", "woche"}, relThisWeek},
	{[]string{"anfang", "des", "monats"}, relEarlierThisMonth},
	{[]string{"letzte", "nacht"}, relLastNight},
	{[]string{"heute", "nacht"}, relLastNight},
	{[]string{"in", "der", "nacht"}, relLastNight},
	{[]string{"vorgestern"}, relDayBeforeYesterday},
	{[]string{"gestern"}, relYesterday},
	{[]string{"heute"}, relToday},
	// French
	{[]string{"la", "semaine", "dernière"}, relLastWeek},
	{[]string{"la", "semaine", "derniere"}, relLastWeek},
	{[]string{"cette", "semaine"}, relThisWeek},
	{[]string{"le", "mois", "dernier"}, relLastMonth},
	{[]string{"mois", "dernier"}, relLastMonth}, // "du mois dernier"
	{[]string{"l'an", "dernier"}, relLastYear},
	{[]string{"l'année", "dernière"}, relLastYear},
	{[]string{"la", "semaine", "passée"}, relLastWeek},
	// The tokenizer splits "mois-ci" at the hyphen, a token that is no word:
	// "" stands for it.
	{[]string{"plus", "tôt", "ce", "mois", "", "ci"}, relEarlierThisMonth},
	{[]string{"ce", "mois", "", "ci"}, relThisMonth},
	{[]string{"la", "nuit", "dernière"}, relLastNight},
	{[]string{"cette", "nuit"}, relLastNight},
	{[]string{"avant", "", "hier"}, relDayBeforeYesterday}, // the hyphen is a token of its own
	{[]string{"le", "mois", "passé"}, relLastMonth},
	{[]string{"l'année", "passée"}, relLastYear},
	{[]string{"hier"}, relYesterday},
	{[]string{"aujourd'hui"}, relToday},
	// Spanish
	{[]string{"la", "semana", "pasada"}, relLastWeek},
	{[]string{"esta", "semana"}, relThisWeek},
	{[]string{"el", "mes", "pasado"}, relLastMonth},
	{[]string{"mes", "pasado"}, relLastMonth}, // "del mes pasado"
	{[]string{"año", "pasado"}, relLastYear},
	{[]string{"este", "mes"}, relThisMonth},
	{[]string{"el", "año", "pasado"}, relLastYear},
	{[]string{"este", "año"}, relThisYear},
	{[]string{"anteayer"}, relDayBeforeYesterday},
	{[]string{"anoche"}, relLastNight},
	{[]string{"ayer"}, relYesterday},
	{[]string{"hoy"}, relToday},
	// Italian
	{[]string{"la", "settimana", "scorsa"}, relLastWeek},
	{[]string{"la", "scorsa", "settimana"}, relLastWeek},
	{[]string{"scorsa", "settimana"}, relLastWeek}, // "della scorsa settimana", "nella settimana scorsa"
	{[]string{"settimana", "scorsa"}, relLastWeek},
	{[]string{"mese", "scorso"}, relLastMonth},
	{[]string{"scorso", "mese"}, relLastMonth},
	{[]string{"scorso", "anno"}, relLastYear},
	{[]string{"questa", "settimana"}, relThisWeek},
	{[]string{"il", "mese", "scorso"}, relLastMonth},
	{[]string{"questo", "mese"}, relThisMonth},
	{[]string{"l'anno", "scorso"}, relLastYear},
	{[]string{"quest'anno"}, relThisYear},
	{[]string{"l'altro", "ieri"}, relDayBeforeYesterday},
	{[]string{"ieri", "sera"}, relYesterday},
	{[]string{"stanotte"}, relLastNight},
	{[]string{"questa", "notte"}, relLastNight},
	{[]string{"ieri"}, relYesterday},
	{[]string{"oggi"}, relToday},
	// Turkish
	{[]string{"geçen", "hafta"}, relLastWeek},
	{[]string{"geçtiğimiz", "hafta"}, relLastWeek},
	{[]string{"bu", "hafta"}, relThisWeek},
	{[]string{"geçen", "ay"}, relLastMonth},
	{[]string{"bu", "ay"}, relThisMonth},
	{[]string{"geçen", "yıl"}, relLastYear},
	{[]string{"bu", "yıl"}, relThisYear},
	{[]string{"önceki", "gün"}, relDayBeforeYesterday},
	{[]string{"dün", "gece"}, relLastNight},
	{[]string{"dün"}, relYesterday},
	{[]string{"bugün"}, relToday},
	// Armenian (շաբաթ is both "week" and "Saturday"; after անցյալ it is read as week)
	{[]string{"անցյալ", "շաբաթ"}, relLastWeek},
	{[]string{"այս", "շաբաթ"}, relThisWeek},
	{[]string{"անցյալ", "ամիս"}, relLastMonth},
	{[]string{"անցյալ", "տարի"}, relLastYear},
	{[]string{"այս", "ամիս"}, relThisMonth},
	{[]string{"այս", "տարի"}, relThisYear},
	{[]string{"անցյալ", "գիշեր"}, relLastNight},
	{[]string{"երեկ", "գիշեր"}, relLastNight},
	{[]string{"նախօրեին"}, relYesterday},
	{[]string{"երեկ"}, relYesterday},
	{[]string{"այսօր"}, relToday},
	// Azerbaijani
	{[]string{"keçən", "həftə"}, relLastWeek},
	{[]string{"ötən", "həftə"}, relLastWeek},
	{[]string{"ötən", "ay"}, relLastMonth},
	{[]string{"ötən", "il"}, relLastYear},
	{[]string{"dünən", "gecə"}, relLastNight},
	{[]string{"bugün"}, relToday},
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

// anchoredPhrases count days from the date the text gave last: "the day
// before", "einen Tag später", "le lendemain", "на следующий день".
var anchoredPhrases = []struct {
	words []string
	days  int
}{
	{[]string{"the", "next", "day"}, 1},
	{[]string{"the", "following", "day"}, 1},
	{[]string{"the", "day", "before"}, -1},
	{[]string{"the", "previous", "day"}, -1},
	{[]string{"на", "следующий", "день"}, 1},
	{[]string{"на", "другой", "день"}, 1},
	{[]string{"днём", "позже"}, 1},
	{[]string{"днем", "позже"}, 1},
	{[]string{"спустя", "день"}, 1},
	{[]string{"за", "день", "до", "этого"}, -1},
	{[]string{"am", "nächsten", "tag"}, 1},
	{[]string{"am", "folgenden", "tag"}, 1},
	{[]string{"tags", "darauf"}, 1},
	{[]string{"am", "tag", "zuvor"}, -1},
	{[]string{"am", "vortag"}, -1},
	{[]string{"le", "lendemain"}, 1},
	{[]string{"la", "veille"}, -1},
	{[]string{"al", "día", "siguiente"}, 1},
	{[]string{"el", "día", "anterior"}, -1},
	{[]string{"il", "giorno", "dopo"}, 1},
	{[]string{"il", "giorno", "successivo"}, 1},
	{[]string{"il", "giorno", "seguente"}, 1},
	{[]string{"il", "giorno", "prima"}, -1},
	{[]string{"ertesi", "gün"}, 1},
	{[]string{"ertəsi", "gün"}, 1},
	{[]string{"հաջորդ", "օրը"}, 1},
}

// laterWords follow "N days" counted forward from the last date: "two days
// later", "einen Tag später", "un jour plus tard", "два дня спустя".
var laterWords = map[string]int{
	"later": 1, "später": 1, "danach": 1, "después": 1, "dopo": 1, "позже": 1, "спустя": 1,
	"sonra": 1, "անց": 1, "earlier": -1, "zuvor": -1, "früher": -1, "antes": -1, "prima": -1,
	"раньше": -1, "ранее": -1,
}

// clauseAfter are the words after which "N days later" counts from the
// clause that follows ("cuatro días después de que ..."), not from a date.
var clauseAfter = setOf("de", "di", "of", "que", "che", "than", "als", "после", "чем", "after", "nach", "après", "dopo", "después", "sonra")

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
	for _, ph := range anchoredPhrases {
		m[ph.words[0]] = true
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
	for w := range agoPrefixes {
		m[w] = true
	}
	for w := range nightPrefixes {
		m[w] = true
	}
	for _, w := range []string{"в", "во", "last", "next", "this", "past", "el", "la"} {
		m[w] = true
	}
	return m
}()

// numberWords are small numbers written out, for "six months ago".
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
	"ein": 1, "einen": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "zehn": 10,
	"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10,
	"uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "diez": 10,
	"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "dieci": 10,
	"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "on": 10,
	"երկու": 2, "երեք": 3, "չորս": 4, "հինգ": 5, "վեց": 6,
}

// agoUnits maps unit words to 'd' day, 'w' week, 'm' month, 'y' year.
var agoUnits = map[string]byte{
	"day": 'd', "days": 'd', "week": 'w', "weeks": 'w', "month": 'm', "months": 'm', "year": 'y', "years": 'y',
	"день": 'd', "дня": 'd', "дней": 'd', "неделю": 'w', "недели": 'w', "недель": 'w',
	"месяц": 'm', "месяца": 'm', "месяцев": 'm', "год": 'y', "года": 'y', "лет": 'y',
	"tag": 'd', "tagen": 'd', "woche": 'w', "wochen": 'w', "monat": 'm', "monaten": 'm', "jahr": 'y', "jahren": 'y',
	"jour": 'd', "jours": 'd', "semaine": 'w', "semaines": 'w', "mois": 'm', "an": 'y', "ans": 'y',
	"día": 'd', "días": 'd', "dia": 'd', "dias": 'd', "semana": 'w', "semanas": 'w', "mes": 'm', "meses": 'm',
	"año": 'y', "años": 'y',
	"giorno": 'd', "giorni": 'd', "settimana": 'w', "settimane": 'w', "mese": 'm', "mesi": 'm',
	"anno": 'y', "anni": 'y',
	"gün": 'd', "hafta": 'w', "həftə": 'w', "ay": 'm', "yıl": 'y', "il": 'y',
	"օր": 'd', "շաբաթ": 'w', "ամիս": 'm', "տարի": 'y',
}

// agoWords close an "N units ago" expression.
var agoWords = setOf("ago", "назад", "fa", "önce", "evvel", "əvvəl", "öncə", "առաջ")

// agoPrefixes open one: "vor drei Tagen", "il y a trois jours", "hace tres días".
var agoPrefixes = map[string][]string{
	"vor":  {"vor"},
	"il":   {"il", "y", "a"},
	"hace": {"hace"},
}

// dayPartWords narrow a month: early (days 1-10), mid (11-20), late (21-end).
var dayPartWords = map[string]int{
	"early": 1, "mid": 2, "late": 3, "beginning": 1, "start": 1, "middle": 2, "end": 3,
	"начале": 1, "середине": 2, "конце": 3, "начала": 1, "середины": 2, "конца": 3,
	"anfang": 1, "mitte": 2, "ende": 3, "début": 1, "fin": 3,
	"principios": 1, "mediados": 2, "finales": 3, "inizio": 1, "metà": 2, "fine": 3,
}

// ordinalSuffixes may follow a day number, with or without a hyphen:
// 12th, 1er, 12-го, 12-ին (on the 12th), 12-ից (since the 12th), 12-də.
var ordinalSuffixes = setOf("th", "st", "nd", "rd", "er", "re", "e", "го", "ого", "е", "ое",
	"ին", "ից", "ը", "ի", "ն", "də", "da", "dək", "dan", "dən", "ci", "cı", "cu", "cü")

// sinceSuffixes on a day number mean "since" (Armenian -ից, Azerbaijani -dan/-dən).
var sinceSuffixes = setOf("ից", "dan", "dən")

// nightPrefixes open "the night to <day>" ("в ночь на 12 декабря", "in der
// Nacht zum Dienstag") or, when a from-part follows, "the night from <day> to
// <day>" ("в ночь с 11 на 12 декабря", "dans la nuit de lundi à mardi",
// "nella notte tra lunedì e martedì"). Each prefix lists its words, the words
// that join a from-part to the night's end, and whether the end follows directly.
var nightPrefixes = map[string][]nightPrefix{
	"в":     {{words: []string{"в", "ночь", "на"}, direct: true}, {words: []string{"в", "ночь", "с"}, joins: []string{"на"}}},
	"in":    {{words: []string{"in", "der", "nacht", "zum"}, direct: true}, {words: []string{"in", "der", "nacht", "zu"}, direct: true}, {words: []string{"in", "der", "nacht", "auf"}, direct: true}, {words: []string{"in", "der", "nacht", "von"}, joins: []string{"auf", "zu", "zum"}}},
	"dans":  {{words: []string{"dans", "la", "nuit", "de"}, joins: []string{"à", "a"}}, {words: []string{"dans", "la", "nuit", "du"}, joins: []string{"au"}}},
	"nella": {{words: []string{"nella", "notte", "tra"}, joins: []string{"e"}}, {words: []string{"nella", "notte", "fra"}, joins: []string{"e"}}},
	"la":    {{words: []string{"la", "noche", "del"}, joins: []string{"al"}}},
	"on":    {{words: []string{"on", "the", "night", "of"}, joins: []string{"to", "-", "–"}}},
}

// nightPrefix is one way of opening a night expression.
type nightPrefix struct {
	words  []string
	joins  []string
	direct bool
}

// rangeJoins join the first and last day of a range: "12–14 December",
// "from 12 to 14 December", "с 12 по 14 декабря", "du 12 au 14 décembre".
var rangeJoins = setOf("-", "–", "—", "to", "through", "and", "по", "до", "bis", "au", "al", "e", "y", "et", "und")

// rangeOpeners must come before a range joined by a word (not a dash):
// "from 12 to 14", "between 12 and 14", "vom 12. bis 14.".
var rangeOpeners = setOf("from", "between", "с", "со", "vom", "von", "du", "del", "dal", "entre", "tra", "fra", "dalle")

// yearWords may follow a year number: "2022 года", "2022 թվականի", "2022 г.".
var yearWords = setOf("года", "году", "год", "г", "թվականի", "թվականին", "թվական", "թ")

// trYearSuffixes follow a year after an apostrophe: "2023'te", "2020'den".
var trYearSuffixes = setOf("de", "da", "te", "ta", "den", "dan", "ten", "tan", "in", "ın", "un", "ün", "e", "a", "ye", "ya")

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
