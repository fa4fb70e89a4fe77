package news

import (
	"strings"
	"testing"
	"time"
)

func TestReadDateline(t *testing.T) {
	tests := []struct {
		name, para    string
		place, agency string
		date          string // the date's text, "" for none
	}{
		{"en full date", "STEPANAKERT, 12 September 2023 — Azerbaijan launched", "STEPANAKERT", "", "12 September 2023"},
		{"en agency", "Baku, 12 September (Trend) — The command", "Baku", "Trend", "12 September"},
		{"en armenpress", "YEREVAN, AUGUST 23, ARMENPRESS. Minister of Foreign Affairs", "YEREVAN", "ARMENPRESS", "AUGUST 23"},
		{"en reuters", "MOSCOW, Dec 13 (Reuters) - Russia said", "MOSCOW", "Reuters", "Dec 13"},
		{"en capitals and a full stop", "YEREVAN, December 14. Armenia’s Prime Minister", "YEREVAN", "", "December 14"},
		{"en country", "BAKU, Azerbaijan, August 7. /Trend/. The command", "BAKU, Azerbaijan", "Trend", "August 7"},
		{"az", "Bakı, 12 sentyabr (Trend) — Ermənistan", "Bakı", "Trend", "12 sentyabr"},
		{"az agency", "Bakı, 19 sentyabr, AZƏRTAC. Qarabağda", "Bakı", "AZƏRTAC", "19 sentyabr"},
		{"ru tass", "МОСКВА, 12 сентября. /ТАСС/. Азербайджан", "МОСКВА", "ТАСС", "12 сентября"},
		{"de", "BERLIN, 20. September (Reuters) - Aserbaidschan", "BERLIN", "Reuters", "20. September"},
		{"fr", "PARIS, 20 septembre (AFP) - L'Azerbaïdjan", "PARIS", "AFP", "20 septembre"},
		{"hy", "Երևան, սեպտեմբերի 19. ARMENPRESS. Ադրբեջանը", "Երևան", "ARMENPRESS", "սեպտեմբերի 19"},
		{"es", "MADRID, 19 de septiembre (EFE) - Azerbaiyán", "MADRID", "EFE", "19 de septiembre"},
		{"it", "ROMA, 19 settembre (ANSA) - L'Azerbaigian", "ROMA", "ANSA", "19 settembre"},
		{"tr", "ANKARA, 19 Eylül (AA) - Azerbaycan", "ANKARA", "AA", "19 Eylül"},
		{"ru interfax", "Москва. 19 сентября. INTERFAX.RU - Азербайджан", "Москва", "INTERFAX.RU", "19 сентября"},
		{"hy capitals", "ԵՐԵՎԱՆ, 19 ՍԵՊՏԵՄԲԵՐԻ, ԱՐՄԵՆՊՐԵՍ: Ադրբեջանը", "ԵՐԵՎԱՆ", "ԱՐՄԵՆՊՐԵՍ", "19 ՍԵՊՏԵՄԲԵՐԻ"},
		{"es abbreviated", "Madrid, 19 dic (EFE).- El Gobierno", "Madrid", "EFE", "19 dic"},
		{"az agency without a stop", "Bakı, 19 sentyabr, AZƏRTAC - Qarabağda", "Bakı", "AZƏRTAC", "19 sentyabr"},
		{"undated", "STEPANAKERT — The Russian force", "STEPANAKERT", "", ""},
		{"undated agency", "YEREVAN (RFE/RL) — Fierce fighting", "YEREVAN", "RFE/RL", ""},
		{"a sentence", "Baku, 12 September was a quiet day.", "", "", ""},
		{"a name and a date", "Smith, 12 September. He said", "", "", ""},
		{"an abbreviation", "Mr. 12 September (the day) was", "", "", ""},
		{"no dateline", "On 12 September the army", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl := readDateline(tt.para)
			got := ""
			if dl.date.Precision != PrecisionNone {
				got = tt.para[dl.date.Start:dl.date.End]
			}
			if dl.place != tt.place || dl.agency != tt.agency || got != tt.date {
				t.Errorf("readDateline(%q) = %q, %q, date %q; want %q, %q, %q", tt.para, dl.place, dl.agency, got, tt.place, tt.agency, tt.date)
			}
		})
	}
}

func TestDatelineDate(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		published string // the article's date, "" for none
		dateline  string // the dateline's date, "" for none
		ref       string // BodyDates's reference, "" for none
		yesterday string // how "yesterday" in the body resolves
	}{
		{"full date, no publication date", "STEPANAKERT, 12 September 2023 — The army said yesterday that the road was closed.",
			"2023-09-12", "2023-09-12", "2023-09-12", "2023-09-11"},
		{"year from the publication date", "Published: 2023-09-13\n\nBaku, 12 September (Trend) — The army said yesterday that the road was closed.",
			"2023-09-13", "2023-09-12", "2023-09-12", "2023-09-11"},
		{"nearest year on or before", "Published: 2024-01-02\n\nBaku, 30 December (Trend) — The army said yesterday that the road was closed.",
			"2024-01-02", "2023-12-30", "2023-12-30", "2023-12-29"},
		{"no year, no date", "Baku, 12 September (Trend) — The army said yesterday that the road was closed.",
			"", "", "", ""},
		{"month from the URL made a day", "URL: https://example.org/2023/09/story\n\nМОСКВА, 12 сентября. /ТАСС/. Армия вчера сообщила.",
			"2023-09-12", "2023-09-12", "2023-09-12", "2023-09-11"},
		{"no dateline", "Published: 2023-09-13\n\nThe army said yesterday that the road was closed.",
			"2023-09-13", "", "2023-09-13", "2023-09-12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticle("a.txt", []byte(tt.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := isoDay(a.Published); got != tt.published {
				t.Errorf("published %q, want %q", got, tt.published)
			}
			d, _, _ := a.DatelineDate()
			if got := isoDay(d); got != tt.dateline {
				t.Errorf("dateline date %q, want %q", got, tt.dateline)
			}
			exprs, known := a.BodyDates()
			yesterday := ""
			for _, e := range exprs {
				// Only the dateline's own date, at the start of the body, is marked.
				if e.Dateline != (e.Start < 30 && e.Text != "yesterday" && e.Text != "вчера") {
					t.Errorf("%q marked dateline %v", e.Text, e.Dateline)
				}
				if e.Text == "yesterday" || e.Text == "вчера" {
					yesterday = isoDay(e.Date)
				}
			}
			if known != (tt.ref != "") || yesterday != tt.yesterday {
				t.Errorf("reference known %v, yesterday %q; want %q, %q", known, yesterday, tt.ref, tt.yesterday)
			}
		})
	}
}

func TestHeaderFields(t *testing.T) {
	tests := []struct {
		name                             string
		text                             string
		title, published, source, author string
		url                              string
	}{
		{"all, in order", "Title: Road closed\nPublished: 2023-09-20\nSource: Example News\nURL: https://example.org/a\nAuthor: Jane Roe\n\nThe road was closed.",
			"Road closed", "2023-09-20", "Example News", "Jane Roe", "https://example.org/a"},
		{"any order", "URL: https://example.org/a\nAuthor: Jane Roe\nSource: Example News\nDate: 20 September 2023\nTitle: Road closed\n\nThe road was closed.",
			"Road closed", "2023-09-20", "Example News", "Jane Roe", "https://example.org/a"},
		{"time and zone", "Date: 2023-09-20T10:15:00+04:00\nTitle: Road closed\n\nThe road was closed.",
			"Road closed", "2023-09-20", "", "", ""},
		{"russian", "Заголовок: Дорога закрыта\nДата: 20 сентября 2023, 10:15\nИсточник: ТАСС\nАвтор: Иван Петров\n\nДорогу закрыли.",
			"Дорога закрыта", "2023-09-20", "ТАСС", "Иван Петров", ""},
		{"french", "Titre: Route fermée\nPublié le: 20 septembre 2023\nSource: AFP\nAuteur: Jean Dupont\n\nLa route est fermée.",
			"Route fermée", "2023-09-20", "AFP", "Jean Dupont", ""},
		{"german", "Titel: Straße gesperrt\nDatum: 20.09.2023\nQuelle: dpa\nAutor: Max Muster\n\nDie Straße ist gesperrt.",
			"Straße gesperrt", "2023-09-20", "dpa", "Max Muster", ""},
		{"month only", "Title: The last bus\nPublished: 2023-10\nSource: OC Media\n\nOn 29 September the road was full.",
			"The last bus", "2023-10-01", "OC Media", "", ""},
		{"markdown bold keys", "**Title:** Road closed\n**Published:** September 20, 2023\n\nThe road was closed.",
			"Road closed", "2023-09-20", "", "", ""},
		{"title line then fields", "Road closed\n\nPublished: 2023-09-20\nSource: Example News\n\nThe road was closed.",
			"Road closed", "2023-09-20", "Example News", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArticle("a.txt", []byte(tt.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || isoDay(a.Published) != tt.published || a.OutletName != tt.source ||
				a.Author != tt.author || a.URL != tt.url {
				t.Errorf("got title %q, published %q, source %q, author %q, url %q", a.Title, isoDay(a.Published), a.OutletName, a.Author, a.URL)
			}
			for _, key := range []string{"Title", "Published", "Date", "Source", "URL", "Author", "Заголовок", "Дата", "Titre", "Titel", "Datum", "Quelle", "Автор"} {
				if strings.Contains(a.Body, key+":") {
					t.Errorf("body keeps the %s header: %q", key, a.Body)
				}
			}
		})
	}
}

// isoDay formats d as YYYY-MM-DD, or "" when it is zero.
func isoDay(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}
