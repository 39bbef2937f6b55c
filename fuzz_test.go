package cleaner

// Fuzz targets (issue 5). Each asserts: no panic (a recovered rule panic,
// *RuleError, counts as one), nil or a typed error, valid UTF-8 in the
// article's text and metadata, at most fuzzBudget per call (a context with
// that timeout is passed too, and its expiry is a failure), and, for Clean
// and CleanText, the same article from two calls.
//
// Seeds: every testdata/*/input.* file, each testdata URL, and hand-written
// nasty inputs; without -fuzz, go test runs them as ordinary tests. To fuzz:
//
//	go test -run XXX -fuzz 'FuzzClean$' -fuzztime 3m .
//	go test -run XXX -fuzz FuzzCleanText -fuzztime 3m .
//	go test -run XXX -fuzz FuzzCleanDocument -fuzztime 3m .
//
// Crashers land in testdata/fuzz/<target>/; keep them there as regression
// seeds once fixed.

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// fuzzBudget bounds one call.
const fuzzBudget = 2 * time.Second

var (
	fuzzOnce    sync.Once
	fuzzCleaner *Cleaner
)

func fuzzNew(t testing.TB) *Cleaner {
	fuzzOnce.Do(func() {
		c, err := New()
		if err != nil {
			t.Fatal(err)
		}
		fuzzCleaner = c
	})
	return fuzzCleaner
}

// fuzzSeedFiles returns the testdata inputs: HTML pages and texts.
func fuzzSeedFiles(f *testing.F) (pages, texts [][]byte, urls []string) {
	files, err := filepath.Glob("testdata/*/input.*")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if strings.HasSuffix(name, ".txt") {
			texts = append(texts, data)
		} else {
			pages = append(pages, data)
		}
		if u, err := os.ReadFile(filepath.Join(filepath.Dir(name), "url.txt")); err == nil {
			urls = append(urls, strings.TrimSpace(string(u)))
		}
	}
	return pages, texts, urls
}

// fuzzNastyPages are small hand-written hostile pages.
var fuzzNastyPages = []string{
	"",
	"<",
	"<<<>>>",
	`<div class="a`,
	"<!--",
	"<![CDATA[",
	"<svg><![CDATA[x",
	"<math><mi><svg><foreignObject><p>text</p></foreignObject></svg></mi></math>",
	strings.Repeat("<div>", 600) + "deep text" + strings.Repeat("</div>", 600),
	strings.Repeat("<b>", 300) + "bold" + strings.Repeat("<i>x", 300),
	strings.Repeat(`<a href="/x">link `, 200),
	strings.Repeat("</x>", 500) + "<p>after</p>",
	strings.Repeat("<table><tr><td>cell ", 100),
	`<table><tr><td colspan=99999999 rowspan=99999999>wide</td></tr></table>`,
	"var a=1;function f(b,c){return b<c&&c>b?b:c}if(a<b){a++}",
	"<p>a\x00b\x00c</p>\x00<title>\x00</title>",
	"<p>Caf\xc3 \xff\xfe \xed\xa0\x80 \xf4\x90\x80\x80</p>",
	"\xff\xfe<\x00p\x00>\x00h\x00i\x00",
	"<\x00p\x00>\x00h\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00",
	"<html><body><script>" + strings.Repeat("x", 4096) + "</script></body></html>",
	strings.Repeat("<br>", 1000),
	"<p>" + strings.Repeat("a", 5000) + "</p>",
	`<html><head><meta charset="shift_jis"><title>` + "\x82\xa0\x82\xa2" + `</title></head><body><p>` + "\x93\xfa\x96\x7b" + `</p></body></html>`,
	`<meta http-equiv="content-type" content="text/html; charset=utf-16"><p>x</p>`,
	`<html><head><script type="application/ld+json">` + strings.Repeat("[", 2000) + `</script><meta property="og:title" content="T&#0;itle&#xD800;"></head><body><h1>T</h1><p>By Jane Doe</p><p>` + hostileProseShort + `</p></body></html>`,
	`<template><p>in template</p></template><noscript><p>noscript</p></noscript><p hidden>hidden</p><p>` + hostileProseShort + `</p>`,
	`<select><option>1<option>2</select><form><input><button>Go</button></form><p>` + hostileProseShort + `</p>`,
	"<p>&#x110000;&#0;&#xFFFE;&amp&;&#;&#x;</p>",
	"<plaintext><p>not a tag",
	"<xmp><p>not a tag</xmp><p>tag</p>",
	"<frameset><frame src=x></frameset>",
}

// hostileProseShort is a sentence long enough for a paragraph.
const hostileProseShort = "The council voted on Tuesday to extend the library's opening hours through the winter, after residents asked for evening study space."

var fuzzNastyTexts = []string{
	"",
	"\n\n\n",
	"\x00\x00",
	"\xff\xfe\xfd",
	"- \n* \n• \n",
	"By \nBy Jane Doe\nJane Doe jane@example.com\n",
	"Top 10 Stories\n1\n2\n3\n",
	"-2\n-1\n0\n+1\n+2\n",
	"EXCLUSIVEHeadline Here\nBy Jane Doe\n" + hostileProseShort + "\n" + hostileProseShort + "\n",
	"Photo: AP\n(AP Photo/Jane Doe)\nImage 3 of 8\n",
	strings.Repeat("word ", 2000),
	strings.Repeat("a", 5000),
	"\u2028\u2029\u0085\r\r\n\t\v\f",
	"Caf\xc3\n\xed\xa0\x80\n\xf4\x90\x80\x80",
}

var fuzzURLs = []string{
	"",
	"https://example.com/a/b?c=d#e",
	"http://[::1",
	"javascript:alert(1)",
	"https://例え.jp/パス?q=%ff",
	"//example.com",
	"\x00",
	"https://www./",
	"https://user:pass@WWW.Example.COM:8080/",
	"A0000:\x8b",
}

// fuzzArticleStrings calls f with every string of the article.
func fuzzArticleStrings(a *Article, f func(field, s string)) {
	f("Title", a.Title)
	f("Subtitle", a.Subtitle)
	f("SiteName", a.SiteName)
	f("Description", a.Description)
	f("Language", a.Language)
	f("URL", a.URL)
	f("Image", a.Image)
	f("Text", a.Text)
	f("Charset", a.Charset)
	for _, s := range a.Authors {
		f("Authors", s)
	}
	for _, s := range a.Tags {
		f("Tags", s)
	}
	for _, b := range a.Blocks {
		f("Blocks", b.Text)
	}
	for _, r := range a.Removed {
		f("Removed", r.Text)
	}
}

// fuzzCall runs fn with a context that expires after fuzzBudget and checks
// the result; checkUTF8 says which of the article's fields must be valid
// UTF-8.
func fuzzCall(t *testing.T, what string, checkUTF8 func(field string) bool, fn func(ctx context.Context) (*Article, error)) (*Article, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), fuzzBudget)
	defer cancel()
	start := time.Now()
	a, err := fn(ctx)
	if d := time.Since(start); d > fuzzBudget || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%s: took %v (budget %v): %v", what, d, fuzzBudget, err)
	}
	var re *RuleError
	switch {
	case errors.As(err, &re):
		t.Fatalf("%s: a rule panicked: %v", what, re)
	case err == nil:
		if a == nil {
			t.Fatalf("%s: nil article without an error", what)
		}
	case errors.Is(err, ErrNoContent), errors.Is(err, ErrTooLarge):
	default:
		t.Fatalf("%s: untyped error: %v", what, err)
	}
	if a != nil {
		fuzzArticleStrings(a, func(field, s string) {
			if checkUTF8(field) && !utf8.ValidString(s) {
				t.Fatalf("%s: %s is not valid UTF-8: %q", what, field, s)
			}
		})
	}
	return a, err
}

// fuzzSame asserts that two calls gave the same article.
func fuzzSame(t *testing.T, a1 *Article, err1 error, a2 *Article, err2 error) {
	t.Helper()
	if (err1 == nil) != (err2 == nil) || errors.Is(err1, ErrNoContent) != errors.Is(err2, ErrNoContent) {
		t.Fatalf("not deterministic: errors %v, then %v", err1, err2)
	}
	if (a1 == nil) != (a2 == nil) {
		t.Fatalf("not deterministic: article %v, then %v", a1 != nil, a2 != nil)
	}
	if a1 == nil {
		return
	}
	if a1.Text != a2.Text {
		t.Fatalf("not deterministic: Text\n%q\nthen\n%q", a1.Text, a2.Text)
	}
	if a1.Title != a2.Title || a1.Subtitle != a2.Subtitle || !reflect.DeepEqual(a1.Authors, a2.Authors) {
		t.Fatalf("not deterministic: title, subtitle, authors %q %q %q, then %q %q %q",
			a1.Title, a1.Subtitle, a1.Authors, a2.Title, a2.Subtitle, a2.Authors)
	}
}

func FuzzClean(f *testing.F) {
	pages, texts, urls := fuzzSeedFiles(f)
	urls = append(urls, fuzzURLs...)
	for i, p := range pages {
		f.Add(p, urls[i%len(urls)])
	}
	for _, p := range texts {
		f.Add(p, "")
	}
	for i, p := range fuzzNastyPages {
		f.Add([]byte(p), fuzzURLs[i%len(fuzzURLs)])
	}
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		c := fuzzNew(t)
		clean := func(ctx context.Context) (*Article, error) {
			return c.Clean(ctx, bytes.NewReader(data), pageURL)
		}
		// Known (found by this target): when the page names no canonical
		// URL, Article.URL is pageURL as given, invalid UTF-8 included
		// ("A0000:\x8b": an opaque URL, which url.URL.String does not
		// escape).
		validURL := utf8.ValidString(pageURL)
		check := func(field string) bool { return field != "URL" || validURL }
		a1, err1 := fuzzCall(t, "Clean", check, clean)
		a2, err2 := fuzzCall(t, "Clean again", check, clean)
		fuzzSame(t, a1, err1, a2, err2)
	})
}

func FuzzCleanText(f *testing.F) {
	pages, texts, _ := fuzzSeedFiles(f)
	for _, p := range texts {
		f.Add(string(p))
	}
	for _, p := range pages[:min(len(pages), 3)] {
		f.Add(string(p))
	}
	for _, s := range fuzzNastyTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := fuzzNew(t)
		clean := func(ctx context.Context) (*Article, error) { return c.CleanText(ctx, s) }
		all := func(string) bool { return true }
		a1, err1 := fuzzCall(t, "CleanText", all, clean)
		a2, err2 := fuzzCall(t, "CleanText again", all, clean)
		fuzzSame(t, a1, err1, a2, err2)
	})
}

// FuzzCleanDocument cleans what goquery parses (it refuses pages nested
// deeper than 512 elements). The UTF-8 check applies to valid UTF-8 input
// only: goquery keeps invalid bytes in the text nodes and CleanDocument
// passes them on (see hostileKnown).
func FuzzCleanDocument(f *testing.F) {
	pages, _, _ := fuzzSeedFiles(f)
	for _, p := range pages {
		f.Add(p)
	}
	for _, p := range fuzzNastyPages {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		c := fuzzNew(t)
		clean := func(ctx context.Context) (*Article, error) {
			return c.CleanDocument(ctx, doc, "https://example.com/page")
		}
		valid := utf8.Valid(data)
		check := func(string) bool { return valid }
		a1, err1 := fuzzCall(t, "CleanDocument", check, clean)
		a2, err2 := fuzzCall(t, "CleanDocument again", check, clean)
		fuzzSame(t, a1, err1, a2, err2)
	})
}

// FuzzSanitizeHTML feeds the sanitizer arbitrary fragments: its output
// must be safe (only allowlisted elements, attributes and URL schemes),
// valid UTF-8, stable under parse and render, and unchanged when sanitized
// again (checkSanitized). It also cleans the fragment as a page and checks
// that the article's HTML rendering is already sanitized.
func FuzzSanitizeHTML(f *testing.F) {
	for _, v := range xssVectors {
		f.Add(v, true)
	}
	pages, _, _ := fuzzSeedFiles(f)
	for _, p := range pages[:min(len(pages), 6)] {
		f.Add(string(p), false)
	}
	for _, p := range fuzzNastyPages {
		f.Add(p, false)
	}
	base, _ := url.Parse("https://site.example/dir/page.html")
	f.Fuzz(func(t *testing.T, in string, withBase bool) {
		b := base
		if !withBase {
			b = nil
		}
		start := time.Now()
		out := SanitizeHTML(in, b)
		if d := time.Since(start); d > fuzzBudget {
			t.Fatalf("SanitizeHTML took %v for %d bytes", d, len(in))
		}
		if !utf8.ValidString(out) {
			t.Fatalf("SanitizeHTML output is not valid UTF-8: %q", out)
		}
		checkSanitized(t, in, out, b)

		a, err := fuzzCall(t, "Clean", func(field string) bool { return true }, func(ctx context.Context) (*Article, error) {
			return fuzzNew(t).Clean(ctx, strings.NewReader(in), "https://site.example/dir/page.html")
		})
		if err != nil || a == nil {
			return
		}
		rendered := a.HTML()
		if again := SanitizeHTML(rendered, base); again != rendered {
			t.Fatalf("Article.HTML is not sanitized output:\n%q\nsanitized again:\n%q", rendered, again)
		}
		if md := a.Markdown(); !utf8.ValidString(md) {
			t.Fatalf("Markdown is not valid UTF-8: %q", md)
		}
	})
}
