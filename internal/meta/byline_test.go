package meta

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseByline(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"by JANE DOE, JOHN ROE and Max Mu", []string{"JANE DOE", "JOHN ROE", "Max Mu"}},
		{"By Jane Doe, John Roe, and Max Mu", []string{"Jane Doe", "John Roe", "Max Mu"}},
		{"Jane Doe | Reuters", []string{"Jane Doe"}},
		{"Written by: Jane Doe", []string{"Jane Doe"}},
		{"Jane Doe, Staff Writer", []string{"Jane Doe"}},
		{"Jung Min-ho mj6c2@example.com", []string{"Jung Min-ho"}},
		{"Von Hans Meier", []string{"Hans Meier"}},
		{"Par Jean Dupont", []string{"Jean Dupont"}},
		{"Por Juan Pérez", []string{"Juan Pérez"}},
		{"By Jane Doe Updated 5:00 PM ET, Mon March 3, 2025", []string{"Jane Doe"}},
		{"Jane Doe · 5 min read", []string{"Jane Doe"}},
		{"By Jane Doe on March 3, 2025", []string{"Jane Doe"}},
		{"By Jane Doe March 3, 2025 at 5:00 pm", []string{"Jane Doe"}},
		{"By\n\t\t\tScott Cunningham", []string{"Scott Cunningham"}},
		{"  BY:   Jane   Doe  ", []string{"Jane Doe"}},
		{"Brenda Goodman, MA", []string{"Brenda Goodman"}},
		{"By Jane Doe and John Roe, Associated Press", []string{"Jane Doe", "John Roe"}},
		{"Martin Untersinger (avec Damien Leloup et Morgane Tual)", []string{"Martin Untersinger", "Damien Leloup", "Morgane Tual"}},
		{"Bruno (Henrique Zecchin) Rodrigues", []string{"Bruno (Henrique Zecchin) Rodrigues"}},
		{"By Jane Doe (@janedoe)", []string{"Jane Doe"}},
		{"Jane Doe, Jr.", []string{"Jane Doe, Jr."}},
		{"John C. Welch", []string{"John C. Welch"}},
		{"Von Miller", []string{"Von Miller"}},
		{"Michiel de Jong", []string{"Michiel de Jong"}},
		{"Mac & i", []string{"Mac & i"}},
		{"Jane Doe and jane doe", []string{"Jane Doe"}},
		{"By Lucas Nolan22 Dec 2016", []string{"Lucas Nolan"}},
		{"BBC News", []string{"BBC News"}},
		{"史蒂文", []string{"史蒂文"}},
		{"Von Hans Meier, 5. März 2024", []string{"Hans Meier"}},
		{"Posted on March 3, 2025 by Jane Doe", []string{"Jane Doe"}},
		{"Updated 5:00 PM ET, Mon March 3, 2025 By Jane Doe", []string{"Jane Doe"}},
		{"By Jane Doe, CNN", []string{"Jane Doe"}},
		{"By Jane Doe, The Example Times", []string{"Jane Doe"}},
		{"By Jane Doe and John Roe for The Example Post", []string{"Jane Doe", "John Roe"}},
		{"Senior Staff Writer Jane Doe", []string{"Jane Doe"}},
		{"Organization for Transformative Works", []string{"Organization for Transformative Works"}},
		{"By Bashar al-Assad and Ludwig van Beethoven", []string{"Bashar al-Assad", "Ludwig van Beethoven"}},
		{"Max Read", []string{"Max Read"}},
		{"Last Updated: January 7, 2025", nil},
		{"", nil},
		{"By", nil},
		{"This is a sentence of body text. It goes on for a while.", nil},
		{"Did you know? Jane Doe wrote this", nil},
		{"A note from Sleyca", nil},
		{"one two three four five six seven eight nine ten eleven twelve thirteen", nil},
		{strings.Repeat("Jane Doe and ", 200), nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, tc.want, ParseByline(tc.in))
		})
	}
}

func TestCleanAuthorName(t *testing.T) {
	tests := map[string]string{
		"By Jane Doe":                   "Jane Doe",
		"Jane Doe jane@example.com":     "Jane Doe",
		"jane@example.com":              "",
		"https://example.com/jane-doe":  "",
		"example.com/authors/jane-doe":  "",
		"  Jane   Doe ":                 "Jane Doe",
		"Jane Doe <mailto:jane@ex.com>": "Jane Doe",
	}
	for in, want := range tests {
		assert.Equal(t, want, cleanAuthorName(in), in)
	}
}
