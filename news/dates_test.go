package news

import (
	"testing"
	"time"
)

func mustDay(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestFindDates(t *testing.T) {
	jan3 := mustDay("2023-01-03")  // a Tuesday, the Moscow Times article
	aug16 := mustDay("2023-08-16") // a Wednesday, the RFE/RL article
	tests := []struct {
		name     string
		text     string
		ref      time.Time
		want     string // the expression's text
		from, to string // its range; "" when unresolved
		p        Precision
		relative bool
		since    bool
	}{
		// English
		{"abbreviated month rolls back a year", "Since Dec. 12, activists have blocked the road.", jan3, "Dec. 12", "2022-12-12", "2022-12-12", PrecisionDay, true, true},
		{"day before the reference", "On Jan. 2 it rained.", jan3, "Jan. 2", "2023-01-02", "2023-01-02", PrecisionDay, true, false},
		{"day after the reference is last year", "On Jan. 5 it rained.", jan3, "Jan. 5", "2022-01-05", "2022-01-05", PrecisionDay, true, false},
		{"full date", "on December 12, 2022 the road", jan3, "December 12, 2022", "2022-12-12", "2022-12-12", PrecisionDay, false, false},
		{"since full date", "since December 12, 2022 the road", jan3, "December 12, 2022", "2022-12-12", "2022-12-12", PrecisionDay, false, true},
		{"this year", "on April 23 this year, the units", aug16, "April 23 this year", "2023-04-23", "2023-04-23", PrecisionDay, true, false},
		{"of last year", "on April 23 of last year", aug16, "April 23 of last year", "2022-04-23", "2022-04-23", PrecisionDay, true, false},
		{"bare day and month", "Brussels (July 15), has", aug16, "July 15", "2023-07-15", "2023-07-15", PrecisionDay, true, false},
		{"abbreviated with year", "The agreement of Nov. 9, 2020 that put", jan3, "Nov. 9, 2020", "2020-11-09", "2020-11-09", PrecisionDay, false, false},
		{"ordinal", "on December 12th, 2022", jan3, "December 12th, 2022", "2022-12-12", "2022-12-12", PrecisionDay, false, false},
		{"day first", "on 23 April 2023 they", aug16, "23 April 2023", "2023-04-23", "2023-04-23", PrecisionDay, false, false},
		{"day of month", "the 12th of December", jan3, "12th of December", "2022-12-12", "2022-12-12", PrecisionDay, true, false},
		{"month and year", "signed in November 2020 to end", aug16, "November 2020", "2020-11-01", "2020-11-30", PrecisionMonth, false, false},
		{"month alone after in", "It happened in November.", jan3, "November", "2022-11-01", "2022-11-30", PrecisionMonth, true, false},
		{"last month name", "It happened last December.", mustDay("2023-03-01"), "last December", "2022-12-01", "2022-12-31", PrecisionMonth, true, false},
		{"early month", "in early December 2022", jan3, "early December 2022", "2022-12-01", "2022-12-10", PrecisionMonth, false, false},
		{"mid month", "by mid-December", jan3, "mid-December", "2022-12-11", "2022-12-20", PrecisionMonth, true, false},
		{"year", "broke away from Azerbaijan in 1991 and", jan3, "1991", "1991-01-01", "1991-12-31", PrecisionYear, false, false},
		{"season", "another war over the territory in autumn 2020.", jan3, "autumn 2020", "2020-09-01", "2020-11-30", PrecisionMonth, false, false},
		{"winter spans the new year", "in winter 2022", jan3, "winter 2022", "2022-12-01", "2023-02-28", PrecisionMonth, false, false},
		{"last summer", "last summer the road", jan3, "last summer", "2022-06-01", "2022-08-31", PrecisionMonth, true, false},
		{"iso", "posted 2023-08-16 by", jan3, "2023-08-16", "2023-08-16", "2023-08-16", PrecisionDay, false, false},
		{"dotted", "am 16.08.2023 um", jan3, "16.08.2023", "2023-08-16", "2023-08-16", PrecisionDay, false, false},
		{"last week", "The command last week refused", aug16, "last week", "2023-08-07", "2023-08-13", PrecisionWeek, true, false},
		{"this week", "This week the road", aug16, "This week", "2023-08-14", "2023-08-20", PrecisionWeek, true, false},
		{"earlier this week", "earlier this week", aug16, "earlier this week", "2023-08-14", "2023-08-16", PrecisionWeek, true, false},
		{"last Friday", "to the command last Friday.", aug16, "last Friday", "2023-08-11", "2023-08-11", PrecisionDay, true, false},
		{"last Wednesday is a week back", "last Wednesday", aug16, "last Wednesday", "2023-08-09", "2023-08-09", PrecisionDay, true, false},
		{"on Thursday", "Pashinyan said on Thursday that", jan3, "Thursday", "2022-12-29", "2022-12-29", PrecisionDay, true, false},
		{"on the same weekday", "On Wednesday the road", aug16, "Wednesday", "2023-08-16", "2023-08-16", PrecisionDay, true, false},
		{"next Monday", "talks next Monday", aug16, "next Monday", "2023-08-21", "2023-08-21", PrecisionDay, true, false},
		{"earlier this month", "Earlier this month Armenia accused", jan3, "Earlier this month", "2023-01-01", "2023-01-03", PrecisionMonth, true, false},
		{"last month", "last month", jan3, "last month", "2022-12-01", "2022-12-31", PrecisionMonth, true, false},
		{"last year", "Nothing has changed since last year", jan3, "last year", "2022-01-01", "2022-12-31", PrecisionYear, true, true},
		{"yesterday", "Yesterday the gas", aug16, "Yesterday", "2023-08-15", "2023-08-15", PrecisionDay, true, false},
		{"months ago", "Just six months ago, Baku", jan3, "six months ago", "2022-07-01", "2022-07-31", PrecisionMonth, true, false},
		{"days ago", "3 days ago", jan3, "3 days ago", "2022-12-31", "2022-12-31", PrecisionDay, true, false},
		{"weekend", "over the weekend", aug16, "over the weekend", "2023-08-12", "2023-08-13", PrecisionWeek, true, false},
		// Russian
		{"ru full date", "с 12 декабря 2022 года дорога", jan3, "12 декабря 2022 года", "2022-12-12", "2022-12-12", PrecisionDay, false, true},
		{"ru day month", "13 декабря Азербайджан прекратил", jan3, "13 декабря", "2022-12-13", "2022-12-13", PrecisionDay, true, false},
		{"ru last friday", "в прошлую пятницу движение", aug16, "в прошлую пятницу", "2023-08-11", "2023-08-11", PrecisionDay, true, false},
		{"ru last week", "на прошлой неделе командование", aug16, "на прошлой неделе", "2023-08-07", "2023-08-13", PrecisionWeek, true, false},
		{"ru month year", "в ноябре 2020 года", jan3, "ноябре 2020 года", "2020-11-01", "2020-11-30", PrecisionMonth, false, false},
		{"ru month alone", "в ноябре дорога", jan3, "ноябре", "2022-11-01", "2022-11-30", PrecisionMonth, true, false},
		{"ru year", "в 2020 году", jan3, "2020 году", "2020-01-01", "2020-12-31", PrecisionYear, false, false},
		{"ru weekday", "в четверг премьер", jan3, "в четверг", "2022-12-29", "2022-12-29", PrecisionDay, true, false},
		{"ru autumn", "осенью 2020 года", jan3, "осенью 2020 года", "2020-09-01", "2020-11-30", PrecisionMonth, false, false},
		{"ru yesterday", "вчера", aug16, "вчера", "2023-08-15", "2023-08-15", PrecisionDay, true, false},
		// German and French
		{"de", "am 12. Dezember 2022 blockierten", jan3, "12. Dezember 2022", "2022-12-12", "2022-12-12", PrecisionDay, false, false},
		{"de last week", "letzte Woche", aug16, "letzte Woche", "2023-08-07", "2023-08-13", PrecisionWeek, true, false},
		{"de weekday", "letzten Freitag", aug16, "letzten Freitag", "2023-08-11", "2023-08-11", PrecisionDay, true, false},
		{"fr", "le 12 décembre 2022, des militants", jan3, "12 décembre 2022", "2022-12-12", "2022-12-12", PrecisionDay, false, false},
		{"fr first", "le 1er décembre", jan3, "1er décembre", "2022-12-01", "2022-12-01", PrecisionDay, true, false},
		{"fr last week", "la semaine dernière", aug16, "la semaine dernière", "2023-08-07", "2023-08-13", PrecisionWeek, true, false},
		{"fr weekday", "vendredi dernier", aug16, "vendredi dernier", "2023-08-11", "2023-08-11", PrecisionDay, true, false},
		// Armenian and Azerbaijani
		{"hy", "դեկտեմբերի 12-ին ադրբեջանցիները", jan3, "դեկտեմբերի 12-ին", "2022-12-12", "2022-12-12", PrecisionDay, true, false},
		{"hy with year", "2022 թվականի դեկտեմբերի 12-ից", jan3, "2022 թվականի դեկտեմբերի 12-ից", "2022-12-12", "2022-12-12", PrecisionDay, false, true},
		{"hy month", "դեկտեմբերին", jan3, "դեկտեմբերին", "2022-12-01", "2022-12-31", PrecisionMonth, true, false},
		{"hy last week", "անցյալ շաբաթ", aug16, "անցյալ շաբաթ", "2023-08-07", "2023-08-13", PrecisionWeek, true, false},
		{"az", "12 dekabr 2022-ci il tarixində", jan3, "12 dekabr 2022-ci il", "2022-12-12", "2022-12-12", PrecisionDay, false, false},
		{"az genitive", "dekabrın 12-də", jan3, "dekabrın 12-də", "2022-12-12", "2022-12-12", PrecisionDay, true, false},
		{"az year first", "2022-ci il dekabrın 12-də", jan3, "2022-ci il dekabrın 12-də", "2022-12-12", "2022-12-12", PrecisionDay, false, false},
		{"az may needs no capital after a day", "12 may 2022", jan3, "12 may 2022", "2022-05-12", "2022-05-12", PrecisionDay, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindDates(tt.text, tt.ref, true)
			if len(got) != 1 {
				t.Fatalf("FindDates(%q) found %d expressions: %+v", tt.text, len(got), got)
			}
			e := got[0]
			if e.Text != tt.want || tt.text[e.Start:e.End] != e.Text {
				t.Errorf("text %q at [%d,%d], want %q", e.Text, e.Start, e.End, tt.want)
			}
			if d := e.Date.Format("2006-01-02"); d != tt.from {
				t.Errorf("date %s, want %s", d, tt.from)
			}
			if d := e.DateEnd.Format("2006-01-02"); d != tt.to {
				t.Errorf("date end %s, want %s", d, tt.to)
			}
			if e.Precision != tt.p || e.Relative != tt.relative || e.Since != tt.since {
				t.Errorf("precision %v relative %v since %v, want %v %v %v", e.Precision, e.Relative, e.Since, tt.p, tt.relative, tt.since)
			}
			// Without a reference, relative expressions keep their precision but no date.
			un := FindDates(tt.text, time.Time{}, false)
			if len(un) != 1 || un[0].Resolved() == tt.relative || un[0].Precision != tt.p {
				t.Errorf("without a reference: %+v", un)
			}
		})
	}
}

func TestFindDatesNotDates(t *testing.T) {
	for _, text := range []string{
		"May God help us.",
		"Only 12 may apply.",
		"The 6th meeting of the leaders.",
		"a six-week war",
		"Karabakh's 120,000 inhabitants and 6,500 lives",
		"for over two weeks",
		"at 12:30 on the bridge",
		"March forward, said the general.",
		"they will dec 12 things",
		"the friday prayers",
		"пятница была тихой",
		"the 2020s and 2,000 people",
		"the last few weeks",
	} {
		if got := FindDates(text, mustDay("2023-01-03"), true); len(got) != 0 {
			t.Errorf("FindDates(%q) = %+v, want nothing", text, got)
		}
	}
}

func TestFindDatesSeed004(t *testing.T) {
	a := mustSeed(t, "004")
	// "last year" is "for the last year"; "tomorrow" is figurative ("the more
	// uncertain tomorrow looks"): both are found, as a reader would read them.
	want := []string{"Dec. 12", "six months ago", "Nov. 9, 2020", "last year", "Dec. 3", "Dec. 10", "Dec. 12", "2025", "Dec. 13", "tomorrow"}
	got := FindDates(a.Body, a.Published, true)
	var texts []string
	for _, e := range got {
		texts = append(texts, e.Text)
		if !e.Resolved() {
			t.Errorf("%q unresolved", e.Text)
		}
		if e.Text == "Dec. 13" && e.Date.Format("2006-01-02") != "2022-12-13" {
			t.Errorf("Dec. 13 resolved to %v", e.Date)
		}
	}
	if len(texts) != len(want) {
		t.Fatalf("found %q, want %q", texts, want)
	}
	for i := range want {
		if texts[i] != want[i] {
			t.Errorf("expression %d is %q, want %q", i, texts[i], want[i])
		}
	}
}

func TestFindDatesImpossibleDay(t *testing.T) {
	for _, e := range FindDates("February 30, 2023 and 31 April", mustDay("2023-05-01"), true) {
		if e.Precision == PrecisionDay {
			t.Errorf("impossible day found: %+v", e)
		}
	}
}

func TestResolveYear(t *testing.T) {
	got := FindDates("on April 23 this year", time.Time{}, false)
	if len(got) != 1 || got[0].Resolved() {
		t.Fatalf("setup: %+v", got)
	}
	r, ok := got[0].resolveYear(2023)
	if !ok || r.Date.Format("2006-01-02") != "2023-04-23" {
		t.Errorf("resolveYear: %v %v", r.Date, ok)
	}
	plain := FindDates("on April 23", time.Time{}, false)
	if _, ok := plain[0].resolveYear(2023); ok {
		t.Error("a bare day must not take an estimated year")
	}
}

func TestPrecision(t *testing.T) {
	for p, s := range map[Precision]string{PrecisionNone: "none", PrecisionDay: "day", PrecisionWeek: "week", PrecisionMonth: "month", PrecisionYear: "year"} {
		if p.String() != s || !p.Valid() {
			t.Errorf("%d: %q valid %v", p, p.String(), p.Valid())
		}
	}
	if Precision(5).Valid() || Precision(-1).Valid() {
		t.Error("out-of-range precisions are valid")
	}
	e := FindDates("in November 2020", time.Time{}, false)[0]
	if !e.Contains(mustDay("2020-11-30").Add(13*time.Hour)) || e.Contains(mustDay("2020-12-01")) {
		t.Error("Contains")
	}
}

func TestSentenceDate(t *testing.T) {
	text := "On Dec. 13, Azerbaijan cut off the gas. The road stayed closed. In 2020 and on Dec. 1 more."
	exprs := FindDates(text, mustDay("2023-01-03"), true)
	sents := Sentences(text)
	tests := []struct {
		name      string
		sent      int
		pos       int
		published time.Time
		precision Precision
		from, to  string
		p         Precision
		inherited bool
	}{
		{"own date", 0, 23, mustDay("2023-01-03"), PrecisionDay, "2022-12-13", "2022-12-13", PrecisionDay, false},
		{"inherits the publication day", 1, -1, mustDay("2023-01-03"), PrecisionDay, "2023-01-03", "2023-01-03", PrecisionDay, true},
		{"inherits the publication week", 1, -1, mustDay("2023-01-04"), PrecisionWeek, "2023-01-02", "2023-01-08", PrecisionWeek, true},
		{"inherits the month", 1, -1, mustDay("2023-08-01"), PrecisionMonth, "2023-08-01", "2023-08-31", PrecisionMonth, true},
		{"nothing known", 1, -1, time.Time{}, PrecisionNone, "0001-01-01", "0001-01-01", PrecisionNone, false},
		{"nearest to the position", 2, 85, mustDay("2023-01-03"), PrecisionDay, "2022-12-01", "2022-12-01", PrecisionDay, false},
		{"first without a position", 2, -1, mustDay("2023-01-03"), PrecisionDay, "2020-01-01", "2020-12-31", PrecisionYear, false},
	}
	for _, tt := range tests {
		w := SentenceDate(exprs, sents[tt.sent], tt.pos, tt.published, tt.precision)
		if w.Date.Format("2006-01-02") != tt.from || w.DateEnd.Format("2006-01-02") != tt.to || w.Precision != tt.p || w.Inherited != tt.inherited {
			t.Errorf("%s: %+v", tt.name, w)
		}
	}
}

func TestTimeExprAhead(t *testing.T) {
	ref := mustDay("2020-11-23") // a Monday
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"by 25 November", "2020-11-25", true},       // this year's, two days ahead
		{"on Thursday", "2020-11-26", true},          // the coming Thursday
		{"on 20 November", "2020-11-20", false},      // before the reference: stays
		{"on 25 December", "2019-12-25", false},      // more than a month ahead: last year's
		{"on 25 November 2019", "2019-11-25", false}, // a written year is kept
		{"yesterday", "2020-11-22", false},
	}
	for _, tt := range tests {
		es := FindDates(tt.text, ref, true)
		if len(es) != 1 {
			t.Fatalf("%q: %d expressions", tt.text, len(es))
		}
		got, ok := es[0].Ahead(ref)
		if ok != tt.ok || got.Date.Format("2006-01-02") != tt.want {
			t.Errorf("%q: %s %v, want %s %v", tt.text, got.Date.Format("2006-01-02"), ok, tt.want, tt.ok)
		}
	}
}
