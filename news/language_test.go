package news

import "testing"

func TestGuessLanguage(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"english", "The road to Stepanakert was closed on Monday, and the residents of the town said that it has been blocked for weeks.", "en"},
		{"russian", "Дорога на Степанакерт была закрыта в понедельник, сообщили жители города.", "ru"},
		{"armenian", "Ստեփանակերտ տանող ճանապարհը փակ էր երկուշաբթի օրը, հայտնել են բնակիչները։", "hy"},
		{"azerbaijani", "Xankəndiyə gedən yol bazar ertəsi bağlanıb, sakinlər bildirib ki, yol həftələrdir bağlıdır.", "az"},
		{"german", "Die Straße nach Stepanakert ist seit Montag gesperrt, und die Bewohner sagen, dass sie nicht mit Hilfe rechnen.", "de"},
		{"too short", "Lachin.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := GuessLanguage(tc.text); got != tc.want {
				t.Errorf("GuessLanguage = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLanguageHeaderDecides(t *testing.T) {
	a, err := ParseArticle("x.txt", []byte("Title: Road closed\nLanguage: fr-FR\n\nThe road to Stepanakert was closed on Monday, residents said.\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Language != "fr" || a.Title != "Road closed" {
		t.Errorf("language %q, title %q", a.Language, a.Title)
	}
	raw, err := Record{Language: "hy", Title: "T", Text: "The road to Stepanakert was closed on Monday, residents said."}.Raw()
	if err != nil {
		t.Fatal(err)
	}
	if a, err := ParseArticle("y.txt", raw, nil); err != nil || a.Language != "hy" {
		t.Errorf("a record's language: %q, %v", a.Language, err)
	}
}
