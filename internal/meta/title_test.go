package meta

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		name, title, site, host, want string
	}{
		// The removed part names the site.
		{"bar suffix", "How to Build a Terrarium | eHow", "eHow", "", "How to Build a Terrarium"},
		{"dash suffix", "Breaking News Story Here - The Daily Planet", "The Daily Planet", "", "Breaking News Story Here"},
		{"em dash suffix from host", "Mayor announces new budget plan — Example", "", "www.example.com", "Mayor announces new budget plan"},
		{"double colon suffix", "Mayor announces new budget plan :: Example Times", "Example Times", "", "Mayor announces new budget plan"},
		{"middle dot suffix", "Mayor announces new budget plan · Example", "Example", "", "Mayor announces new budget plan"},
		{"domain suffix", "Mayor announces new budget plan | Example.com", "", "news.example.com", "Mayor announces new budget plan"},
		{"parenthesized site", "Mayor announces new budget plan (Example.com)", "Example", "", "Mayor announces new budget plan"},
		{"colon prefix", "Example News: Mayor announces new budget plan", "Example News", "", "Mayor announces new budget plan"},
		{"bar prefix", "Example | Mayor announces new budget plan", "Example", "", "Mayor announces new budget plan"},
		{"both ends", "Example - Mayor announces new budget plan - Example", "Example", "", "Mayor announces new budget plan"},
		{"case-insensitive site", "Some Article Title Here | THE GUARDIAN", "the Guardian", "", "Some Article Title Here"},
		{"site plus generic word", "Some Article Title Here - Example News", "Example", "", "Some Article Title Here"},
		{"white space", "  Mayor   announces\n new plan | Example ", "Example", "", "Mayor announces new plan"},

		// No site match: Readability-like cuts of a short part.
		{"short last part", "Get your Frontend JavaScript Code Covered | Code | Nicolas Perriault", "", "", "Get your Frontend JavaScript Code Covered | Code"},
		{"en dash", "Lorem ipsum dolor sit amet – My website", "", "", "Lorem ipsum dolor sit amet"},
		{"short first part", "Opinion | Why the city needs more trains", "", "", "Why the city needs more trains"},

		// Must not be cut.
		{"colon after short first part", "Foo - Bar: A Story About Baz", "", "", "Foo - Bar: A Story About Baz"},
		{"both sides long", "The Foo Project - Bar: A Story About Baz", "", "", "The Foo Project - Bar: A Story About Baz"},
		{"long last part", "Mayor announces new budget plan - Council meeting ends in chaos tonight", "Example", "", "Mayor announces new budget plan - Council meeting ends in chaos tonight"},
		{"result too short", "Home - Example", "", "", "Home - Example"},
		{"two words each side", "Rust Language - Wikipedia Encyclopedia", "", "", "Rust Language - Wikipedia Encyclopedia"},
		{"colon without site", "Daring Fireball: Colophon", "", "", "Daring Fireball: Colophon"},
		{"colon title", "Review: The new phone is fast but expensive", "Example", "", "Review: The new phone is fast but expensive"},
		{"hyphenated words", "Wi-Fi 7 arrives in low-cost routers this year", "Example", "", "Wi-Fi 7 arrives in low-cost routers this year"},
		{"only the site", "Example", "Example", "", "Example"},
		{"site inside the title", "Example launches a new product line", "Example", "", "Example launches a new product line"},
		{"empty", "   ", "Example", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, CleanTitle(tc.title, tc.site, tc.host))
		})
	}
}

func TestStripAuthor(t *testing.T) {
	tests := []struct {
		name, title string
		authors     []string
		want        string
	}{
		{"dash", "The night the harbour lights came back - Ida M. Berg", []string{"Ida M. Berg"}, "The night the harbour lights came back"},
		{"bar", "Ferry fares should be cut for islanders | Tomás Ó Briain", []string{"Tomás Ó Briain"}, "Ferry fares should be cut for islanders"},
		{"by", "Why we test | by Jane Doe", []string{"Jane Doe"}, "Why we test"},
		{"loose case and punctuation", "Why we test - JANE DOE.", []string{"Jane Doe"}, "Why we test"},
		{"second author", "Why we test — John Roe", []string{"Jane Doe", "John Roe"}, "Why we test"},
		{"another name", "Why we test - John Roe", []string{"Jane Doe"}, "Why we test - John Roe"},
		{"name not last", "Jane Doe - Why we test", []string{"Jane Doe"}, "Jane Doe - Why we test"},
		{"no separator", "Jane Doe explains why we test", []string{"Jane Doe"}, "Jane Doe explains why we test"},
		{"one word left", "Interview - Jane Doe", []string{"Jane Doe"}, "Interview - Jane Doe"},
		{"no authors", "Why we test - Jane Doe", nil, "Why we test - Jane Doe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, stripAuthor(tc.title, tc.authors))
		})
	}
}

func TestTextSimilarity(t *testing.T) {
	assert.InDelta(t, 1.0, textSimilarity("Hello World", "hello world"), 1e-9)
	assert.InDelta(t, 0.0, textSimilarity("Hello", "Goodbye"), 1e-9)
	assert.InDelta(t, 0.0, textSimilarity("", "Goodbye"), 1e-9)
	assert.Greater(t, textSimilarity("West Ham hrozí gigantům - Aktuálně.cz", "West Ham hrozí gigantům"), 0.75)
}

func TestNormLang(t *testing.T) {
	tests := map[string]string{
		"en_US":      "en-US",
		"en-us":      "en-US",
		"EN":         "en",
		"pt-BR":      "pt-BR",
		"zh_hant_tw": "zh-Hant-TW",
		"de-DE, en":  "de-DE",
		"es-419":     "es-419",
		"":           "",
		"english":    "",
		"{{lang}}":   "",
	}
	for in, want := range tests {
		assert.Equal(t, want, normLang(in), in)
	}
}

// TestCleanTitleLongInput: a title of 1.4 MB of separators costs about
// eight times one of 175 KB (a quadratic cost would be 64 times). The
// ratio, not the time, is asserted: the race detector and a loaded machine
// change the time, not the ratio.
func TestCleanTitleLongInput(t *testing.T) {
	measure := func(n int) time.Duration {
		title := strings.Repeat("word | ", n) + "end"
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			got := CleanTitle(title, "Example", "example.com")
			best = min(best, time.Since(start))
			assert.NotEmpty(t, got)
		}
		return best
	}
	small, large := measure(25000), measure(200000)
	ratio := float64(large) / float64(small)
	t.Logf("8× the title: %v → %v (%.1f×)", small, large, ratio)
	assert.Less(t, ratio, 24.0, "linear in the title's length")
}
