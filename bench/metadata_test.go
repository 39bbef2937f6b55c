package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sp(s string) *string { return &s }

func TestScoreMeta(t *testing.T) {
	truth := map[string]MetaTruth{
		"a": {Title: sp("How to Build a Terrarium | eHow"), Byline: sp("By Jane Doe"), SiteName: sp("eHow"),
			PublishedTime: sp("2015-03-27T13:07:55.096Z"), Lang: sp("en-US")},
		"b": {Title: sp("Une  histoire\n"), Byline: sp("Jean Dupont et Marie Curie"), SiteName: sp("Le Site"),
			PublishedTime: sp("2018-04-05T06:00"), Lang: sp("fr")},
		"c": {Title: sp("Third"), Byline: nil, SiteName: sp(""), PublishedTime: sp("not a date"), Lang: nil},
		"d": {Title: sp("Missing page"), Lang: sp("de")},
	}
	got := map[string]MetaGot{
		"a": {Title: "How to Build a Terrarium", Byline: "jane doe", SiteName: "EHOW",
			Published: time.Date(2015, 3, 27, 14, 7, 55, 96e6, time.FixedZone("", 3600)), Lang: "en", TextLang: "en"},
		"b": {Title: "Une histoire", Byline: "Jean Dupont", SiteName: "Autre",
			Published: time.Date(2018, 4, 5, 6, 0, 0, 0, time.UTC), Lang: "fr-FR", TextLang: ""},
		"c": {Title: "Third", Byline: "Somebody"},
	}
	r := scoreMeta(truth, got, true)
	want := map[string]metaRate{
		"title":            {2, 4}, // b (spaces), c; a keeps the site name, d has no output
		"byline":           {2, 2}, // "jane doe" = "By Jane Doe"; "Jean Dupont" is in the truth
		"publishedTime":    {2, 2}, // the same instant in another zone; c unparseable
		"siteName":         {1, 2}, // case ignored; c's is empty
		"lang":             {2, 3}, // base languages; d missing
		"lang (text only)": {1, 3},
	}
	for f, w := range want {
		if r[f] != w {
			t.Errorf("%s: got %v, want %v", f, r[f], w)
		}
	}
	if _, ok := scoreMeta(truth, got, false)["lang (text only)"]; ok {
		t.Error("lang (text only) scored for an extractor without a detector")
	}
	// An empty byline never matches, although "" is in every string.
	r = scoreMeta(map[string]MetaTruth{"x": {Byline: sp("Jane Doe")}}, map[string]MetaGot{"x": {}}, false)
	if r["byline"] != (metaRate{0, 1}) {
		t.Errorf("empty byline: %v", r["byline"])
	}
}

func TestParseTruthTime(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2021-11-01T10:52:50+0100":   time.Date(2021, 11, 1, 9, 52, 50, 0, time.UTC),
		"2015-07-10T09:53:00-04:00":  time.Date(2015, 7, 10, 13, 53, 0, 0, time.UTC),
		"2017-11-03 03:01:00.000000": time.Date(2017, 11, 3, 3, 1, 0, 0, time.UTC),
		"2018-04-05T06:00":           time.Date(2018, 4, 5, 6, 0, 0, 0, time.UTC),
		"2024-06-25":                 time.Date(2024, 6, 25, 0, 0, 0, 0, time.UTC),
		"2019-01-03T07:00:02.000Z":   time.Date(2019, 1, 3, 7, 0, 2, 0, time.UTC),
		"2017-11-24T18:42:20.314667": time.Date(2017, 11, 24, 18, 42, 20, 314667000, time.UTC),
	} {
		got, ok := parseTruthTime(in)
		if !ok || !got.Equal(want) {
			t.Errorf("parseTruthTime(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := parseTruthTime("yesterday"); ok {
		t.Error("parsed a non-date")
	}
}

func TestBaseLang(t *testing.T) {
	for in, want := range map[string]string{"en-US": "en", "pt_BR": "pt", "ZH-tw": "zh", " fr ": "fr", "": ""} {
		if got := baseLang(in); got != want {
			t.Errorf("baseLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadMetaTruth(t *testing.T) {
	dir := t.TempDir()
	meta := filepath.Join(dir, "meta.json")
	body := filepath.Join(dir, "body.json")
	if err := os.WriteFile(meta, []byte(`{"p": {"articleBody": "x", "title": "T", "byline": null, "lang": "en"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(body, []byte(`{"p": {"articleBody": "x", "url": "u"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	gt, ok, err := loadMetaTruth(meta)
	if err != nil || !ok || *gt["p"].Title != "T" || gt["p"].Byline != nil || *gt["p"].Lang != "en" {
		t.Errorf("meta: %v %v %+v", ok, err, gt)
	}
	if _, ok, err := loadMetaTruth(body); err != nil || ok {
		t.Errorf("a text-only ground truth is not a metadata one: %v %v", ok, err)
	}
}

func TestPrintMeta(t *testing.T) {
	var b bytes.Buffer
	d := &Dataset{Name: "readability", Pages: make([]Page, 3)}
	printMeta(&b, d, []string{"cleaner", "readeck"}, []map[string]metaRate{
		{"title": {2, 3}, "lang": {1, 1}, "lang (text only)": {1, 1}},
		{"title": {3, 3}, "lang": {0, 1}},
	})
	want := "\n### readability: metadata, 3 pages\n\n" +
		"| field            |      cleaner |      readeck | pages |\n" +
		"| ---------------- | -----------: | -----------: | ----: |\n" +
		"| title            |  66.7% (2/3) | 100.0% (3/3) |     3 |\n" +
		"| lang             | 100.0% (1/1) |   0.0% (0/1) |     1 |\n" +
		"| lang (text only) | 100.0% (1/1) |            - |     1 |\n"
	out := b.String()
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestRunMetaReadability runs the table on the Readability corpus when it
// is there, and checks the cleaner's rates against floors just under those
// reached (title 91.5 %: the site names it removes on purpose cost 8 pages).
func TestRunMetaReadability(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := filepath.Join(defaultShared(), "eval", "readability")
	if !isDataset(dir) {
		t.Skipf("%s not available", dir)
	}
	d, err := loadDataset(dir, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	truth, _, err := loadMetaTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	exts, err := metaExtractors(registry[:1])
	if err != nil || len(exts) != 1 {
		t.Fatal(err)
	}
	got := map[string]MetaGot{}
	for _, p := range d.Pages {
		if g, err := safeMeta(exts[0], p.HTML, p.URL); err == nil {
			got[p.ID] = g
		}
	}
	rates := scoreMeta(truth, got, true)
	for f, floor := range map[string]float64{
		"title": 91, "byline": 87, "publishedTime": 99, "siteName": 99, "lang": 99, "lang (text only)": 95,
	} {
		r := rates[f]
		if pct := 100 * float64(r.hit) / float64(r.total); r.total == 0 || pct < floor {
			t.Errorf("%s: %v, floor %.0f%%", f, r, floor)
		}
	}
}

func TestSameTitleAsideSite(t *testing.T) {
	site := func(s string) *string { return &s }
	for _, tc := range []struct {
		got, want, gotSite string
		wantSite           *string
		same               bool
	}{
		{"How to Build a Terrarium", "How to Build a Terrarium | eHow", "", site("eHow"), true},
		{"How to Build a Terrarium", "How to Build a Terrarium | eHow", "eHow.com", nil, true},
		{"Getting LEAN", "IAB - Getting LEAN", "IAB", nil, true},
		{"Same  title", "Same title", "", nil, true},
		{"Samantha and The Great Big Lie", "Samantha and The Great Big Lie - John C. Welch - Medium", "Medium", nil, false},
		{"Short", "Short | Other Site", "Site", nil, false},
		{"", " | Site", "Site", nil, false},
		{"A title", "Another title | Site", "Site", nil, false},
	} {
		if got := sameTitleAsideSite(tc.got, tc.want, tc.gotSite, tc.wantSite); got != tc.same {
			t.Errorf("sameTitleAsideSite(%q, %q) = %v, want %v", tc.got, tc.want, got, tc.same)
		}
	}
}
