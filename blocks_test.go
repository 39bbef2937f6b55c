package cleaner

import (
	"bytes"
	"context"
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cleanBody cleans a page whose article is body, with the content root
// fixed to <article> so that the test is about blocks, not scoring.
func cleanBody(t testing.TB, body string, opts ...Option) *Article {
	t.Helper()
	opts = append(opts, WithHost("blocks.example", Host{Content: "article"}))
	c, err := New(opts...)
	require.NoError(t, err)
	page := `<!doctype html><html><head><title>T</title><base href="/base/"></head><body><article>` + body + `</article></body></html>`
	a, err := c.Clean(context.Background(), strings.NewReader(page), "https://blocks.example/dir/page.html")
	require.NoError(t, err)
	return a
}

// checkSpans fails unless every span of every block lies inside its Text,
// on rune boundaries, without white space at its ends, nested (never
// crossing), ordered, and every link is absolute.
func checkSpans(t testing.TB, blocks []Block) {
	t.Helper()
	for _, b := range blocks {
		var stack []Span
		for i, s := range b.Spans {
			ctx := func() string { return b.Kind.String() + " " + strconvQuote(b.Text) }
			require.True(t, 0 <= s.Start && s.Start < s.End && s.End <= len(b.Text), "span %+v out of %s", s, ctx())
			if utf8.ValidString(b.Text) {
				require.True(t, utf8.ValidString(b.Text[:s.Start]) && utf8.ValidString(b.Text[s.Start:s.End]), "span %+v splits a rune of %s", s, ctx())
			} else {
				require.True(t, runeStartOf(b.Text, s.Start) && runeStartOf(b.Text, s.End), "span %+v splits a rune of %s", s, ctx())
			}
			first, _ := utf8.DecodeRuneInString(b.Text[s.Start:s.End])
			last, _ := utf8.DecodeLastRuneInString(b.Text[s.Start:s.End])
			require.False(t, unicode.IsSpace(first) || unicode.IsSpace(last), "span %+v has space at an end in %s", s, ctx())
			if i > 0 {
				p := b.Spans[i-1]
				require.True(t, p.Start < s.Start || p.Start == s.Start && p.End >= s.End, "spans out of order: %+v %+v", p, s)
			}
			for len(stack) > 0 && stack[len(stack)-1].End <= s.Start {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				require.LessOrEqual(t, s.End, stack[len(stack)-1].End, "span %+v crosses %+v in %s", s, stack[len(stack)-1], ctx())
			}
			stack = append(stack, s)
			if s.Kind == Link {
				require.Equal(t, s.Href, absURL(s.Href, nil, true), "link %q is not absolute http(s) or mailto", s.Href)
			} else {
				require.Empty(t, s.Href)
			}
		}
	}
}

func strconvQuote(s string) string {
	if len(s) > 80 {
		s = s[:80]
	}
	return `"` + s + `"`
}

// runeStartOf reports whether a range loop over s has a rune starting at
// i (or i is len(s)).
func runeStartOf(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for j := range s {
		if j == i {
			return true
		}
	}
	return false
}

func spansOf(b Block) []string {
	var out []string
	for _, s := range b.Spans {
		x := s.Kind.String() + ":" + b.Text[s.Start:s.End]
		if s.Href != "" {
			x += "->" + s.Href
		}
		out = append(out, x)
	}
	return out
}

func TestBlocksSpans(t *testing.T) {
	t.Parallel()
	a := cleanBody(t, `<p>  Lead <em> spaced  emphasis </em>and <strong>strong <em>nested</em></strong>,
		<code>x := 1</code>, <kbd>Ctrl</kbd>, <a href="rel">relative</a>, <a href="/root">root</a>,
		<a href="https://o.example/">absolute</a>, <a href="mailto:m@example.com">mail</a>,
		<a href="javascript:alert(1)">script</a>, <a href="#frag">fragment</a>, <a>no href</a>,
		<em><em>double</em></em>, <code><em>in code</em></code>, café <b>naïve</b>&nbsp;end.</p>`)
	require.Len(t, a.Blocks, 1)
	b := a.Blocks[0]
	checkSpans(t, a.Blocks)
	assert.Equal(t, []string{
		"emphasis:spaced emphasis",
		"strong:strong nested",
		"emphasis:nested",
		"code:x := 1",
		"code:Ctrl",
		"link:relative->https://blocks.example/base/rel",
		"link:root->https://blocks.example/root",
		"link:absolute->https://o.example/",
		"link:mail->mailto:m@example.com",
		"link:fragment->https://blocks.example/base/#frag",
		"emphasis:double",
		"code:in code",
		"strong:naïve",
	}, spansOf(b))

	// WithLinks(false): no link spans, same text.
	nl := cleanBody(t, `<p>A <a href="https://o.example/">link</a> and <em>emphasis</em>.</p>`, WithLinks(false))
	assert.Equal(t, []string{"emphasis:emphasis"}, spansOf(nl.Blocks[0]))
	assert.Equal(t, "A link and emphasis.", nl.Text)
}

func TestBlocksSpansAcrossBlocks(t *testing.T) {
	t.Parallel()
	// A span open across block boundaries marks its part of each block.
	a := cleanBody(t, `<a href="https://o.example/"><p>one two</p><p>three</p></a><em>four<div>five</div>six</em><p>a<br>b <em>c<br>d</em></p>`)
	checkSpans(t, a.Blocks)
	var got [][]string
	for _, b := range a.Blocks {
		got = append(got, spansOf(b))
	}
	assert.Equal(t, [][]string{
		{"link:one two->https://o.example/"},
		{"link:three->https://o.example/"},
		{"emphasis:four"},
		{"emphasis:five"},
		{"emphasis:six"},
		{"emphasis:c\nd"},
	}, got)
	assert.Equal(t, "a\nb c\nd", a.Blocks[5].Text)
}

func TestBlocksStructure(t *testing.T) {
	t.Parallel()
	a := cleanBody(t, `
<div>Intro text<h2>Heading</h2></div>
<ol start="4"><li>four</li><li>five<ul><li>nested</li></ul></li><li value="9">nine</li><li>ten</li></ol>
<ul><li>bullet</li></ul>
<pre class="lang-rust"><code>fn main() {}</code></pre>
<pre><code class="hljs language-c++">int x;</code></pre>
<pre><code class="language-bad&quot;lang">y</code></pre>
<table><thead><tr><td>h1</td><td>h2</td></tr></thead><tr><th>a</th><th>b</th></tr><tr><td>c</td><td></td><td>e | f</td></tr></table>
<hr><hr>
<blockquote><p>A quoted sentence, long enough to stay in the article.</p></blockquote>
<hr>`)
	type row struct {
		Kind    BlockKind
		Level   int
		Text    string
		Ordered bool
		Number  int
		Lang    string
		Header  bool
		Cells   []string
	}
	var got []row
	for _, b := range a.Blocks {
		got = append(got, row{b.Kind, b.Level, b.Text, b.Ordered, b.Number, b.Lang, b.Header, b.Cells})
	}
	assert.Equal(t, []row{
		{Kind: Paragraph, Text: "Intro text"},
		{Kind: Heading, Level: 2, Text: "Heading"},
		{Kind: ListItem, Level: 1, Text: "four", Ordered: true, Number: 4},
		{Kind: ListItem, Level: 1, Text: "five", Ordered: true, Number: 5},
		{Kind: ListItem, Level: 2, Text: "nested"},
		{Kind: ListItem, Level: 1, Text: "nine", Ordered: true, Number: 9},
		{Kind: ListItem, Level: 1, Text: "ten", Ordered: true, Number: 10},
		{Kind: ListItem, Level: 1, Text: "bullet"},
		{Kind: Code, Text: "fn main() {}", Lang: "rust"},
		{Kind: Code, Text: "int x;", Lang: "c++"},
		{Kind: Code, Text: "y"},
		{Kind: TableRow, Text: "h1 | h2", Header: true, Cells: []string{"h1", "h2"}},
		{Kind: TableRow, Text: "a | b", Header: true, Cells: []string{"a", "b"}},
		{Kind: TableRow, Text: "c | | e | f", Cells: []string{"c", "", "e | f"}},
		{Kind: Separator},
		{Kind: Quote, Text: "A quoted sentence, long enough to stay in the article."},
	}, got)
	assert.Equal(t, "Intro text\n\nHeading\n\nfour\nfive\nnested\nnine\nten\nbullet\n\nfn main() {}\n\nint x;\n\ny\n\nh1 | h2\na | b\nc | | e | f\n\nA quoted sentence, long enough to stay in the article.", a.Text)
}

func TestBlocksFigures(t *testing.T) {
	t.Parallel()
	body := `<p>First paragraph of the story, long enough to be a paragraph.</p>
<figure><img src="a.jpg" alt="A"><figcaption>Caption A</figcaption></figure>
<figure><figcaption>Caption B first</figcaption><img data-lazy-src="https://cdn.example/b.jpg" src="data:image/gif;base64,R0l" alt="B"></figure>
<figure><img srcset="c-small.jpg 300w, c-big.jpg 1200w, c-mid.jpg 800w"><img data-srcset="d1.jpg 1x, d2.jpg 2x"><figcaption>Two images</figcaption></figure>
<p>Inline <img src="e.png" alt="E"> image, and a pixel <img src="f.gif" width="1" height="1">.</p>
<figure><img src="javascript:alert(1)"></figure>`
	// Without images: no figures; captions are dropped by figure-captions.
	plain := cleanBody(t, body)
	for _, b := range plain.Blocks {
		assert.NotEqual(t, Figure, b.Kind)
	}
	withImages := cleanBody(t, body, WithImages(true))
	assert.Equal(t, plain.Text, withImages.Text, "images add no text")

	a := cleanBody(t, body, WithImages(true), WithoutRules("figure-captions"))
	kept := cleanBody(t, body, WithoutRules("figure-captions"))
	assert.Equal(t, kept.Text, a.Text, "a caption is in Text whether or not images are on")
	type fig struct{ Kind, Text, Src, Alt string }
	var got []fig
	for _, b := range a.Blocks {
		got = append(got, fig{b.Kind.String(), b.Text, b.Src, b.Alt})
	}
	assert.Equal(t, []fig{
		{"paragraph", "First paragraph of the story, long enough to be a paragraph.", "", ""},
		{"figure", "Caption A", "https://blocks.example/base/a.jpg", "A"},
		{"figure", "Caption B first", "https://cdn.example/b.jpg", "B"},
		{"figure", "", "https://blocks.example/base/c-big.jpg", ""},
		{"figure", "Two images", "https://blocks.example/base/d2.jpg", ""},
		{"paragraph", "Inline image, and a pixel .", "", ""},
		{"figure", "", "https://blocks.example/base/e.png", "E"},
	}, got)
}

func TestBlocksExtrasFollowTextRules(t *testing.T) {
	t.Parallel()
	// A separator at the edges or doubled goes; an image inside a paragraph
	// that a text rule drops goes with it.
	a := cleanBody(t, `<hr><p>The story starts here, and it goes on for a while.</p><hr><hr>
<p>Advertisement <img src="ad.png"></p><p>The story ends here, after a while.</p><hr>`, WithImages(true))
	var kinds []string
	for _, b := range a.Blocks {
		kinds = append(kinds, b.Kind.String())
	}
	assert.Equal(t, []string{"paragraph", "separator", "paragraph"}, kinds)
}

func TestBlocksSpansRandom(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(3))
	pieces := []string{"word", " ", "  ", "\n", "\t", "é", "日本", "\u3000", "\u00a0", "&nbsp;", "\u2003", "🎉", "x", ".", "|",
		"<em>", "</em>", "<strong>", "</strong>", "<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "<a href=\"https://o.example/\">", "<a href=\"rel\">",
		"<a href=\"javascript:x\">", "</a>", "<br>", "<p>", "</p>", "<div>", "</div>", "<span>", "</span>", "<li>", "<td>", "<tr>", "<table>", "</table>",
		"<pre>", "</pre>", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<hr>", "<img src=\"i.png\">", "\xff", "\xe6\x97"}
	for iter := 0; iter < 1500; iter++ {
		var b strings.Builder
		for k := r.Intn(40); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		c, err := New(WithImages(true), WithHost("blocks.example", Host{Content: "article"}))
		require.NoError(t, err)
		page := `<html><body><article>` + b.String() + `</article></body></html>`
		a, err := c.CleanDocument(context.Background(), mustDoc(t, page), "https://blocks.example/p")
		if err != nil {
			continue
		}
		checkSpans(t, a.Blocks)
		assert.Equal(t, renderText(a.Blocks), a.Text)
	}
}

// TestBlocksTextSameWithOptions: on every golden page, images and links
// change the blocks' structure, never Text.
func TestBlocksTextSameWithOptions(t *testing.T) {
	t.Parallel()
	for _, gc := range loadGoldenCases(t) {
		if gc.isText {
			continue
		}
		var texts []string
		for _, opts := range [][]Option{nil, {WithImages(true)}, {WithLinks(false)}, {WithImages(true), WithLinks(false)}} {
			c, err := New(append(opts, WithoutRules(gc.disable...))...)
			require.NoError(t, err)
			a, err := c.Clean(context.Background(), bytes.NewReader(gc.input), gc.url)
			require.NoError(t, err)
			checkSpans(t, a.Blocks)
			texts = append(texts, a.Text)
		}
		for _, tx := range texts[1:] {
			assert.Equal(t, texts[0], tx, gc.name)
		}
	}
}

func mustDoc(t testing.TB, page string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	require.NoError(t, err)
	return doc
}
