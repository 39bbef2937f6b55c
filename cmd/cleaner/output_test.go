package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/boilerfree/cleaner"
)

func encode(t *testing.T, rec record) map[string]any {
	t.Helper()
	b, err := json.Marshal(rec)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func TestRecordKeys(t *testing.T) {
	in := input{name: "a.html", path: "a.html"}

	// An empty article: lists are [], dates and truncated left out.
	rec := encode(t, newRecord(&result{in: in, art: &cleaner.Article{}}, "", false))
	assert.ElementsMatch(t, articleKeys, keys(rec))
	assert.Equal(t, []any{}, rec["authors"])
	assert.Equal(t, []any{}, rec["tags"])

	// With --trace, removed is there even when empty.
	rec = encode(t, newRecord(&result{in: in, art: &cleaner.Article{}}, "", true))
	assert.ElementsMatch(t, append(articleKeys, "removed"), keys(rec))
	assert.Equal(t, []any{}, rec["removed"])

	// A failed input: the error, and empty article fields.
	rec = encode(t, newRecord(&result{in: in, err: errors.New("cleaner: no content found")}, "", true))
	assert.ElementsMatch(t, errorKeys, keys(rec))
	assert.Equal(t, "no content found", rec["error"])
	assert.Equal(t, "", rec["title"])

	// Truncated input: flagged, whether the page failed or not.
	rec = encode(t, newRecord(&result{in: in, err: errors.New("x"), truncated: true}, "", false))
	assert.Equal(t, true, rec["truncated"])
	rec = encode(t, newRecord(&result{in: in, art: &cleaner.Article{}, truncated: true}, "", false))
	assert.Equal(t, true, rec["truncated"])

	// Dates in RFC 3339 with their zone.
	pub := time.Date(2024, 10, 21, 9, 30, 0, 0, time.UTC)
	rec = encode(t, newRecord(&result{in: in, art: &cleaner.Article{Published: pub}}, "", false))
	assert.Equal(t, "2024-10-21T09:30:00Z", rec["published"])
	assert.NotContains(t, rec, "modified")
}

func TestErrorText(t *testing.T) {
	in := input{name: "a.html", path: "a.html"}
	_, err := os.Open("a-file-that-is-not-there")
	assert.Contains(t, errorText(input{name: "x", path: "x"}, err), "a-file-that-is-not-there", "another path stays")
	_, err = os.Open("a.html")
	if err != nil {
		assert.Equal(t, "no such file or directory", errorText(in, err))
	}
	assert.Equal(t, "no content found", errorText(in, cleaner.ErrNoContent))
	assert.Equal(t, "rule x: boom", errorText(in, &cleaner.RuleError{Rule: "x", Err: errors.New("boom")}))
	assert.Equal(t, "wrapped: cleaner: no content found", errorText(in, fmt.Errorf("wrapped: %w", cleaner.ErrNoContent)))
}

func TestTextOutput(t *testing.T) {
	var out, errOut bytes.Buffer
	o := newOutput("text", &out, &errOut, "", false, true)
	ok := func(name, title, text string) *result {
		return &result{in: input{name: name}, art: &cleaner.Article{Title: title, Text: text}}
	}
	require.NoError(t, o.write(ok("a", "Title\non two lines", "Para 1.\n\nPara 2.\n\n")))
	require.NoError(t, o.write(&result{in: input{name: "b"}, err: errors.New("bad")}))
	require.NoError(t, o.write(ok("c", "", "")))
	r := ok("d", "D", "Text")
	r.truncated = true
	require.NoError(t, o.write(r))
	require.NoError(t, o.flush())
	assert.Equal(t, "==> a <==\nTitle on two lines\n\nPara 1.\n\nPara 2.\n\n==> c <==\n\n\n\n==> d <==\nD\n\nText\n", out.String())
	assert.Equal(t, "cleaner: b: bad\ncleaner: d: input truncated: longer than --max-bytes\n", errOut.String())
}

func TestRenderedOutputs(t *testing.T) {
	a := &cleaner.Article{Title: "T *x*", Language: "en", Text: "Body <b>",
		Blocks: []cleaner.Block{{Kind: cleaner.Paragraph, Text: "Body <b>"}}}
	for format, want := range map[string]string{
		"markdown":          "# T \\*x\\*\n\nBody \\<b>\n",
		"markdown+metadata": "---\ntitle: \"T *x*\"\nlanguage: \"en\"\n---\n\nBody \\<b>\n",
		"html":              "<h1>T *x*</h1>\n<p>Body &lt;b&gt;</p>\n",
	} {
		var out, errOut bytes.Buffer
		o := newOutput(format, &out, &errOut, "", false, false)
		require.NoError(t, o.write(&result{in: input{name: "a"}, art: a}))
		require.NoError(t, o.flush())
		assert.Equal(t, want, out.String(), format)
	}
	// Several inputs are framed as in text; an article without a title
	// has no heading.
	var out, errOut bytes.Buffer
	o := newOutput("markdown", &out, &errOut, "", false, true)
	require.NoError(t, o.write(&result{in: input{name: "a"}, art: a}))
	require.NoError(t, o.write(&result{in: input{name: "b"}, err: errors.New("bad")}))
	require.NoError(t, o.write(&result{in: input{name: "c"}, art: &cleaner.Article{Blocks: a.Blocks}}))
	require.NoError(t, o.flush())
	assert.Equal(t, "==> a <==\n# T \\*x\\*\n\nBody \\<b>\n\n==> c <==\nBody \\<b>\n", out.String())
	assert.Equal(t, "cleaner: b: bad\n", errOut.String())
}
