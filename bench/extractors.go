package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime/debug"
	"strings"

	readeck "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"github.com/boilerfree/cleaner"
	shiori "github.com/go-shiori/go-readability"
	distiller "github.com/markusmobius/go-domdistiller"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Extractor turns one HTML page into the text of its article. Every
// extractor goes through its library's reader-based public API with the
// page's URL, as a user of the library would.
type Extractor interface {
	Name() string
	Extract(html []byte, pageURL string) (text string, err error)
}

// extractorSpec is one entry of the registry: how to build an extractor
// and whether it belongs in the quality table (pseudo-extractors that only
// parse the page are there for the speed table alone).
type extractorSpec struct {
	name      string
	alias     string // a short name -extractors also accepts; may be empty
	speedOnly bool
	build     func() (Extractor, error)
}

// registry lists the extractors in the order the tables show them.
var registry = []extractorSpec{
	{name: "cleaner", build: newCleaner},
	{name: "go-trafilatura", build: func() (Extractor, error) { return trafilaturaExtractor{}, nil }},
	{name: "go-trafilatura+fallback", build: func() (Extractor, error) { return trafilaturaExtractor{fallback: true}, nil }},
	{name: "readeck/go-readability", alias: "readeck", build: func() (Extractor, error) { return readeckExtractor{}, nil }},
	{name: "go-shiori/go-readability", alias: "go-shiori", build: func() (Extractor, error) { return shioriExtractor{}, nil }},
	{name: "go-domdistiller", build: func() (Extractor, error) { return distillerExtractor{}, nil }},
	{name: "html.Parse", speedOnly: true, build: func() (Extractor, error) { return htmlParseExtractor{}, nil }},
	{name: "goquery", speedOnly: true, build: func() (Extractor, error) { return goqueryExtractor{}, nil }},
}

// baselineName is the pseudo-extractor the speed table divides by.
const baselineName = "html.Parse"

// selectExtractors returns the registry entries named in list (comma
// separated; full names or aliases), or all of them for "" or "all", in
// registry order.
func selectExtractors(list string) ([]extractorSpec, error) {
	list = strings.TrimSpace(list)
	if list == "" || list == "all" {
		return registry, nil
	}
	want := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var out []extractorSpec
	for _, s := range registry {
		if want[s.name] || (s.alias != "" && want[s.alias]) {
			out = append(out, s)
			delete(want, s.name)
			delete(want, s.alias)
		}
	}
	if len(want) > 0 {
		var unknown, known []string
		for n := range want {
			unknown = append(unknown, n)
		}
		for _, s := range registry {
			known = append(known, s.name)
		}
		return nil, fmt.Errorf("unknown extractor(s) %s; known: %s", strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	return out, nil
}

// buildExtractor builds an extractor; one that cannot be built becomes an
// extractor that fails every page with the build error, so that the tables
// still show it.
func buildExtractor(s extractorSpec) Extractor {
	e, err := s.build()
	if err != nil {
		return failing{name: s.name, err: err}
	}
	return e
}

type failing struct {
	name string
	err  error
}

func (f failing) Name() string                           { return f.name }
func (f failing) Extract([]byte, string) (string, error) { return "", f.err }

// errPanic marks an error made from a recovered panic.
var errPanic = errors.New("panic")

// safeExtract runs e on one page and turns a panic into an error, so that a
// crashing extractor costs one page, not the run.
func safeExtract(e Extractor, page []byte, pageURL string) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w in %s: %v\n%s", errPanic, e.Name(), r, firstLines(string(debug.Stack()), 12))
		}
	}()
	return e.Extract(page, pageURL)
}

// parseURL returns the page URL for the peers' APIs, nil when empty or bad.
func parseURL(s string) *url.URL {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	return u
}

// cleanerExtractor is this project's extractor: one shared Cleaner.
type cleanerExtractor struct{ c *cleaner.Cleaner }

func newCleaner() (Extractor, error) {
	c, err := cleaner.New()
	if err != nil {
		return nil, err
	}
	return cleanerExtractor{c}, nil
}

func (cleanerExtractor) Name() string { return "cleaner" }

func (e cleanerExtractor) Extract(page []byte, pageURL string) (string, error) {
	a, err := e.c.Clean(context.Background(), bytes.NewReader(page), pageURL)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

// trafilaturaExtractor is go-trafilatura with its default options (comments
// included, balanced focus), optionally with its fallback extractors.
type trafilaturaExtractor struct{ fallback bool }

func (e trafilaturaExtractor) Name() string {
	if e.fallback {
		return "go-trafilatura+fallback"
	}
	return "go-trafilatura"
}

func (e trafilaturaExtractor) Extract(page []byte, pageURL string) (string, error) {
	res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{
		OriginalURL:    parseURL(pageURL),
		EnableFallback: e.fallback,
	})
	if err != nil {
		return "", err
	}
	return res.ContentText, nil
}

// readeckExtractor is readeck's go-readability v2, rendered as text.
type readeckExtractor struct{}

func (readeckExtractor) Name() string { return "readeck/go-readability" }

func (readeckExtractor) Extract(page []byte, pageURL string) (string, error) {
	a, err := readeck.FromReader(bytes.NewReader(page), parseURL(pageURL))
	if err != nil {
		return "", err
	}
	if a.Node == nil {
		return "", nil
	}
	var b strings.Builder
	if err := a.RenderText(&b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// shioriExtractor is go-shiori's go-readability (deprecated upstream in
// favour of readeck's fork), its TextContent.
type shioriExtractor struct{}

func (shioriExtractor) Name() string { return "go-shiori/go-readability" }

func (shioriExtractor) Extract(page []byte, pageURL string) (string, error) {
	a, err := shiori.FromReader(bytes.NewReader(page), parseURL(pageURL))
	if err != nil {
		return "", err
	}
	return a.TextContent, nil
}

// distillerExtractor is go-domdistiller, without the next-page search (which
// only looks for links and does not change the text).
type distillerExtractor struct{}

func (distillerExtractor) Name() string { return "go-domdistiller" }

func (distillerExtractor) Extract(page []byte, pageURL string) (string, error) {
	res, err := distiller.ApplyForReader(bytes.NewReader(page), &distiller.Options{
		OriginalURL:    parseURL(pageURL),
		SkipPagination: true,
	})
	if err != nil {
		return "", err
	}
	return res.Text, nil
}

// htmlParseExtractor only parses the page with golang.org/x/net/html: the
// floor every extractor pays, used as the unit of the speed table.
type htmlParseExtractor struct{}

func (htmlParseExtractor) Name() string { return "html.Parse" }

func (htmlParseExtractor) Extract(page []byte, _ string) (string, error) {
	_, err := html.Parse(bytes.NewReader(page))
	return "", err
}

// goqueryExtractor only builds a goquery document (a parse plus goquery's
// wrapper), for the speed table.
type goqueryExtractor struct{}

func (goqueryExtractor) Name() string { return "goquery" }

func (goqueryExtractor) Extract(page []byte, pageURL string) (string, error) {
	_, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	return "", err
}

// firstLines returns at most n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
