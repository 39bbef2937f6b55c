package cleaner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

func TestCleanNilReader(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	a, err := c.Clean(context.Background(), nil, "")
	require.Error(t, err)
	assert.Nil(t, a)
	a, err = c.CleanWithContentType(context.Background(), nil, "", "text/html")
	require.Error(t, err)
	assert.Nil(t, a)
	a, err = c.CleanDocument(context.Background(), nil, "")
	require.Error(t, err)
	assert.Nil(t, a)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestCleanReadError(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	_, err = c.Clean(context.Background(), failingReader{}, "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk on fire")
}

func TestCleanCancelled(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	page := storyPage{}.String()

	_, err = c.Clean(ctx, strings.NewReader(page), storyURL)
	assert.ErrorIs(t, err, context.Canceled)

	_, err = c.CleanText(ctx, textBody)
	assert.ErrorIs(t, err, context.Canceled)

	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	require.NoError(t, err)
	_, err = c.CleanDocument(ctx, doc, storyURL)
	assert.ErrorIs(t, err, context.Canceled)

	dctx, dcancel := context.WithTimeout(context.Background(), 0)
	defer dcancel()
	<-dctx.Done()
	_, err = c.Clean(dctx, strings.NewReader(page), storyURL)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCleanNoContent(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	_, err = c.Clean(context.Background(), strings.NewReader(`<html><body><script>var x = 1;</script></body></html>`), "")
	assert.ErrorIs(t, err, ErrNoContent)
	_, err = c.CleanText(context.Background(), "  \n\n \t\n")
	assert.ErrorIs(t, err, ErrNoContent)
}

func TestMaxBytes(t *testing.T) {
	t.Parallel()
	page := storyPage{}.String()
	c, err := New(WithMaxBytes(int64(len(page) / 2)))
	require.NoError(t, err)
	a, err := c.Clean(context.Background(), strings.NewReader(page), storyURL)
	require.NoError(t, err)
	assert.True(t, a.Truncated)
	assert.Contains(t, a.Text, storyParas[0])
	assert.NotContains(t, a.Text, storyParas[len(storyParas)-1])

	// Exactly the limit: not truncated.
	c, err = New(WithMaxBytes(int64(len(page))))
	require.NoError(t, err)
	a, err = c.Clean(context.Background(), strings.NewReader(page), storyURL)
	require.NoError(t, err)
	assert.False(t, a.Truncated)
	assertStory(t, a)

	// CleanText truncates too.
	c, err = New(WithMaxBytes(int64(len(textBody) / 2)))
	require.NoError(t, err)
	a, err = c.CleanText(context.Background(), storyTitle+"\n\n"+textBody)
	require.NoError(t, err)
	assert.True(t, a.Truncated)
	assert.NotContains(t, a.Text, storyParas[len(storyParas)-1])
}

func TestMaxNodes(t *testing.T) {
	t.Parallel()
	c, err := New(WithMaxNodes(10))
	require.NoError(t, err)
	_, err = c.Clean(context.Background(), strings.NewReader(storyPage{}.String()), "")
	assert.ErrorIs(t, err, ErrTooLarge)
}

func renderDoc(t *testing.T, doc *goquery.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	for _, n := range doc.Nodes {
		require.NoError(t, html.Render(&buf, n))
	}
	return buf.Bytes()
}

func TestCleanDocument(t *testing.T) {
	t.Parallel()
	page := storyPage{
		Before: `<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul></nav>`,
		Top:    `<p class="byline">By Maria Delgado</p><div class="share-tools"><a href="https://twitter.com/intent/tweet?u=x">Tweet</a></div>`,
		Bottom: `<div class="ad-slot"><p>Advertisement</p></div>`,
		After:  `<section id="comments"><div class="comment"><p>Great news for the neighbourhood, well done everyone.</p></div></section>`,
	}.String()
	c, err := New(WithTrace(true))
	require.NoError(t, err)
	want, err := c.Clean(context.Background(), strings.NewReader(page), storyURL)
	require.NoError(t, err)
	require.NotEmpty(t, want.Removed)

	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	require.NoError(t, err)
	before := renderDoc(t, doc)
	outer, err := goquery.OuterHtml(doc.Selection)
	require.NoError(t, err)

	got, err := c.CleanDocument(context.Background(), doc, storyURL)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(renderDoc(t, doc)), "CleanDocument modified the document")
	outerAfter, err := goquery.OuterHtml(doc.Selection)
	require.NoError(t, err)
	assert.Equal(t, outer, outerAfter)

	assert.Equal(t, want.Text, got.Text)
	assert.Equal(t, want.Title, got.Title)
	assert.Equal(t, want.Authors, got.Authors)
	assert.Equal(t, len(want.Removed), len(got.Removed))

	// A second call on the same document gives the same result.
	again, err := c.CleanDocument(context.Background(), doc, storyURL)
	require.NoError(t, err)
	assert.Equal(t, got.Text, again.Text)
	assert.Equal(t, string(before), string(renderDoc(t, doc)))
}

func TestCleanDocumentURL(t *testing.T) {
	t.Parallel()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(promoPage()))
	require.NoError(t, err)
	doc.Url = mustURL(t, "https://www.example.com/story")
	c, err := New(WithHost("example.com", Host{Remove: []string{".tickets-box"}}))
	require.NoError(t, err)
	a, err := c.CleanDocument(context.Background(), doc, "")
	require.NoError(t, err)
	assert.NotContains(t, a.Text, promoText, "doc.Url should select the host rules")
}

func TestTrace(t *testing.T) {
	t.Parallel()
	page := storyPage{
		Before: `<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul></nav>`,
		Top:    `<p class="byline">By Maria Delgado</p><div class="share-tools"><a href="https://twitter.com/intent/tweet?u=x">Tweet</a></div>`,
		Bottom: `<div class="ad-slot"><p>Advertisement</p></div><p>Facebook share button</p><p>Facebook share button</p>`,
	}.String()

	off, err := New()
	require.NoError(t, err)
	a, err := off.Clean(context.Background(), strings.NewReader(page), storyURL)
	require.NoError(t, err)
	assert.Empty(t, a.Removed)
	ta, err := off.CleanText(context.Background(), "Settings\n\n"+storyTitle+"\n\n"+textBody+"\n\nX")
	require.NoError(t, err)
	assert.Empty(t, ta.Removed)

	on, err := New(WithTrace(true))
	require.NoError(t, err)
	b, err := on.Clean(context.Background(), strings.NewReader(page), storyURL)
	require.NoError(t, err)
	assert.Equal(t, a.Text, b.Text, "the trace changes the result")
	require.NotEmpty(t, b.Removed)
	rules := map[string]Rule{}
	for _, r := range on.Rules() {
		rules[r.ID] = r
	}
	last := PhasePrune
	for _, r := range b.Removed {
		assert.NotEmpty(t, r.Rule)
		assert.NotEmpty(t, r.Reason, r.Rule)
		assert.NotEmpty(t, r.Text, r.Rule)
		assert.LessOrEqual(t, len(r.Text), traceTextLimit+len("…"))
		rule, ok := rules[r.Rule]
		if assert.True(t, ok, "unknown rule %q in trace", r.Rule) {
			assert.Equal(t, rule.Phase, r.Phase, r.Rule)
			assert.Equal(t, rule.Description, r.Reason, r.Rule)
		}
		assert.GreaterOrEqual(t, r.Phase, last, "trace out of pipeline order")
		last = r.Phase
	}
	for _, id := range []string{"navigation", "bylines", "share-buttons", "ads"} {
		found := false
		for _, r := range b.Removed {
			found = found || r.Rule == id
		}
		assert.True(t, found, "no trace entry for %s:\n%s", id, traceDump(b))
	}

	tb, err := on.CleanText(context.Background(), "Settings\n\n"+storyTitle+"\n\n"+textBody+"\n\nX")
	require.NoError(t, err)
	assert.Equal(t, ta.Text, tb.Text)
	require.NotEmpty(t, tb.Removed)
	for _, r := range tb.Removed {
		assert.Equal(t, PhaseText, r.Phase)
		assert.NotEmpty(t, r.Text)
		assert.NotEmpty(t, r.Reason)
	}

	// Long removed texts are cut.
	long := storyPage{After: `<section id="comments">` + strings.Repeat(`<div class="comment"><p>What a wonderful day for the whole town, thank you all.</p></div>`, 30) + `</section>`}.String()
	c, err := on.Clean(context.Background(), strings.NewReader(long), storyURL)
	require.NoError(t, err)
	require.True(t, traceHas(c, "comments", "What a wonderful day"))
	for _, r := range c.Removed {
		assert.LessOrEqual(t, len(r.Text), traceTextLimit+len("…"))
	}
}

func TestNoGluedWords(t *testing.T) {
	t.Parallel()
	wrap := func(inner string) string {
		return storyPage{Middle: inner}.String()
	}
	cases := []struct {
		name string
		html string
		want []string // each must appear as its own words
		not  []string // glued forms that must not appear
	}{
		{"paragraphs in a div", `<div><p>alpha</p><p>bravo</p></div>`, []string{"alpha", "bravo"}, []string{"alphabravo"}},
		{"list items", `<ul><li>charlie</li><li>delta</li></ul>`, []string{"charlie", "delta"}, []string{"charliedelta"}},
		{"table cells", `<table><tr><td>echo</td><td>foxtrot</td></tr><tr><td>golf</td><td>hotel</td></tr></table>`, []string{"echo", "foxtrot", "golf", "hotel"}, []string{"echofoxtrot", "foxtrotgolf", "golfhotel"}},
		{"line breaks", `<p>india<br>juliet<br/>kilo</p>`, []string{"india", "juliet", "kilo"}, []string{"indiajuliet", "julietkilo"}},
		{"headings and divs", `<h2>lima</h2><div>mike</div><div><div>november</div>oscar</div>`, []string{"lima", "mike", "november", "oscar"}, []string{"limamike", "mikenovember", "novemberoscar"}},
		{"blockquote and pre", `<blockquote>papa</blockquote><pre>quebec</pre><p>romeo</p>`, []string{"papa", "quebec", "romeo"}, []string{"papaquebec", "quebecromeo"}},
		{"definition list", `<dl><dt>sierra</dt><dd>tango</dd></dl>`, []string{"sierra", "tango"}, []string{"sierratango"}},
		{"figure caption", `<figure><img src="a.jpg" alt=""><figcaption>uniform</figcaption></figure><p>victor</p>`, []string{"uniform", "victor"}, []string{"uniformvictor"}},
	}
	// Captions are dropped by default; keep them here to see their words.
	c, err := New(WithoutRules("figure-captions"))
	require.NoError(t, err)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := c.Clean(context.Background(), strings.NewReader(wrap(tc.html)), storyURL)
			require.NoError(t, err)
			words := map[string]bool{}
			for _, w := range strings.FieldsFunc(a.Text, func(r rune) bool { return r == ' ' || r == '\n' || r == '|' }) {
				words[w] = true
			}
			for _, w := range tc.want {
				assert.True(t, words[w], "%q is not a word of:\n%s", w, a.Text)
			}
			for _, g := range tc.not {
				assert.NotContains(t, a.Text, g)
			}
		})
	}

	// Whole pages made only of such blocks.
	for _, body := range []string{
		`<div><p>one</p><p>two</p></div>`,
		`<ul><li>a</li><li>b</li></ul>`,
		`<table><tr><td>x</td><td>y</td></tr></table>`,
		`<p>first<br>second</p>`,
	} {
		a, err := c.Clean(context.Background(), strings.NewReader("<html><body>"+body+"</body></html>"), "")
		require.NoError(t, err, body)
		for _, glued := range []string{"onetwo", "ab", "xy", "firstsecond"} {
			assert.NotContains(t, a.Text, glued, body)
		}
	}
}

func TestTextLayout(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	a, err := c.Clean(context.Background(), strings.NewReader(storyPage{
		Middle: `<ul><li>First item of the list</li><li>Second item of the list</li></ul>` +
			`<table><tr><th>Year</th><th>Visitors</th></tr><tr><td>2019</td><td>210,000</td></tr></table>`,
	}.String()), storyURL)
	require.NoError(t, err)
	// Paragraphs are separated by a blank line, list items and table rows by
	// a newline.
	assert.Contains(t, a.Text, storyParas[0]+"\n\n"+storyParas[1])
	assert.Contains(t, a.Text, "First item of the list\nSecond item of the list")
	assert.Contains(t, a.Text, "Year | Visitors\n2019 | 210,000")
	assert.NotContains(t, a.Text, "\n\n\n")
	assert.Equal(t, strings.TrimSpace(a.Text), a.Text)
	var kinds []BlockKind
	for _, b := range a.Blocks {
		kinds = append(kinds, b.Kind)
	}
	assert.Contains(t, kinds, ListItem)
	assert.Contains(t, kinds, TableRow)
	assert.Equal(t, renderText(a.Blocks), a.Text)
}

// TestConcurrent runs one Cleaner on every golden case from many
// goroutines; run it with -race.
func TestConcurrent(t *testing.T) {
	t.Parallel()
	cases := loadGoldenCases(t)
	require.NotEmpty(t, cases)
	c, err := New(WithTrace(true), WithHost("example.com", Host{Remove: []string{".promo-box"}}))
	require.NoError(t, err)

	type result struct {
		text, title string
		authors     []string
		removed     int
		err         string
	}
	run := func(gc goldenCase) result {
		a, err := gc.clean(c)
		if err != nil {
			return result{err: err.Error()}
		}
		return result{text: a.Text, title: a.Title, authors: a.Authors, removed: len(a.Removed)}
	}
	want := make([]result, len(cases))
	for i, gc := range cases {
		want[i] = run(gc)
	}

	const workers, rounds = 12, 6
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds*len(cases))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for k := range cases {
					i := (k + w + r) % len(cases)
					if got := run(cases[i]); fmt.Sprint(got) != fmt.Sprint(want[i]) {
						errs <- fmt.Sprintf("worker %d, case %s: result differs from the sequential one", w, cases[i].name)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestConcurrentDocument(t *testing.T) {
	t.Parallel()
	// Many goroutines read one goquery document at once.
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(storyPage{Top: `<p class="byline">By Maria Delgado</p>`}.String()))
	require.NoError(t, err)
	c, err := New()
	require.NoError(t, err)
	want, err := c.CleanDocument(context.Background(), doc, storyURL)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				a, err := c.CleanDocument(context.Background(), doc, storyURL)
				if assert.NoError(t, err) {
					assert.Equal(t, want.Text, a.Text)
				}
			}
		}()
	}
	wg.Wait()
}

func TestCleanReaderKinds(t *testing.T) {
	t.Parallel()
	// Readers that return little at a time work like any other.
	page := storyPage{}.String()
	c, err := New()
	require.NoError(t, err)
	want, err := c.Clean(context.Background(), strings.NewReader(page), storyURL)
	require.NoError(t, err)
	got, err := c.Clean(context.Background(), io.MultiReader(strings.NewReader(page[:100]), strings.NewReader(page[100:])), storyURL)
	require.NoError(t, err)
	assert.Equal(t, want.Text, got.Text)
	got, err = c.Clean(context.Background(), &oneByteReader{s: page}, storyURL)
	require.NoError(t, err)
	assert.Equal(t, want.Text, got.Text)
}

type oneByteReader struct {
	s string
	i int
}

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.s[r.i]
	r.i++
	return 1, nil
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}
