package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTinyDataset writes a two-page dataset, one page gzipped.
func writeTinyDataset(t *testing.T, root string) string {
	t.Helper()
	d := filepath.Join(root, "tiny")
	if err := os.MkdirAll(filepath.Join(d, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("The council voted on Tuesday to extend the library's opening hours, after a year of campaigning by local parents. ", 6)
	page := func(title string) string {
		return "<html><head><title>" + title + "</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>" +
			title + "</h1><p>" + para + "</p><p>" + para + "</p></article><footer>© Example News</footer></body></html>"
	}
	if err := os.WriteFile(filepath.Join(d, "html", "p1.html"), []byte(page("Library hours")), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page("Second page")))
	zw.Close()
	if err := os.WriteFile(filepath.Join(d, "html", "p2.html.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	gt := map[string]any{
		"p1": map[string]any{"articleBody": para + "\n" + para, "url": "https://example.test/p1"},
		"p2": map[string]any{"articleBody": para, "url": "https://example.test/p2"},
	}
	data, _ := json.Marshal(gt)
	if err := os.WriteFile(filepath.Join(d, "ground-truth.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRunEndToEnd runs the command on a tiny dataset with every output.
func TestRunEndToEnd(t *testing.T) {
	tmp := t.TempDir()
	ds := writeTinyDataset(t, tmp)
	out := filepath.Join(tmp, "out")
	base := filepath.Join(tmp, "base.json")
	warc := filepath.Join(tmp, "all.warc.gz")
	var stdout, stderr bytes.Buffer
	err := run([]string{"-data", filepath.Dir(ds), "-extractors", "cleaner,go-domdistiller,goquery", "-passes", "1",
		"-out", out, "-worst", "1", "-save-baseline", base, "-warc", warc}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	s := stdout.String()
	for _, want := range []string{"### tiny: 2 pages", "| go-domdistiller ", "the 1 pages where cleaner scores lowest", "### speed: 2 pages", "| html.Parse ", "| goquery "} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s[:strings.Index(s, "### speed")], "| goquery") {
		t.Error("goquery, a speed-only baseline, is in the quality table")
	}
	for _, f := range []string{filepath.Join(out, "tiny", "cleaner.json"), filepath.Join(out, "tiny", "go-domdistiller.json"), base, warc} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	pred, err := LoadPredictions(filepath.Join(out, "tiny", "go-domdistiller.json"))
	if err != nil || len(pred) != 2 || pred["p2"] == nil || !strings.Contains(*pred["p2"], "council voted") {
		t.Errorf("predictions: %v %v", pred, err)
	}

	stdout.Reset()
	if err := run([]string{"-data", ds, "-extractors", "cleaner", "-speed=false", "-out", out, "-baseline", base}, &stdout, &stderr); err != nil {
		t.Fatalf("run -baseline: %v", err)
	}
	if !strings.Contains(stdout.String(), "changes since the baseline") || !strings.Contains(stdout.String(), "0 page(s) worse, 0 better") {
		t.Errorf("baseline output:\n%s", stdout.String())
	}

	stdout.Reset()
	if err := run([]string{"-data", ds, "-focus", "go-domdistiller", "-page", "tiny/p2"}, &stdout, &stderr); err != nil {
		t.Fatalf("run -page: %v", err)
	}
	if s := stdout.String(); !strings.Contains(s, "## tiny/p2") || !strings.Contains(s, "--- diff") || !strings.Contains(s, "go-domdistiller: F1") {
		t.Errorf("page output:\n%s", s)
	}
	if err := run([]string{"-data", ds, "-page", "nope"}, &stdout, &stderr); err == nil {
		t.Error("an unknown page was accepted")
	}
}
