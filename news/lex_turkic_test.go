package news

import (
	"strings"
	"testing"
)

// Azerbaijani and Turkish dates that put the month's genitive before the
// day, or the day before the month after a year.
func TestFindDatesTurkicForms(t *testing.T) {
	runDateCases(t, wed, []dateCase{
		{"az month genitive day", "dekabr ayının 12-si bağlanıb", "dekabr ayının 12", "2022-12-12", "2022-12-12", PrecisionDay},
		{"az month genitive since", "dekabr ayının 12-dən davam edir", "dekabr ayının 12-dən", "2022-12-12", "2022-12-12", PrecisionDay},
		{"tr month genitive day", "Aralık ayının 12'sinde kapatıldı", "Aralık ayının 12", "2022-12-12", "2022-12-12", PrecisionDay},
		{"az year day month", "2020-ci il 10 noyabr tarixli bəyanat", "2020-ci il 10 noyabr", "2020-11-10", "2020-11-10", PrecisionDay},
	})
}

func TestTurkicNegative(t *testing.T) {
	for rest, want := range map[string]bool{
		"nmayıb": true, "ılmadı": true, "mədi": true, "mır": true, "ılmıyor": true, "ılmayacak": true,
		"mayan": true, "madan": true, "mamış": true, "maz": true,
		"maya": false, "mak": false, "ması": false, "mağa": false, "mada": false, "ılması": false, "makta": false,
		"dı": false, "ıldı": false, "acak": false,
	} {
		if got := turkicNegative.MatchString(rest); got != want {
			t.Errorf("turkicNegative(%q) = %v, want %v", rest, got, want)
		}
	}
}

// Each sentence reports the sub-type by the az/tr stems, or nothing.
func TestTurkicStemRules(t *testing.T) {
	for s, want := range map[string]SubEventType{
		"laçın yolu yenidən bağlanıb":                                                     RoadBlockade,
		"laçın dəhlizi ilə hərəkət dayandırılıb":                                          RoadBlockade,
		"həkəri körpüsündə nəzarət-buraxılış məntəqəsi quruldu":                           CheckpointEstablished,
		"humanitar yük daşıyan maşınlar məntəqədən buraxılmayıb":                          ConvoyBlocked,
		"xankəndiyə qaz təchizatı kəsilib":                                                UtilityCutOff,
		"ağdam rayonu azərbaycana təhvil verildi":                                         NonViolentTerritoryChange,
		"ağdamda ekskavator tank əleyhinə minaya düşüb":                                   RemoteExplosive,
		"ekofəallar laçın yolunda etiraz aksiyası keçirirlər":                             PeacefulProtest,
		"azerbaycan laçın koridorunu trafiğe kapattı":                                     RoadBlockade,
		"hakari köprüsünde kontrol noktası kuruldu":                                       CheckpointEstablished,
		"rus birlikleri kontrol noktalarını kaldırmaya başladı":                           CheckpointRemoved,
		"insani yardım konvoyu sınırda bekletiliyor":                                      ConvoyBlocked,
		"laçın koridoru yeniden trafiğe açıldı":                                           RoadReopened,
		"gence'ye düzenlenen füze saldırısında 13 sivil öldü":                             ShellingArtilleryMissile,
		"bu kriz bölgede gerginliğe yol açtı":                                             "",
		"bu məsələ laçın yolu ilə bağlıdır":                                               "",
		"ermənistan silahlı qüvvələrinin döyüş vasitələri məhv edilib":                    "",
		"ermənistan ordusu 20 kasım'da ağdam'dan, 25 kasım'da da kelbecer'den çekilmişti": NonViolentTerritoryChange,
		"29 nəfər laçın sərhəd-buraxılış məntəqəsindən keçməklə hərəkət edib":             HumanitarianAccess,
		"sülhməramlılara aid bir minik maşını maneəsiz keçib":                             "",
		"ermeni nüfus kapan'a gitti":                                                      "",
	} {
		var got SubEventType
		for _, c := range matchStemRules(s, true, true) {
			if c.negated {
				continue
			}
			if got == "" || c.sub() == want {
				got = c.sub()
			}
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

func TestTurkicDemandAfter(t *testing.T) {
	for s, want := range map[string]bool{
		"sərhəddə gömrük postlarının yaradılmasını tələb edirlər": true,
		"kontrol noktası kurulması için çalışıyor":                true,
		"yolun açılması gerekiyor":                                true,
		"sərhəd-buraxılış məntəqəsi qurulub":                      false,
		"nəzarət-buraxılış məntəqəsi yaratmasının məqsədi":        true,
	} {
		words := wordSpans(s)
		// the trigger: the verb or verbal noun before the demand word
		end := -1
		for _, w := range words {
			if st := s[w.Start:w.End]; st == "yaradılmasını" || st == "kurulması" || st == "açılması" || st == "qurulub" || st == "yaratmasının" {
				end = w.End
			}
		}
		if got := turkicDemandAfter(s, end); got != want {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	}
}

func TestTurkicDeniedAfterDeyil(t *testing.T) {
	for s, want := range map[string]bool{
		"məqsədi hərəkəti məhdudlaşdırmaq deyil, əksinə": true,
		"yol kapalı değil": true,
		"yol bağlanıb":     false,
	} {
		ws := wordSpans(s)
		end := ws[len(ws)-1].End
		for k, w := range ws {
			if st := s[w.Start:w.End]; st == "deyil" || st == "değil" {
				end = ws[k-1].End
			}
		}
		if got := turkicDeniedAfter(s, end); got != want {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	}
}

func TestTurkicBackground(t *testing.T) {
	for s, want := range map[string]bool{
		"xatırladaq ki, laçın yolu bağlanıb":           true,
		"metbuat.az xatırladır ki, tədbirlər başlanıb": true,
		"hatırlatmak gerekirse, yol kapatıldı":         true,
		"laçın yolu bağlanıb":                          false,
	} {
		if got := turkicRecalled(s); got != want {
			t.Errorf("turkicRecalled(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"imzalanan ateşkes anlaşması gereği ordu girdi": true,
		"imzaladığı bildiriler uyarınca":                true,
		"imzalanan anlaşma ile savaş sona erdi":         false,
	} {
		end := len("imzalanan")
		if strings.HasPrefix(s, "imzaladığı") {
			end = len("imzaladığı")
		}
		if got := turkicBasisAfter(s, end); got != want {
			t.Errorf("turkicBasisAfter(%q) = %v, want %v", s, got, want)
		}
	}
}

// Places each with its own date stand in one list.
func TestListedWithDates(t *testing.T) {
	span := func(text, name string) PlaceMention {
		i := strings.Index(text, name)
		return PlaceMention{Start: i, End: i + len(name)}
	}
	for text, want := range map[string]bool{
		"Ermenistan ordusu 20 Kasım'da Ağdam'dan, 25 Kasım'da da Kelbecer'den çekilmişti.": true,
		"Ermenistan ordusu Ağdam'dan ayrıldı, sonra Kelbecer'den çekildi.":                 false,
	} {
		if got := listedWith(text, span(text, "Ağdam"), span(text, "Kelbecer")); got != want {
			t.Errorf("listedWith(%q) = %v, want %v", text, got, want)
		}
	}
}
