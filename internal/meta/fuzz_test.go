package meta

import (
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/html"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05T10:00:00.000+0100", "Mar. 5, 2024 10:30 a.m. EST", "05.03.2024", "1709632800000", "Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05 10:00:00 (CET)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := ParseDate(s); ok && (d.Year() < 1000 || d.Year() > 2999) {
			t.Fatalf("%q gave %v", s, d)
		}
	})
}

func FuzzParseByline(f *testing.F) {
	for _, s := range []string{"By Jane Doe and John Roe", "Martin Untersinger (avec Damien Leloup et Morgane Tual)", "Jane Doe · 5 min read", "Posted on March 3, 2025 by Jane Doe", "((((", ", and , & ,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range ParseByline(s) {
			if n == "" || n != strings.TrimSpace(n) || (utf8.ValidString(s) && !utf8.ValidString(n)) {
				t.Fatalf("%q gave bad name %q", s, n)
			}
		}
	})
}

func FuzzCleanTitle(f *testing.F) {
	f.Add("How to Build a Terrarium | eHow", "eHow", "www.ehow.com")
	f.Add("Foo - Bar: A Story About Baz", "", "")
	f.Add(" - | - ", "-", "-")
	f.Fuzz(func(t *testing.T, title, site, host string) {
		got := CleanTitle(title, site, host)
		if strings.TrimSpace(title) != "" && got == "" {
			t.Fatalf("CleanTitle(%q, %q, %q) is empty", title, site, host)
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add(graphPage)
	f.Add(`<html><head><script type="application/ld+json">[{"@graph":[{"@type":"Article","author":[[{"@id":"x"}]]}]}]</script></head></html>`)
	f.Add(`<div itemscope itemtype="Article"><span itemprop="author" itemscope><b itemprop="name">A B</b></span></div>`)
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		u, _ := url.Parse("https://example.com/a/b")
		Extract(doc, u)
	})
}

// TestExtractConcurrent runs Extract on shared documents from several
// goroutines; with -race it checks that no state is shared.
func TestExtractConcurrent(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(graphPage))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://news.example.com/politics/budget-vote")
	want := Extract(doc, u)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				assert.Equal(t, want, Extract(doc, u))
			}
		}()
	}
	wg.Wait()
}
