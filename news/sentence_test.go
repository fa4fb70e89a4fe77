package news

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "The road is closed. Trucks wait! Why? Nobody knows.",
			[]string{"The road is closed.", "Trucks wait!", "Why?", "Nobody knows."}},
		{"month abbreviations", "Since Dec. 12, activists have blocked the road. On Nov. 9, 2020 a deal was signed. Jan. 3 was calm.",
			[]string{"Since Dec. 12, activists have blocked the road.", "On Nov. 9, 2020 a deal was signed.", "Jan. 3 was calm."}},
		{"titles", "Gen. Andrei Volkov met Col. Smith and Lt. Jones. Mr. Lee and Dr. Aliyev came with Prof. Ivanov Jr. to St. Petersburg.",
			[]string{"Gen. Andrei Volkov met Col. Smith and Lt. Jones.", "Mr. Lee and Dr. Aliyev came with Prof. Ivanov Jr. to St. Petersburg."}},
		{"politicians", "Rep. Pallone and Sen. Menendez wrote to Gov. Newsom. They agreed.",
			[]string{"Rep. Pallone and Sen. Menendez wrote to Gov. Newsom.", "They agreed."}},
		{"initialisms", "The U.S. and the U.N. called for talks, e.g. in Vienna, i.e. soon. No. 5 was next.",
			[]string{"The U.S. and the U.N. called for talks, e.g. in Vienna, i.e. soon.", "No. 5 was next."}},
		{"initial", "A. Volkov said so. Then he left.", []string{"A. Volkov said so.", "Then he left."}},
		{"quote with said", "“Why don’t they act? Is the empire trembling?” said Artur Osipian. He left.",
			[]string{"“Why don’t they act? Is the empire trembling?” said Artur Osipian.", "He left."}},
		{"quote closes after the stop", "It guarantees “safe travel for civilians.” Yet Baku hints otherwise.",
			[]string{"It guarantees “safe travel for civilians.”", "Yet Baku hints otherwise."}},
		{"straight quotes", `"The behaviour is unacceptable. They are bystanders," Pashinyan said. Moscow rebuffed it.`,
			[]string{`"The behaviour is unacceptable. They are bystanders," Pashinyan said.`, "Moscow rebuffed it."}},
		{"unbalanced quote is ignored", `He said “it is over. Then he left.`, []string{"He said “it is over.", "Then he left."}},
		{"paragraphs always end", "A heading without a stop\n\nThe text starts here. It goes on",
			[]string{"A heading without a stop", "The text starts here.", "It goes on"}},
		{"lower case goes on", "The deal was signed in the U.S. by both. It held.",
			[]string{"The deal was signed in the U.S. by both.", "It held."}},
		{"decimals and domains", "Inflation was 3.5 percent on news.am today. Fine.",
			[]string{"Inflation was 3.5 percent on news.am today.", "Fine."}},
		{"ellipsis", "We suspect them… We do not lose heart. Wait... Go.",
			[]string{"We suspect them…", "We do not lose heart.", "Wait...", "Go."}},
		{"russian", "Миротворцы отказались сопровождать колонну. Об этом сообщил ген. Волков в 2023 г. в Степанакерте. Всё.",
			[]string{"Миротворцы отказались сопровождать колонну.", "Об этом сообщил ген. Волков в 2023 г. в Степанакерте.", "Всё."}},
		{"armenian full stop", "Խաղաղապահները հրաժարվել են։ Շարժումը շարունակվում է։",
			[]string{"Խաղաղապահները հրաժարվել են։", "Շարժումը շարունակվում է։"}},
		{"guillemets", "Он сказал: «Дорога закрыта. Мы ждём». Потом ушёл.",
			[]string{"Он сказал: «Дорога закрыта. Мы ждём».", "Потом ушёл."}},
		{"german ordinal day", "Die Waffenruhe gilt seit dem 20. September 2023. Am 1. Dezember 2020 ging Latschin an Baku. Es waren 20. Dann mehr.",
			[]string{"Die Waffenruhe gilt seit dem 20. September 2023.", "Am 1. Dezember 2020 ging Latschin an Baku.", "Es waren 20.", "Dann mehr."}},
		{"white space only", "  \n\n  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range Sentences(tt.text) {
				got = append(got, tt.text[sp.Start:sp.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSentencesSeeds(t *testing.T) {
	tests := []struct {
		seed  string
		count int
		has   []string
	}{
		{"000", 9, []string{"The command of the Russian peacekeepers in Nagorno-Karabakh last week refused to provide an escort to the protesters to the bridge over the river Hakari at the border with Armenia."}},
		{"003", 21, []string{"Russia deployed peacekeepers in Karabakh under a ceasefire it brokered in 2020 to end a six-week war between Armenia and Azerbaijan over the long-disputed enclave."}},
		{"004", 42, []string{"Since Dec. 12, Azeri eco-activists have blocked the Lachin Corridor, stopping traffic along the only road connecting Nagorno-Karabakh with Armenia.",
			"On the contrary: on Dec. 13, Azerbaijan also cut off the gas supply to Armenian-controlled Nagorno-Karabakh.",
			"On that occasion, the problem was resolved relatively swiftly when the commander of Russia’s peacekeeping mission, General Andrei Volkov, agreed with Azerbaijani government officials that Baku would be able to carry out inspections at the Karabakh mines."}},
	}
	for _, tt := range tests {
		a := mustSeed(t, tt.seed)
		spans := Sentences(a.Body)
		got := map[string]bool{}
		for i, sp := range spans {
			if sp.Start < 0 || sp.End > len(a.Body) || sp.Start >= sp.End || (i > 0 && sp.Start < spans[i-1].End) {
				t.Fatalf("%s: bad span %v", tt.seed, sp)
			}
			got[sp.Text(a.Body)] = true
		}
		if len(spans) != tt.count {
			t.Errorf("%s: %d sentences, want %d", tt.seed, len(spans), tt.count)
		}
		for _, s := range tt.has {
			if !got[s] {
				t.Errorf("%s: no sentence %q", tt.seed, s)
			}
		}
	}
}

func TestSpanText(t *testing.T) {
	if got := (Span{2, 5}).Text("abcdef"); got != "cde" {
		t.Errorf("Text = %q", got)
	}
	for _, sp := range []Span{{-1, 2}, {3, 9}, {4, 2}} {
		if got := sp.Text("abcdef"); got != "" {
			t.Errorf("%v.Text = %q, want empty", sp, got)
		}
	}
}
