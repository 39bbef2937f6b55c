package main

import (
	"errors"
	"strings"
	"testing"
)

type panicky struct{}

func (panicky) Name() string                           { return "panicky" }
func (panicky) Extract([]byte, string) (string, error) { panic("boom") }

func TestSafeExtractRecovers(t *testing.T) {
	text, err := safeExtract(panicky{}, []byte("<p>x</p>"), "")
	if text != "" || !errors.Is(err, errPanic) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("got %q, %v", text, err)
	}
	d := &Dataset{Name: "d", Pages: []Page{{ID: "1", HTML: []byte("x")}, {ID: "2", HTML: []byte("y")}}}
	x := runExtractor(panicky{}, d)
	if len(x.errs) != 2 || x.texts["1"] != "" {
		t.Fatalf("runExtractor: %d errors, texts %v", len(x.errs), x.texts)
	}
}

func TestSelectExtractors(t *testing.T) {
	all, err := selectExtractors("")
	if err != nil || len(all) != len(registry) {
		t.Fatalf("all: %d, %v", len(all), err)
	}
	got, err := selectExtractors("readeck, cleaner,go-trafilatura+fallback")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.name)
	}
	if strings.Join(names, ",") != "cleaner,go-trafilatura+fallback,readeck/go-readability" {
		t.Errorf("got %v", names)
	}
	if _, err := selectExtractors("cleaner,nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown name: %v", err)
	}
}

func TestPeersExtract(t *testing.T) {
	page := []byte(`<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav><article><h1>A headline</h1>` +
		strings.Repeat(`<p>This is a fairly long paragraph of the article body, with enough words in it to look like prose to every extractor that scores text.</p>`, 8) +
		`</article><footer>Copyright</footer></body></html>`)
	for _, s := range registry {
		if s.name == "cleaner" {
			continue // its pipeline is tested in its own package
		}
		e := buildExtractor(s)
		text, err := safeExtract(e, page, "https://example.test/a")
		if err != nil {
			t.Errorf("%s: %v", s.name, err)
			continue
		}
		if !s.speedOnly && !strings.Contains(text, "fairly long paragraph") {
			t.Errorf("%s: text %q lacks the article", s.name, text)
		}
	}
}
