package news

import (
	"testing"
	"time"
)

// dateCase is one expression FindDates must find in text, alone.
type dateCase struct {
	name     string
	text     string
	want     string // the expression's text
	from, to string // its range
	p        Precision
}

// runDateCases checks each case against the reference day ref.
func runDateCases(t *testing.T, ref time.Time, tests []dateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindDates(tt.text, ref, true)
			if len(got) != 1 {
				t.Fatalf("FindDates(%q) found %d expressions: %+v", tt.text, len(got), got)
			}
			e := got[0]
			if e.Text != tt.want {
				t.Errorf("text %q, want %q", e.Text, tt.want)
			}
			if d := e.Date.Format("2006-01-02"); d != tt.from {
				t.Errorf("date %s, want %s", d, tt.from)
			}
			if d := e.DateEnd.Format("2006-01-02"); d != tt.to {
				t.Errorf("date end %s, want %s", d, tt.to)
			}
			if e.Precision != tt.p {
				t.Errorf("precision %v, want %v", e.Precision, tt.p)
			}
		})
	}
}

// wed is the reference of the tests below: Wednesday 20 September 2023.
var wed = mustDay("2023-09-20")

func TestFindDatesRelativeEnglish(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"yesterday", "Azerbaijan said yesterday that", "yesterday", "2023-09-19", "2023-09-19", PrecisionDay},
		{"today", "The road opened today.", "today", "2023-09-20", "2023-09-20", PrecisionDay},
		{"tonight", "talks tonight in Brussels", "tonight", "2023-09-20", "2023-09-20", PrecisionDay},
		{"overnight", "shelling overnight killed two", "overnight", "2023-09-19", "2023-09-20", PrecisionDay},
		{"last night", "was shelled last night", "last night", "2023-09-19", "2023-09-20", PrecisionDay},
		{"on Tuesday", "troops on Tuesday launched", "Tuesday", "2023-09-19", "2023-09-19", PrecisionDay},
		{"on the same weekday", "on Wednesday the", "Wednesday", "2023-09-20", "2023-09-20", PrecisionDay},
		{"on Thursday is last week's", "on Thursday the", "Thursday", "2023-09-14", "2023-09-14", PrecisionDay},
		{"last week", "last week the", "last week", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"this week", "this week the", "this week", "2023-09-18", "2023-09-24", PrecisionWeek},
		{"last month", "last month the", "last month", "2023-08-01", "2023-08-31", PrecisionMonth},
		{"earlier this month", "earlier this month the", "earlier this month", "2023-09-01", "2023-09-20", PrecisionMonth},
		{"days ago", "two days ago the", "two days ago", "2023-09-18", "2023-09-18", PrecisionDay},
		{"digits days ago", "5 days ago", "5 days ago", "2023-09-15", "2023-09-15", PrecisionDay},
		{"night of", "on the night of 18 to 19 September", "on the night of 18 to 19 September", "2023-09-18", "2023-09-19", PrecisionDay},
	})
}

func TestFindDatesRelativeRussian(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"вчера", "Вчера Азербайджан начал", "Вчера", "2023-09-19", "2023-09-19", PrecisionDay},
		{"сегодня", "сегодня заявил", "сегодня", "2023-09-20", "2023-09-20", PrecisionDay},
		{"позавчера", "позавчера", "позавчера", "2023-09-18", "2023-09-18", PrecisionDay},
		{"накануне", "накануне сообщило", "накануне", "2023-09-19", "2023-09-19", PrecisionDay},
		{"в ночь на дату", "в ночь на 12 сентября", "в ночь на 12 сентября", "2023-09-11", "2023-09-12", PrecisionDay},
		{"в ночь с на", "в ночь с 11 на 12 сентября обстрел", "в ночь с 11 на 12 сентября", "2023-09-11", "2023-09-12", PrecisionDay},
		{"в ночь на вторник", "в ночь на вторник", "в ночь на вторник", "2023-09-18", "2023-09-19", PrecisionDay},
		{"во вторник", "во вторник начались", "во вторник", "2023-09-19", "2023-09-19", PrecisionDay},
		{"к вечеру понедельника", "К вечеру понедельника покинули", "понедельника", "2023-09-18", "2023-09-18", PrecisionDay},
		{"утром вторника", "утром вторника", "вторника", "2023-09-19", "2023-09-19", PrecisionDay},
		{"на прошлой неделе", "на прошлой неделе", "на прошлой неделе", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"на минувшей неделе", "на минувшей неделе", "на минувшей неделе", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"дня назад", "три дня назад", "три дня назад", "2023-09-17", "2023-09-17", PrecisionDay},
	})
}

func TestFindDatesRelativeTurkic(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"tr dün", "Azerbaycan dün açıkladı", "dün", "2023-09-19", "2023-09-19", PrecisionDay},
		{"tr bugün", "bugün başladı", "bugün", "2023-09-20", "2023-09-20", PrecisionDay},
		{"tr salı günü", "salı günü başlattı", "salı günü", "2023-09-19", "2023-09-19", PrecisionDay},
		{"tr geçen hafta", "geçen hafta", "geçen hafta", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"tr gün önce", "iki gün önce", "iki gün önce", "2023-09-18", "2023-09-18", PrecisionDay},
		{"tr dün gece", "dün gece", "dün gece", "2023-09-19", "2023-09-20", PrecisionDay},
		{"az dünən", "dünən bildirib", "dünən", "2023-09-19", "2023-09-19", PrecisionDay},
		{"az bu gün", "bu gün başlayıb", "bu gün", "2023-09-20", "2023-09-20", PrecisionDay},
		{"az ötən həftə", "ötən həftə", "ötən həftə", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"az genitive day", "sentyabrın 19-da başlayıb", "sentyabrın 19-da", "2023-09-19", "2023-09-19", PrecisionDay},
		{"az çərşənbə axşamı", "çərşənbə axşamı", "çərşənbə axşamı", "2023-09-19", "2023-09-19", PrecisionDay},
		{"az bazar ertəsi", "bazar ertəsi", "bazar ertəsi", "2023-09-18", "2023-09-18", PrecisionDay},
		{"az gün əvvəl", "3 gün əvvəl", "3 gün əvvəl", "2023-09-17", "2023-09-17", PrecisionDay},
	})
}

func TestFindDatesRelativeArmenian(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"երեկ", "երեկ հայտարարել է", "երեկ", "2023-09-19", "2023-09-19", PrecisionDay},
		{"այսօր", "այսօր", "այսօր", "2023-09-20", "2023-09-20", PrecisionDay},
		{"անցյալ շաբաթ", "անցյալ շաբաթ", "անցյալ շաբաթ", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"genitive day", "սեպտեմբերի 19-ին Ադրբեջանը", "սեպտեմբերի 19-ին", "2023-09-19", "2023-09-19", PrecisionDay},
		{"weekday", "երեքշաբթի օրը", "երեքշաբթի օրը", "2023-09-19", "2023-09-19", PrecisionDay},
	})
}

func TestFindDatesRelativeGermanFrench(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"de gestern", "Aserbaidschan hat gestern", "gestern", "2023-09-19", "2023-09-19", PrecisionDay},
		{"de heute", "heute", "heute", "2023-09-20", "2023-09-20", PrecisionDay},
		{"de am Dienstag", "am Dienstag begann", "Dienstag", "2023-09-19", "2023-09-19", PrecisionDay},
		{"de vergangene Woche", "vergangene Woche", "vergangene Woche", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"de Nacht zum", "in der Nacht zum Dienstag", "in der Nacht zum Dienstag", "2023-09-18", "2023-09-19", PrecisionDay},
		{"de vor Tagen", "vor drei Tagen", "vor drei Tagen", "2023-09-17", "2023-09-17", PrecisionDay},
		{"fr hier", "a déclaré hier", "hier", "2023-09-19", "2023-09-19", PrecisionDay},
		{"fr aujourd'hui", "aujourd'hui", "aujourd'hui", "2023-09-20", "2023-09-20", PrecisionDay},
		{"fr mardi", "a lancé mardi une", "mardi", "2023-09-19", "2023-09-19", PrecisionDay},
		{"fr la semaine dernière", "la semaine dernière", "la semaine dernière", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"fr nuit de à", "dans la nuit de lundi à mardi", "dans la nuit de lundi à mardi", "2023-09-18", "2023-09-19", PrecisionDay},
		{"fr il y a", "il y a deux jours", "il y a deux jours", "2023-09-18", "2023-09-18", PrecisionDay},
	})
}

func TestFindDatesRelativeSpanishItalian(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"es ayer", "Azerbaiyán lanzó ayer", "ayer", "2023-09-19", "2023-09-19", PrecisionDay},
		{"es hoy", "hoy", "hoy", "2023-09-20", "2023-09-20", PrecisionDay},
		{"es el martes", "el martes", "martes", "2023-09-19", "2023-09-19", PrecisionDay},
		{"es la semana pasada", "la semana pasada", "la semana pasada", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"es hace", "hace tres días", "hace tres días", "2023-09-17", "2023-09-17", PrecisionDay},
		{"it ieri", "ha detto ieri", "ieri", "2023-09-19", "2023-09-19", PrecisionDay},
		{"it oggi", "oggi", "oggi", "2023-09-20", "2023-09-20", PrecisionDay},
		{"it martedì", "martedì l'Azerbaigian", "martedì", "2023-09-19", "2023-09-19", PrecisionDay},
		{"it la settimana scorsa", "la settimana scorsa", "la settimana scorsa", "2023-09-11", "2023-09-17", PrecisionWeek},
		{"it notte tra", "nella notte tra lunedì e martedì", "nella notte tra lunedì e martedì", "2023-09-18", "2023-09-19", PrecisionDay},
		{"it fa", "tre giorni fa", "tre giorni fa", "2023-09-17", "2023-09-17", PrecisionDay},
	})
}

func TestFindDatesAbsolute(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"hy genitive with year", "2023 թ. սեպտեմբերի 19-ին", "2023 թ. սեպտեմբերի 19-ին", "2023-09-19", "2023-09-19", PrecisionDay},
		{"az day first with year", "19 sentyabr 2023-cü il", "19 sentyabr 2023-cü il", "2023-09-19", "2023-09-19", PrecisionDay},
		{"az year first", "2023-cü il sentyabrın 19-da", "2023-cü il sentyabrın 19-da", "2023-09-19", "2023-09-19", PrecisionDay},
		{"tr", "19 Eylül 2023 tarihinde", "19 Eylül 2023", "2023-09-19", "2023-09-19", PrecisionDay},
		{"tr case ending", "19 Eylül'de başladı", "19 Eylül'de", "2023-09-19", "2023-09-19", PrecisionDay},
		{"tr year suffix", "19 Eylül 2023'te", "19 Eylül 2023'te", "2023-09-19", "2023-09-19", PrecisionDay},
		{"tr month", "Eylül ayında", "Eylül ayında", "2023-09-01", "2023-09-30", PrecisionMonth},
		{"tr month without apostrophe", "eylülde ise 61'e yükseldi", "eylülde", "2023-09-01", "2023-09-30", PrecisionMonth},
		{"tr month ending", "Aralık'ta", "Aralık'ta", "2022-12-01", "2022-12-31", PrecisionMonth},
		{"it", "il 19 settembre 2023 l'esercito", "19 settembre 2023", "2023-09-19", "2023-09-19", PrecisionDay},
		{"es", "el 19 de septiembre de 2023 el ejército", "19 de septiembre de 2023", "2023-09-19", "2023-09-19", PrecisionDay},
		{"es month year", "en diciembre de 2022", "diciembre de 2022", "2022-12-01", "2022-12-31", PrecisionMonth},
		{"es month", "en diciembre", "diciembre", "2022-12-01", "2022-12-31", PrecisionMonth},
		{"it month", "a dicembre", "dicembre", "2022-12-01", "2022-12-31", PrecisionMonth},
		{"de", "am 19. September 2023", "19. September 2023", "2023-09-19", "2023-09-19", PrecisionDay},
		{"fr", "le 19 septembre 2023", "19 septembre 2023", "2023-09-19", "2023-09-19", PrecisionDay},
		{"ru", "19 сентября 2023 года", "19 сентября 2023 года", "2023-09-19", "2023-09-19", PrecisionDay},
		{"en month first", "September 19, 2023", "September 19, 2023", "2023-09-19", "2023-09-19", PrecisionDay},
		{"en month year", "in December 2022", "December 2022", "2022-12-01", "2022-12-31", PrecisionMonth},
		{"ru month", "в декабре", "декабре", "2022-12-01", "2022-12-31", PrecisionMonth},
		{"year", "in 2020", "2020", "2020-01-01", "2020-12-31", PrecisionYear},
		{"tr year", "2020'de", "2020'de", "2020-01-01", "2020-12-31", PrecisionYear},
	})
}

func TestFindDatesRanges(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"dash", "on 12–14 December", "12–14 December", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"hyphen", "on 12-14 December 2022", "12-14 December 2022", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"two days", "on 12–13 September", "12–13 September", "2023-09-12", "2023-09-13", PrecisionDay},
		{"from to", "from 12 to 14 December", "12 to 14 December", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"month first", "December 12–14, 2022", "December 12–14, 2022", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"between and", "between 12 and 14 December", "12 and 14 December", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"ru с по", "с 12 по 14 декабря", "12 по 14 декабря", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"de vom bis", "vom 12. bis 14. Dezember", "12. bis 14. Dezember", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"fr du au", "du 12 au 14 décembre", "12 au 14 décembre", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"es del al", "del 12 al 14 de diciembre", "12 al 14 de diciembre", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"it dal al", "dal 12 al 14 dicembre", "12 al 14 dicembre", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"tr", "12-14 Aralık", "12-14 Aralık", "2022-12-12", "2022-12-14", PrecisionWeek},
		{"long", "1–20 December 2022", "1–20 December 2022", "2022-12-01", "2022-12-20", PrecisionMonth},
	})
}

func TestFindDatesInvalid(t *testing.T) {
	for _, text := range []string{
		"31 February", "31 February 2023", "February 30, 2023", "30 февраля", "31 settembre 2023",
		"31 de septiembre de 2023", "31 Eylül", "սեպտեմբերի 31-ին", "в ночь на 31 июня", "28–31 September",
		"pazar yerinde", "cuma namazı", "Domingo Pérez", "12 de ellos",
	} {
		for _, e := range FindDates(text, wed, true) {
			if e.Precision == PrecisionDay || e.Precision == PrecisionWeek {
				t.Errorf("FindDates(%q) found %+v", text, e)
			}
		}
	}
}

// A decade is background, never the year of an event.
func TestFindDatesSkipsDecades(t *testing.T) {
	for _, s := range []string{"villages held since the 1990s were handed over", "которые с 1990-х годов находились",
		"в 1990-е годы", "1990'lardan beri", "1990-cı illərdə", "seit den 1990er Jahren", "depuis les années 1990",
		"negli anni 1990", "1990-ականներին"} {
		if got := FindDates(s, mustDay("2024-05-24"), true); len(got) != 0 {
			t.Errorf("%q: %q is no date", s, got[0].Text)
		}
	}
	if got := FindDates("в 1990 году", mustDay("2024-05-24"), true); len(got) != 1 || got[0].Date.Year() != 1990 {
		t.Errorf("a year ending in 0 is still a year: %+v", got)
	}
}
