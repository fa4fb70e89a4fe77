package news

import (
	"strings"
	"testing"
)

func TestNamesCheckpoint(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"Vehicles crossed the Lachin checkpoint today.", "Lachin", true},
		{`“Laçın” sərhəd-buraxılış məntəqəsində keçid təmin edilib.`, "Laçın", true},
		{"Грузовики прошли через КПП «Лачин» утром.", "Лачин", true},
		{"Le poste-frontière de Latchine est fermé.", "Latchine", true},
		{"El puesto de control de Lachin fue cerrado.", "Lachin", true},
		{"Residents of Lachin protested.", "Lachin", false},
		{"Lachin, the checkpoint town, was quiet.", "Lachin", false},
		{"Le village de Latchine est vide.", "Latchine", false},
	}
	for _, tt := range tests {
		start := strings.Index(tt.text, tt.name)
		if got := namesCheckpoint(tt.text, start, start+len(tt.name)); got != tt.want {
			t.Errorf("namesCheckpoint(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}

func TestDistanceReference(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"Tents stood in Kornidzor, half an hour's drive from the town of Goris.", "Goris", true},
		{"На окраине села Корнидзор в получасе езды от города Горис разбиты шатры.", "Горис", true},
		{"The camp is 10 km from Goris.", "Goris", true},
		{"Das Lager liegt wenige Kilometer von Goris entfernt.", "Goris", true},
		{"Le camp est à 5 km de Goris.", "Goris", true},
		{"Refugees arrived from Stepanakert in Goris.", "Goris", false},
		{"Refugees arrived in Goris from Stepanakert.", "Stepanakert", false},
	}
	for _, tt := range tests {
		if got := distanceReference(tt.text, strings.Index(tt.text, tt.name)); got != tt.want {
			t.Errorf("distanceReference(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}
