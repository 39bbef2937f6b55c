package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/boilerfree/cleaner"
)

// fakeEngine stands in for the Cleaner, so that the command's own logic is
// tested whatever the state of the pipeline. By default it returns an
// article whose title says how the input was cleaned ("html: ..." or
// "text: ...") and whose text is the input.
type fakeEngine struct {
	rules []cleaner.Rule
	do    func(ctx context.Context, kind, data, pageURL string) (*cleaner.Article, error)
	// contentType, when set, sees the Content-Type given with each page
	// of a WARC input.
	contentType func(pageURL, contentType string)
}

func (f *fakeEngine) Clean(ctx context.Context, r io.Reader, pageURL string) (*cleaner.Article, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return f.call(ctx, "html", string(b), pageURL)
}

func (f *fakeEngine) CleanWithContentType(ctx context.Context, r io.Reader, pageURL, contentType string) (*cleaner.Article, error) {
	if f.contentType != nil {
		f.contentType(pageURL, contentType)
	}
	return f.Clean(ctx, r, pageURL)
}

func (f *fakeEngine) CleanText(ctx context.Context, text string) (*cleaner.Article, error) {
	return f.call(ctx, "text", text, "")
}

func (f *fakeEngine) Rules() []cleaner.Rule { return f.rules }

func (f *fakeEngine) call(ctx context.Context, kind, data, pageURL string) (*cleaner.Article, error) {
	if f.do != nil {
		return f.do(ctx, kind, data, pageURL)
	}
	first, _, _ := strings.Cut(data, "\n")
	return &cleaner.Article{Title: kind + ": " + first, Text: data, URL: pageURL}, nil
}

// cli is the outcome of one run of the command.
type cli struct {
	code           int
	stdout, stderr string
}

// records decodes the JSON lines of stdout.
func (c cli) records(t *testing.T) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(c.stdout))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), "line %q", sc.Text())
		recs = append(recs, m)
	}
	require.NoError(t, sc.Err())
	return recs
}

func sources(recs []map[string]any) []string {
	var out []string
	for _, r := range recs {
		out = append(out, fmt.Sprint(r["source"]))
	}
	return out
}

// runReal runs the command with the real Cleaner.
func runReal(t *testing.T, stdin string, args ...string) cli {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return cli{code, out.String(), errOut.String()}
}

// runFake runs the command with a fake engine.
func runFake(t *testing.T, eng engine, stdin io.Reader, args ...string) cli {
	t.Helper()
	var out, errOut bytes.Buffer
	factory := func(...cleaner.Option) (engine, error) { return eng, nil }
	code := runWith(context.Background(), args, stdin, &out, &errOut, factory)
	return cli{code, out.String(), errOut.String()}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

func writeGzip(t *testing.T, path, content string) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write([]byte(content))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	writeFile(t, path, buf.String())
}

// mixedDir makes a directory with HTML, text, gzip, hidden and nested
// files; it returns the directory and the inputs expected from it, in order.
func mixedDir(t *testing.T) (string, []string) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.html"), "<html><body><p>Alpha paragraph.</p></body></html>")
	writeFile(t, filepath.Join(dir, "b.txt"), "<p> is how a paragraph starts\nBeta text.")
	writeGzip(t, filepath.Join(dir, "c.html.gz"), "<p>Gamma, compressed.</p>")
	writeFile(t, filepath.Join(dir, "d"), "\ufeff \n<!DOCTYPE html><title>Delta</title>")
	writeFile(t, filepath.Join(dir, "e"), "Epsilon, plain text.")
	writeFile(t, filepath.Join(dir, ".hidden.html"), "<p>hidden</p>")
	writeFile(t, filepath.Join(dir, ".git", "x.txt"), "hidden dir")
	writeFile(t, filepath.Join(dir, "sub", "f.txt"), "Zeta, nested.")
	require.NoError(t, os.Symlink(filepath.Join(dir, "e"), filepath.Join(dir, "link")))
	want := []string{"a.html", "b.txt", "c.html.gz", "d", "e", filepath.Join("sub", "f.txt")}
	for i, w := range want {
		want[i] = filepath.Join(dir, w)
	}
	return dir, want
}

func TestRunMixedDir(t *testing.T) {
	dir, want := mixedDir(t)
	missing := filepath.Join(dir, "missing.html")
	c := runFake(t, &fakeEngine{}, strings.NewReader(""), "--format", "json", dir, missing)
	assert.Equal(t, 1, c.code, "a missing input fails the run: %s", c.stderr)
	recs := c.records(t)
	assert.Equal(t, append(want, missing), sources(recs))
	require.Len(t, recs, 7)

	titles := []string{
		"html: <html><body><p>Alpha paragraph.</p></body></html>",
		"text: <p> is how a paragraph starts", // .txt wins over the content
		"html: <p>Gamma, compressed.</p>",     // decompressed
		"html: \ufeff ",                       // sniffed: BOM, space, then a doctype
		"text: Epsilon, plain text.",
		"text: Zeta, nested.",
	}
	for i, want := range titles {
		assert.Equal(t, want, recs[i]["title"], "input %d", i)
		assert.NotContains(t, recs[i], "error")
	}
	assert.Equal(t, "no such file or directory", recs[6]["error"])
	assert.Contains(t, c.stderr, "7 pages, 1 errors, ")

	// The real Cleaner gets the same inputs in the same order; whatever
	// it makes of them, the missing file is an error and the run goes on.
	c = runReal(t, "", "--format", "json", dir, missing)
	assert.Equal(t, 1, c.code)
	recs = c.records(t)
	assert.Equal(t, append(want, missing), sources(recs))
	assert.Equal(t, "no such file or directory", recs[len(recs)-1]["error"])
}

func TestRunTextFormat(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	writeFile(t, a, "Title A\n\nBody A.")
	writeFile(t, b, "Title B\n\nBody B.\n")
	missing := filepath.Join(dir, "nope.txt")

	c := runFake(t, &fakeEngine{}, nil, a)
	assert.Equal(t, 0, c.code)
	assert.Equal(t, "text: Title A\n\nTitle A\n\nBody A.\n", c.stdout)
	assert.Empty(t, c.stderr, "no summary for a single input")

	c = runFake(t, &fakeEngine{}, nil, a, missing, b)
	assert.Equal(t, 1, c.code)
	assert.Equal(t, "==> "+a+" <==\ntext: Title A\n\nTitle A\n\nBody A.\n\n"+
		"==> "+b+" <==\ntext: Title B\n\nTitle B\n\nBody B.\n", c.stdout)
	assert.Contains(t, c.stderr, "cleaner: "+missing+": no such file or directory\n")
	assert.Regexp(t, `(?m)^3 pages, 1 errors, 0\.0 MB, [0-9.]+ s, [0-9.]+ pages/s, [0-9.]+ MB/s$`, c.stderr)
}

func TestBadUsage(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	writeFile(t, f, "text")
	for _, args := range [][]string{
		{"--bogus", f},
		{"--format", "xml", f},
		{"--from", "pdf", f},
		{"-j", "0", f},
		{"-j", "x", f},
		{"--max-bytes", "0", f},
		{"--max-bytes", "lots", f},
		{"--timeout", "-1s", f},
		{"--timeout", "soon", f},
		{"-", "-"},
		{f, "--format"}, // flag after the inputs, without its value
	} {
		c := runFake(t, &fakeEngine{}, strings.NewReader(""), args...)
		assert.Equal(t, 2, c.code, "%q", args)
		assert.Empty(t, c.stdout, "%q", args)
		assert.NotEmpty(t, c.stderr, "%q", args)
	}
	// The real command too.
	c := runReal(t, "", "--bogus", f)
	assert.Equal(t, 2, c.code)
	assert.Contains(t, c.stderr, "flag provided but not defined: -bogus")

	c = runReal(t, "", "-h")
	assert.Equal(t, 0, c.code)
	assert.Contains(t, c.stdout, "usage: cleaner")
}

func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.txt")
	writeFile(t, f, "Hello")
	dash := filepath.Join(dir, "-j")
	writeFile(t, dash, "Dash")
	// Flags after the inputs, and both -flag and --flag.
	c := runFake(t, &fakeEngine{}, nil, f, "--format", "json", "-from=html")
	require.Equal(t, 0, c.code, c.stderr)
	assert.Equal(t, "html: Hello", c.records(t)[0]["title"])
	// "--" ends the flags.
	c = runFake(t, &fakeEngine{}, nil, "-format=json", "--", dash)
	require.Equal(t, 0, c.code, c.stderr)
	assert.Equal(t, []string{dash}, sources(c.records(t)))
}

func TestDisableRule(t *testing.T) {
	c := runReal(t, "", "--disable-rule", "no-such-rule", "x.html")
	assert.Equal(t, 2, c.code)
	assert.Contains(t, c.stderr, `unknown rule "no-such-rule"`)
	assert.Empty(t, c.stdout)

	// The IDs reach the Cleaner: repeated, or as a list.
	defaults := cleaner.DefaultRules()
	if len(defaults) < 3 {
		return
	}
	c = runReal(t, "", "--disable-rule", defaults[0].ID, "--disable-rule="+defaults[1].ID+","+defaults[2].ID, "--rules")
	assert.Equal(t, 0, c.code, c.stderr)
	var want, listed []string
	for _, ph := range []cleaner.Phase{cleaner.PhasePrune, cleaner.PhaseRefine, cleaner.PhaseText} {
		for _, r := range defaults[3:] {
			if r.Phase == ph {
				want = append(want, r.ID)
			}
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(c.stdout), "\n")[1:] {
		listed = append(listed, strings.Fields(line)[0])
	}
	assert.Equal(t, want, listed)
}

func TestRules(t *testing.T) {
	eng := &fakeEngine{rules: []cleaner.Rule{
		{ID: "share-buttons", Phase: cleaner.PhasePrune, Description: "drops share buttons"},
		{ID: "duplicate-paragraphs", Phase: cleaner.PhaseText, Description: "drops repeated paragraphs"},
	}}
	c := runFake(t, eng, nil, "--rules", "ignored-input")
	assert.Equal(t, 0, c.code)
	lines := strings.Split(strings.TrimSpace(c.stdout), "\n")
	require.Len(t, lines, 3)
	assert.Regexp(t, `^ID +PHASE +DESCRIPTION$`, lines[0])
	assert.Regexp(t, `^share-buttons +prune +drops share buttons$`, lines[1])
	assert.Regexp(t, `^duplicate-paragraphs +text +drops repeated paragraphs$`, lines[2])

	c = runReal(t, "", "--rules")
	assert.Equal(t, 0, c.code)
	assert.True(t, strings.HasPrefix(c.stdout, "ID"), c.stdout)
	assert.Len(t, strings.Split(strings.TrimSpace(c.stdout), "\n"), 1+len(cleaner.DefaultRules()))
}

func TestURL(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
	writeFile(t, a, "<p>A</p>")
	writeFile(t, b, "<p>B</p>")

	c := runReal(t, "", "--url", "https://example.com/a", a, b)
	assert.Equal(t, 2, c.code)
	assert.Contains(t, c.stderr, "--url is for a single input")
	assert.Empty(t, c.stdout)

	// A directory of two files is two inputs.
	c = runReal(t, "", "--url", "https://example.com/a", dir)
	assert.Equal(t, 2, c.code)

	c = runFake(t, &fakeEngine{}, nil, "--format=json", "--url", "https://example.com/a", a)
	require.Equal(t, 0, c.code, c.stderr)
	assert.Equal(t, "https://example.com/a", c.records(t)[0]["url"])

	// A failed input keeps the URL that identifies it.
	fail := &fakeEngine{do: func(context.Context, string, string, string) (*cleaner.Article, error) {
		return nil, cleaner.ErrNoContent
	}}
	c = runFake(t, fail, nil, "--format=json", "--url", "https://example.com/a", a)
	assert.Equal(t, 1, c.code)
	rec := c.records(t)[0]
	assert.Equal(t, "https://example.com/a", rec["url"])
	assert.Equal(t, "no content found", rec["error"])
}

func TestStdin(t *testing.T) {
	for _, args := range [][]string{{"--format", "json"}, {"--format", "json", "-"}} {
		c := runFake(t, &fakeEngine{}, strings.NewReader("<!doctype html><p>Hi</p>"), args...)
		require.Equal(t, 0, c.code, c.stderr)
		recs := c.records(t)
		require.Len(t, recs, 1)
		assert.Equal(t, "-", recs[0]["source"])
		assert.Equal(t, "html: <!doctype html><p>Hi</p>", recs[0]["title"])
		assert.Empty(t, c.stderr)
	}

	// Gzip on stdin is recognized by its magic bytes.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("Plain text, compressed."))
	zw.Close()
	c := runFake(t, &fakeEngine{}, &gz, "--format=json")
	require.Equal(t, 0, c.code, c.stderr)
	assert.Equal(t, "text: Plain text, compressed.", c.records(t)[0]["title"])

	// Stdin among files, in its place.
	dir := t.TempDir()
	f := filepath.Join(dir, "f.txt")
	writeFile(t, f, "File")
	c = runFake(t, &fakeEngine{}, strings.NewReader("Stdin"), "--format=json", f, "-", f)
	require.Equal(t, 0, c.code, c.stderr)
	recs := c.records(t)
	assert.Equal(t, []string{f, "-", f}, sources(recs))
	assert.Equal(t, "text: Stdin", recs[1]["title"])

	// The real Cleaner reads stdin too.
	c = runReal(t, "<html><body><p>Hello from stdin.</p></body></html>", "--format", "json")
	assert.Contains(t, []int{0, 1}, c.code)
	recs = c.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "-", recs[0]["source"])
}

// manyInputs writes n text files of varied sizes and returns their paths.
func manyInputs(t *testing.T, n int) []string {
	dir := t.TempDir()
	var paths []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("page%03d.txt", i))
		writeFile(t, p, fmt.Sprintf("Page %d\n\n%s", i, strings.Repeat("Some words of text. ", 1+i*37%200)))
		paths = append(paths, p)
	}
	return paths
}

func TestOrderParallel(t *testing.T) {
	paths := manyInputs(t, 50)
	var running, most atomic.Int32
	eng := &fakeEngine{do: func(ctx context.Context, kind, data, _ string) (*cleaner.Article, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		first, _, _ := strings.Cut(data, "\n")
		if strings.HasSuffix(first, "7") {
			return nil, errors.New("no sevens")
		}
		return &cleaner.Article{Title: first}, nil
	}}
	c := runFake(t, eng, nil, append([]string{"-j", "4", "--format", "json"}, paths...)...)
	assert.Equal(t, 1, c.code)
	recs := c.records(t)
	require.Equal(t, paths, sources(recs))
	for i, r := range recs {
		if i%10 == 7 {
			assert.Equal(t, "no sevens", r["error"])
		} else {
			assert.Equal(t, fmt.Sprintf("Page %d", i), r["title"])
		}
	}
	assert.LessOrEqual(t, most.Load(), int32(4), "at most -j pages at once")
	assert.Greater(t, most.Load(), int32(1), "pages are cleaned in parallel")
	assert.Contains(t, c.stderr, "50 pages, 5 errors, ")

	// The real Cleaner, shared by the workers: same order.
	c = runReal(t, "", append([]string{"-j", "4", "--format", "json"}, paths...)...)
	assert.Equal(t, paths, sources(c.records(t)))
}

// TestWindowBounded checks that a slow page holds back the reading of new
// inputs: with -j 2, at most 2*2 inputs are in flight.
func TestWindowBounded(t *testing.T) {
	paths := manyInputs(t, 30)
	release := make(chan struct{})
	var started atomic.Int32
	eng := &fakeEngine{do: func(ctx context.Context, kind, data, _ string) (*cleaner.Article, error) {
		if strings.HasPrefix(data, "Page 0\n") {
			<-release
		} else {
			started.Add(1)
		}
		return &cleaner.Article{Title: "x"}, nil
	}}
	var wg sync.WaitGroup
	var c cli
	wg.Go(func() { c = runFake(t, eng, nil, append([]string{"-j", "2", "--format", "json"}, paths...)...) })

	deadline := time.Now().Add(5 * time.Second)
	for started.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // give a runaway queue time to show
	assert.Equal(t, int32(3), started.Load(), "page 0 and 3 more in flight")
	close(release)
	wg.Wait()
	assert.Equal(t, 0, c.code)
	assert.Equal(t, paths, sources(c.records(t)))
	assert.Equal(t, int32(29), started.Load())
}

func TestTimeout(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "slow.txt")
	writeFile(t, f, "Slow page")
	// A pipeline that honours the context...
	waits := &fakeEngine{do: func(ctx context.Context, _, _, _ string) (*cleaner.Article, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	// ...and one that does not: the result comes too late and is dropped.
	ignores := &fakeEngine{do: func(ctx context.Context, _, _, _ string) (*cleaner.Article, error) {
		time.Sleep(50 * time.Millisecond)
		return &cleaner.Article{Title: "late"}, nil
	}}
	for _, eng := range []*fakeEngine{waits, ignores} {
		c := runFake(t, eng, nil, "--timeout", "20ms", "--format", "json", f)
		assert.Equal(t, 1, c.code)
		rec := c.records(t)[0]
		assert.Equal(t, "timed out after 20ms", rec["error"])
		assert.Equal(t, "", rec["title"])
	}
	c := runFake(t, ignores, nil, "--timeout", "10s", "--format", "json", f)
	assert.Equal(t, 0, c.code)
	assert.Equal(t, "late", c.records(t)[0]["title"])
}

func TestTrace(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.html")
	writeFile(t, f, "<p>A</p>")
	eng := &fakeEngine{do: func(context.Context, string, string, string) (*cleaner.Article, error) {
		return &cleaner.Article{Title: "T", Text: "Body", Removed: []cleaner.Removal{
			{Rule: "share-buttons", Phase: cleaner.PhasePrune, Text: "Share on X", Reason: "share buttons"},
			{Rule: "font-size", Phase: cleaner.PhaseText, Text: "-2 -1 0 +1 +2", Reason: "font-size widget"},
		}}, nil
	}}
	c := runFake(t, eng, nil, "--trace", f)
	assert.Equal(t, 0, c.code)
	assert.Equal(t, "T\n\nBody\n", c.stdout)
	assert.Equal(t, f+": [share-buttons] share buttons: Share on X\n"+
		f+": [font-size] font-size widget: -2 -1 0 +1 +2\n", c.stderr)

	c = runFake(t, eng, nil, f)
	assert.Empty(t, c.stderr, "no trace without --trace")

	c = runFake(t, eng, nil, "--trace", "--format=json", f)
	rm := c.records(t)[0]["removed"]
	assert.Equal(t, []any{
		map[string]any{"rule": "share-buttons", "phase": "prune", "text": "Share on X", "reason": "share buttons"},
		map[string]any{"rule": "font-size", "phase": "text", "text": "-2 -1 0 +1 +2", "reason": "font-size widget"},
	}, rm)
	c = runFake(t, eng, nil, "--format=json", f)
	assert.NotContains(t, c.records(t)[0], "removed")
}

var (
	articleKeys = []string{"authors", "blocks", "categories", "charset", "comments", "description", "hostname", "image", "language", "sitename",
		"source", "subtitle", "tags", "text", "title", "url"}
	errorKeys = append(append([]string(nil), articleKeys...), "error")
)

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestJSONFields(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.html")
	writeFile(t, f, `<html lang="en"><head><title>A title</title></head><body><article><h1>A title</h1>`+
		strings.Repeat("<p>A paragraph of the article, with enough words to be content.</p>", 5)+
		`</article></body></html>`)
	missing := filepath.Join(dir, "missing.html")

	c := runReal(t, "", "--format", "json", f, missing)
	recs := c.records(t)
	require.Len(t, recs, 2)
	for _, rec := range recs {
		want := articleKeys
		if _, failed := rec["error"]; failed {
			want = errorKeys
		} else {
			// Dates and the truncated flag are left out when unknown.
			for _, k := range []string{"published", "modified", "truncated"} {
				if _, ok := rec[k]; ok {
					want = append(want, k)
				}
			}
		}
		assert.ElementsMatch(t, want, keys(rec), "%v", rec["source"])
		assert.IsType(t, []any{}, rec["authors"], "authors is a list, never null")
		assert.IsType(t, []any{}, rec["tags"], "tags is a list, never null")
	}
	assert.ElementsMatch(t, errorKeys, keys(recs[1]))
	assert.Equal(t, 1, c.code)

	// Every field, filled.
	pub := time.Date(2024, 10, 21, 9, 30, 0, 0, time.FixedZone("KST", 9*3600))
	full := &fakeEngine{do: func(context.Context, string, string, string) (*cleaner.Article, error) {
		return &cleaner.Article{
			Title: "T", Subtitle: "S", Authors: []string{"Jung Min-ho"}, Published: pub, Modified: pub.Add(time.Hour),
			SiteName: "Site", Description: "D", Language: "en", URL: "https://example.com/a",
			Image: "https://example.com/a.jpg", Tags: []string{"x"}, Text: "Body", Truncated: true, Charset: "utf-8",
			Comments: []cleaner.Comment{{Author: "A", Published: pub, Text: "C", Depth: 1}},
		}, nil
	}}
	c = runFake(t, full, nil, "--format", "json", "--trace", f)
	require.Equal(t, 0, c.code, c.stderr)
	rec := c.records(t)[0]
	assert.Equal(t, map[string]any{
		"source": f, "url": "https://example.com/a", "hostname": "example.com", "title": "T", "subtitle": "S", "authors": []any{"Jung Min-ho"},
		"published": "2024-10-21T09:30:00+09:00", "modified": "2024-10-21T10:30:00+09:00",
		"sitename": "Site", "description": "D", "language": "en", "image": "https://example.com/a.jpg",
		"tags": []any{"x"}, "categories": []any{}, "text": "Body", "truncated": true, "charset": "utf-8", "blocks": []any{}, "removed": []any{},
		"comments": []any{map[string]any{"author": "A", "published": "2024-10-21T09:30:00+09:00", "text": "C", "depth": float64(1)}},
	}, rec)
	// The field order is fixed too.
	assert.True(t, strings.HasPrefix(c.stdout, `{"source":`), c.stdout)
	assert.Less(t, strings.Index(c.stdout, `"text":`), strings.Index(c.stdout, `"truncated":`))
}

var bomb struct {
	once sync.Once
	path string
	err  error
}

// gzipBomb returns the path of a gzip file of 200 MB of zeros (about
// 250 KB), written once for all the tests.
func gzipBomb(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("writes 200 MB through gzip")
	}
	bomb.once.Do(func() {
		dir, err := os.MkdirTemp("", "cleaner-bomb-")
		if err != nil {
			bomb.err = err
			return
		}
		bomb.path = filepath.Join(dir, "bomb.gz")
		bomb.err = writeBomb(bomb.path, 200<<20)
	})
	require.NoError(t, bomb.err)
	return bomb.path
}

func writeBomb(path string, size int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw, err := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if err != nil {
		return err
	}
	zeros := make([]byte, 1<<20)
	for n := int64(0); n < size; n += int64(len(zeros)) {
		if _, err := zw.Write(zeros[:min(int64(len(zeros)), size-n)]); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bomb.path != "" {
		os.RemoveAll(filepath.Dir(bomb.path))
	}
	os.Exit(code)
}

func TestGzipBomb(t *testing.T) {
	bomb := gzipBomb(t)
	fi, err := os.Stat(bomb)
	require.NoError(t, err)
	t.Logf("bomb: %d bytes compressed", fi.Size())

	// Output to a file, as from the shell: the JSON of 1 MiB of NULs is
	// 6 MB, which a bytes.Buffer would count several times over.
	outPath := filepath.Join(t.TempDir(), "out.json")
	out, err := os.Create(outPath)
	require.NoError(t, err)
	var errOut bytes.Buffer

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	code := run(context.Background(), []string{"--max-bytes", "1MiB", "--format", "json", bomb}, nil, out, &errOut)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	require.NoError(t, out.Close())

	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("bomb: %v, %d MB allocated, exit %d", elapsed, alloc>>20, code)
	if !raceEnabled { // the race detector's bookkeeping doubles allocations
		assert.Less(t, alloc, uint64(50<<20), "memory stays bounded")
	}
	assert.Less(t, elapsed, 10*time.Second)
	stdout, err := os.ReadFile(outPath)
	require.NoError(t, err)
	c := cli{code: code, stdout: string(stdout), stderr: errOut.String()}
	recs := c.records(t)
	require.Len(t, recs, 1)
	_, failed := recs[0]["error"]
	assert.True(t, recs[0]["truncated"] == true || failed, "truncated or failed: %v", recs[0])
	if !failed {
		assert.Equal(t, 0, c.code)
	}
}

// sharedDir is the directory of the shared corpora: $CLEANER_SHARED, or
// ../shared beside the project's root.
func sharedDir() string {
	if d := os.Getenv("CLEANER_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

// TestSeed is the acceptance test of the project's first page: a news
// article scraped as text with its boilerplate left in.
func TestSeed(t *testing.T) {
	seed := filepath.Join(sharedDir(), "seed", "000_738e8635f113c2bc.txt")
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("seed page not found (%v); set CLEANER_SHARED to the shared directory", err)
	}
	c := runReal(t, "", "--from", "text", "--format", "json", seed)
	require.Equal(t, 0, c.code, c.stderr)
	recs := c.records(t)
	require.Len(t, recs, 1)
	assert.Equal(t, "'Don't die for Putin': Rights groups to send message to NK soldiers", recs[0]["title"])
	assert.Equal(t, []any{"Jung Min-ho"}, recs[0]["authors"])
}

func TestFormatMarkdownAndHTML(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.html")
	writeFile(t, f, `<html lang="en"><head><title>A title</title><meta name="author" content="Ana Lima"></head><body><article><h1>A title</h1>`+
		strings.Repeat("<p>A paragraph of the article, with <em>enough</em> words to be content.</p>", 3)+
		`<script>alert(1)</script></article></body></html>`)

	c := runReal(t, "", "--format", "markdown", f)
	require.Equal(t, 0, c.code, c.stderr)
	assert.True(t, strings.HasPrefix(c.stdout, "# A title\n\nA paragraph of the article, with *enough* words"), c.stdout)

	c = runReal(t, "", "--format=markdown", "--with-metadata", f)
	require.Equal(t, 0, c.code, c.stderr)
	assert.True(t, strings.HasPrefix(c.stdout, "---\ntitle: \"A title\"\nauthors:\n  - \"Ana Lima\"\n"), c.stdout)
	assert.Contains(t, c.stdout, "---\n\nA paragraph")

	c = runReal(t, "", "--format", "html", f)
	require.Equal(t, 0, c.code, c.stderr)
	assert.True(t, strings.HasPrefix(c.stdout, "<h1>A title</h1>\n<p>A paragraph of the article, with <em>enough</em> words"), c.stdout)
	assert.NotContains(t, c.stdout, "script")

	for _, args := range [][]string{{"--format", "pdf"}, {"--format", "json", "--with-metadata"}, {"--with-metadata"}} {
		c = runReal(t, "", append(args, f)...)
		assert.Equal(t, exitUsage, c.code, "%v", args)
	}
}

// TestOutputFlags: --tables, --comments, --links and --images reach the
// Cleaner.
func TestOutputFlags(t *testing.T) {
	page, err := os.ReadFile("../../testdata/comments-wordpress/input.html")
	require.NoError(t, err)
	def := runReal(t, string(page), "--format", "json", "-")
	require.Equal(t, 0, def.code, def.stderr)
	rec := def.records(t)[0]
	assert.Contains(t, rec["text"], "500 g | 350 g")
	assert.Len(t, rec["comments"], 3)

	off := runReal(t, string(page), "--format", "json", "--tables=false", "--comments=false", "-")
	require.Equal(t, 0, off.code, off.stderr)
	rec = off.records(t)[0]
	assert.NotContains(t, rec["text"], "500 g")
	assert.Equal(t, []any{}, rec["comments"])

	links := `<html><body><article><h1>T</h1><p>See <a href="https://example.com/x">this link</a> for a long explanation of everything that matters here.</p>
<p>More words about the subject so that there is enough text for an article.</p><figure><img src="https://example.com/i.jpg" alt="A"><figcaption>Cap</figcaption></figure></article></body></html>`
	md := runReal(t, links, "--format", "markdown", "-")
	assert.Contains(t, md.stdout, "[this link](https://example.com/x)")
	assert.NotContains(t, md.stdout, "![")
	md = runReal(t, links, "--format", "markdown", "--links=false", "--images", "-")
	assert.NotContains(t, md.stdout, "](https://example.com/x)")
	assert.Contains(t, md.stdout, "![A](https://example.com/i.jpg)")
}
