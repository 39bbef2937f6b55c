package meta

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// readabilityTruth is one page of the Readability test corpus's expected
// output.
type readabilityTruth struct {
	Title         *string `json:"title"`
	Byline        *string `json:"byline"`
	SiteName      *string `json:"siteName"`
	PublishedTime *string `json:"publishedTime"`
	Lang          *string `json:"lang"`
	Excerpt       *string `json:"excerpt"`
	URL           string  `json:"url"`
}

func sharedDir() string {
	if d := os.Getenv("CLEANER_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

type rate struct{ hit, total int }

func (r rate) String() string {
	if r.total == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d/%d = %.1f%%", r.hit, r.total, r.pct())
}

func (r rate) pct() float64 {
	if r.total == 0 {
		return 100
	}
	return 100 * float64(r.hit) / float64(r.total)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// looseByline normalizes a byline for the loose comparison.
func looseByline(s string) string {
	s = strings.ToLower(normSpace(s))
	for _, p := range []string{"by:", "by "} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	return s
}

// TestReadabilityCorpus measures Extract against the metadata that
// Mozilla's Readability.js produces for its test pages. The corpus lives
// outside the repository (CLEANER_SHARED overrides its parent directory);
// the test is skipped when it is absent. Set CLEANER_META_VERBOSE=1 to list
// the mismatches.
func TestReadabilityCorpus(t *testing.T) {
	dir := filepath.Join(sharedDir(), "eval", "readability")
	gtData, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skipf("readability corpus not available (%v); set CLEANER_SHARED to the directory holding eval/readability", err)
	}
	var truth map[string]readabilityTruth
	require.NoError(t, json.Unmarshal(gtData, &truth))
	names := make([]string, 0, len(truth))
	for k := range truth {
		names = append(names, k)
	}
	sort.Strings(names)
	verbose := os.Getenv("CLEANER_META_VERBOSE") != ""

	var title, titleSite, byline, published, site, lang, excerpt rate
	unparsedDates := 0
	for _, name := range names {
		gt := truth[name]
		raw, err := os.ReadFile(filepath.Join(dir, "html", name+".html.gz"))
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		require.NoError(t, err, name)
		page, err := io.ReadAll(zr)
		require.NoError(t, err, name)
		doc, err := html.Parse(bytes.NewReader(page))
		require.NoError(t, err, name)
		u, _ := url.Parse(gt.URL)
		m := Extract(doc, u)

		report := func(field, want, got string) {
			if verbose {
				t.Logf("%-40s %-9s want %q\n%51s got  %q", name, field, want, "", got)
			}
		}

		// Title: exact after white space normalization. titleSite also
		// accepts a title that differs only by the site or author name this
		// package removes on purpose (Readability keeps "Title | Site" and
		// "Title | Author" from og:title).
		want := normSpace(deref(gt.Title))
		title.total++
		titleSite.total++
		if normSpace(m.Title) == want {
			title.hit++
			titleSite.hit++
		} else {
			s, _ := stripSite(want, newSiteMatcher([]string{m.SiteName, deref(gt.SiteName)}, u.Hostname()))
			if s == m.Title || stripAuthor(s, m.Authors) == m.Title {
				titleSite.hit++
			}
			report("title", want, m.Title)
		}

		if b := looseByline(deref(gt.Byline)); b != "" {
			byline.total++
			got := looseByline(strings.Join(m.Authors, ", "))
			if got != "" && (strings.Contains(b, got) || strings.Contains(got, b)) {
				byline.hit++
			} else {
				report("byline", deref(gt.Byline), strings.Join(m.Authors, ", "))
			}
		}

		if p := strings.TrimSpace(deref(gt.PublishedTime)); p != "" {
			if wantT, ok := ParseDate(p); !ok {
				unparsedDates++
			} else {
				published.total++
				if m.Published.Equal(wantT) {
					published.hit++
				} else {
					report("published", p, m.Published.Format("2006-01-02T15:04:05.999Z07:00"))
				}
			}
		}

		if s := normSpace(deref(gt.SiteName)); s != "" {
			site.total++
			if strings.EqualFold(s, m.SiteName) {
				site.hit++
			} else {
				report("siteName", s, m.SiteName)
			}
		}

		// Excerpt: informational only; Readability falls back to the first
		// paragraph, which is not this package's job.
		if m.Description != "" {
			excerpt.total++
			if normSpace(deref(gt.Excerpt)) == m.Description {
				excerpt.hit++
			} else {
				report("excerpt", deref(gt.Excerpt), m.Description)
			}
		}

		if l := strings.TrimSpace(deref(gt.Lang)); l != "" {
			lang.total++
			if strings.EqualFold(normLang(l), m.Language) {
				lang.hit++
			} else {
				report("lang", l, m.Language)
			}
		}
	}
	t.Logf("readability corpus: %d pages", len(names))
	t.Logf("  title (exact):                   %v", title)
	t.Logf("  title (exact or minus site/author): %v", titleSite)
	t.Logf("  byline (pages with one):         %v", byline)
	t.Logf("  publishedTime (pages with one):  %v (+%d unparseable in the ground truth, not counted)", published, unparsedDates)
	t.Logf("  siteName (pages with one):       %v", site)
	t.Logf("  lang (pages with one):           %v", lang)
	t.Logf("  description = excerpt (info):    %v", excerpt)

	// Floors just under the rates reached: title 91.5 % exact, 98.5 %
	// allowing for the site and author names removed on purpose (the exact
	// rate cannot pass 93.8 % while they are removed: Readability keeps them
	// on 8 pages; the two other misses are pages where Readability takes a
	// site-wide og:title or cuts a title on its colon); byline 89.5 %; the
	// others 100 %.
	assert.GreaterOrEqual(t, title.pct(), 91.0, "title")
	assert.GreaterOrEqual(t, titleSite.pct(), 98.0, "title minus site name")
	assert.GreaterOrEqual(t, byline.pct(), 89.0, "byline")
	assert.GreaterOrEqual(t, published.pct(), 99.0, "publishedTime")
	assert.GreaterOrEqual(t, site.pct(), 99.0, "siteName")
	assert.GreaterOrEqual(t, lang.pct(), 99.0, "lang")
}
