package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	readeck "codeberg.org/readeck/go-readability/v2"
	"github.com/boilerfree/cleaner"
	"github.com/boilerfree/cleaner/internal/lang"
)

// The metadata table compares the metadata an extractor reads with the
// title, byline, publishedTime, siteName and lang of a ground truth that
// has them (Readability's test pages: Readability.js's own output). Only
// the cleaner and readeck's go-readability take part: the other peers'
// text-only Extractor interface has no metadata.

// metaFields are the rows of the table, in order.
var metaFields = []string{"title", "title (site affix aside)", "byline", "publishedTime", "siteName", "lang", "lang (text only)"}

// MetaTruth is the metadata of one ground-truth page; nil fields are absent.
type MetaTruth struct {
	Title         *string `json:"title"`
	Byline        *string `json:"byline"`
	SiteName      *string `json:"siteName"`
	PublishedTime *string `json:"publishedTime"`
	Lang          *string `json:"lang"`
}

// MetaGot is what one extractor read from one page.
type MetaGot struct {
	Title, Byline, SiteName, Lang string
	Published                     time.Time
	// TextLang is the language detected from the article text alone, for
	// the "lang (text only)" row of the extractors that have a detector.
	TextLang string
}

// metaRate counts the pages where a field matched among those counted.
type metaRate struct{ hit, total int }

func (r metaRate) String() string {
	if r.total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%% (%d/%d)", 100*float64(r.hit)/float64(r.total), r.hit, r.total)
}

// loadMetaTruth reads the metadata fields of DATASET/ground-truth.json. ok
// is false when no page has a title or a byline field: the dataset is not
// one to score metadata on.
func loadMetaTruth(path string) (truth map[string]MetaTruth, ok bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, err
	}
	if err := json.Unmarshal(data, &truth); err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	for _, t := range truth {
		if t.Title != nil || t.Byline != nil {
			return truth, true, nil
		}
	}
	return truth, false, nil
}

// normMeta collapses white space.
func normMeta(s string) string { return strings.Join(strings.Fields(s), " ") }

// looseByline lower-cases a byline and removes a leading "By".
func looseByline(s string) string {
	s = strings.ToLower(normMeta(s))
	for _, p := range []string{"by:", "by "} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	return s
}

// baseLang is the language subtag of a BCP 47 tag, lower case.
func baseLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// truthTimeLayouts are the forms of publishedTime in the ground truth;
// time.Parse accepts fractional seconds after the seconds of any of them.
var truthTimeLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

// parseTruthTime reads a publishedTime of the ground truth; a time without
// a zone is UTC.
func parseTruthTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range truthTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// scoreMeta compares one extractor's metadata with the truth, field by
// field, in the order of metaFields:
//   - title: equal after white-space normalization, over pages with a title;
//   - title (site affix aside): equal, or the truth is the title plus a
//     separator and the site's name (the truth's siteName or the one the
//     extractor found), before or after: Readability's truth keeps the
//     og:title as the site wrote it ("How to Build a Terrarium | eHow"),
//     where the cleaner takes the site name off;
//   - byline: one contains the other, ignoring case and a leading "By", over
//     pages with a byline;
//   - publishedTime: the same instant, over pages with a parseable one;
//   - siteName: equal ignoring case, over pages with one;
//   - lang and lang (text only): the same base language ("en" for "en-US"),
//     over pages with one.
//
// A page missing from got counts as a miss. The "lang (text only)" row is
// only scored when textLang is set.
func scoreMeta(truth map[string]MetaTruth, got map[string]MetaGot, textLang bool) map[string]metaRate {
	rates := map[string]metaRate{}
	count := func(field string, hit bool) {
		r := rates[field]
		r.total++
		if hit {
			r.hit++
		}
		rates[field] = r
	}
	for id, t := range truth {
		g := got[id]
		if t.Title != nil && normMeta(*t.Title) != "" {
			count("title", normMeta(g.Title) == normMeta(*t.Title))
			count("title (site affix aside)", sameTitleAsideSite(g.Title, *t.Title, g.SiteName, t.SiteName))
		}
		if t.Byline != nil {
			if want := looseByline(*t.Byline); want != "" {
				have := looseByline(g.Byline)
				count("byline", have != "" && (strings.Contains(want, have) || strings.Contains(have, want)))
			}
		}
		if t.PublishedTime != nil {
			if want, ok := parseTruthTime(*t.PublishedTime); ok {
				count("publishedTime", !g.Published.IsZero() && g.Published.Equal(want))
			}
		}
		if t.SiteName != nil {
			if want := normMeta(*t.SiteName); want != "" {
				count("siteName", strings.EqualFold(normMeta(g.SiteName), want))
			}
		}
		if t.Lang != nil {
			if want := baseLang(*t.Lang); want != "" {
				count("lang", baseLang(g.Lang) == want)
				if textLang {
					count("lang (text only)", g.TextLang == want)
				}
			}
		}
	}
	return rates
}

// metaExtractor reads the metadata of a page.
type metaExtractor struct {
	name     string
	read     func(page []byte, pageURL string) (MetaGot, error)
	textLang bool // read sets TextLang
}

// metaExtractors returns the extractors of the metadata table among the
// selected ones.
func metaExtractors(specs []extractorSpec) ([]metaExtractor, error) {
	var out []metaExtractor
	for _, s := range specs {
		switch s.name {
		case "cleaner":
			c, err := cleaner.New()
			if err != nil {
				return nil, err
			}
			out = append(out, metaExtractor{name: s.name, textLang: true, read: func(page []byte, pageURL string) (MetaGot, error) {
				return cleanerMeta(c, page, pageURL)
			}})
		case "readeck/go-readability":
			out = append(out, metaExtractor{name: s.name, read: readeckMeta})
		}
	}
	return out, nil
}

func cleanerMeta(c *cleaner.Cleaner, page []byte, pageURL string) (MetaGot, error) {
	a, err := c.Clean(context.Background(), bytes.NewReader(page), pageURL)
	if err != nil {
		return MetaGot{}, err
	}
	return MetaGot{
		Title:     a.Title,
		Byline:    strings.Join(a.Authors, ", "),
		SiteName:  a.SiteName,
		Lang:      a.Language,
		Published: a.Published,
		TextLang:  lang.Detect(a.Text),
	}, nil
}

func readeckMeta(page []byte, pageURL string) (MetaGot, error) {
	a, err := readeck.FromReader(bytes.NewReader(page), parseURL(pageURL))
	if err != nil {
		return MetaGot{}, err
	}
	g := MetaGot{Title: a.Title(), Byline: a.Byline(), SiteName: a.SiteName(), Lang: a.Language()}
	if t, err := a.PublishedTime(); err == nil {
		g.Published = t
	}
	return g, nil
}

// safeMeta runs one metadata extractor on one page, a panic counting as an
// error.
func safeMeta(e metaExtractor, page []byte, pageURL string) (g MetaGot, err error) {
	defer func() {
		if r := recover(); r != nil {
			g, err = MetaGot{}, fmt.Errorf("%w in %s: %v", errPanic, e.name, r)
		}
	}()
	return e.read(page, pageURL)
}

// runMeta prints the metadata table of every dataset whose ground truth has
// title or byline fields.
func runMeta(specs []extractorSpec, datasets []*Dataset, stdout, stderr io.Writer) error {
	exts, err := metaExtractors(specs)
	if err != nil {
		return err
	}
	if len(exts) == 0 {
		return nil
	}
	for _, d := range datasets {
		truth, ok, err := loadMetaTruth(filepath.Join(d.Dir, "ground-truth.json"))
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		var names []string
		var rates []map[string]metaRate
		for _, e := range exts {
			got := map[string]MetaGot{}
			errs := 0
			start := time.Now()
			for _, p := range d.Pages {
				if p.HTML == nil {
					continue
				}
				g, err := safeMeta(e, p.HTML, p.URL)
				if err != nil {
					errs++
					continue
				}
				got[p.ID] = g
			}
			fmt.Fprintf(stderr, "meta:    %-12s %-26s %4d pages in %6.1fs, %d errors\n", d.Name, e.name, len(d.Pages), time.Since(start).Seconds(), errs)
			names = append(names, e.name)
			rates = append(rates, scoreMeta(truth, got, e.textLang))
		}
		printMeta(stdout, d, names, rates)
	}
	return nil
}

// printMeta prints the table: a row per field, a column per extractor with
// its rate, and the pages counted (the pages whose truth has the field).
func printMeta(w io.Writer, d *Dataset, names []string, rates []map[string]metaRate) {
	fmt.Fprintf(w, "\n### %s: metadata, %d pages\n\n", d.Name, len(d.Pages))
	head := append([]string{"field"}, names...)
	head = append(head, "pages")
	var rows [][]string
	for _, f := range metaFields {
		row := []string{f}
		pages := 0
		for _, r := range rates {
			row = append(row, r[f].String())
			pages = max(pages, r[f].total)
		}
		if pages == 0 {
			continue
		}
		rows = append(rows, append(row, strconv.Itoa(pages)))
	}
	printTable(w, head, rows)
	fmt.Fprintln(w, "\ntitle: equal after white-space normalization; byline: one contains the other (case and a leading \"By\" ignored); publishedTime: the same instant; siteName: equal ignoring case; lang: the same base language; lang (text only): the cleaner's detector on its article text, without the page's declarations. Pages: those whose truth has the field.")
}

// titleSeps are the separators between a title and a site name.
var titleSeps = []string{" | ", " - ", " – ", " — ", " · ", " :: ", " / ", " » ", ": "}

// sameTitleAsideSite reports whether got equals want, or want is got with
// a site-name affix: "got | Site", "Site - got".
func sameTitleAsideSite(got, want, gotSite string, wantSite *string) bool {
	g, w := normMeta(got), normMeta(want)
	if g == w {
		return true
	}
	if g == "" {
		return false
	}
	var sites []string
	for _, s := range []string{gotSite, derefString(wantSite)} {
		if s = strings.ToLower(normMeta(s)); s != "" {
			sites = append(sites, s)
		}
	}
	for _, sep := range titleSeps {
		if rest, ok := strings.CutPrefix(w, g+sep); ok && isSiteName(rest, sites) {
			return true
		}
		if rest, ok := strings.CutSuffix(w, sep+g); ok && isSiteName(rest, sites) {
			return true
		}
	}
	return false
}

// isSiteName reports whether s names one of the sites (lower case): the
// same letters and digits, or those of the site and a domain (".com").
func isSiteName(s string, sites []string) bool {
	s = alnum(strings.ToLower(s))
	for _, site := range sites {
		site = alnum(site)
		if s == "" || site == "" {
			continue
		}
		if s == site {
			return true
		}
		for _, d := range []string{"com", "org", "net", "couk", "news"} {
			if s == site+d || site == s+d {
				return true
			}
		}
	}
	return false
}

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
